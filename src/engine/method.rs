//! The three ways of turning weights and scores into a ranking.
//!
//! With `share(c) = weight(c) / Σ weight`:
//!
//! - **Weighted sum (WSM)**: `total(a) = Σ share(c) × value(c, a)`, where the
//!   value is the score, or for a cost criterion its mirror on the scale
//!   (`min + max − score`). The total lies on the model's scale.
//! - **Weighted product (WPM)**: `total(a) = Π value(c, a)^share(c)`, where the
//!   value is the score, or `1 / score` for a cost criterion. Scores must be
//!   above 0. Two alternatives compare by the ratio of their totals.
//! - **TOPSIS** with vector normalisation: `v(c, a) = share(c) × score(c, a) /
//!   √Σₐ score(c, a)²`; the ideal takes each criterion's best `v` (highest
//!   for benefit, lowest for cost) and the anti-ideal its worst;
//!   `total(a) = D⁻ / (D⁺ + D⁻)`, the relative closeness to the ideal.
//!
//! Ruled-out alternatives get totals too, for reference, but never rank;
//! TOPSIS takes its norms and ideal points from the eligible alternatives.

use std::fmt;

use super::{Scenario, ScenarioScores};
use crate::magnitude;
use crate::model::{Kind, Model, Scale, Table};

/// Totals closer than this (relative to the method's natural unit) are a
/// tie: the same sum in another order can differ in its last bits, and a
/// difference that small is not a preference.
pub const TIE_TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    #[default]
    WeightedSum,
    WeightedProduct,
    Topsis,
}

impl Method {
    pub fn id(self) -> &'static str {
        match self {
            Method::WeightedSum => "wsm",
            Method::WeightedProduct => "wpm",
            Method::Topsis => "topsis",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Method::WeightedSum => "weighted sum",
            Method::WeightedProduct => "weighted product",
            Method::Topsis => "TOPSIS",
        }
    }
}

/// The outcome of one method on one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub method: Method,
    /// Each criterion's share of the total weight; sums to 1.
    pub shares: Vec<f64>,
    /// Each alternative's total: a sum (WSM), a product (WPM), or the
    /// relative closeness to the ideal (TOPSIS).
    pub totals: Vec<f64>,
    /// Eligible alternatives from best to worst; equal totals keep file order.
    pub ranking: Vec<usize>,
    pub verdict: Verdict,
    pub topsis: Option<TopsisDetail>,
}

/// One row of figures per criterion, one column per alternative.
pub type Contributions = Table;

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// One alternative ranks first; `margin` is its total minus the
    /// runner-up's (there is none when only one alternative is eligible).
    Winner {
        alternative: usize,
        runner_up: Option<usize>,
        margin: f64,
    },
    /// Two or more alternatives share the top total.
    Tie {
        alternatives: Vec<usize>,
        total: f64,
    },
    /// Every alternative was ruled out by an answer.
    NoneEligible,
}

/// TOPSIS's intermediate figures, for `--explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct TopsisDetail {
    /// Per criterion, the norm its scores are divided by: the square root
    /// of the sum of the eligible alternatives' squared scores.
    pub norms: Vec<f64>,
    /// Per criterion, the best and worst weighted normalised value.
    pub ideal: Vec<f64>,
    pub anti_ideal: Vec<f64>,
    /// Per alternative, distance to the ideal (D⁺) and anti-ideal (D⁻).
    pub distance_to_ideal: Vec<f64>,
    pub distance_to_anti_ideal: Vec<f64>,
}

/// A method cannot use these scores.
#[derive(Debug, Clone, PartialEq)]
pub enum MethodError {
    /// The weighted product needs every weighted score above 0.
    NonPositiveScore {
        criterion: usize,
        alternative: usize,
        score: f64,
    },
    /// An alternative's total is not a finite number. Loading keeps every
    /// number within the range where totals fit, so only a model built
    /// some other way gets here; a verdict ranked on it would be made up.
    NotFinite { alternative: usize },
}

impl fmt::Display for MethodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MethodError::NonPositiveScore { score, .. } => write!(
                f,
                "the weighted product (--method wpm) needs scores above 0 on every weighted criterion, got {}",
                crate::magnitude::text(*score)
            ),
            MethodError::NotFinite { .. } => f.write_str(
                "its total is not a finite number: the weights or scores lie beyond what 64-bit floating point can add up",
            ),
        }
    }
}

impl std::error::Error for MethodError {}

pub fn assess(
    model: &Model,
    scenario: &Scenario,
    method: Method,
) -> Result<Assessment, MethodError> {
    let eligible: Vec<bool> = (0..model.alternatives.len())
        .map(|alternative| scenario.is_eligible(alternative))
        .collect();
    let shares = shares(&scenario.weights);
    let (totals, topsis) = match method {
        Method::WeightedSum => {
            let totals = weighted_sum(
                &shares,
                &scenario.scores,
                &model.kinds,
                model.scale.min + model.scale.max,
            );
            (totals, None)
        }
        Method::WeightedProduct => {
            let totals = weighted_product(&shares, &scenario.scores, &model.kinds)?;
            (totals, None)
        }
        Method::Topsis => {
            let (totals, detail) = topsis(&shares, &scenario.scores, &model.kinds, &eligible);
            (totals, Some(detail))
        }
    };
    if let Some(alternative) = totals.iter().position(|total| !total.is_finite()) {
        return Err(MethodError::NotFinite { alternative });
    }
    let (ranking, tolerance) = rank(method, model, &totals, &eligible);
    let verdict = verdict(&totals, &ranking, tolerance);
    Ok(Assessment {
        method,
        shares,
        totals,
        ranking,
        verdict,
        topsis,
    })
}

/// Weights divided by their sum (all 0 when the sum is 0). Each weight is
/// first brought near 1 by the same power of two, so that weights whose
/// sum is past f64's range (two of `1e308`) still share it rightly; for
/// all others the shares are the plain quotients to the bit.
pub fn shares(weights: &[f64]) -> Vec<f64> {
    let unit = magnitude::unit(weights.iter().copied());
    let sum: f64 = weights.iter().map(|weight| weight * unit).sum();
    weights
        .iter()
        .map(|weight| if sum > 0.0 { weight * unit / sum } else { 0.0 })
        .collect()
}

/// A score as the weighted sum uses it: cost criteria are mirrored on the
/// scale so that higher is always better.
pub fn sum_value(score: f64, kind: Kind, mirror: f64) -> f64 {
    match kind {
        Kind::Benefit => score,
        Kind::Cost => mirror - score,
    }
}

/// A score as the weighted product uses it, in logarithms: `ln score`, or
/// `−ln score` for a cost criterion.
pub fn product_log_value(score: f64, kind: Kind) -> f64 {
    match kind {
        Kind::Benefit => score.ln(),
        Kind::Cost => -score.ln(),
    }
}

// One criterion's contribution for one score, per method. `assess` folds
// them into the totals and `Assessment::contributions` reports them, with
// the same arithmetic, so the reported figures add up to the totals.

/// The points a score adds to the weighted sum.
fn sum_contribution(share: f64, score: f64, kind: Kind, mirror: f64) -> f64 {
    share * sum_value(score, kind, mirror)
}

/// The factor a score multiplies the weighted product by. A criterion
/// without weight multiplies by exactly 1, even at a score of 0.
fn product_contribution(share: f64, score: f64, kind: Kind) -> f64 {
    if share > 0.0 {
        (share * product_log_value(score, kind)).exp()
    } else {
        1.0
    }
}

/// A score's weighted normalised value for TOPSIS, `norm` being its
/// criterion's norm over the eligible alternatives.
fn topsis_contribution(share: f64, score: f64, norm: f64) -> f64 {
    if norm > 0.0 {
        share * score / norm
    } else {
        0.0
    }
}

// Each method makes one pass over the scores, criterion by criterion: a
// row's contributions are folded into the totals (and, for TOPSIS, its
// ideal points and distances) while the row is still in the cache. A
// second pass over the finished table read it back from memory once the
// table outgrew the cache, which made 10,000 criteria cost 13x to 22x
// what 1,000 did. The totals are still summed criterion by criterion in
// file order, so they do not change.
//
// The contributions are not kept: only a report needs them, and it asks
// `Assessment::contributions`. Writing a table the size of the scores in
// every assessment (sensitivity's TOPSIS counterfactuals make one per
// answer option) made the weighted sum at 10,000 x 50 a third slower, and
// its time depend on where the table landed in the caches.

fn weighted_sum(shares: &[f64], scores: &ScenarioScores, kinds: &[Kind], mirror: f64) -> Vec<f64> {
    let mut totals = vec![0.0; scores.columns()];
    for ((&share, row), &kind) in shares.iter().zip(scores.rows()).zip(kinds) {
        for (total, &score) in totals.iter_mut().zip(row) {
            *total += sum_contribution(share, score, kind, mirror);
        }
    }
    totals
}

fn weighted_product(
    shares: &[f64],
    scores: &ScenarioScores,
    kinds: &[Kind],
) -> Result<Vec<f64>, MethodError> {
    let mut totals = vec![1.0; scores.columns()];
    for (criterion, ((&share, row), &kind)) in
        shares.iter().zip(scores.rows()).zip(kinds).enumerate()
    {
        if share > 0.0
            && let Some((alternative, &score)) =
                row.iter().enumerate().find(|(_, score)| **score <= 0.0)
        {
            return Err(MethodError::NonPositiveScore {
                criterion,
                alternative,
                score,
            });
        }
        for (total, &score) in totals.iter_mut().zip(row) {
            *total *= product_contribution(share, score, kind);
        }
    }
    Ok(totals)
}

fn topsis(
    shares: &[f64],
    scores: &ScenarioScores,
    kinds: &[Kind],
    eligible: &[bool],
) -> (Vec<f64>, TopsisDetail) {
    let alternatives = scores.columns();
    let mut norms = Vec::with_capacity(shares.len());
    // One row of weighted normalised values at a time, read twice: for the
    // ideal points, then for the distances to them.
    let mut values = Vec::with_capacity(alternatives);
    let mut ideal = Vec::with_capacity(shares.len());
    let mut anti_ideal = Vec::with_capacity(shares.len());
    // Squared distances, summed criterion by criterion and rooted at the end.
    let mut distance_to_ideal = vec![0.0; alternatives];
    let mut distance_to_anti_ideal = vec![0.0; alternatives];
    for ((&share, row), kind) in shares.iter().zip(scores.rows()).zip(kinds) {
        let norm = magnitude::norm(
            row.iter()
                .zip(eligible)
                .filter(|(_, eligible)| **eligible)
                .map(|(score, _)| *score),
        );
        values.clear();
        values.extend(
            row.iter()
                .map(|&score| topsis_contribution(share, score, norm)),
        );
        let eligible_values = values
            .iter()
            .zip(eligible)
            .filter(|(_, eligible)| **eligible)
            .map(|(value, _)| *value);
        let highest = eligible_values.clone().fold(f64::NEG_INFINITY, f64::max);
        let lowest = eligible_values.fold(f64::INFINITY, f64::min);
        let (best, worst) = match kind {
            Kind::Benefit => (highest, lowest),
            Kind::Cost => (lowest, highest),
        };
        // With nothing eligible there is no ideal; 0 keeps the sums finite.
        let best = if best.is_finite() { best } else { 0.0 };
        let worst = if worst.is_finite() { worst } else { 0.0 };
        for (alternative, value) in values.iter().enumerate() {
            distance_to_ideal[alternative] += (value - best).powi(2);
            distance_to_anti_ideal[alternative] += (value - worst).powi(2);
        }
        norms.push(norm);
        ideal.push(best);
        anti_ideal.push(worst);
    }
    for distance in distance_to_ideal
        .iter_mut()
        .chain(distance_to_anti_ideal.iter_mut())
    {
        *distance = distance.sqrt();
    }
    let totals = distance_to_ideal
        .iter()
        .zip(&distance_to_anti_ideal)
        .map(|(to_ideal, to_anti_ideal)| {
            let spread = to_ideal + to_anti_ideal;
            // Every alternative identical: all equally close, so a tie.
            if spread > 0.0 {
                to_anti_ideal / spread
            } else {
                0.5
            }
        })
        .collect();
    let detail = TopsisDetail {
        norms,
        ideal,
        anti_ideal,
        distance_to_ideal,
        distance_to_anti_ideal,
    };
    (totals, detail)
}

/// The eligible alternatives from best to worst, and the tie tolerance.
/// Totals within the tolerance of each other are equal: they keep the file's
/// order, so the ranking does not depend on the order of the sums' terms.
pub(crate) fn rank(
    method: Method,
    model: &Model,
    totals: &[f64],
    eligible: &[bool],
) -> (Vec<usize>, f64) {
    let mut ranking: Vec<usize> = (0..totals.len())
        .filter(|&alternative| eligible[alternative])
        .collect();
    ranking.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
    let tolerance = tie_tolerance(method, model, totals, &ranking);
    let mut start = 0;
    while start < ranking.len() {
        let head = totals[ranking[start]];
        // Each group holds at least its head, so the loop ends whatever the
        // totals are: a NaN total compares false with everything, and once
        // made this loop spin for ever.
        let end = start
            + 1
            + ranking[start + 1..]
                .iter()
                .take_while(|&&alternative| head - totals[alternative] <= tolerance)
                .count();
        ranking[start..end].sort_unstable();
        start = end;
    }
    (ranking, tolerance)
}

/// [`TIE_TOLERANCE`] of the method's unit: the scale's range for the
/// weighted sum, the leading total for the weighted product (its totals
/// compare as ratios), the 0-to-1 closeness for TOPSIS. A weighted sum on a
/// scale far from 0 and narrow for its size (1,000,000 to 1,000,001) also
/// allows the rounding its sum can carry, a few units in the last place of
/// the scale's largest magnitude per criterion: within that, two totals
/// are the same number summed in another order.
fn tie_tolerance(method: Method, model: &Model, totals: &[f64], ranking: &[usize]) -> f64 {
    match method {
        Method::WeightedSum => weighted_sum_tie_tolerance(model),
        Method::WeightedProduct => {
            TIE_TOLERANCE * ranking.first().map_or(1.0, |&best| totals[best].abs())
        }
        Method::Topsis => TIE_TOLERANCE,
    }
}

/// [`tie_tolerance`] for the weighted sum, which the uncertainty
/// analysis's samples use too.
pub(crate) fn weighted_sum_tie_tolerance(model: &Model) -> f64 {
    let Scale { min, max } = model.scale;
    let magnitude = min.abs().max(max.abs());
    let rounding = 4.0 * model.criteria.len() as f64 * f64::EPSILON * magnitude;
    (TIE_TOLERANCE * (max - min)).max(rounding)
}

pub(crate) fn verdict(totals: &[f64], ranking: &[usize], tolerance: f64) -> Verdict {
    let Some(&best) = ranking.first() else {
        return Verdict::NoneEligible;
    };
    let top: Vec<usize> = ranking
        .iter()
        .copied()
        .take_while(|&alternative| totals[best] - totals[alternative] <= tolerance)
        .collect();
    if top.len() > 1 {
        return Verdict::Tie {
            alternatives: top,
            total: totals[best],
        };
    }
    let runner_up = ranking.get(1).copied();
    Verdict::Winner {
        alternative: best,
        runner_up,
        margin: runner_up.map_or(0.0, |runner_up| totals[best] - totals[runner_up]),
    }
}

impl Assessment {
    /// `contributions[criterion][alternative]`: the points a criterion adds
    /// (WSM), the factor it multiplies by (WPM), or the weighted normalised
    /// value (TOPSIS), as folded into the totals. `scenario` is the one
    /// this assessment was made of.
    ///
    /// # Panics
    ///
    /// If `scenario` has fewer criteria than the assessment, or a TOPSIS
    /// assessment has lost its detail.
    pub fn contributions(&self, model: &Model, scenario: &Scenario) -> Contributions {
        let mirror = model.scale.min + model.scale.max;
        let scores = &scenario.scores;
        let mut table = Contributions::with_capacity(self.shares.len(), scores.columns());
        for (criterion, (&share, &kind)) in self.shares.iter().zip(&model.kinds).enumerate() {
            let row = scores[criterion].iter();
            match self.method {
                Method::WeightedSum => {
                    table.push_row(row.map(|&score| sum_contribution(share, score, kind, mirror)))
                }
                Method::WeightedProduct => {
                    table.push_row(row.map(|&score| product_contribution(share, score, kind)))
                }
                Method::Topsis => {
                    let detail = self
                        .topsis
                        .as_ref()
                        .expect("a TOPSIS assessment has its detail");
                    let norm = detail.norms[criterion];
                    table.push_row(row.map(|&score| topsis_contribution(share, score, norm)))
                }
            };
        }
        table
    }

    /// The leader's lead in the method's natural unit, from 0 to 1: the
    /// margin over the scale's range (WSM), the runner-up's shortfall as a
    /// fraction of the leader's total (WPM), the closeness gap (TOPSIS).
    pub fn relative_margin(&self, model: &Model) -> Option<f64> {
        let Verdict::Winner {
            alternative,
            runner_up: Some(runner_up),
            margin,
        } = self.verdict
        else {
            return None;
        };
        Some(match self.method {
            Method::WeightedSum => margin / (model.scale.max - model.scale.min),
            Method::WeightedProduct => 1.0 - self.totals[runner_up] / self.totals[alternative],
            Method::Topsis => margin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::engine::tests::{answer, assert_close, model};

    #[test]
    fn weighted_sum_normalises_weights_and_sums_points() {
        // Weights 2, 1, 0 → shares 2/3, 1/3, 0.
        // A: 2/3·9 + 1/3·6 = 8; B: 2/3·5 + 1/3·9 = 19/3.
        let (_, assessment) = evaluate(&model(), &answer(0), Method::WeightedSum).unwrap();
        assert_close(assessment.shares[0], 2.0 / 3.0);
        assert_close(assessment.totals[0], 8.0);
        assert_close(assessment.totals[1], 19.0 / 3.0);
        assert_eq!(assessment.ranking, vec![0, 1]);
        match assessment.verdict {
            Verdict::Winner {
                alternative,
                runner_up,
                margin,
            } => {
                assert_eq!((alternative, runner_up), (0, Some(1)));
                assert_close(margin, 8.0 - 19.0 / 3.0);
            }
            other => panic!("expected a winner, got {other:?}"),
        }
    }

    #[test]
    fn answers_change_the_winner() {
        // Shares 1/5, 1/5, 3/5. A: (9 + 6 + 9)/5 = 4.8; B: (5 + 9 + 30)/5 = 8.8.
        let (_, assessment) = evaluate(&model(), &answer(1), Method::WeightedSum).unwrap();
        assert_close(assessment.totals[0], 4.8);
        assert_close(assessment.totals[1], 8.8);
        assert!(matches!(
            assessment.verdict,
            Verdict::Winner { alternative: 1, .. }
        ));
    }

    #[test]
    fn a_cost_criterion_is_mirrored_on_the_scale() {
        let mut model = model();
        model.kinds[1] = Kind::Cost;
        // syntax as cost: A 10 − 6 = 4, B 10 − 9 = 1.
        // A: 2/3·9 + 1/3·4 = 22/3; B: 2/3·5 + 1/3·1 = 11/3.
        let (_, assessment) = evaluate(&model, &answer(0), Method::WeightedSum).unwrap();
        assert_close(assessment.totals[0], 22.0 / 3.0);
        assert_close(assessment.totals[1], 11.0 / 3.0);
    }

    #[test]
    fn points_add_up_to_totals_and_shares_to_one() {
        let model = model();
        let (scenario, assessment) = evaluate(&model, &answer(1), Method::WeightedSum).unwrap();
        assert_close(assessment.shares.iter().sum(), 1.0);
        for alternative in 0..2 {
            let sum: f64 = assessment
                .contributions(&model, &scenario)
                .iter()
                .map(|row| row[alternative])
                .sum();
            assert_close(sum, assessment.totals[alternative]);
        }
    }

    #[test]
    fn reported_contributions_are_the_figures_folded_into_the_totals() {
        // Answer 2 replaces a score, so the scenario's scores differ from
        // the model's; a cost criterion is mirrored or inverted.
        let mut model = model();
        model.kinds[1] = Kind::Cost;
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            let (scenario, assessment) = evaluate(&model, &answer(2), method).unwrap();
            let contributions = assessment.contributions(&model, &scenario);
            assert_eq!(contributions.len(), model.criteria.len());
            match method {
                Method::WeightedSum | Method::WeightedProduct => {
                    for (alternative, total) in assessment.totals.iter().enumerate() {
                        let column = contributions.iter().map(|row| row[alternative]);
                        // Folded in file order, as `assess` does: to the bit.
                        let folded = if method == Method::WeightedSum {
                            column.fold(0.0, |sum, value| sum + value)
                        } else {
                            column.fold(1.0, |product, factor| product * factor)
                        };
                        assert_eq!(folded.to_bits(), total.to_bits(), "{method:?}");
                    }
                }
                Method::Topsis => {
                    let detail = assessment.topsis.as_ref().unwrap();
                    for (criterion, row) in contributions.iter().enumerate() {
                        let highest = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let lowest = row.iter().copied().fold(f64::INFINITY, f64::min);
                        let (best, worst) = match model.kinds[criterion] {
                            Kind::Benefit => (highest, lowest),
                            Kind::Cost => (lowest, highest),
                        };
                        assert_eq!(detail.ideal[criterion], best);
                        assert_eq!(detail.anti_ideal[criterion], worst);
                    }
                }
            }
        }
    }

    #[test]
    fn exact_tie_is_reported_not_broken() {
        // Mirror-image scores under equal weights: both total (4 + 6)/2 = 5.
        let mut model = model();
        crate::engine::tests::set_criteria(
            &mut model,
            &[("x", 1.0, &[4.0, 6.0]), ("y", 1.0, &[6.0, 4.0])],
        );
        model.questions.clear();
        let answers = crate::answers::Answers {
            choices: vec![],
            explicit_weights: None,
        };
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            let (_, assessment) = evaluate(&model, &answers, method).unwrap();
            assert!(
                matches!(assessment.verdict, Verdict::Tie { .. }),
                "{method:?}: {:?}",
                assessment.verdict
            );
        }
    }

    #[test]
    fn float_noise_does_not_break_a_tie() {
        // The same sum taken in another order can differ in the last bits.
        let noisy = 0.1 + 0.2 + 0.3;
        let exact = 0.3 + 0.2 + 0.1;
        assert_ne!(noisy, exact);
        assert!(matches!(
            verdict(&[noisy, exact], &[0, 1], 1e-8),
            Verdict::Tie { .. }
        ));
        assert!(matches!(
            verdict(&[0.6, 0.6 - 1e-6], &[0, 1], 1e-8),
            Verdict::Winner { .. }
        ));
    }

    #[test]
    fn ranking_ends_whatever_the_totals_are() {
        // A NaN total compares false with everything; the grouping of
        // tied totals once looped on it for ever.
        let mut model = model();
        model.alternatives = crate::engine::tests::alternatives(&["A", "B", "C"]);
        for totals in [
            [f64::NAN, 1.0, 2.0],
            [f64::INFINITY, f64::INFINITY, 1.0],
            [f64::NAN, f64::NAN, f64::NAN],
        ] {
            for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
                let (ranking, _) = rank(method, &model, &totals, &[true; 3]);
                assert_eq!(sorted(ranking), vec![0, 1, 2], "{totals:?}");
            }
        }
    }

    fn sorted(mut items: Vec<usize>) -> Vec<usize> {
        items.sort_unstable();
        items
    }

    #[test]
    fn weights_summing_past_f64s_range_share_as_they_should() {
        // 1e308 twice is past f64's largest number; the plain sum made
        // every share 0 and the verdict a tie at 0.
        let mut model = model();
        crate::engine::tests::set_criteria(
            &mut model,
            &[
                ("speed", 1e308, &[9.0, 5.0]),
                ("syntax", 1e308, &[6.0, 9.0]),
                ("ml", 1.0, &[3.0, 10.0]),
            ],
        );
        let shared = shares(&model.base_weights);
        assert_eq!(shared[0], 0.5);
        assert_eq!(shared[1], 0.5);
        assert!(shared[2] > 0.0 && shared[2] < 1e-300);
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            let (_, assessment) = evaluate(&model, &answer(0), method).unwrap();
            assert!(
                matches!(assessment.verdict, Verdict::Winner { alternative: 0, .. }),
                "{method:?}: {:?}",
                assessment.verdict
            );
        }
        // Every usual set of weights shares to the bit as before.
        for weights in [[2.0, 1.0, 0.0], [0.55, 1.1, 3.0], [0.1, 0.2, 0.3]] {
            let sum: f64 = weights.iter().sum();
            let plain: Vec<u64> = weights.iter().map(|w| (w / sum).to_bits()).collect();
            let scaled: Vec<u64> = shares(&weights).iter().map(|s| s.to_bits()).collect();
            assert_eq!(plain, scaled);
        }
    }

    #[test]
    fn a_tie_on_a_narrow_scale_far_from_0_allows_for_rounding() {
        // 1e12 to 1e12 + 1000: 1e-9 of the range (1e-6) is below one unit
        // in the last place of a total near 1e12 (1.2e-4), so the same
        // scores summed in another order differed by more than the
        // tolerance and the tie was called a win. A real difference still
        // wins.
        let mut model = model();
        model.scale = crate::model::Scale {
            min: 1e12,
            max: 1e12 + 1000.0,
        };
        let (a, b, c) = (
            1_000_000_000_255.1,
            1_000_000_000_495.4,
            1_000_000_000_449.5,
        );
        crate::engine::tests::set_criteria(
            &mut model,
            &[
                ("x", 1.0, &[a, b]),
                ("y", 1.0, &[b, c]),
                ("z", 1.0, &[c, a]),
            ],
        );
        let (_, assessment) = evaluate(&model, &answer(0), Method::WeightedSum).unwrap();
        assert_ne!(assessment.totals[0], assessment.totals[1]);
        assert!(
            matches!(assessment.verdict, Verdict::Tie { .. }),
            "{:?} {:?}",
            assessment.verdict,
            assessment.totals
        );
        model.scores[0][1] = b + 1.0;
        let (_, assessment) = evaluate(&model, &answer(0), Method::WeightedSum).unwrap();
        assert!(matches!(
            assessment.verdict,
            Verdict::Winner { alternative: 1, .. }
        ));
    }

    #[test]
    fn a_total_that_is_not_a_number_is_an_error_not_a_verdict() {
        let mut model = model();
        model.scores[0][0] = f64::INFINITY;
        let err = evaluate(&model, &answer(0), Method::WeightedSum).unwrap_err();
        assert_eq!(err, MethodError::NotFinite { alternative: 0 });
    }

    #[test]
    fn ruled_out_alternatives_never_rank() {
        let (_, assessment) = evaluate(&model(), &answer(3), Method::WeightedSum).unwrap();
        assert_eq!(assessment.ranking, vec![1]);
        assert_eq!(
            assessment.verdict,
            Verdict::Winner {
                alternative: 1,
                runner_up: None,
                margin: 0.0
            }
        );
        // Its total is still there for reference.
        assert_close(assessment.totals[0], 8.0);
    }

    #[test]
    fn every_alternative_ruled_out_is_its_own_verdict() {
        let mut model = model();
        model.questions[0].choices[3]
            .rule_out
            .push((1, "B cannot either".into()));
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            let (_, assessment) = evaluate(&model, &answer(3), method).unwrap();
            assert_eq!(assessment.verdict, Verdict::NoneEligible);
            assert!(assessment.totals.iter().all(|total| total.is_finite()));
        }
    }

    #[test]
    fn weighted_product_needs_positive_scores() {
        let mut model = model();
        model.scores[0][1] = 0.0;
        let err = evaluate(&model, &answer(0), Method::WeightedProduct).unwrap_err();
        assert_eq!(
            err,
            MethodError::NonPositiveScore {
                criterion: 0,
                alternative: 1,
                score: 0.0
            }
        );
        // A zero score on an unweighted criterion is fine.
        let mut model = crate::engine::tests::model();
        model.scores[2][0] = 0.0;
        assert!(evaluate(&model, &answer(0), Method::WeightedProduct).is_ok());
    }
}
