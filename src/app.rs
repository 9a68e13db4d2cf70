//! Runs a parsed command line: load the model, gather answers, evaluate,
//! report. The CLI layer knows which stage comes next, never how a stage
//! does its work.

use std::borrow::Cow;
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
use crate::model::{Model, lookalike};
use crate::outputs::{self, Output, Replaces, Request};
use crate::problem::{InputError, Problem, shown, unknown_id_hint};
use crate::report::adr::RecordContext;
use crate::report::advice::Advice;
use crate::report::{self, Document, Format, Layout, Validation};
use crate::source::SourceFile;
use crate::{engine, prompt, weigh};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // The matrix's rationale column runs to well over a thousand characters
    // a row: piped, it is laid out for a 100-column reader unless COLUMNS
    // says otherwise (COLUMNS=0: natural width). The other reports' rows
    // stay readable at natural width.
    let piped_width = match cli.command {
        Command::Matrix => Some(PIPED_MATRIX_WIDTH),
        _ => None,
    };
    let layout = output_layout(cli.format, cli.color, piped_width);
    // Every figure, and every file the command writes, is computed before
    // the first byte of the report is written (see [`deliver`]), so a
    // failure while preparing them never leaves half a document on stdout
    // or a file half-done.
    // A page is for handing a decision around; the other commands' output
    // is for a terminal, a program or a paste.
    if cli.format == Format::Html
        && matches!(
            cli.command,
            Command::Validate(_) | Command::Questions(_) | Command::Weigh(_)
        )
    {
        return Err(usage_problem(
            "--format",
            "html is for `advise` and `matrix`; use table, json, markdown or csv here",
        )
        .into());
    }
    match &cli.command {
        Command::Validate(ValidateArgs { path }) => validate(
            path.as_deref().or(cli.criteria.as_deref()),
            cli.format,
            layout,
        ),
        Command::Completions(_) | Command::Man if cli.format_given => Err(usage_problem(
            "--format",
            "`completions` and `man` print one format of their own (a shell script, a manual page); drop --format",
        )
        .into()),
        Command::Completions(args) => {
            // clap_complete panics when its writer fails: it writes to
            // memory, and the script is delivered from there.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "pick-stack", &mut script);
            deliver(&[], |out| out.write_all(&script))?;
            Ok(ExitCode::Success)
        }
        Command::Man => {
            deliver(&[], |out| crate::manual::write(out))?;
            Ok(ExitCode::Success)
        }
        command => {
            let model = match (&cli.criteria, command) {
                (Some(path), _) => load_noting(path)?,
                (None, Command::Matrix) => Model::embedded_without_questions()?,
                (None, _) => Model::embedded()?,
            };
            // Every command but `advise` shows the default layer (and
            // `matrix` both).
            let model = match command {
                Command::Advise(args) => model.with_evidence(args.evidence.into()),
                _ => model,
            };
            match command {
                Command::Advise(args) => advise(&model, &cli, args, layout),
                Command::Matrix => {
                    let shown = for_format(&model, cli.format);
                    deliver(&[], |out| {
                        report::write(out, cli.format, &Document::Matrix(&shown), layout)
                    })?;
                    Ok(ExitCode::Success)
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
                    let defaults = Answers::defaults(&model);
                    deliver(&[], |out| {
                        report::answers_file::write(out, &model, &defaults, heading)
                    })?;
                    Ok(ExitCode::Success)
                }
                Command::Questions(QuestionsArgs { template: false }) => {
                    let shown = for_format(&model, cli.format);
                    deliver(&[], |out| {
                        report::write(out, cli.format, &Document::Questions(&shown), layout)
                    })?;
                    Ok(ExitCode::Success)
                }
                Command::Weigh(args) => {
                    weigh(&model, &cli, args, layout)?;
                    Ok(ExitCode::Success)
                }
                Command::Validate(_) | Command::Completions(_) | Command::Man => {
                    unreachable!("handled before the model is loaded")
                }
            }
        }
    }
}

/// Writes the report to standard output, through a buffer, as `report`
/// produces it, and puts `files` in place. Called once every figure and
/// every file's content is computed: what remains can fail only at
/// writing. The files are staged first and put in place only after the
/// report is written, so if the report fails, no file is written. A reader
/// that went away (`| head -1`) is no failure, so the files still go in
/// place.
pub(crate) fn deliver(
    files: &[Output<'_>],
    report: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let stream = || -> anyhow::Result<()> {
        let mut out = io::BufWriter::with_capacity(STDOUT_BUFFER, io::stdout().lock());
        report(&mut out)
            .and_then(|()| out.flush())
            .context("cannot write to standard output")
    };
    if files.is_empty() {
        return stream();
    }
    let mut reader_gone = None;
    outputs::write(files, || match stream() {
        Err(err) if ExitCode::is_reader_gone(&err) => {
            reader_gone = Some(err);
            Ok(())
        }
        streamed => streamed,
    })?;
    match reader_gone {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Large enough that a 30 MB report takes a few hundred writes, small
/// enough to stay in cache.
const STDOUT_BUFFER: usize = 64 * 1024;

/// Loads criteria from `path`, saying on standard error which files a
/// folder held that were skipped on purpose.
fn load_noting(path: &Path) -> Result<Model, InputError> {
    let (model, note) = Model::load_noting(path)?;
    if let Some(note) = note {
        eprintln!("pick-stack: note: {note}");
    }
    Ok(model)
}

/// The model a report in `format` reads: for the formats a person reads,
/// with every text from the files escaped; JSON and CSV carry it as it is.
pub(crate) fn for_format(model: &Model, format: Format) -> std::borrow::Cow<'_, Model> {
    match format {
        Format::Table | Format::Markdown | Format::Html => model.for_people(),
        Format::Json | Format::Csv => std::borrow::Cow::Borrowed(model),
    }
}

pub(crate) fn usage_problem(option: &str, message: &str) -> InputError {
    Problem::in_file(option, message.to_owned()).into()
}

/// `validate`: load the criteria, which checks everything, and report. In
/// the table format the problems go to standard error like any input error;
/// the other formats put them in the document.
fn validate(path: Option<&Path>, format: Format, layout: Layout) -> anyhow::Result<ExitCode> {
    let (source, outcome) = match path {
        Some(path) => (
            match format {
                Format::Table | Format::Markdown | Format::Html => crate::untrusted::path(path),
                Format::Json | Format::Csv => path.display().to_string(),
            },
            load_noting(path),
        ),
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
    deliver(&[], |out| {
        report::write(out, format, &Document::Validation(&validation), layout)
    })?;
    Ok(code)
}

/// The files `advise` is asked to write: the answers, then the record.
/// The charts a decision record gets beside it (see
/// [`report::adr::Chart::path_beside`]), each under the record's own
/// rules; none without a record.
pub(crate) fn chart_requests<'a>(
    record: Option<&Request<'a>>,
) -> Vec<(Request<'a>, report::adr::Chart)> {
    let Some(record) = record else {
        return Vec::new();
    };
    report::adr::Chart::ALL
        .into_iter()
        .filter_map(|chart| {
            let path = chart.path_beside(&record.path)?;
            let replaces = match record.replaces {
                Replaces::Nothing { .. } => Replaces::Nothing {
                    what: "a decision record's chart",
                },
                replaces => replaces,
            };
            Some((
                Request {
                    path: Cow::Owned(path),
                    replaces,
                    ..record.clone()
                },
                chart,
            ))
        })
        .collect()
}

/// One line for a record and its charts, said once all are written.
pub(crate) fn record_note(
    record: &Request<'_>,
    charts: &[(Request<'_>, report::adr::Chart)],
) -> String {
    let chart_names: Vec<String> = charts
        .iter()
        .filter_map(|(chart, _)| chart.path.file_name())
        .map(|name| crate::untrusted::path(Path::new(name)))
        .collect();
    format!(
        "Decision record written to {}, its charts beside it ({}).",
        crate::untrusted::path(&record.path),
        chart_names.join(", ")
    )
}

pub(crate) fn advise_requests(args: &AdviseArgs) -> (Option<Request<'_>>, Option<Request<'_>>) {
    let save_answers = args.save_answers.as_deref().map(|path| Request {
        option: "--save-answers",
        path: Cow::Borrowed(path),
        replaces: if args.force {
            Replaces::AnyRegularFile
        } else {
            Replaces::AnswersFile
        },
        creates_folders: false,
    });
    let record = args.adr.as_deref().map(|path| Request {
        option: "--adr",
        path: Cow::Borrowed(path),
        replaces: if args.force {
            Replaces::AnyRegularFile
        } else {
            Replaces::Nothing {
                what: "a decision record",
            }
        },
        creates_folders: true,
    });
    (save_answers, record)
}

fn advise(model: &Model, cli: &Cli, args: &AdviseArgs, layout: Layout) -> anyhow::Result<ExitCode> {
    if crate::team_input::is_team(&args.answers) {
        return crate::team_input::advise(model, cli, args, layout);
    }
    // Check what can be checked before asking anything: the files to
    // write are checked again just before they are written.
    let expected = args
        .expect
        .as_deref()
        .map(|expected| resolve_alternative(model, expected))
        .transpose()?;
    let (save_answers, record) = advise_requests(args);
    let charts = chart_requests(record.as_ref());
    let requests: Vec<Request<'_>> = save_answers
        .iter()
        .chain(&record)
        .chain(charts.iter().map(|(request, _)| request))
        .cloned()
        .collect();
    outputs::check(&requests)?;
    let answers = gather_answers(model, args)?;
    let mut files = Vec::new();
    if let Some(request) = save_answers {
        let mut content = Vec::new();
        report::answers_file::write(
            &mut content,
            model,
            &answers,
            "pick-stack answers, saved by `pick-stack advise`.",
        )?;
        files.push(Output {
            note: format!(
                "Answers saved to {}.",
                crate::untrusted::path(&request.path)
            ),
            request,
            content,
        });
    }
    let method = engine_method(args.method.unwrap_or(MethodArg::Wsm));
    let sampling = sampling(args, method);
    let analysis = engine::analyse_sampled(model, &answers, method, sampling.as_ref())
        .map_err(|err| method_problem(model, &err))?;
    // People read the table, Markdown and the decision record: those get
    // the model and answers with the files' text escaped.
    let shown = model.for_people();
    let shown_answers = answers.for_people();
    let advice_shown = Advice::new(&shown, &shown_answers, &analysis);
    let advice_raw = Advice::new(model, &answers, &analysis);
    let advice = match cli.format {
        Format::Table | Format::Markdown | Format::Html => &advice_shown,
        Format::Json | Format::Csv => &advice_raw,
    };
    if let Some(request) = record {
        let command = reproduce_command(cli, args);
        let criteria_source = match &cli.criteria {
            Some(path) => format!("the criteria in {}", crate::untrusted::path(path)),
            None => "the embedded criteria".to_owned(),
        };
        let raw_ids: Vec<String> = model
            .alternatives
            .iter()
            .map(|alternative| alternative.id.clone())
            .collect();
        let context = RecordContext {
            date: &today(),
            criteria_source: &criteria_source,
            command: &command,
            raw_ids: &raw_ids,
            record_path: Some(&request.path),
        };
        let mut content = Vec::new();
        report::adr::write(&mut content, &advice_shown, &context)?;
        files.push(Output {
            note: record_note(&request, &charts),
            request,
            content,
        });
    }
    for (request, chart) in charts {
        let content = report::adr::chart_file((&advice_shown).into(), chart);
        files.push(Output {
            request,
            content,
            note: String::new(),
        });
    }
    deliver(&files, |out| {
        report::write(
            out,
            cli.format,
            &Document::Advice {
                advice,
                explain: args.explain,
            },
            layout,
        )
    })?;
    Ok(outcome_code(
        model,
        &analysis.assessment.verdict,
        analysis.sensitivity.stability,
        expected,
        args.require_decisive,
    ))
}

fn engine_method(method: MethodArg) -> Method {
    match method {
        MethodArg::Wsm => Method::WeightedSum,
        MethodArg::Wpm => Method::WeightedProduct,
        MethodArg::Topsis => Method::Topsis,
    }
}

/// What the uncertainty analysis samples: nothing for `--samples 0`, only
/// the method named by an explicit `--method` (a team that chose its
/// method is not unsure about it), all three otherwise.
pub(crate) fn sampling(args: &AdviseArgs, method: Method) -> Option<engine::uncertainty::Settings> {
    use engine::uncertainty::Settings;
    if args.samples == Some(0) {
        return None;
    }
    let defaults = Settings::default();
    Some(Settings {
        samples: args.samples,
        seed: args.seed,
        spread: args.weights_spread.unwrap_or(defaults.spread),
        methods: if args.method.is_some() {
            vec![method]
        } else {
            defaults.methods
        },
        threads: None,
    })
}

/// The exit code for a verdict: every alternative ruled out first, then an
/// unmet expectation, said on standard error so a CI log shows why.
pub(crate) fn outcome_code(
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
            // Names come from the criteria file: a message shows their
            // start, escaped.
            let name = |index: usize| {
                crate::untrusted::escaped(&shown(&model.alternatives[index].name)).into_owned()
            };
            let outcome = match winner {
                Some(winner) => format!("{} wins", name(winner)),
                None => "the verdict is a tie".to_owned(),
            };
            eprintln!(
                "pick-stack: expected {} to win, but {outcome}",
                name(expected)
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

/// `--expect ALT`: an alternative's id or name, compared as a reader would
/// (see [`lookalike::key`]: case, compatibility forms and invisible
/// characters aside). Loading keeps every alternative's id and name apart
/// from every other's, so one alternative at most matches; a gate that
/// could pass for two is refused rather than resolved to either.
pub(crate) fn resolve_alternative(model: &Model, given: &str) -> Result<usize, InputError> {
    let wanted = lookalike::key(given);
    let matching: Vec<usize> = model
        .alternatives
        .iter()
        .enumerate()
        .filter(|(_, alternative)| {
            lookalike::key(&alternative.id) == wanted || lookalike::key(&alternative.name) == wanted
        })
        .map(|(index, _)| index)
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => {
            let ids: Vec<&str> = model
                .alternatives
                .iter()
                .map(|alternative| alternative.id.as_str())
                .collect();
            Err(usage_problem(
                "--expect",
                &format!(
                    "unknown alternative `{}`; {}",
                    shown(given),
                    unknown_id_hint(given, "alternatives", &ids)
                ),
            ))
        }
        several => {
            let named: Vec<String> = several
                .iter()
                .map(|&index| {
                    let alternative = &model.alternatives[index];
                    format!(
                        "{} (id `{}`)",
                        shown(&alternative.name),
                        shown(&alternative.id)
                    )
                })
                .collect();
            Err(usage_problem(
                "--expect",
                &format!(
                    "`{}` could mean {}; a gate must name one alternative: give the alternatives ids and names no other's matches",
                    shown(&lookalike::visible(given)),
                    named.join(" or ")
                ),
            ))
        }
    }
}

/// The command a decision record tells readers to rerun.
pub(crate) fn reproduce_command(cli: &Cli, args: &AdviseArgs) -> Vec<String> {
    let mut words = vec!["pick-stack".to_owned()];
    if let Some(path) = &cli.criteria {
        words.extend(["--criteria".to_owned(), path.display().to_string()]);
    }
    words.push("advise".to_owned());
    // A team's files, each named.
    if args.answers.len() > 1 {
        for path in &args.answers {
            words.extend(["--answers".to_owned(), path.display().to_string()]);
        }
    }
    let answers = match args.answers.first() {
        _ if args.answers.len() > 1 => None,
        Some(path) if path.as_os_str() != "-" => Some(path.display().to_string()),
        _ => match &args.save_answers {
            Some(path) => Some(path.display().to_string()),
            // Every answer a default, none read: nothing to name.
            None if args.defaults && args.answers.is_empty() && io::stdin().is_terminal() => None,
            // Answers read from a pipe or typed at the prompt and not
            // saved: the reader saves them under a name of their own.
            None => Some("ANSWERS.yaml".to_owned()),
        },
    };
    if let Some(answers) = answers {
        words.extend(["--answers".to_owned(), answers]);
    }
    if args.defaults {
        words.push("--defaults".to_owned());
    }
    // An explicit --method also narrows the uncertainty analysis, so it
    // is repeated even when it names the default.
    if let Some(method) = args.method {
        words.extend(["--method".to_owned(), engine_method_id(method).to_owned()]);
    }
    if args.evidence != EvidenceArg::Current {
        words.extend(["--evidence".to_owned(), "article".to_owned()]);
    }
    if let Some(samples) = args.samples {
        words.extend(["--samples".to_owned(), samples.to_string()]);
    }
    if args.seed != engine::uncertainty::DEFAULT_SEED {
        words.extend(["--seed".to_owned(), args.seed.to_string()]);
    }
    match args.weights_spread {
        Some(engine::uncertainty::Spread::Any) => {
            words.extend(["--weights-spread".to_owned(), "any".to_owned()]);
        }
        Some(engine::uncertainty::Spread::Factor(factor)) => {
            words.extend(["--weights-spread".to_owned(), factor.to_string()]);
        }
        None => {}
    }
    words
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
pub(crate) fn today() -> String {
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
fn weigh(model: &Model, cli: &Cli, args: &WeighArgs, layout: Layout) -> anyhow::Result<()> {
    let format = cli.format;
    let only = match &args.only {
        Some(ids) => Some(weigh::resolve_only(model, ids)?),
        None => None,
    };
    // The file to save into is checked before anything is asked, and read
    // only once it is known to be a regular file.
    let save = args.save.as_deref().map(|path| Request {
        option: "--save",
        path: Cow::Borrowed(path),
        replaces: if args.force {
            Replaces::AnyRegularFile
        } else {
            Replaces::AnswersFile
        },
        creates_folders: false,
    });
    let save_target = match &save {
        Some(request) => outputs::check(std::slice::from_ref(request))?.pop(),
        None => None,
    };
    let group = if args.comparisons.len() > 1 {
        Some(crate::group_weigh::from_files(model, &args.comparisons)?)
    } else {
        None
    };
    let source = match args.comparisons.first() {
        _ if group.is_some() => None,
        Some(path) if path.as_os_str() == "-" => {
            Some(SourceFile::read_stdin().map_err(InputError::from)?)
        }
        Some(path) => {
            Some(SourceFile::read_option(path, "--comparisons").map_err(InputError::from)?)
        }
        None if !io::stdin().is_terminal() => {
            Some(SourceFile::read_stdin().map_err(InputError::from)?)
        }
        None => None,
    };
    let asked_here = source.is_none() && group.is_none();
    let weighing = match (source, group) {
        (_, Some(group)) => group,
        (Some(source), None) => weigh::from_source(model, &source)?,
        // The prompts show the escaped names; the judgements are indices.
        (None, None) => weigh::ask(&model.for_people(), only)?,
    };
    let explicit = weighing.explicit_weights(model).map_err(|message| {
        let criteria = match &cli.criteria {
            Some(path) => path.display().to_string(),
            None => "(embedded) criteria".to_owned(),
        };
        InputError::from(Problem::in_file(&criteria, message))
    })?;
    let shown = for_format(model, format);
    let document = Document::Weights {
        model: &shown,
        weighing: &weighing,
        explicit: &explicit,
    };
    let mut files = Vec::new();
    if let (Some(request), Some(target)) = (save, save_target) {
        let path = request.path.clone();
        // Keep the answers already in the file. A file that holds none (a
        // new one, or one --force replaces) gets the questions asked when
        // the judgements were asked at a terminal: defaults written
        // silently would read as a team's answers. Without a terminal it
        // gets the weights alone, and `advise --answers` names the
        // questions still to answer.
        let kept = match target.existing {
            Some(_) => {
                let kept = SourceFile::read(target.path())
                    .map_err(InputError::from)
                    .and_then(|existing| {
                        if Answers::none_in(&existing)? {
                            return Ok(None);
                        }
                        Answers::from_source(model, &existing, MissingAnswers::UseDefaults)
                            .map(Some)
                    });
                match kept {
                    Ok(answers) => answers,
                    Err(_) if args.force => {
                        eprintln!(
                            "pick-stack: note: {} holds no answers to these questions; --force replaces it",
                            crate::untrusted::path(&path)
                        );
                        None
                    }
                    Err(err) => return Err(err.into()),
                }
            }
            None => None,
        };
        let mut answers = match kept {
            Some(answers) => Some(answers),
            None if asked_here => {
                eprintln!(
                    "{} holds no answers yet; the questions follow, so that `advise --answers` has them.",
                    crate::untrusted::path(&path)
                );
                Some(
                    prompt::ask(&model.for_people(), "Looks right — save them")
                        .context("asking the questions")?,
                )
            }
            None => None,
        };
        let mut content = Vec::new();
        match &mut answers {
            Some(answers) => {
                answers.explicit_weights = Some(explicit.clone());
                report::answers_file::write(
                    &mut content,
                    model,
                    answers,
                    "pick-stack answers, with weights from `pick-stack weigh`.",
                )?;
            }
            None => report::answers_file::write_weights_only(
                &mut content,
                model,
                &explicit,
                "pick-stack weights from `pick-stack weigh`; no question is answered yet.",
            )?,
        }
        files.push(Output {
            note: format!(
                "Weights saved to {}; use it with `pick-stack advise --answers {}`.",
                crate::untrusted::path(&path),
                crate::untrusted::escaped(&crate::shell::quoted(&path.display().to_string()))
            ),
            request,
            content,
        });
    }
    deliver(&files, |out| report::write(out, format, &document, layout))
}

/// A method that cannot use the data is an input problem: name the score.
pub(crate) fn method_problem(model: &Model, err: &MethodError) -> InputError {
    let message = match err {
        // The score the method saw: an answer may have replaced the file's.
        MethodError::NonPositiveScore {
            criterion,
            alternative,
            score,
        } => format!(
            "criterion `{}` scores {} for {}: {err}; use --method wsm or topsis, or raise the score",
            shown(&model.criteria[*criterion].id),
            crate::magnitude::text(*score),
            shown(&model.alternatives[*alternative].name),
        ),
        MethodError::NotFinite { alternative } => {
            format!("{}: {err}", shown(&model.alternatives[*alternative].name))
        }
    };
    let option = match err {
        MethodError::NonPositiveScore { .. } => "--method wpm",
        MethodError::NotFinite { .. } => "--method",
    };
    Problem::in_file(option, message).into()
}

/// Where the answers come from: a named file, standard input when it is not
/// a terminal (so a pipeline never waits for a keyboard), or the prompt.
fn gather_answers(model: &Model, args: &AdviseArgs) -> anyhow::Result<Answers> {
    let missing = if args.defaults {
        MissingAnswers::UseDefaults
    } else {
        MissingAnswers::Reject
    };
    let source = match args.answers.first() {
        Some(path) if path.as_os_str() == "-" => {
            SourceFile::read_stdin().map_err(InputError::from)?
        }
        Some(path) => SourceFile::read_option(path, "--answers").map_err(InputError::from)?,
        None if !io::stdin().is_terminal() => SourceFile::read_stdin().map_err(InputError::from)?,
        None if args.defaults => return Ok(Answers::defaults(model)),
        None => {
            return prompt::ask(&model.for_people(), "Looks right — show the verdict")
                .context("asking the questions");
        }
    };
    Ok(Answers::from_source(model, &source, missing)?)
}

/// How wide `matrix` lays out its table when piped with no `COLUMNS`.
const PIPED_MATRIX_WIDTH: u16 = 100;

/// Tables fit the terminal when standard output is one; otherwise (a pipe or
/// a file) they are laid out at `COLUMNS` characters when it is set (0:
/// natural width), else at `piped_width`, else at natural width. Colour
/// follows `--color`, then `NO_COLOR`, then `CLICOLOR_FORCE`, then whether
/// standard output is a terminal; JSON and CSV never have it.
fn output_layout(format: Format, color: ColorChoice, piped_width: Option<u16>) -> Layout {
    let terminal = io::stdout().is_terminal();
    let width = if terminal {
        crossterm::terminal::size().ok().map(|(columns, _)| columns)
    } else {
        match std::env::var("COLUMNS") {
            Ok(columns) => columns.trim().parse().ok(),
            Err(_) => piped_width,
        }
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
    use super::{civil_from_days, resolve_alternative};
    use crate::model::Alternative;

    /// Two alternatives whose id and name match one value: the gate names
    /// both and passes for neither. Loading refuses such criteria; this is
    /// the gate's own guard, for a model made some other way.
    #[test]
    fn an_expectation_that_could_mean_two_alternatives_is_refused() {
        let mut model = crate::engine::tests::model();
        let alternative = |id: &str, name: &str| Alternative {
            id: id.into(),
            name: name.into(),
            note: None,
        };
        model.alternatives = vec![alternative("x", "NODE"), alternative("node", "Node.js")];
        let err = resolve_alternative(&model, "node").unwrap_err().to_string();
        assert_eq!(
            err,
            "--expect: `node` could mean NODE (id `x`) or Node.js (id `node`); a gate must name one alternative: give the alternatives ids and names no other's matches"
        );
        assert_eq!(resolve_alternative(&model, "Node.JS").unwrap(), 1);
        assert_eq!(resolve_alternative(&model, "Ｘ").unwrap(), 0);
        assert!(resolve_alternative(&model, "python").is_err());
    }

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        // 2026-11-26 is day 20 783.
        assert_eq!(civil_from_days(20_783), (2026, 11, 26));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
