//! An Architecture Decision Record in the MADR layout (Markdown
//! Architectural Decision Records, version 4): context from the answers,
//! the options, the decision with its computed table, pros and cons from the
//! criteria's rationale, and what would change the decision. Every figure
//! comes from the same assessment `advise` prints; none is typed by hand.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::advice::{self, Advice, flip_phrase, nearest_flip, top_names};
use super::markdown::{cell, code_in_prose, write_advice_table, write_evidence_notes};
use super::{score, svg};
use crate::engine::Verdict;
use crate::model::{Evidence, Kind};

/// How many of the heaviest criteria are listed as decision drivers.
const DRIVERS_SHOWN: usize = 5;

pub struct RecordContext<'a> {
    /// The day the record was written, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Where the criteria came from, e.g. "the embedded criteria".
    pub criteria_source: &'a str,
    /// How to reproduce the run, word by word, e.g. `pick-stack`,
    /// `advise`, `--answers`, `a.yaml`; printed quoted for a POSIX shell.
    pub command: &'a [String],
    /// The alternatives' ids as the criteria file writes them, for the
    /// `--expect` of that command: the model the record reads has them
    /// escaped for people, and the command must run.
    pub raw_ids: &'a [String],
    /// The record's own file name, whose charts are linked beside it
    /// ([`Chart::path_beside`]); `None` draws no charts.
    pub record_path: Option<&'a Path>,
}

/// A chart written as an SVG file beside a decision record and linked
/// from it, so that the record shows it on GitHub.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Each criterion's points for each alternative.
    Contributions,
    /// How far each weight may move before the verdict changes.
    Sensitivity,
}

impl Chart {
    pub const ALL: [Chart; 2] = [Chart::Contributions, Chart::Sensitivity];

    fn suffix(self) -> &'static str {
        match self {
            Chart::Contributions => "contributions",
            Chart::Sensitivity => "sensitivity",
        }
    }

    /// `docs/adr/0001-stack-contributions.svg` for the record
    /// `docs/adr/0001-stack.md`: in the record's folder, named after it.
    /// `None` for a path with no file name (which `--adr` refuses anyway).
    /// A record whose name is near the 255 bytes a file name may have
    /// gives its charts its name cut short enough for the suffix.
    pub fn path_beside(self, record: &Path) -> Option<PathBuf> {
        use std::os::unix::ffi::OsStrExt;
        const NAME_MAX: usize = 255;
        let stem = record.file_stem()?.as_bytes();
        let suffix = format!("-{}.svg", self.suffix());
        let mut keep = stem.len().min(NAME_MAX - suffix.len());
        // Cut between characters where the name is UTF-8.
        if let Ok(text) = std::str::from_utf8(stem) {
            while !text.is_char_boundary(keep) {
                keep -= 1;
            }
        }
        let mut name = stem[..keep].to_vec();
        name.extend_from_slice(suffix.as_bytes());
        Some(record.with_file_name(std::ffi::OsStr::from_bytes(&name)))
    }

    /// The link the record gives: the chart's file name, relative to the
    /// record, with every byte but `A-Z a-z 0-9 - . _ ~` percent-encoded,
    /// so no file name can end the link or add Markdown of its own.
    fn link(self, record: &Path) -> Option<String> {
        let path = self.path_beside(record)?;
        let name = path.file_name()?;
        let mut link = String::new();
        for &byte in name.as_encoded_bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                link.push(char::from(byte));
            } else {
                link.push_str(&format!("%{byte:02X}"));
            }
        }
        Some(link)
    }

    fn alt_text(self) -> &'static str {
        match self {
            Chart::Contributions => "Each criterion's points for each option",
            Chart::Sensitivity => {
                "How far each criterion's weight may move before the decision changes"
            }
        }
    }
}

fn drawn(charted: svg::Charted<'_>, chart: Chart) -> svg::Chart {
    match chart {
        Chart::Contributions => svg::contributions(charted, svg::Placement::File),
        Chart::Sensitivity => svg::tornado(charted, svg::Placement::File),
    }
}

/// The SVG file of `chart` for the record of an advice or a team.
pub(crate) fn chart_file(charted: svg::Charted<'_>, chart: Chart) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
        drawn(charted, chart).svg
    )
    .into_bytes()
}

/// The image link to `chart`, with its caption, where the record has one
/// (`record_path`, the record's own file name): the same for one
/// person's record and a team's.
pub(crate) fn write_chart_link(
    out: &mut dyn Write,
    charted: svg::Charted<'_>,
    record_path: Option<&Path>,
    chart: Chart,
) -> io::Result<()> {
    let Some(link) = record_path.and_then(|record| chart.link(record)) else {
        return Ok(());
    };
    let caption = drawn(charted, chart).caption;
    writeln!(out)?;
    writeln!(out, "![{}]({link})", chart.alt_text())?;
    writeln!(out)?;
    writeln!(out, "*{}*", cell(&caption))
}

pub fn write(
    out: &mut dyn Write,
    advice: &Advice<'_>,
    context: &RecordContext<'_>,
) -> io::Result<()> {
    let Advice {
        model,
        answers,
        scenario,
        assessment,
        sensitivity,
        ..
    } = advice;
    // Every text from the files is Markdown-quoted on its way in: the
    // record is read on GitHub, where a name could otherwise open a tag
    // or a heading.
    let names: Vec<String> = model.alternatives.iter().map(|a| cell(&a.name)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let title = match &assessment.verdict {
        Verdict::Winner { alternative, .. } => {
            format!("Use {} for the new project", names[*alternative])
        }
        Verdict::Tie { .. } => format!(
            "No single choice yet: {}",
            cell(&top_names(model, &assessment.verdict))
        ),
        Verdict::NoneEligible => "No option meets the project's hard requirements".to_owned(),
    };
    writeln!(out, "---")?;
    writeln!(out, "status: proposed")?;
    writeln!(out, "date: {}", context.date)?;
    writeln!(out, "---")?;
    writeln!(out)?;
    writeln!(out, "# {title}")?;
    writeln!(out)?;
    writeln!(out, "## Context and Problem Statement")?;
    writeln!(out)?;
    writeln!(
        out,
        "The team has to choose the stack for a new project: {}. The options were weighed on the \
         criteria below against the project's needs, as answered here:",
        either(&names)
    )?;
    writeln!(out)?;
    writeln!(out, "| Question | Answer |")?;
    writeln!(out, "|---|---|")?;
    for (question, choice) in answers.chosen() {
        let question = &model.questions[question];
        writeln!(
            out,
            "| {} | {} |",
            cell(&question.prompt),
            cell(&question.choices[choice].label)
        )?;
    }
    if let Some(explicit) = &answers.explicit_weights {
        writeln!(out)?;
        writeln!(
            out,
            "Some base weights were set explicitly: {}.",
            cell(&explicit.from)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## Decision Drivers")?;
    writeln!(out)?;
    let mut weighted: Vec<usize> = (0..model.criteria.len())
        .filter(|&c| assessment.shares[c] > 0.0)
        .collect();
    weighted.sort_by(|&a, &b| assessment.shares[b].total_cmp(&assessment.shares[a]));
    for &criterion in weighted.iter().take(DRIVERS_SHOWN) {
        writeln!(
            out,
            "* {} ({:.1}% of the weight)",
            cell(&model.criteria[criterion].name),
            assessment.shares[criterion] * 100.0
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## Considered Options")?;
    writeln!(out)?;
    for (index, name) in names.iter().enumerate() {
        match &scenario.ruled_out[index] {
            Some(ruled_out) => writeln!(
                out,
                "* {name} (ruled out: {})",
                cell(ruled_out.reason(model, index).trim_end_matches('.'))
            )?,
            None => writeln!(out, "* {name}")?,
        }
    }
    writeln!(out)?;
    writeln!(out, "## Decision Outcome")?;
    writeln!(out)?;
    match &assessment.verdict {
        Verdict::Winner { alternative, .. } => writeln!(
            out,
            "Chosen option: \"{}\", because it ranks first by {}. {}",
            names[*alternative],
            assessment.method.name(),
            cell(&advice::verdict_line(model, assessment))
        )?,
        _ => writeln!(
            out,
            "No option is chosen. {}",
            cell(&advice::verdict_line(model, assessment))
        )?,
    }
    writeln!(out)?;
    writeln!(out, "{}", cell(&advice::stability_line(advice)))?;
    if let Some(uncertainty) = advice.uncertainty {
        let line = super::uncertainty::summary_line(model, &assessment.verdict, uncertainty);
        writeln!(out)?;
        writeln!(out, "{}", cell(&line))?;
    }
    if let Some(text) = advice::taste_advice(advice) {
        writeln!(out)?;
        writeln!(out, "{text}")?;
    }
    writeln!(out)?;
    writeln!(out, "### Weighted comparison")?;
    writeln!(out)?;
    write_advice_table(out, advice)?;
    write_evidence_notes(out, advice)?;
    write_chart_link(
        out,
        advice.into(),
        context.record_path,
        Chart::Contributions,
    )?;
    writeln!(out)?;
    writeln!(out, "### What would change this decision")?;
    write_chart_link(out, advice.into(), context.record_path, Chart::Sensitivity)?;
    writeln!(out)?;
    match nearest_flip(&sensitivity.criteria) {
        Some((criterion, entry)) => writeln!(
            out,
            "* Weighting {} {} on its own.",
            cell(&model.criteria[criterion].name),
            cell(&flip_phrase(model, entry))
        )?,
        None => writeln!(out, "* No change of a single criterion's weight alone.")?,
    }
    for flip in &sensitivity.answer_flips {
        let answered = |question: usize, choice: usize| {
            let entry = &model.questions[question];
            format!(
                "\"{}\" with \"{}\"",
                cell(&entry.prompt),
                cell(&entry.choices[choice].label)
            )
        };
        let mut text = answered(flip.question, flip.choice);
        let follow_ups: Vec<(usize, usize)> = advice::effective_follow_ups(model, flip).collect();
        for &(question, choice) in follow_ups.iter().take(crate::problem::ITEMS_LISTED) {
            text.push_str(&format!(" (and then {})", answered(question, choice)));
        }
        if follow_ups.len() > crate::problem::ITEMS_LISTED {
            text.push_str(&format!(
                " (and {} more follow-ups)",
                follow_ups.len() - crate::problem::ITEMS_LISTED
            ));
        }
        writeln!(
            out,
            "* Answering {text}: {}.",
            cell(&top_names(model, &flip.verdict))
        )?;
    }
    if let Some(note) = advice::unchecked_note(sensitivity.answers_unchecked) {
        writeln!(out, "* {}", cell(&note))?;
    }
    writeln!(out)?;
    writeln!(out, "### Confirmation")?;
    writeln!(out)?;
    let mut words: Vec<&str> = context.command.iter().map(String::as_str).collect();
    // The winner's id as the criteria write it, so that the command runs;
    // left out when it holds characters a document must not carry.
    let mut unshowable_id = false;
    if let Verdict::Winner { alternative, .. } = &assessment.verdict {
        let id = context.raw_ids.get(*alternative).map_or("", String::as_str);
        if crate::untrusted::has_unsafe(id) {
            unshowable_id = true;
        } else {
            words.extend(["--expect", id]);
        }
    }
    writeln!(
        out,
        "Run {} in CI: it exits with status 3 when the answers no longer lead to this decision.",
        command_code(&words)
    )?;
    if unshowable_id {
        writeln!(
            out,
            "(No `--expect`: the winner's id holds control or bidi characters a record cannot show; pass its name instead.)"
        )?;
    }
    writeln!(out)?;
    writeln!(out, "## Pros and Cons of the Options")?;
    // Each weighted criterion's best and second-best scores, with the
    // first alternative at each and how many share it, found once:
    // comparing each alternative with every other would cost the square of
    // their number for every criterion.
    // Only the alternatives still in the running are compared with, as
    // the table's Leader column does (all of them when none is).
    let mut in_running: Vec<bool> = (0..names.len())
        .map(|alternative| scenario.is_eligible(alternative))
        .collect();
    if !in_running.contains(&true) {
        in_running.fill(true);
    }
    let standings: Vec<Standing> = weighted
        .iter()
        .map(|&criterion| {
            Standing::of(
                &scenario.scores[criterion],
                model.kinds[criterion],
                &in_running,
            )
        })
        .collect();
    // Who holds a score, for a sentence: "Python", "Python and 2 others".
    let holders = |first: usize, count: usize| -> String {
        let name = &names[first];
        match count {
            0 | 1 => (*name).to_owned(),
            2 => format!("{name} and one other"),
            _ => format!("{name} and {} others", count - 1),
        }
    };
    for (index, name) in names.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "### {name}")?;
        writeln!(out)?;
        for (&criterion, standing) in weighted.iter().zip(&standings) {
            let entry = &model.criteria[criterion];
            let own = scenario.scores[criterion][index];
            let (best, first_best, at_best) = standing.best;
            let scores = match model.kinds[criterion] {
                Kind::Benefit => format!("it scores {} on {}", score(own), cell(&entry.name)),
                Kind::Cost => format!(
                    "it scores {} on {} (lower is better)",
                    score(own),
                    cell(&entry.name)
                ),
            };
            // The rationale stands as written, after a colon: it is a
            // sentence or a phrase of its own, and recasing it would
            // mangle names ("PyPI", "NumPy").
            let better = |a: f64, b: f64| match model.kinds[criterion] {
                Kind::Benefit => a > b,
                Kind::Cost => a < b,
            };
            let comparison = if !in_running[index] {
                // A ruled-out alternative against the best still in the
                // running.
                let verdict = if better(own, best) {
                    "Good"
                } else if own == best {
                    "Neutral"
                } else {
                    "Bad"
                };
                let relation = if own == best { "level with" } else { "against" };
                let against = if own == best {
                    String::new()
                } else {
                    format!("{} for ", score(best))
                };
                format!(
                    "{verdict}, because {scores}, {relation} {against}{}",
                    holders(first_best, at_best)
                )
            } else if own == best && at_best == 1 {
                let against = match standing.second {
                    Some((second, first, count)) => {
                        format!(", against {} for {}", score(second), holders(first, count))
                    }
                    None => String::new(),
                };
                format!("Good, because {scores}{against}")
            } else if own == best {
                // Level at the top: name another holder than itself.
                let other = if first_best == index {
                    (0..names.len())
                        .find(|&other| {
                            other != index
                                && in_running[other]
                                && scenario.scores[criterion][other] == best
                        })
                        .unwrap_or(first_best)
                } else {
                    first_best
                };
                format!(
                    "Neutral, because {scores}, level with {}",
                    holders(other, at_best - 1)
                )
            } else {
                format!(
                    "Bad, because {scores}, against {} for {}",
                    score(best),
                    holders(first_best, at_best)
                )
            };
            let rationale = entry.rationale(index).trim();
            let reason = if rationale.is_empty() {
                String::new()
            } else {
                let stop = if rationale.ends_with(['.', '!', '?']) {
                    ""
                } else {
                    "."
                };
                format!(": {}{stop}", cell(rationale))
            };
            writeln!(out, "* {comparison}{reason}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "## More Information")?;
    writeln!(out)?;
    writeln!(
        out,
        "Generated by pick-stack {} from {} with {}. Every figure above is computed from the criteria \
         and the answers; rerun the command to check it.",
        env!("CARGO_PKG_VERSION"),
        cell(context.criteria_source),
        command_code(
            &context
                .command
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        )
    )?;
    if let Some(article) = &model.provenance.article {
        writeln!(out)?;
        let layer = match model.evidence {
            Evidence::Current => {
                let as_of = model
                    .provenance
                    .current_as_of
                    .as_deref()
                    .map(|date| format!(" as of {}", cell(date)))
                    .unwrap_or_default();
                format!(
                    "with its scores revised where facts have changed since (current evidence{as_of}; `pick-stack matrix` shows both with the year of each change)"
                )
            }
            Evidence::Article => "with its scores as published (`--evidence article`)".to_owned(),
        };
        writeln!(
            out,
            "The criteria rest on the comparison article {}, {layer}.",
            cell(&article.citation())
        )?;
    }
    Ok(())
}

/// A command as a code span, each word quoted for a POSIX shell. A word
/// (a path) holding control or bidi characters is shown escaped, which no
/// shell would run as it is, and the span says so.
fn command_code(words: &[&str]) -> String {
    let line = crate::shell::command(words);
    if crate::untrusted::has_unsafe(&line) {
        format!(
            "{} (a path in it holds control or bidi characters, shown escaped: write it out before running)",
            code_in_prose(&crate::untrusted::escaped(&line))
        )
    } else {
        code_in_prose(&line)
    }
}

/// "A, B or C".
fn either(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A criterion's top scores: (score, first alternative at it, how many
/// are at it) for the best, and for the next best where any differs.
struct Standing {
    best: (f64, usize, usize),
    second: Option<(f64, usize, usize)>,
}

impl Standing {
    /// Among the alternatives `counted`.
    fn of(scores: &[f64], kind: Kind, counted: &[bool]) -> Self {
        let better = |a: f64, b: f64| match kind {
            Kind::Benefit => a > b,
            Kind::Cost => a < b,
        };
        let mut best: Option<(f64, usize, usize)> = None;
        let mut second: Option<(f64, usize, usize)> = None;
        for (index, &value) in scores.iter().enumerate() {
            if !counted[index] {
                continue;
            }
            match best {
                None => best = Some((value, index, 1)),
                Some((top, first, count)) if value == top => best = Some((top, first, count + 1)),
                Some(top) if better(value, top.0) => {
                    second = Some(top);
                    best = Some((value, index, 1));
                }
                Some(_) => match second {
                    Some((next, first, count)) if value == next => {
                        second = Some((next, first, count + 1));
                    }
                    Some(next) if !better(value, next.0) => {}
                    _ => second = Some((value, index, 1)),
                },
            }
        }
        Self {
            best: best.unwrap_or((0.0, 0, 0)),
            second,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Standing};

    #[test]
    fn standings_find_the_best_and_the_next_with_their_holders() {
        let all = [true; 5];
        let standing = Standing::of(&[7.0, 9.0, 9.0, 8.0, 8.0], Kind::Benefit, &all);
        assert_eq!(standing.best, (9.0, 1, 2));
        assert_eq!(standing.second, Some((8.0, 3, 2)));
        let standing = Standing::of(&[3.0, 5.0, 2.0], Kind::Cost, &all[..3]);
        assert_eq!(standing.best, (2.0, 2, 1));
        assert_eq!(standing.second, Some((3.0, 0, 1)));
        // A ruled-out alternative is not compared with.
        let standing = Standing::of(&[6.0, 10.0, 7.0], Kind::Benefit, &[true, false, true]);
        assert_eq!(standing.best, (7.0, 2, 1));
        assert_eq!(standing.second, Some((6.0, 0, 1)));
        let level = Standing::of(&[4.0, 4.0], Kind::Benefit, &all[..2]);
        assert_eq!(level.best, (4.0, 0, 2));
        assert_eq!(level.second, None);
    }
}
