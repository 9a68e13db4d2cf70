//! Runs a parsed command line: load the model, gather answers, evaluate,
//! report. The CLI layer knows which stage comes next, never how a stage
//! does its work.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use crate::answers::{Answers, MissingAnswers};
use crate::cli::{AdviseArgs, Cli, Command, MethodArg, QuestionsArgs, ValidateArgs, WeighArgs};
use crate::engine::{Method, MethodError, Verdict, sensitivity};
use crate::exit_code::ExitCode;
use crate::model::Model;
use crate::problem::{InputError, Problem};
use crate::report::advice::Advice;
use crate::report::{self, Layout};
use crate::source::SourceFile;
use crate::{atomic_file, engine, prompt, weigh};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Validate(ValidateArgs { path }) = &cli.command {
        return validate(path.as_deref().or(cli.criteria.as_deref()));
    }
    let model = match &cli.criteria {
        Some(path) => Model::load(path)?,
        None => Model::embedded()?,
    };
    let layout = output_layout();
    // The whole document is rendered before any of it is written, so a
    // failure while preparing it never leaves half a table on stdout.
    let mut document = Vec::new();
    let code = match cli.command {
        Command::Advise(args) => advise(&mut document, &model, &args, layout)?,
        Command::Matrix => {
            report::matrix::write(&mut document, &model, layout)?;
            ExitCode::Success
        }
        Command::Questions(QuestionsArgs { template: true }) => {
            let heading = "pick-stack answers: every question at its default; change what differs for your project.";
            report::answers_file::write(
                &mut document,
                &model,
                &Answers::defaults(&model),
                heading,
            )?;
            ExitCode::Success
        }
        Command::Questions(QuestionsArgs { template: false }) => {
            report::questions::write(&mut document, &model)?;
            ExitCode::Success
        }
        Command::Weigh(args) => {
            weigh(&mut document, &model, &args, layout)?;
            ExitCode::Success
        }
        Command::Validate(_) => unreachable!("handled before the model is loaded"),
    };
    emit(&document)?;
    Ok(code)
}

fn emit(document: &[u8]) -> anyhow::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(document)
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")
}

/// `validate`: load the criteria, which checks everything, and say so.
fn validate(path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let (model, name) = match path {
        Some(path) => (Model::load(path)?, path.display().to_string()),
        None => (Model::embedded()?, "the embedded criteria".to_owned()),
    };
    let summary = format!(
        "{name}: ok: {} alternatives, {} criteria, {} questions with {} options\n",
        model.alternatives.len(),
        model.criteria.len(),
        model.questions.len(),
        model
            .questions
            .iter()
            .map(|question| question.choices.len())
            .sum::<usize>(),
    );
    emit(summary.as_bytes())?;
    Ok(ExitCode::Success)
}

fn advise(
    out: &mut Vec<u8>,
    model: &Model,
    args: &AdviseArgs,
    layout: Layout,
) -> anyhow::Result<ExitCode> {
    let answers = gather_answers(model, args)?;
    if let Some(path) = &args.save_answers {
        let mut content = Vec::new();
        report::answers_file::write(
            &mut content,
            model,
            &answers,
            "pick-stack answers, saved by `pick-stack advise`.",
        )?;
        atomic_file::write(path, &content)?;
        eprintln!("Answers saved to {}.", path.display());
    }
    let method = match args.method {
        MethodArg::Wsm => Method::WeightedSum,
        MethodArg::Wpm => Method::WeightedProduct,
        MethodArg::Topsis => Method::Topsis,
    };
    let (scenario, assessment) =
        engine::evaluate(model, &answers, method).map_err(|err| method_problem(model, &err))?;
    let sensitivity = sensitivity::analyse(model, &answers, &scenario, &assessment);
    let advice = Advice {
        model,
        scenario: &scenario,
        assessment: &assessment,
        sensitivity: &sensitivity,
        choices: &answers.choices,
    };
    report::advice::write(out, &advice, layout)?;
    if args.explain {
        let traces: Vec<_> = (0..model.criteria.len())
            .map(|criterion| engine::trace(model, &answers, criterion))
            .collect();
        let from = answers
            .explicit_weights
            .as_ref()
            .map(|explicit| explicit.from.as_str());
        report::explain::write(out, &advice, &traces, from, layout)?;
    }
    Ok(match assessment.verdict {
        Verdict::NoneEligible => ExitCode::NoneEligible,
        _ => ExitCode::Success,
    })
}

/// `weigh`: judgements to weights, shown, and saved into an answers file.
fn weigh(out: &mut Vec<u8>, model: &Model, args: &WeighArgs, layout: Layout) -> anyhow::Result<()> {
    let only = match &args.only {
        Some(ids) => Some(weigh::resolve_only(model, ids)?),
        None => None,
    };
    let source = match &args.comparisons {
        Some(path) if path.as_os_str() == "-" => {
            Some(SourceFile::read_stdin().map_err(InputError::from)?)
        }
        Some(path) => Some(SourceFile::read(path).map_err(InputError::from)?),
        None if !io::stdin().is_terminal() => {
            Some(SourceFile::read_stdin().map_err(InputError::from)?)
        }
        None => None,
    };
    let weighing = match source {
        Some(source) => weigh::from_source(model, &source)?,
        None => weigh::ask(model, only)?,
    };
    let explicit = weighing.explicit_weights(model);
    report::weights::write(out, model, &weighing, &explicit, layout)?;
    if let Some(path) = &args.save {
        // Keep the answers already in the file; a new file starts from the defaults.
        let mut answers = if path.exists() {
            let existing = SourceFile::read(path).map_err(InputError::from)?;
            Answers::from_source(model, &existing, MissingAnswers::UseDefaults)?
        } else {
            Answers::defaults(model)
        };
        answers.explicit_weights = Some(explicit);
        let mut content = Vec::new();
        report::answers_file::write(
            &mut content,
            model,
            &answers,
            "pick-stack answers, with weights from `pick-stack weigh`.",
        )?;
        atomic_file::write(path, &content)?;
        eprintln!(
            "Weights saved to {}; use it with `pick-stack advise --answers {}`.",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

/// A method that cannot use the data is an input problem: name the score.
fn method_problem(model: &Model, err: &MethodError) -> InputError {
    let MethodError::NonPositiveScore {
        criterion,
        alternative,
        ..
    } = err;
    let message = format!(
        "criterion `{}` scores {} for {}: {err}; use --method wsm or topsis, or raise the score",
        model.criteria[*criterion].id,
        model.criteria[*criterion].ratings[*alternative].score,
        model.alternatives[*alternative].name,
    );
    Problem::in_file("--method wpm", message).into()
}

/// Where the answers come from: a named file, standard input when it is not
/// a terminal (so a pipeline never waits for a keyboard), or the prompt.
fn gather_answers(model: &Model, args: &AdviseArgs) -> anyhow::Result<Answers> {
    let missing = if args.defaults {
        MissingAnswers::UseDefaults
    } else {
        MissingAnswers::Reject
    };
    let source = match &args.answers {
        Some(path) if path.as_os_str() == "-" => {
            SourceFile::read_stdin().map_err(InputError::from)?
        }
        Some(path) => SourceFile::read(path).map_err(InputError::from)?,
        None if !io::stdin().is_terminal() => SourceFile::read_stdin().map_err(InputError::from)?,
        None if args.defaults => return Ok(Answers::defaults(model)),
        None => return prompt::ask(model).context("asking the questions"),
    };
    Ok(Answers::from_source(model, &source, missing)?)
}

/// Tables fit the terminal when standard output is one; otherwise (a pipe or
/// a file) they are laid out at natural width, unless `COLUMNS` says how wide.
fn output_layout() -> Layout {
    let width = if io::stdout().is_terminal() {
        crossterm::terminal::size().ok().map(|(columns, _)| columns)
    } else {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse().ok())
    };
    Layout {
        width: width.filter(|&columns| columns > 0),
    }
}
