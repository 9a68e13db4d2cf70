//! The command line, and nothing else: clap definitions whose doc comments
//! are the help text.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::exit_code;
use crate::report::Format;

/// Advises a team choosing between Node.js and Python for a new project.
///
/// Asks about the project's needs, weighs nine comparison criteria plus
/// use-case fit, and prints a weighted table with the verdict and how firm it is.
#[derive(Debug, Parser)]
#[command(name = "pick-stack", version, after_help = exit_code::HELP_TABLE)]
pub struct Cli {
    /// Criteria file or folder of YAML files to use instead of the embedded
    /// criteria. An empty PICK_STACK_CRITERIA counts as unset.
    // An empty value must get past clap (PathBuf's own parser refuses it)
    // so that `parse` can tell an empty variable from an empty argument.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = CRITERIA_VARIABLE,
        value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from)
    )]
    pub criteria: Option<PathBuf>,

    /// Output format: a table for the terminal, JSON for programs, Markdown
    /// for pull requests and job summaries, CSV for spreadsheets, HTML for
    /// a page to share (advise, matrix).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour the output: `auto` colours a terminal unless NO_COLOR
    /// is set (CLICOLOR_FORCE forces it); JSON and CSV are never coloured.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,

    /// Whether `--format` was given on the command line: `completions` and
    /// `man` print one fixed format and refuse it rather than ignore it.
    #[arg(skip)]
    pub format_given: bool,
}

/// The environment variable that names criteria when `--criteria` does not.
pub const CRITERIA_VARIABLE: &str = "PICK_STACK_CRITERIA";

impl Cli {
    /// The command line, with an empty `PICK_STACK_CRITERIA` taken as unset
    /// (as `export PICK_STACK_CRITERIA=` means to a shell user). An empty
    /// `--criteria ""` stays, and is refused when read: given on purpose,
    /// it most likely is a script's variable that came out empty.
    pub fn parse_args() -> Self {
        let matches = Self::command()
            .try_get_matches()
            .unwrap_or_else(|err| exit_for_usage(err));
        let mut cli = Self::from_arg_matches(&matches).unwrap_or_else(|err| exit_for_usage(err));
        cli.format_given =
            matches.value_source("format") == Some(clap::parser::ValueSource::CommandLine);
        let from_environment =
            matches.value_source("criteria") == Some(clap::parser::ValueSource::EnvVariable);
        if from_environment
            && cli
                .criteria
                .as_ref()
                .is_some_and(|path| path.as_os_str().is_empty())
        {
            cli.criteria = None;
        }
        cli
    }
}

/// Ends the run for a usage error, or prints help or the version. clap
/// quotes the argument it refuses (`--format '<value>'`), and an argument
/// can hold escape sequences like any file: the message is shown without
/// clap's colours, each line escaped and long values cut, like every other
/// message. Help and the version are pick-stack's own text.
fn exit_for_usage(err: clap::Error) -> ! {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        err.exit();
    }
    let message = crate::problem::bounded(err.render().to_string());
    let lines: Vec<_> = message.lines().map(crate::untrusted::escaped).collect();
    eprintln!("{}", lines.join("\n"));
    std::process::exit(err.exit_code());
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask about the project and print the weighted recommendation.
    ///
    /// At a terminal, asks each question with arrow-key selection. With
    /// --answers, or when standard input is not a terminal, reads an answers
    /// YAML document instead and asks nothing.
    #[command(after_help = ADVISE_EXAMPLES)]
    Advise(AdviseArgs),
    /// Print the criteria matrix: weights, scores, favoured side and rationale.
    #[command(after_help = MATRIX_EXAMPLES)]
    Matrix,
    /// List the questions with their option ids and defaults.
    #[command(after_help = QUESTIONS_EXAMPLES)]
    Questions(QuestionsArgs),
    /// Derive criteria weights from pairwise comparisons (AHP) and save them
    /// into an answers file that `advise --answers` uses.
    ///
    /// At a terminal, asks which criteria to compare and then each pair on
    /// Saaty's 1-to-9 scale. With --comparisons, or when standard input is
    /// not a terminal, reads the judgements from a comparisons file.
    #[command(after_help = WEIGH_EXAMPLES)]
    Weigh(WeighArgs),
    /// Check criteria and questions without advising, reporting every problem.
    ///
    /// Checks the embedded criteria, or PATH (a file or folder) when given.
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// Print a shell completion script for bash, zsh, fish, PowerShell or elvish.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) for `man -l`: every subcommand and
    /// every flag on one page, and the exit statuses.
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("written").args(["save_answers", "adr"]).multiple(true)))]
pub struct AdviseArgs {
    /// Read answers from this YAML file (`-` for standard input) instead of asking.
    ///
    /// Give it more than once, or give a folder of answers files, for a
    /// team decision: each member's verdict and the team's.
    #[arg(long, value_name = "FILE")]
    pub answers: Vec<PathBuf>,

    /// Answer every question not answered otherwise with its default.
    ///
    /// At a terminal without --answers this asks nothing at all.
    #[arg(long)]
    pub defaults: bool,

    /// Write the answers used to FILE as a commented answers file that --answers accepts.
    ///
    /// FILE is created, or replaces an earlier answers file; any other
    /// regular file needs --force. Written with the report and --adr, all
    /// or none.
    #[arg(long, value_name = "FILE")]
    pub save_answers: Option<PathBuf>,

    /// How to combine weights and scores (default: wsm).
    ///
    /// Given explicitly, it is also the only method the uncertainty
    /// analysis samples; otherwise that samples all three.
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,

    /// Weightings the uncertainty analysis samples (default: 10000, fewer
    /// for a large criteria file; 0 turns the analysis off; at most
    /// 10000000, which takes seconds on the embedded criteria).
    #[arg(long, value_name = "N", value_parser = parse_samples)]
    pub samples: Option<usize>,

    /// Seed of the uncertainty analysis's samples: the same seed, the same figures.
    #[arg(long, value_name = "N", default_value_t = crate::engine::uncertainty::DEFAULT_SEED)]
    pub seed: u64,

    /// How far each sampled weight may move from the answers': a factor F
    /// (within ×F and ÷F, log-uniformly; default 2), or `any` for every
    /// weighting of the weighted criteria alike.
    #[arg(long, value_name = "F|any", value_parser = weights_spread)]
    pub weights_spread: Option<crate::engine::uncertainty::Spread>,

    /// Which scores to weigh: the comparison article's verdicts revised
    /// where current facts differ (each revision dated), or the article's
    /// verdicts as published.
    #[arg(long, value_enum, default_value_t = EvidenceArg::Current, value_name = "LAYER")]
    pub evidence: EvidenceArg,

    /// Show every figure behind the verdict: weights answer by answer,
    /// contributions, rationale, sensitivity.
    #[arg(long)]
    pub explain: bool,

    /// Exit with status 3 unless ALT (an alternative's id or name) wins.
    #[arg(long, value_name = "ALT")]
    pub expect: Option<String>,

    /// Exit with status 3 when the verdict is a tie or a close call.
    #[arg(long)]
    pub require_decisive: bool,

    /// Also write an Architecture Decision Record (MADR layout) to FILE.
    ///
    /// Folders missing on the way to FILE are created. An existing FILE is
    /// replaced only with --force.
    #[arg(long, value_name = "FILE")]
    pub adr: Option<PathBuf>,

    /// Let --adr replace an existing file, and --save-answers replace a
    /// file that is not a pick-stack answers file. Neither replaces a
    /// read-only file or anything but a regular file.
    #[arg(long, requires = "written")]
    pub force: bool,
}

fn weights_spread(text: &str) -> Result<crate::engine::uncertainty::Spread, String> {
    use crate::engine::uncertainty::Spread;
    if text.eq_ignore_ascii_case("any") {
        return Ok(Spread::Any);
    }
    match text.parse::<f64>() {
        Ok(factor) if factor.is_finite() && factor >= 1.0 => Ok(Spread::Factor(factor)),
        _ => Err(
            "expected a factor of 1 or more (2 lets each weight halve or double), or `any`"
                .to_owned(),
        ),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvidenceArg {
    /// The article's scores, revised where current facts differ (default).
    Current,
    /// The article's scores as published.
    Article,
}

impl From<EvidenceArg> for crate::model::Evidence {
    fn from(evidence: EvidenceArg) -> Self {
        match evidence {
            EvidenceArg::Current => crate::model::Evidence::Current,
            EvidenceArg::Article => crate::model::Evidence::Article,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Weighted sum: points = share × score, added up. Easy to read; a strong
    /// score can make up for a weak one.
    Wsm,
    /// Weighted product: score ^ share, multiplied. Independent of the
    /// scale's units; punishes a weak score more.
    Wpm,
    /// TOPSIS: closeness to the ideal and distance from the worst
    /// (vector normalisation; cost criteria supported).
    Topsis,
}

#[derive(Debug, Args)]
pub struct WeighArgs {
    /// Read judgements from this YAML file (`-` for standard input) instead of asking.
    ///
    /// Give it once per member for a group's weights: the geometric mean
    /// of their judgements, with each member's consistency ratio.
    #[arg(long, value_name = "FILE")]
    pub comparisons: Vec<PathBuf>,

    /// Compare only these criteria (comma-separated ids) instead of choosing from a list.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub only: Option<Vec<String>>,

    /// Save the weights into this answers file, keeping any answers it already has.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,

    /// Let --save replace a file that is not a pick-stack answers file
    /// (starting from the defaults). It never replaces a read-only file or
    /// anything but a regular file.
    #[arg(long, requires = "save")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Criteria file or folder to check (default: the embedded criteria, or --criteria).
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Print a fill-in answers file (every question at its default) instead of the list.
    #[arg(long)]
    pub template: bool,
}

const MATRIX_EXAMPLES: &str = "\
Examples:
  pick-stack matrix                       the matrix as a table
  pick-stack matrix --format markdown     ready to paste into a design doc
  pick-stack matrix --format csv > m.csv  for a spreadsheet";

const QUESTIONS_EXAMPLES: &str = "\
Examples:
  pick-stack questions                           ids, options and defaults
  pick-stack questions --template > answers.yaml an answers file to fill in
  pick-stack questions --format json             for scripts";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  pick-stack completions bash > ~/.local/share/bash-completion/completions/pick-stack
  pick-stack completions zsh > ~/.zfunc/_pick-stack
  pick-stack completions fish > ~/.config/fish/completions/pick-stack.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  pick-stack man > pick-stack.1 && man -l pick-stack.1";

const WEIGH_EXAMPLES: &str = "\
Examples:
  pick-stack weigh --save answers.yaml                        compare at the terminal, save
  pick-stack weigh --only speed,syntax,libraries --save a.yaml compare three criteria
  pick-stack weigh --comparisons judgements.yaml --save a.yaml read judgements from a file

A comparisons file lists each pair once; 3 means the first is moderately more
important, 1/3 the reverse:
  comparisons:
    - [speed, syntax, 3]
    - [speed, libraries, 5]
    - [syntax, libraries, 2]";

const VALIDATE_EXAMPLES: &str = "\
Examples:
  pick-stack validate                     check the embedded criteria
  pick-stack validate criteria/           check a folder of criteria files
  pick-stack validate my-criteria.yaml    check one file
  pick-stack validate --format json       problems as JSON";

const ADVISE_EXAMPLES: &str = "\
Examples:
  pick-stack advise                                  ask at the terminal
  pick-stack advise --save-answers answers.yaml      ask, and keep the answers for CI
  pick-stack advise < answers.yaml                   read answers from standard input
  pick-stack advise --answers answers.yaml           read answers from a file
  pick-stack advise --defaults                       take every default
  pick-stack advise --answers a.yaml --explain       show every figure behind the verdict
  pick-stack advise --answers a.yaml --method topsis rank by closeness to the ideal
  pick-stack advise --answers a.yaml --evidence article   weigh the article's verdicts as published
  pick-stack advise --answers a.yaml --expect node   fail (exit 3) unless Node.js wins
  pick-stack advise --answers a.yaml --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  pick-stack advise --answers a.yaml --format html > report.html   a page to share, with charts
  pick-stack advise --answers a.yaml --adr docs/adr/0001-stack.md   write a decision record, charts beside it
  pick-stack advise --answers alice.yaml --answers bob.yaml   decide as a team
  pick-stack advise --answers team/                  decide as a team, one answers file each";

/// The most samples `--samples` takes: a count past it would keep the run
/// going for minutes to hours, which a typo should not do.
pub const MAX_SAMPLES: usize = 10_000_000;

fn parse_samples(text: &str) -> Result<usize, String> {
    let samples: usize = text
        .parse()
        .map_err(|_| "expected a whole number of samples, 0 or more".to_owned())?;
    if samples > MAX_SAMPLES {
        return Err(format!(
            "at most {MAX_SAMPLES} samples (10,000 is the default and plenty)"
        ));
    }
    Ok(samples)
}
