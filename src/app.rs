//! Runs a parsed command line: load the model, gather answers, evaluate,
//! report. The CLI layer knows which stage comes next, never how a stage
//! does its work.

use std::io::{self, IsTerminal, Write};

use anyhow::Context;

use crate::answers::{Answers, MissingAnswers};
use crate::cli::{AdviseArgs, Cli, Command, QuestionsArgs};
use crate::model::Model;
use crate::problem::InputError;
use crate::report::{self, Layout};
use crate::source::SourceFile;
use crate::{atomic_file, engine, prompt};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let model = match &cli.criteria {
        Some(path) => Model::load(path)?,
        None => Model::embedded()?,
    };
    let layout = output_layout();
    // The whole document is rendered before any of it is written, so a
    // failure while preparing it never leaves half a table on stdout.
    let mut document = Vec::new();
    match cli.command {
        Command::Advise(args) => advise(&mut document, &model, &args, layout)?,
        Command::Matrix => report::matrix::write(&mut document, &model, layout)?,
        Command::Questions(QuestionsArgs { template: true }) => {
            let heading = "pick-stack answers: every question at its default; change what differs for your project.";
            report::answers_file::write(
                &mut document,
                &model,
                &Answers::defaults(&model),
                heading,
            )?;
        }
        Command::Questions(QuestionsArgs { template: false }) => {
            report::questions::write(&mut document, &model)?
        }
    }
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(&document)
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")
}

fn advise(
    out: &mut Vec<u8>,
    model: &Model,
    args: &AdviseArgs,
    layout: Layout,
) -> anyhow::Result<()> {
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
    let (scenario, assessment) = engine::evaluate(model, &answers);
    report::advice::write(out, model, &scenario, &assessment, layout)?;
    Ok(())
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
