//! The criteria matrix as the data states it, before any answer.
//!
//! Wide enough, the rationale sits in the table. On a narrower terminal the
//! table keeps the figures and the rationale follows as wrapped text, since
//! a prose column squeezed to a few characters cannot be read; on a very
//! narrow one each criterion becomes a short block of lines.

use std::io::{self, Write};

use comfy_table::{Cell, Row};

use super::{Layout, evidence, leader_text, right, scale_text, score, wrap, write_paragraph};
use crate::model::{Group, Model};

/// From this width the rationale fits in the table.
const RATIONALE_IN_TABLE_MIN_WIDTH: u16 = 110;
/// Below this width even the figures-only table would wrap every name.
const TABLE_MIN_WIDTH: u16 = 60;

pub fn write(out: &mut dyn Write, model: &Model, layout: Layout) -> io::Result<()> {
    if evidence::is_layered(model) {
        write_paragraph(out, &evidence::layer_sentence(model), layout)?;
        if let Some(note) = model
            .provenance
            .article
            .as_ref()
            .and_then(|article| article.note.as_deref())
        {
            write_paragraph(out, note, layout)?;
        }
        writeln!(out)?;
    }
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
    write_paragraph(out, &note, layout)?;
    if !model.groups.is_empty() {
        writeln!(out)?;
        write_paragraph(out, super::GROUPS_INTRO, layout)?;
        let width = usize::from(layout.width.unwrap_or(u16::MAX));
        for group in &model.groups {
            write_indented(out, &super::group_text(model, group), "  ", "    ", width)?;
        }
    }
    let width = usize::from(layout.width.unwrap_or(u16::MAX));
    for alternative in &model.alternatives {
        if let Some(note) = &alternative.note {
            writeln!(out)?;
            write_indented(
                out,
                &format!("{}: {note}", alternative.name),
                "",
                "  ",
                width,
            )?;
        }
    }
    Ok(())
}

/// A score cell: the score in use, and the article's beside it where the
/// two layers differ.
fn score_cell(model: &Model, criterion: usize, alternative: usize, value: f64) -> String {
    match evidence::revision_of(model, criterion, alternative) {
        Some(revision) => format!(
            "{} {}\n(article {})",
            score(value),
            evidence::REVISED_MARK,
            score(revision.article)
        ),
        None => score(value),
    }
}

/// "Architecture (architecture)", and its group on a line of its own.
fn criterion_label(model: &Model, criterion: usize, group: Option<&Group>) -> String {
    let entry = &model.criteria[criterion];
    match group {
        Some(group) => format!("{}\n({})\ngroup: {}", entry.name, entry.id, group.name),
        None => format!("{}\n({})", entry.name, entry.id),
    }
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
    let groups = model.groups_by_criterion();
    for (index, (_, scores)) in model.criteria.iter().zip(model.scores.iter()).enumerate() {
        let mut row = Row::new();
        row.add_cell(Cell::new(criterion_label(model, index, groups[index])));
        row.add_cell(right(score(model.base_weights[index])));
        for (alternative, value) in scores.iter().enumerate() {
            row.add_cell(right(score_cell(model, index, alternative, *value)));
        }
        row.add_cell(Cell::new(leader_text(
            &model.alternatives,
            scores,
            model.kinds[index],
            &all_eligible(model),
        )));
        if with_rationale {
            row.add_cell(Cell::new(rationale_lines(model, index).join("\n")));
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
    let groups = model.groups_by_criterion();
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
                .enumerate()
                .map(|(position, (alternative, value))| {
                    let cell = score_cell(model, index, position, *value).replace('\n', " ");
                    format!("{} {cell}", alternative.name)
                })
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
        if let Some(group) = groups[index] {
            lines.push(format!("Group: {}", group.name));
        }
        lines.extend(rationale_lines(model, index));
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

/// "Node.js: …" per alternative with a rationale and, where current
/// evidence revises it, what changed; then "Source: …".
fn rationale_lines(model: &Model, index: usize) -> Vec<String> {
    let criterion = &model.criteria[index];
    let mut lines = Vec::new();
    for (position, alternative) in model.alternatives.iter().enumerate() {
        let rationale = criterion.rationale(position);
        if !rationale.is_empty() {
            lines.push(format!("{}: {rationale}", alternative.name));
        }
        if let Some(revision) = evidence::revision_of(model, index, position) {
            // Named, since the alternative's rationale above it may be
            // missing or another alternative's.
            lines.push(format!(
                "{} {}: {}",
                evidence::REVISED_MARK,
                alternative.name,
                evidence::revision_sentence(model, revision)
            ));
        }
    }
    if let Some(source) = &criterion.source {
        lines.push(format!("Source: {source}"));
    }
    for (position, alternative) in model.alternatives.iter().enumerate() {
        if let Some(own) = criterion.source_of(position)
            && Some(own) != criterion.source.as_deref()
        {
            lines.push(format!("Source for {}: {own}", alternative.name));
        }
    }
    lines
}
