//! Turning a model and its assessment into text. One file per document;
//! nothing here computes a score, it only lays out what the engine found.

pub mod adr;
pub mod advice;
pub mod answers_file;
mod csv;
pub mod evidence;
pub mod explain;
mod html;
mod json;
mod markdown;
pub mod matrix;
mod plain_table;
pub mod questions;
mod svg;
pub mod team;
pub mod uncertainty;
pub mod weights;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use crate::engine;
use crate::model::{Alternative, Kind, Model, Scale};

pub use json::SCHEMA_VERSION;

/// The output formats; each lives in its own file behind [`write`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and text for reading at a terminal.
    Table,
    /// One JSON document (schema: schema/pick-stack.schema.json).
    Json,
    /// GitHub-flavoured Markdown, for pull-request comments and job summaries.
    Markdown,
    /// Comma-separated values, one row per criterion (or option, or problem).
    Csv,
    /// One self-contained HTML page with charts (advise, matrix), for
    /// people who will not run a CLI; works offline and without scripts.
    Html,
}

/// A document a command prints.
pub enum Document<'a> {
    Advice {
        advice: &'a advice::Advice<'a>,
        explain: bool,
    },
    Matrix(&'a Model),
    Questions(&'a Model),
    Validation(&'a Validation),
    Weights {
        model: &'a Model,
        weighing: &'a crate::weigh::Weighing,
        explicit: &'a crate::answers::ExplicitWeights,
    },
}

/// The outcome of `validate`: the model, or every problem found.
pub struct Validation {
    /// What was checked: a path, or "the embedded criteria".
    pub source: String,
    pub outcome: Result<Model, crate::problem::InputError>,
}

/// Writes `document` in `format`. Only the table format knows the terminal's
/// width and colour; the others are for programs and pasting.
pub fn write(
    out: &mut dyn std::io::Write,
    format: Format,
    document: &Document<'_>,
    layout: Layout,
) -> std::io::Result<()> {
    match format {
        Format::Table => write_text(out, document, layout),
        Format::Json => json::write(out, document),
        Format::Markdown => markdown::write(out, document),
        Format::Csv => csv::write(out, document),
        Format::Html => html::write(out, document),
    }
}

fn write_text(
    out: &mut dyn std::io::Write,
    document: &Document<'_>,
    layout: Layout,
) -> std::io::Result<()> {
    match document {
        Document::Advice { advice, explain } => {
            advice::write(out, advice, layout)?;
            if *explain {
                explain::write(out, advice, layout)?;
            }
            Ok(())
        }
        Document::Matrix(model) => matrix::write(out, model, layout),
        Document::Questions(model) => questions::write(out, model),
        Document::Validation(validation) => match &validation.outcome {
            Ok(model) => writeln!(
                out,
                "{}: ok: {} alternatives, {} criteria, {} questions with {} options",
                validation.source,
                model.alternatives.len(),
                model.criteria.len(),
                model.questions.len(),
                model
                    .questions
                    .iter()
                    .map(|question| question.choices.len())
                    .sum::<usize>(),
            ),
            // The problems go to standard error, like every input error.
            Err(_) => Ok(()),
        },
        Document::Weights {
            model,
            weighing,
            explicit,
        } => weights::write(out, model, weighing, explicit, layout),
    }
}

/// How the text output may look: the terminal's width (or unbounded), and
/// whether to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub width: Option<u16>,
    pub color: bool,
}

/// What a coloured span means; colour is only ever a second cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Winner,
    Warning,
}

impl Layout {
    pub fn paint(&self, text: &str, paint: Paint) -> String {
        use crossterm::style::Stylize;
        if !self.color {
            return text.to_owned();
        }
        match paint {
            Paint::Winner => text.green().bold().to_string(),
            Paint::Warning => text.yellow().to_string(),
        }
    }
}

impl Layout {
    /// A table that wraps its cells to fit the layout's width. Tables carry
    /// no colour, so they hold no escape codes wherever they are printed.
    fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        // Colour is decided once, by the layout; the table never looks at
        // the terminal itself.
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        match self.width {
            Some(width) => {
                table.set_width(width);
            }
            // Not a terminal: never wrap.
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table
    }
}

/// Writes a paragraph, wrapped to the layout's width when it has one.
fn write_paragraph(
    out: &mut dyn std::io::Write,
    text: &str,
    layout: Layout,
) -> std::io::Result<()> {
    match layout.width {
        Some(width) => {
            for line in wrap(text, usize::from(width)) {
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
        None => writeln!(out, "{text}"),
    }
}

/// Writes a paragraph like [`write_paragraph`], colouring each wrapped line
/// (colour codes must not count towards the width).
fn write_paragraph_painted(
    out: &mut dyn std::io::Write,
    text: &str,
    layout: Layout,
    paint: Option<Paint>,
) -> std::io::Result<()> {
    let Some(paint) = paint.filter(|_| layout.color) else {
        return write_paragraph(out, text, layout);
    };
    let lines = match layout.width {
        Some(width) => wrap(text, usize::from(width)),
        None => vec![text.to_owned()],
    };
    for line in lines {
        writeln!(out, "{}", layout.paint(&line, paint))?;
    }
    Ok(())
}

/// A score as written in the criteria file: `9`, `7.5`.
fn score(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    // Weights are relative, so a file may hold 1e308 (whose hundredfold
    // is past f64's range) or 1e-300 (which rounds to 0): shown as written.
    if value.abs() >= 1e15 || (rounded == 0.0 && value != 0.0) {
        return crate::magnitude::text(value);
    }
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').to_owned()
    }
}

/// A weighted total or contribution, always with two decimals.
fn points(value: f64) -> String {
    fixed(value, 2)
}

/// `value` with `decimals` places, as figures are printed; from 1e15 up
/// (on a scale, or with weights, that large), where the places would follow
/// hundreds of digits, in scientific notation with as many.
fn fixed(value: f64, decimals: usize) -> String {
    if value.abs() >= 1e15 {
        format!("{value:.decimals$e}")
    } else if value.abs() < 0.4 * 10f64.powi(-(decimals as i32)) {
        // Below half the last place it prints as zero, but the formatter
        // finds that out through big-number arithmetic: most of a large
        // file's points are such figures, and this was a fifth of writing
        // its table. Negative values keep their sign, as `{:.2}` prints it.
        let sign = if value.is_sign_negative() { "-" } else { "" };
        match decimals {
            0 => format!("{sign}0"),
            _ => format!("{sign}0.{:0<decimals$}", ""),
        }
    } else {
        format!("{value:.decimals$}")
    }
}

/// A flip factor, "2.67": two decimals, or in scientific notation beyond
/// a millionfold either way, where weights far apart put it (×9.52e306).
fn factor(value: f64) -> String {
    if (0.01..1e6).contains(&value) {
        format!("{value:.2}")
    } else {
        format!("{value:.2e}")
    }
}

fn scale_text(scale: Scale) -> String {
    format!("{}–{}", score(scale.min), score(scale.max))
}

/// The names of the given alternatives, joined for a sentence.
fn names(alternatives: &[Alternative], indices: &[usize]) -> String {
    let names: Vec<&str> = indices
        .iter()
        .map(|&index| alternatives[index].name.as_str())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Replaces `text` with `args`, keeping its allocation: the large reports
/// fill a row of reused strings a million times.
fn write_over(text: &mut String, args: std::fmt::Arguments<'_>) {
    use std::fmt::Write as _;
    text.clear();
    let _ = text.write_fmt(args);
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// Who leads on one criterion: a name, or "level" when the top is shared.
/// The Leader cell of a row when fewer than two alternatives are still in
/// the running.
pub(crate) const NO_LEADER: &str = "–";

fn leader_text(
    alternatives: &[Alternative],
    scores: &[f64],
    kind: Kind,
    eligible: &[bool],
) -> String {
    let leaders = engine::leaders(scores, kind, eligible);
    match leaders.len() {
        0 => NO_LEADER.to_owned(),
        1 => names(alternatives, &leaders),
        _ => "level".to_owned(),
    }
}

/// Introduces a list of groups, in every format that lists them.
pub(crate) const GROUPS_INTRO: &str = "Groups: criteria that rest on one property share one weight, the heaviest member's plus a stated fraction of each other member's, split in proportion to their own weights.";

/// A group's member ids, joined for a sentence.
/// Where a criterion's ratings come from, each text quoted by `quote`:
/// the criterion's own source, then "Alternative: source" for each rating
/// that names another. Shared by the matrix's Markdown and HTML.
pub(crate) fn criterion_sources(
    model: &Model,
    criterion: &crate::model::Criterion,
    quote: impl Fn(&str) -> String,
) -> Vec<String> {
    criterion
        .source
        .iter()
        .map(|source| quote(source))
        .chain(
            model
                .alternatives
                .iter()
                .enumerate()
                .filter_map(|(position, alternative)| {
                    let own = criterion.source_of(position)?;
                    (Some(own) != criterion.source.as_deref())
                        .then(|| format!("{}: {}", quote(&alternative.name), quote(own)))
                }),
        )
        .collect()
}

pub(crate) fn group_members(model: &Model, group: &crate::model::Group) -> String {
    group
        .members
        .iter()
        .map(|&member| model.criteria[member].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Concurrency model (event_loop): architecture, speed, ...; each member
/// beyond the heaviest counts 0.25. Why they share one weight."
pub(crate) fn group_text(model: &Model, group: &crate::model::Group) -> String {
    format!(
        "{} ({}): {}; each member beyond the heaviest counts {}. {}",
        group.name,
        group.id,
        group_members(model, group),
        score(group.rest_counts),
        group.why
    )
}

/// Greedy word wrap to `width` characters. A line's leading spaces are its
/// indent: they are kept, and its continuation lines get the same, so that
/// an indented figure or rationale reads alike wrapped at a terminal and
/// unwrapped in a pipe. Spacing inside a line is kept too, and a word longer
/// than the room gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut lines = Vec::new();
    for source_line in text.split('\n') {
        let body = source_line.trim_start_matches(' ');
        let indent = &source_line[..source_line.len() - body.len()];
        let room = width.saturating_sub(indent.chars().count()).max(10);
        let mut rest = body.trim_end();
        while rest.chars().count() > room {
            // The last space that leaves at most `room` characters before
            // it, or else the first space at all.
            let limit = rest
                .char_indices()
                .nth(room + 1)
                .map_or(rest.len(), |(at, _)| at);
            let Some(cut) = rest[..limit].rfind(' ').or_else(|| rest.find(' ')) else {
                break;
            };
            let line = rest[..cut].trim_end();
            if !line.is_empty() {
                lines.push(format!("{indent}{line}"));
            }
            rest = rest[cut..].trim_start();
        }
        if !rest.is_empty() {
            lines.push(format!("{indent}{rest}"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The shortcut for figures that print as zero gives what the
        /// formatter gives, at every number of places and either sign.
        #[test]
        fn fixed_is_the_formatters_output(
            mantissa in -1.0f64..1.0,
            exponent in -12i32..18,
            decimals in 0usize..6,
        ) {
            let value = mantissa * 10f64.powi(exponent);
            let expected = if value.abs() >= 1e15 {
                format!("{value:.decimals$e}")
            } else {
                format!("{value:.decimals$}")
            };
            prop_assert_eq!(fixed(value, decimals), expected);
        }
    }

    #[test]
    fn fixed_keeps_the_sign_of_a_negative_zero() {
        assert_eq!(fixed(-0.0, 2), format!("{:.2}", -0.0f64));
        assert_eq!(fixed(-1e-9, 0), format!("{:.0}", -1e-9f64));
        assert_eq!(fixed(0.0039999, 2), "0.00");
    }
    use super::*;

    #[test]
    fn wrap_breaks_between_words_within_the_width() {
        let lines = wrap("one two three four five six seven", 13);
        assert_eq!(lines, vec!["one two three", "four five six", "seven"]);
        assert!(wrap("", 20).is_empty());
        assert_eq!(
            wrap("a-very-long-word and more", 10),
            vec!["a-very-long-word", "and more"]
        );
    }

    #[test]
    fn wrap_keeps_the_indent_and_the_spacing_inside_a_line() {
        let lines = wrap(
            "  Node.js      9 × 3.57% = 0.321 and a rationale after it",
            30,
        );
        assert_eq!(
            lines,
            vec![
                "  Node.js      9 × 3.57% =",
                "  0.321 and a rationale after",
                "  it"
            ]
        );
        // Short enough: exactly as written.
        assert_eq!(
            wrap("      An indented line", 80),
            vec!["      An indented line"]
        );
    }

    #[test]
    fn scores_print_as_written() {
        assert_eq!(score(9.0), "9");
        assert_eq!(score(7.5), "7.5");
        assert_eq!(score(0.125), "0.13");
    }
}
