//! Hostile input, every file through every path that reads a user file.
//!
//! The corpus is every file in `tests/corpus/` (see its README) plus inputs
//! that are awkward to commit, generated here: invalid UTF-8, binary and NUL
//! bytes, 10,000-deep nesting, a 1 MB line, string alias bombs, a 50 MB file,
//! a directory, a missing file, an unreadable one, a FIFO, a link to a FIFO
//! and a link to a device. Each goes through:
//!
//! - (a) `--criteria FILE matrix`
//! - (b) `--criteria DIR matrix`, DIR holding only the file as `x.yaml`
//! - (c) `validate FILE`
//! - (d) `advise --answers FILE`
//! - (e) `advise < FILE` and `advise --answers - < FILE`
//! - (f) `weigh --comparisons FILE`
//! - (g) `PICK_STACK_CRITERIA=FILE matrix`
//!
//! Every run must exit 2 (not be killed), print nothing on standard output,
//! never panic, name the file on every line of standard error, finish within
//! [`TIME_LIMIT`] and within [`ADDRESS_SPACE_KIB`] of address space (the
//! binary runs under `ulimit -v`, so a run that wants more fails instead of
//! taking the machine with it). What each file must say beyond that is data:
//! [`EXPECTED`] per file and grammar, [`EXCEPTIONS`] per file and route, and
//! for files in neither the rule of the name (`located_` files must report
//! `NAME:LINE:COLUMN:` on every route). A file that starts with a byte-order
//! mark must also behave exactly as the same file without it.
//!
//! Each route is its own test so a failure names the route; each test runs
//! the whole corpus and reports every failing case at once, with the command
//! that reproduces it.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use pick_stack::source::MAX_INPUT_BYTES;

/// A run still going after this is killed: it has hung.
const TIMEOUT: Duration = Duration::from_secs(120);
/// A run that takes longer than this fails even when it ends well. Far
/// above the few seconds a 16 MiB file takes in a debug build, so that a
/// busy two-core CI machine (where 20 s was seen) does not fail it, and far
/// below what anything quadratic in a 16 MiB file would take; speed itself
/// is measured by the benchmarks (BENCHMARKS.md), not here.
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// `ulimit -v` for every run: about 2 GB of address space.
const ADDRESS_SPACE_KIB: u64 = 2_000_000;
/// The unprivileged user that cannot read an unreadable file (root can).
const NOBODY: &str = "65534";
const BOM: &str = "\u{feff}";
const MIB: usize = 1024 * 1024;

// ---------------------------------------------------------------------------
// Routes and expectations
// ---------------------------------------------------------------------------

/// One way pick-stack reads a user file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    CriteriaFile,
    CriteriaFolder,
    Validate,
    AnswersFile,
    AnswersStdin,
    AnswersDash,
    ComparisonsFile,
    CriteriaEnv,
}

/// What the file is read as, which decides the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grammar {
    Criteria,
    Answers,
    Comparisons,
}

impl Route {
    const ALL: [Route; 8] = [
        Route::CriteriaFile,
        Route::CriteriaFolder,
        Route::Validate,
        Route::AnswersFile,
        Route::AnswersStdin,
        Route::AnswersDash,
        Route::ComparisonsFile,
        Route::CriteriaEnv,
    ];

    fn label(self) -> &'static str {
        match self {
            Route::CriteriaFile => "(a) --criteria FILE matrix",
            Route::CriteriaFolder => "(b) --criteria DIR matrix",
            Route::Validate => "(c) validate FILE",
            Route::AnswersFile => "(d) advise --answers FILE",
            Route::AnswersStdin => "(e) advise < FILE",
            Route::AnswersDash => "(e) advise --answers - < FILE",
            Route::ComparisonsFile => "(f) weigh --comparisons FILE",
            Route::CriteriaEnv => "(g) PICK_STACK_CRITERIA=FILE matrix",
        }
    }

    fn grammar(self) -> Grammar {
        match self {
            Route::CriteriaFile | Route::CriteriaFolder | Route::Validate | Route::CriteriaEnv => {
                Grammar::Criteria
            }
            Route::AnswersFile | Route::AnswersStdin | Route::AnswersDash => Grammar::Answers,
            Route::ComparisonsFile => Grammar::Comparisons,
        }
    }

    fn reads_stdin(self) -> bool {
        matches!(self, Route::AnswersStdin | Route::AnswersDash)
    }

    /// The name pick-stack must use for `file` on this route.
    fn shown_name(self, file: &str) -> String {
        match self {
            Route::CriteriaFolder => format!("{}/x.yaml", folder_for(file)),
            Route::AnswersStdin | Route::AnswersDash => "<stdin>".to_owned(),
            _ => file.to_owned(),
        }
    }

    /// pick-stack's arguments (and environment) for `path`, relative to the
    /// folder it runs in.
    fn args(self, path: &str) -> (Vec<String>, Option<(&'static str, String)>) {
        let args = |list: &[&str]| list.iter().map(|arg| (*arg).to_owned()).collect();
        match self {
            Route::CriteriaFile | Route::CriteriaFolder => {
                (args(&["--criteria", path, "matrix"]), None)
            }
            Route::Validate => (args(&["validate", path]), None),
            Route::AnswersFile => (args(&["advise", "--answers", path]), None),
            Route::AnswersStdin => (args(&["advise"]), None),
            Route::AnswersDash => (args(&["advise", "--answers", "-"]), None),
            Route::ComparisonsFile => (args(&["weigh", "--comparisons", path]), None),
            Route::CriteriaEnv => (
                args(&["matrix"]),
                Some(("PICK_STACK_CRITERIA", path.to_owned())),
            ),
        }
    }
}

/// The folder that holds `file` (as `x.yaml`) for route (b).
fn folder_for(file: &str) -> String {
    format!("{file}.d")
}

/// What a run must say about the file, beyond the contract every run keeps.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// A line `NAME:LINE:COLUMN: ` containing the fragment.
    At(usize, usize, &'static str),
    /// Some line `NAME:LINE:COLUMN: `, wherever it points.
    Located,
    /// Some line `NAME:LINE:COLUMN: ` containing the fragment: for what the
    /// YAML screen refuses before any field is read (aliases, tags, deep
    /// nesting), the same on every route.
    LocatedWith(&'static str),
    /// A line `NAME: ` containing the fragment, and no line or column on any line.
    Unlocated(&'static str),
    /// As `Unlocated`, but naming the folder of route (b) rather than the
    /// file in it (which is not a file).
    FolderUnlocated(&'static str),
    /// Only the contract.
    Contract,
    /// The route cannot be set up for this file; why.
    NotApplicable(&'static str),
}

impl Want {
    fn is_located(self) -> bool {
        matches!(self, Want::At(..) | Want::Located | Want::LocatedWith(_))
    }
}

/// What one corpus file must produce when read as each grammar: criteria
/// (routes a, b, c, g), answers (d, e) and comparisons (f).
struct Expect {
    file: &'static str,
    criteria: Want,
    answers: Want,
    comparisons: Want,
}

const fn expect(file: &'static str, criteria: Want, answers: Want, comparisons: Want) -> Expect {
    Expect {
        file,
        criteria,
        answers,
        comparisons,
    }
}

const fn everywhere(file: &'static str, want: Want) -> Expect {
    expect(file, want, want, want)
}

/// The top-level key `answers:` read as criteria, or as comparisons.
const ANSWERS_AS_CRITERIA: &str = "unknown field `answers`; valid fields: scale, evidence, alternatives, criteria, groups, questions";
const ANSWERS_AS_COMPARISONS: &str = "unknown field `answers`; valid fields: comparisons";
/// The top-level key `scale:` read as answers, or as comparisons.
const SCALE_AS_ANSWERS: &str = "unknown field `scale`; valid fields: answers, weights";
const SCALE_AS_COMPARISONS: &str = "unknown field `scale`; valid fields: comparisons";
const CRITERIA_AS_ANSWERS: &str = "unknown field `criteria`; valid fields: answers, weights";
const CRITERIA_AS_COMPARISONS: &str = "unknown field `criteria`; valid fields: comparisons";
const COMPARISONS_AS_CRITERIA: &str = "unknown field `comparisons`; valid fields: scale, evidence";
const COMPARISONS_AS_ANSWERS: &str = "unknown field `comparisons`; valid fields: answers, weights";

/// An answers-shaped file whose first key is on `line`: the answers
/// grammar must say `answers`; the others reject the key `answers` there.
const fn answers_file(file: &'static str, line: usize, answers: Want) -> Expect {
    expect(
        file,
        Want::At(line, 1, ANSWERS_AS_CRITERIA),
        answers,
        Want::At(line, 1, ANSWERS_AS_COMPARISONS),
    )
}

/// A criteria-shaped file whose first key, `scale:`, is on `line`.
const fn criteria_file(file: &'static str, line: usize, criteria: Want) -> Expect {
    expect(
        file,
        criteria,
        Want::At(line, 1, SCALE_AS_ANSWERS),
        Want::At(line, 1, SCALE_AS_COMPARISONS),
    )
}

/// A comparisons-shaped file whose first key is on `line`.
const fn comparisons_file(file: &'static str, line: usize, comparisons: Want) -> Expect {
    expect(
        file,
        Want::At(line, 1, COMPARISONS_AS_CRITERIA),
        Want::At(line, 1, COMPARISONS_AS_ANSWERS),
        comparisons,
    )
}

const SIZE_MESSAGE: &str = "is larger than the 16 MiB limit for input files";

/// What every corpus file must say, read as each grammar. Lines and columns
/// were worked out from the files (1-based, columns in characters).
const EXPECTED: &[Expect] = &[
    // Files that hold no document at all.
    expect(
        "empty.yaml",
        Want::Unlocated("no `scale` section"),
        Want::Unlocated("no answers given"),
        Want::Unlocated("no `comparisons`"),
    ),
    expect(
        "comments_only.yaml",
        Want::Unlocated("no `scale` section"),
        Want::Unlocated("no answers given"),
        Want::Unlocated("no `comparisons`"),
    ),
    // Malformed YAML.
    answers_file(
        "located_syntax_unclosed_flow_mapping.yaml",
        2,
        Want::At(
            3,
            1,
            "did not find expected ',' or '}', while parsing a flow mapping at line 2 column 10",
        ),
    ),
    criteria_file(
        "located_syntax_unclosed_flow_sequence.yaml",
        2,
        Want::At(
            4,
            1,
            "did not find expected ',' or ']', while parsing a flow sequence at line 3 column 15",
        ),
    ),
    everywhere(
        "located_syntax_wrong_closing_bracket.yaml",
        Want::At(3, 1, "did not find expected node content"),
    ),
    answers_file(
        "located_syntax_bad_indentation.yaml",
        2,
        Want::At(4, 12, "mapping values are not allowed in this context"),
    ),
    criteria_file(
        "located_syntax_bad_indentation_criteria.yaml",
        2,
        Want::Located,
    ),
    answers_file(
        "located_syntax_tab_indentation.yaml",
        2,
        Want::At(3, 1, "found character that cannot start any token"),
    ),
    everywhere(
        "located_syntax_tab_at_start.yaml",
        Want::At(1, 1, "found character that cannot start any token"),
    ),
    answers_file(
        "located_syntax_unterminated_double_quote.yaml",
        2,
        Want::At(
            5,
            1,
            "found unexpected end of stream, while scanning a quoted scalar at line 3 column 13",
        ),
    ),
    everywhere(
        "located_syntax_unterminated_single_quote.yaml",
        Want::At(
            3,
            1,
            "found unexpected end of stream, while scanning a quoted scalar",
        ),
    ),
    answers_file(
        "located_syntax_stray_colon.yaml",
        2,
        Want::At(3, 20, "mapping values are not allowed in this context"),
    ),
    everywhere(
        "located_syntax_stray_colon_at_start.yaml",
        Want::At(1, 1, "did not find expected key"),
    ),
    everywhere(
        "located_syntax_undefined_alias.yaml",
        Want::At(1, 1, "unknown anchor"),
    ),
    everywhere("located_syntax_duplicate_directive.yaml", Want::Located),
    // `{}` then a stray `}`: a syntax error on line 2.
    everywhere("located_syntax_garbage_after_document.yaml", Want::Located),
    // The second `---` is on line 4.
    everywhere("located_multiple_documents.yaml", Want::Located),
    // Wrong types.
    criteria_file(
        "located_type_string_for_number.yaml",
        1,
        Want::At(
            1,
            22,
            "scale.max: expected a number, found the text \"ten\"",
        ),
    ),
    expect(
        "located_type_map_for_list.yaml",
        Want::At(1, 11, "criteria: expected a list, found a mapping"),
        Want::At(1, 1, CRITERIA_AS_ANSWERS),
        Want::At(1, 1, CRITERIA_AS_COMPARISONS),
    ),
    answers_file(
        "located_type_list_for_map.yaml",
        1,
        Want::At(1, 10, "answers: expected a mapping, found a list"),
    ),
    answers_file(
        "located_type_number_for_string.yaml",
        1,
        Want::At(2, 13, "answers.workload: unknown option `1.5`"),
    ),
    comparisons_file(
        "located_type_null_for_list.yaml",
        1,
        Want::At(
            1,
            14,
            "comparisons: expected a list, found nothing (an empty value)",
        ),
    ),
    everywhere(
        "located_type_scalar_document.yaml",
        // Not a pick-stack file at all: said so, its content not quoted.
        Want::At(
            1,
            1,
            "not a pick-stack file: the whole document is a string,",
        ),
    ),
    everywhere(
        "located_type_sequence_document.yaml",
        Want::At(1, 1, "not a pick-stack file: the whole document is a list,"),
    ),
    everywhere(
        "located_type_complex_key.yaml",
        Want::At(1, 3, "expected a name, found a list"),
    ),
    everywhere(
        "located_type_recursive_alias.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    // Unknown keys.
    expect(
        "located_unknown_key_top_level.yaml",
        Want::At(1, 1, "unknown field `anwsers`; valid fields: scale"),
        Want::At(
            1,
            1,
            "unknown field `anwsers`; did you mean `answers`? valid fields: answers, weights",
        ),
        Want::At(1, 1, "unknown field `anwsers`; valid fields: comparisons"),
    ),
    criteria_file(
        "located_unknown_key_nested.yaml",
        1,
        Want::At(
            6,
            5,
            "criteria[0]: unknown field `wieght`; did you mean `weight`? valid fields:",
        ),
    ),
    answers_file(
        "located_unknown_key_in_weights.yaml",
        1,
        Want::At(
            5,
            3,
            "weights: unknown field `valuse`; did you mean `values`? valid fields: from, values",
        ),
    ),
    // Duplicate keys point at the second occurrence; duplicate ids at the second id.
    answers_file(
        "located_duplicate_key_top_level.yaml",
        1,
        Want::At(3, 1, "duplicate field `answers`"),
    ),
    criteria_file(
        "located_duplicate_key_struct_field.yaml",
        1,
        Want::At(1, 26, "scale: duplicate field `min`"),
    ),
    answers_file(
        "located_duplicate_key_answers.yaml",
        1,
        Want::At(3, 3, "answers: duplicate key `workload`"),
    ),
    criteria_file(
        "located_duplicate_ids.yaml",
        1,
        Want::At(4, 10, "alternatives[1].id: duplicate alternative id `node`"),
    ),
    comparisons_file(
        "located_duplicate_comparison.yaml",
        1,
        Want::At(
            3,
            5,
            "comparisons[1]: `syntax` and `speed` are already compared at comparisons[0]",
        ),
    ),
    // Alias bombs (nine levels of nine aliases), each refused before any alias is expanded.
    everywhere(
        "located_alias_bomb_top_level.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere(
        "located_alias_bomb_in_alternatives.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere(
        "located_alias_bomb_in_criteria.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere(
        "located_alias_bomb_in_answers.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere(
        "located_alias_bomb_in_comparisons.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    // Aliases whose every copy is well typed: the expansion reaches the checks.
    everywhere(
        "located_alias_expansion_in_questions.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    // Numbers that are not usable weights, scores or judgements.
    criteria_file(
        "located_number_nan_weight.yaml",
        1,
        Want::At(
            6,
            13,
            "criteria[0].weight: weight must be a finite number, 0 or more (got NaN)",
        ),
    ),
    criteria_file(
        "located_number_inf_score.yaml",
        1,
        Want::At(
            8,
            21,
            "criteria[0].ratings.node.score: score inf is outside the scale 0 to 10",
        ),
    ),
    criteria_file(
        "located_number_negative_weight.yaml",
        1,
        Want::At(
            6,
            13,
            "criteria[0].weight: weight must be a finite number, 0 or more (got -1)",
        ),
    ),
    criteria_file(
        "located_number_huge_weight.yaml",
        1,
        Want::At(6, 13, "criteria[0].weight: "),
    ),
    answers_file(
        "located_number_nan_explicit_weight.yaml",
        1,
        Want::At(
            5,
            19,
            "weights.values.speed: weight must be a finite number, 0 or more (got NaN)",
        ),
    ),
    answers_file(
        "located_number_negative_inf_explicit_weight.yaml",
        1,
        Want::At(
            5,
            19,
            "weights.values.speed: weight must be a finite number, 0 or more (got -inf)",
        ),
    ),
    comparisons_file(
        "located_number_huge_comparison.yaml",
        1,
        Want::At(2, 21, "comparisons[0][2]: inf is outside Saaty's scale"),
    ),
    comparisons_file(
        "located_number_nan_comparison.yaml",
        1,
        Want::At(2, 21, "comparisons[0][2]: NaN is outside Saaty's scale"),
    ),
    // Well typed down to the deepest field the format has, wrong only there.
    criteria_file(
        "located_deep_valid_types.yaml",
        1,
        Want::At(
            19,
            19,
            "questions[0].options[0].set_scores.speed.node: score inf is outside the scale 0 to 10",
        ),
    ),
    // A byte-order mark must not shift a location.
    answers_file(
        "located_bom_unclosed_flow.yaml",
        1,
        Want::At(
            2,
            1,
            "did not find expected ',' or '}', while parsing a flow mapping at line 1 column 10",
        ),
    ),
    answers_file(
        "located_bom_unknown_question.yaml",
        1,
        Want::At(
            2,
            3,
            "answers.wrkload: unknown question `wrkload`; did you mean `workload`?",
        ),
    ),
    // Tags: `!!binary` is not decoded into an option id; a tag nothing
    // defines, or `!!int` on text, must not be silently dropped.
    everywhere("located_tag_binary.yaml", Want::LocatedWith("YAML tags")),
    everywhere(
        "located_tag_custom_answers.yaml",
        Want::LocatedWith("YAML tags"),
    ),
    everywhere(
        "located_tag_int_on_text.yaml",
        Want::LocatedWith("YAML tags"),
    ),
    everywhere(
        "located_tag_custom_criteria.yaml",
        Want::LocatedWith("YAML tags"),
    ),
    // Line endings and multi-byte characters.
    answers_file(
        "located_crlf_line_endings.yaml",
        1,
        Want::At(3, 3, "answers.wrkload: unknown question `wrkload`"),
    ),
    answers_file(
        "located_unicode_columns.yaml",
        1,
        Want::At(
            1,
            22,
            "answers.wörkload: unknown question `wörkload`; did you mean `workload`?",
        ),
    ),
    // Generated by `generated()`.
    everywhere(
        "located_invalid_utf8.yaml",
        Want::At(2, 18, "is not valid UTF-8 text"),
    ),
    // Only `\n` ends a line here; the first byte that is not UTF-8 is 0x80.
    everywhere(
        "located_binary.yaml",
        Want::At(2, 118, "is not valid UTF-8 text"),
    ),
    // The NUL is byte 25: line 2, after `  workload: web`.
    everywhere(
        "located_nul_bytes.yaml",
        Want::At(2, 16, "control characters are not allowed"),
    ),
    everywhere(
        "located_deep_nesting_sequences.yaml",
        Want::LocatedWith("nesting"),
    ),
    everywhere(
        "located_deep_nesting_mappings.yaml",
        Want::LocatedWith("nesting"),
    ),
    everywhere(
        "located_deep_nesting_block.yaml",
        Want::LocatedWith("nesting"),
    ),
    everywhere(
        "located_deep_nesting_in_criteria.yaml",
        Want::LocatedWith("nesting"),
    ),
    everywhere(
        "located_deep_nesting_in_answers.yaml",
        Want::LocatedWith("nesting"),
    ),
    // `{`, 2^20 spaces, `]`.
    everywhere(
        "located_long_line.yaml",
        Want::At(1, 1_048_578, "did not find expected node content"),
    ),
    everywhere(
        "alias_bomb_strings_in_answers.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere(
        "alias_bomb_strings_in_alternatives.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere(
        "alias_bomb_strings_in_comparisons.yaml",
        Want::LocatedWith("YAML aliases"),
    ),
    everywhere("oversize_50mb.yaml", Want::Unlocated(SIZE_MESSAGE)),
    expect(
        "directory.yaml",
        Want::Unlocated("folder has no .yaml, .yml or .json files"),
        // A folder of answers files is a team's: this one has none.
        Want::Unlocated("is a folder with no .yaml or .yml answers file in it"),
        Want::Unlocated("is a directory, expected a YAML file"),
    ),
    expect(
        "missing.yaml",
        Want::Unlocated("no such file or folder"),
        Want::Unlocated("no such file"),
        Want::Unlocated("no such file"),
    ),
    everywhere("unreadable.yaml", Want::Unlocated("permission denied")),
    everywhere("fifo.yaml", Want::Unlocated(FIFO_MESSAGE)),
    everywhere("link_to_fifo.yaml", Want::Unlocated(FIFO_MESSAGE)),
    everywhere(
        "link_to_device.yaml",
        Want::Unlocated("is a character device, not a regular file"),
    ),
];

/// What a FIFO named by its path gets: opening it would wait for a writer.
const FIFO_MESSAGE: &str = "is a named pipe (FIFO), not a regular file";

const FIFO_ON_STDIN: &str =
    "the shell waits to open a FIFO nobody writes to, so pick-stack never starts";

const NOT_REDIRECTABLE: &str =
    "the shell cannot open the file to redirect it, so pick-stack never starts";

/// Routes on which a file must say something other than its grammar's row.
const EXCEPTIONS: &[(&str, Route, Want)] = &[
    // Route (b)'s folder holds a folder called x.yaml, which is skipped, so
    // the folder has no YAML files.
    (
        "directory.yaml",
        Route::CriteriaFolder,
        Want::FolderUnlocated("folder has no .yaml, .yml or .json files"),
    ),
    (
        "directory.yaml",
        Route::AnswersStdin,
        Want::Unlocated("cannot be read: Is a directory"),
    ),
    (
        "directory.yaml",
        Route::AnswersDash,
        Want::Unlocated("cannot be read: Is a directory"),
    ),
    // Route (b)'s folder holds x.yaml as a link to nothing.
    (
        "missing.yaml",
        Route::CriteriaFolder,
        Want::Unlocated("no such file"),
    ),
    (
        "missing.yaml",
        Route::AnswersStdin,
        Want::NotApplicable(NOT_REDIRECTABLE),
    ),
    (
        "missing.yaml",
        Route::AnswersDash,
        Want::NotApplicable(NOT_REDIRECTABLE),
    ),
    (
        "unreadable.yaml",
        Route::AnswersStdin,
        Want::NotApplicable(NOT_REDIRECTABLE),
    ),
    (
        "unreadable.yaml",
        Route::AnswersDash,
        Want::NotApplicable(NOT_REDIRECTABLE),
    ),
    (
        "fifo.yaml",
        Route::AnswersStdin,
        Want::NotApplicable(FIFO_ON_STDIN),
    ),
    (
        "fifo.yaml",
        Route::AnswersDash,
        Want::NotApplicable(FIFO_ON_STDIN),
    ),
    (
        "link_to_fifo.yaml",
        Route::AnswersStdin,
        Want::NotApplicable(FIFO_ON_STDIN),
    ),
    (
        "link_to_fifo.yaml",
        Route::AnswersDash,
        Want::NotApplicable(FIFO_ON_STDIN),
    ),
    // In a criteria folder, a link to /dev/zero leads out of the folder,
    // which is refused before its kind matters.
    (
        "link_to_device.yaml",
        Route::CriteriaFolder,
        Want::Unlocated("outside the criteria folder"),
    ),
    // Standard input may be anything: the device is read up to the size
    // limit, as a pipe that never ends would be.
    (
        "link_to_device.yaml",
        Route::AnswersStdin,
        Want::Unlocated(SIZE_MESSAGE),
    ),
    (
        "link_to_device.yaml",
        Route::AnswersDash,
        Want::Unlocated(SIZE_MESSAGE),
    ),
];

/// What `file` must produce on `route`.
fn want(file: &str, route: Route) -> Want {
    if let Some((.., want)) = EXCEPTIONS
        .iter()
        .find(|(name, exception, _)| *name == file && *exception == route)
    {
        return *want;
    }
    match EXPECTED.iter().find(|expect| expect.file == file) {
        Some(expect) => match route.grammar() {
            Grammar::Criteria => expect.criteria,
            Grammar::Answers => expect.answers,
            Grammar::Comparisons => expect.comparisons,
        },
        None if file.starts_with("located_") => Want::Located,
        None => Want::Contract,
    }
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

enum Content {
    Bytes(Vec<u8>),
    Directory,
    Missing,
    /// Bytes in a file nobody but root may read (mode 000).
    Unreadable(Vec<u8>),
    /// A named pipe nobody writes to: opening it for reading waits forever.
    Fifo,
    /// A symbolic link to a FIFO beside it (`target.fifo`, which no route
    /// reads by its name).
    LinkToFifo,
    /// A symbolic link to this path, which is not a regular file.
    LinkTo(&'static str),
}

struct Entry {
    name: String,
    content: Content,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The committed files, in name order.
fn committed() -> Vec<Entry> {
    let mut entries: Vec<Entry> = fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|entry| entry.expect("tests/corpus is readable").path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|name| name != "README.md"))
        .map(|path| Entry {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            content: Content::Bytes(fs::read(&path).expect("corpus file is readable")),
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

/// Inputs that are awkward to commit.
fn generated() -> Vec<Entry> {
    let bytes = |name: &str, bytes: Vec<u8>| Entry {
        name: name.to_owned(),
        content: Content::Bytes(bytes),
    };
    let text = |name: &str, text: String| bytes(name, text.into_bytes());
    let binary: Vec<u8> = (0..16).flat_map(|_| 0..=255u8).collect();
    let string_bomb = |head: &str, repeat: &dyn Fn(usize) -> String| {
        // A 1 MiB string, then 4,000 aliases of it: 4 GiB once expanded.
        let mut text = head.replace("STRING", &format!("&s {}", "x".repeat(MIB)));
        for index in 0..4000 {
            text.push_str(&repeat(index));
        }
        text
    };
    vec![
        bytes(
            "located_invalid_utf8.yaml",
            b"answers:\n  workload: caf\xc3\xa9 \xff\n".to_vec(),
        ),
        bytes("located_binary.yaml", binary),
        bytes(
            "located_nul_bytes.yaml",
            b"answers:\n  workload: web\0api\n".to_vec(),
        ),
        text("located_deep_nesting_sequences.yaml", "[".repeat(10_000)),
        text("located_deep_nesting_mappings.yaml", "{a: ".repeat(10_000)),
        text(
            "located_deep_nesting_block.yaml",
            format!("{}x\n", "- ".repeat(10_000)),
        ),
        text(
            "located_deep_nesting_in_criteria.yaml",
            format!("criteria:\n  {}x\n", "- ".repeat(10_000)),
        ),
        text(
            "located_deep_nesting_in_answers.yaml",
            format!("answers:\n  workload:\n    {}x\n", "- ".repeat(10_000)),
        ),
        text(
            "located_long_line.yaml",
            format!("{{{}]\n", " ".repeat(MIB)),
        ),
        text(
            "alias_bomb_strings_in_answers.yaml",
            string_bomb("answers:\n  workload: STRING\n", &|index| {
                format!("  k{index}: *s\n")
            }),
        ),
        text(
            "alias_bomb_strings_in_alternatives.yaml",
            string_bomb("alternatives:\n  - {id: a, name: STRING}\n", &|index| {
                format!("  - {{id: a{index}, name: *s}}\n")
            }),
        ),
        text(
            "alias_bomb_strings_in_comparisons.yaml",
            string_bomb("comparisons:\n  - [STRING, speed, 3]\n", &|_| {
                "  - [*s, speed, 3]\n".to_owned()
            }),
        ),
        bytes("oversize_50mb.yaml", {
            let mut text = b"answers:\n".to_vec();
            text.resize(50 * 1000 * 1000, b'#');
            text.push(b'\n');
            text
        }),
        Entry {
            name: "directory.yaml".to_owned(),
            content: Content::Directory,
        },
        Entry {
            name: "missing.yaml".to_owned(),
            content: Content::Missing,
        },
        Entry {
            name: "unreadable.yaml".to_owned(),
            content: Content::Unreadable(b"answers:\n  workload: web_app\n".to_vec()),
        },
        Entry {
            name: "fifo.yaml".to_owned(),
            content: Content::Fifo,
        },
        Entry {
            name: "link_to_fifo.yaml".to_owned(),
            content: Content::LinkToFifo,
        },
        Entry {
            name: "link_to_device.yaml".to_owned(),
            content: Content::LinkTo("/dev/zero"),
        },
    ]
}

fn corpus() -> Vec<Entry> {
    let mut entries = committed();
    for entry in generated() {
        assert!(
            entries.iter().all(|committed| committed.name != entry.name),
            "tests/corpus/{} has the name of a generated input",
            entry.name
        );
        entries.push(entry);
    }
    entries
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("set permissions");
}

/// Writes `entry` as `path` (`path` is where pick-stack will be pointed).
fn place(entry: &Entry, path: &Path, strip_bom: bool) {
    match &entry.content {
        Content::Bytes(bytes) => {
            let bytes = if strip_bom {
                bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes)
            } else {
                bytes
            };
            fs::write(path, bytes).expect("write corpus file");
        }
        Content::Directory => fs::create_dir(path).expect("create directory"),
        // A link to nothing, so route (b)'s folder still has an x.yaml.
        Content::Missing => {
            if path.ends_with("x.yaml") {
                symlink("nothing-here.yaml", path).expect("create dangling link");
            }
        }
        Content::Unreadable(bytes) => {
            fs::write(path, bytes).expect("write unreadable file");
            set_mode(path, 0o000);
        }
        Content::Fifo => make_fifo(path),
        Content::LinkToFifo => {
            let target = path.with_file_name(format!(
                "{}.target.fifo",
                path.file_name().unwrap().to_string_lossy()
            ));
            make_fifo(&target);
            symlink(target.file_name().unwrap(), path).expect("create link to a FIFO");
        }
        Content::LinkTo(target) => symlink(target, path).expect("create link"),
    }
}

/// `mkfifo PATH`, through the command, as the tests have no libc of their own.
fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Lays `entry` out in `root` for `route`: `root/NAME`, or for route (b)
/// `root/NAME.d/x.yaml`. Returns the path to give pick-stack, relative to root.
fn lay_out(root: &Path, entry: &Entry, route: Route, strip_bom: bool) -> String {
    if route == Route::CriteriaFolder {
        let folder = folder_for(&entry.name);
        fs::create_dir(root.join(&folder)).expect("create folder");
        set_mode(&root.join(&folder), 0o755);
        place(entry, &root.join(&folder).join("x.yaml"), strip_bom);
        folder
    } else {
        place(entry, &root.join(&entry.name), strip_bom);
        entry.name.clone()
    }
}

fn starts_with_bom(entry: &Entry) -> bool {
    matches!(&entry.content, Content::Bytes(bytes) if bytes.starts_with(BOM.as_bytes()))
}

// ---------------------------------------------------------------------------
// Running pick-stack
// ---------------------------------------------------------------------------

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pick-stack"))
}

fn running_as_root() -> bool {
    let output = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id -u runs");
    String::from_utf8_lossy(&output.stdout).trim() == "0"
}

/// How to run pick-stack as a user that cannot read a mode-000 file: as
/// nobody through setpriv when the tests run as root, else as ourselves.
/// Returns the setpriv prefix and a binary that user may execute.
fn unprivileged(root: &Path) -> (Vec<String>, PathBuf) {
    if !running_as_root() {
        return (Vec::new(), binary());
    }
    let prefix: Vec<String> = [
        "setpriv",
        &format!("--reuid={NOBODY}"),
        &format!("--regid={NOBODY}"),
        "--clear-groups",
    ]
    .iter()
    .map(|arg| (*arg).to_owned())
    .collect();
    let found = std::process::Command::new("setpriv")
        .arg("--version")
        .output();
    assert!(
        found.is_ok_and(|output| output.status.success()),
        "the tests run as root and need setpriv (util-linux) to run pick-stack as nobody"
    );
    let can_execute = |path: &Path| {
        std::process::Command::new(&prefix[0])
            .args(&prefix[1..])
            .args(["sh", "-c", "test -x \"$0\""])
            .arg(path)
            .status()
            .is_ok_and(|status| status.success())
    };
    if can_execute(&binary()) {
        return (prefix, binary());
    }
    let copy = root.join("pick-stack-for-nobody");
    fs::copy(binary(), &copy).expect("copy the binary");
    set_mode(&copy, 0o755);
    assert!(
        can_execute(&copy),
        "nobody cannot execute {}",
        copy.display()
    );
    (prefix, copy)
}

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// A shell command that reproduces the run.
    command: String,
}

fn shell_quote(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./=:,+".contains(c))
    {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// Runs pick-stack in `dir` on `route` for `path` under the address-space
/// limit, as the user `unprivileged` gives when it is given. Standard input is
/// `path` on the standard-input routes, else empty.
fn run(dir: &Path, route: Route, path: &str, unprivileged: Option<&(Vec<String>, PathBuf)>) -> Run {
    let (args, env) = route.args(path);
    let (prefix, program) = match unprivileged {
        Some((prefix, program)) => (prefix.clone(), program.clone()),
        None => (Vec::new(), binary()),
    };
    let limit = format!("ulimit -v {ADDRESS_SPACE_KIB}");
    let mut argv: Vec<String> = prefix;
    argv.push("sh".to_owned());
    argv.push("-c".to_owned());
    if route.reads_stdin() {
        argv.push(format!("{limit}; f=$1; shift; exec \"$0\" \"$@\" < \"$f\""));
        argv.push(program.display().to_string());
        argv.push(path.to_owned());
    } else {
        argv.push(format!("{limit}; exec \"$0\" \"$@\""));
        argv.push(program.display().to_string());
    }
    argv.extend(args);

    let mut cmd = Command::new(&argv[0]);
    cmd.args(argv[1..].iter().map(OsString::from))
        .current_dir(dir)
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("RUST_BACKTRACE")
        .timeout(TIMEOUT)
        .write_stdin("");
    let mut command = format!("cd {} && ", shell_quote(&dir.display().to_string()));
    if let Some((key, value)) = &env {
        cmd.env(key, value);
        let _ = write!(command, "{key}={} ", shell_quote(value));
    }
    command.push_str(
        &argv
            .iter()
            .map(|arg| shell_quote(arg))
            .collect::<Vec<_>>()
            .join(" "),
    );

    let started = Instant::now();
    let output = cmd.output().expect("pick-stack starts");
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
        command,
    }
}

/// At most `limit` characters of `text`, keeping its start and end.
fn excerpt(text: &str, limit: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= limit {
        return text.to_owned();
    }
    let head: String = chars[..limit / 2].iter().collect();
    let tail: String = chars[chars.len() - limit / 2..].iter().collect();
    format!(
        "{head}\n[... {} characters left out ...]\n{tail}",
        chars.len() - limit
    )
}

/// The problem lines of stderr, without the leading `pick-stack: `.
fn problem_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .map(|line| line.strip_prefix("pick-stack: ").unwrap_or(line))
        .collect()
}

/// The `LINE:COLUMN` a problem line puts after `name`, if any.
fn location(line: &str, name: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix(name)?.strip_prefix(':')?;
    let (line_number, rest) = rest.split_once(':')?;
    let (column, rest) = rest.split_once(':')?;
    if !rest.starts_with(' ') {
        return None;
    }
    Some((line_number.parse().ok()?, column.parse().ok()?))
}

/// Everything wrong with `run`, given the name it must use and what it must say.
fn complaints(run: &Run, name: &str, want: Want) -> Vec<String> {
    let mut found = Vec::new();
    match (run.status.code(), run.status.signal()) {
        (Some(2), _) => {}
        (Some(code), _) => found.push(format!("exit status {code}, expected 2")),
        (None, signal) => found.push(format!(
            "killed by signal {signal:?} after {:.1?} (9 = the {TIMEOUT:?} timeout; \
             6 = aborted, e.g. out of memory under `ulimit -v {ADDRESS_SPACE_KIB}`), expected exit status 2",
            run.elapsed
        )),
    }
    if run.elapsed > TIME_LIMIT {
        found.push(format!(
            "took {:.1?}, more than {TIME_LIMIT:?}",
            run.elapsed
        ));
    }
    if !run.stdout.is_empty() {
        found.push(format!(
            "standard output should be empty, got {} bytes",
            run.stdout.len()
        ));
    }
    if run.stderr.contains("panicked") {
        found.push("panicked".to_owned());
    }
    if !run.stderr.starts_with("pick-stack: ") {
        found.push("standard error should start with `pick-stack: `".to_owned());
    }
    let lines = problem_lines(&run.stderr);
    let shown = match want {
        Want::FolderUnlocated(_) => name
            .strip_suffix("/x.yaml")
            .expect("a folder route")
            .to_owned(),
        _ => name.to_owned(),
    };
    if let Some(line) = lines
        .iter()
        .find(|line| !line.starts_with(&format!("{shown}:")))
    {
        found.push(format!(
            "a line of standard error does not start with `{shown}:`: {}",
            excerpt(line, 300)
        ));
    }
    let located = || lines.iter().any(|line| location(line, &shown).is_some());
    match want {
        Want::At(line_number, column, fragment) => {
            let prefix = format!("{shown}:{line_number}:{column}: ");
            if !lines
                .iter()
                .any(|line| line.starts_with(&prefix) && line.contains(fragment))
            {
                found.push(format!(
                    "no line starting `{prefix}` and containing {fragment:?}"
                ));
            }
        }
        Want::Located => {
            if !located() {
                found.push(format!("no line starting `{shown}:LINE:COLUMN: `"));
            }
        }
        Want::LocatedWith(fragment) => {
            if !lines
                .iter()
                .any(|line| location(line, &shown).is_some() && line.contains(fragment))
            {
                found.push(format!(
                    "no line starting `{shown}:LINE:COLUMN: ` and containing {fragment:?}"
                ));
            }
        }
        Want::Unlocated(fragment) | Want::FolderUnlocated(fragment) => {
            let prefix = format!("{shown}: ");
            if !lines
                .iter()
                .any(|line| line.starts_with(&prefix) && line.contains(fragment))
            {
                found.push(format!(
                    "no line starting `{prefix}` and containing {fragment:?}"
                ));
            }
            if located() {
                found.push("a line has a line and column, expected none".to_owned());
            }
        }
        Want::Contract | Want::NotApplicable(_) => {}
    }
    found
}

fn describe(run: &Run) -> String {
    format!(
        "    command: {}\n    status: {:?}, {:.2?}\n    stdout: {}\n    stderr: {}",
        excerpt(&run.command, 600),
        run.status,
        run.elapsed,
        excerpt(&run.stdout, 300).replace('\n', "\n            "),
        excerpt(&run.stderr, 1200).replace('\n', "\n            "),
    )
}

/// Totals for one route test.
#[derive(Default)]
struct Tally {
    cases: usize,
    not_applicable: usize,
    failures: Vec<String>,
}

/// Runs the whole corpus through `routes` and fails with every failing case.
fn run_corpus(routes: &[Route]) {
    let started = Instant::now();
    let entries = corpus();
    let root = tempfile::tempdir().expect("temporary folder");
    set_mode(root.path(), 0o755);
    let mut tally = Tally::default();
    let mut nobody = None;
    for &route in routes {
        let plain = root.path().join(format!("{route:?}"));
        let without_bom = root.path().join(format!("{route:?}-without-bom"));
        for dir in [&plain, &without_bom] {
            fs::create_dir(dir).expect("create folder");
            set_mode(dir, 0o755);
        }
        for entry in &entries {
            let want = want(&entry.name, route);
            if let Want::NotApplicable(reason) = want {
                tally.not_applicable += 1;
                assert!(
                    matches!(
                        entry.content,
                        Content::Missing
                            | Content::Unreadable(_)
                            | Content::Fifo
                            | Content::LinkToFifo
                    ),
                    "{}: only a missing, unreadable or FIFO file may be not applicable ({reason})",
                    entry.name
                );
                continue;
            }
            tally.cases += 1;
            let path = lay_out(&plain, entry, route, false);
            let user = match entry.content {
                Content::Unreadable(_) => Some(
                    nobody
                        .get_or_insert_with(|| unprivileged(root.path()))
                        .clone(),
                ),
                _ => None,
            };
            let outcome = run(&plain, route, &path, user.as_ref());
            let name = route.shown_name(&entry.name);
            let mut found = complaints(&outcome, &name, want);
            if starts_with_bom(entry) {
                let path = lay_out(&without_bom, entry, route, true);
                let reference = run(&without_bom, route, &path, None);
                if (reference.status, &reference.stdout, &reference.stderr)
                    != (outcome.status, &outcome.stdout, &outcome.stderr)
                {
                    found.push(format!(
                        "behaves differently from the same file without its byte-order mark:\n{}",
                        describe(&reference)
                    ));
                }
            }
            if !found.is_empty() {
                tally.failures.push(format!(
                    "{} on {}:\n  - {}\n{}",
                    entry.name,
                    route.label(),
                    found.join("\n  - "),
                    describe(&outcome)
                ));
            }
            // Large inputs are not kept once used.
            if let Content::Bytes(bytes) = &entry.content
                && bytes.len() > MIB
            {
                let used = plain.join(&path);
                let removed = if route == Route::CriteriaFolder {
                    fs::remove_dir_all(&used)
                } else {
                    fs::remove_file(&used)
                };
                removed.expect("remove a large input");
            }
        }
    }
    let labels: Vec<&str> = routes.iter().map(|route| route.label()).collect();
    println!(
        "{}: {} cases ({} files), {} not applicable, {} failed, {:.1?}",
        labels.join(" and "),
        tally.cases,
        entries.len(),
        tally.not_applicable,
        tally.failures.len(),
        started.elapsed()
    );
    assert!(
        tally.failures.is_empty(),
        "{} of {} cases failed on {}:\n\n{}",
        tally.failures.len(),
        tally.cases,
        labels.join(" and "),
        tally.failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

#[test]
fn route_a_criteria_file() {
    run_corpus(&[Route::CriteriaFile]);
}

#[test]
fn route_b_criteria_folder() {
    run_corpus(&[Route::CriteriaFolder]);
}

#[test]
fn route_c_validate() {
    run_corpus(&[Route::Validate]);
}

#[test]
fn route_d_answers_file() {
    run_corpus(&[Route::AnswersFile]);
}

#[test]
fn route_e_answers_on_standard_input() {
    run_corpus(&[Route::AnswersStdin, Route::AnswersDash]);
}

#[test]
fn route_f_comparisons_file() {
    run_corpus(&[Route::ComparisonsFile]);
}

#[test]
fn route_g_criteria_from_the_environment() {
    run_corpus(&[Route::CriteriaEnv]);
}

/// The corpus is big enough, and the expectations name only files that exist
/// and agree with the `located_` rule.
#[test]
fn expectations_match_the_corpus() {
    let entries = corpus();
    let names: Vec<&str> = entries.iter().map(|entry| entry.name.as_str()).collect();
    assert!(
        names.len() >= 30,
        "only {} corpus files: {names:?}",
        names.len()
    );
    for expect in EXPECTED {
        assert!(
            names.contains(&expect.file),
            "EXPECTED names {}, which is neither in tests/corpus/ nor generated",
            expect.file
        );
        assert_eq!(
            EXPECTED
                .iter()
                .filter(|other| other.file == expect.file)
                .count(),
            1,
            "EXPECTED lists {} twice",
            expect.file
        );
    }
    for (file, route, _) in EXCEPTIONS {
        assert!(
            names.contains(file),
            "EXCEPTIONS names {file} ({route:?}), which is not in the corpus"
        );
    }
    let mut cases = 0;
    for name in &names {
        for route in Route::ALL {
            let want = want(name, route);
            if name.starts_with("located_") {
                assert!(
                    want.is_located(),
                    "{name} is named located_ but expects {want:?} on {}",
                    route.label()
                );
            }
            if !matches!(want, Want::NotApplicable(_)) {
                cases += 1;
            }
        }
    }
    println!(
        "{} corpus files ({} committed), {cases} (file, route) cases",
        names.len(),
        committed().len()
    );
}

/// A file of exactly the size limit is read to its last byte (it then fails
/// as YAML, with the location of that byte); one byte more is refused for
/// its size.
#[test]
fn the_size_limit_is_exact() {
    let limit = usize::try_from(MAX_INPUT_BYTES).expect("the limit fits in memory");
    // `{`, spaces, `]`, newline: the `]` is the last character, at column limit - 1.
    let at_limit = format!("{{{}]\n", " ".repeat(limit - 3)).into_bytes();
    assert_eq!(at_limit.len(), limit);
    let mut over_limit = at_limit.clone();
    over_limit.insert(1, b' ');
    let cases = [
        (
            "at_limit.yaml",
            at_limit,
            Want::At(1, limit - 1, "did not find expected node content"),
        ),
        ("over_limit.yaml", over_limit, Want::Unlocated(SIZE_MESSAGE)),
    ];
    let root = tempfile::tempdir().expect("temporary folder");
    let mut failures = Vec::new();
    for (name, bytes, want) in cases {
        let entry = Entry {
            name: name.to_owned(),
            content: Content::Bytes(bytes),
        };
        for route in [
            Route::CriteriaFile,
            Route::AnswersFile,
            Route::AnswersStdin,
            Route::ComparisonsFile,
        ] {
            let dir = root.path().join(format!("{name}-{route:?}"));
            fs::create_dir(&dir).expect("create folder");
            let path = lay_out(&dir, &entry, route, false);
            let outcome = run(&dir, route, &path, None);
            let found = complaints(&outcome, &route.shown_name(name), want);
            if !found.is_empty() {
                failures.push(format!(
                    "{name} on {}:\n  - {}\n{}",
                    route.label(),
                    found.join("\n  - "),
                    describe(&outcome)
                ));
            }
            fs::remove_file(dir.join(&path)).expect("remove the large file");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Nested flow mappings four times as deep as the corpus's (160 KB, a
/// hundredth of the size limit) are refused as quickly: the time to parse
/// them must not grow with the square of the depth. One route is enough; they
/// all parse the same way.
#[test]
fn deeper_flow_mappings_are_refused_in_bounded_time() {
    let root = tempfile::tempdir().expect("temporary folder");
    let entry = Entry {
        name: "deep_flow_mappings.yaml".to_owned(),
        content: Content::Bytes("{a: ".repeat(40_000).into_bytes()),
    };
    let route = Route::AnswersFile;
    let path = lay_out(root.path(), &entry, route, false);
    let outcome = run(root.path(), route, &path, None);
    let found = complaints(
        &outcome,
        &route.shown_name(&entry.name),
        Want::LocatedWith("nesting is too deep"),
    );
    assert!(
        found.is_empty(),
        "{} on {}:\n  - {}\n{}",
        entry.name,
        route.label(),
        found.join("\n  - "),
        describe(&outcome)
    );
}

/// A complete criteria file, valid.
const VALID_CRITERIA: &str = "\
scale: {min: 0, max: 10}
alternatives: [{id: node, name: Node.js}, {id: python, name: Python}]
criteria:
  - id: speed
    name: Speed
    weight: 1
    ratings:
      node: {score: 8}
      python: {score: 5}
questions:
  - id: load
    prompt: How heavy is the load?
    default: light
    options:
      - {id: light, label: Light}
";

/// Every question of the embedded criteria answered.
const VALID_ANSWERS: &str = "\
answers:
  existing_code: none
  team_skills: both
  workload: web_app
  realtime: none
  scale: modest
  compute: none
  ai: none
  browser_sharing: \"no\"
  mobile: none
  typing: optional
  deploy: servers
  libraries: none
";

/// A byte-order mark before valid YAML changes nothing.
#[test]
fn a_byte_order_mark_before_valid_yaml_changes_nothing() {
    let root = tempfile::tempdir().expect("temporary folder");
    let mut failures = Vec::new();
    for (text, routes) in [
        (
            VALID_CRITERIA,
            &[
                Route::CriteriaFile,
                Route::CriteriaFolder,
                Route::Validate,
                Route::CriteriaEnv,
            ][..],
        ),
        (
            VALID_ANSWERS,
            &[Route::AnswersFile, Route::AnswersStdin, Route::AnswersDash][..],
        ),
    ] {
        for &route in routes {
            let mut outcomes = Vec::new();
            for (label, bytes) in [
                ("with-bom", format!("{BOM}{text}")),
                ("without-bom", text.to_owned()),
            ] {
                let dir = root.path().join(format!("{route:?}-{label}"));
                fs::create_dir(&dir).expect("create folder");
                let entry = Entry {
                    name: "valid.yaml".to_owned(),
                    content: Content::Bytes(bytes.into_bytes()),
                };
                let path = lay_out(&dir, &entry, route, false);
                outcomes.push(run(&dir, route, &path, None));
            }
            let (with, without) = (&outcomes[0], &outcomes[1]);
            if without.status.code() != Some(0) || without.stdout.is_empty() {
                failures.push(format!(
                    "the valid file without a byte-order mark fails on {}:\n{}",
                    route.label(),
                    describe(without)
                ));
            }
            if (with.status, &with.stdout, &with.stderr)
                != (without.status, &without.stdout, &without.stderr)
            {
                failures.push(format!(
                    "a byte-order mark changes the outcome on {}:\nwith it:\n{}\nwithout it:\n{}",
                    route.label(),
                    describe(with),
                    describe(without)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
