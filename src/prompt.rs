//! Asking the questions at a terminal, one arrow-key selection each.
//!
//! inquire draws on standard error, so standard output carries only the
//! result and can still be redirected.

use std::fmt;

use crate::answers::Answers;
use crate::choice_list;
use crate::model::{Model, Question};

/// The user left a prompt with Ctrl-C, Ctrl-D or Esc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted at a prompt; no answers were used or saved")
    }
}

impl std::error::Error for Interrupted {}

/// One line of the selection list: the option's label, shown by index so
/// that two options with the same label still map back correctly.
struct Item<'q> {
    model: &'q Model,
    question: &'q Question,
    index: usize,
}

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let choice = &self.question.choices[self.index];
        f.write_str(&choice.label)?;
        // A hard constraint is said before it is chosen, not discovered
        // in the report.
        if let Some(text) = self.model.rules_out_text(choice) {
            write!(f, " ({text})")?;
        }
        if self.index == self.question.default {
            f.write_str(" (default)")?;
        }
        Ok(())
    }
}

/// Asks every question that applies, in order, starting each list at the
/// default, then shows the answers for review: `done` is the review's
/// first line, the one that ends it. A follow-up question is asked only
/// when the answers before it meet its condition, so a terminal never
/// records a contradiction.
pub fn ask(model: &Model, done: &str) -> anyhow::Result<Answers> {
    // A signal from outside restores the terminal before it ends the run.
    let _guard = crate::signals::PromptGuard::install();
    let mut choices: Vec<Option<usize>> = Vec::with_capacity(model.questions.len());
    for (index, question) in model.questions.iter().enumerate() {
        if !question.applies(&choices) {
            choices.push(None);
            continue;
        }
        // The count of questions still to come can fall as answers make
        // follow-ups irrelevant; a question whose condition rests on an
        // answer not given yet still counts.
        let asked = choices.iter().filter(|choice| choice.is_some()).count() + 1;
        let to_come = model.questions[index + 1..]
            .iter()
            .filter(|later| {
                later.when.iter().all(|condition| {
                    condition.question >= index
                        || choices[condition.question]
                            .is_some_and(|choice| condition.options.contains(&choice))
                })
            })
            .count();
        let counter = format!("[{asked}/{}]", asked + to_come);
        choices.push(Some(ask_one(model, index, &counter, question.default)?));
    }
    review(model, &mut choices, done)?;
    Ok(Answers {
        choices,
        explicit_weights: None,
    })
}

/// Asks question `index`, the list starting on option `start`.
fn ask_one(model: &Model, index: usize, counter: &str, start: usize) -> anyhow::Result<usize> {
    let question = &model.questions[index];
    let items: Vec<Item<'_>> = (0..question.choices.len())
        .map(|choice| Item {
            model,
            question,
            index: choice,
        })
        .collect();
    let message = format!("{counter} {}", question.prompt);
    let help = if question.help.is_empty() {
        "↑↓ to move, enter to select".to_owned()
    } else {
        format!("{} (↑↓ to move, enter to select)", question.help)
    };
    choice_list::choose(&message, &help, &items, start, 0)
}

/// Lists the answers given, `done` first, until `done` is chosen. Choosing
/// an answer asks its question again (starting on that answer); then each
/// later follow-up that now applies and has no answer is asked, and each
/// that no longer applies loses its answer, so the answers stay ones a
/// terminal could have given in one pass.
fn review(model: &Model, choices: &mut [Option<usize>], done: &str) -> anyhow::Result<()> {
    loop {
        let asked: Vec<(usize, usize)> = choices
            .iter()
            .enumerate()
            .filter_map(|(question, choice)| choice.map(|choice| (question, choice)))
            .collect();
        let columns = choice_list::columns();
        let lines: Vec<String> = std::iter::once(done.to_owned())
            .chain(
                asked
                    .iter()
                    .map(|&(question, choice)| review_line(model, question, choice, columns)),
            )
            .collect();
        let picked = choice_list::choose(
            "Review your answers: choose one to change it, or go on",
            "↑↓ to move, enter to select; the first line goes on with these answers",
            &lines,
            0,
            0,
        )?;
        let Some(&(question, current)) = picked.checked_sub(1).and_then(|at| asked.get(at)) else {
            return Ok(());
        };
        choices[question] = Some(ask_one(model, question, "[change]", current)?);
        for later in question + 1..choices.len() {
            let follow_up = &model.questions[later];
            match (follow_up.applies(&choices[..later]), choices[later]) {
                (false, _) => choices[later] = None,
                (true, Some(_)) => {}
                (true, None) => {
                    choices[later] = Some(ask_one(model, later, "[follow-up]", follow_up.default)?);
                }
            }
        }
    }
}

/// "Does the project build on code that already works? → No, it starts
/// from scratch": the question is cut, not the answer, where the line is
/// too wide for the terminal.
fn review_line(model: &Model, question: usize, choice: usize, columns: Option<usize>) -> String {
    let entry = &model.questions[question];
    let answer = &entry.choices[choice];
    let mut answer_text = answer.label.clone();
    if let Some(text) = model.rules_out_text(answer) {
        answer_text.push_str(&format!(" ({text})"));
    }
    let prompt = match columns {
        // "> " before the line, " → " inside it, the last column empty.
        Some(columns) => {
            let room = columns.saturating_sub(2 + 3 + 1 + choice_list::width(&answer_text));
            choice_list::fitted(&entry.prompt, room.max(12))
        }
        None => entry.prompt.clone(),
    };
    format!("{prompt} → {answer_text}")
}
