//! Bad input, one case per test: every one must exit with code 2, print
//! nothing on standard output, never panic, and name the file (with
//! `file:LINE:COLUMN: field.path:` for problems inside a YAML document).
//!
//! The fixtures live in `tests/fixtures/bad/`, one problem per file, named
//! after the case. pick-stack runs inside that folder so the file names in
//! its messages are short and stable. The expected lines and columns were
//! worked out by hand from the fixtures. Inputs that are awkward to commit
//! (invalid UTF-8, binary bytes, 10,000-deep nesting, an oversized file) are
//! written to a temporary folder by the test itself.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;

/// Far longer than any of these runs needs; a run that hits it has hung.
const TIMEOUT: Duration = Duration::from_secs(30);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// pick-stack run in `dir`, with no criteria taken from the environment
/// unless a test sets them.
fn pick_stack_in(dir: &Path) -> Command {
    let mut cmd = cargo_bin_cmd!("pick-stack");
    cmd.current_dir(dir)
        .env_remove("PICK_STACK_CRITERIA")
        .timeout(TIMEOUT);
    cmd
}

/// pick-stack run in the fixtures folder.
fn pick_stack() -> Command {
    pick_stack_in(&fixtures())
}

/// Runs `cmd`, checks the bad-input contract (exit 2, empty stdout, no
/// panic, a message on stderr) and returns stderr.
fn rejected(cmd: &mut Command) -> String {
    let output = cmd.output().expect("pick-stack starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "pick-stack panicked:\n{stderr}"
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit status {:?} (None = killed, e.g. after the {TIMEOUT:?} timeout); stderr:\n{stderr}",
        output.status
    );
    assert!(stdout.is_empty(), "stdout should be empty, got:\n{stdout}");
    assert!(
        stderr.starts_with("pick-stack: "),
        "stderr should start with `pick-stack: `, got:\n{stderr}"
    );
    stderr
}

/// The problems on stderr, one per line, without the leading `pick-stack: `.
fn problems(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .map(|line| line.strip_prefix("pick-stack: ").unwrap_or(line))
        .collect()
}

/// The problem line that starts with `prefix` (e.g. `a.yaml:3:7: answers.x: `).
fn problem<'s>(stderr: &'s str, prefix: &str) -> &'s str {
    problems(stderr)
        .into_iter()
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no problem starting with {prefix:?} in stderr:\n{stderr}"))
}

fn assert_contains(line: &str, wanted: &str) {
    assert!(line.contains(wanted), "{wanted:?} missing from:\n{line}");
}

/// Runs a bad criteria path through `matrix`, `advise --defaults` and the
/// `PICK_STACK_CRITERIA` variable; all three must reject it with the same
/// message, which is returned.
fn criteria_rejected(path: &str) -> String {
    let matrix = rejected(pick_stack().args(["--criteria", path, "matrix"]));
    let advise = rejected(
        pick_stack()
            .args(["--criteria", path, "advise", "--defaults"])
            .write_stdin(""),
    );
    let from_env = rejected(pick_stack().env("PICK_STACK_CRITERIA", path).arg("matrix"));
    assert_eq!(matrix, advise, "matrix and advise --defaults disagree");
    assert_eq!(
        matrix, from_env,
        "--criteria and PICK_STACK_CRITERIA disagree"
    );
    matrix
}

/// Writes `bytes` to `name` in a fresh temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join(name), bytes).expect("write temporary file");
    dir
}

fn deeply_nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

// ---------------------------------------------------------------------------
// Answers files, checked against the embedded criteria.
// ---------------------------------------------------------------------------

#[test]
fn answers_malformed_yaml_is_located() {
    let stderr = rejected(pick_stack().args(["advise", "--answers", "answers_malformed.yaml"]));
    let line = problem(&stderr, "answers_malformed.yaml:2:1: ");
    assert_contains(line, "did not find expected ',' or '}'");
}

#[test]
fn answers_wrong_type_is_located() {
    let stderr = rejected(pick_stack().args([
        "advise",
        "--defaults",
        "--answers",
        "answers_wrong_type.yaml",
    ]));
    problem(
        &stderr,
        "answers_wrong_type.yaml:3:13: answers.realtime: expected a string, found a list",
    );
}

#[test]
fn answers_unknown_top_level_field_is_located() {
    let stderr = rejected(pick_stack().args([
        "advise",
        "--defaults",
        "--answers",
        "answers_unknown_top_level.yaml",
    ]));
    problem(
        &stderr,
        "answers_unknown_top_level.yaml:3:1: unknown field `answer`; did you mean `answers`? valid fields: answers, weights",
    );
}

#[test]
fn answers_unknown_question_suggests_the_closest() {
    let stderr = rejected(pick_stack().args([
        "advise",
        "--defaults",
        "--answers",
        "answers_unknown_question.yaml",
    ]));
    let line = problem(
        &stderr,
        "answers_unknown_question.yaml:2:3: answers.wrkload: unknown question `wrkload`; ",
    );
    assert_contains(line, "did you mean `workload`?");
    assert_contains(
        line,
        "valid questions: existing_code, existing_plan, team_skills, workload,",
    );
}

#[test]
fn answers_unknown_option_suggests_and_lists_valid_options() {
    let stderr = rejected(pick_stack().args([
        "advise",
        "--defaults",
        "--answers",
        "answers_unknown_option.yaml",
    ]));
    let line = problem(
        &stderr,
        "answers_unknown_option.yaml:3:13: answers.realtime: unknown option `corr` for question `realtime`; ",
    );
    assert_contains(line, "did you mean `core`?");
    assert_contains(line, "valid options: none, some, core");
}

#[test]
fn a_wrong_option_is_not_also_reported_as_unanswered() {
    let stderr =
        rejected(pick_stack().args(["advise", "--answers", "answers_unknown_option.yaml"]));
    problem(
        &stderr,
        "answers_unknown_option.yaml:3:13: answers.realtime: unknown option `corr`",
    );
    let unanswered = problem(&stderr, "answers_unknown_option.yaml: no answer for ");
    assert!(!unanswered.contains("`realtime`"), "{unanswered}");
}

#[test]
fn answers_duplicate_question_points_at_the_second_key() {
    let stderr = rejected(pick_stack().args([
        "advise",
        "--defaults",
        "--answers",
        "answers_duplicate_question.yaml",
    ]));
    problem(
        &stderr,
        "answers_duplicate_question.yaml:4:3: answers: duplicate key `realtime`",
    );
}

#[test]
fn answers_from_piped_stdin_are_named_stdin() {
    let text = std::fs::read_to_string(fixtures().join("answers_unknown_question.yaml")).unwrap();
    let stderr = rejected(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin(text),
    );
    let line = problem(
        &stderr,
        "<stdin>:2:3: answers.wrkload: unknown question `wrkload`; ",
    );
    assert_contains(line, "did you mean `workload`?");
}

#[test]
fn answers_from_dash_are_named_stdin() {
    let text = std::fs::read_to_string(fixtures().join("answers_unknown_option.yaml")).unwrap();
    let stderr = rejected(
        pick_stack()
            .args(["advise", "--defaults", "--answers", "-"])
            .write_stdin(text),
    );
    let line = problem(
        &stderr,
        "<stdin>:3:13: answers.realtime: unknown option `corr` for question `realtime`; ",
    );
    assert_contains(line, "did you mean `core`?");
}

#[test]
fn answers_missing_questions_are_listed_without_defaults() {
    let stderr =
        rejected(pick_stack().args(["advise", "--answers", "answers_missing_questions.yaml"]));
    let line = problem(&stderr, "answers_missing_questions.yaml: no answer for ");
    assert_contains(line, "`realtime` (none | some | core)");
    assert_contains(line, "`compute` (none | numeric | custom | external)");
    // A follow-up the answers make relevant is asked for too...
    assert_contains(line, "`ml_work` (train | serve | vision)");
    assert_contains(line, "--defaults");
    // ...but not one they leave out, nor what the file does answer.
    for absent in [
        "`existing_plan` (",
        "`compute_share` (",
        "`workload` (",
        "`ai` (",
    ] {
        assert!(!line.contains(absent), "{absent} listed:\n{line}");
    }

    // And the advice the message gives works.
    pick_stack()
        .args([
            "advise",
            "--defaults",
            "--answers",
            "answers_missing_questions.yaml",
        ])
        .assert()
        .success();
}

#[test]
fn empty_stdin_without_defaults_says_how_to_pass_answers() {
    for input in ["", "# nothing answered yet\n"] {
        let stderr = rejected(pick_stack().arg("advise").write_stdin(input));
        let line = problem(&stderr, "<stdin>: no answers given");
        assert_contains(line, "--answers FILE");
        assert_contains(line, "standard input");
        assert_contains(line, "--defaults");
    }
}

#[test]
fn answers_file_that_does_not_exist() {
    let stderr = rejected(pick_stack().args(["advise", "--answers", "no_such_answers.yaml"]));
    problem(&stderr, "no_such_answers.yaml: no such file");
}

#[test]
fn answers_file_that_is_a_directory() {
    // A folder given to --answers is a team's, one answers file a member:
    // one with none is refused, naming it.
    let stderr = rejected(pick_stack().args(["advise", "--answers", "answers_directory.yaml"]));
    problem(
        &stderr,
        "answers_directory.yaml: is a folder with no .yaml or .yml answers file in it",
    );
}

#[test]
fn answers_invalid_utf8_is_located() {
    // `  workload: web` is 15 characters, so the bad byte is column 16.
    let dir = temp_file("bad_utf8.yaml", b"answers:\n  workload: web\xffapi\n");
    let stderr = rejected(pick_stack_in(dir.path()).args(["advise", "--answers", "bad_utf8.yaml"]));
    problem(&stderr, "bad_utf8.yaml:2:16: is not valid UTF-8 text");
}

#[test]
fn answers_binary_file_is_rejected() {
    // The start of an ELF executable: valid UTF-8, full of control characters.
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend_from_slice(&[0; 8]);
    elf.extend_from_slice(b"\x02\x00\x3e\x00\x01\x00\x00\x00\x40\x10\x40\x00\x00\x00\x00\x00");
    let dir = temp_file("program.yaml", &elf);
    let stderr = rejected(pick_stack_in(dir.path()).args(["advise", "--answers", "program.yaml"]));
    problem(
        &stderr,
        "program.yaml:1:1: control characters are not allowed",
    );
}

#[test]
fn answers_alias_bomb_fails_fast() {
    let started = Instant::now();
    let stderr = rejected(pick_stack().args(["advise", "--answers", "answers_alias_bomb.yaml"]));
    let elapsed = started.elapsed();
    // Refused at the first alias, before anything expands.
    problem(
        &stderr,
        "answers_alias_bomb.yaml:5:8: YAML aliases (`*name`) are not supported here",
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    // The same bomb offered as criteria.
    let started = Instant::now();
    let stderr = rejected(pick_stack().args(["--criteria", "answers_alias_bomb.yaml", "matrix"]));
    let elapsed = started.elapsed();
    problem(&stderr, "answers_alias_bomb.yaml:5:8: YAML aliases");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[test]
fn answers_nested_ten_thousand_deep_is_rejected() {
    // As the value of a question, in a file.
    let text = format!("answers:\n  workload: {}\n", deeply_nested(10_000));
    let dir = temp_file("deep.yaml", text.as_bytes());
    let stderr = rejected(pick_stack_in(dir.path()).args(["advise", "--answers", "deep.yaml"]));
    problem(&stderr, "deep.yaml:2:268: nesting is too deep");

    // As the whole document, unclosed, on standard input.
    let stderr = rejected(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin("[".repeat(10_000)),
    );
    problem(&stderr, "<stdin>:1:256: nesting is too deep");
}

#[test]
fn oversized_answers_file_is_refused() {
    let mut text = b"answers:\n".to_vec();
    text.resize(17 * 1024 * 1024, b'#');
    let dir = temp_file("huge.yaml", &text);
    let stderr = rejected(pick_stack_in(dir.path()).args(["advise", "--answers", "huge.yaml"]));
    problem(&stderr, "huge.yaml: is larger than the 16 MiB limit");
}

// ---------------------------------------------------------------------------
// Criteria files and folders, via --criteria (matrix and advise --defaults)
// and PICK_STACK_CRITERIA.
// ---------------------------------------------------------------------------

#[test]
fn criteria_malformed_yaml_is_located() {
    let stderr = criteria_rejected("criteria_malformed.yaml");
    let line = problem(&stderr, "criteria_malformed.yaml:3:1: ");
    assert_contains(line, "did not find expected ',' or ']'");
    // Where the unclosed bracket opened is kept; the location shown in front
    // is not repeated.
    assert_contains(line, "while parsing a flow sequence at line 2 column 15");
    assert!(!line.contains("at line 3 column 1"), "{line}");
}

#[test]
fn criteria_weight_of_wrong_type_is_located() {
    let stderr = criteria_rejected("criteria_weight_wrong_type.yaml");
    problem(
        &stderr,
        "criteria_weight_wrong_type.yaml:8:13: criteria[0].weight: expected a number, found the text \"heavy\"",
    );
}

#[test]
fn criteria_unknown_field_is_located() {
    let stderr = criteria_rejected("criteria_unknown_field.yaml");
    let line = problem(
        &stderr,
        "criteria_unknown_field.yaml:7:5: criteria[0]: unknown field `nam`; did you mean `name`? valid fields: id, name, ",
    );
    assert_contains(line, "`name`");
}

#[test]
fn criteria_duplicate_id_points_at_the_second() {
    let stderr = criteria_rejected("criteria_duplicate_id.yaml");
    problem(
        &stderr,
        "criteria_duplicate_id.yaml:12:9: criteria[1].id: duplicate criterion id `speed`",
    );
}

/// Several problems in one file come out in one order: every id problem
/// first, then each criterion's fields in file order. Loading builds each
/// criterion before it can check the ids, so this pins that order down.
#[test]
fn criteria_problems_come_ids_first_then_each_criterion_in_order() {
    let stderr = criteria_rejected("criteria_several_problems.yaml");
    let file = "criteria_several_problems.yaml";
    let expected = [
        format!("{file}:10:9: criteria[1].id: duplicate criterion id `a` (first at {file}:6:9)"),
        format!("{file}:14:9: criteria[2].id: criterion id is empty"),
        format!(
            "{file}:8:13: criteria[0].weight: weight must be a finite number, 0 or more (got -1)"
        ),
        format!("{file}:9:21: criteria[0].ratings.node: score 11 is outside the scale 0 to 10"),
        format!(
            "{file}:13:24: criteria[1].ratings.pyy: unknown alternative `pyy`; did you mean `py`? valid alternatives: node, py"
        ),
        format!(
            "{file}:13:14: criteria[1].ratings: criterion `a` has no rating for alternative `py`"
        ),
        format!(
            "{file}:17:14: criteria[2].ratings: criterion ` ` has no rating for alternative `py`"
        ),
    ];
    assert_eq!(problems(&stderr), expected, "stderr:\n{stderr}");
}

#[test]
fn criteria_score_outside_the_scale() {
    let stderr = criteria_rejected("criteria_score_out_of_scale.yaml");
    problem(
        &stderr,
        "criteria_score_out_of_scale.yaml:11:23: criteria[0].ratings.python.score: score 11 is outside the scale 0 to 10",
    );
}

#[test]
fn criteria_nan_weight() {
    let stderr = criteria_rejected("criteria_weight_nan.yaml");
    let line = problem(
        &stderr,
        "criteria_weight_nan.yaml:8:13: criteria[0].weight: ",
    );
    assert_contains(line, "weight must be a finite number, 0 or more (got NaN)");
}

#[test]
fn criteria_negative_weight() {
    let stderr = criteria_rejected("criteria_weight_negative.yaml");
    let line = problem(
        &stderr,
        "criteria_weight_negative.yaml:8:13: criteria[0].weight: ",
    );
    assert_contains(line, "weight must be a finite number, 0 or more (got -1)");
    // The negative weight is the one problem; no knock-on "all zero" claim.
    assert_eq!(problems(&stderr).len(), 1, "{stderr}");
}

#[test]
fn criteria_all_base_weights_zero() {
    let stderr = criteria_rejected("criteria_weights_all_zero.yaml");
    let line = problem(
        &stderr,
        "criteria_weights_all_zero.yaml:8:13: criteria[0].weight: ",
    );
    assert_contains(line, "every criterion has base weight 0");
}

#[test]
fn criteria_rating_for_unknown_alternative_suggests_the_closest() {
    let stderr = criteria_rejected("criteria_rating_unknown_alternative.yaml");
    problem(
        &stderr,
        "criteria_rating_unknown_alternative.yaml:11:7: criteria[0].ratings.pyhton: unknown alternative `pyhton`; did you mean `python`? valid alternatives: node, python",
    );
}

#[test]
fn criteria_missing_rating() {
    let stderr = criteria_rejected("criteria_rating_missing.yaml");
    problem(
        &stderr,
        "criteria_rating_missing.yaml:10:7: criteria[0].ratings: criterion `speed` has no rating for alternative `python`",
    );
}

#[test]
fn criteria_option_adds_to_unknown_criterion() {
    let stderr = criteria_rejected("criteria_add_unknown_criterion.yaml");
    problem(
        &stderr,
        "criteria_add_unknown_criterion.yaml:22:11: questions[0].options[1].add.sped: unknown criterion `sped`; did you mean `speed`? valid criteria: speed",
    );
}

#[test]
fn criteria_option_multiplies_by_zero() {
    let stderr = criteria_rejected("criteria_multiply_zero.yaml");
    problem(
        &stderr,
        "criteria_multiply_zero.yaml:22:18: questions[0].options[1].multiply.speed: `multiply` takes a finite number above 0 (got 0)",
    );
}

#[test]
fn criteria_question_default_is_not_an_option() {
    let stderr = criteria_rejected("criteria_default_not_an_option.yaml");
    problem(
        &stderr,
        "criteria_default_not_an_option.yaml:15:14: questions[0].default: default `hevy` is not an option of question `load`; did you mean `heavy`? valid options: light, heavy",
    );
}

#[test]
fn criteria_question_without_options() {
    let stderr = criteria_rejected("criteria_question_without_options.yaml");
    problem(
        &stderr,
        "criteria_question_without_options.yaml:16:14: questions[0].options: question `load` has no options",
    );
    // No knock-on complaint that the default is not among zero options.
    assert_eq!(problems(&stderr).len(), 1, "{stderr}");
}

#[test]
fn criteria_duplicate_option_id_points_at_the_second() {
    let stderr = criteria_rejected("criteria_duplicate_option_id.yaml");
    problem(
        &stderr,
        "criteria_duplicate_option_id.yaml:19:13: questions[0].options[1].id: duplicate option id `light`",
    );
}

#[test]
fn criteria_folder_without_yaml_files() {
    let stderr = criteria_rejected("criteria_folder_without_yaml");
    problem(
        &stderr,
        "criteria_folder_without_yaml: folder has no .yaml, .yml or .json files",
    );
}

#[test]
fn criteria_path_that_does_not_exist() {
    let stderr = criteria_rejected("no_such_criteria.yaml");
    problem(&stderr, "no_such_criteria.yaml: no such file or folder");
}

#[test]
fn criteria_folder_names_the_broken_file() {
    let stderr = criteria_rejected("criteria_folder_one_broken");
    let broken = Path::new("criteria_folder_one_broken").join("criteria.yml");
    problem(
        &stderr,
        &format!(
            "{}:4:13: criteria[0].weight: expected a number, found the text \"heavy\"",
            broken.display()
        ),
    );
    assert!(
        !stderr.contains("alternatives.yaml"),
        "the good file is blamed:\n{stderr}"
    );
}

#[test]
fn criteria_problems_are_all_reported_in_one_run() {
    let stderr = criteria_rejected("criteria_many_problems.yaml");
    for prefix in [
        "criteria_many_problems.yaml:8:13: criteria[0].weight: weight must be a finite number",
        "criteria_many_problems.yaml:10:21: criteria[0].ratings.node.score: score 80 is outside the scale",
        "criteria_many_problems.yaml:11:7: criteria[0].ratings.pyhton: unknown alternative `pyhton`; did you mean `python`?",
        "criteria_many_problems.yaml:15:14: questions[0].default: default `medium` is not an option",
        "criteria_many_problems.yaml:20:18: questions[0].options[0].multiply.speed: `multiply` takes a finite number above 0",
    ] {
        problem(&stderr, prefix);
    }
    let located_lines: BTreeSet<&str> = problems(&stderr)
        .into_iter()
        .filter_map(|line| {
            let rest = line.strip_prefix("criteria_many_problems.yaml:")?;
            rest.split(':').next()
        })
        .collect();
    assert!(
        located_lines.len() >= 3,
        "expected problems on at least 3 distinct lines, got {located_lines:?}:\n{stderr}"
    );
}

#[test]
fn valid_criteria_with_three_alternatives_work() {
    let file = "criteria_valid_three_alternatives.yaml";
    let mut by_flag = pick_stack();
    by_flag.args(["--criteria", file, "matrix"]);
    let mut by_env = pick_stack();
    by_env.env("PICK_STACK_CRITERIA", file).arg("matrix");
    for mut cmd in [by_flag, by_env] {
        let output = cmd.output().expect("pick-stack starts");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "stderr:\n{stderr}");
        assert!(stderr.is_empty(), "stderr:\n{stderr}");
        for name in ["Node.js", "Python", "Go", "Speed", "Syntax"] {
            assert_contains(&stdout, name);
        }
    }
    pick_stack()
        .args(["--criteria", file, "advise", "--defaults"])
        .write_stdin("")
        .assert()
        .success();
}

#[test]
fn criteria_infinite_weight() {
    let stderr = criteria_rejected("criteria_weight_infinite.yaml");
    let line = problem(
        &stderr,
        "criteria_weight_infinite.yaml:8:13: criteria[0].weight: ",
    );
    assert_contains(line, "weight must be a finite number, 0 or more (got inf)");
}

#[test]
fn criteria_constraint_naming_an_unknown_alternative_or_without_reason() {
    let stderr = criteria_rejected("criteria_rule_out_unknown_alternative.yaml");
    let line = problem(
        &stderr,
        "criteria_rule_out_unknown_alternative.yaml:21:11: questions[0].options[1].rule_out.pyton: ",
    );
    assert_contains(line, "unknown alternative `pyton`; did you mean `python`?");
    problem(
        &stderr,
        "criteria_rule_out_unknown_alternative.yaml:22:17: questions[0].options[1].rule_out.node: give the reason",
    );
}

#[test]
fn criteria_unknown_kind_lists_the_valid_ones() {
    let stderr = criteria_rejected("criteria_kind_unknown.yaml");
    let line = problem(
        &stderr,
        "criteria_kind_unknown.yaml:9:11: criteria[0].kind: ",
    );
    assert_contains(line, "valid values: benefit, cost");
}

#[test]
fn validate_reports_the_same_problems_with_the_input_error_code() {
    for fixture in [
        "criteria_many_problems.yaml",
        "criteria_rule_out_unknown_alternative.yaml",
    ] {
        let validated = rejected(pick_stack().args(["validate", fixture]));
        let loaded = criteria_rejected(fixture);
        assert_eq!(
            validated, loaded,
            "validate and loading disagree on {fixture}"
        );
    }
}

// ---------------------------------------------------------------------------
// Evidence layers, groups and follow-up questions.

#[test]
fn criteria_current_revisions_are_checked_like_scores() {
    let stderr = criteria_rejected("criteria_evidence_problems.yaml");
    let file = "criteria_evidence_problems.yaml";
    assert_contains(
        problem(&stderr, &format!("{file}:3:20: evidence.article.title: ")),
        "give the title",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:4:20: evidence.current.as_of: ")),
        "give the date",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:15:26: criteria[0].ratings.node.current.score: "),
        ),
        "score 11 is outside the scale 0 to 10",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:18:26: criteria[0].ratings.py.current.score: "),
        ),
        "repeats the source's 5",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:18:36: criteria[0].ratings.py.current.since: "),
        ),
        "when the change took effect",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:18:46: criteria[0].ratings.py.current.note: "),
        ),
        "what changed",
    );
    assert_eq!(problems(&stderr).len(), 6, "{stderr}");
}

#[test]
fn criteria_current_revision_without_a_date_is_located() {
    let stderr = criteria_rejected("criteria_rating_current_incomplete.yaml");
    assert_contains(
        problem(
            &stderr,
            "criteria_rating_current_incomplete.yaml:12:18: criteria[0].ratings.node.current: ",
        ),
        "the required field `since` is missing",
    );
}

#[test]
fn criteria_groups_name_known_criteria_once_with_a_reason() {
    let stderr = criteria_rejected("criteria_group_problems.yaml");
    let file = "criteria_group_problems.yaml";
    assert_contains(
        problem(&stderr, &format!("{file}:14:9: groups[1].id: ")),
        "duplicate group id `loop`",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:13:21: groups[0].members[2]: ")),
        "unknown criterion `zz`; valid criteria: a, b, c",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:16:10: groups[1].why: ")),
        "say why the members measure one property",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:17:15: groups[1].members[0]: ")),
        "already in group `loop`",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:17:14: groups[1].members: ")),
        "at least two members",
    );
}

#[test]
fn criteria_conditions_name_earlier_questions_and_their_options() {
    let stderr = criteria_rejected("criteria_question_conditions.yaml");
    let file = "criteria_question_conditions.yaml";
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:10:12: questions[0].when.second: "),
        ),
        "not asked before it",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:17:19: questions[1].when.first: ")),
        "unknown option `maybe` of question `first`; valid options: no, yes",
    );
    assert_contains(
        problem(&stderr, &format!("{file}:17:28: questions[1].when.third: ")),
        "unknown question `third`",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:20:40: questions[1].options[0].neutral: "),
        ),
        "an option marked neutral must change nothing",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:21:42: questions[1].options[1].neutral: "),
        ),
        "say why the option changes nothing",
    );
}

#[test]
fn answers_that_contradict_an_earlier_answer_name_both() {
    let stderr = rejected(pick_stack().args([
        "advise",
        "--defaults",
        "--answers",
        "answers_contradiction.yaml",
    ]));
    let realtime = problem(
        &stderr,
        "answers_contradiction.yaml:3:13: answers.realtime: `realtime` contradicts an earlier answer: ",
    );
    assert_contains(
        realtime,
        "asked only when workload is web_app, ecommerce, content or data",
    );
    assert_contains(realtime, "the answers say `workload: jobs` (line 2)");
    let ml_work = problem(
        &stderr,
        "answers_contradiction.yaml:5:12: answers.ml_work: `ml_work` contradicts an earlier answer: ",
    );
    assert_contains(ml_work, "`ai: none` (line 4)");
    // A deciding answer the file leaves to its default is said to be one.
    let stderr = rejected(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin("answers:\n  existing_plan: extend\n"),
    );
    assert_contains(
        problem(&stderr, "<stdin>:2:18: answers.existing_plan: "),
        "`existing_code: none` (its default, not written)",
    );
}

#[test]
fn a_mistyped_deciding_answer_is_the_only_problem_reported() {
    // `jobz` is not an option; its follow-up is not then judged against
    // the default the typo fell back to.
    let stderr = rejected(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin("answers:\n  workload: jobz\n  realtime: core\n"),
    );
    assert_contains(
        problem(&stderr, "<stdin>:2:13: answers.workload: "),
        "unknown option `jobz` for question `workload`; did you mean `jobs`?",
    );
    assert_eq!(problems(&stderr).len(), 1, "{stderr}");
}

// ---------------------------------------------------------------------------
// Paths that are not regular files. Opening a FIFO waits for a writer and a
// device can stream forever, so each is refused by its path, fast, with the
// input-error code; standard input (a pipe) stays the way to stream answers.
// ---------------------------------------------------------------------------

/// `mkfifo PATH`.
fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// The valid three-alternative criteria, copied into `folder` as `name`.
fn valid_criteria_in(folder: &Path, name: &str) {
    std::fs::copy(
        fixtures().join("criteria_valid_three_alternatives.yaml"),
        folder.join(name),
    )
    .expect("copy criteria");
}

#[test]
fn every_input_path_refuses_a_fifo_a_link_to_one_and_a_device_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    make_fifo(&dir.path().join("pipe.yaml"));
    std::os::unix::fs::symlink("pipe.yaml", dir.path().join("link.yaml")).unwrap();
    for (path, kind) in [
        ("pipe.yaml", "is a named pipe (FIFO), not a regular file"),
        ("link.yaml", "is a named pipe (FIFO), not a regular file"),
        ("/dev/zero", "is a character device, not a regular file"),
    ] {
        let started = Instant::now();
        let criteria = rejected(pick_stack_in(dir.path()).args(["--criteria", path, "matrix"]));
        assert_contains(problem(&criteria, &format!("{path}: ")), kind);
        let from_env = rejected(
            pick_stack_in(dir.path())
                .env("PICK_STACK_CRITERIA", path)
                .arg("matrix"),
        );
        assert_eq!(criteria, from_env);
        let validated = rejected(pick_stack_in(dir.path()).args(["validate", path]));
        assert_eq!(criteria, validated);
        let answers = rejected(
            pick_stack_in(dir.path())
                .args(["advise", "--answers", path])
                .write_stdin(""),
        );
        assert_contains(
            problem(&answers, &format!("{path}: ")),
            &format!("{kind}; to read from a pipe, pass `--answers -`"),
        );
        let comparisons = rejected(
            pick_stack_in(dir.path())
                .args(["weigh", "--comparisons", path])
                .write_stdin(""),
        );
        assert_contains(
            problem(&comparisons, &format!("{path}: ")),
            &format!("{kind}; to read from a pipe, pass `--comparisons -`"),
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{path}: the refusals took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_fifo_in_a_criteria_folder_is_named_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("criteria");
    std::fs::create_dir(&folder).unwrap();
    valid_criteria_in(&folder, "a.yaml");
    make_fifo(&folder.join("b.yaml"));
    let stderr = rejected(pick_stack_in(dir.path()).args(["--criteria", "criteria", "matrix"]));
    problem(
        &stderr,
        "criteria/b.yaml: is a named pipe (FIFO), not a regular file",
    );
}

#[test]
fn hidden_and_lock_files_in_a_criteria_folder_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("criteria");
    std::fs::create_dir(&folder).unwrap();
    valid_criteria_in(&folder, "criteria.yaml");
    // Emacs's lock file: a link to `user@host.pid`, which does not exist.
    std::os::unix::fs::symlink("user@host.4242:1700000000", folder.join(".#criteria.yaml"))
        .unwrap();
    // A hidden draft that is not even YAML, and a hidden FIFO.
    std::fs::write(folder.join(".draft.yaml"), "{ not: [valid").unwrap();
    make_fifo(&folder.join(".pipe.yml"));
    // A name that would rewrite the terminal if printed as it is.
    std::fs::write(folder.join(".\u{1b}[2Jclear.yaml"), "x").unwrap();
    for args in [
        &["--criteria", "criteria", "matrix"][..],
        &["validate", "criteria"],
    ] {
        let output = pick_stack_in(dir.path())
            .args(args)
            .output()
            .expect("pick-stack starts");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("pick-stack: note: criteria: skipped "),
            "{args:?}: {stderr}"
        );
        for name in [
            ".#criteria.yaml",
            ".draft.yaml",
            ".pipe.yml",
            ".\\u{1b}[2Jclear.yaml",
        ] {
            assert_contains(&stderr, name);
        }
        assert!(
            !stderr.contains('\u{1b}'),
            "an escape reached stderr: {stderr:?}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    // A visible link to nothing is a mistake, not a lock file: it is named.
    std::os::unix::fs::symlink("gone.yaml", folder.join("moved.yaml")).unwrap();
    let stderr = rejected(pick_stack_in(dir.path()).args(["--criteria", "criteria", "matrix"]));
    problem(
        &stderr,
        "criteria/moved.yaml: no such file: a symbolic link to `gone.yaml`, which does not exist",
    );
}

#[test]
fn an_empty_criteria_variable_counts_as_unset() {
    let embedded = pick_stack().arg("matrix").output().unwrap();
    assert!(embedded.status.success());
    for args in [
        &["matrix"][..],
        &["questions"],
        &["validate"],
        &["advise", "--defaults"],
    ] {
        let output = pick_stack()
            .env("PICK_STACK_CRITERIA", "")
            .args(args)
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if args == ["matrix"] {
            assert_eq!(output.stdout, embedded.stdout);
        }
    }
}

#[test]
fn an_empty_criteria_argument_is_refused() {
    // Given on purpose, an empty path is most likely a script's variable
    // that came out empty: the embedded criteria would be a silent surprise.
    let stderr = rejected(pick_stack().args(["--criteria", "", "matrix"]));
    problem(&stderr, "--criteria: the path is empty");
}

// ---------------------------------------------------------------------------
// Numbers: every numeric field reads a number the same way.
// ---------------------------------------------------------------------------

/// A criteria file of two alternatives whose numbers are the given texts:
/// the scale's max, a base weight, a rating's score, a current score, an
/// option's `add` and `multiply`, a `set_scores` score and a group's
/// `rest_counts`.
fn criteria_with_numbers(max: &str, weight: &str, score: &str, factor: &str) -> String {
    format!(
        "scale: {{min: 0, max: {max}}}
alternatives:
  - {{id: node, name: Node.js}}
  - {{id: python, name: Python}}
criteria:
  - id: speed
    name: Speed
    weight: {weight}
    ratings:
      node: {score}
      python: {{score: 2, current: {{score: {score}, since: '2020', note: Faster.}}}}
  - id: syntax
    name: Syntax
    weight: 1
    ratings: {{node: 1, python: 2}}
groups:
  - {{id: g, name: G, why: One property., members: [speed, syntax], rest_counts: {factor}}}
questions:
  - id: load
    prompt: How heavy is the load?
    default: light
    options:
      - id: light
        label: Light
        add: {{speed: {factor}}}
        multiply: {{syntax: {factor}}}
        set_scores: {{syntax: {{node: {score}}}}}
"
    )
}

/// YAML 1.2 writes integers in hex, octal and binary too. A rating's score
/// took them while every other number (weights, scales, factors) refused
/// them with "expected f64": now each field reads them alike, as the
/// numbers they are.
#[test]
fn hex_octal_and_binary_integers_read_alike_in_every_field() {
    let written = criteria_with_numbers("0x10", "0o3", "0b1000", "+1");
    let decimal = criteria_with_numbers("16", "3", "8", "1");
    let json = |text: &str| {
        let dir = temp_file("criteria.yaml", text.as_bytes());
        let output = pick_stack_in(dir.path())
            .args(["--criteria", "criteria.yaml", "matrix", "--format", "json"])
            .output()
            .expect("pick-stack starts");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "stderr:\n{stderr}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert_eq!(json(&written), json(&decimal));
    // An answers file's weights take them as its criteria do.
    let answers = |weight: &str| {
        let text = format!("answers: {{}}\nweights:\n  values:\n    architecture: {weight}\n");
        let dir = temp_file("answers.yaml", text.as_bytes());
        let output = pick_stack_in(dir.path())
            .args(["advise", "--defaults", "--answers", "answers.yaml"])
            .args(["--format", "json"])
            .output()
            .expect("pick-stack starts");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{weight}: stderr:\n{stderr}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    assert_eq!(answers("0x10"), answers("16"));
}

/// What is not a number is refused at its place, in every field: text,
/// digits with a leading zero (YAML 1.2 reads `010` as text, where a
/// weight used to read it as 10 and a score refused it), and a number
/// closer to 0 than f64 keeps full precision for.
#[test]
fn a_number_that_is_not_one_is_located_in_every_field() {
    let valid = ("10", "2", "8", "1");
    for (field, line_column, text, said) in [
        ("scale.max", "1:22", "010", "leading zero"),
        ("criteria[0].weight", "8:13", "010", "leading zero"),
        ("criteria[0].ratings.node", "10:13", "08", "leading zero"),
        ("criteria[0].weight", "8:13", "1e-320", "closer to 0"),
        ("criteria[0].ratings.node", "10:13", "1e-320", "closer to 0"),
        ("scale.max", "1:22", "1e-320", "closer to 0"),
        ("criteria[0].weight", "8:13", "1_000", "expected a number"),
    ] {
        let (mut max, mut weight, mut score, factor) = valid;
        match field {
            "scale.max" => max = text,
            "criteria[0].weight" => weight = text,
            _ => score = text,
        }
        let dir = temp_file(
            "criteria.yaml",
            criteria_with_numbers(max, weight, score, factor).as_bytes(),
        );
        let stderr =
            rejected(pick_stack_in(dir.path()).args(["--criteria", "criteria.yaml", "matrix"]));
        let line = problem(&stderr, &format!("criteria.yaml:{line_column}: {field}: "));
        assert_contains(line, said);
    }
    for (text, said) in [
        ("010", "leading zero"),
        ("1e-320", "closer to 0"),
        ("'3'", "expected a number"),
    ] {
        let answers = format!("answers: {{}}\nweights:\n  values:\n    architecture: {text}\n");
        let dir = temp_file("answers.yaml", answers.as_bytes());
        let stderr = rejected(pick_stack_in(dir.path()).args([
            "advise",
            "--defaults",
            "--answers",
            "answers.yaml",
        ]));
        let line = problem(&stderr, "answers.yaml:4:19: weights.values.architecture: ");
        assert_contains(line, said);
    }
}

// ---------------------------------------------------------------------------
// Numbers at the edge: every finite number gives the right verdict or a
// located exit 2, and no run hangs (each has the harness's timeout).
// ---------------------------------------------------------------------------

/// pick-stack's JSON document for a run that must succeed.
fn json_of(cmd: &mut Command) -> serde_json::Value {
    let output = cmd.output().expect("pick-stack starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "exit status {:?} (None = killed after the timeout); stderr:\n{stderr}",
        output.status
    );
    serde_json::from_slice(&output.stdout).expect("a JSON document")
}

/// Three criteria with the given base weights, on a scale from 0 to
/// `max`, scored as on 0 to 10 and multiplied up: A leads B by 0.2 of 10
/// under weights in the ratio 2 : 2 : 1.
fn three_criteria(weights: [&str; 3], max: f64) -> String {
    let unit = max / 10.0;
    let score = |value: f64| format!("{:e}", value * unit);
    format!(
        "scale: {{min: 0, max: {max:e}}}
alternatives:
  - {{id: a, name: A}}
  - {{id: b, name: B}}
criteria:
  - {{id: one, name: One, weight: {}, ratings: {{a: {}, b: {}}}}}
  - {{id: two, name: Two, weight: {}, ratings: {{a: {}, b: {}}}}}
  - {{id: three, name: Three, weight: {}, ratings: {{a: {}, b: {}}}}}
",
        weights[0],
        score(9.0),
        score(5.0),
        weights[1],
        score(4.0),
        score(9.0),
        weights[2],
        score(6.0),
        score(3.0),
    )
}

/// The figures of a verdict that do not depend on the scale's units.
fn verdict_figures(json: &serde_json::Value) -> (String, String, f64) {
    (
        json["verdict"]["winner"].to_string(),
        json["stability"].to_string(),
        json["verdict"]["relative_margin"]
            .as_f64()
            .unwrap_or(f64::NAN),
    )
}

/// The example: one weight of 1e308 in an answers file made every
/// method spin at 100% CPU. Architecture alone then decides: Node.js.
#[test]
fn a_weight_of_1e308_gets_its_verdict_from_every_method() {
    let dir = temp_file(
        "answers.yaml",
        b"answers: {}\nweights:\n  values:\n    architecture: 1e308\n",
    );
    for method in ["wsm", "wpm", "topsis"] {
        let json = json_of(
            pick_stack_in(dir.path())
                .args(["advise", "--defaults", "--answers", "answers.yaml"])
                .args(["--method", method, "--format", "json"]),
        );
        assert_eq!(json["verdict"]["winner"], "node", "{method}");
    }
}

/// Weights whose sum is past f64's largest number (1.8e308) weigh in their
/// ratios, whether the criteria or an answers file gives them: the plain
/// sum made every share 0 and the verdict "tie, 0.00".
#[test]
fn weights_summing_past_f64s_range_keep_the_verdict_of_their_ratios() {
    let huge = ["1e308", "1e308", "5e307"];
    let small = ["2", "2", "1"];
    let run = |weights: [&str; 3], answers: Option<[&str; 3]>, method: &str| {
        let dir = temp_file("criteria.yaml", three_criteria(weights, 10.0).as_bytes());
        let mut cmd = pick_stack_in(dir.path());
        cmd.args(["--criteria", "criteria.yaml", "advise", "--defaults"])
            .args(["--method", method, "--format", "json"]);
        if let Some([one, two, three]) = answers {
            let text = format!("weights:\n  values: {{one: {one}, two: {two}, three: {three}}}\n");
            std::fs::write(dir.path().join("answers.yaml"), text).expect("write answers");
            cmd.args(["--answers", "answers.yaml"]);
        } else {
            cmd.write_stdin("");
        }
        json_of(&mut cmd)
    };
    for method in ["wsm", "wpm", "topsis"] {
        let expected = run(small, None, method);
        if method == "wsm" {
            assert_eq!(expected["verdict"]["winner"], "a");
        }
        for got in [run(huge, None, method), run(small, Some(huge), method)] {
            let (winner, stability, margin) = verdict_figures(&got);
            let (want_winner, want_stability, want_margin) = verdict_figures(&expected);
            assert_eq!(
                (winner, stability),
                (want_winner, want_stability),
                "{method}"
            );
            assert!(
                (margin - want_margin).abs() < 1e-12,
                "{method}: {margin} for {want_margin}"
            );
            for (total, want) in got["alternatives"]
                .as_array()
                .unwrap()
                .iter()
                .zip(expected["alternatives"].as_array().unwrap())
            {
                let (total, want) = (
                    total["total"].as_f64().unwrap(),
                    want["total"].as_f64().unwrap(),
                );
                assert!((total - want).abs() < 1e-12, "{method}: {total} for {want}");
            }
        }
    }
}

/// A scale 1e-300 or 1e300 wide compares as 0 to 10 does: a tolerance with
/// a floor of 2.2e-308 called every total on a narrow scale a tie, and a
/// scale of ±1e308 (past f64's range, refused below) every total too.
#[test]
fn scales_from_1e_300_to_1e300_wide_give_the_verdict_of_0_to_10() {
    for method in ["wsm", "wpm", "topsis"] {
        let verdict = |max: f64| {
            let dir = temp_file(
                "criteria.yaml",
                three_criteria(["2", "2", "1"], max).as_bytes(),
            );
            let json = json_of(
                pick_stack_in(dir.path())
                    .args(["--criteria", "criteria.yaml", "advise", "--defaults"])
                    .args(["--method", method, "--format", "json"])
                    .write_stdin(""),
            );
            verdict_figures(&json)
        };
        let (winner, stability, margin) = verdict(10.0);
        for max in [1e-300, 1e-100, 1e100, 1e300] {
            let (got_winner, got_stability, got_margin) = verdict(max);
            assert_eq!(
                (&got_winner, &got_stability),
                (&winner, &stability),
                "{method} 0 to {max:e}"
            );
            assert!(
                (got_margin - margin).abs() < 1e-9,
                "{method} 0 to {max:e}: {got_margin}"
            );
        }
    }
}

/// Numbers pick-stack cannot compute with are refused where they are
/// written, all in one run: a scale past ±1e300 (its sums and squares
/// overflow), a weight the answers' factors or additions can take past
/// f64's largest number or below its smallest full-precision one, and a
/// group whose members' weights can add up past f64's range.
#[test]
fn numbers_too_large_or_too_small_to_compute_with_are_located() {
    let criteria = "scale: {min: -1e308, max: 1e308}
alternatives:
  - {id: a, name: A}
  - {id: b, name: B}
criteria:
  - {id: big, name: Big, weight: 1e200, ratings: {a: 1, b: 2}}
  - {id: tiny, name: Tiny, weight: 1e-200, ratings: {a: 1, b: 2}}
  - {id: g1, name: G1, weight: 1e308, ratings: {a: 1, b: 2}}
  - {id: g2, name: G2, weight: 1e308, ratings: {a: 1, b: 2}}
groups:
  - {id: g, name: G, why: One property., members: [g1, g2]}
questions:
  - id: first
    prompt: First?
    default: x
    options:
      - {id: x, label: X, multiply: {big: 1e200, tiny: 1e-200}}
      - {id: y, label: Y, neutral: Changes nothing.}
  - id: second
    prompt: Second?
    default: x
    options:
      - {id: x, label: X, multiply: {tiny: 1e-200}}
      - {id: y, label: Y, neutral: Changes nothing.}
";
    let dir = temp_file("criteria.yaml", criteria.as_bytes());
    let stderr =
        rejected(pick_stack_in(dir.path()).args(["--criteria", "criteria.yaml", "validate"]));
    for (prefix, said) in [
        ("criteria.yaml:1:14: scale.min: ", "beyond ±1e300"),
        ("criteria.yaml:1:27: scale.max: ", "beyond ±1e300"),
        (
            "criteria.yaml:6:34: criteria[0].weight: ",
            "can exceed the largest number",
        ),
        (
            "criteria.yaml:7:36: criteria[1].weight: ",
            "can fall to 0, below 2.2e-308",
        ),
        (
            "criteria.yaml:11:51: groups[0].members: ",
            "can add up past the largest number",
        ),
    ] {
        assert_contains(problem(&stderr, prefix), said);
    }
    // An answers file's weight is checked against the embedded criteria's
    // factors: `scale: large` doubles scalability.
    let dir = temp_file(
        "answers.yaml",
        b"answers: {}\nweights:\n  values:\n    scalability: 1e308\n",
    );
    let stderr = rejected(pick_stack_in(dir.path()).args([
        "advise",
        "--defaults",
        "--answers",
        "answers.yaml",
    ]));
    let line = problem(&stderr, "answers.yaml:4:18: weights.values.scalability: ");
    assert_contains(
        line,
        "weight 1e308 with the answers' additions (up to 0) and factors (up to ×2)",
    );
}

/// `weigh` keeps the compared criteria's total base weight: summed near 1,
/// base weights of 1e308 keep theirs, and a share of it past f64's range
/// is an input error naming the criteria, not an infinite weight saved.
#[test]
fn weigh_scales_to_base_weights_summing_past_f64s_range() {
    let criteria = three_criteria(["1e308", "1e308", "1"], 10.0);
    let dir = temp_file("criteria.yaml", criteria.as_bytes());
    let compare = |judgement: &str| {
        let text = format!("comparisons:\n  - [one, two, {judgement}]\n");
        std::fs::write(dir.path().join("comparisons.yaml"), text).expect("write comparisons");
        let mut cmd = pick_stack_in(dir.path());
        cmd.args(["--criteria", "criteria.yaml", "weigh"]).args([
            "--comparisons",
            "comparisons.yaml",
            "--format",
            "json",
        ]);
        cmd
    };
    let json = json_of(&mut compare("3"));
    let saved: Vec<f64> = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|criterion| criterion["base_weight_saved"].as_f64().unwrap())
        .collect();
    assert_eq!(saved, [1.5e308, 5e307]);
    let stderr = rejected(&mut compare("9"));
    let line = problem(&stderr, "criteria.yaml: ");
    assert_contains(line, "add up to 2.00e308");
}

/// Figures from numbers that large are shown as numbers a person reads:
/// no "inf" for a weight of 1.7e308 (whose hundredfold is past f64's
/// range) and no run of hundreds of digits for a flip factor of 1e306 or a
/// total on a 0-to-1e300 scale, in any text format.
#[test]
fn figures_at_the_edge_are_shown_readably() {
    let answers =
        b"answers: {}\nweights:\n  values:\n    architecture: 1.7e308\n    syntax: 1.7e308\n";
    let dir = temp_file("answers.yaml", answers);
    std::fs::write(
        dir.path().join("criteria.yaml"),
        three_criteria(["1e308", "1e308", "1"], 1e300),
    )
    .expect("write criteria");
    let runs: [&[&str]; 2] = [
        &[
            "advise",
            "--defaults",
            "--answers",
            "answers.yaml",
            "--explain",
        ],
        &[
            "--criteria",
            "criteria.yaml",
            "advise",
            "--defaults",
            "--explain",
        ],
    ];
    for args in runs {
        for format in ["table", "markdown"] {
            for method in ["wsm", "wpm", "topsis"] {
                let output = pick_stack_in(dir.path())
                    .args(args)
                    .args(["--format", format, "--method", method])
                    .write_stdin("")
                    .output()
                    .expect("pick-stack starts");
                let stdout = String::from_utf8_lossy(&output.stdout);
                assert_eq!(output.status.code(), Some(0), "{args:?} {format} {method}");
                let digits = stdout
                    .split(|c: char| !c.is_ascii_digit())
                    .map(str::len)
                    .max()
                    .unwrap_or(0);
                assert!(
                    digits < 20,
                    "{args:?} {format} {method}: a run of {digits} digits:\n{stdout}"
                );
                assert!(
                    !stdout.contains("inf"),
                    "{args:?} {format} {method}:\n{stdout}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The CI gate: `--expect` names one alternative, and no other can pass for
// it.
// ---------------------------------------------------------------------------

/// The example: `--expect node` passed when the winner was
/// another alternative named "NODE", because the id of one and the name of
/// the other matched the same value. Loading now refuses such criteria,
/// at the later of the two, so the gate never runs on them.
#[test]
fn expect_cannot_be_shadowed_by_another_alternatives_name() {
    let criteria = "scale: {min: 0, max: 10}
alternatives:
  - {id: x, name: NODE}
  - {id: node, name: Node.js}
criteria:
  - {id: speed, name: Speed, weight: 1, ratings: {x: 9, node: 1}}
";
    let dir = temp_file("criteria.yaml", criteria.as_bytes());
    let stderr = rejected(
        pick_stack_in(dir.path())
            .args(["--criteria", "criteria.yaml", "advise", "--defaults"])
            .args(["--expect", "node"])
            .write_stdin(""),
    );
    let line = problem(&stderr, "criteria.yaml:4:10: alternatives[1].id: ");
    assert_contains(
        line,
        "alternative id `node` is written like the name `NODE` of alternative `x` (alternatives[0])",
    );
    assert_contains(line, "`--expect` could mean either");
}

/// Ids and names are apart across all alternatives, whatever the case,
/// compatibility forms (full-width letters) or invisible characters
/// (a zero-width space, shown as its code point), and a name that mixes
/// Latin with Cyrillic letters is reported: every problem in one run.
#[test]
fn alternatives_written_alike_or_in_mixed_scripts_are_all_located() {
    let criteria = "scale: {min: 0, max: 10}
alternatives:
  - {id: node, name: Node.js}
  - {id: python, name: Python}
  - {id: NODE, name: Deno}
  - {id: pypy, name: python}
  - {id: bun, name: \"\u{FF2E}\u{FF4F}\u{FF44}\u{FF45}.js\"}
  - {id: \"de\\u200bno\", name: \"N\u{043E}de\"}
criteria:
  - {id: speed, name: Speed, weight: 1, ratings: {node: 1, python: 2}}
";
    let dir = temp_file("criteria.yaml", criteria.as_bytes());
    let stderr =
        rejected(pick_stack_in(dir.path()).args(["--criteria", "criteria.yaml", "validate"]));
    for (prefix, said) in [
        (
            "criteria.yaml:5:10: alternatives[2].id: ",
            "id `NODE` is written like the id `node` of alternative `node`",
        ),
        (
            "criteria.yaml:6:22: alternatives[3].name: ",
            "name `python` is written like the id `python` of alternative `python`",
        ),
        (
            "criteria.yaml:7:21: alternatives[4].name: ",
            "is written like the name `Node.js` of alternative `node`",
        ),
        (
            "criteria.yaml:8:10: alternatives[5].id: ",
            "id `de\\u{200B}no` is written like the name `Deno` of alternative `NODE`",
        ),
        (
            "criteria.yaml:8:30: alternatives[5].name: ",
            "mixes Latin and Cyrillic letters (\u{043E} U+043E is Cyrillic)",
        ),
    ] {
        assert_contains(problem(&stderr, prefix), said);
    }
}

/// `--expect` takes an alternative's id or name as a reader would write
/// it, in any case or in full-width letters; one that names no
/// alternative is an input error.
#[test]
fn expect_matches_ids_and_names_as_a_reader_writes_them() {
    let answers = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/python-team-realtime.yaml");
    for given in ["python", "PYTHON", "Python", "\u{FF30}ython"] {
        pick_stack()
            .args(["advise", "--answers"])
            .arg(&answers)
            .args(["--expect", given])
            .assert()
            .success();
    }
    pick_stack()
        .args(["advise", "--answers"])
        .arg(&answers)
        .args(["--expect", "NODE.JS"])
        .assert()
        .code(3);
    let stderr = rejected(
        pick_stack()
            .args(["advise", "--answers"])
            .arg(&answers)
            .args(["--expect", "ruby"]),
    );
    assert_contains(problem(&stderr, "--expect: "), "unknown alternative `ruby`");
}

#[test]
fn a_criteria_folder_does_not_follow_links_out_of_itself() {
    // A shared folder could hold `z.yaml -> ~/.npmrc`: the token must not
    // be read, let alone quoted in an error message.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("criteria");
    std::fs::create_dir(&folder).unwrap();
    valid_criteria_in(&folder, "criteria.yaml");
    let secret = dir.path().join("npmrc");
    std::fs::write(&secret, "//registry.npmjs.org/:_authToken=npm_SECRET\n").unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("z.yaml")).unwrap();
    for args in [
        &["--criteria", "criteria", "matrix"][..],
        &["validate", "criteria"],
        &["validate", "criteria", "--format", "json"],
    ] {
        let output = pick_stack_in(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!all.contains("SECRET"), "{args:?} quoted the file: {all}");
        assert!(
            all.contains("z.yaml") && all.contains("outside the criteria folder"),
            "{args:?}: {all}"
        );
    }
    // A link within the folder is fine.
    std::fs::remove_file(folder.join("z.yaml")).unwrap();
    std::fs::create_dir(folder.join("shared")).unwrap();
    std::fs::rename(folder.join("criteria.yaml"), folder.join("shared/c.yaml")).unwrap();
    std::os::unix::fs::symlink("shared/c.yaml", folder.join("criteria.yaml")).unwrap();
    let output = pick_stack_in(dir.path())
        .args(["--criteria", "criteria", "matrix"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_file_that_is_not_a_pick_stack_document_is_not_quoted() {
    // `--answers` or `--comparisons` may reach a credentials file through
    // a link a pull request added: say what it is, never what it holds.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("credentials"),
        "https://user:ghp_SECRET@github.com\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("list.yaml"), "- ghp_SECRET\n").unwrap();
    for args in [
        &["advise", "--answers", "credentials"][..],
        &["weigh", "--comparisons", "credentials"],
        &["validate", "credentials"],
        &["advise", "--answers", "list.yaml"],
    ] {
        let stderr = rejected(pick_stack_in(dir.path()).args(args));
        assert!(
            !stderr.contains("SECRET"),
            "{args:?} quoted the file: {stderr}"
        );
        assert!(
            stderr.contains("not a pick-stack file"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn numbers_in_messages_are_shown_as_written_not_in_300_digits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "comparisons:\n  - [architecture, speed, 1e308]\n",
    )
    .unwrap();
    let stderr = rejected(pick_stack_in(dir.path()).args(["weigh", "--comparisons", "c.yaml"]));
    problem(
        &stderr,
        "c.yaml:2:27: comparisons[0][2]: 1e308 is outside Saaty's scale",
    );
    // Past f64's range, YAML reads it as text: said as a number too large.
    std::fs::write(
        dir.path().join("w.yaml"),
        "answers: {}\nweights:\n  values:\n    speed: 1e309\n",
    )
    .unwrap();
    let stderr =
        rejected(pick_stack_in(dir.path()).args(["advise", "--defaults", "--answers", "w.yaml"]));
    problem(
        &stderr,
        "w.yaml:4:12: weights.values.speed: 1e309 is past the largest number 64-bit floating point holds",
    );
    assert!(stderr.len() < 400, "{stderr}");
}

/// Issue 16: every problem of a file in one run, parse problems first as
/// far as the parser can go on, then the checks on the repaired document;
/// a field repaired with a stand-in adds nothing of its own (the weight
/// `abc` is not also "every weight is 0", the misspelt `name` is not also
/// missing).
#[test]
fn validate_reports_parse_and_check_problems_in_one_run() {
    let stderr =
        rejected(pick_stack().args(["validate", "criteria_parse_and_check_problems.yaml"]));
    let file = "criteria_parse_and_check_problems.yaml";
    assert_eq!(
        problems(&stderr),
        [
            format!(
                "{file}:6:5: alternatives[0]: unknown field `nmae`; valid fields: id, name, note"
            ),
            format!("{file}:14:13: criteria[0].weight: expected a number, found the text \"abc\""),
            format!(
                "{file}:19:11: criteria[1].kind: unknown value `lower`; valid values: benefit, cost"
            ),
            format!(
                "{file}:9:9: alternatives[2].id: duplicate alternative id `python` (first at {file}:7:9)"
            ),
            format!(
                "{file}:16:9: criteria[1].id: duplicate criterion id `speed` (first at {file}:12:9)"
            ),
            format!(
                "{file}:15:32: criteria[0].ratings.python: score 42 is outside the scale 0 to 10"
            ),
            // No "has no rating for alternative `python`": the second
            // `python` cannot be rated apart from the first, and its
            // duplicate id says so already.
        ]
    );
    // JSON names the field of a parse problem too.
    let output = pick_stack()
        .args([
            "validate",
            "criteria_parse_and_check_problems.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["problems"][1]["field"], "criteria[0].weight");
    assert_eq!(json["problems"][1]["line"], 14);
}

/// Answers and comparisons files report every problem in one run as well:
/// an answer of the wrong kind, a misspelt section, a weight that is no
/// number, then an unknown question and option; a judgement off the scale,
/// one that is no number, then an unknown criterion and a missing pair.
#[test]
fn answers_and_comparisons_report_every_problem_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "answers:\n  workload: [a, b]\n  realtim: core\n  ai: nonsense\nanwsers: x\nweights:\n  from: x\n  values: {speed: abc}\n",
    )
    .unwrap();
    let stderr =
        rejected(pick_stack_in(dir.path()).args(["advise", "--defaults", "--answers", "a.yaml"]));
    let lines = problems(&stderr);
    assert_eq!(lines.len(), 5, "{stderr}");
    for (line, wanted) in lines.iter().zip([
        "a.yaml:2:13: answers.workload: expected a string, found a list",
        "a.yaml:5:1: unknown field `anwsers`; did you mean `answers`?",
        "a.yaml:8:19: weights.values.speed: expected a number, found the text \"abc\"",
        "a.yaml:3:3: answers.realtim: unknown question `realtim`; did you mean `realtime`?",
        "a.yaml:4:7: answers.ai: unknown option `nonsense` for question `ai`",
    ]) {
        assert!(line.starts_with(wanted), "{wanted:?} in:\n{stderr}");
    }
    std::fs::write(
        dir.path().join("c.yaml"),
        "comparisons:\n  - [speed, syntax, 30]\n  - [speed, libraries, abc]\n  - [syntax, nothing, 2]\n",
    )
    .unwrap();
    let stderr = rejected(pick_stack_in(dir.path()).args(["weigh", "--comparisons", "c.yaml"]));
    let lines = problems(&stderr);
    assert_eq!(lines.len(), 4, "{stderr}");
    for (line, wanted) in lines.iter().zip([
        "c.yaml:2:21: comparisons[0][2]: 30 is outside Saaty's scale",
        "c.yaml:3:24: comparisons[1][2]: `abc` is not a number or a fraction like 1/3",
        "c.yaml:4:14: comparisons[2][1]: unknown criterion `nothing`",
        "c.yaml: every pair of the compared criteria needs a judgement; missing: [syntax, libraries]",
    ]) {
        assert!(line.starts_with(wanted), "{wanted:?} in:\n{stderr}");
    }
}

#[test]
fn a_duplicate_id_names_where_the_first_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("criteria");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("1.yaml"),
        "scale: {min: 0, max: 10}\nalternatives: [{id: a, name: A}, {id: b, name: B}]\ncriteria:\n  - {id: c, name: C, weight: 1, ratings: {a: 1, b: 3}}\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("2.yaml"),
        "criteria:\n  - {id: c, name: C2, weight: 1, ratings: {a: 1, b: 3}}\n",
    )
    .unwrap();
    let stderr = rejected(pick_stack_in(dir.path()).args(["validate", "criteria"]));
    problem(
        &stderr,
        "criteria/2.yaml:2:10: criteria[0].id: duplicate criterion id `c` (first at criteria/1.yaml:4:10)",
    );
}

#[test]
fn a_repeated_key_does_not_hide_the_other_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "answers: {scale: [1], ai: none, ai: own, workload: webapp}\n",
    )
    .unwrap();
    let stderr =
        rejected(pick_stack_in(dir.path()).args(["advise", "--defaults", "--answers", "a.yaml"]));
    for wanted in [
        "a.yaml:1:18: answers.scale: expected a string, found a list",
        "a.yaml:1:33: answers: duplicate key `ai`",
        "a.yaml:1:52: answers.workload: unknown option `webapp`",
    ] {
        problem(&stderr, wanted);
    }
    std::fs::write(
        dir.path().join("c.yaml"),
        "scale: {min: 0, max: 10}\nalternatives: [{id: a, name: A}, {id: b, name: B}]\ncriteria:\n  - id: c\n    name: C\n    weight: \"x\"\n    weight: 2\n    ratings: {a: 50, b: 3}\n",
    )
    .unwrap();
    let stderr = rejected(pick_stack_in(dir.path()).args(["validate", "c.yaml"]));
    for wanted in [
        "c.yaml:6:13: criteria[0].weight: expected a number",
        "c.yaml:7:5: criteria[0]: duplicate key `weight`",
        "c.yaml:8:18: criteria[0].ratings.a: score 50 is outside the scale 0 to 10",
    ] {
        problem(&stderr, wanted);
    }
}

#[test]
fn criteria_rating_ranges_are_checked_where_they_are_written() {
    let stderr = criteria_rejected("criteria_range_problems.yaml");
    let file = "criteria_range_problems.yaml";
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:11:35: criteria[0].ratings.node.range[1]: "),
        ),
        "the range's high end, 12, is outside the scale 0 to 10",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:12:29: criteria[0].ratings.py.range: "),
        ),
        "write [4, 6]",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:13:29: criteria[0].ratings.go.range: "),
        ),
        "got one number",
    );
    assert_contains(
        problem(
            &stderr,
            &format!("{file}:18:31: criteria[1].ratings.node.range: "),
        ),
        "leaves out the rating's current score 8",
    );
    assert_eq!(problems(&stderr).len(), 4, "{stderr}");
}

/// A name every report shows must show something: empty, spaces only or
/// invisible characters only leave a column with no heading and a verdict
/// that names no one.
#[test]
fn a_name_that_shows_nothing_is_refused_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "scale: {min: 0, max: 10}\nalternatives: [{id: a, name: \"\"}, {id: b, name: \"  \\u200B \"}]\ncriteria:\n  - {id: c, name: \"\", weight: 1, ratings: {a: 1, b: 3}}\n  - {id: d, name: D, weight: 1, ratings: {a: 1, b: 3}}\n",
    )
    .unwrap();
    let stderr = rejected(pick_stack_in(dir.path()).args(["validate", "c.yaml"]));
    problem(
        &stderr,
        "c.yaml:2:30: alternatives[0].name: alternative `a` has a name that shows nothing; give it a name a reader sees",
    );
    problem(
        &stderr,
        "c.yaml:2:49: alternatives[1].name: alternative `b` has a name that shows nothing",
    );
    problem(
        &stderr,
        "c.yaml:4:19: criteria[0].name: criterion `c` has a name that shows nothing",
    );
    assert_eq!(problems(&stderr).len(), 3, "{stderr}");
}
