//! The arithmetic: answers to weights, weights and scores to a verdict.
//!
//! No I/O happens here. The model is a transparent weighted sum so that
//! every figure a report prints can be traced back to the YAML and the
//! answers:
//!
//! ```text
//! weight(c)      = (base(c) + Σ add(c)) × Π multiply(c)     over the chosen options
//! share(c)       = weight(c) / Σ weight
//! points(c, a)   = share(c) × score(c, a)
//! total(a)       = Σ points(c, a)                            on the model's scale
//! ```

use crate::answers::Answers;
use crate::model::Model;

/// Two totals closer than this fraction of the scale's range are a tie.
/// Sums of the same products taken in a different order can differ in the
/// last bits; a difference that small is not a preference.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// The model after the answers: final weights and scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Weight of each criterion after the answers, before normalising.
    pub weights: Vec<f64>,
    /// `scores[criterion][alternative]`, after any answer replaced one.
    pub scores: Vec<Vec<f64>>,
}

/// The outcome for one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Each criterion's share of the total weight; sums to 1.
    pub shares: Vec<f64>,
    /// `points[criterion][alternative]` = share × score.
    pub points: Vec<Vec<f64>>,
    /// Each alternative's weighted score, on the model's scale.
    pub totals: Vec<f64>,
    /// Alternatives from best to worst; equal totals keep the file order.
    pub ranking: Vec<usize>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// One alternative scores highest, `margin` ahead of the runner-up.
    Winner {
        alternative: usize,
        runner_up: usize,
        margin: f64,
    },
    /// Two or more alternatives share the top total.
    Tie {
        alternatives: Vec<usize>,
        total: f64,
    },
}

/// Applies the chosen options to the model's weights and scores.
///
/// Options of later questions win when two replace the same score.
pub fn weigh(model: &Model, answers: &Answers) -> Scenario {
    let mut added: Vec<f64> = model
        .criteria
        .iter()
        .map(|criterion| criterion.base_weight)
        .collect();
    let mut factor = vec![1.0; model.criteria.len()];
    let mut scores: Vec<Vec<f64>> = model
        .criteria
        .iter()
        .map(|criterion| {
            criterion
                .ratings
                .iter()
                .map(|rating| rating.score)
                .collect()
        })
        .collect();
    for (question, &choice) in model.questions.iter().zip(&answers.choices) {
        let choice = &question.choices[choice];
        for &(criterion, amount) in &choice.add {
            added[criterion] += amount;
        }
        for &(criterion, multiplier) in &choice.multiply {
            factor[criterion] *= multiplier;
        }
        for change in &choice.set_scores {
            scores[change.criterion][change.alternative] = change.score;
        }
    }
    let weights = added
        .iter()
        .zip(&factor)
        .map(|(sum, product)| sum * product)
        .collect();
    Scenario { weights, scores }
}

/// Scores a scenario on a scale of `scale_range` (max − min).
pub fn assess(scenario: &Scenario, scale_range: f64) -> Assessment {
    let alternative_count = scenario.scores.first().map_or(0, Vec::len);
    let weight_sum: f64 = scenario.weights.iter().sum();
    let shares: Vec<f64> = scenario
        .weights
        .iter()
        .map(|weight| {
            if weight_sum > 0.0 {
                weight / weight_sum
            } else {
                0.0
            }
        })
        .collect();
    let points: Vec<Vec<f64>> = shares
        .iter()
        .zip(&scenario.scores)
        .map(|(share, scores)| scores.iter().map(|score| share * score).collect())
        .collect();
    let totals: Vec<f64> = (0..alternative_count)
        .map(|alternative| points.iter().map(|row| row[alternative]).sum())
        .collect();
    let mut ranking: Vec<usize> = (0..alternative_count).collect();
    ranking.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
    let verdict = verdict(&totals, &ranking, scale_range);
    Assessment {
        shares,
        points,
        totals,
        ranking,
        verdict,
    }
}

fn verdict(totals: &[f64], ranking: &[usize], scale_range: f64) -> Verdict {
    let tolerance = TIE_TOLERANCE * scale_range.abs().max(1.0);
    let Some(&best) = ranking.first() else {
        return Verdict::Tie {
            alternatives: Vec::new(),
            total: 0.0,
        };
    };
    let top: Vec<usize> = ranking
        .iter()
        .copied()
        .take_while(|&alternative| totals[best] - totals[alternative] <= tolerance)
        .collect();
    match ranking.get(top.len()) {
        _ if top.len() > 1 => Verdict::Tie {
            alternatives: top,
            total: totals[best],
        },
        Some(&runner_up) => Verdict::Winner {
            alternative: best,
            runner_up,
            margin: totals[best] - totals[runner_up],
        },
        None => Verdict::Tie {
            alternatives: top,
            total: totals[best],
        },
    }
}

/// Weighs and assesses in one step.
pub fn evaluate(model: &Model, answers: &Answers) -> (Scenario, Assessment) {
    let scenario = weigh(model, answers);
    let assessment = assess(&scenario, model.scale.max - model.scale.min);
    (scenario, assessment)
}

/// The criterion's leading alternatives: the one with the highest score, or
/// several when they are level.
pub fn leaders(scores: &[f64]) -> Vec<usize> {
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (0..scores.len())
        .filter(|&index| scores[index] == best)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Alternative, Choice, Criterion, Question, Rating, Scale, ScoreOverride};

    fn criterion(id: &str, weight: f64, scores: &[f64]) -> Criterion {
        Criterion {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            base_weight: weight,
            source: None,
            ratings: scores
                .iter()
                .map(|&score| Rating {
                    score,
                    rationale: String::new(),
                })
                .collect(),
        }
    }

    fn choice(id: &str) -> Choice {
        Choice {
            id: id.into(),
            label: id.into(),
            add: Vec::new(),
            multiply: Vec::new(),
            set_scores: Vec::new(),
        }
    }

    /// Two alternatives, three criteria, one question with three options.
    fn model() -> Model {
        Model {
            scale: Scale {
                min: 0.0,
                max: 10.0,
            },
            alternatives: vec![
                Alternative {
                    id: "a".into(),
                    name: "A".into(),
                },
                Alternative {
                    id: "b".into(),
                    name: "B".into(),
                },
            ],
            criteria: vec![
                criterion("speed", 2.0, &[9.0, 5.0]),
                criterion("syntax", 1.0, &[6.0, 9.0]),
                criterion("ml", 0.0, &[3.0, 10.0]),
            ],
            questions: vec![Question {
                id: "workload".into(),
                prompt: "?".into(),
                help: String::new(),
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
                ],
            }],
        }
    }

    fn answer(choice: usize) -> Answers {
        Answers {
            choices: vec![choice],
        }
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-12, "{actual} != {expected}");
    }

    #[test]
    fn base_weights_are_normalised_and_summed() {
        // Weights 2, 1, 0 → shares 2/3, 1/3, 0.
        // A: 2/3·9 + 1/3·6 = 8; B: 2/3·5 + 1/3·9 = 19/3.
        let (scenario, assessment) = evaluate(&model(), &answer(0));
        assert_eq!(scenario.weights, vec![2.0, 1.0, 0.0]);
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
                assert_eq!((alternative, runner_up), (0, 1));
                assert_close(margin, 8.0 - 19.0 / 3.0);
            }
            other => panic!("expected a winner, got {other:?}"),
        }
    }

    #[test]
    fn add_then_multiply_changes_weights_and_winner() {
        // speed: 2 × 0.5 = 1; syntax 1; ml: 0 + 3 = 3 → shares 1/5, 1/5, 3/5.
        // A: (9 + 6 + 9)/5 = 4.8; B: (5 + 9 + 30)/5 = 8.8.
        let (scenario, assessment) = evaluate(&model(), &answer(1));
        assert_eq!(scenario.weights, vec![1.0, 1.0, 3.0]);
        assert_close(assessment.totals[0], 4.8);
        assert_close(assessment.totals[1], 8.8);
        assert_eq!(assessment.ranking, vec![1, 0]);
        assert!(matches!(
            assessment.verdict,
            Verdict::Winner { alternative: 1, .. }
        ));
    }

    #[test]
    fn exact_tie_is_reported_not_broken() {
        // Mirror-image scores under equal weights: both total (4 + 6)/2 = 5.
        let mut model = model();
        model.criteria = vec![
            criterion("x", 1.0, &[4.0, 6.0]),
            criterion("y", 1.0, &[6.0, 4.0]),
        ];
        model.questions.clear();
        let (_, assessment) = evaluate(&model, &Answers { choices: vec![] });
        assert_close(assessment.totals[0], 5.0);
        assert_eq!(
            assessment.verdict,
            Verdict::Tie {
                alternatives: vec![0, 1],
                total: 5.0
            }
        );
    }

    #[test]
    fn float_noise_does_not_break_a_tie() {
        // The same sum taken in another order can differ in the last bits.
        let noisy = 0.1 + 0.2 + 0.3;
        let exact = 0.3 + 0.2 + 0.1;
        assert_ne!(noisy, exact);
        let verdict = verdict(&[noisy, exact], &[0, 1], 10.0);
        assert!(matches!(verdict, Verdict::Tie { .. }), "{verdict:?}");
        let verdict = super::verdict(&[0.6, 0.6 - 1e-6], &[0, 1], 10.0);
        assert!(matches!(verdict, Verdict::Winner { .. }), "{verdict:?}");
    }

    #[test]
    fn set_scores_replaces_a_score() {
        // A's syntax becomes 9: A: (18 + 9)/3 = 9; B: 19/3.
        let (scenario, assessment) = evaluate(&model(), &answer(2));
        assert_eq!(scenario.scores[1], vec![9.0, 9.0]);
        assert_close(assessment.totals[0], 9.0);
    }

    #[test]
    fn points_add_up_to_totals_and_shares_to_one() {
        let (_, assessment) = evaluate(&model(), &answer(1));
        let share_sum: f64 = assessment.shares.iter().sum();
        assert_close(share_sum, 1.0);
        for alternative in 0..2 {
            let sum: f64 = assessment.points.iter().map(|row| row[alternative]).sum();
            assert_close(sum, assessment.totals[alternative]);
        }
    }

    #[test]
    fn leaders_lists_every_top_score() {
        assert_eq!(leaders(&[3.0, 7.0]), vec![1]);
        assert_eq!(leaders(&[7.0, 7.0, 2.0]), vec![0, 1]);
    }
}
