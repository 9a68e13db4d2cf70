//! Turning a model and its assessment into text. One file per document;
//! nothing here computes a score, it only lays out what the engine found.

pub mod advice;
pub mod answers_file;
pub mod explain;
pub mod matrix;
pub mod questions;
pub mod weights;

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

/// Rounds each value to `decimals` places so that the rounded values add up
/// to `total` rounded the same way (largest-remainder rounding): a column of
/// figures and the total printed under it always agree.
pub(crate) fn round_preserving_sum(values: &[f64], decimals: i32, total: f64) -> Vec<f64> {
    let unit = 10f64.powi(decimals);
    let mut floors: Vec<f64> = values.iter().map(|value| (value * unit).floor()).collect();
    let target = (total * unit).round();
    let mut missing = (target - floors.iter().sum::<f64>()).round() as i64;
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Largest remainder first gets a unit added.
    order.sort_by(|&a, &b| {
        let remainder = |index: usize| values[index] * unit - floors[index];
        remainder(b).total_cmp(&remainder(a))
    });
    let mut cursor = 0;
    while missing > 0 && !order.is_empty() {
        floors[order[cursor % order.len()]] += 1.0;
        missing -= 1;
        cursor += 1;
    }
    cursor = 0;
    while missing < 0 && !order.is_empty() {
        floors[order[order.len() - 1 - cursor % order.len()]] -= 1.0;
        missing += 1;
        cursor += 1;
    }
    floors.iter().map(|value| value / unit).collect()
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
    fn rounded_figures_add_up_to_the_rounded_total() {
        // Three thirds: 33.3 + 33.3 + 33.3 would print a total of 99.9.
        let thirds = round_preserving_sum(&[100.0 / 3.0; 3], 1, 100.0);
        assert!(
            (thirds.iter().sum::<f64>() - 100.0).abs() < 1e-9,
            "{thirds:?}"
        );
        let figures = [0.835, 1.125, 2.5049, 3.3351];
        let total: f64 = figures.iter().sum();
        let rounded = round_preserving_sum(&figures, 2, total);
        assert!((rounded.iter().sum::<f64>() - (total * 100.0).round() / 100.0).abs() < 1e-9);
        for (value, shown) in figures.iter().zip(&rounded) {
            assert!((value - shown).abs() < 0.01 + 1e-12);
        }
    }

    #[test]
    fn scores_print_as_written() {
        assert_eq!(score(9.0), "9");
        assert_eq!(score(7.5), "7.5");
        assert_eq!(score(0.125), "0.13");
    }
}
