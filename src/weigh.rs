//! `pick-stack weigh`: criteria weights from pairwise comparisons (AHP).
//!
//! The judgements come from a comparisons file or from prompts; the engine's
//! [`ahp`] module turns them into weights and a consistency ratio; the
//! weights are then scaled to the compared criteria's base weights and kept
//! in an answers file, where `advise --answers` uses them.

use std::fmt;

use inquire::{Confirm, InquireError, MultiSelect, Select};

use crate::answers::ExplicitWeights;
use crate::engine::ahp::{self, CONSISTENCY_LIMIT, Priorities, RANDOM_INDEX_SOURCE};
use crate::model::Model;
use crate::model::document::ComparisonsDocument;
use crate::problem::{InputError, Problem, shown, unknown_id_hint};
use crate::prompt::Interrupted;
use crate::source::{FieldPath, SourceFile};

/// The compared criteria, the judgements and the weights they give.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighing {
    /// Criterion indices, in the order of the matrix.
    pub criteria: Vec<usize>,
    /// `matrix[i][j]`: how much more important `criteria[i]` is than `criteria[j]`.
    pub matrix: Vec<Vec<f64>>,
    pub priorities: Priorities,
}

impl Weighing {
    fn new(criteria: Vec<usize>, matrix: Vec<Vec<f64>>) -> Self {
        let priorities = ahp::priorities(&matrix);
        Self {
            criteria,
            matrix,
            priorities,
        }
    }

    pub fn is_consistent(&self) -> bool {
        self.priorities
            .consistency_ratio
            .is_none_or(|ratio| ratio <= CONSISTENCY_LIMIT)
    }

    /// The judgement to revisit first, as criterion indices.
    pub fn most_inconsistent_pair(&self) -> Option<(usize, usize)> {
        ahp::most_inconsistent_pair(&self.matrix, &self.priorities.weights)
            .map(|(i, j)| (self.criteria[i], self.criteria[j]))
    }

    /// The weights as base weights for the answers file: scaled so that the
    /// compared criteria keep the total base weight they had (or, when that
    /// total is 0, one each on average), leaving the others' shares alone.
    pub fn explicit_weights(&self, model: &Model) -> ExplicitWeights {
        let total: f64 = self.criteria.iter().map(|&c| model.base_weights[c]).sum();
        let total = if total > 0.0 {
            total
        } else {
            self.criteria.len() as f64
        };
        let ratio = match self.priorities.consistency_ratio {
            Some(ratio) => format!("consistency ratio {ratio:.3} ({RANDOM_INDEX_SOURCE})"),
            None => "consistency ratio not defined for more than 10 criteria".to_owned(),
        };
        ExplicitWeights {
            from: format!(
                "pairwise comparison (AHP) of {} criteria; {ratio}",
                self.criteria.len()
            ),
            values: self
                .criteria
                .iter()
                .zip(&self.priorities.weights)
                .map(|(&criterion, weight)| (criterion, round_to(weight * total, 6)))
                .collect(),
        }
    }
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let unit = 10f64.powi(decimals);
    (value * unit).round() / unit
}

/// Reads judgements from a comparisons document; every pair of the criteria
/// named must be judged exactly once.
pub fn from_source(model: &Model, source: &SourceFile) -> Result<Weighing, InputError> {
    let document: ComparisonsDocument = source.parse()?;
    let ids: Vec<&str> = model
        .criteria
        .iter()
        .map(|criterion| criterion.id.as_str())
        .collect();
    let list = FieldPath::root().key("comparisons");
    let mut problems = Vec::new();
    let mut criteria: Vec<usize> = Vec::new();
    let mut judgements: Vec<(usize, usize, f64, usize)> = Vec::new();
    for (index, (more, less, intensity)) in document.comparisons.iter().enumerate() {
        let mut resolve =
            |id: &str, position: usize| match ids.iter().position(|known| *known == id) {
                Some(criterion) => Some(criterion),
                None => {
                    problems.push(source.problem(
                        &list.index(index).index(position),
                        format!(
                            "unknown criterion `{}`; {}",
                            shown(id),
                            unknown_id_hint(id, "criteria", &ids)
                        ),
                    ));
                    None
                }
            };
        let (Some(a), Some(b)) = (resolve(more, 0), resolve(less, 1)) else {
            continue;
        };
        if a == b {
            problems
                .push(source.problem(&list.index(index), format!("compares `{more}` with itself")));
            continue;
        }
        for criterion in [a, b] {
            if !criteria.contains(&criterion) {
                criteria.push(criterion);
            }
        }
        if let Some(&(.., first)) = judgements
            .iter()
            .find(|(x, y, ..)| (*x, *y) == (a, b) || (*x, *y) == (b, a))
        {
            problems.push(source.problem(
                &list.index(index),
                format!("`{more}` and `{less}` are already compared at comparisons[{first}]"),
            ));
            continue;
        }
        judgements.push((a, b, intensity.0, index));
    }
    if document.comparisons.is_empty() {
        problems.push(Problem::in_file(
            &source.name,
            "no `comparisons`: give pairs like `- [architecture, speed, 3]`".to_owned(),
        ));
    }
    let position = |criterion: usize| criteria.iter().position(|&c| c == criterion).unwrap_or(0);
    let mut missing = Vec::new();
    for (i, &a) in criteria.iter().enumerate() {
        for &b in &criteria[i + 1..] {
            if !judgements
                .iter()
                .any(|(x, y, ..)| (*x, *y) == (a, b) || (*x, *y) == (b, a))
            {
                missing.push(format!("[{}, {}]", ids[a], ids[b]));
            }
        }
    }
    if !missing.is_empty() {
        problems.push(Problem::in_file(
            &source.name,
            format!(
                "every pair of the compared criteria needs a judgement; missing: {}",
                missing.join(", ")
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(InputError { problems });
    }
    let upper: Vec<(usize, usize, f64)> = judgements
        .iter()
        .map(|&(a, b, value, _)| (position(a), position(b), value))
        .collect();
    Ok(Weighing::new(
        criteria.clone(),
        ahp::reciprocal_matrix(criteria.len(), &upper),
    ))
}

/// One line of a pairwise prompt: how strongly one side is preferred.
struct Judgement {
    label: String,
    /// `a[i][j]` if this line is chosen.
    value: f64,
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// Saaty's verbal scale; even numbers sit between their neighbours.
fn strength(value: u8) -> &'static str {
    match value {
        1 => "equally important",
        2 => "slightly more important",
        3 => "moderately more important",
        4 => "moderately to strongly more important",
        5 => "strongly more important",
        6 => "strongly to very strongly more important",
        7 => "very strongly more important",
        8 => "very to extremely more important",
        _ => "extremely more important",
    }
}

fn judgements(a: &str, b: &str) -> Vec<Judgement> {
    let mut lines: Vec<Judgement> = (2..=9)
        .rev()
        .map(|value| Judgement {
            label: format!("{a} is {} than {b} ({value})", strength(value)),
            value: f64::from(value),
        })
        .collect();
    lines.push(Judgement {
        label: format!("{a} and {b} are equally important (1)"),
        value: 1.0,
    });
    lines.extend((2..=9).map(|value| Judgement {
        label: format!("{b} is {} than {a} ({value})", strength(value)),
        value: 1.0 / f64::from(value),
    }));
    lines
}

/// Index of "equally important" in [`judgements`].
const EQUAL: usize = 8;

fn interrupted(err: InquireError) -> anyhow::Error {
    match err {
        InquireError::OperationInterrupted | InquireError::OperationCanceled => Interrupted.into(),
        other => anyhow::Error::new(other).context("cannot ask at this terminal"),
    }
}

/// Asks which criteria to compare (or uses `only`), then every pair, then
/// offers to revisit the most inconsistent judgement while the consistency
/// ratio is above 0.10.
pub fn ask(model: &Model, only: Option<Vec<usize>>) -> anyhow::Result<Weighing> {
    // A signal from outside restores the terminal before it ends the run.
    let _guard = crate::signals::PromptGuard::install();
    let criteria = match only {
        Some(criteria) => criteria,
        None => choose_criteria(model)?,
    };
    let names: Vec<&str> = criteria
        .iter()
        .map(|&c| model.criteria[c].name.as_str())
        .collect();
    let pairs = criteria.len() * (criteria.len() - 1) / 2;
    let mut matrix = ahp::reciprocal_matrix(criteria.len(), &[]);
    let mut number = 0;
    for i in 0..criteria.len() {
        for j in i + 1..criteria.len() {
            number += 1;
            matrix[i][j] = ask_pair(names[i], names[j], &format!("[{number}/{pairs}]"), EQUAL)?;
            matrix[j][i] = 1.0 / matrix[i][j];
        }
    }
    loop {
        let weighing = Weighing::new(criteria.clone(), matrix.clone());
        if weighing.is_consistent() {
            return Ok(weighing);
        }
        let Some((i, j)) = ahp::most_inconsistent_pair(&matrix, &weighing.priorities.weights)
        else {
            return Ok(weighing);
        };
        let ratio = weighing.priorities.consistency_ratio.unwrap_or(0.0);
        eprintln!(
            "The consistency ratio is {ratio:.3}, above {CONSISTENCY_LIMIT}: some judgements contradict each other."
        );
        let redo = Confirm::new(&format!(
            "Compare {} and {} again? That judgement disagrees most with the others.",
            names[i], names[j]
        ))
        .with_default(true)
        .prompt()
        .map_err(interrupted)?;
        if !redo {
            return Ok(weighing);
        }
        let current = judgements(names[i], names[j])
            .iter()
            .position(|line| (line.value - matrix[i][j]).abs() < 1e-9)
            .unwrap_or(EQUAL);
        matrix[i][j] = ask_pair(names[i], names[j], "[again]", current)?;
        matrix[j][i] = 1.0 / matrix[i][j];
    }
}

fn ask_pair(a: &str, b: &str, counter: &str, start: usize) -> anyhow::Result<f64> {
    let choice = Select::new(&format!("{counter} Which matters more for this project?"), judgements(a, b))
        .with_help_message("↑↓ to move, enter to select; Saaty's scale: 1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme")
        .with_starting_cursor(start)
        .with_page_size(17)
        .prompt()
        .map_err(interrupted)?;
    Ok(choice.value)
}

/// A criterion in the selection list.
struct Pick<'m> {
    model: &'m Model,
    criterion: usize,
}

impl fmt::Display for Pick<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let criterion = &self.model.criteria[self.criterion];
        write!(f, "{} ({})", criterion.name, criterion.id)
    }
}

fn choose_criteria(model: &Model) -> anyhow::Result<Vec<usize>> {
    let picks: Vec<Pick<'_>> = (0..model.criteria.len())
        .map(|criterion| Pick { model, criterion })
        .collect();
    let preselected: Vec<usize> = (0..model.criteria.len())
        .filter(|&c| model.base_weights[c] > 0.0)
        .collect();
    loop {
        let chosen = MultiSelect::new(
            "Which criteria do you want to compare in pairs?",
            picks.iter().collect(),
        )
        .with_default(&preselected)
        .with_help_message(
            "space to toggle, enter to confirm; n criteria take n(n-1)/2 comparisons",
        )
        .with_page_size(12)
        .prompt()
        .map_err(interrupted)?;
        if chosen.len() >= 2 {
            return Ok(chosen.iter().map(|pick| pick.criterion).collect());
        }
        eprintln!("Pick at least two criteria to compare.");
    }
}

/// Resolves `--only a,b,c` to criterion indices.
pub fn resolve_only(model: &Model, ids: &[String]) -> Result<Vec<usize>, InputError> {
    let known: Vec<&str> = model
        .criteria
        .iter()
        .map(|criterion| criterion.id.as_str())
        .collect();
    let mut criteria = Vec::new();
    let mut problems = Vec::new();
    for id in ids {
        match known.iter().position(|known| known == id) {
            Some(index) if !criteria.contains(&index) => criteria.push(index),
            Some(_) => {}
            None => problems.push(Problem::in_file(
                "--only",
                format!(
                    "unknown criterion `{}`; {}",
                    shown(id),
                    unknown_id_hint(id, "criteria", &known)
                ),
            )),
        }
    }
    if problems.is_empty() && criteria.len() < 2 {
        problems.push(Problem::in_file(
            "--only",
            "name at least two criteria to compare".to_owned(),
        ));
    }
    if problems.is_empty() {
        Ok(criteria)
    } else {
        Err(InputError { problems })
    }
}
