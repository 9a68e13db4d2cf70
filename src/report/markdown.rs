//! `--format markdown`: GitHub-flavoured Markdown, ready to paste as a
//! pull-request comment or append to a CI job summary.

use std::io::{self, Write};

use super::advice::{self, Advice, shown_contributions, shown_shares, top_names, total_text};
use super::{Document, Layout, Validation, evidence, fixed, leader_text, scale_text, score};
use crate::engine::{Method, Verdict};
use crate::model::Model;

pub fn write(out: &mut dyn Write, document: &Document<'_>) -> io::Result<()> {
    match document {
        Document::Advice { advice, explain } => write_advice(out, advice, *explain),
        Document::Matrix(model) => write_matrix(out, model),
        Document::Questions(model) => write_questions(out, model),
        Document::Validation(validation) => write_validation(out, validation),
        Document::Weights {
            model,
            weighing,
            explicit,
        } => write_weights(out, model, weighing, explicit),
    }
}

/// Text from the files inline in Markdown, in a table cell or in prose:
/// nothing in it can open an HTML tag or spell a character reference (`<`,
/// `>` and `&` as entities), start emphasis, a link, a code span,
/// strikethrough or mathematics, end a table cell, start a heading or a list
/// (each of `\ ` * _ [ ] | ~ $ # + -` escaped with a backslash where
/// Markdown reads it), mention a person or team or link an issue on GitHub
/// (`#1`, `GH-1`).
/// A bare URL still becomes a link, showing the URL itself. Control characters are already
/// escaped by [`crate::untrusted`] in the model the reports read; a line
/// break left in pick-stack's own text becomes `<br>`.
pub(crate) fn cell(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len());
    let mut chars = text.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|(_, next)| *next);
        match c {
            '<' => quoted.push_str("&lt;"),
            '>' => quoted.push_str("&gt;"),
            // Else `&#x202E;` would be a real bidi override once rendered.
            '&' => quoted.push_str("&amp;"),
            '\n' => quoted.push_str("<br>"),
            // GitHub reads `@team` as a mention that notifies the team, and
            // `#1` as a link to an issue: a zero-width space after the sign
            // (as Renovate writes it) keeps the text and drops the effect.
            '@' if next.is_some_and(|next| next.is_alphanumeric()) => {
                quoted.push_str("@&#8203;");
            }
            '#' if index > 0 && next.is_some_and(|next| next.is_ascii_digit()) => {
                quoted.push_str("#&#8203;");
            }
            // GitHub renders `$…$` as mathematics.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                quoted.push('\\');
                quoted.push(c);
            }
            // Only at the start of a line do these begin a block.
            '#' | '+' | '-' if index == 0 => {
                quoted.push('\\');
                quoted.push(c);
            }
            c => quoted.push(c),
        }
    }
    // `GH-34` is GitHub's other way to link an issue.
    if quoted.contains("GH-") {
        let mut parts = quoted.split("GH-");
        let mut joined = parts.next().unwrap_or_default().to_owned();
        for part in parts {
            joined.push_str("GH-");
            if part.starts_with(|c: char| c.is_ascii_digit()) {
                joined.push_str("&#8203;");
            }
            joined.push_str(part);
        }
        quoted = joined;
    }
    quoted
}

/// `text` as an inline code span in a table cell (see [`code`]), where a
/// bare `|` would end the cell: GitHub reads `\|` there as a `|`.
pub(crate) fn code(text: &str) -> String {
    code_in_prose(&text.replace('|', "\\|"))
}

/// `text` as an inline code span outside a table, which Markdown shows as
/// it is: opened and closed by one more backtick than the longest run
/// inside it, with spaces inside where the text starts or ends with one, so
/// no backtick in it can close the span. A code span cannot hold a line
/// break. Outside a table a `\` in a span is itself, so `|` stays bare: a
/// command copied from the span is the command.
pub(crate) fn code_in_prose(text: &str) -> String {
    let text = text.replace('\n', " ");
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A fenced block for `text`: its fence one backtick longer than any run of
/// backticks in the text, so that no line of it can close the block.
pub(crate) fn fence_for(text: &str) -> String {
    "`".repeat((longest_backtick_run(text) + 1).max(3))
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

/// Alignment row: `---` for text, `--:` for figures.
fn rule(out: &mut dyn Write, numeric: &[bool]) -> io::Result<()> {
    let marks: Vec<&str> = numeric
        .iter()
        .map(|&numeric| if numeric { "--:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", marks.join("|"))
}

/// The weighted table as Markdown; also used by decision records.
pub(crate) fn write_advice_table(out: &mut dyn Write, advice: &Advice<'_>) -> io::Result<()> {
    let Advice {
        model,
        scenario,
        assessment,
        ..
    } = advice;
    let method = assessment.method;
    let contribution = match method {
        Method::WeightedSum => "points",
        Method::WeightedProduct => "factor",
        Method::Topsis => "value",
    };
    let mut header = vec!["Criterion".to_owned(), "Weight".to_owned()];
    for (index, alternative) in model.alternatives.iter().enumerate() {
        let marker = if scenario.is_eligible(index) {
            ""
        } else {
            " (ruled out)"
        };
        header.push(format!("{}{marker} score", cell(&alternative.name)));
        header.push(format!(
            "{}{marker} {contribution}",
            cell(&alternative.name)
        ));
    }
    header.push("Leader".to_owned());
    row(out, &header)?;
    let mut numeric = vec![false, true];
    numeric.extend(std::iter::repeat_n(true, model.alternatives.len() * 2));
    numeric.push(false);
    rule(out, &numeric)?;
    let shares = shown_shares(assessment, 1);
    let contributions = shown_contributions(advice);
    for index in 0..model.criteria.len() {
        if assessment.shares[index] == 0.0 {
            continue;
        }
        let scores = &scenario.scores[index];
        let mut cells = vec![
            cell(&advice::row_name(model, index)),
            format!("{:.1}%", shares[index]),
        ];
        for (alternative, value) in scores.iter().enumerate() {
            cells.push(score(*value));
            cells.push(contribution_cell(method, contributions[index][alternative]));
        }
        let eligible: Vec<bool> = (0..scores.len()).map(|a| scenario.is_eligible(a)).collect();
        let leader = leader_text(&model.alternatives, scores, model.kinds[index], &eligible);
        cells.push(cell(&leader));
        row(out, &cells)?;
    }
    let winner = match &assessment.verdict {
        Verdict::Winner { alternative, .. } => Some(*alternative),
        _ => None,
    };
    let mut cells = vec![
        match method {
            Method::WeightedSum => "**Total (sum)**".to_owned(),
            Method::WeightedProduct => "**Total (product)**".to_owned(),
            Method::Topsis => "**Closeness**".to_owned(),
        },
        String::new(),
    ];
    for (index, total) in assessment.totals.iter().enumerate() {
        cells.push(String::new());
        let text = total_text(method, *total);
        cells.push(if winner == Some(index) {
            format!("**{text}**")
        } else {
            text
        });
    }
    cells.push(format!(
        "**{}**",
        cell(&top_names(model, &assessment.verdict))
    ));
    row(out, &cells)?;
    let notes = advice::rounding_note(advice, &contributions, |value| {
        contribution_cell(method, value)
    })
    .map(str::to_owned)
    .into_iter()
    .chain(advice::leader_note(model, scenario));
    for note in notes {
        writeln!(out)?;
        writeln!(out, "{}", cell(&note))?;
    }
    Ok(())
}

/// The answers behind the verdict, folded away.
fn write_answers_given(
    out: &mut dyn Write,
    model: &Model,
    chosen: &[(usize, usize)],
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "<details><summary>Answers given</summary>")?;
    writeln!(out)?;
    row(out, &["Question".to_owned(), "Answer".to_owned()])?;
    rule(out, &[false, false])?;
    for &(question, choice) in chosen {
        let question = &model.questions[question];
        row(
            out,
            &[
                format!("{} ({})", cell(&question.prompt), code(&question.id)),
                format!(
                    "{} ({})",
                    cell(&question.choices[choice].label),
                    code(&question.choices[choice].id)
                ),
            ],
        )?;
    }
    writeln!(out)?;
    writeln!(out, "</details>")
}

/// A contribution as the Markdown table prints it.
fn contribution_cell(method: Method, value: f64) -> String {
    match method {
        Method::WeightedSum => fixed(value, 2),
        Method::WeightedProduct => fixed(value, 3),
        Method::Topsis => fixed(value, 4),
    }
}

/// Under the weighted table: the evidence layer, and a line per weighed row
/// marked †. Also used by decision records.
pub(crate) fn write_evidence_notes(out: &mut dyn Write, advice: &Advice<'_>) -> io::Result<()> {
    let model = advice.model;
    if !evidence::is_layered(model) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", cell(&evidence::layer_sentence(model)))?;
    let notes: Vec<String> = (0..model.criteria.len())
        .filter(|&criterion| advice.assessment.shares[criterion] > 0.0)
        .filter_map(|criterion| {
            evidence::row_note(model, criterion, &advice.scenario.scores[criterion])
        })
        .collect();
    if !notes.is_empty() {
        writeln!(out)?;
        for note in notes {
            writeln!(out, "- {} {}", evidence::REVISED_MARK, cell(&note))?;
        }
    }
    Ok(())
}

fn write_advice(out: &mut dyn Write, advice: &Advice<'_>, explain: bool) -> io::Result<()> {
    let Advice {
        model,
        scenario,
        assessment,
        sensitivity,
        answers,
        ..
    } = advice;
    writeln!(
        out,
        "### Stack recommendation: {}",
        cell(&top_names(model, &assessment.verdict))
    )?;
    writeln!(out)?;
    write_advice_table(out, advice)?;
    write_evidence_notes(out, advice)?;
    writeln!(out)?;
    writeln!(
        out,
        "**{}**",
        cell(&advice::verdict_line(model, assessment))
    )?;
    writeln!(out)?;
    writeln!(out, "{}", cell(&advice::stability_line(advice)))?;
    if let Some(uncertainty) = advice.uncertainty {
        writeln!(out)?;
        let line = super::uncertainty::summary_line(model, &assessment.verdict, uncertainty);
        writeln!(out, "{}", cell(&line))?;
    }
    if let Some(text) = advice::taste_advice(advice) {
        writeln!(out)?;
        writeln!(out, "{text}")?;
    }
    for (alternative, ruled_out) in scenario.ruled_out.iter().enumerate() {
        if let Some(ruled_out) = ruled_out {
            let question = &model.questions[ruled_out.question];
            writeln!(
                out,
                "\n**{} is ruled out:** {} (answer {} = {})",
                cell(&model.alternatives[alternative].name),
                cell(ruled_out.reason(model, alternative).trim_end_matches('.')),
                code_in_prose(&question.id),
                code_in_prose(&question.choices[ruled_out.choice].id)
            )?;
        }
    }
    if !sensitivity.answer_flips.is_empty() {
        writeln!(out)?;
        writeln!(out, "Answers that would change the top:")?;
        writeln!(out)?;
        for flip in &sensitivity.answer_flips {
            let question = &model.questions[flip.question];
            writeln!(
                out,
                "- {} ({}): {}",
                code_in_prose(&advice::flip_answers(model, flip)),
                cell(&question.choices[flip.choice].label),
                cell(&top_names(model, &flip.verdict))
            )?;
        }
    }
    if let Some(note) = advice::unchecked_note(sensitivity.answers_unchecked) {
        writeln!(out)?;
        writeln!(out, "{}", cell(&note))?;
    }
    // A criteria set without questions has no answers to list.
    let chosen: Vec<(usize, usize)> = answers.chosen().collect();
    if !chosen.is_empty() {
        write_answers_given(out, model, &chosen)?;
    }
    if explain {
        writeln!(out)?;
        writeln!(
            out,
            "<details><summary>How the verdict was reached</summary>"
        )?;
        writeln!(out)?;
        // Rendered first: the fence must be longer than any run of
        // backticks a rationale puts in it.
        let mut explanation = Vec::new();
        super::explain::write(&mut explanation, advice, Layout::default())?;
        let explanation = String::from_utf8_lossy(&explanation);
        let fence = fence_for(&explanation);
        writeln!(out, "{fence}text")?;
        write!(out, "{explanation}")?;
        writeln!(out, "{fence}")?;
        writeln!(out)?;
        writeln!(out, "</details>")?;
    }
    Ok(())
}

fn write_matrix(out: &mut dyn Write, model: &Model) -> io::Result<()> {
    writeln!(out, "### Criteria matrix")?;
    writeln!(out)?;
    if evidence::is_layered(model) {
        writeln!(out, "{}", cell(&evidence::layer_sentence(model)))?;
        if let Some(note) = model
            .provenance
            .article
            .as_ref()
            .and_then(|article| article.note.as_deref())
        {
            writeln!(out)?;
            writeln!(out, "{}", cell(note))?;
        }
        writeln!(out)?;
    }
    let mut header = vec!["Criterion".to_owned(), "Base weight".to_owned()];
    header.extend(
        model
            .alternatives
            .iter()
            .map(|alternative| cell(&alternative.name)),
    );
    header.extend([
        "Favours".to_owned(),
        "Rationale".to_owned(),
        "Source".to_owned(),
    ]);
    row(out, &header)?;
    let mut numeric = vec![false, true];
    numeric.extend(std::iter::repeat_n(true, model.alternatives.len()));
    numeric.extend([false, false, false]);
    rule(out, &numeric)?;
    let groups = model.groups_by_criterion();
    for (index, (criterion, scores)) in model.criteria.iter().zip(model.scores.iter()).enumerate() {
        let favours = leader_text(
            &model.alternatives,
            scores,
            model.kinds[index],
            &vec![true; scores.len()],
        );
        let mut rationale: Vec<String> = Vec::new();
        for (position, alternative) in model.alternatives.iter().enumerate() {
            let text = criterion.rationale(position);
            if !text.is_empty() {
                rationale.push(format!("**{}:** {}", cell(&alternative.name), cell(text)));
            }
            if let Some(revision) = evidence::revision_of(model, index, position) {
                rationale.push(format!(
                    "*{}:* {}",
                    cell(&alternative.name),
                    cell(&evidence::revision_sentence(model, revision))
                ));
            }
        }
        let mut name = format!("{} ({})", cell(&criterion.name), code(&criterion.id));
        if let Some(group) = groups[index] {
            name.push_str(&format!("<br>group: {}", cell(&group.name)));
        }
        let mut cells = vec![name, score(model.base_weights[index])];
        cells.extend(scores.iter().enumerate().map(
            |(position, value)| match evidence::revision_of(model, index, position) {
                Some(revision) => format!(
                    "{} {} <br>(article {})",
                    score(*value),
                    evidence::REVISED_MARK,
                    score(revision.article)
                ),
                None => score(*value),
            },
        ));
        cells.push(cell(&favours));
        cells.push(rationale.join("<br>"));
        cells.push(super::criterion_sources(model, criterion, cell).join("<br>"));
        row(out, &cells)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Scores on a {} scale; higher is better unless the criterion is a cost. Criteria with base weight 0 count only when an answer brings them in.",
        scale_text(model.scale)
    )?;
    if !model.groups.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", super::GROUPS_INTRO)?;
        writeln!(out)?;
        for group in &model.groups {
            let members: Vec<String> = group
                .members
                .iter()
                .map(|&m| code_in_prose(&model.criteria[m].id))
                .collect();
            writeln!(
                out,
                "- **{}** ({}; each member beyond the heaviest counts {}): {}",
                cell(&group.name),
                members.join(", "),
                score(group.rest_counts),
                cell(&group.why)
            )?;
        }
    }
    let notes: Vec<String> = model
        .alternatives
        .iter()
        .filter_map(|alternative| {
            let note = alternative.note.as_deref()?;
            Some(format!("- **{}:** {}", cell(&alternative.name), cell(note)))
        })
        .collect();
    if !notes.is_empty() {
        writeln!(out)?;
        for note in notes {
            writeln!(out, "{note}")?;
        }
    }
    Ok(())
}

fn write_questions(out: &mut dyn Write, model: &Model) -> io::Result<()> {
    writeln!(out, "### Questions")?;
    for question in &model.questions {
        writeln!(out)?;
        writeln!(
            out,
            "**{}** ({})",
            cell(&question.prompt),
            code_in_prose(&question.id)
        )?;
        if !question.help.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", cell(&question.help))?;
        }
        let condition = model.condition_text(question);
        if !condition.is_empty() {
            writeln!(out)?;
            writeln!(out, "*Asked only when {}.*", cell(&condition))?;
        }
        writeln!(out)?;
        for (index, choice) in question.choices.iter().enumerate() {
            let default = if index == question.default {
                " *(default)*"
            } else {
                ""
            };
            let rules_out = model
                .rules_out_text(choice)
                .map(|text| format!(" **({})**", cell(&text)))
                .unwrap_or_default();
            writeln!(
                out,
                "- {}: {}{rules_out}{default}",
                code_in_prose(&choice.id),
                cell(&choice.label)
            )?;
        }
    }
    Ok(())
}

fn write_validation(out: &mut dyn Write, validation: &Validation) -> io::Result<()> {
    match &validation.outcome {
        Ok(model) => writeln!(
            out,
            "**{}: ok**: {} alternatives, {} criteria, {} questions.",
            cell(&validation.source),
            model.alternatives.len(),
            model.criteria.len(),
            model.questions.len()
        ),
        Err(error) => {
            writeln!(
                out,
                "**{}: {} {}**",
                cell(&validation.source),
                crate::problem::thousands(error.count()),
                if error.count() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            )?;
            writeln!(out)?;
            for problem in &error.problems {
                writeln!(out, "- {}", code_in_prose(&problem.to_string()))?;
            }
            if let Some(more) = error.more_text() {
                writeln!(out, "- {more}")?;
            }
            Ok(())
        }
    }
}

fn write_weights(
    out: &mut dyn Write,
    model: &Model,
    weighing: &crate::weigh::Weighing,
    explicit: &crate::answers::ExplicitWeights,
) -> io::Result<()> {
    writeln!(out, "### Weights from pairwise comparison (AHP)")?;
    writeln!(out)?;
    row(
        out,
        &[
            "Criterion".to_owned(),
            "AHP weight".to_owned(),
            "Base weight before".to_owned(),
            "Base weight saved".to_owned(),
        ],
    )?;
    rule(out, &[false, true, true, true])?;
    for ((&criterion, weight), &(_, saved)) in weighing
        .criteria
        .iter()
        .zip(&weighing.priorities.weights)
        .zip(&explicit.values)
    {
        row(
            out,
            &[
                cell(&model.criteria[criterion].name),
                format!("{weight:.3}"),
                score(model.base_weights[criterion]),
                fixed(saved, 3),
            ],
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", cell(&explicit.from))?;
    if let Some(warning) = super::weights::inconsistency_warning(model, weighing) {
        writeln!(out)?;
        writeln!(out, "**{}**", cell(&warning))?;
    }
    for note in super::weights::grouped_notes(model, weighing) {
        writeln!(out)?;
        writeln!(out, "{}", cell(&note))?;
    }
    Ok(())
}
