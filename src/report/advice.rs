//! The recommendation: a row per weighed criterion, a total row, the
//! verdict in one line and a bar per alternative.

use std::io::{self, Write};

use comfy_table::{Cell, Row, Table};

use super::{
    Layout, leader_text, names, percent, points, right, scale_text, score, write_paragraph,
};
use crate::engine::{Assessment, Scenario, Verdict};
use crate::model::Model;

/// Widest a bar gets; narrower terminals get shorter bars.
const MAX_BAR_WIDTH: usize = 30;

pub fn write(
    out: &mut dyn Write,
    model: &Model,
    scenario: &Scenario,
    assessment: &Assessment,
    layout: Layout,
) -> io::Result<()> {
    let mut table = build_table(model, scenario, assessment, layout, Columns::Full);
    let compact = layout.width.is_some_and(|width| {
        narrowest_full_width(model, scenario, assessment) > usize::from(width)
    });
    if compact {
        table = build_table(model, scenario, assessment, layout, Columns::Compact);
    }
    let unweighed: Vec<&str> = model
        .criteria
        .iter()
        .zip(&assessment.shares)
        .filter(|(_, share)| **share == 0.0)
        .map(|(criterion, _)| criterion.name.as_str())
        .collect();

    writeln!(out, "{table}")?;
    if compact {
        write_paragraph(
            out,
            "Cells are points: weight × score. `pick-stack matrix` lists the scores.",
            layout,
        )?;
    }
    writeln!(out)?;
    write_paragraph(out, &verdict_line(model, assessment), layout)?;
    writeln!(out)?;
    write_bars(out, model, assessment, layout)?;
    if !unweighed.is_empty() {
        writeln!(out)?;
        let note = format!(
            "Not weighed for these answers (weight 0): {}.",
            unweighed.join(", ")
        );
        write_paragraph(out, &note, layout)?;
    }
    Ok(())
}

/// Which columns the table has: score and points per alternative plus the
/// leader, or, when that does not fit the terminal, points alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    Full,
    Compact,
}

fn build_table(
    model: &Model,
    scenario: &Scenario,
    assessment: &Assessment,
    layout: Layout,
    columns: Columns,
) -> Table {
    let full = columns == Columns::Full;
    let mut table = layout.table();
    if !full {
        // Without vertical rules, each column gains the width of its border.
        table.load_style(comfy_table::presets::UTF8_HORIZONTAL_ONLY);
    }
    let mut header = vec![Cell::new("Criterion"), Cell::new("Weight")];
    for alternative in &model.alternatives {
        if full {
            header.push(Cell::new(format!("{}\nscore", alternative.name)));
            header.push(Cell::new(format!("{}\npoints", alternative.name)));
        } else {
            header.push(Cell::new(&alternative.name));
        }
    }
    if full {
        header.push(Cell::new("Leader"));
    }
    table.set_header(header);

    for (index, criterion) in model.criteria.iter().enumerate() {
        let share = assessment.shares[index];
        if share == 0.0 {
            continue;
        }
        let scores = &scenario.scores[index];
        let mut row = Row::new();
        row.add_cell(Cell::new(&criterion.name));
        row.add_cell(right(percent(share)));
        for (alternative, value) in scores.iter().enumerate() {
            if full {
                row.add_cell(right(score(*value)));
            }
            row.add_cell(right(points(assessment.points[index][alternative])));
        }
        if full {
            row.add_cell(Cell::new(leader_text(&model.alternatives, scores)));
        }
        table.add_row(row);
    }

    let mut total = Row::new();
    total.add_cell(Cell::new("Total"));
    total.add_cell(right(percent(1.0)));
    for value in &assessment.totals {
        if full {
            total.add_cell(Cell::new(""));
        }
        total.add_cell(right(points(*value)));
    }
    if full {
        total.add_cell(Cell::new(match &assessment.verdict {
            Verdict::Winner { alternative, .. } => model.alternatives[*alternative].name.clone(),
            Verdict::Tie { .. } => "tie".to_owned(),
        }));
    }
    table.add_row(total);
    if !full {
        // Figures keep their natural width; the criterion names wrap instead.
        for column in table.column_iter_mut().skip(1) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    table
}

/// Criterion names may wrap down to this width before the table drops to
/// the compact layout.
const MIN_NAME_WIDTH: usize = 16;

/// How narrow the full table can get with only the criterion names wrapping.
fn narrowest_full_width(model: &Model, scenario: &Scenario, assessment: &Assessment) -> usize {
    let table = build_table(
        model,
        scenario,
        assessment,
        Layout::default(),
        Columns::Full,
    );
    let mut widths: Vec<usize> = table
        .column_max_content_widths()
        .into_iter()
        .map(usize::from)
        .collect();
    if let Some(names) = widths.first_mut() {
        *names = (*names).min(MIN_NAME_WIDTH);
    }
    // Each column has one space of padding on either side, plus one border
    // character between and around the columns.
    widths.iter().map(|width| width + 3).sum::<usize>() + 1
}

/// "Verdict: Python, 8.58 to 5.16 for Node.js: a margin of 3.42 on the 0–10 scale."
pub fn verdict_line(model: &Model, assessment: &Assessment) -> String {
    let scale = scale_text(model.scale);
    match &assessment.verdict {
        Verdict::Winner {
            alternative,
            runner_up,
            margin,
        } => format!(
            "Verdict: {}, {} to {} for {}: a margin of {} on the {scale} scale.",
            model.alternatives[*alternative].name,
            points(assessment.totals[*alternative]),
            points(assessment.totals[*runner_up]),
            model.alternatives[*runner_up].name,
            points(*margin),
        ),
        Verdict::Tie {
            alternatives,
            total,
        } => format!(
            "Verdict: a tie: {} each score {} on the {scale} scale.",
            names(&model.alternatives, alternatives),
            points(*total),
        ),
    }
}

/// A bar per alternative, best first, spanning the model's scale.
fn write_bars(
    out: &mut dyn Write,
    model: &Model,
    assessment: &Assessment,
    layout: Layout,
) -> io::Result<()> {
    let name_width = model
        .alternatives
        .iter()
        .map(|alternative| alternative.name.chars().count())
        .max()
        .unwrap_or(0);
    // Two spaces of indent, the name, a space, the bar, two spaces, "10.00".
    let room = layout.width.map_or(MAX_BAR_WIDTH, |width| {
        usize::from(width).saturating_sub(name_width + 10)
    });
    let bar_width = room.clamp(5, MAX_BAR_WIDTH);
    let range = model.scale.max - model.scale.min;
    for &index in &assessment.ranking {
        let fraction = if range > 0.0 {
            ((assessment.totals[index] - model.scale.min) / range).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let filled = (fraction * bar_width as f64).round() as usize;
        writeln!(
            out,
            "  {:<name_width$} {}{}  {}",
            model.alternatives[index].name,
            "█".repeat(filled),
            "░".repeat(bar_width - filled),
            points(assessment.totals[index]),
        )?;
    }
    Ok(())
}
