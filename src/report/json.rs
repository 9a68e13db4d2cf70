//! `--format json`: one JSON document per run, described by
//! `schema/pick-stack.schema.json`. It carries every figure the table shows,
//! unrounded; `document` says which kind it is and `schema_version` changes
//! only when a field's meaning does.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::advice::Advice;
use super::{Document, Validation};
use crate::engine::sensitivity::{CriterionSensitivity, Flip};
use crate::engine::{Change, Verdict};
use crate::model::{Kind, Model};

pub const SCHEMA_VERSION: u32 = 1;

pub fn write(out: &mut dyn Write, document: &Document<'_>) -> io::Result<()> {
    match document {
        Document::Advice { advice, .. } => emit(out, &advice_json(advice)),
        Document::Matrix(model) => emit(out, &matrix_json(model)),
        Document::Questions(model) => emit(out, &questions_json(model)),
        Document::Validation(validation) => emit(out, &validation_json(validation)),
        Document::Weights {
            model,
            weighing,
            explicit,
        } => emit(out, &weights_json(model, weighing, explicit)),
    }
}

/// Pretty-printed, in field order, so `schema_version` and `document` lead.
fn emit<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

#[derive(Serialize)]
struct Header {
    schema_version: u32,
    document: &'static str,
}

fn header(document: &'static str) -> Header {
    Header {
        schema_version: SCHEMA_VERSION,
        document,
    }
}

#[derive(Serialize)]
struct Scale {
    min: f64,
    max: f64,
}

fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Benefit => "benefit",
        Kind::Cost => "cost",
    }
}

#[derive(Serialize)]
struct AdviceJson {
    #[serde(flatten)]
    header: Header,
    method: &'static str,
    scale: Scale,
    answers: Vec<AnswerJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explicit_weights_from: Option<String>,
    alternatives: Vec<AlternativeJson>,
    criteria: Vec<CriterionJson>,
    verdict: VerdictJson,
    stability: &'static str,
    answer_flips: Vec<AnswerFlipJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topsis: Option<TopsisJson>,
}

#[derive(Serialize)]
struct AnswerJson {
    question: String,
    option: String,
    label: String,
}

#[derive(Serialize)]
struct AlternativeJson {
    id: String,
    name: String,
    total: f64,
    /// 1 for the best eligible alternative; absent when ruled out.
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    eligible: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    ruled_out: Option<RuledOutJson>,
}

#[derive(Serialize)]
struct RuledOutJson {
    reason: String,
    question: String,
    option: String,
}

#[derive(Serialize)]
struct CriterionJson {
    id: String,
    name: String,
    kind: &'static str,
    base_weight: f64,
    /// `criteria` (the criteria file) or `answers` (set by the answers file).
    base_weight_from: &'static str,
    changes: Vec<ChangeJson>,
    weight: f64,
    share: f64,
    scores: BTreeMap<String, f64>,
    contributions: BTreeMap<String, f64>,
    leaders: Vec<String>,
    sensitivity: SensitivityJson,
}

#[derive(Serialize)]
struct ChangeJson {
    question: String,
    option: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    add: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiply: Option<f64>,
}

#[derive(Serialize)]
struct SensitivityJson {
    /// Factor (or, for an unweighted criterion, weight) that changes the top.
    #[serde(skip_serializing_if = "Option::is_none")]
    raise: Option<FlipJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lower: Option<FlipJson>,
}

#[derive(Serialize)]
struct FlipJson {
    at: f64,
    new_leader: String,
}

#[derive(Serialize)]
struct VerdictJson {
    /// `winner`, `tie` or `none_eligible`.
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    winner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    runner_up: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tied: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relative_margin: Option<f64>,
}

#[derive(Serialize)]
struct AnswerFlipJson {
    question: String,
    option: String,
    verdict: VerdictJson,
}

#[derive(Serialize)]
struct TopsisJson {
    ideal: BTreeMap<String, f64>,
    anti_ideal: BTreeMap<String, f64>,
    distance_to_ideal: BTreeMap<String, f64>,
    distance_to_anti_ideal: BTreeMap<String, f64>,
}

fn by_alternative(model: &Model, values: &[f64]) -> BTreeMap<String, f64> {
    model
        .alternatives
        .iter()
        .zip(values)
        .map(|(alternative, value)| (alternative.id.clone(), *value))
        .collect()
}

fn verdict_json(model: &Model, verdict: &Verdict, relative_margin: Option<f64>) -> VerdictJson {
    let id = |index: usize| model.alternatives[index].id.clone();
    match verdict {
        Verdict::Winner {
            alternative,
            runner_up,
            margin,
        } => VerdictJson {
            kind: "winner",
            winner: Some(id(*alternative)),
            runner_up: runner_up.map(id),
            tied: Vec::new(),
            margin: runner_up.map(|_| *margin),
            relative_margin,
        },
        Verdict::Tie { alternatives, .. } => VerdictJson {
            kind: "tie",
            winner: None,
            runner_up: None,
            tied: alternatives.iter().map(|&index| id(index)).collect(),
            margin: Some(0.0),
            relative_margin: None,
        },
        Verdict::NoneEligible => VerdictJson {
            kind: "none_eligible",
            winner: None,
            runner_up: None,
            tied: Vec::new(),
            margin: None,
            relative_margin: None,
        },
    }
}

fn flip_json(model: &Model, flip: Option<Flip>) -> Option<FlipJson> {
    flip.map(|flip| FlipJson {
        at: flip.at,
        new_leader: model.alternatives[flip.new_leader].id.clone(),
    })
}

fn sensitivity_json(model: &Model, entry: &CriterionSensitivity) -> SensitivityJson {
    SensitivityJson {
        raise: flip_json(model, entry.raise),
        lower: flip_json(model, entry.lower),
    }
}

fn advice_json(advice: &Advice<'_>) -> AdviceJson {
    let Advice {
        model,
        answers,
        scenario,
        assessment,
        sensitivity,
        traces,
    } = advice;
    let question_option = |question: usize, choice: usize| {
        let entry = &model.questions[question];
        (entry.id.clone(), entry.choices[choice].id.clone())
    };
    let alternatives = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(index, alternative)| AlternativeJson {
            id: alternative.id.clone(),
            name: alternative.name.clone(),
            total: assessment.totals[index],
            rank: assessment
                .ranking
                .iter()
                .position(|&ranked| ranked == index)
                .map(|rank| rank + 1),
            eligible: scenario.is_eligible(index),
            ruled_out: scenario.ruled_out[index].as_ref().map(|ruled_out| {
                let (question, option) = question_option(ruled_out.question, ruled_out.choice);
                RuledOutJson {
                    reason: ruled_out.reason.clone(),
                    question,
                    option,
                }
            }),
        })
        .collect();
    let contributions = assessment.contributions(model, scenario);
    let criteria = model
        .criteria
        .iter()
        .enumerate()
        .map(|(index, criterion)| {
            let trace = &traces[index];
            let scores: &[f64] = &scenario.scores[index];
            let best = match model.kinds[index] {
                Kind::Benefit => scores.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                Kind::Cost => scores.iter().copied().fold(f64::INFINITY, f64::min),
            };
            CriterionJson {
                id: criterion.id.clone(),
                name: criterion.name.clone(),
                kind: kind(model.kinds[index]),
                base_weight: trace.base,
                base_weight_from: if trace.explicit {
                    "answers"
                } else {
                    "criteria"
                },
                changes: trace
                    .changes
                    .iter()
                    .map(|step| {
                        let (question, option) = question_option(step.question, step.choice);
                        let (add, multiply) = match step.change {
                            Change::Add(amount) => (Some(amount), None),
                            Change::Multiply(factor) => (None, Some(factor)),
                        };
                        ChangeJson {
                            question,
                            option,
                            add,
                            multiply,
                        }
                    })
                    .collect(),
                weight: scenario.weights[index],
                share: assessment.shares[index],
                scores: by_alternative(model, scores),
                contributions: by_alternative(model, &contributions[index]),
                leaders: model
                    .alternatives
                    .iter()
                    .zip(scores)
                    .filter(|(_, score)| **score == best)
                    .map(|(alternative, _)| alternative.id.clone())
                    .collect(),
                sensitivity: sensitivity_json(model, &sensitivity.criteria[index]),
            }
        })
        .collect();
    let criterion_map = |values: &[f64]| -> BTreeMap<String, f64> {
        model
            .criteria
            .iter()
            .zip(values)
            .map(|(criterion, value)| (criterion.id.clone(), *value))
            .collect()
    };
    AdviceJson {
        header: header("advice"),
        method: assessment.method.id(),
        scale: Scale {
            min: model.scale.min,
            max: model.scale.max,
        },
        answers: answers
            .chosen()
            .map(|(question, choice)| (&model.questions[question], choice))
            .map(|(question, choice)| AnswerJson {
                question: question.id.clone(),
                option: question.choices[choice].id.clone(),
                label: question.choices[choice].label.clone(),
            })
            .collect(),
        explicit_weights_from: answers
            .explicit_weights
            .as_ref()
            .map(|explicit| explicit.from.clone()),
        alternatives,
        criteria,
        verdict: verdict_json(
            model,
            &assessment.verdict,
            assessment.relative_margin(model),
        ),
        stability: sensitivity.stability.label(),
        answer_flips: sensitivity
            .answer_flips
            .iter()
            .map(|flip| {
                let (question, option) = question_option(flip.question, flip.choice);
                AnswerFlipJson {
                    question,
                    option,
                    verdict: verdict_json(model, &flip.verdict, None),
                }
            })
            .collect(),
        topsis: assessment.topsis.as_ref().map(|detail| TopsisJson {
            ideal: criterion_map(&detail.ideal),
            anti_ideal: criterion_map(&detail.anti_ideal),
            distance_to_ideal: by_alternative(model, &detail.distance_to_ideal),
            distance_to_anti_ideal: by_alternative(model, &detail.distance_to_anti_ideal),
        }),
    }
}

#[derive(Serialize)]
struct MatrixJson {
    #[serde(flatten)]
    header: Header,
    scale: Scale,
    alternatives: Vec<AlternativeIdJson>,
    criteria: Vec<MatrixCriterionJson>,
}

#[derive(Serialize)]
struct AlternativeIdJson {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct MatrixCriterionJson {
    id: String,
    name: String,
    description: String,
    kind: &'static str,
    base_weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    scores: BTreeMap<String, f64>,
    rationale: BTreeMap<String, String>,
    favours: Vec<String>,
}

fn matrix_json(model: &Model) -> MatrixJson {
    MatrixJson {
        header: header("matrix"),
        scale: Scale {
            min: model.scale.min,
            max: model.scale.max,
        },
        alternatives: model
            .alternatives
            .iter()
            .map(|alternative| AlternativeIdJson {
                id: alternative.id.clone(),
                name: alternative.name.clone(),
            })
            .collect(),
        criteria: model
            .criteria
            .iter()
            .zip(model.scores.iter())
            .enumerate()
            .map(|(index, (criterion, scores))| {
                let best = match model.kinds[index] {
                    Kind::Benefit => scores.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    Kind::Cost => scores.iter().copied().fold(f64::INFINITY, f64::min),
                };
                let level = scores.iter().all(|score| *score == best);
                MatrixCriterionJson {
                    id: criterion.id.clone(),
                    name: criterion.name.clone(),
                    description: criterion.description.clone(),
                    kind: kind(model.kinds[index]),
                    base_weight: model.base_weights[index],
                    source: criterion.source.clone(),
                    scores: by_alternative(model, scores),
                    rationale: model
                        .alternatives
                        .iter()
                        .enumerate()
                        .map(|(position, alternative)| {
                            let rationale = criterion.rationale(position);
                            (alternative.id.clone(), rationale.to_owned())
                        })
                        .collect(),
                    favours: if level {
                        Vec::new()
                    } else {
                        model
                            .alternatives
                            .iter()
                            .zip(scores)
                            .filter(|(_, score)| **score == best)
                            .map(|(alternative, _)| alternative.id.clone())
                            .collect()
                    },
                }
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct QuestionsJson {
    #[serde(flatten)]
    header: Header,
    questions: Vec<QuestionJson>,
}

#[derive(Serialize)]
struct QuestionJson {
    id: String,
    prompt: String,
    help: String,
    default: String,
    options: Vec<OptionJson>,
}

#[derive(Serialize)]
struct OptionJson {
    id: String,
    label: String,
    add: BTreeMap<String, f64>,
    multiply: BTreeMap<String, f64>,
    set_scores: BTreeMap<String, BTreeMap<String, f64>>,
    rule_out: BTreeMap<String, String>,
}

fn questions_json(model: &Model) -> QuestionsJson {
    let criterion = |index: usize| model.criteria[index].id.clone();
    let alternative = |index: usize| model.alternatives[index].id.clone();
    QuestionsJson {
        header: header("questions"),
        questions: model
            .questions
            .iter()
            .map(|question| QuestionJson {
                id: question.id.clone(),
                prompt: question.prompt.clone(),
                help: question.help.clone(),
                default: question.choices[question.default].id.clone(),
                options: question
                    .choices
                    .iter()
                    .map(|choice| {
                        let mut set_scores: BTreeMap<String, BTreeMap<String, f64>> =
                            BTreeMap::new();
                        for change in &choice.set_scores {
                            set_scores
                                .entry(criterion(change.criterion))
                                .or_default()
                                .insert(alternative(change.alternative), change.score);
                        }
                        OptionJson {
                            id: choice.id.clone(),
                            label: choice.label.clone(),
                            add: choice
                                .add
                                .iter()
                                .map(|(c, amount)| (criterion(*c), *amount))
                                .collect(),
                            multiply: choice
                                .multiply
                                .iter()
                                .map(|(c, factor)| (criterion(*c), *factor))
                                .collect(),
                            set_scores,
                            rule_out: choice
                                .rule_out
                                .iter()
                                .map(|(a, reason)| (alternative(*a), reason.clone()))
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ValidationJson {
    #[serde(flatten)]
    header: Header,
    source: String,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<SummaryJson>,
    problems: Vec<ProblemJson>,
}

#[derive(Serialize)]
struct SummaryJson {
    alternatives: usize,
    criteria: usize,
    questions: usize,
    options: usize,
}

#[derive(Serialize)]
struct ProblemJson {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    message: String,
}

fn validation_json(validation: &Validation) -> ValidationJson {
    let (summary, problems) = match &validation.outcome {
        Ok(model) => (
            Some(SummaryJson {
                alternatives: model.alternatives.len(),
                criteria: model.criteria.len(),
                questions: model.questions.len(),
                options: model
                    .questions
                    .iter()
                    .map(|question| question.choices.len())
                    .sum(),
            }),
            Vec::new(),
        ),
        Err(error) => (
            None,
            error
                .problems
                .iter()
                .map(|problem| ProblemJson {
                    file: problem.file.clone(),
                    line: problem.location.map(|location| location.line),
                    column: problem.location.map(|location| location.column),
                    field: problem.field.clone(),
                    message: problem.message.clone(),
                })
                .collect(),
        ),
    };
    ValidationJson {
        header: header("validation"),
        source: validation.source.clone(),
        ok: validation.outcome.is_ok(),
        summary,
        problems,
    }
}

#[derive(Serialize)]
struct WeightsJson {
    #[serde(flatten)]
    header: Header,
    criteria: Vec<WeightJson>,
    lambda_max: f64,
    consistency_index: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    consistency_ratio: Option<f64>,
    random_index_source: &'static str,
    consistent: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    most_inconsistent_pair: Option<[String; 2]>,
}

#[derive(Serialize)]
struct WeightJson {
    id: String,
    ahp_weight: f64,
    base_weight_before: f64,
    base_weight_saved: f64,
}

fn weights_json(
    model: &Model,
    weighing: &crate::weigh::Weighing,
    explicit: &crate::answers::ExplicitWeights,
) -> WeightsJson {
    WeightsJson {
        header: header("weights"),
        criteria: weighing
            .criteria
            .iter()
            .zip(&weighing.priorities.weights)
            .zip(&explicit.values)
            .map(|((&criterion, weight), &(_, saved))| WeightJson {
                id: model.criteria[criterion].id.clone(),
                ahp_weight: *weight,
                base_weight_before: model.base_weights[criterion],
                base_weight_saved: saved,
            })
            .collect(),
        lambda_max: weighing.priorities.lambda_max,
        consistency_index: weighing.priorities.consistency_index,
        consistency_ratio: weighing.priorities.consistency_ratio,
        random_index_source: crate::engine::ahp::RANDOM_INDEX_SOURCE,
        consistent: weighing.is_consistent(),
        most_inconsistent_pair: if weighing.is_consistent() {
            None
        } else {
            weighing
                .most_inconsistent_pair()
                .map(|(a, b)| [model.criteria[a].id.clone(), model.criteria[b].id.clone()])
        },
    }
}
