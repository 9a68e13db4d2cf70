//! The recommendation: a row per weighed criterion, a total row, the
//! verdict in one line and a bar per alternative.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Row};

use super::{Layout, names, percent, points, scale_text, score};
use crate::engine::{self, Assessment, Scenario, Verdict};
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
    let mut table = layout.table();
    let mut header = vec![Cell::new("Criterion"), Cell::new("Weight")];
    for alternative in &model.alternatives {
        header.push(Cell::new(format!("{}\nscore", alternative.name)));
        header.push(Cell::new(format!("{}\npoints", alternative.name)));
    }
    header.push(Cell::new("Leader"));
    table.set_header(header);

    let mut unweighed = Vec::new();
    for (index, criterion) in model.criteria.iter().enumerate() {
        let share = assessment.shares[index];
        if share == 0.0 {
            unweighed.push(criterion.name.as_str());
            continue;
        }
        let scores = &scenario.scores[index];
        let mut row = Row::new();
        row.add_cell(Cell::new(&criterion.name));
        row.add_cell(right(percent(share)));
        for (alternative, value) in scores.iter().enumerate() {
            row.add_cell(right(score(*value)));
            row.add_cell(right(points(assessment.points[index][alternative])));
        }
        let leaders = engine::leaders(scores);
        row.add_cell(Cell::new(if leaders.len() > 1 {
            "level".to_owned()
        } else {
            names(&model.alternatives, &leaders)
        }));
        table.add_row(row);
    }

    let mut total = Row::new();
    total.add_cell(Cell::new("Total"));
    total.add_cell(right(percent(1.0)));
    for value in &assessment.totals {
        total.add_cell(Cell::new(""));
        total.add_cell(right(points(*value)));
    }
    total.add_cell(Cell::new(match &assessment.verdict {
        Verdict::Winner { alternative, .. } => model.alternatives[*alternative].name.clone(),
        Verdict::Tie { .. } => "tie".to_owned(),
    }));
    table.add_row(total);

    writeln!(out, "{table}")?;
    writeln!(out)?;
    writeln!(out, "{}", verdict_line(model, assessment))?;
    writeln!(out)?;
    write_bars(out, model, assessment, layout)?;
    if !unweighed.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Not weighed for these answers (weight 0): {}.",
            unweighed.join(", ")
        )?;
    }
    Ok(())
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
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
