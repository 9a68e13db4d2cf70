//! The team's answers: one chosen option per question.
//!
//! Answers come from a prompt, from an answers file, or from the questions'
//! defaults; whichever way, they end up as an [`Answers`] value that names
//! a valid option for every question.

use crate::model::Model;
use crate::model::document::{AnswersDocument, ExplicitWeightsEntry};
use crate::problem::{InputError, Problem, shown, unknown_id_hint};
use crate::source::{FieldPath, SourceFile};

/// The chosen option (an index into `Question::choices`) for every question,
/// in the order of `Model::questions`, and any base weights set explicitly.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub choices: Vec<usize>,
    pub explicit_weights: Option<ExplicitWeights>,
}

/// Base weights given in the answers file (by `pick-stack weigh`) instead of
/// the criteria file's, for some or all criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplicitWeights {
    /// Where they came from, e.g. "pairwise comparison (AHP), CR 0.04".
    pub from: String,
    /// (criterion index, base weight)
    pub values: Vec<(usize, f64)>,
}

impl ExplicitWeights {
    pub fn for_criterion(&self, criterion: usize) -> Option<f64> {
        self.values
            .iter()
            .find(|(index, _)| *index == criterion)
            .map(|(_, weight)| *weight)
    }
}

/// What to do about a question the answers file leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingAnswers {
    Reject,
    UseDefaults,
}

impl Answers {
    /// Every question answered with its default.
    pub fn defaults(model: &Model) -> Self {
        Self {
            choices: model
                .questions
                .iter()
                .map(|question| question.default)
                .collect(),
            explicit_weights: None,
        }
    }

    /// Reads an answers document, checking every question and option id.
    /// Reports every problem in the file at once.
    pub fn from_source(
        model: &Model,
        source: &SourceFile,
        missing: MissingAnswers,
    ) -> Result<Self, InputError> {
        let document: AnswersDocument = source.parse()?;
        let mut choices: Vec<Option<usize>> = vec![None; model.questions.len()];
        let mut problems = Vec::new();
        let answers_path = FieldPath::root().key("answers");
        let question_ids = model.question_ids();
        for (question_id, option_id) in document.answers.iter() {
            let Some(question_index) = model
                .questions
                .iter()
                .position(|question| question.id == question_id)
            else {
                problems.push(source.problem(
                    &answers_path.key_name(question_id),
                    format!(
                        "unknown question `{}`; {}",
                        shown(question_id),
                        unknown_id_hint(question_id, "questions", &question_ids)
                    ),
                ));
                continue;
            };
            let question = &model.questions[question_index];
            match question.choice_index(option_id) {
                Some(choice) => choices[question_index] = Some(choice),
                None => problems.push(source.problem(
                    &answers_path.key(question_id),
                    format!(
                        "unknown option `{}` for question `{question_id}`; {}",
                        shown(option_id),
                        unknown_id_hint(option_id, "options", &question.choice_ids())
                    ),
                )),
            }
        }
        // A question answered with an unknown option is reported as that, not
        // also as unanswered.
        let unanswered: Vec<usize> = (0..model.questions.len())
            .filter(|&index| {
                let id = model.questions[index].id.as_str();
                document
                    .answers
                    .iter()
                    .all(|(question_id, _)| question_id != id)
            })
            .collect();
        if missing == MissingAnswers::Reject && !unanswered.is_empty() {
            problems.push(Problem::in_file(
                &source.name,
                unanswered_message(model, &unanswered, document.answers.is_empty()),
            ));
        }
        let choices = choices
            .into_iter()
            .zip(&model.questions)
            .map(|(choice, question)| choice.unwrap_or(question.default))
            .collect();
        let explicit_weights = document
            .weights
            .map(|entry| explicit_weights(model, source, entry, &mut problems));
        if problems.is_empty() {
            Ok(Self {
                choices,
                explicit_weights,
            })
        } else {
            Err(InputError { problems })
        }
    }
}

/// Resolves the `weights:` section: known criteria, finite weights of 0 or
/// more, not all zero.
fn explicit_weights(
    model: &Model,
    source: &SourceFile,
    entry: ExplicitWeightsEntry,
    problems: &mut Vec<Problem>,
) -> ExplicitWeights {
    let path = FieldPath::root().key("weights").key("values");
    let criterion_ids: Vec<&str> = model
        .criteria
        .iter()
        .map(|criterion| criterion.id.as_str())
        .collect();
    let index_of: std::collections::HashMap<&str, usize> = criterion_ids
        .iter()
        .enumerate()
        .map(|(index, id)| (*id, index))
        .collect();
    let mut values = Vec::new();
    for (id, &weight) in entry.values.iter() {
        let Some(&index) = index_of.get(id) else {
            problems.push(source.problem(
                &path.key_name(id),
                format!(
                    "unknown criterion `{}`; {}",
                    shown(id),
                    unknown_id_hint(id, "criteria", &criterion_ids)
                ),
            ));
            continue;
        };
        if !weight.is_finite() || weight < 0.0 {
            problems.push(source.problem(
                &path.key(id),
                format!("weight must be a finite number, 0 or more (got {weight})"),
            ));
        }
        values.push((index, weight));
    }
    if !values.is_empty() && values.iter().all(|(_, weight)| *weight == 0.0) {
        problems.push(source.problem(
            &path,
            "every explicit weight is 0: at least one must be positive",
        ));
    }
    ExplicitWeights {
        from: entry.from,
        values,
    }
}

/// Names every unanswered question with its options, and says how to answer.
fn unanswered_message(model: &Model, unanswered: &[usize], nothing_answered: bool) -> String {
    if nothing_answered {
        return "no answers given. pick-stack reads answers from --answers FILE, or from standard input \
                when it is not a terminal; `pick-stack questions --template` prints a file to fill in, \
                and --defaults takes every question's default"
            .to_owned();
    }
    let listing: Vec<String> = unanswered
        .iter()
        .map(|&index| {
            let question = &model.questions[index];
            format!("`{}` ({})", question.id, question.choice_ids().join(" | "))
        })
        .collect();
    let how = "give them under `answers:` (`pick-stack questions --template` prints a file to fill in), \
               or pass --defaults to take each question's default";
    format!("no answer for {}; {how}", listing.join(", "))
}
