//! How firm a verdict is: how far one criterion's weight would have to move,
//! and which single other answer, would change the top of the ranking.
//!
//! Criterion flip points are exact. Scaling one raw weight `W_k` by `f`
//! changes every share, but not the comparison between two alternatives `t`
//! and `b` beyond one term, because they share the denominator:
//!
//! ```text
//! WSM, WPM:  total_t − total_b ∝ (B_t − B_b) + f·W_k·(y_kt − y_kb)
//! ```
//!
//! with `y` the score as the method uses it (mirrored for cost criteria;
//! in logarithms for WPM) and `B` the weighted sum without criterion `k`.
//! That is zero at one `f`. TOPSIS's closeness does not change when every
//! weight is scaled alike, and its squared distances are `P + f²q`, so
//! `C_t = C_b` is a quadratic in `f²`. Either way one pass over the
//! alternatives per criterion finds every crossing.

use super::method::{Assessment, Method, Verdict, product_log_value, sum_value};
use super::{Scenario, evaluate};
use crate::answers::Answers;
use crate::magnitude;
use crate::model::{Kind, Model};

/// Stability thresholds, documented in the README.
pub const DECISIVE_MARGIN: f64 = 0.10;
pub const DECISIVE_FACTOR: f64 = 2.0;
pub const LEANING_MARGIN: f64 = 0.03;
pub const LEANING_FACTOR: f64 = 1.25;

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// One entry per criterion, in model order.
    pub criteria: Vec<CriterionSensitivity>,
    /// Every single other answer that would change the top of the ranking
    /// (of those checked).
    pub answer_flips: Vec<AnswerFlip>,
    /// Other answers not checked: the analysis stops after a budget of
    /// work proportional to the model's size (0 but for questionnaires
    /// entangled on purpose; see `answer_flips`).
    pub answers_unchecked: usize,
    pub stability: Stability,
}

/// Where changing one criterion's weight alone changes the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionSensitivity {
    /// The criterion's weight after the answers.
    pub weight: f64,
    /// The smallest increase that changes the top. For a weighted criterion
    /// `at` is the factor its weight is multiplied by; for one with weight 0
    /// it is the weight it would need.
    pub raise: Option<Flip>,
    /// The smallest decrease (largest factor below 1) that changes the top;
    /// never for a criterion with weight 0.
    pub lower: Option<Flip>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flip {
    pub at: f64,
    /// The alternative that draws level there and leads beyond it.
    pub new_leader: usize,
}

impl CriterionSensitivity {
    /// How far from 1 the nearer flip factor is, as a factor ≥ 1 (∞ when no
    /// change of this weight alone can change the top).
    pub fn nearest_factor(&self) -> f64 {
        if self.weight == 0.0 {
            return f64::INFINITY;
        }
        let raise = self.raise.map_or(f64::INFINITY, |flip| flip.at);
        let lower = self.lower.map_or(f64::INFINITY, |flip| 1.0 / flip.at);
        raise.min(lower)
    }
}

/// A different answer to one question that changes the top of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerFlip {
    pub question: usize,
    pub choice: usize,
    /// Follow-ups the changed answer brings in, at their defaults, as
    /// (question, option): part of the counterfactual, as at a terminal.
    pub follow_ups: Vec<(usize, usize)>,
    pub verdict: Verdict,
    pub totals: Vec<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    Decisive,
    Leaning,
    CloseCall,
    Tie,
    NoneEligible,
}

impl Stability {
    pub fn label(self) -> &'static str {
        match self {
            Stability::Decisive => "decisive",
            Stability::Leaning => "leaning",
            Stability::CloseCall => "close call",
            Stability::Tie => "tie",
            Stability::NoneEligible => "no eligible alternative",
        }
    }
}

/// How firm `assessment` is: `scenario` and `assessment` are what `answers`
/// weigh and score to (see [`super::analyse`]).
pub fn analyse(
    model: &Model,
    answers: &Answers,
    scenario: &Scenario,
    assessment: &Assessment,
) -> Sensitivity {
    let criteria = criterion_flips(model, scenario, assessment);
    let (answer_flips, answers_unchecked) = answer_flips(model, answers, scenario, assessment);
    let stability = stability(model, assessment, &criteria);
    Sensitivity {
        criteria,
        answer_flips,
        answers_unchecked,
        stability,
    }
}

/// The stability label from the weights alone, for a scenario that no one
/// set of answers produced (a team's: see [`crate::team`]), from its
/// [`criterion_flips`].
pub fn weight_stability(
    model: &Model,
    assessment: &Assessment,
    criteria: &[CriterionSensitivity],
) -> Stability {
    stability(model, assessment, criteria)
}

fn stability(
    model: &Model,
    assessment: &Assessment,
    criteria: &[CriterionSensitivity],
) -> Stability {
    match assessment.verdict {
        Verdict::NoneEligible => return Stability::NoneEligible,
        Verdict::Tie { .. } => return Stability::Tie,
        // Only one alternative is left standing: the answers decided it.
        Verdict::Winner {
            runner_up: None, ..
        } => return Stability::Decisive,
        Verdict::Winner { .. } => {}
    }
    let margin = assessment.relative_margin(model).unwrap_or(0.0);
    let nearest = criteria
        .iter()
        .map(CriterionSensitivity::nearest_factor)
        .fold(f64::INFINITY, f64::min);
    if margin >= DECISIVE_MARGIN && nearest >= DECISIVE_FACTOR {
        Stability::Decisive
    } else if margin >= LEANING_MARGIN && nearest >= LEANING_FACTOR {
        Stability::Leaning
    } else {
        Stability::CloseCall
    }
}

/// Per criterion, the nearest weight changes either way that change the top.
pub fn criterion_flips(
    model: &Model,
    scenario: &Scenario,
    assessment: &Assessment,
) -> Vec<CriterionSensitivity> {
    let none = |weight| CriterionSensitivity {
        weight,
        raise: None,
        lower: None,
    };
    let Verdict::Winner {
        alternative: top, ..
    } = assessment.verdict
    else {
        return scenario
            .weights
            .iter()
            .map(|&weight| none(weight))
            .collect();
    };
    let rivals: Vec<usize> = assessment
        .ranking
        .iter()
        .copied()
        .filter(|&a| a != top)
        .collect();
    // The sums below add weights times values. Flip factors do not depend
    // on the weights' scale, so they are worked out in the weights brought
    // near 1 by one power of two, where no sum of them can overflow (two
    // weights of 1e308 would): for every other input that changes no bit.
    // Only the weight a weightless criterion would need is in the weights'
    // own units, and is scaled back below.
    let unit = magnitude::unit(
        scenario
            .weights
            .iter()
            .chain(&scenario.raw_weights)
            .copied(),
    );
    let rescaled;
    let scaled = if unit == 1.0 {
        scenario
    } else {
        let scale = |weights: &[f64]| weights.iter().map(|w| w * unit).collect();
        rescaled = Scenario {
            weights: scale(&scenario.weights),
            raw_weights: scale(&scenario.raw_weights),
            ..scenario.clone()
        };
        &rescaled
    };
    let mut flips = match assessment.method {
        Method::WeightedSum | Method::WeightedProduct => {
            linear_flips(model, scaled, assessment.method, top, &rivals)
        }
        Method::Topsis => topsis_flips(model, scaled, top, &rivals),
    };
    if !model.groups.is_empty() {
        let outside = outside_groups(model, scaled, assessment.method);
        for (group, (outside, outside_anti)) in model.groups.iter().zip(&outside) {
            grouped_flips(
                model,
                scaled,
                assessment.method,
                (top, &rivals),
                group,
                (outside, outside_anti),
                &mut flips,
            );
        }
    }
    for (entry, &weight) in flips.iter_mut().zip(&scenario.weights) {
        let scaled_weight = entry.weight;
        entry.weight = weight;
        if weight == 0.0 {
            entry.raise = entry.raise.and_then(|flip| {
                let at = flip.at / unit;
                at.is_finite().then_some(Flip { at, ..flip })
            });
        } else if scaled_weight == 0.0 {
            // A weight so far below the largest that, scaled with it, it
            // is 0: no factor within f64's range would move the top.
            *entry = none(weight);
        }
    }
    flips
}

/// Per alternative, sums over criteria, and the same sums for TOPSIS's
/// anti-ideal distances.
type Sums = (Vec<f64>, Vec<f64>);

/// For each group, what the weighted criteria outside it contribute per
/// alternative: a weighted sum for WSM and WPM (in logarithms), squared
/// distances to the ideal and anti-ideal points for TOPSIS.
///
/// One pass over the criteria serves every group: the criteria in no group
/// go in one sum, each group's members in a sum of their own, and a
/// group's outside is the first plus the other groups' sums, from running
/// sums of the groups before and after it (additions only, so nothing
/// cancels). Summing every criterion again for each group would cost the
/// number of groups times the criteria.
fn outside_groups(model: &Model, scenario: &Scenario, method: Method) -> Vec<Sums> {
    let alternatives = model.alternatives.len();
    let zero = || (vec![0.0; alternatives], vec![0.0; alternatives]);
    let add = |into: &mut Sums, from: &Sums| {
        for a in 0..alternatives {
            into.0[a] += from.0[a];
            into.1[a] += from.1[a];
        }
    };
    let mirror = model.scale.min + model.scale.max;
    let group_of = model.group_index();
    let mut ungrouped = zero();
    let mut groups: Vec<Sums> = (0..model.groups.len()).map(|_| zero()).collect();
    for (criterion, row) in scenario.scores.rows().enumerate() {
        let weight = scenario.weights[criterion];
        if weight == 0.0 {
            continue;
        }
        let (sums, anti) = match group_of[criterion] {
            Some(group) => &mut groups[group],
            None => &mut ungrouped,
        };
        let kind = model.kinds[criterion];
        match method {
            Method::WeightedSum => {
                for (sum, &score) in sums.iter_mut().zip(row) {
                    *sum += weight * sum_value(score, kind, mirror);
                }
            }
            Method::WeightedProduct => {
                for (sum, &score) in sums.iter_mut().zip(row) {
                    *sum += weight * product_log_value(score, kind);
                }
            }
            Method::Topsis => {
                let gaps = normalised_gaps(scenario, criterion, kind);
                for a in 0..alternatives {
                    sums[a] += (weight * gaps.to_ideal[a]).powi(2);
                    anti[a] += (weight * gaps.to_anti_ideal[a]).powi(2);
                }
            }
        }
    }
    // The groups after each, then each group's outside: the ungrouped,
    // the groups before it (a running sum), the groups after it.
    let mut outside: Vec<Sums> = vec![(Vec::new(), Vec::new()); groups.len()];
    let mut running = zero();
    for index in (0..groups.len()).rev() {
        outside[index] = running.clone();
        add(&mut running, &groups[index]);
    }
    let mut before = ungrouped;
    for (index, sums) in groups.iter().enumerate() {
        add(&mut outside[index], &before);
        add(&mut before, sums);
    }
    outside
}

/// Factors per tenfold step at which [`sign_changes`] looks for a change.
const SCAN_STEPS_PER_DECADE: i32 = 24;
/// How many tenfold steps either way [`sign_changes`] looks.
const SCAN_DECADES: i32 = 6;

/// The points in `(0, ∞)` around `centre` (within a million-fold either
/// way) where `gap` changes sign: found on a logarithmic grid, then
/// narrowed by bisection to the last bit.
fn sign_changes(centre: f64, gap: impl Fn(f64) -> f64) -> Vec<f64> {
    let sign = |value: f64| {
        if value > 0.0 {
            1
        } else if value < 0.0 {
            -1
        } else {
            0
        }
    };
    let mut found = Vec::new();
    let mut last: Option<(f64, i32)> = None;
    // Each point is the one before times a constant ratio: a power per
    // point cost more than the rest of the scan.
    let ratio = 10f64.powf(1.0 / f64::from(SCAN_STEPS_PER_DECADE));
    let first = centre * 10f64.powi(-SCAN_DECADES);
    let points = std::iter::successors(Some(first), |at| Some(at * ratio))
        .take(2 * (SCAN_DECADES * SCAN_STEPS_PER_DECADE) as usize + 1);
    for at in points {
        let here = sign(gap(at));
        if here == 0 || !at.is_finite() {
            continue;
        }
        if let Some((before, then)) = last
            && then != here
        {
            // Bisect in logarithms: the factors span orders of magnitude.
            let (mut low, mut high) = (before.ln(), at.ln());
            for _ in 0..200 {
                let middle = 0.5 * (low + high);
                if middle <= low || middle >= high {
                    break;
                }
                if sign(gap(middle.exp())) == then {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            found.push((0.5 * (low + high)).exp());
        }
        last = Some((at, here));
    }
    found
}

/// A group member's flip points, in the weight an answer or a base weight
/// can change: its weight before the group. Raising it raises the group's
/// weight and shifts the shares of the other members, so the crossing is
/// no longer linear (or quadratic) in the factor; it is found by
/// [`sign_changes`] on the exact standing of each alternative at each
/// factor. Replaces the members' entries in `flips`.
fn grouped_flips(
    model: &Model,
    scenario: &Scenario,
    method: Method,
    (top, rivals): (usize, &[usize]),
    group: &crate::model::Group,
    (outside, outside_anti): (&[f64], &[f64]),
    flips: &mut [CriterionSensitivity],
) {
    let alternatives = model.alternatives.len();
    let raw = &scenario.raw_weights;
    let members = &group.members;
    let mirror = model.scale.min + model.scale.max;
    let value = |criterion: usize, score: f64| match method {
        Method::WeightedProduct => product_log_value(score, model.kinds[criterion]),
        _ => sum_value(score, model.kinds[criterion], mirror),
    };
    // Each member's value (WSM, WPM) or normalised gaps (TOPSIS) per
    // alternative.
    let mut member_values: Vec<Vec<f64>> = Vec::with_capacity(members.len());
    let mut member_anti: Vec<Vec<f64>> = Vec::with_capacity(members.len());
    for &member in members {
        match method {
            Method::WeightedSum | Method::WeightedProduct => {
                member_values.push(
                    scenario.scores[member]
                        .iter()
                        .map(|&score| value(member, score))
                        .collect(),
                );
                member_anti.push(Vec::new());
            }
            Method::Topsis => {
                let gaps = normalised_gaps(scenario, member, model.kinds[member]);
                member_values.push(gaps.to_ideal);
                member_anti.push(gaps.to_anti_ideal);
            }
        }
    }
    // What each member adds per alternative at its own weight (a weighted
    // value, or squared gaps).
    let term = |i: usize, a: usize| -> (f64, f64) {
        let w = raw[members[i]];
        if w <= 0.0 {
            return (0.0, 0.0);
        }
        match method {
            Method::WeightedSum | Method::WeightedProduct => (w * member_values[i][a], 0.0),
            Method::Topsis => (
                (w * member_values[i][a]).powi(2),
                (w * member_anti[i][a]).powi(2),
            ),
        }
    };
    // "Every member but one", for each member in turn, from running sums
    // of the members before it and stored sums of those after it (and the
    // two heaviest weights): summing the others afresh for each member
    // would cost the square of the group's size.
    let count = members.len();
    let mut weight_after = vec![0.0; count + 1];
    let mut terms_after = vec![(vec![0.0; alternatives], vec![0.0; alternatives]); count + 1];
    for i in (0..count).rev() {
        weight_after[i] = weight_after[i + 1] + raw[members[i]];
        let (mut sums, mut anti) = terms_after[i + 1].clone();
        for a in 0..alternatives {
            let (t, u) = term(i, a);
            sums[a] += t;
            anti[a] += u;
        }
        terms_after[i] = (sums, anti);
    }
    let (heaviest, second) = members.iter().enumerate().fold(
        ((0.0_f64, usize::MAX), 0.0_f64),
        |((first, at), second), (i, &m)| {
            let w = raw[m];
            if w > first {
                ((w, i), first)
            } else {
                ((first, at), second.max(w))
            }
        },
    );
    let mut weight_before = 0.0;
    let mut terms_before = (vec![0.0; alternatives], vec![0.0; alternatives]);
    let group_raw = weight_after[0];
    for (position, &criterion) in members.iter().enumerate() {
        let own = raw[criterion];
        // A weighted criterion's flips are factors of its weight; a
        // weightless one's, the weight it would need.
        let weight_at = |f: f64| if own > 0.0 { own * f } else { f };
        let centre = if own > 0.0 {
            1.0
        } else if group_raw > 0.0 {
            group_raw
        } else {
            1.0
        };
        // The other members, which keep their weights: their largest
        // weight and sum, and what they add per alternative, so that each
        // evaluation below costs one pass over the alternatives.
        let heaviest_other = if heaviest.1 == position {
            second
        } else {
            heaviest.0.max(0.0)
        };
        let sum_other = weight_before + weight_after[position + 1];
        let (after_terms, after_anti) = &terms_after[position + 1];
        let other_terms: Vec<f64> = (0..alternatives)
            .map(|a| terms_before.0[a] + after_terms[a])
            .collect();
        let other_anti: Vec<f64> = (0..alternatives)
            .map(|a| terms_before.1[a] + after_anti[a])
            .collect();
        weight_before += own;
        for a in 0..alternatives {
            let (t, u) = term(position, a);
            terms_before.0[a] += t;
            terms_before.1[a] += u;
        }
        // Each alternative's standing with this member's raw weight at
        // `f`: the numerator of its total (all totals share the
        // denominator) or its closeness.
        let standing = |alternative: usize, f: f64| -> f64 {
            let weight = weight_at(f);
            let heaviest = heaviest_other.max(weight);
            let sum = sum_other + weight;
            let share = if sum > 0.0 {
                (heaviest + group.rest_counts * (sum - heaviest)) / sum
            } else {
                1.0
            };
            match method {
                Method::WeightedSum | Method::WeightedProduct => {
                    let own_term = if weight > 0.0 {
                        weight * member_values[position][alternative]
                    } else {
                        0.0
                    };
                    outside[alternative] + share * (other_terms[alternative] + own_term)
                }
                Method::Topsis => {
                    let squared = share * share;
                    let to_ideal = outside[alternative]
                        + squared
                            * (other_terms[alternative]
                                + (weight * member_values[position][alternative]).powi(2));
                    let to_anti = outside_anti[alternative]
                        + squared
                            * (other_anti[alternative]
                                + (weight * member_anti[position][alternative]).powi(2));
                    let (to_ideal, to_anti) = (to_ideal.sqrt(), to_anti.sqrt());
                    if to_ideal + to_anti > 0.0 {
                        to_anti / (to_ideal + to_anti)
                    } else {
                        0.5
                    }
                }
            }
        };
        let values_finite = member_values[position]
            .iter()
            .all(|value| value.is_finite());
        let mut crossings: Vec<(f64, usize)> = Vec::new();
        if values_finite {
            for &rival in rivals {
                for at in sign_changes(centre, |f| standing(top, f) - standing(rival, f)) {
                    crossings.push((at, rival));
                }
            }
        }
        let mut scratch = Vec::new();
        let mut entry = flips_from_crossings(own, crossings.into_iter(), standing, &mut scratch);
        // The entry keeps the final weight, as for every criterion; its
        // factors are of the weight before the group.
        entry.weight = scenario.weights[criterion];
        flips[criterion] = entry;
    }
}

/// WSM and WPM: each rival's gap to the leader is linear in the factor.
///
/// Two passes over the scores, row by row: one for the weighted sums, one
/// for the flips. Each row's values are worked out once into a buffer, and
/// the crossings share one scratch list: per criterion there is no lookup
/// and no allocation, which at 10,000 criteria is the difference between
/// the working set fitting the cache or not.
fn linear_flips(
    model: &Model,
    scenario: &Scenario,
    method: Method,
    top: usize,
    rivals: &[usize],
) -> Vec<CriterionSensitivity> {
    let mirror = model.scale.min + model.scale.max;
    let value = |score: f64, kind: Kind| match method {
        Method::WeightedProduct => product_log_value(score, kind),
        _ => sum_value(score, kind, mirror),
    };
    let (kinds, weights) = (&model.kinds, &scenario.weights);
    // G_a: the raw-weighted sum over every criterion with weight.
    let alternatives = model.alternatives.len();
    let mut weighted_sums = vec![0.0; alternatives];
    for (criterion, row) in scenario.scores.rows().enumerate() {
        let (kind, weight) = (kinds[criterion], weights[criterion]);
        if weight > 0.0 {
            for (sum, &score) in weighted_sums.iter_mut().zip(row) {
                *sum += weight * value(score, kind);
            }
        }
    }
    let mut values = vec![0.0; alternatives];
    let mut scratch = Vec::new();
    scenario
        .scores
        .rows()
        .enumerate()
        .map(|(criterion, row)| {
            let (kind, weight) = (kinds[criterion], weights[criterion]);
            for (value_of, &score) in values.iter_mut().zip(row) {
                *value_of = value(score, kind);
            }
            let values = &values;
            let scale = if weight > 0.0 { weight } else { 1.0 };
            let own = |alternative: usize| {
                if weight > 0.0 {
                    weight * values[alternative]
                } else {
                    0.0
                }
            };
            let without = |alternative: usize| weighted_sums[alternative] - own(alternative);
            let crossings = rivals.iter().filter_map(|&rival| {
                let gap = without(top) - without(rival);
                // `without` subtracts from a sum: a gap within rounding of
                // the terms' size is no gap, and no factor would close it.
                let size = weighted_sums[top].abs()
                    + weighted_sums[rival].abs()
                    + own(top).abs()
                    + own(rival).abs();
                if gap.abs() <= 1e-12 * size {
                    return None;
                }
                let slope = scale * (values[top] - values[rival]);
                (slope != 0.0 && slope.is_finite()).then(|| (-gap / slope, rival))
            });
            // Who leads just past a factor: all totals share a denominator,
            // so the numerators compare.
            let standing = |alternative: usize, factor: f64| {
                without(alternative) + factor * scale * values[alternative]
            };
            flips_from_crossings(weight, crossings, standing, &mut scratch)
        })
        .collect()
}

/// Each alternative's gap to the ideal and anti-ideal point on one
/// criterion, in normalised (unweighted) terms: TOPSIS's `v = share × r`, so
/// a weighted gap is the raw weight times this one, over the weight sum.
struct NormalisedGaps {
    to_ideal: Vec<f64>,
    to_anti_ideal: Vec<f64>,
}

fn normalised_gaps(scenario: &Scenario, criterion: usize, kind: Kind) -> NormalisedGaps {
    let row = &scenario.scores[criterion];
    let eligible = || (0..row.len()).filter(|&a| scenario.is_eligible(a));
    let norm = magnitude::norm(eligible().map(|a| row[a]));
    let normalised: Vec<f64> = row
        .iter()
        .map(|score| if norm > 0.0 { score / norm } else { 0.0 })
        .collect();
    let highest = eligible()
        .map(|a| normalised[a])
        .fold(f64::NEG_INFINITY, f64::max);
    let lowest = eligible()
        .map(|a| normalised[a])
        .fold(f64::INFINITY, f64::min);
    let (ideal, anti_ideal) = match kind {
        Kind::Benefit => (highest, lowest),
        Kind::Cost => (lowest, highest),
    };
    NormalisedGaps {
        to_ideal: normalised.iter().map(|r| r - ideal).collect(),
        to_anti_ideal: normalised.iter().map(|r| r - anti_ideal).collect(),
    }
}

/// TOPSIS: `C_t = C_b` ⟺ `D⁻_t·D⁺_b = D⁻_b·D⁺_t`; squared, a quadratic in `f²`.
/// Closeness is unchanged when all weights scale alike, so raw weights stand
/// in for shares throughout.
fn topsis_flips(
    model: &Model,
    scenario: &Scenario,
    top: usize,
    rivals: &[usize],
) -> Vec<CriterionSensitivity> {
    let gaps: Vec<NormalisedGaps> = model
        .kinds
        .iter()
        .enumerate()
        .map(|(criterion, &kind)| normalised_gaps(scenario, criterion, kind))
        .collect();
    // Raw-weighted squared distances over every criterion.
    let squared_distance = |alternative: usize, to_ideal: bool| -> f64 {
        gaps.iter()
            .zip(&scenario.weights)
            .map(|(gap, weight)| {
                let gap = if to_ideal {
                    gap.to_ideal[alternative]
                } else {
                    gap.to_anti_ideal[alternative]
                };
                (weight * gap).powi(2)
            })
            .sum()
    };
    let alternatives = model.alternatives.len();
    let to_ideal: Vec<f64> = (0..alternatives)
        .map(|a| squared_distance(a, true))
        .collect();
    let to_anti_ideal: Vec<f64> = (0..alternatives)
        .map(|a| squared_distance(a, false))
        .collect();
    let mut scratch = Vec::new();
    scenario
        .weights
        .iter()
        .enumerate()
        .map(|(criterion, &weight)| {
            let gap = &gaps[criterion];
            let scale = if weight > 0.0 { weight } else { 1.0 };
            // Each distance² splits into the rest (P, M) and this criterion's
            // term at factor 1 (q, n), which scales with f².
            let split = |alternative: usize| {
                let q = (scale * gap.to_ideal[alternative]).powi(2);
                let n = (scale * gap.to_anti_ideal[alternative]).powi(2);
                let own = if weight > 0.0 { (q, n) } else { (0.0, 0.0) };
                (
                    to_ideal[alternative] - own.0,
                    q,
                    to_anti_ideal[alternative] - own.1,
                    n,
                )
            };
            let (p_t, q_t, m_t, n_t) = split(top);
            let crossings = rivals.iter().flat_map(|&rival| {
                let (p_b, q_b, m_b, n_b) = split(rival);
                // (M_t + u·n_t)(P_b + u·q_b) − (M_b + u·n_b)(P_t + u·q_t) = 0;
                // each coefficient is a difference, zero within its terms'
                // rounding when the two alternatives agree there.
                let settle = |value: f64, size: f64| {
                    if value.abs() <= 1e-12 * size {
                        0.0
                    } else {
                        value
                    }
                };
                let a = settle(n_t * q_b - n_b * q_t, (n_t * q_b).abs() + (n_b * q_t).abs());
                let b = settle(
                    m_t * q_b + n_t * p_b - m_b * q_t - n_b * p_t,
                    (m_t * q_b).abs() + (n_t * p_b).abs() + (m_b * q_t).abs() + (n_b * p_t).abs(),
                );
                let c = settle(m_t * p_b - m_b * p_t, (m_t * p_b).abs() + (m_b * p_t).abs());
                simple_positive_roots(a, b, c)
                    .into_iter()
                    .map(move |u| (u.sqrt(), rival))
            });
            // Closeness at a factor, from the same split distances.
            let standing = |alternative: usize, factor: f64| {
                let (p, q, m, n) = split(alternative);
                let u = factor * factor;
                let (to_ideal, to_anti) =
                    ((p + u * q).max(0.0).sqrt(), (m + u * n).max(0.0).sqrt());
                if to_ideal + to_anti > 0.0 {
                    to_anti / (to_ideal + to_anti)
                } else {
                    0.5
                }
            };
            flips_from_crossings(weight, crossings, standing, &mut scratch)
        })
        .collect()
}

/// Positive roots of `a·u² + b·u + c` where the sign changes (a double root
/// touches zero without changing the order).
fn simple_positive_roots(a: f64, b: f64, c: f64) -> Vec<f64> {
    let scale = a.abs().max(b.abs()).max(c.abs());
    if scale == 0.0 {
        return Vec::new();
    }
    let (a, b, c) = (a / scale, b / scale, c / scale);
    // Only an exactly vanishing `a` makes the equation linear: a tiny `a`
    // still matters where the root is large (a flip far out).
    let roots = if a == 0.0 {
        if b == 0.0 { Vec::new() } else { vec![-c / b] }
    } else {
        let discriminant = b * b - 4.0 * a * c;
        // Coefficients are scaled to at most 1, so this is relative.
        if discriminant <= 1e-15 {
            Vec::new()
        } else {
            let root = discriminant.sqrt();
            // The numerically stable pair of quadratic roots.
            let q = -0.5 * (b + b.signum() * root);
            let mut roots = vec![q / a];
            if q != 0.0 {
                roots.push(c / q);
            }
            roots
        }
    };
    roots
        .into_iter()
        .filter(|u| u.is_finite() && *u > 0.0)
        .collect()
}

/// From every (factor, rival) at which a rival draws level, the nearest
/// above 1 and below 1. `scratch` holds the crossings; the caller passes
/// the same one for every criterion, so that no criterion allocates.
fn flips_from_crossings(
    weight: f64,
    crossings: impl Iterator<Item = (f64, usize)>,
    standing: impl Fn(usize, f64) -> f64,
    scratch: &mut Vec<(f64, usize)>,
) -> CriterionSensitivity {
    scratch.clear();
    scratch.extend(crossings.filter(|(at, _)| at.is_finite() && *at > 0.0));
    // A weightless criterion can only gain weight: every crossing raises.
    let raises = |at: f64| weight == 0.0 || at > 1.0;
    let lowers = |at: f64| weight != 0.0 && at < 1.0;
    // The nearest crossing either way, in one pass.
    let mut raise_at = f64::INFINITY;
    let mut lower_at = 0.0_f64;
    for &(at, _) in scratch.iter() {
        if raises(at) {
            raise_at = raise_at.min(at);
        } else if lowers(at) {
            lower_at = lower_at.max(at);
        }
    }
    // When several rivals draw level at the same factor, the one that
    // leads just past it.
    let flip = |at: f64, side: &dyn Fn(f64) -> bool, past: f64| -> Option<Flip> {
        scratch
            .iter()
            .filter(|(other, _)| side(*other) && (other - at).abs() <= 1e-9 * at)
            .max_by(|(_, a), (_, b)| standing(*a, past).total_cmp(&standing(*b, past)))
            .map(|&(at, new_leader)| Flip { at, new_leader })
    };
    let raise = if raise_at.is_finite() {
        flip(raise_at, &raises, raise_at * (1.0 + 1e-6))
    } else {
        None
    };
    let lower = if lower_at > 0.0 {
        flip(lower_at, &lowers, lower_at * (1.0 - 1e-6))
    } else {
        None
    };
    CriterionSensitivity {
        weight,
        raise,
        lower,
    }
}

/// Every other single answer that changes the top, and how many were left
/// unchecked when the work limit ran out (see [`flip_work_limit`]).
///
/// Changing an answer can bring a follow-up question in (answered with its
/// default) or take one out, as at a terminal; the counterfactual is the
/// answers as they would then stand. Only the questions whose conditions
/// name a changed question are looked at again ([`Counterfactual`]), so a
/// change costs the questions it reaches, not every question.
///
/// For the weighted sum and product, a total is a ratio of sums over the
/// criteria, so changing answers only changes the terms of the criteria
/// their old and new options name (and of those criteria's groups): each
/// counterfactual costs the size of those options, not a fresh evaluation
/// of every criterion. TOPSIS's norms and ideal points depend on every
/// criterion, so it re-evaluates.
fn answer_flips(
    model: &Model,
    answers: &Answers,
    scenario: &Scenario,
    assessment: &Assessment,
) -> (Vec<AnswerFlip>, usize) {
    let current = top_of(&assessment.verdict);
    let baseline = match assessment.method {
        Method::WeightedSum | Method::WeightedProduct => {
            Baseline::new(model, answers, scenario, assessment.method)
        }
        Method::Topsis => None,
    };
    let evaluation = evaluation_cost(model);
    let limit = flip_work_limit(evaluation);
    let mut work = 0usize;
    let mut unchecked = 0;
    let mut flips = Vec::new();
    let mut counterfactual = Counterfactual::new(model, &answers.choices);
    for (question, entry) in model.questions.iter().enumerate() {
        // A question that does not apply cannot be answered on its own.
        let Some(chosen) = answers.choices[question] else {
            continue;
        };
        for choice in 0..entry.choices.len() {
            if choice == chosen {
                continue;
            }
            if work > limit {
                unchecked += 1;
                continue;
            }
            work += counterfactual.change(question, choice);
            // TOPSIS evaluates afresh, which costs every criterion anyway;
            // so does a change the parts cannot take precisely.
            let outcome = baseline
                .as_ref()
                .and_then(|baseline| baseline.with_answers(model, &counterfactual, &mut work))
                .or_else(|| {
                    work += evaluation;
                    let changed = Answers {
                        choices: counterfactual.now.clone(),
                        ..answers.clone()
                    };
                    evaluate(model, &changed, assessment.method)
                        .ok()
                        .map(|(_, other)| (other.verdict, other.totals))
                });
            if let Some((verdict, totals)) = outcome
                && top_of(&verdict) != current
            {
                let follow_ups = counterfactual
                    .differences()
                    .iter()
                    .filter_map(|change| match (change.before, change.after) {
                        (None, Some(now)) => Some((change.question, now)),
                        _ => None,
                    })
                    .collect();
                flips.push(AnswerFlip {
                    question,
                    choice,
                    follow_ups,
                    verdict,
                    totals,
                });
            }
            counterfactual.undo();
        }
    }
    (flips, unchecked)
}

/// What a fresh evaluation of one set of answers costs, in the units
/// [`answer_flips`] counts its work in: every score, question and effect.
fn evaluation_cost(model: &Model) -> usize {
    let effects: usize = model
        .questions
        .iter()
        .flat_map(|question| &question.choices)
        .map(|choice| {
            1 + choice.add.len()
                + choice.multiply.len()
                + choice.set_scores.len()
                + choice.rule_out.len()
        })
        .sum();
    model.criteria.len() * model.alternatives.len().max(1)
        + model.questions.len()
        + effects
        + model
            .groups
            .iter()
            .map(|group| group.members.len())
            .sum::<usize>()
}

/// How much work the single-answer counterfactuals may do in all: as much
/// as [`FLIP_EVALUATIONS`] fresh evaluations, or [`FLIP_WORK_FLOOR`] units
/// for a small model. A counterfactual usually costs a few units (the
/// questions it reaches, the criteria its options name); a file whose
/// questions are entangled on purpose (one answer that takes out
/// thousands of follow-ups, offered with thousands of options) would
/// otherwise cost their product, and this keeps the whole analysis
/// linear in the size of the model. What is left unchecked is counted and
/// reported.
fn flip_work_limit(evaluation: usize) -> usize {
    evaluation
        .saturating_mul(FLIP_EVALUATIONS)
        .max(FLIP_WORK_FLOOR)
}

/// See [`flip_work_limit`].
const FLIP_EVALUATIONS: usize = 64;
const FLIP_WORK_FLOOR: usize = 20_000_000;

/// One question whose answer a counterfactual changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Difference {
    question: usize,
    before: Option<usize>,
    after: Option<usize>,
}

/// The answers with one answer changed, as they would then stand: the
/// follow-ups it brings in at their defaults, those it takes out without
/// an answer. Kept as the current answers plus the differences, which
/// [`Counterfactual::undo`] takes back, so that a change costs the
/// questions it reaches rather than a copy of every answer.
struct Counterfactual<'m> {
    model: &'m Model,
    /// The answers the analysis starts from, resolved.
    base: &'m [Option<usize>],
    /// The answers with the current change applied.
    now: Vec<Option<usize>>,
    differences: Vec<Difference>,
    /// For each question, the questions whose conditions name it.
    dependents: Vec<Vec<usize>>,
    /// Questions still to look at again, lowest first: a condition names
    /// only earlier questions, so each is settled when its turn comes.
    pending: std::collections::BinaryHeap<std::cmp::Reverse<usize>>,
    /// The change each question was last queued or changed by.
    queued: Vec<u32>,
    changed: Vec<u32>,
    /// The current change's number (0: none yet).
    change_number: u32,
}

impl<'m> Counterfactual<'m> {
    fn new(model: &'m Model, base: &'m [Option<usize>]) -> Self {
        let mut dependents = vec![Vec::new(); model.questions.len()];
        for (question, entry) in model.questions.iter().enumerate() {
            for condition in &entry.when {
                let list: &mut Vec<usize> = &mut dependents[condition.question];
                // Two conditions on one question name it once.
                if list.last() != Some(&question) {
                    list.push(question);
                }
            }
        }
        Self {
            model,
            base,
            now: base.to_vec(),
            differences: Vec::new(),
            dependents,
            pending: std::collections::BinaryHeap::new(),
            queued: vec![0; model.questions.len()],
            changed: vec![0; model.questions.len()],
            change_number: 0,
        }
    }

    /// Answers `question` with `choice` (it must apply) and settles the
    /// follow-ups; returns the work done. Call [`Counterfactual::undo`]
    /// before the next change.
    fn change(&mut self, question: usize, choice: usize) -> usize {
        self.change_number += 1;
        let number = self.change_number;
        self.differences.clear();
        self.set(question, Some(choice));
        let mut work = 1;
        while let Some(std::cmp::Reverse(next)) = self.pending.pop() {
            let entry = &self.model.questions[next];
            work += 1 + entry.when.len();
            let after = entry
                .applies(&self.now)
                .then(|| self.base[next].unwrap_or(entry.default));
            if after != self.now[next] {
                self.set(next, after);
            }
        }
        debug_assert_eq!(number, self.change_number);
        work + self.differences.len()
    }

    /// Records one difference and queues the questions that depend on it.
    fn set(&mut self, question: usize, after: Option<usize>) {
        let number = self.change_number;
        self.differences.push(Difference {
            question,
            before: self.now[question],
            after,
        });
        self.now[question] = after;
        self.changed[question] = number;
        for &dependent in &self.dependents[question] {
            if self.queued[dependent] != number {
                self.queued[dependent] = number;
                self.pending.push(std::cmp::Reverse(dependent));
            }
        }
    }

    /// The questions the current change changed, the changed one first.
    fn differences(&self) -> &[Difference] {
        &self.differences
    }

    /// Whether the current change changed `question`'s answer.
    fn is_changed(&self, question: usize) -> bool {
        self.changed[question] == self.change_number && self.change_number > 0
    }

    /// Back to the starting answers.
    fn undo(&mut self) {
        for difference in self.differences.drain(..).rev() {
            self.now[difference.question] = difference.before;
        }
        // Marks from this change must not count for the next.
        self.change_number += 1;
    }
}

/// The weighted sum or product under the current answers, kept as the
/// parts a few changed answers can be applied to.
struct Baseline<'a> {
    method: Method,
    /// Per criterion: the base weight (the answers file's where it sets
    /// one), and with the chosen options' additions and factors applied.
    bases: Vec<f64>,
    sums: Vec<f64>,
    products: Vec<f64>,
    /// Per criterion, the chosen options' additions and factors, as
    /// (question, amount), in question order: a changed criterion's weight
    /// is summed afresh from them, without the changed questions'.
    additions: Vec<Vec<(usize, f64)>>,
    factors: Vec<Vec<(usize, f64)>>,
    /// Per criterion, every option in the model that replaces one of its
    /// scores, as (question, option, alternative, score), in question
    /// order: the last that is chosen wins.
    setters: Vec<Vec<(usize, usize, usize, f64)>>,
    /// Per criterion, the group it is in.
    group_of: Vec<Option<usize>>,
    /// Per alternative, how many chosen options rule it out.
    ruled_out: Vec<usize>,
    /// Per criterion, the final weight: after groups share theirs.
    weights: &'a [f64],
    /// `scores[criterion][alternative]` after the current answers.
    scores: &'a super::ScenarioScores<'a>,
    /// The power of two every weight is multiplied by in the sums below,
    /// which brings the largest near 1 (see [`magnitude`]): sums of
    /// weights of 1e308 then fit, and no other sum changes by a bit.
    unit: f64,
    /// Per alternative: Σ weight × value over the weighted criteria.
    weighted: Vec<f64>,
    weight_sum: f64,
}

impl<'a> Baseline<'a> {
    /// `scenario` is the one `answers` weigh to.
    fn new(
        model: &Model,
        answers: &Answers,
        scenario: &'a Scenario<'a>,
        method: Method,
    ) -> Option<Self> {
        let (sums, products) = super::weight_parts(model, answers);
        let bases = super::base_weights(model, answers)
            .into_iter()
            .map(|(base, _)| base)
            .collect();
        let criteria = model.criteria.len();
        let mut additions = vec![Vec::new(); criteria];
        let mut factors = vec![Vec::new(); criteria];
        let mut ruled_out = vec![0; model.alternatives.len()];
        for (question, choice) in answers.chosen() {
            let option = &model.questions[question].choices[choice];
            for &(criterion, amount) in &option.add {
                additions[criterion].push((question, amount));
            }
            for &(criterion, factor) in &option.multiply {
                factors[criterion].push((question, factor));
            }
            for &(alternative, _) in &option.rule_out {
                ruled_out[alternative] += 1;
            }
        }
        let mut setters = vec![Vec::new(); criteria];
        for (question, entry) in model.questions.iter().enumerate() {
            for (choice, option) in entry.choices.iter().enumerate() {
                for change in &option.set_scores {
                    setters[change.criterion].push((
                        question,
                        choice,
                        change.alternative,
                        change.score,
                    ));
                }
            }
        }
        let mut baseline = Self {
            method,
            bases,
            sums,
            products,
            additions,
            factors,
            setters,
            group_of: model.group_index(),
            ruled_out,
            weights: &scenario.weights,
            scores: &scenario.scores,
            unit: magnitude::unit(scenario.weights.iter().copied()),
            weighted: Vec::new(),
            weight_sum: 0.0,
        };
        let mut weighted = vec![0.0; model.alternatives.len()];
        let mut weight_sum = 0.0;
        for (criterion, row) in baseline.scores.rows().enumerate() {
            let weight = baseline.weights[criterion] * baseline.unit;
            if weight > 0.0 {
                weight_sum += weight;
                for (sum, &score) in weighted.iter_mut().zip(row) {
                    *sum += weight * baseline.value(model, criterion, score)?;
                }
            }
        }
        baseline.weighted = weighted;
        baseline.weight_sum = weight_sum;
        Some(baseline)
    }

    /// A score as the method adds it up; `None` where the product cannot
    /// take it (a score of 0 or less).
    fn value(&self, model: &Model, criterion: usize, score: f64) -> Option<f64> {
        let kind = model.kinds[criterion];
        match self.method {
            Method::WeightedProduct if score <= 0.0 => None,
            Method::WeightedProduct => Some(product_log_value(score, kind)),
            _ => Some(sum_value(score, kind, model.scale.min + model.scale.max)),
        }
    }

    /// The verdict and totals with the answers as `changed` has them, or
    /// `None` when the parts cannot give them precisely (or the product
    /// cannot take a score) and a fresh evaluation must. Adds the work
    /// done to `work`.
    fn with_answers(
        &self,
        model: &Model,
        changed: &Counterfactual<'_>,
        work: &mut usize,
    ) -> Option<(Verdict, Vec<f64>)> {
        let option = |question: usize, choice: Option<usize>| {
            choice.map(|choice| &model.questions[question].choices[choice])
        };
        let differences = changed.differences();
        // The criteria any of the old or new options touch, once each, and
        // every member of a group one of them is in: a group's weights
        // move together.
        let mut touched: Vec<usize> = Vec::new();
        for difference in differences {
            let old = option(difference.question, difference.before);
            let new = option(difference.question, difference.after);
            for option in old.iter().chain(new.iter()) {
                touched.extend(option.add.iter().chain(&option.multiply).map(|(c, _)| *c));
                touched.extend(option.set_scores.iter().map(|change| change.criterion));
            }
        }
        touched.sort_unstable();
        touched.dedup();
        let mut groups: Vec<usize> = touched
            .iter()
            .filter_map(|&criterion| self.group_of[criterion])
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for &group in &groups {
            touched.extend(&model.groups[group].members);
        }
        touched.sort_unstable();
        touched.dedup();
        // What the old options added to and multiplied each touched
        // criterion's weight by, and what the new ones do: each differing
        // option's terms read once.
        let count = touched.len();
        let (mut removed, mut added) = (vec![0.0; count], vec![0.0; count]);
        let (mut divided, mut multiplied) = (vec![1.0; count], vec![1.0; count]);
        for difference in differences {
            let old = option(difference.question, difference.before);
            let new = option(difference.question, difference.after);
            for (option, sums, factors) in [
                (old, &mut removed, &mut divided),
                (new, &mut added, &mut multiplied),
            ] {
                let Some(option) = option else { continue };
                *work += option.add.len() + option.multiply.len();
                for &(criterion, amount) in &option.add {
                    if let Ok(at) = touched.binary_search(&criterion) {
                        sums[at] += amount;
                    }
                }
                for &(criterion, factor) in &option.multiply {
                    if let Ok(at) = touched.binary_search(&criterion) {
                        factors[at] *= factor;
                    }
                }
            }
        }
        // Each touched criterion's weight before any group, after the
        // change: the current sum and product with the old options' terms
        // taken out and the new ones' put in. Where taking a term out
        // would lose what is left (an addition of 1e16 dwarfing a base
        // weight of 1), or a product is not finite, that part is summed
        // afresh from the base and the chosen options' terms without the
        // changed questions'.
        fn kept<'t>(
            terms: &'t [(usize, f64)],
            changed: &'t Counterfactual<'_>,
        ) -> impl Iterator<Item = f64> + 't {
            terms
                .iter()
                .filter(|(question, _)| !changed.is_changed(*question))
                .map(|(_, value)| *value)
        }
        let raw_after: Vec<f64> = touched
            .iter()
            .enumerate()
            .map(|(at, &criterion)| {
                let left = self.sums[criterion] - removed[at];
                let sum = if removed[at] > CANCELLATION_LIMIT * left.abs() {
                    *work += self.additions[criterion].len();
                    self.bases[criterion] + kept(&self.additions[criterion], changed).sum::<f64>()
                } else {
                    left
                } + added[at];
                let left = self.products[criterion] / divided[at];
                let product = if left.is_finite() && self.products[criterion] != 0.0 {
                    left
                } else {
                    *work += self.factors[criterion].len();
                    kept(&self.factors[criterion], changed).product::<f64>()
                } * multiplied[at];
                sum * product
            })
            .collect();
        let raw_of = |criterion: usize| {
            touched
                .binary_search(&criterion)
                .map(|at| raw_after[at])
                .unwrap_or(self.sums[criterion] * self.products[criterion])
        };
        let mut after: Vec<f64> = touched.iter().map(|&criterion| raw_of(criterion)).collect();
        for &group in &groups {
            let group = &model.groups[group];
            *work += group.members.len();
            let share = group.factor(group.members.iter().map(|&m| raw_of(m)));
            for &member in &group.members {
                if let Ok(at) = touched.binary_search(&member) {
                    after[at] *= share;
                }
            }
        }
        // Taking a criterion's terms out of the running sums loses what the
        // rest contributes when that criterion's weight dwarfs theirs (an
        // addition of 1e16 leaves nothing of a weight of 1): then only a
        // fresh sum is exact.
        let removed: f64 = touched
            .iter()
            .map(|&c| (self.weights[c] * self.unit).max(0.0))
            .sum();
        if removed > CANCELLATION_LIMIT * (self.weight_sum - removed).max(0.0) {
            return None;
        }
        let alternatives = self.weighted.len();
        let mut weighted = self.weighted.clone();
        let mut weight_sum = self.weight_sum;
        let mut row_after = Vec::with_capacity(alternatives);
        for (&criterion, &after) in touched.iter().zip(&after) {
            // In the sums' unit (see `unit`): weights of 1e308 fit.
            let (before, after) = (self.weights[criterion] * self.unit, after * self.unit);
            // The scores after the change: the model's, replaced by every
            // chosen option that sets one, the last one winning.
            row_after.clear();
            row_after.extend_from_slice(&model.scores[criterion]);
            for &(question, choice, alternative, score) in &self.setters[criterion] {
                if changed.now[question] == Some(choice) {
                    row_after[alternative] = score;
                }
            }
            *work += alternatives + self.setters[criterion].len();
            let row_before = &self.scores[criterion];
            for (alternative, sum) in weighted.iter_mut().enumerate() {
                if before > 0.0 {
                    *sum -= before * self.value(model, criterion, row_before[alternative])?;
                }
                if after > 0.0 {
                    *sum += after * self.value(model, criterion, row_after[alternative])?;
                }
            }
            weight_sum += after.max(0.0) - before.max(0.0);
        }
        let totals: Vec<f64> = weighted
            .iter()
            .map(|sum| {
                let mean = if weight_sum > 0.0 {
                    sum / weight_sum
                } else {
                    0.0
                };
                match self.method {
                    Method::WeightedProduct => mean.exp(),
                    _ => mean,
                }
            })
            .collect();
        // A changed weight far above the current ones can take the sums
        // past f64's range; a fresh evaluation scales for it.
        if !totals.iter().all(|total| total.is_finite()) {
            return None;
        }
        // Which alternatives no chosen option rules out, after the change.
        let mut ruled_out = self.ruled_out.clone();
        for difference in differences {
            if let Some(old) = option(difference.question, difference.before) {
                for &(alternative, _) in &old.rule_out {
                    ruled_out[alternative] -= 1;
                }
            }
            if let Some(new) = option(difference.question, difference.after) {
                for &(alternative, _) in &new.rule_out {
                    ruled_out[alternative] += 1;
                }
            }
        }
        let eligible: Vec<bool> = ruled_out.iter().map(|&count| count == 0).collect();
        *work += 2 * alternatives;
        let (ranking, tolerance) = super::method::rank(self.method, model, &totals, &eligible);
        Some((super::method::verdict(&totals, &ranking, tolerance), totals))
    }
}

/// How many times the weight the other criteria carry a changed
/// criterion's weight may be before its terms are not taken out of the
/// running sums but the counterfactual is summed afresh: the error of
/// taking them out grows with that ratio, and 1,000 keeps it near 1e-13.
const CANCELLATION_LIMIT: f64 = 1e3;

/// The alternatives at the top: the winner, the tied ones, or none.
pub fn top_of(verdict: &Verdict) -> Vec<usize> {
    match verdict {
        Verdict::Winner { alternative, .. } => vec![*alternative],
        Verdict::Tie { alternatives, .. } => alternatives.clone(),
        Verdict::NoneEligible => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::{answer, assert_close, model};
    use crate::engine::{evaluate, weigh};

    fn analysed(method: Method, choice: usize) -> Sensitivity {
        let model = model();
        let answers = answer(choice);
        let (scenario, assessment) = evaluate(&model, &answers, method).unwrap();
        analyse(&model, &answers, &scenario, &assessment)
    }

    /// Brute force: the assessment's winner with criterion `k`'s weight
    /// multiplied by `factor` (or set to `factor` when it is 0).
    fn winner_with(method: Method, choice: usize, criterion: usize, factor: f64) -> Vec<usize> {
        let model = model();
        let mut scenario = weigh(&model, &answer(choice));
        if scenario.weights[criterion] == 0.0 {
            scenario.weights[criterion] = factor;
        } else {
            scenario.weights[criterion] *= factor;
        }
        top_of(
            &crate::engine::assess(&model, &scenario, method)
                .unwrap()
                .verdict,
        )
    }

    #[test]
    fn weighted_sum_flip_points_match_a_hand_computation() {
        // Default answers: weights 2, 1, 0; A leads 8 to 19/3.
        // speed (k = 0): B_A = 1·6 = 6, B_B = 1·9 = 9, slope = 2·(9 − 5) = 8:
        //   f* = (9 − 6)/8 = 3/8 → lowering speed below ×0.375 lets B lead.
        // syntax (k = 1): B_A = 2·9 = 18, B_B = 2·5 = 10, slope = 1·(6 − 9) = −3:
        //   f* = (10 − 18)/(−3) = 8/3 → raising syntax ×2.667 lets B lead.
        // ml (weight 0): B_A = 18 + 6 = 24, B_B = 10 + 9 = 19, slope = 3 − 10 = −7:
        //   w* = (19 − 24)/(−7) = 5/7 → a weight of 0.714 lets B lead.
        let sensitivity = analysed(Method::WeightedSum, 0);
        let speed = sensitivity.criteria[0];
        assert!(speed.raise.is_none());
        assert_close(speed.lower.unwrap().at, 3.0 / 8.0);
        assert_eq!(speed.lower.unwrap().new_leader, 1);
        let syntax = sensitivity.criteria[1];
        assert_close(syntax.raise.unwrap().at, 8.0 / 3.0);
        assert!(syntax.lower.is_none());
        let ml = sensitivity.criteria[2];
        assert_close(ml.raise.unwrap().at, 5.0 / 7.0);
        assert_eq!(ml.nearest_factor(), f64::INFINITY);
    }

    #[test]
    fn flip_points_are_where_the_winner_really_changes() {
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            let sensitivity = analysed(method, 0);
            for (criterion, entry) in sensitivity.criteria.iter().enumerate() {
                for flip in [entry.raise, entry.lower].into_iter().flatten() {
                    let (before, after) = if entry.weight == 0.0 || flip.at > 1.0 {
                        (flip.at * 0.999, flip.at * 1.001)
                    } else {
                        (flip.at * 1.001, flip.at * 0.999)
                    };
                    assert_eq!(
                        winner_with(method, 0, criterion, before),
                        vec![0],
                        "{method:?} criterion {criterion}"
                    );
                    assert_eq!(
                        winner_with(method, 0, criterion, after),
                        vec![flip.new_leader],
                        "{method:?} criterion {criterion} at {}",
                        flip.at
                    );
                }
            }
        }
    }

    #[test]
    fn no_flip_reported_where_none_exists() {
        // Brute force over a wide range of factors agrees with "never".
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            let sensitivity = analysed(method, 0);
            for (criterion, entry) in sensitivity.criteria.iter().enumerate() {
                if entry.weight > 0.0 && entry.raise.is_none() {
                    for factor in [1.5, 3.0, 10.0, 100.0, 1e4] {
                        assert_eq!(
                            winner_with(method, 0, criterion, factor),
                            vec![0],
                            "{method:?} {criterion} ×{factor}"
                        );
                    }
                }
                if entry.weight > 0.0 && entry.lower.is_none() {
                    for factor in [0.9, 0.5, 0.1, 1e-3] {
                        assert_eq!(
                            winner_with(method, 0, criterion, factor),
                            vec![0],
                            "{method:?} {criterion} ×{factor}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn answer_flips_name_each_answer_that_changes_the_winner() {
        // Default A wins; "ml" makes B win; "even" keeps A; "exclude" rules A out.
        let sensitivity = analysed(Method::WeightedSum, 0);
        let flipped: Vec<usize> = sensitivity
            .answer_flips
            .iter()
            .map(|flip| flip.choice)
            .collect();
        assert_eq!(flipped, vec![1, 3]);
        assert!(matches!(
            sensitivity.answer_flips[0].verdict,
            Verdict::Winner { alternative: 1, .. }
        ));
    }

    #[test]
    fn stability_follows_margin_and_nearest_flip() {
        // Margin (8 − 19/3)/10 = 0.167 ≥ 0.10, nearest flip ×2.667 ≥ 2: decisive.
        assert_eq!(
            analysed(Method::WeightedSum, 0).stability,
            Stability::Decisive
        );
        // Only B is eligible: decided by the answers.
        assert_eq!(
            analysed(Method::WeightedSum, 3).stability,
            Stability::Decisive
        );
    }

    /// The defaults with some answers set by id, follow-ups resolved.
    fn answers_with(model: &Model, set: &[(&str, &str)]) -> Answers {
        let mut given = vec![None; model.questions.len()];
        for (question, option) in set {
            let index = model
                .questions
                .iter()
                .position(|q| q.id == *question)
                .unwrap();
            given[index] = Some(model.questions[index].choice_index(option).unwrap());
        }
        Answers {
            choices: crate::answers::resolve(model, &given),
            explicit_weights: None,
        }
    }

    #[test]
    fn counterfactuals_applied_to_the_parts_match_a_full_evaluation() {
        // Every single change from several starting answers, on the embedded
        // criteria in both evidence layers (adds, factors, replaced scores,
        // constraints, groups, follow-ups that come and go).
        for evidence in [
            crate::model::Evidence::Current,
            crate::model::Evidence::Article,
        ] {
            let model = crate::model::Model::embedded()
                .unwrap()
                .with_evidence(evidence);
            let starts = [
                answers_with(&model, &[]),
                answers_with(&model, &[("existing_code", "python")]),
                answers_with(&model, &[("workload", "data"), ("realtime", "core")]),
                answers_with(&model, &[("workload", "jobs"), ("compute", "custom")]),
                answers_with(&model, &[("team_skills", "neither"), ("ai", "own")]),
                answers_with(&model, &[("browser_sharing", "must"), ("scale", "large")]),
                answers_with(
                    &model,
                    &[("mobile", "same_code"), ("time_to_market", "urgent")],
                ),
            ];
            for method in [Method::WeightedSum, Method::WeightedProduct] {
                for answers in &starts {
                    let scenario = crate::engine::weigh(&model, answers);
                    let baseline = Baseline::new(&model, answers, &scenario, method).unwrap();
                    let mut counterfactual = Counterfactual::new(&model, &answers.choices);
                    for (question, entry) in model.questions.iter().enumerate() {
                        if answers.choices[question].is_none() {
                            continue;
                        }
                        for choice in 0..entry.choices.len() {
                            let mut given = answers.choices.clone();
                            given[question] = Some(choice);
                            let changed = Answers {
                                choices: crate::answers::resolve(&model, &given),
                                explicit_weights: None,
                            };
                            // Only the questions a change reaches are
                            // looked at again: the same answers as
                            // resolving every question.
                            counterfactual.change(question, choice);
                            assert_eq!(
                                counterfactual.now, changed.choices,
                                "q{question} o{choice}"
                            );
                            let (verdict, totals) = baseline
                                .with_answers(&model, &counterfactual, &mut 0)
                                .unwrap();
                            counterfactual.undo();
                            assert_eq!(counterfactual.now, answers.choices);
                            let (_, full) = evaluate(&model, &changed, method).unwrap();
                            for (fast, slow) in totals.iter().zip(&full.totals) {
                                assert!(
                                    (fast - slow).abs() <= 1e-9 * slow.abs().max(1.0),
                                    "{method:?} q{question} o{choice}: {fast} vs {slow}"
                                );
                            }
                            assert_eq!(
                                top_of(&verdict),
                                top_of(&full.verdict),
                                "{method:?} q{question} o{choice}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// C1 (2; A 10, B 0) and C2 (1; A 0, B 10) share a group; C3 (2; A 0,
    /// B 10) stands alone. B leads. Raising C1's own weight to 2f raises
    /// the group's weight to 2f and C1's share of it to 2f / (2f + 1): A
    /// draws level where 4f² / (2f + 1) = 2f / (2f + 1) + 2, that is
    /// 4f² − 6f − 2 = 0, f = (6 + √68) / 8 ≈ 1.78. Scaling C1's final
    /// weight alone, as for an ungrouped criterion, would say ×2.
    fn grouped_model(rest_counts: f64) -> Model {
        let mut model = model();
        crate::engine::tests::set_criteria(
            &mut model,
            &[
                ("c1", 2.0, &[10.0, 0.0]),
                ("c2", 1.0, &[0.0, 10.0]),
                ("c3", 2.0, &[0.0, 10.0]),
            ],
        );
        model.groups = vec![crate::model::Group {
            id: "g".into(),
            name: "G".into(),
            why: "test".into(),
            members: vec![0, 1],
            rest_counts,
        }];
        model
    }

    #[test]
    fn a_group_members_flip_is_in_its_own_weight_as_the_group_moves_with_it() {
        let model = grouped_model(0.0);
        let answers = answer(0);
        let (scenario, assessment) = evaluate(&model, &answers, Method::WeightedSum).unwrap();
        assert_eq!(top_of(&assessment.verdict), vec![1]);
        let sensitivity = analyse(&model, &answers, &scenario, &assessment);
        let c1 = sensitivity.criteria[0];
        assert_close(c1.raise.unwrap().at, (6.0 + 68f64.sqrt()) / 8.0);
        assert_eq!(c1.raise.unwrap().new_leader, 0);
    }

    /// Every grouped flip point, for every method and group setting, is
    /// where multiplying that criterion's base weight (before the group)
    /// really changes the winner.
    #[test]
    fn grouped_flip_points_are_where_the_winner_really_changes() {
        for rest_counts in [0.0, 0.25, 1.0] {
            for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
                let mut model = grouped_model(rest_counts);
                // Positive scores for the weighted product.
                for row in 0..3 {
                    for alternative in 0..2 {
                        model.scores[row][alternative] += 1.0;
                    }
                }
                let answers = answer(0);
                let (scenario, assessment) = evaluate(&model, &answers, method).unwrap();
                let top = top_of(&assessment.verdict);
                let sensitivity = analyse(&model, &answers, &scenario, &assessment);
                let mut checked = 0;
                for (criterion, entry) in sensitivity.criteria.iter().enumerate() {
                    for flip in [entry.raise, entry.lower].into_iter().flatten() {
                        let winner = |factor: f64| {
                            let mut changed = model.clone();
                            changed.base_weights[criterion] *= factor;
                            let (_, assessment) = evaluate(&changed, &answers, method).unwrap();
                            top_of(&assessment.verdict)
                        };
                        let (before, after) = if flip.at > 1.0 {
                            (flip.at * 0.999, flip.at * 1.001)
                        } else {
                            (flip.at * 1.001, flip.at * 0.999)
                        };
                        let context =
                            format!("{method:?} r={rest_counts} c{criterion} at {}", flip.at);
                        assert_eq!(winner(before), top, "{context}");
                        assert_eq!(winner(after), vec![flip.new_leader], "{context}");
                        checked += 1;
                    }
                }
                assert!(checked > 0, "{method:?} r={rest_counts}: no flip to check");
            }
        }
    }

    /// An answer that adds a huge amount, changed to one that adds nothing:
    /// the counterfactual keeps the base weight the addition dwarfed.
    #[test]
    fn a_counterfactual_keeps_the_base_weight_a_huge_addition_dwarfed() {
        let mut model = model();
        model.questions[0].choices[1].add = vec![(0, 1e16)];
        model.questions[0].choices[1].multiply.clear();
        let answers = answer(1);
        for method in [Method::WeightedSum, Method::WeightedProduct] {
            let scenario = crate::engine::weigh(&model, &answers);
            let baseline = Baseline::new(&model, &answers, &scenario, method).unwrap();
            // The parts decline, and the flips are found afresh.
            let mut counterfactual = Counterfactual::new(&model, &answers.choices);
            counterfactual.change(0, 0);
            assert!(
                baseline
                    .with_answers(&model, &counterfactual, &mut 0)
                    .is_none()
            );
            let (_, assessment) = evaluate(&model, &answers, method).unwrap();
            let (flips, unchecked) = answer_flips(&model, &answers, &scenario, &assessment);
            assert_eq!(unchecked, 0);
            let (_, fresh) = evaluate(&model, &answer(0), method).unwrap();
            match flips.iter().find(|flip| flip.choice == 0) {
                Some(flip) => {
                    for (fast, slow) in flip.totals.iter().zip(&fresh.totals) {
                        assert!(
                            (fast - slow).abs() <= 1e-9 * slow.abs(),
                            "{method:?}: {fast} vs {slow}"
                        );
                    }
                }
                None => assert_eq!(
                    top_of(&fresh.verdict),
                    top_of(&assessment.verdict),
                    "{method:?}"
                ),
            }
        }
    }

    /// Weights of 1e308: their sums are past f64's range, which once made
    /// every total infinite and the ranking loop spin. The flips are the
    /// factors the same weights scaled down give, and a weightless
    /// criterion's is the weight it needs in the file's own units.
    #[test]
    fn flips_hold_when_weights_sum_past_f64s_range() {
        let mut model = model();
        crate::engine::tests::set_criteria(
            &mut model,
            &[
                ("speed", 1e308, &[9.0, 5.0]),
                ("syntax", 1e308, &[6.0, 9.0]),
                ("ml", 0.0, &[3.0, 10.0]),
            ],
        );
        // With W = 1e308, A: 15W / 2W = 7.5, B: 14W / 2W = 7. Raising
        // syntax ×4/3 or lowering speed ×3/4 levels them; ml (3 against
        // 10) draws B level at a weight of W/7 (15W + 3w = 14W + 10w).
        for method in [Method::WeightedSum, Method::Topsis, Method::WeightedProduct] {
            let sensitivity = analysed_model(&model, method);
            assert_ne!(sensitivity.stability, Stability::Tie, "{method:?}");
            let syntax = sensitivity.criteria[1];
            assert_eq!(syntax.weight, 1e308);
            assert!(syntax.raise.is_some(), "{method:?}: {syntax:?}");
            if method == Method::WeightedSum {
                assert_close(syntax.raise.unwrap().at, 4.0 / 3.0);
                assert_close(sensitivity.criteria[0].lower.unwrap().at, 3.0 / 4.0);
                let ml = sensitivity.criteria[2].raise.unwrap();
                assert!((ml.at / (1e308 / 7.0) - 1.0).abs() < 1e-12, "{ml:?}");
            }
        }
        // A weight needed beyond f64's range (W / 0.5) is no flip at all.
        model.scores[2].copy_from_slice(&[3.0, 3.5]);
        let sensitivity = analysed_model(&model, Method::WeightedSum);
        assert_eq!(sensitivity.criteria[2].raise, None);
    }

    fn analysed_model(model: &Model, method: Method) -> Sensitivity {
        let answers = answer(0);
        let (scenario, assessment) = evaluate(model, &answers, method).unwrap();
        analyse(model, &answers, &scenario, &assessment)
    }

    #[test]
    fn quadratic_roots_ignore_touching_and_negative_roots() {
        // (u − 1)(u − 4) = u² − 5u + 4
        let mut roots = simple_positive_roots(1.0, -5.0, 4.0);
        roots.sort_by(f64::total_cmp);
        assert_close(roots[0], 1.0);
        assert_close(roots[1], 4.0);
        // (u − 2)² touches zero without crossing.
        assert!(simple_positive_roots(1.0, -4.0, 4.0).is_empty());
        // (u + 1)(u + 2): no positive root.
        assert!(simple_positive_roots(1.0, 3.0, 2.0).is_empty());
        // Linear: 2u − 6.
        assert_eq!(simple_positive_roots(0.0, 2.0, -6.0), vec![3.0]);
    }
}
