//! Answers files as pick-stack writes them: for `questions --template` and
//! `advise --save-answers`. Each answer carries its question and the valid
//! option ids as comments, so the file can be edited without the docs.

use std::io::{self, Write};

use crate::answers::{Answers, ExplicitWeights};
use crate::model::Model;

pub fn write(
    out: &mut dyn Write,
    model: &Model,
    answers: &Answers,
    heading: &str,
) -> io::Result<()> {
    writeln!(out, "# {heading}")?;
    writeln!(
        out,
        "# Replay with: pick-stack advise --answers FILE   (or: pick-stack advise < FILE)"
    )?;
    writeln!(
        out,
        "# Each line under `answers:` is question id: option id."
    )?;
    writeln!(out, "answers:")?;
    for (question, choice) in model.questions.iter().zip(&answers.choices) {
        writeln!(out, "  # {}", comment(&question.prompt))?;
        let condition = model.condition_text(question);
        if !condition.is_empty() {
            writeln!(out, "  # asked only when {}", comment(&condition))?;
        }
        writeln!(
            out,
            "  # options: {} (default: {})",
            comment(&question.choice_ids().join(", ")),
            comment(&question.choices[question.default].id)
        )?;
        match choice {
            Some(choice) => writeln!(
                out,
                "  {}: {}",
                yaml_scalar(&question.id),
                yaml_scalar(&question.choices[*choice].id)
            )?,
            // Not asked for these answers: written out commented, so that
            // the file shows it exists and an answer that would contradict
            // the others is not recorded.
            None => writeln!(
                out,
                "  # {}: {}   (does not apply to these answers)",
                yaml_scalar(&question.id),
                yaml_scalar(&question.choices[question.default].id)
            )?,
        }
    }
    if let Some(explicit) = &answers.explicit_weights {
        write_weights(out, model, explicit)?;
    }
    Ok(())
}

/// An answers file with weights and no answers: what `weigh --save` writes
/// when no one is at a terminal to answer the questions. Each question is
/// listed in a comment, so the file shows what is still to answer, and
/// `advise --answers` names each one missing rather than assume defaults.
pub fn write_weights_only(
    out: &mut dyn Write,
    model: &Model,
    explicit: &ExplicitWeights,
    heading: &str,
) -> io::Result<()> {
    writeln!(out, "# {heading}")?;
    writeln!(
        out,
        "# `pick-stack advise --answers FILE` asks for the answers below; add them under"
    )?;
    writeln!(
        out,
        "# an `answers:` key (question id: option id), or pass --defaults to take each default."
    )?;
    writeln!(out, "# answers:")?;
    // Uncommented once, the list is a valid answers file: every default,
    // with a follow-up the defaults do not bring in left as a comment
    // (answering it would contradict the answers above it).
    let defaults = Answers::defaults(model);
    for (question, default) in model.questions.iter().zip(&defaults.choices) {
        writeln!(out, "#   # {}", comment(&question.prompt))?;
        let condition = model.condition_text(question);
        if !condition.is_empty() {
            writeln!(out, "#   # asked only when {}", comment(&condition))?;
        }
        let follow_up = if default.is_some() { "" } else { "# " };
        writeln!(
            out,
            "#   {follow_up}{}: {}   # options: {}",
            yaml_scalar(&question.id),
            yaml_scalar(&question.choices[question.default].id),
            comment(&question.choice_ids().join(", "))
        )?;
    }
    write_weights(out, model, explicit)
}

fn write_weights(out: &mut dyn Write, model: &Model, explicit: &ExplicitWeights) -> io::Result<()> {
    writeln!(
        out,
        "# Base weights set explicitly; they replace the criteria file's for these criteria."
    )?;
    writeln!(out, "weights:")?;
    if !explicit.from.is_empty() {
        writeln!(out, "  from: {}", yaml_scalar(&explicit.from))?;
    }
    writeln!(out, "  values:")?;
    for &(criterion, weight) in &explicit.values {
        let criterion = &model.criteria[criterion];
        writeln!(out, "    # {}", comment(&criterion.name))?;
        // The shortest digits that read back as the same f64, so a replay
        // computes the same verdict; past the usual sizes in scientific
        // notation (`1.2e20`, not 21 digits; `1e-300`, not 300 zeros).
        writeln!(
            out,
            "    {}: {}",
            yaml_scalar(&criterion.id),
            crate::magnitude::text(weight)
        )?;
    }
    Ok(())
}

/// Text for a `#` comment: on one line, whatever the criteria file wrote,
/// so that no line of it can be read as YAML (a prompt holding a line
/// break and `weights:` would otherwise add weights to the file), and
/// with no control or bidi character to disguise what the line says.
fn comment(text: &str) -> String {
    text.split(crate::untrusted::is_unsafe)
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An id as a YAML scalar, quoted when plain YAML would read it as something
/// else (a number, `true`, `null`) or could not hold it.
fn yaml_scalar(id: &str) -> String {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !id.starts_with(['-', '.'])
        && !matches!(
            id.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        )
        && id.parse::<f64>().is_err();
    if plain {
        id.to_owned()
    } else {
        let mut quoted = String::from("\"");
        for c in id.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    }
}

#[cfg(test)]
mod tests {
    use super::yaml_scalar;

    #[test]
    fn quotes_what_yaml_would_misread() {
        assert_eq!(yaml_scalar("web_api"), "web_api");
        assert_eq!(yaml_scalar("no"), "\"no\"");
        assert_eq!(yaml_scalar("1.5"), "\"1.5\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("say \"hi\""), "\"say \\\"hi\\\"\"");
    }
}
