//! `pick-stack weigh`: criteria weights from pairwise comparisons (AHP).
//!
//! The judgements come from a comparisons file or from prompts; the engine's
//! [`ahp`] module turns them into weights and a consistency ratio; the
//! weights are then scaled to the compared criteria's base weights and kept
//! in an answers file, where `advise --answers` uses them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

use inquire::{Confirm, InquireError};

use crate::answers::ExplicitWeights;
use crate::choice_list;
use crate::engine::ahp::{self, CONSISTENCY_LIMIT, Priorities, RANDOM_INDEX_SOURCE};
use crate::magnitude;
use crate::model::Model;
use crate::model::document::ComparisonsDocument;
use crate::problem::{ITEMS_LISTED, InputError, Problem, shown, thousands, unknown_id_hint};
use crate::prompt::Interrupted;
use crate::source::{FieldPath, Findings, SourceFile};

/// The compared criteria, the judgements and the weights they give.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighing {
    /// Criterion indices, in the order of the matrix.
    pub criteria: Vec<usize>,
    /// `matrix[i][j]`: how much more important `criteria[i]` is than `criteria[j]`.
    pub matrix: Vec<Vec<f64>>,
    pub priorities: Priorities,
    /// For a group's judgements (several comparisons files), each member's
    /// name and consistency ratio; empty for one person's.
    pub members: Vec<crate::group_weigh::MemberJudgements>,
}

impl Weighing {
    pub(crate) fn new(criteria: Vec<usize>, matrix: Vec<Vec<f64>>) -> Self {
        let priorities = ahp::priorities(&matrix);
        Self {
            criteria,
            matrix,
            priorities,
            members: Vec::new(),
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
    /// The total is summed of the base weights brought near 1 by a power of
    /// two, so base weights summing past f64's range still keep it; an
    /// error says when a scaled weight itself would be past that range.
    pub fn explicit_weights(&self, model: &Model) -> Result<ExplicitWeights, String> {
        let bases = self.criteria.iter().map(|&c| model.base_weights[c]);
        let unit = magnitude::unit(bases.clone());
        let total: f64 = bases.clone().map(|base| base * unit).sum();
        let (total, unit) = if total > 0.0 {
            (total, unit)
        } else {
            (self.criteria.len() as f64, 1.0)
        };
        let ratio = match self.priorities.consistency_ratio {
            Some(ratio) => format!("consistency ratio {ratio:.3} ({RANDOM_INDEX_SOURCE})"),
            None => "consistency ratio not defined for more than 10 criteria".to_owned(),
        };
        let values: Vec<(usize, f64)> = self
            .criteria
            .iter()
            .zip(&self.priorities.weights)
            .map(|(&criterion, weight)| (criterion, for_the_file(weight * total / unit)))
            .collect();
        if values.iter().any(|(_, weight)| !weight.is_finite()) {
            return Err(format!(
                "the compared criteria's base weights add up to {}, and their share of it would be past the largest number 64-bit floating point holds (1.8e308); only the weights' ratios matter, so use smaller base weights",
                magnitude::sum_text(bases)
            ));
        }
        Ok(ExplicitWeights {
            from: match self.members.len() {
                0 => format!(
                    "pairwise comparison (AHP) of {} criteria; {ratio}",
                    self.criteria.len()
                ),
                members => format!(
                    "group pairwise comparison (AHP, geometric mean of {members} members' judgements) of {} criteria; {ratio}",
                    self.criteria.len()
                ),
            },
            values,
        })
    }
}

/// A weight as the answers file keeps it: to six decimals, or to seven
/// significant digits where six decimals would lose it (a weight of
/// 1e-300 would be 0) or could not be worked out (one of 1e303 times a
/// million is past f64's range).
fn for_the_file(value: f64) -> f64 {
    let decimals = round_to(value, 6);
    if decimals.is_finite() && (decimals - value).abs() <= 1e-3 * value.abs() {
        decimals
    } else {
        format!("{value:.6e}").parse().unwrap_or(value)
    }
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let unit = 10f64.powi(decimals);
    (value * unit).round() / unit
}

/// Reads judgements from a comparisons document; every pair of the criteria
/// named must be judged exactly once.
pub fn from_source(model: &Model, source: &SourceFile) -> Result<Weighing, InputError> {
    // Every problem of the file, parsing's first: each judgement that does
    // not parse is repaired, so the checks below find the rest.
    let parsed = source.parse_all::<ComparisonsDocument>(&[])?;
    let document = parsed.document;
    let index_of = model.criterion_index();
    let list = FieldPath::root().key("comparisons");
    let mut findings = Findings::new();
    findings.parsed(source, parsed.problems, parsed.repaired);
    // The compared criteria in order of first mention, and each one's
    // position in that order.
    let mut criteria: Vec<usize> = Vec::new();
    let mut position_of: HashMap<usize, usize> = HashMap::new();
    // Each judged pair (lower index first) and where it was judged.
    let mut judged: HashMap<(usize, usize), usize> = HashMap::new();
    let mut judgements: Vec<(usize, usize, f64)> = Vec::new();
    for (index, (more, less, intensity)) in document.comparisons.iter().enumerate() {
        let mut resolve = |id: &str, position: usize| match index_of.get(id) {
            Some(&criterion) => Some(criterion),
            None => {
                let hint = if findings.listing() {
                    format!("; {}", unknown_id_hint(id, "criteria", &model_ids(model)))
                } else {
                    String::new()
                };
                findings.at(
                    source,
                    list.index(index).index(position),
                    format!("unknown criterion `{}`{hint}", shown(id)),
                );
                None
            }
        };
        let (Some(a), Some(b)) = (resolve(more, 0), resolve(less, 1)) else {
            continue;
        };
        if a == b {
            findings.at(
                source,
                list.index(index),
                format!("compares `{}` with itself", shown(more)),
            );
            continue;
        }
        for criterion in [a, b] {
            position_of.entry(criterion).or_insert_with(|| {
                criteria.push(criterion);
                criteria.len() - 1
            });
        }
        match judged.entry((a.min(b), a.max(b))) {
            Entry::Occupied(first) => {
                findings.at(
                    source,
                    list.index(index),
                    format!(
                        "`{}` and `{}` are already compared at comparisons[{}]",
                        shown(more),
                        shown(less),
                        first.get()
                    ),
                );
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
        judgements.push((a, b, intensity.0));
    }
    if document.comparisons.is_empty() {
        findings.push(Problem::in_file(
            &source.name,
            "no `comparisons`: give pairs like `- [architecture, speed, 3]`".to_owned(),
        ));
    }
    // Every judged pair is a pair of compared criteria, so the missing ones
    // are counted without listing them all (n criteria make n(n−1)/2
    // pairs); the first few are named, found by walking the pairs in order,
    // which passes at most the judged pairs before it has them.
    let pairs = criteria.len() * criteria.len().saturating_sub(1) / 2;
    let missing = pairs - judged.len();
    if missing > 0 {
        let mut named = Vec::new();
        'pairs: for (i, &a) in criteria.iter().enumerate() {
            for &b in &criteria[i + 1..] {
                if !judged.contains_key(&(a.min(b), a.max(b))) {
                    named.push(format!(
                        "[{}, {}]",
                        shown(&model.criteria[a].id),
                        shown(&model.criteria[b].id)
                    ));
                    if named.len() == ITEMS_LISTED {
                        break 'pairs;
                    }
                }
            }
        }
        let more = if missing > named.len() {
            format!(" and {} more", thousands(missing - named.len()))
        } else {
            String::new()
        };
        findings.push(Problem::in_file(
            &source.name,
            format!(
                "every pair of the compared criteria needs a judgement; missing: {}{more}",
                named.join(", ")
            ),
        ));
    }
    if let Some(error) = findings.into_error() {
        return Err(error);
    }
    let upper: Vec<(usize, usize, f64)> = judgements
        .iter()
        .map(|&(a, b, value)| (position_of[&a], position_of[&b], value))
        .collect();
    Ok(Weighing::new(
        criteria.clone(),
        ahp::reciprocal_matrix(criteria.len(), &upper),
    ))
}

/// Every criterion id, in the model's order.
fn model_ids(model: &Model) -> Vec<&str> {
    model
        .criteria
        .iter()
        .map(|criterion| criterion.id.as_str())
        .collect()
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

/// The lines of a pairwise prompt. Each starts with its number on Saaty's
/// scale and the side it favours, so that a line cut to a narrow
/// terminal's width keeps what it says; the question names both sides.
fn judgements(a: &str, b: &str) -> Vec<Judgement> {
    let mut lines: Vec<Judgement> = (2..=9)
        .rev()
        .map(|value| Judgement {
            label: format!("({value}) {a}: {}", strength(value)),
            value: f64::from(value),
        })
        .collect();
    lines.push(Judgement {
        label: "(1) Both equally important".to_owned(),
        value: 1.0,
    });
    lines.extend((2..=9).map(|value| Judgement {
        label: format!("({value}) {b}: {}", strength(value)),
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
            let counter = format!("[pair {number} of {pairs}]");
            matrix[i][j] = ask_pair(names[i], names[j], &counter, EQUAL, 0)?;
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
        // The ratio's line and the question answered stay above the list.
        matrix[i][j] = ask_pair(names[i], names[j], "[again]", current, 2)?;
        matrix[j][i] = 1.0 / matrix[i][j];
    }
}

/// Asks how `a` compares with `b`, the list starting on line `start`.
/// `above` rows printed just before stay in view where there is room.
fn ask_pair(a: &str, b: &str, counter: &str, start: usize, above: usize) -> anyhow::Result<f64> {
    let lines = judgements(a, b);
    let chosen = choice_list::choose(
        &format!("{counter} {a} or {b}: which matters more for this project?"),
        "↑↓ to move, enter to select; Saaty's scale: 1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme",
        &lines,
        start,
        above,
    )?;
    Ok(lines[chosen].value)
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
        let chosen = choice_list::choose_many(
            "Which criteria do you want to compare in pairs?",
            "space to toggle, enter to confirm; n criteria take n(n-1)/2 comparisons",
            &picks,
            &preselected,
        )?;
        if chosen.len() >= 2 {
            return Ok(chosen.iter().map(|&pick| picks[pick].criterion).collect());
        }
        eprintln!("Pick at least two criteria to compare.");
    }
}

/// Resolves `--only a,b,c` to criterion indices.
pub fn resolve_only(model: &Model, ids: &[String]) -> Result<Vec<usize>, InputError> {
    let known = model_ids(model);
    let index_of = model.criterion_index();
    let mut criteria = Vec::new();
    let mut chosen = vec![false; known.len()];
    let mut problems = Vec::new();
    for id in ids {
        match index_of.get(id.as_str()).copied() {
            Some(index) if !chosen[index] => {
                chosen[index] = true;
                criteria.push(index);
            }
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
        Err(InputError::new(problems))
    }
}
