//! Runs a parsed command line: load the model, gather answers, evaluate,
//! report. The CLI layer knows which stage comes next, never how a stage
//! does its work.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;

use crate::answers::{Answers, MissingAnswers};
use crate::cli::{
    AdviseArgs, Cli, ColorChoice, Command, EvidenceArg, MethodArg, QuestionsArgs, ValidateArgs,
    WeighArgs,
};
use crate::engine::sensitivity::Stability;
use crate::engine::{Method, MethodError, Verdict};
use crate::exit_code::ExitCode;
use crate::model::Model;
use crate::problem::{InputError, Problem, shown, unknown_id_hint};
use crate::report::adr::RecordContext;
use crate::report::advice::Advice;
use crate::report::{self, Document, Format, Layout, Validation};
use crate::source::SourceFile;
use crate::{atomic_file, engine, prompt, weigh};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let layout = output_layout(cli.format, cli.color);
    // The whole document is rendered before any of it is written, so a
    // failure while preparing it never leaves half a document on stdout.
    let mut document = Vec::new();
    let code = match &cli.command {
        Command::Validate(ValidateArgs { path }) => validate(
            &mut document,
            path.as_deref().or(cli.criteria.as_deref()),
            cli.format,
            layout,
        )?,
        Command::Completions(args) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "pick-stack", &mut document);
            ExitCode::Success
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut document)?;
            ExitCode::Success
        }
        command => {
            let model = match &cli.criteria {
                Some(path) => Model::load(path)?,
                None => Model::embedded()?,
            };
            // Every command but `advise` shows the default layer (and
            // `matrix` both).
            let model = match command {
                Command::Advise(args) => model.with_evidence(args.evidence.into()),
                _ => model,
            };
            match command {
                Command::Advise(args) => advise(&mut document, &model, &cli, args, layout)?,
                Command::Matrix => {
                    report::write(&mut document, cli.format, &Document::Matrix(&model), layout)?;
                    ExitCode::Success
                }
                Command::Questions(QuestionsArgs { template: true }) => {
                    if cli.format != Format::Table {
                        return Err(usage_problem(
                            "--format",
                            "the answers template is YAML; drop --format",
                        )
                        .into());
                    }
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
                    report::write(
                        &mut document,
                        cli.format,
                        &Document::Questions(&model),
                        layout,
                    )?;
                    ExitCode::Success
                }
                Command::Weigh(args) => {
                    weigh(&mut document, &model, args, cli.format, layout)?;
                    ExitCode::Success
                }
                Command::Validate(_) | Command::Completions(_) | Command::Man => {
                    unreachable!("handled before the model is loaded")
                }
            }
        }
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

fn usage_problem(option: &str, message: &str) -> InputError {
    Problem::in_file(option, message.to_owned()).into()
}

/// `validate`: load the criteria, which checks everything, and report. In
/// the table format the problems go to standard error like any input error;
/// the other formats put them in the document.
fn validate(
    out: &mut Vec<u8>,
    path: Option<&Path>,
    format: Format,
    layout: Layout,
) -> anyhow::Result<ExitCode> {
    let (source, outcome) = match path {
        Some(path) => (path.display().to_string(), Model::load(path)),
        None => (
            "the embedded criteria".to_owned(),
            Model::embedded_from_yaml(),
        ),
    };
    if format == Format::Table
        && let Err(error) = outcome
    {
        return Err(error.into());
    }
    let code = if outcome.is_ok() {
        ExitCode::Success
    } else {
        ExitCode::InputError
    };
    let validation = Validation { source, outcome };
    report::write(out, format, &Document::Validation(&validation), layout)?;
    Ok(code)
}

fn advise(
    out: &mut Vec<u8>,
    model: &Model,
    cli: &Cli,
    args: &AdviseArgs,
    layout: Layout,
) -> anyhow::Result<ExitCode> {
    // Check what can be checked before asking anything.
    let expected = args
        .expect
        .as_deref()
        .map(|expected| resolve_alternative(model, expected))
        .transpose()?;
    if let Some(path) = &args.adr
        && !args.force
        && path.exists()
    {
        return Err(usage_problem(
            &path.display().to_string(),
            "a decision record already exists here; pass --force to replace it",
        )
        .into());
    }
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
    let analysis =
        engine::analyse(model, &answers, method).map_err(|err| method_problem(model, &err))?;
    let advice = Advice::new(model, &answers, &analysis);
    report::write(
        out,
        cli.format,
        &Document::Advice {
            advice: &advice,
            explain: args.explain,
        },
        layout,
    )?;
    if let Some(path) = &args.adr {
        let command = reproduce_command(cli, args);
        let criteria_source = match &cli.criteria {
            Some(path) => format!("the criteria in {}", path.display()),
            None => "the embedded criteria".to_owned(),
        };
        let context = RecordContext {
            date: &today(),
            criteria_source: &criteria_source,
            command: &command,
        };
        let mut record = Vec::new();
        report::adr::write(&mut record, &advice, &context)?;
        if args.force {
            atomic_file::write(path, &record)?;
        } else {
            atomic_file::write_new(path, &record)?;
        }
        eprintln!("Decision record written to {}.", path.display());
    }
    Ok(outcome_code(
        model,
        &analysis.assessment.verdict,
        analysis.sensitivity.stability,
        expected,
        args.require_decisive,
    ))
}

/// The exit code for a verdict: every alternative ruled out first, then an
/// unmet expectation, said on standard error so a CI log shows why.
fn outcome_code(
    model: &Model,
    verdict: &Verdict,
    stability: Stability,
    expected: Option<usize>,
    require_decisive: bool,
) -> ExitCode {
    if *verdict == Verdict::NoneEligible {
        return ExitCode::NoneEligible;
    }
    if let Some(expected) = expected {
        let winner = match verdict {
            Verdict::Winner { alternative, .. } => Some(*alternative),
            _ => None,
        };
        if winner != Some(expected) {
            // Names come from the criteria file: a message shows their start.
            let outcome = match winner {
                Some(winner) => format!("{} wins", shown(&model.alternatives[winner].name)),
                None => "the verdict is a tie".to_owned(),
            };
            eprintln!(
                "pick-stack: expected {} to win, but {outcome}",
                shown(&model.alternatives[expected].name)
            );
            return ExitCode::ExpectationNotMet;
        }
    }
    if require_decisive && matches!(stability, Stability::Tie | Stability::CloseCall) {
        eprintln!(
            "pick-stack: --require-decisive: the verdict is a {}",
            stability.label()
        );
        return ExitCode::ExpectationNotMet;
    }
    ExitCode::Success
}

/// `--expect ALT`: an alternative's id, or its name in any case.
fn resolve_alternative(model: &Model, given: &str) -> Result<usize, InputError> {
    model
        .alternatives
        .iter()
        .position(|alternative| {
            alternative.id == given || alternative.name.eq_ignore_ascii_case(given)
        })
        .ok_or_else(|| {
            let ids: Vec<&str> = model
                .alternatives
                .iter()
                .map(|alternative| alternative.id.as_str())
                .collect();
            usage_problem(
                "--expect",
                &format!(
                    "unknown alternative `{}`; {}",
                    shown(given),
                    unknown_id_hint(given, "alternatives", &ids)
                ),
            )
        })
}

/// The command a decision record tells readers to rerun.
fn reproduce_command(cli: &Cli, args: &AdviseArgs) -> String {
    let mut command = String::from("pick-stack");
    if let Some(path) = &cli.criteria {
        command.push_str(&format!(" --criteria {}", path.display()));
    }
    command.push_str(" advise");
    match &args.answers {
        Some(path) if path.as_os_str() != "-" => {
            command.push_str(&format!(" --answers {}", path.display()))
        }
        _ => match &args.save_answers {
            Some(path) => command.push_str(&format!(" --answers {}", path.display())),
            None => command.push_str(" --answers ANSWERS.yaml"),
        },
    }
    if args.defaults {
        command.push_str(" --defaults");
    }
    if args.method != MethodArg::Wsm {
        command.push_str(&format!(" --method {}", engine_method_id(args.method)));
    }
    if args.evidence != EvidenceArg::Current {
        command.push_str(" --evidence article");
    }
    command
}

fn engine_method_id(method: MethodArg) -> &'static str {
    match method {
        MethodArg::Wsm => "wsm",
        MethodArg::Wpm => "wpm",
        MethodArg::Topsis => "topsis",
    }
}

/// Today as `YYYY-MM-DD` (UTC), or the day `SOURCE_DATE_EPOCH` names, so a
/// record can be reproduced byte for byte.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs() as i64)
        });
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `weigh`: judgements to weights, shown, and saved into an answers file.
fn weigh(
    out: &mut Vec<u8>,
    model: &Model,
    args: &WeighArgs,
    format: Format,
    layout: Layout,
) -> anyhow::Result<()> {
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
    let document = Document::Weights {
        model,
        weighing: &weighing,
        explicit: &explicit,
    };
    report::write(out, format, &document, layout)?;
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
        score,
    } = err;
    // The score the method saw: an answer may have replaced the file's.
    let message = format!(
        "criterion `{}` scores {score} for {}: {err}; use --method wsm or topsis, or raise the score",
        shown(&model.criteria[*criterion].id),
        shown(&model.alternatives[*alternative].name),
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
/// a file) they are laid out at natural width, unless `COLUMNS` says how
/// wide. Colour follows `--color`, then `NO_COLOR`, then `CLICOLOR_FORCE`,
/// then whether standard output is a terminal; JSON and CSV never have it.
fn output_layout(format: Format, color: ColorChoice) -> Layout {
    let terminal = io::stdout().is_terminal();
    let width = if terminal {
        crossterm::terminal::size().ok().map(|(columns, _)| columns)
    } else {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse().ok())
    };
    let set =
        |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty() && value != "0");
    let color = format == Format::Table
        && match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !set("NO_COLOR") && (set("CLICOLOR_FORCE") || terminal),
        };
    Layout {
        width: width.filter(|&columns| columns > 0),
        color,
    }
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        // 2026-11-26 is day 20 783.
        assert_eq!(civil_from_days(20_783), (2026, 11, 26));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
