//! The team's answers: one chosen option per question.
//!
//! Answers come from a prompt, from an answers file, or from the questions'
//! defaults; whichever way, they end up as an [`Answers`] value that names
//! a valid option for every question.

use std::collections::HashMap;

use crate::model::Model;
use crate::model::document::{AnswersDocument, ExplicitWeightsEntry, Number};
use crate::problem::{InputError, Problem, listing, shown, unknown_id_hint};
use crate::source::{FieldPath, Findings, SourceFile};

/// The chosen option (an index into `Question::choices`) for every question
/// that applies, in the order of `Model::questions`, and any base weights
/// set explicitly. A follow-up question whose condition does not hold has
/// no answer (`None`) and no effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub choices: Vec<Option<usize>>,
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
    /// Every question that applies answered with its default.
    pub fn defaults(model: &Model) -> Self {
        Self {
            choices: resolve(model, &vec![None; model.questions.len()]),
            explicit_weights: None,
        }
    }

    /// The answers as a person may be shown them: the explicit weights'
    /// `from`, the one text an answers file gives, escaped (see
    /// [`crate::untrusted`]).
    pub fn for_people(&self) -> std::borrow::Cow<'_, Answers> {
        match &self.explicit_weights {
            Some(explicit) if crate::untrusted::has_unsafe(&explicit.from) => {
                let mut shown = self.clone();
                if let Some(explicit) = &mut shown.explicit_weights {
                    crate::untrusted::escape_in_place(&mut explicit.from);
                }
                std::borrow::Cow::Owned(shown)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    /// Whether an answers document answers no question at all (an empty
    /// file, or one with weights alone).
    pub fn none_in(source: &SourceFile) -> Result<bool, InputError> {
        let document: AnswersDocument = source.parse()?;
        Ok(document.answers.is_empty())
    }

    /// The chosen option of `question`, if it applies.
    pub fn choice(&self, question: usize) -> Option<usize> {
        self.choices.get(question).copied().flatten()
    }

    /// Each question that applies, with its chosen option.
    pub fn chosen(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.choices
            .iter()
            .enumerate()
            .filter_map(|(question, choice)| choice.map(|choice| (question, choice)))
    }

    /// Reads an answers document, checking every question and option id.
    /// Reports every problem in the file at once (listing the first few).
    pub fn from_source(
        model: &Model,
        source: &SourceFile,
        missing: MissingAnswers,
    ) -> Result<Self, InputError> {
        // Every problem of the file, parsing's first: each answer that
        // does not parse is repaired, so the checks below find the rest.
        let parsed = source.parse_all::<AnswersDocument>(&["answers"])?;
        let document = parsed.document;
        let mut findings = Findings::new();
        findings.parsed(source, parsed.problems, parsed.repaired);
        if model.questions.is_empty() && !document.answers.is_empty() {
            // One problem, not one per answer against an empty list.
            findings.push(source.problem(
                &FieldPath::root().key_name("answers"),
                "this criteria set has no questions, so nothing can be answered; drop `answers:` (`weights:` still applies), or use criteria that define questions",
            ));
            return Err(findings
                .into_error()
                .unwrap_or_else(|| InputError::new(Vec::new())));
        }
        let mut choices: Vec<Option<usize>> = vec![None; model.questions.len()];
        // Questions answered with an unknown option: reported as that, and
        // not taken as their default to judge the follow-ups by.
        let mut mistyped = vec![false; model.questions.len()];
        // Questions the file answers, with a known option or not.
        let mut written = vec![false; model.questions.len()];
        let answers_path = FieldPath::root().key("answers");
        let question_index = model.question_index();
        for (question_id, option_id) in document.answers.iter() {
            let Some(&index) = question_index.get(question_id) else {
                // A "did you mean" compares the id with every question's:
                // only for a problem that will be listed.
                let hint = if findings.listing() {
                    format!(
                        "; {}",
                        unknown_id_hint(question_id, "questions", &model.question_ids())
                    )
                } else {
                    String::new()
                };
                findings.at(
                    source,
                    answers_path.key_name(question_id),
                    format!("unknown question `{}`{hint}", shown(question_id)),
                );
                continue;
            };
            written[index] = true;
            let question = &model.questions[index];
            match question.choice_index(option_id) {
                Some(choice) => choices[index] = Some(choice),
                None => {
                    mistyped[index] = true;
                    let hint = if findings.listing() {
                        format!(
                            "; {}",
                            unknown_id_hint(option_id, "options", &question.choice_ids())
                        )
                    } else {
                        String::new()
                    };
                    findings.at(
                        source,
                        answers_path.key(question_id),
                        format!(
                            "unknown option `{}` for question `{}`{hint}",
                            shown(option_id),
                            shown(question_id)
                        ),
                    );
                }
            }
        }
        let resolved = resolve(model, &choices);
        // An answer to a question that does not apply contradicts the answer
        // that decides it; a terminal never asks it, and a file must not
        // hold it either.
        let contradictions: Vec<usize> = model
            .questions
            .iter()
            .enumerate()
            .filter(|(index, question)| {
                let decided_by_a_typo = question
                    .when
                    .iter()
                    .any(|condition| mistyped[condition.question]);
                resolved[*index].is_none() && choices[*index].is_some() && !decided_by_a_typo
            })
            .map(|(index, _)| index)
            .collect();
        // The lines of the answers that decide them, which the messages
        // name: found in one walk through the file, for the listed ones.
        let listed = contradictions.len().min(crate::problem::PROBLEMS_LISTED);
        let deciders: Vec<FieldPath> = contradictions[..listed]
            .iter()
            .flat_map(|&index| &model.questions[index].when)
            .map(|condition| answers_path.key(&model.questions[condition.question].id))
            .collect();
        let decider_paths: Vec<&FieldPath> = deciders.iter().collect();
        let mut lines: HashMap<usize, Option<usize>> = HashMap::new();
        let located = source.locate_all(&decider_paths);
        let mut located = located.into_iter();
        for &index in &contradictions[..listed] {
            for condition in &model.questions[index].when {
                let line = located.next().flatten().map(|location| location.line);
                lines.insert(condition.question, line);
            }
        }
        for &index in &contradictions {
            let message = if findings.listing() {
                contradiction_message(model, index, &resolved, |question| {
                    lines.get(&question).copied().flatten()
                })
            } else {
                String::new()
            };
            findings.at(
                source,
                answers_path.key(&model.questions[index].id),
                message,
            );
        }
        // A question answered with an unknown option is reported as that, not
        // also as unanswered.
        let unanswered: Vec<usize> = (0..model.questions.len())
            .filter(|&index| resolved[index].is_some() && !written[index])
            .collect();
        if missing == MissingAnswers::Reject && !unanswered.is_empty() {
            findings.push(Problem::in_file(
                &source.name,
                unanswered_message(
                    model,
                    &unanswered,
                    document.answers.is_empty(),
                    document.weights.is_some(),
                ),
            ));
        }
        let choices = resolved;
        let explicit_weights = document
            .weights
            .map(|entry| explicit_weights(model, source, entry, &mut findings));
        match findings.into_error() {
            None => Ok(Self {
                choices,
                explicit_weights,
            }),
            Some(error) => Err(error),
        }
    }
}

/// Each question's answer once applicability is settled, in order: a
/// question whose condition fails has none, and one that applies keeps the
/// given option or takes its default.
pub fn resolve(model: &Model, given: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut choices: Vec<Option<usize>> = Vec::with_capacity(model.questions.len());
    for (index, question) in model.questions.iter().enumerate() {
        let choice = question.applies(&choices).then(|| {
            given
                .get(index)
                .copied()
                .flatten()
                .unwrap_or(question.default)
        });
        choices.push(choice);
    }
    choices
}

/// "`realtime` is asked only when workload is web_app or ecommerce, and
/// workload is `jobs` (line 3); remove this answer."
fn contradiction_message(
    model: &Model,
    question: usize,
    choices: &[Option<usize>],
    line_of: impl Fn(usize) -> Option<usize>,
) -> String {
    let entry = &model.questions[question];
    let mut failed = Vec::new();
    for condition in &entry.when {
        let decider = &model.questions[condition.question];
        let holds = choices[condition.question].is_some_and(|c| condition.options.contains(&c));
        if holds {
            continue;
        }
        let wanted: Vec<String> = condition
            .options
            .iter()
            .take(crate::problem::ITEMS_LISTED)
            .map(|&option| shown(&decider.choices[option].id))
            .collect();
        let mut wanted = or_list(&wanted);
        if condition.options.len() > crate::problem::ITEMS_LISTED {
            wanted.push_str(&format!(
                " (and {} more)",
                condition.options.len() - crate::problem::ITEMS_LISTED
            ));
        }
        let actual = match choices[condition.question] {
            Some(choice) => {
                let written = line_of(condition.question)
                    .map(|line| format!(" (line {line})"))
                    .unwrap_or_else(|| " (its default, not written)".to_owned());
                format!(
                    "`{}: {}`{written}",
                    shown(&decider.id),
                    shown(&decider.choices[choice].id)
                )
            }
            None => format!("`{}` does not apply either", shown(&decider.id)),
        };
        failed.push(format!(
            "it is asked only when {} is {wanted}, and the answers say {actual}",
            shown(&decider.id),
        ));
    }
    let id = shown(&entry.id);
    format!(
        "`{id}` contradicts an earlier answer: {}; remove the `{id}` answer or change the earlier one",
        failed.join("; "),
    )
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Resolves the `weights:` section: known criteria, finite weights of 0 or
/// more, not all zero.
fn explicit_weights<'s>(
    model: &Model,
    source: &'s SourceFile,
    entry: ExplicitWeightsEntry,
    findings: &mut Findings<'s>,
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
    for (id, &Number(weight)) in entry.values.iter() {
        let Some(&index) = index_of.get(id) else {
            let hint = if findings.listing() {
                format!("; {}", unknown_id_hint(id, "criteria", &criterion_ids))
            } else {
                String::new()
            };
            findings.at(
                source,
                path.key_name(id),
                format!("unknown criterion `{}`{hint}", shown(id)),
            );
            continue;
        };
        if !weight.is_finite() || weight < 0.0 {
            findings.at(
                source,
                path.key(id),
                format!(
                    "weight must be a finite number, 0 or more (got {})",
                    crate::magnitude::text(weight)
                ),
            );
        }
        values.push((index, weight));
    }
    if !values.is_empty() && values.iter().all(|(_, weight)| *weight == 0.0) {
        findings.at(
            source,
            path,
            "every explicit weight is 0: at least one must be positive",
        );
    }
    let valid = values.iter().all(|(_, w)| w.is_finite() && *w >= 0.0);
    if valid {
        reach_problems(model, source, &values, findings);
    }
    ExplicitWeights {
        from: entry.from,
        values,
    }
}

/// Explicit weights replace base weights before the answers' additions
/// and factors apply, so each must keep every weight any answers give
/// within the range 64-bit floating point computes with in full, as the
/// criteria's own base weights do (see [`crate::model::WeightReach`]).
fn reach_problems<'s>(
    model: &Model,
    source: &'s SourceFile,
    values: &[(usize, f64)],
    findings: &mut Findings<'s>,
) {
    let path = FieldPath::root().key("weights").key("values");
    let mut bases = model.base_weights.clone();
    for &(criterion, weight) in values {
        bases[criterion] = weight;
    }
    let reach = model.weight_reach(&bases);
    let explicit = |criterion: usize| values.iter().any(|(c, _)| *c == criterion);
    let id_path = |criterion: usize| path.key(&model.criteria[criterion].id);
    for &(criterion, _) in values {
        if let Some(problem) = reach[criterion].problem() {
            findings.at(source, id_path(criterion), problem);
        }
    }
    for group in &model.groups {
        let sum: f64 = group.members.iter().map(|&m| reach[m].highest()).sum();
        let fits = group.members.iter().all(|&m| reach[m].problem().is_none());
        let first_explicit = group.members.iter().copied().find(|&m| explicit(m));
        if let Some(member) = first_explicit
            && fits
            && !sum.is_finite()
        {
            findings.at(
                source,
                id_path(member),
                format!(
                    "with the other members of group `{}` and the answers' additions and factors, the group's weights can add up past the largest number 64-bit floating point holds (1.8e308); only the weights' ratios matter, so use smaller ones",
                    group.id
                ),
            );
        }
    }
}

/// Names every unanswered question with its options, and says how to answer.
fn unanswered_message(
    model: &Model,
    unanswered: &[usize],
    nothing_answered: bool,
    has_weights: bool,
) -> String {
    if nothing_answered && has_weights {
        return "the file holds weights but no answers (`pick-stack weigh --save` writes them so \
                without a terminal to ask at); answer the questions under `answers:` \
                (`pick-stack questions --template` prints them all), or pass --defaults to take \
                every question's default"
            .to_owned();
    }
    if nothing_answered {
        return "no answers given. pick-stack reads answers from --answers FILE, or from standard input \
                when it is not a terminal; `pick-stack questions --template` prints a file to fill in, \
                and --defaults takes every question's default"
            .to_owned();
    }
    let listed = listing(unanswered, |&index| {
        let question = &model.questions[index];
        let options: Vec<String> = question.choice_ids().into_iter().map(shown).collect();
        format!("`{}` ({})", shown(&question.id), options.join(" | "))
    });
    let how = "give them under `answers:` (`pick-stack questions --template` prints a file to fill in), \
               or pass --defaults to take each question's default";
    format!("no answer for {listed}; {how}")
}
