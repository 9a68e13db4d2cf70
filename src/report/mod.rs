//! Turning a model and its assessment into text. One file per document;
//! nothing here computes a score, it only lays out what the engine found.

pub mod advice;
pub mod answers_file;
pub mod matrix;
pub mod questions;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use crate::engine;
use crate::model::{Alternative, Scale};

/// How wide the output may be: the terminal's width, or unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub width: Option<u16>,
}

impl Layout {
    /// A table that wraps its cells to fit the layout's width. Tables carry
    /// no colour, so they hold no escape codes wherever they are printed.
    fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        match self.width {
            Some(width) => {
                table.set_width(width);
            }
            // Not a terminal: never wrap, and never ask a terminal its size.
            None => {
                table
                    .force_no_tty()
                    .set_content_arrangement(ContentArrangement::Disabled);
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

/// A score as written in the criteria file: `9`, `7.5`.
fn score(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let text = format!("{rounded:.2}");
        text.trim_end_matches('0').to_owned()
    }
}

/// A weighted total or contribution, always with two decimals.
fn points(value: f64) -> String {
    format!("{value:.2}")
}

/// A share of the total weight, as a percentage.
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
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

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// Who leads on one criterion: a name, or "level" when the top is shared.
fn leader_text(alternatives: &[Alternative], scores: &[f64]) -> String {
    let leaders = engine::leaders(scores);
    if leaders.len() > 1 {
        "level".to_owned()
    } else {
        names(alternatives, &leaders)
    }
}

/// Greedy word wrap to `width` characters (a word longer than that gets a
/// line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words_within_the_width() {
        let lines = wrap("one two three four five six seven", 13);
        assert_eq!(lines, vec!["one two three", "four five six", "seven"]);
        assert!(wrap("", 20).is_empty());
    }

    #[test]
    fn scores_print_as_written() {
        assert_eq!(score(9.0), "9");
        assert_eq!(score(7.5), "7.5");
        assert_eq!(score(0.125), "0.13");
    }
}
