//! The result of `pick-stack weigh`: the weights, the consistency check and
//! the base weights that go into the answers file.

use std::io::{self, Write};

use comfy_table::{Cell, Row};

use super::{Layout, fixed, right, score, write_paragraph};
use crate::answers::ExplicitWeights;
use crate::engine::ahp::{CONSISTENCY_LIMIT, RANDOM_INDEX, RANDOM_INDEX_SOURCE};
use crate::model::Model;
use crate::weigh::Weighing;

pub fn write(
    out: &mut dyn Write,
    model: &Model,
    weighing: &Weighing,
    explicit: &ExplicitWeights,
    layout: Layout,
) -> io::Result<()> {
    let mut table = layout.table();
    table.set_header(vec![
        Cell::new("Criterion"),
        Cell::new("AHP weight"),
        Cell::new("Base weight\nbefore"),
        Cell::new("Base weight\nsaved"),
    ]);
    for ((&criterion, weight), &(_, saved)) in weighing
        .criteria
        .iter()
        .zip(&weighing.priorities.weights)
        .zip(&explicit.values)
    {
        let mut row = Row::new();
        row.add_cell(Cell::new(&model.criteria[criterion].name));
        row.add_cell(right(format!("{weight:.3}")));
        row.add_cell(right(score(model.base_weights[criterion])));
        row.add_cell(right(fixed(saved, 3)));
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    let size = weighing.criteria.len();
    let priorities = &weighing.priorities;
    let line = match priorities.consistency_ratio {
        Some(ratio) => format!(
            "λmax {:.3}, consistency index {:.3}, consistency ratio {ratio:.3} (random index {} for {size} criteria, {RANDOM_INDEX_SOURCE}).",
            priorities.lambda_max,
            priorities.consistency_index,
            RANDOM_INDEX.get(size).copied().unwrap_or(0.0),
        ),
        None => format!(
            "λmax {:.3}, consistency index {:.3}; the {RANDOM_INDEX_SOURCE} stops at 10 criteria, so there is no consistency ratio.",
            priorities.lambda_max, priorities.consistency_index
        ),
    };
    write_paragraph(out, &line, layout)?;
    if let Some(warning) = inconsistency_warning(model, weighing) {
        write_paragraph(out, &warning, layout)?;
    }
    for note in grouped_notes(model, weighing) {
        write_paragraph(out, &note, layout)?;
    }
    Ok(())
}

/// The warning for judgements that contradict each other (CR above the
/// limit), naming the pair that disagrees most; every format says it.
pub(crate) fn inconsistency_warning(model: &Model, weighing: &Weighing) -> Option<String> {
    if weighing.is_consistent() {
        return None;
    }
    let pair = weighing
        .most_inconsistent_pair()
        .map(|(a, b)| {
            format!(
                " The judgement of {} against {} disagrees most with the rest.",
                model.criteria[a].name, model.criteria[b].name
            )
        })
        .unwrap_or_default();
    Some(format!(
        "Warning: the consistency ratio is above {CONSISTENCY_LIMIT}; the judgements contradict each other.{pair}"
    ))
}

/// For each group two or more of the compared criteria belong to: a note
/// that `advise` will still share the group's weight among them, so their
/// final shares are not the ratios judged here.
pub(crate) fn grouped_notes(model: &Model, weighing: &Weighing) -> Vec<String> {
    // The compared criteria of each group, in the order compared.
    let mut notes = Vec::new();
    if !weighing.members.is_empty() {
        notes.push(crate::group_weigh::note(weighing));
    }
    let group_of = model.group_index();
    let mut compared_in: Vec<Vec<&str>> = vec![Vec::new(); model.groups.len()];
    for &criterion in &weighing.criteria {
        if let Some(group) = group_of[criterion] {
            compared_in[group].push(model.criteria[criterion].name.as_str());
        }
    }
    notes.extend(model
        .groups
        .iter()
        .zip(compared_in)
        .filter_map(|(group, compared)| {
            (compared.len() >= 2).then(|| {
                format!(
                    "Note: {} rest on one property and share the weight of the group {} in `advise` (its heaviest member's plus {} of each other's), so their final shares are lower than these weights; compare one of them, or judge them knowing they overlap.",
                    compared.join(", "),
                    group.name,
                    score(group.rest_counts)
                )
            })
        }));
    notes
}
