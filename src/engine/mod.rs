//! The arithmetic: answers to weights, weights and scores to a verdict, and
//! how firm that verdict is. No I/O happens here.
//!
//! The answers act on the model in one transparent step ([`weigh`]):
//!
//! ```text
//! raw(c)    = (base(c) + Σ add(c)) × Π multiply(c)    over the chosen options
//! weight(c) = raw(c)                                   outside any group
//! weight(c) = W(g) × raw(c) / Σ_{m∈g} raw(m)           for c in group g
//! W(g)      = max_{m∈g} raw(m) + r(g) × (Σ_{m∈g} raw(m) − max_{m∈g} raw(m))
//! ```
//!
//! where `base(c)` is the criteria file's base weight, or the answers file's
//! explicit weight when it gives one. A group's members rest on one
//! property, so together they weigh what their heaviest member weighs plus
//! a fraction `r(g)` (the group's `rest_counts`) of the others.
//! `set_scores` replaces scores and `rule_out` excludes alternatives. A [`Method`] then turns weights and
//! scores into totals and a [`Verdict`]; [`sensitivity`] says how far the
//! inputs would have to move for the verdict to change.

pub mod ahp;
pub mod method;
pub mod sensitivity;
pub mod uncertainty;

pub use method::{Assessment, Contributions, Method, MethodError, TopsisDetail, Verdict, assess};

use std::ops::Index;

use crate::answers::Answers;
use crate::model::{Kind, Model, Table};

/// The model after the answers: final weights, scores and exclusions.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario<'m> {
    /// Weight of each criterion after the answers and groups, before
    /// normalising.
    pub weights: Vec<f64>,
    /// Each criterion's weight before its group shares it, which is what
    /// answers and base weights change; empty when the model has no
    /// groups (it would equal `weights`).
    pub raw_weights: Vec<f64>,
    /// `scores[criterion][alternative]`, after any answer replaced one.
    pub scores: ScenarioScores<'m>,
    /// For each alternative, the first answer that ruled it out.
    pub ruled_out: Vec<Option<RuledOut>>,
}

/// The model's scores with the rows an answer changed replaced: the
/// model's table is borrowed, as copying every score would cost more than
/// scoring them, and only a changed row is copied.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioScores<'m> {
    model: &'m Table,
    /// (criterion, row) for each changed row, in the order of the criteria.
    changed: Vec<(usize, Vec<f64>)>,
}

impl<'m> ScenarioScores<'m> {
    pub fn new(model: &'m Table) -> Self {
        Self {
            model,
            changed: Vec::new(),
        }
    }

    /// Sets one score, copying its row on the first change.
    pub fn set(&mut self, criterion: usize, alternative: usize, score: f64) {
        let at = match self.find(criterion) {
            Ok(at) => at,
            Err(at) => {
                let row = self.model[criterion].to_vec();
                self.changed.insert(at, (criterion, row));
                at
            }
        };
        self.changed[at].1[alternative] = score;
    }

    fn find(&self, criterion: usize) -> Result<usize, usize> {
        self.changed
            .binary_search_by_key(&criterion, |(changed, _)| *changed)
    }

    /// The number of alternatives.
    pub fn columns(&self) -> usize {
        self.model.columns()
    }

    /// Each criterion's row, in order: one walk through the model's table,
    /// stepping aside for a changed row, with no lookup per row.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[f64]> {
        let mut next = 0;
        self.model
            .iter()
            .enumerate()
            .map(move |(criterion, row)| match self.changed.get(next) {
                Some((changed, changed_row)) if *changed == criterion => {
                    next += 1;
                    changed_row.as_slice()
                }
                _ => row,
            })
    }
}

impl Index<usize> for ScenarioScores<'_> {
    type Output = [f64];

    fn index(&self, criterion: usize) -> &[f64] {
        match self.find(criterion) {
            Ok(at) => &self.changed[at].1,
            Err(_) => &self.model[criterion],
        }
    }
}

/// An answer that excludes an alternative; the reason is the model's
/// ([`RuledOut::reason`]), so a report shows it as its model holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuledOut {
    pub question: usize,
    pub choice: usize,
}

impl RuledOut {
    /// Why this answer rules `alternative` out, as the option gives it.
    pub fn reason(self, model: &Model, alternative: usize) -> &str {
        model.questions[self.question].choices[self.choice]
            .rule_out
            .iter()
            .find(|(excluded, _)| *excluded == alternative)
            .map_or("", |(_, reason)| reason.as_str())
    }
}

impl Scenario<'_> {
    pub fn is_eligible(&self, alternative: usize) -> bool {
        self.ruled_out[alternative].is_none()
    }
}

/// Applies the chosen options to the model.
///
/// Options of later questions win when two replace the same score.
pub fn weigh<'m>(model: &'m Model, answers: &Answers) -> Scenario<'m> {
    let (mut weights, factors) = weight_parts(model, answers);
    for (weight, factor) in weights.iter_mut().zip(&factors) {
        *weight *= factor;
    }
    let raw_weights = if model.groups.is_empty() {
        Vec::new()
    } else {
        weights.clone()
    };
    for group in &model.groups {
        let factor = group.factor(group.members.iter().map(|&m| weights[m]));
        for &member in &group.members {
            weights[member] *= factor;
        }
    }
    let mut scores = ScenarioScores::new(&model.scores);
    let mut ruled_out: Vec<Option<RuledOut>> = vec![None; model.alternatives.len()];
    for (question_index, choice_index) in answers.chosen() {
        let question = &model.questions[question_index];
        let choice = &question.choices[choice_index];
        for change in &choice.set_scores {
            scores.set(change.criterion, change.alternative, change.score);
        }
        for (alternative, _) in &choice.rule_out {
            ruled_out[*alternative].get_or_insert(RuledOut {
                question: question_index,
                choice: choice_index,
            });
        }
    }
    Scenario {
        weights,
        raw_weights,
        scores,
        ruled_out,
    }
}

/// Each criterion's base weight plus the chosen options' additions, and the
/// product of their factors: `weight = sum × factor`.
pub(crate) fn weight_parts(model: &Model, answers: &Answers) -> (Vec<f64>, Vec<f64>) {
    let mut sums = model.base_weights.clone();
    if let Some(explicit) = &answers.explicit_weights {
        for &(criterion, weight) in &explicit.values {
            sums[criterion] = weight;
        }
    }
    let mut factors = vec![1.0; sums.len()];
    for (question, choice) in answers.chosen() {
        let option = &model.questions[question].choices[choice];
        for &(criterion, amount) in &option.add {
            sums[criterion] += amount;
        }
        for &(criterion, factor) in &option.multiply {
            factors[criterion] *= factor;
        }
    }
    (sums, factors)
}

/// Every criterion's base weight and whether the answers file set it, in
/// one pass over the explicit weights (a file may set thousands).
pub(crate) fn base_weights(model: &Model, answers: &Answers) -> Vec<(f64, bool)> {
    let mut bases: Vec<(f64, bool)> = model
        .base_weights
        .iter()
        .map(|&weight| (weight, false))
        .collect();
    if let Some(explicit) = &answers.explicit_weights {
        for &(criterion, weight) in &explicit.values {
            bases[criterion] = (weight, true);
        }
    }
    bases
}

/// Every criterion's weight history, in one pass over the answers: the cost
/// is the criteria plus the chosen options, not their product.
pub fn traces(model: &Model, answers: &Answers) -> Vec<WeightTrace> {
    let mut additions: Vec<Vec<WeightChange>> = vec![Vec::new(); model.criteria.len()];
    let mut factors: Vec<Vec<WeightChange>> = vec![Vec::new(); model.criteria.len()];
    for (question, choice) in answers.chosen() {
        let option = &model.questions[question].choices[choice];
        for &(criterion, amount) in &option.add {
            additions[criterion].push(WeightChange {
                question,
                choice,
                change: Change::Add(amount),
            });
        }
        for &(criterion, factor) in &option.multiply {
            factors[criterion].push(WeightChange {
                question,
                choice,
                change: Change::Multiply(factor),
            });
        }
    }
    let mut traces: Vec<WeightTrace> = base_weights(model, answers)
        .into_iter()
        .zip(additions.into_iter().zip(factors))
        .map(|((base, explicit), (additions, factors))| {
            WeightTrace::from_steps(base, explicit, additions, factors)
        })
        .collect();
    let raw: Vec<f64> = traces.iter().map(|trace| trace.raw).collect();
    for (index, group) in model.groups.iter().enumerate() {
        let factor = group.factor(group.members.iter().map(|&m| raw[m]));
        for &member in &group.members {
            let trace = &mut traces[member];
            trace.group = Some(GroupShare {
                group: index,
                factor,
            });
            trace.weight = trace.raw * factor;
        }
    }
    traces
}

/// How one criterion's final weight came about, step by step.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightTrace {
    pub base: f64,
    /// The base weight came from the answers file, not the criteria file.
    pub explicit: bool,
    pub changes: Vec<WeightChange>,
    /// The weight after the answers' changes, before any group shares it.
    pub raw: f64,
    /// The group the criterion shares its weight with, if any.
    pub group: Option<GroupShare>,
    /// The final weight.
    pub weight: f64,
}

/// A group member's share of its group's weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupShare {
    /// Index into `Model::groups`.
    pub group: usize,
    /// The factor every member's weight is multiplied by: the group's
    /// weight over the sum of its members' (see [`Group::weight`]).
    pub factor: f64,
}

/// One answer's effect on one criterion's weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightChange {
    pub question: usize,
    pub choice: usize,
    pub change: Change,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    Add(f64),
    Multiply(f64),
}

impl WeightTrace {
    /// The trace from a base weight and the answers' additions and factors,
    /// in the order [`weigh`] applies them: all additions, then all factors.
    fn from_steps(
        base: f64,
        explicit: bool,
        mut additions: Vec<WeightChange>,
        factors: Vec<WeightChange>,
    ) -> Self {
        let sum = base
            + additions
                .iter()
                .map(|step| step.change.amount())
                .sum::<f64>();
        let weight = sum
            * factors
                .iter()
                .map(|step| step.change.amount())
                .product::<f64>();
        additions.extend(factors);
        WeightTrace {
            base,
            explicit,
            changes: additions,
            raw: weight,
            group: None,
            weight,
        }
    }
}

impl Change {
    fn amount(self) -> f64 {
        match self {
            Change::Add(amount) | Change::Multiply(amount) => amount,
        }
    }
}

/// Weighs and assesses in one step.
pub fn evaluate<'m>(
    model: &'m Model,
    answers: &Answers,
    method: Method,
) -> Result<(Scenario<'m>, Assessment), MethodError> {
    let scenario = weigh(model, answers);
    let assessment = assess(model, &scenario, method)?;
    Ok((scenario, assessment))
}

/// Everything the engine works out for one set of answers and one method.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis<'m> {
    pub scenario: Scenario<'m>,
    pub assessment: Assessment,
    pub sensitivity: sensitivity::Sensitivity,
    pub traces: Vec<WeightTrace>,
    /// The sampled uncertainty, when asked for and there is a contest.
    pub uncertainty: Option<uncertainty::Uncertainty>,
}

/// Weighs, assesses, analyses sensitivity and traces the weights.
pub fn analyse<'m>(
    model: &'m Model,
    answers: &Answers,
    method: Method,
) -> Result<Analysis<'m>, MethodError> {
    analyse_sampled(model, answers, method, None)
}

/// [`analyse`], and with `settings` the uncertainty analysis, whose
/// samples then also decide the stability label
/// ([`uncertainty::stability`]).
pub fn analyse_sampled<'m>(
    model: &'m Model,
    answers: &Answers,
    method: Method,
    settings: Option<&uncertainty::Settings>,
) -> Result<Analysis<'m>, MethodError> {
    let (scenario, assessment) = evaluate(model, answers, method)?;
    let winner = match assessment.verdict {
        Verdict::Winner { alternative, .. } => Some(alternative),
        _ => None,
    };
    // The sensitivity analysis and the traces need no samples: they are
    // worked out while other threads sample.
    let unsampled = || {
        (
            sensitivity::analyse(model, answers, &scenario, &assessment),
            traces(model, answers),
        )
    };
    let (uncertainty, (mut sensitivity, traces)) = match settings {
        Some(settings) => {
            uncertainty::analyse_alongside(model, &scenario, winner, settings, unsampled)
        }
        None => (None, unsampled()),
    };
    if let (Some(uncertainty), Some(winner)) = (&uncertainty, winner) {
        sensitivity.stability =
            uncertainty::stability(sensitivity.stability, uncertainty, method, winner);
    }
    Ok(Analysis {
        scenario,
        assessment,
        sensitivity,
        traces,
        uncertainty,
    })
}

/// The criterion's leading alternatives among the eligible ones: the best
/// score, highest for a benefit and lowest for a cost, or several when they
/// are level. With fewer than two eligible there is no contest to lead, so
/// none: a ruled-out alternative never leads, and the one left does not
/// "lead" a row it loses to a ruled-out one.
pub fn leaders(scores: &[f64], kind: Kind, eligible: &[bool]) -> Vec<usize> {
    let candidates: Vec<usize> = (0..scores.len()).filter(|&index| eligible[index]).collect();
    if candidates.len() < 2 {
        return Vec::new();
    }
    let key = |index: usize| match kind {
        Kind::Benefit => scores[index],
        Kind::Cost => -scores[index],
    };
    let best = candidates
        .iter()
        .map(|&index| key(index))
        .fold(f64::NEG_INFINITY, f64::max);
    candidates
        .into_iter()
        .filter(|&index| key(index) == best)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::answers::ExplicitWeights;
    use crate::model::{Alternative, Choice, Criterion, Kind, Question, Scale, ScoreOverride};

    /// Replaces the model's criteria with benefit criteria of the given
    /// ids, base weights and scores.
    pub fn set_criteria(model: &mut Model, entries: &[(&str, f64, &[f64])]) {
        model.criteria = entries
            .iter()
            .map(|&(id, _, _)| Criterion {
                id: id.into(),
                name: id.into(),
                description: String::new(),
                source: None,
                rationales: Vec::new(),
                rating_sources: Vec::new(),
            })
            .collect();
        model.base_weights = entries.iter().map(|&(_, weight, _)| weight).collect();
        model.kinds = vec![Kind::Benefit; entries.len()];
        let columns = entries.first().map_or(0, |(_, _, scores)| scores.len());
        model.scores = Table::from_rows(columns, entries.iter().map(|(_, _, scores)| scores));
    }

    pub fn choice(id: &str) -> Choice {
        Choice {
            id: id.into(),
            label: id.into(),
            add: Vec::new(),
            multiply: Vec::new(),
            set_scores: Vec::new(),
            rule_out: Vec::new(),
            neutral: None,
        }
    }

    pub fn alternatives(names: &[&str]) -> Vec<Alternative> {
        names
            .iter()
            .map(|name| Alternative {
                id: name.to_lowercase(),
                name: (*name).into(),
                note: None,
            })
            .collect()
    }

    /// Two alternatives, three criteria, one question with four options.
    pub fn model() -> Model {
        let mut model = Model {
            scale: Scale {
                min: 0.0,
                max: 10.0,
            },
            alternatives: alternatives(&["A", "B"]),
            criteria: Vec::new(),
            base_weights: Vec::new(),
            kinds: Vec::new(),
            scores: Table::default(),
            evidence: crate::model::Evidence::Current,
            revisions: Vec::new(),
            ranges: Vec::new(),
            provenance: crate::model::Provenance::default(),
            groups: Vec::new(),
            questions: vec![Question {
                id: "workload".into(),
                prompt: "?".into(),
                help: String::new(),
                when: Vec::new(),
                fact: false,
                default: 0,
                choices: vec![
                    choice("web"),
                    Choice {
                        add: vec![(2, 3.0)],
                        multiply: vec![(0, 0.5)],
                        ..choice("ml")
                    },
                    Choice {
                        set_scores: vec![ScoreOverride {
                            criterion: 1,
                            alternative: 0,
                            score: 9.0,
                        }],
                        ..choice("even")
                    },
                    Choice {
                        rule_out: vec![(0, "A cannot do it".into())],
                        ..choice("exclude")
                    },
                ],
            }],
        };
        set_criteria(
            &mut model,
            &[
                ("speed", 2.0, &[9.0, 5.0]),
                ("syntax", 1.0, &[6.0, 9.0]),
                ("ml", 0.0, &[3.0, 10.0]),
            ],
        );
        model
    }

    pub fn answer(choice: usize) -> Answers {
        Answers {
            choices: vec![Some(choice)],
            explicit_weights: None,
        }
    }

    pub fn assert_close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
    }

    #[test]
    fn weigh_adds_then_multiplies() {
        // speed: 2 × 0.5 = 1; syntax 1; ml: 0 + 3 = 3.
        let model = model();
        let scenario = weigh(&model, &answer(1));
        assert_eq!(scenario.weights, vec![1.0, 1.0, 3.0]);
        assert!(scenario.ruled_out.iter().all(Option::is_none));
    }

    #[test]
    fn set_scores_replaces_a_score_and_rule_out_excludes() {
        assert_eq!(weigh(&model(), &answer(2)).scores[1], [9.0, 9.0]);
        let model = model();
        let scenario = weigh(&model, &answer(3));
        let out = scenario.ruled_out[0].expect("A is ruled out");
        assert_eq!(out.reason(&model, 0), "A cannot do it");
        assert!(scenario.is_eligible(1));
    }

    /// One criterion's trace found on its own, by looking through every
    /// chosen option: the plain reading [`traces`] must agree with.
    fn trace(model: &Model, answers: &Answers, criterion: usize) -> WeightTrace {
        let (base, explicit) = match answers
            .explicit_weights
            .as_ref()
            .and_then(|explicit| explicit.for_criterion(criterion))
        {
            Some(weight) => (weight, true),
            None => (model.base_weights[criterion], false),
        };
        let mut additions = Vec::new();
        let mut factors = Vec::new();
        for (question, choice) in answers.chosen() {
            let option = &model.questions[question].choices[choice];
            for &(target, amount) in &option.add {
                if target == criterion {
                    additions.push(WeightChange {
                        question,
                        choice,
                        change: Change::Add(amount),
                    });
                }
            }
            for &(target, factor) in &option.multiply {
                if target == criterion {
                    factors.push(WeightChange {
                        question,
                        choice,
                        change: Change::Multiply(factor),
                    });
                }
            }
        }
        WeightTrace::from_steps(base, explicit, additions, factors)
    }

    #[test]
    fn explicit_weights_replace_base_weights_before_answers_apply() {
        let mut answers = answer(1);
        answers.explicit_weights = Some(ExplicitWeights {
            from: "test".into(),
            values: vec![(0, 4.0), (2, 1.0)],
        });
        // speed: 4 × 0.5 = 2; syntax keeps 1; ml: 1 + 3 = 4.
        assert_eq!(weigh(&model(), &answers).weights, vec![2.0, 1.0, 4.0]);
        let speed = trace(&model(), &answers, 0);
        assert!(speed.explicit);
        assert_eq!(speed.base, 4.0);
        assert_eq!(speed.weight, 2.0);
    }

    #[test]
    fn trace_lists_each_change_and_ends_at_the_weight() {
        let ml = trace(&model(), &answer(1), 2);
        assert_eq!(
            ml.changes,
            vec![WeightChange {
                question: 0,
                choice: 1,
                change: Change::Add(3.0)
            }]
        );
        assert_eq!(ml.weight, 3.0);
        let speed = trace(&model(), &answer(1), 0);
        assert_eq!(speed.changes[0].change, Change::Multiply(0.5));
        assert_eq!(speed.weight, weigh(&model(), &answer(1)).weights[0]);
    }

    #[test]
    fn traces_in_one_pass_match_each_criterion_traced_alone() {
        let mut answers = answer(1);
        answers.explicit_weights = Some(ExplicitWeights {
            from: "test".into(),
            values: vec![(2, 1.5), (0, 4.0)],
        });
        let all = traces(&model(), &answers);
        for (criterion, together) in all.iter().enumerate() {
            assert_eq!(together, &trace(&model(), &answers, criterion));
        }
    }

    #[test]
    fn a_group_weighs_what_its_heaviest_member_weighs_plus_its_share_of_the_rest() {
        // speed 2 and syntax 1 in one group; ml (0, then 3) outside it.
        let mut model = model();
        model.groups = vec![crate::model::Group {
            id: "g".into(),
            name: "G".into(),
            why: "test".into(),
            members: vec![0, 1],
            rest_counts: 0.0,
        }];
        // Raw 2 and 1: together they weigh max = 2, split 2:1.
        let scenario = weigh(&model, &answer(0));
        assert_close(scenario.weights[0], 4.0 / 3.0);
        assert_close(scenario.weights[1], 2.0 / 3.0);
        assert_eq!(scenario.weights[2], 0.0);
        // Answer 1 halves speed to 1: raw 1 and 1, together 1; ml 3 is
        // outside the group and keeps its weight.
        let scenario = weigh(&model, &answer(1));
        assert_close(scenario.weights[0], 0.5);
        assert_close(scenario.weights[1], 0.5);
        assert_close(scenario.weights[2], 3.0);
        // The traces end at the same weights and say which group.
        for (trace, weight) in traces(&model, &answer(1)).iter().zip(&scenario.weights) {
            assert_close(trace.weight, *weight);
        }
        let speed = &traces(&model, &answer(1))[0];
        assert_eq!(speed.raw, 1.0);
        assert_eq!(speed.group.map(|share| share.group), Some(0));
        assert_close(speed.group.unwrap().factor, 0.5);
        // Each member beyond the heaviest adds its `rest_counts` share:
        // 2 + 0.25 × 1 = 2.25, split 2:1.
        model.groups[0].rest_counts = 0.25;
        let scenario = weigh(&model, &answer(0));
        assert_close(scenario.weights[0], 1.5);
        assert_close(scenario.weights[1], 0.75);
        // 1 counts every member in full: no change at all.
        model.groups[0].rest_counts = 1.0;
        assert_eq!(weigh(&model, &answer(0)).weights, vec![2.0, 1.0, 0.0]);
        // A group with no weight at all stays at 0.
        assert_eq!(model.groups[0].factor([0.0, 0.0]), 1.0);
    }

    #[test]
    fn leaders_lists_every_top_score() {
        let all = [true; 3];
        assert_eq!(leaders(&[3.0, 7.0], Kind::Benefit, &all[..2]), vec![1]);
        assert_eq!(leaders(&[7.0, 7.0, 2.0], Kind::Benefit, &all), vec![0, 1]);
        assert_eq!(leaders(&[7.0, 7.0, 2.0], Kind::Cost, &all), vec![2]);
        // A ruled-out alternative never leads a row.
        assert_eq!(
            leaders(&[9.0, 7.0, 2.0], Kind::Benefit, &[false, true, true]),
            vec![1]
        );
        // One left, or none: no row has a leader.
        assert!(leaders(&[6.0, 9.0], Kind::Benefit, &[true, false]).is_empty());
        assert!(leaders(&[6.0, 9.0], Kind::Benefit, &[false, false]).is_empty());
    }
}
