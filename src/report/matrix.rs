//! The criteria matrix as the data states it, before any answer.
//!
//! Wide enough, the rationale sits in the table. On a narrower terminal the
//! table keeps the figures and the rationale follows as wrapped text, since
//! a prose column squeezed to a few characters cannot be read; on a very
//! narrow one each criterion becomes a short block of lines.

use std::io::{self, Write};

use comfy_table::{Cell, Row};

use super::{Layout, leader_text, right, scale_text, score, wrap, write_paragraph};
use crate::model::{Criterion, Model};

/// From this width the rationale fits in the table.
const RATIONALE_IN_TABLE_MIN_WIDTH: u16 = 110;
/// Below this width even the figures-only table would wrap every name.
const TABLE_MIN_WIDTH: u16 = 60;

pub fn write(out: &mut dyn Write, model: &Model, layout: Layout) -> io::Result<()> {
    match layout.width {
        Some(width) if width < TABLE_MIN_WIDTH => write_blocks(out, model, layout)?,
        Some(width) if width < RATIONALE_IN_TABLE_MIN_WIDTH => {
            write_table(out, model, layout, false)?;
            writeln!(out)?;
            write_blocks(out, model, layout)?;
        }
        _ => write_table(out, model, layout, true)?,
    }
    let note = format!(
        "Scores on a {} scale; higher is better, except on a cost criterion. Criteria with base weight 0 count only when an answer brings them in.",
        scale_text(model.scale)
    );
    writeln!(out)?;
    write_paragraph(out, &note, layout)
}

fn write_table(
    out: &mut dyn Write,
    model: &Model,
    layout: Layout,
    with_rationale: bool,
) -> io::Result<()> {
    let mut table = layout.table();
    let mut header = vec![Cell::new("Criterion"), Cell::new("Base\nweight")];
    header.extend(
        model
            .alternatives
            .iter()
            .map(|alternative| Cell::new(&alternative.name)),
    );
    header.push(Cell::new("Favours"));
    if with_rationale {
        header.push(Cell::new("Rationale and source"));
    }
    table.set_header(header);
    for (index, (criterion, scores)) in model.criteria.iter().zip(model.scores.iter()).enumerate() {
        let mut row = Row::new();
        row.add_cell(Cell::new(format!("{}\n({})", criterion.name, criterion.id)));
        row.add_cell(right(score(model.base_weights[index])));
        for value in scores {
            row.add_cell(right(score(*value)));
        }
        row.add_cell(Cell::new(leader_text(
            &model.alternatives,
            scores,
            model.kinds[index],
            &all_eligible(model),
        )));
        if with_rationale {
            row.add_cell(Cell::new(rationale_lines(model, criterion).join("\n")));
        }
        table.add_row(row);
    }
    writeln!(out, "{table}")
}

/// Each criterion as a few wrapped lines; with no table above, the figures
/// come first.
fn write_blocks(out: &mut dyn Write, model: &Model, layout: Layout) -> io::Result<()> {
    let width = usize::from(layout.width.unwrap_or(RATIONALE_IN_TABLE_MIN_WIDTH));
    let with_figures = layout.width.is_some_and(|width| width < TABLE_MIN_WIDTH);
    for (index, criterion) in model.criteria.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        write_indented(
            out,
            &format!("{} ({})", criterion.name, criterion.id),
            "",
            "  ",
            width,
        )?;
        let mut lines = Vec::new();
        if with_figures {
            let scores = &model.scores[index];
            let figures: Vec<String> = model
                .alternatives
                .iter()
                .zip(scores)
                .map(|(alternative, value)| format!("{} {}", alternative.name, score(*value)))
                .collect();
            lines.push(format!(
                "Base weight {}; {}; favours {}",
                score(model.base_weights[index]),
                figures.join(", "),
                leader_text(
                    &model.alternatives,
                    scores,
                    model.kinds[index],
                    &all_eligible(model)
                )
            ));
        }
        lines.extend(rationale_lines(model, criterion));
        for line in lines {
            write_indented(out, &line, "  ", "    ", width)?;
        }
    }
    Ok(())
}

fn write_indented(
    out: &mut dyn Write,
    text: &str,
    first: &str,
    rest: &str,
    width: usize,
) -> io::Result<()> {
    for (index, piece) in wrap(text, width.saturating_sub(rest.len()))
        .iter()
        .enumerate()
    {
        let indent = if index == 0 { first } else { rest };
        writeln!(out, "{indent}{piece}")?;
    }
    Ok(())
}

fn all_eligible(model: &Model) -> Vec<bool> {
    vec![true; model.alternatives.len()]
}

/// "Node.js: …" per alternative with a rationale, then "Source: …".
fn rationale_lines(model: &Model, criterion: &Criterion) -> Vec<String> {
    let mut lines: Vec<String> = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(position, alternative)| (alternative, criterion.rationale(position)))
        .filter(|(_, rationale)| !rationale.is_empty())
        .map(|(alternative, rationale)| format!("{}: {rationale}", alternative.name))
        .collect();
    if let Some(source) = &criterion.source {
        lines.push(format!("Source: {source}"));
    }
    lines
}
