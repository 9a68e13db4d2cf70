//! The criteria matrix as the data states it, before any answer.
//!
//! Wide enough, the rationale sits in the table. On a narrow terminal the
//! table keeps the figures and the rationale follows as wrapped text, since
//! a prose column squeezed to a few characters cannot be read.

use std::io::{self, Write};

use comfy_table::{Cell, Row};

use super::{Layout, leader_text, right, scale_text, score, wrap};
use crate::model::{Criterion, Model};

/// Below this width the rationale moves out of the table.
const RATIONALE_IN_TABLE_MIN_WIDTH: u16 = 110;

pub fn write(out: &mut dyn Write, model: &Model, layout: Layout) -> io::Result<()> {
    let rationale_in_table = layout
        .width
        .is_none_or(|width| width >= RATIONALE_IN_TABLE_MIN_WIDTH);
    let mut table = layout.table();
    let mut header = vec![Cell::new("Criterion"), Cell::new("Base\nweight")];
    header.extend(
        model
            .alternatives
            .iter()
            .map(|alternative| Cell::new(&alternative.name)),
    );
    header.push(Cell::new("Favours"));
    if rationale_in_table {
        header.push(Cell::new("Rationale and source"));
    }
    table.set_header(header);

    for criterion in &model.criteria {
        let scores: Vec<f64> = criterion
            .ratings
            .iter()
            .map(|rating| rating.score)
            .collect();
        let mut row = Row::new();
        row.add_cell(Cell::new(format!("{}\n({})", criterion.name, criterion.id)));
        row.add_cell(right(score(criterion.base_weight)));
        for value in &scores {
            row.add_cell(right(score(*value)));
        }
        row.add_cell(Cell::new(leader_text(&model.alternatives, &scores)));
        if rationale_in_table {
            row.add_cell(Cell::new(rationale_lines(model, criterion).join("\n")));
        }
        table.add_row(row);
    }

    writeln!(out, "{table}")?;
    writeln!(
        out,
        "Scores on a {} scale; higher is better. Criteria with base weight 0 count only when an answer brings them in.",
        scale_text(model.scale)
    )?;
    if !rationale_in_table {
        let width = usize::from(layout.width.unwrap_or(RATIONALE_IN_TABLE_MIN_WIDTH));
        for criterion in &model.criteria {
            writeln!(out)?;
            writeln!(out, "{}", criterion.name)?;
            for line in rationale_lines(model, criterion) {
                for (index, piece) in wrap(&line, width.saturating_sub(4)).iter().enumerate() {
                    let indent = if index == 0 { "  " } else { "    " };
                    writeln!(out, "{indent}{piece}")?;
                }
            }
        }
    }
    Ok(())
}

/// "Node.js: …" per alternative with a rationale, then "Source: …".
fn rationale_lines(model: &Model, criterion: &Criterion) -> Vec<String> {
    let mut lines: Vec<String> = model
        .alternatives
        .iter()
        .zip(&criterion.ratings)
        .filter(|(_, rating)| !rating.rationale.is_empty())
        .map(|(alternative, rating)| format!("{}: {}", alternative.name, rating.rationale))
        .collect();
    if let Some(source) = &criterion.source {
        lines.push(format!("Source: {source}"));
    }
    lines
}
