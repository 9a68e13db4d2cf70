//! The questions, their option ids and defaults, for writing answers files.

use std::io::{self, Write};

use crate::model::Model;

pub fn write(out: &mut dyn Write, model: &Model) -> io::Result<()> {
    for (number, question) in model.questions.iter().enumerate() {
        if number > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}: {}", question.id, question.prompt)?;
        if !question.help.is_empty() {
            writeln!(out, "  {}", question.help)?;
        }
        let condition = model.condition_text(question);
        if !condition.is_empty() {
            writeln!(out, "  (asked only when {condition})")?;
        }
        let id_width = question
            .choices
            .iter()
            .map(|choice| choice.id.len())
            .max()
            .unwrap_or(0);
        for (index, choice) in question.choices.iter().enumerate() {
            let marker = if index == question.default { "*" } else { " " };
            let rules_out = model
                .rules_out_text(choice)
                .map(|text| format!(" ({text})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {marker} {:<id_width$}  {}{rules_out}",
                choice.id, choice.label
            )?;
        }
    }
    if !model.questions.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "* marks the default. `pick-stack questions --template` prints an answers file to fill in."
        )?;
    }
    Ok(())
}
