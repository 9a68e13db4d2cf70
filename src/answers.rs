//! The team's answers: one chosen option per question.
//!
//! Answers come from a prompt, from an answers file, or from the questions'
//! defaults; whichever way, they end up as an [`Answers`] value that names
//! a valid option for every question.

use crate::model::Model;
use crate::model::document::AnswersDocument;
use crate::problem::{InputError, Problem, unknown_id_hint};
use crate::source::{FieldPath, SourceFile};

/// The chosen option (an index into `Question::choices`) for every question,
/// in the order of `Model::questions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub choices: Vec<usize>,
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
                        "unknown question `{question_id}`; {}",
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
                        "unknown option `{option_id}` for question `{question_id}`; {}",
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
                unanswered_message(model, &unanswered, document.answers.0.is_empty()),
            ));
        }
        let choices = choices
            .into_iter()
            .zip(&model.questions)
            .map(|(choice, question)| choice.unwrap_or(question.default))
            .collect();
        if problems.is_empty() {
            Ok(Self { choices })
        } else {
            Err(InputError { problems })
        }
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
