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
    question: &'q Question,
    index: usize,
}

impl fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.question.choices[self.index].label)?;
        if self.index == self.question.default {
            f.write_str(" (default)")?;
        }
        Ok(())
    }
}

/// Asks every question in order, starting each list at the default.
pub fn ask(model: &Model) -> anyhow::Result<Answers> {
    let total = model.questions.len();
    let mut choices = Vec::with_capacity(total);
    for (number, question) in model.questions.iter().enumerate() {
        let items: Vec<Item<'_>> = (0..question.choices.len())
            .map(|index| Item { question, index })
            .collect();
        let message = format!("[{}/{}] {}", number + 1, total, question.prompt);
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
            Ok(item) => choices.push(item.index),
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
