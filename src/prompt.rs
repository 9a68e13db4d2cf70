//! Asking the questions at a terminal, one arrow-key selection each.
//!
//! inquire draws on standard error, so standard output carries only the
//! result and can still be redirected.

use std::fmt;

use inquire::{InquireError, Select};

use crate::answers::Answers;
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
/// default. A follow-up question is asked only when the answers before it
/// meet its condition, so a terminal never records a contradiction.
pub fn ask(model: &Model) -> anyhow::Result<Answers> {
    // A signal from outside restores the terminal before it ends the run.
    let _guard = crate::signals::PromptGuard::install();
    let mut choices: Vec<Option<usize>> = Vec::with_capacity(model.questions.len());
    for (index, question) in model.questions.iter().enumerate() {
        if !question.applies(&choices) {
            choices.push(None);
            continue;
        }
        let items: Vec<Item<'_>> = (0..question.choices.len())
            .map(|choice| Item {
                model,
                question,
                index: choice,
            })
            .collect();
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
        let message = format!("[{asked}/{}] {}", asked + to_come, question.prompt);
        let help = if question.help.is_empty() {
            "↑↓ to move, enter to select".to_owned()
        } else {
            format!("{} (↑↓ to move, enter to select)", question.help)
        };
        let answer = Select::new(&message, items)
            .with_help_message(&help)
            .with_starting_cursor(question.default)
            .with_page_size(10)
            .prompt();
        match answer {
            Ok(item) => choices.push(Some(item.index)),
            Err(InquireError::OperationInterrupted | InquireError::OperationCanceled) => {
                return Err(Interrupted.into());
            }
            Err(err) => return Err(anyhow::Error::new(err).context("cannot ask at this terminal")),
        }
    }
    Ok(Answers {
        choices,
        explicit_weights: None,
    })
}
