//! A team's decision in every format: each member's verdict, the team's,
//! the facts the team must settle, the questions answered differently and
//! the members without whom the verdict would change. It reads what
//! [`crate::team::decide`] found; nothing is computed here.
//!
//! The model given is the one the format reads (escaped for the table and
//! Markdown); member names, which come from file names, are escaped here.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Format, Layout, Paint, points, right};
use crate::engine::Verdict;
use crate::engine::sensitivity::Stability;
use crate::model::Model;
use crate::team::Team;

/// Writes the team's decision in `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    model: &Model,
    team: &Team<'_>,
    layout: Layout,
) -> io::Result<()> {
    match format {
        Format::Table => write_text(out, model, team, layout),
        Format::Markdown => write_markdown(out, model, team),
        Format::Json => write_json(out, model, team),
        Format::Csv => write_csv(out, model, team),
        Format::Html => super::html::write_team(out, model, team),
    }
}

/// A member's name as a person is shown it.
fn shown_name(name: &str) -> String {
    crate::untrusted::escaped(name).into_owned()
}

pub(crate) fn verdict_text(model: &Model, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Winner { alternative, .. } => model.alternatives[*alternative].name.clone(),
        Verdict::Tie { alternatives, .. } => {
            format!("tie ({})", super::names(&model.alternatives, alternatives))
        }
        Verdict::NoneEligible => "none eligible".to_owned(),
    }
}

/// The criteria anyone weighs, in file order.
pub(crate) fn weighed(team: &Team<'_>) -> Vec<usize> {
    (0..team.scenario.weights.len())
        .filter(|&criterion| {
            team.assessment.shares[criterion] > 0.0
                || team
                    .analyses
                    .iter()
                    .any(|analysis| analysis.assessment.shares[criterion] > 0.0)
        })
        .collect()
}

pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// How the notes show each kind of text: a member's name, an id, and any
/// other text from the files (prompts, labels, names), each quoted for the
/// format.
pub(crate) struct Style {
    name: fn(&str) -> String,
    code: fn(&str) -> String,
    text: fn(&str) -> String,
}

/// The terminal's: the model is already escaped for people.
const TEXT_STYLE: Style = Style {
    name: shown_name,
    code: |id| format!("`{id}`"),
    text: str::to_owned,
};

/// Every text as it is, for a format that quotes each whole line itself
/// (HTML).
pub(crate) const PLAIN_STYLE: Style = Style {
    name: str::to_owned,
    code: str::to_owned,
    text: str::to_owned,
};

/// Markdown's: every text quoted as in a table cell, so a prompt cannot
/// open a heading, a link or an HTML element.
const MARKDOWN_STYLE: Style = Style {
    name: markdown_name,
    code: super::markdown::code,
    text: super::markdown::cell,
};

/// "Alice: It starts from scratch; Bob: Yes, a Node.js code base".
fn answers_line(model: &Model, team: &Team<'_>, question: usize, style: &Style) -> String {
    let entry = &model.questions[question];
    team.members
        .iter()
        .map(|member| {
            let answer = match member.answers.choice(question) {
                Some(choice) => format!("“{}”", (style.text)(&entry.choices[choice].label)),
                None => "not asked".to_owned(),
            };
            format!("{}: {answer}", (style.name)(&member.name))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The lines under the tables, shared by the table and Markdown formats:
/// facts first, as the team must settle them before anything else.
pub(crate) fn notes(model: &Model, team: &Team<'_>, style: &Style) -> Vec<String> {
    let Style { name, code, text } = *style;
    let verdict = |verdict: &Verdict| text(&verdict_text(model, verdict));
    let mut lines = Vec::new();
    for conflict in &team.conflicts {
        let entry = &model.questions[conflict.question];
        let label = |choice: usize| text(&entry.choices[choice].label);
        let otherwise: String = conflict
            .otherwise
            .iter()
            .map(|(choice, outcome)| {
                format!(
                    " Settled as “{}”, it would be {}.",
                    label(*choice),
                    verdict(outcome)
                )
            })
            .collect();
        lines.push(format!(
            "Fact to settle: {} ({}) states a fact, and members answer it differently ({}). Until the team settles it, the team verdict uses “{}”, {}.{otherwise}",
            text(&entry.prompt),
            code(&entry.id),
            answers_line(model, team, conflict.question, style),
            label(conflict.used),
            if conflict.tied {
                "the first listed of the answers given most (no answer has more members)"
            } else {
                "the answer most members gave"
            },
        ));
    }
    for (alternative, ruled) in team.scenario.ruled_out.iter().enumerate() {
        if let Some(ruled) = ruled {
            lines.push(format!(
                "{} is ruled out for the team: a member answered “{}” ({}), a hard constraint one member's answer is enough to set.",
                text(&model.alternatives[alternative].name),
                text(&model.questions[ruled.question].choices[ruled.choice].label),
                code(&model.questions[ruled.question].id),
            ));
        }
    }
    if let Some(uncertainty) = &team.uncertainty {
        let line = super::uncertainty::summary_line(model, &team.assessment.verdict, uncertainty);
        // The same line as one member's, about the team's weights.
        let rest = line.strip_prefix("Uncertainty").unwrap_or(&line);
        lines.push(format!("Team uncertainty{}", text(rest)));
    }
    let preferences: Vec<usize> = team
        .differences
        .iter()
        .copied()
        .filter(|&question| !team.conflicts.iter().any(|c| c.question == question))
        .collect();
    if !preferences.is_empty() {
        lines.push("Answered differently:".to_owned());
        for question in preferences {
            let entry = &model.questions[question];
            let kind = if entry.fact { "fact" } else { "preference" };
            lines.push(format!(
                "  {} ({}, {kind}): {}",
                text(&entry.prompt),
                code(&entry.id),
                answers_line(model, team, question, style)
            ));
        }
    }
    let pivotal: Vec<String> = team
        .pivotal()
        .map(|(member, outcome)| {
            format!(
                "without {}, the team verdict would be {}",
                name(&team.members[member].name),
                verdict(outcome)
            )
        })
        .collect();
    if team.members.len() > 1 {
        lines.push(if pivotal.is_empty() {
            "Leaving any one member out keeps the team verdict.".to_owned()
        } else {
            format!(
                "Members whose answers change the team verdict: {}.",
                pivotal.join("; ")
            )
        });
    }
    lines
}

fn write_text(
    out: &mut dyn Write,
    model: &Model,
    team: &Team<'_>,
    layout: Layout,
) -> io::Result<()> {
    let alternatives = &model.alternatives;
    let mut members = layout.table();
    let mut header = vec!["Member".to_owned(), "Winner".to_owned()];
    header.extend(
        alternatives
            .iter()
            .map(|alternative| alternative.name.clone()),
    );
    header.push("Stability".to_owned());
    members.set_header(header);
    let rows = team
        .members
        .iter()
        .zip(&team.analyses)
        .map(|(member, analysis)| {
            (
                shown_name(&member.name),
                &analysis.assessment,
                analysis.sensitivity.stability,
            )
        })
        .chain(std::iter::once((
            "Team".to_owned(),
            &team.assessment,
            team.stability,
        )));
    for (name, assessment, stability) in rows {
        let mut row = vec![
            comfy_table::Cell::new(name),
            comfy_table::Cell::new(verdict_text(model, &assessment.verdict)),
        ];
        row.extend(assessment.totals.iter().map(|&total| right(points(total))));
        row.push(comfy_table::Cell::new(stability.label()));
        members.add_row(row);
    }
    writeln!(out, "{members}")?;
    writeln!(out)?;
    let mut weights = layout.table();
    let mut header = vec!["Criterion".to_owned(), "Team weight".to_owned()];
    header.extend(team.members.iter().map(|member| shown_name(&member.name)));
    weights.set_header(header);
    for criterion in weighed(team) {
        let mut row = vec![
            comfy_table::Cell::new(&model.criteria[criterion].name),
            right(percent(team.assessment.shares[criterion])),
        ];
        row.extend(
            team.analyses
                .iter()
                .map(|analysis| right(percent(analysis.assessment.shares[criterion]))),
        );
        weights.add_row(row);
    }
    writeln!(out, "{weights}")?;
    writeln!(out)?;
    writeln!(
        out,
        "Team verdict: {} ({}), from the normalised geometric mean of the members' weights under the team's facts (the members' columns are their weights under their own answers).",
        layout.paint(
            &verdict_text(model, &team.assessment.verdict),
            Paint::Winner
        ),
        team.stability.label()
    )?;
    for line in notes(model, team, &TEXT_STYLE) {
        let paint = if line.starts_with("Fact to settle") {
            layout.paint(&line, Paint::Warning)
        } else {
            line
        };
        writeln!(out, "{paint}")?;
    }
    Ok(())
}

fn markdown_name(name: &str) -> String {
    super::markdown::cell(&shown_name(name))
}

fn write_markdown(out: &mut dyn Write, model: &Model, team: &Team<'_>) -> io::Result<()> {
    write_markdown_members(out, model, team)?;
    writeln!(out)?;
    write!(out, "| Criterion | Team weight |")?;
    for member in &team.members {
        write!(out, " {} |", markdown_name(&member.name))?;
    }
    writeln!(out)?;
    writeln!(out, "|---|---:|{}", "---:|".repeat(team.members.len()))?;
    for criterion in weighed(team) {
        write!(
            out,
            "| {} | {} |",
            super::markdown::cell(&model.criteria[criterion].name),
            percent(team.assessment.shares[criterion])
        )?;
        for analysis in &team.analyses {
            write!(out, " {} |", percent(analysis.assessment.shares[criterion]))?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "**Team verdict: {}** ({}), from the normalised geometric mean of the members' weights under the team's facts (the members' columns are their weights under their own answers).",
        super::markdown::cell(&verdict_text(model, &team.assessment.verdict)),
        team.stability.label()
    )?;
    writeln!(out)?;
    for line in notes(model, team, &MARKDOWN_STYLE) {
        match line.strip_prefix("  ") {
            Some(item) => writeln!(out, "- {item}")?,
            None => writeln!(out, "\n{line}")?,
        }
    }
    Ok(())
}

/// The table of members and the team, in Markdown: also the decision
/// record's.
pub(crate) fn write_markdown_members(
    out: &mut dyn Write,
    model: &Model,
    team: &Team<'_>,
) -> io::Result<()> {
    write!(out, "| Member | Winner |")?;
    for alternative in &model.alternatives {
        write!(out, " {} |", super::markdown::cell(&alternative.name))?;
    }
    writeln!(out, " Stability |")?;
    writeln!(
        out,
        "|---|---|{}---|",
        "---:|".repeat(model.alternatives.len())
    )?;
    let rows = team
        .members
        .iter()
        .zip(&team.analyses)
        .map(|(member, analysis)| {
            (
                markdown_name(&member.name),
                &analysis.assessment,
                analysis.sensitivity.stability,
            )
        })
        .chain(std::iter::once((
            "**Team**".to_owned(),
            &team.assessment,
            team.stability,
        )));
    for (name, assessment, stability) in rows {
        write!(
            out,
            "| {name} | {} |",
            super::markdown::cell(&verdict_text(model, &assessment.verdict))
        )?;
        for &total in &assessment.totals {
            write!(out, " {} |", points(total))?;
        }
        writeln!(out, " {} |", stability.label())?;
    }
    Ok(())
}

/// The notes under the team's tables, for the decision record.
pub(crate) fn markdown_notes(model: &Model, team: &Team<'_>) -> Vec<String> {
    notes(model, team, &MARKDOWN_STYLE)
}

/// CSV: one row per member, then one for the team; the verdict, each
/// alternative's total, the stability, and each criterion's share of the
/// weight, unrounded. The team row lists the conflicting facts.
fn write_csv(out: &mut dyn Write, model: &Model, team: &Team<'_>) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header = vec!["member".to_owned(), "winner".to_owned()];
    header.extend(
        model
            .alternatives
            .iter()
            .map(|alternative| format!("total {}", alternative.id)),
    );
    header.push("stability".to_owned());
    header.extend(
        model
            .criteria
            .iter()
            .map(|criterion| format!("weight {}", criterion.id)),
    );
    header.push("facts to settle".to_owned());
    let record = |name: &str,
                  assessment: &crate::engine::Assessment,
                  stability: Stability,
                  conflicts: String| {
        let mut fields = vec![name.to_owned(), winner_id(model, &assessment.verdict)];
        fields.extend(assessment.totals.iter().map(f64::to_string));
        fields.push(stability.label().to_owned());
        fields.extend(assessment.shares.iter().map(f64::to_string));
        fields.push(conflicts);
        fields
    };
    let mut rows = vec![header];
    for (member, analysis) in team.members.iter().zip(&team.analyses) {
        rows.push(record(
            &member.name,
            &analysis.assessment,
            analysis.sensitivity.stability,
            String::new(),
        ));
    }
    let conflicts: Vec<&str> = team
        .conflicts
        .iter()
        .map(|conflict| model.questions[conflict.question].id.as_str())
        .collect();
    rows.push(record(
        "(team)",
        &team.assessment,
        team.stability,
        conflicts.join(" "),
    ));
    for row in rows {
        super::csv::write_record(&mut writer, row).map_err(super::csv::io_error)?;
    }
    writer.flush()
}

/// The winner's id, `tie` or `none`.
fn winner_id(model: &Model, verdict: &Verdict) -> String {
    match verdict {
        Verdict::Winner { alternative, .. } => model.alternatives[*alternative].id.clone(),
        Verdict::Tie { .. } => "tie".to_owned(),
        Verdict::NoneEligible => "none".to_owned(),
    }
}

#[derive(Serialize)]
struct JsonTeam {
    schema_version: u32,
    document: &'static str,
    method: &'static str,
    team: Value,
}

fn by_alternative(model: &Model, values: &[f64]) -> Value {
    Value::Object(
        model
            .alternatives
            .iter()
            .zip(values)
            .map(|(alternative, &value)| (alternative.id.clone(), value.into()))
            .collect(),
    )
}

fn by_criterion(model: &Model, values: &[f64]) -> Value {
    Value::Object(
        model
            .criteria
            .iter()
            .zip(values)
            .filter(|(_, value)| **value > 0.0)
            .map(|(criterion, &value)| (criterion.id.clone(), value.into()))
            .collect(),
    )
}

fn outcome(
    model: &Model,
    assessment: &crate::engine::Assessment,
    stability: Stability,
) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("winner".into(), winner_value(model, &assessment.verdict));
    object.insert("totals".into(), by_alternative(model, &assessment.totals));
    object.insert("stability".into(), stability.label().into());
    object.insert("weights".into(), by_criterion(model, &assessment.shares));
    object
}

fn winner_value(model: &Model, verdict: &Verdict) -> Value {
    match crate::team::winner(verdict) {
        Some(alternative) => model.alternatives[alternative].id.clone().into(),
        None => Value::Null,
    }
}

fn member_answers(model: &Model, team: &Team<'_>, question: usize) -> Value {
    Value::Object(
        team.members
            .iter()
            .map(|member| {
                let answer = member
                    .answers
                    .choice(question)
                    .map_or(Value::Null, |choice| {
                        model.questions[question].choices[choice].id.clone().into()
                    });
                (member.name.clone(), answer)
            })
            .collect(),
    )
}

/// The uncertainty object of one verdict, as in `advise`'s JSON; null
/// when not sampled.
fn uncertainty_value(
    model: &Model,
    assessment: &crate::engine::Assessment,
    uncertainty: Option<&crate::engine::uncertainty::Uncertainty>,
) -> Value {
    uncertainty.map_or(Value::Null, |uncertainty| {
        let orders = super::json::Orders::new(model);
        serde_json::to_value(super::json::uncertainty_json(
            model,
            &orders,
            &assessment.verdict,
            &assessment.shares,
            uncertainty,
        ))
        .unwrap_or(Value::Null)
    })
}

fn write_json(out: &mut dyn Write, model: &Model, team: &Team<'_>) -> io::Result<()> {
    let members: Vec<Value> = team
        .members
        .iter()
        .zip(&team.analyses)
        .zip(&team.without)
        .map(|((member, analysis), without)| {
            let mut object = Map::new();
            object.insert("name".into(), member.name.clone().into());
            object.extend(outcome(
                model,
                &analysis.assessment,
                analysis.sensitivity.stability,
            ));
            object.insert(
                "uncertainty".into(),
                uncertainty_value(model, &analysis.assessment, analysis.uncertainty.as_ref()),
            );
            object.insert(
                "team_winner_without".into(),
                without
                    .as_ref()
                    .map_or(Value::Null, |verdict| winner_value(model, verdict)),
            );
            Value::Object(object)
        })
        .collect();
    let mut verdict = outcome(model, &team.assessment, team.stability);
    verdict.insert(
        "ruled_out".into(),
        team.scenario
            .ruled_out
            .iter()
            .enumerate()
            .filter(|(_, ruled)| ruled.is_some())
            .map(|(alternative, _)| Value::from(model.alternatives[alternative].id.clone()))
            .collect(),
    );
    verdict.insert(
        "uncertainty".into(),
        uncertainty_value(model, &team.assessment, team.uncertainty.as_ref()),
    );
    // Per weighed criterion (the keys of `weights`), as `advise` gives
    // each criterion's `sensitivity`: factors of the team's weight.
    verdict.insert(
        "flips".into(),
        Value::Object(
            model
                .criteria
                .iter()
                .zip(&team.assessment.shares)
                .zip(&team.flips)
                .filter(|((_, share), _)| **share > 0.0)
                .map(|((criterion, _), entry)| {
                    let value = serde_json::to_value(super::json::sensitivity_json(model, entry))
                        .unwrap_or(Value::Null);
                    (criterion.id.clone(), value)
                })
                .collect(),
        ),
    );
    let conflicts: Vec<Value> = team
        .conflicts
        .iter()
        .map(|conflict| {
            let choices = &model.questions[conflict.question].choices;
            let otherwise: Vec<Value> = conflict
                .otherwise
                .iter()
                .map(|(choice, verdict)| {
                    serde_json::json!({
                        "answer": choices[*choice].id,
                        "winner": winner_value(model, verdict),
                    })
                })
                .collect();
            serde_json::json!({
                "question": model.questions[conflict.question].id,
                "answers": member_answers(model, team, conflict.question),
                "used": choices[conflict.used].id,
                "tied": conflict.tied,
                "otherwise": otherwise,
            })
        })
        .collect();
    let differences: Vec<Value> = team
        .differences
        .iter()
        .map(|&question| {
            serde_json::json!({
                "question": model.questions[question].id,
                "fact": model.questions[question].fact,
                "answers": member_answers(model, team, question),
            })
        })
        .collect();
    let document = JsonTeam {
        schema_version: super::SCHEMA_VERSION,
        document: "team",
        method: team.assessment.method.id(),
        team: serde_json::json!({
            "members": members,
            "verdict": Value::Object(verdict),
            "facts_to_settle": conflicts,
            "differences": differences,
        }),
    };
    // Through the same terminal-safe printer as one person's document: a
    // member is named by a file's name, which can hold a bidi override.
    super::json::emit(out, &document)
}

/// The SVG file of `chart` beside a team's record: the team's
/// assessment and the flips of its weights, drawn as for one person.
/// `model` is the escaped one.
pub fn chart_file(model: &Model, team: &Team<'_>, chart: super::adr::Chart) -> Vec<u8> {
    super::adr::chart_file(super::svg::Charted::team(model, team), chart)
}

/// A decision record (MADR layout) for a team: the members' verdicts and
/// the team's in one table, the facts to settle, and the command that
/// reproduces it. `model` is the escaped one. With `record_path` (the
/// record's own file name), it links the charts written beside it, as
/// one person's record does.
pub fn write_record(
    out: &mut dyn Write,
    model: &Model,
    team: &Team<'_>,
    date: &str,
    command: &[String],
    record_path: Option<&Path>,
) -> io::Result<()> {
    use super::adr::{Chart, write_chart_link};
    let charted = super::svg::Charted::team(model, team);
    let verdict = super::markdown::cell(&verdict_text(model, &team.assessment.verdict));
    writeln!(out, "---")?;
    writeln!(out, "status: proposed")?;
    writeln!(out, "date: {date}")?;
    writeln!(out, "---")?;
    writeln!(out)?;
    writeln!(out, "# Team decision: {verdict}")?;
    writeln!(out)?;
    writeln!(out, "## Context and Problem Statement")?;
    writeln!(out)?;
    let names: Vec<String> = team
        .members
        .iter()
        .map(|member| markdown_name(&member.name))
        .collect();
    writeln!(
        out,
        "{} team members answered pick-stack's questions each ({}). Their preferences are combined by the normalised geometric mean of their weights (Forman & Peniwati 1998); facts about the project are the team's, settled rather than averaged.",
        team.members.len(),
        names.join(", ")
    )?;
    writeln!(out)?;
    writeln!(out, "## Decision Outcome")?;
    writeln!(out)?;
    writeln!(
        out,
        "Chosen option: **{verdict}** ({}).",
        team.stability.label()
    )?;
    writeln!(out)?;
    writeln!(out, "### Members and the team")?;
    writeln!(out)?;
    write_markdown_members(out, model, team)?;
    write_chart_link(out, charted, record_path, Chart::Contributions)?;
    for line in markdown_notes(model, team) {
        match line.strip_prefix("  ") {
            Some(item) => writeln!(out, "- {item}")?,
            None => writeln!(out, "\n{line}")?,
        }
    }
    writeln!(out)?;
    writeln!(out, "### What would change this decision")?;
    write_chart_link(out, charted, record_path, Chart::Sensitivity)?;
    writeln!(out)?;
    // The team's weights alone; a member's answers are theirs to change,
    // and the notes above name the members and facts that would.
    match super::advice::nearest_flip(&team.flips) {
        Some((criterion, entry)) => writeln!(
            out,
            "* Weighting {} {} on its own, in the team's weights.",
            super::markdown::cell(&model.criteria[criterion].name),
            super::markdown::cell(&super::advice::flip_phrase(model, entry))
        )?,
        None => writeln!(
            out,
            "* No change of a single criterion's team weight alone."
        )?,
    }
    writeln!(out)?;
    writeln!(out, "### Confirmation")?;
    writeln!(out)?;
    let words: Vec<String> = command
        .iter()
        .map(|word| crate::untrusted::escaped(&crate::shell::quoted(word)).into_owned())
        .collect();
    writeln!(
        out,
        "Run {} to reproduce it.",
        super::markdown::code_in_prose(&words.join(" "))
    )?;
    Ok(())
}
