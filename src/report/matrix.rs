//! The criteria matrix as the data states it, before any answer.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Row};

use super::{Layout, names, scale_text, score};
use crate::engine;
use crate::model::Model;

pub fn write(out: &mut dyn Write, model: &Model, layout: Layout) -> io::Result<()> {
    let mut table = layout.table();
    let mut header = vec![Cell::new("Criterion"), Cell::new("Base\nweight")];
    header.extend(
        model
            .alternatives
            .iter()
            .map(|alternative| Cell::new(&alternative.name)),
    );
    header.extend([
        Cell::new("Favours"),
        Cell::new("Rationale"),
        Cell::new("Source"),
    ]);
    table.set_header(header);

    for criterion in &model.criteria {
        let scores: Vec<f64> = criterion
            .ratings
            .iter()
            .map(|rating| rating.score)
            .collect();
        let mut row = Row::new();
        row.add_cell(Cell::new(format!("{}\n({})", criterion.name, criterion.id)));
        row.add_cell(Cell::new(score(criterion.base_weight)).set_alignment(CellAlignment::Right));
        for value in &scores {
            row.add_cell(Cell::new(score(*value)).set_alignment(CellAlignment::Right));
        }
        let leaders = engine::leaders(&scores);
        row.add_cell(Cell::new(if leaders.len() > 1 {
            "level".to_owned()
        } else {
            names(&model.alternatives, &leaders)
        }));
        let rationale: Vec<String> = model
            .alternatives
            .iter()
            .zip(&criterion.ratings)
            .filter(|(_, rating)| !rating.rationale.is_empty())
            .map(|(alternative, rating)| format!("{}: {}", alternative.name, rating.rationale))
            .collect();
        row.add_cell(Cell::new(rationale.join("\n")));
        row.add_cell(Cell::new(criterion.source.as_deref().unwrap_or("")));
        table.add_row(row);
    }

    writeln!(out, "{table}")?;
    writeln!(
        out,
        "Scores on a {} scale; higher is better. Criteria with base weight 0 count only when an answer brings them in.",
        scale_text(model.scale)
    )
}
