//! The built binary, run the ways CI and scripts run it: answers piped or
//! named, criteria swapped, output redirected.

use std::path::Path;

use assert_cmd::Command;

const ML_PIPELINE: &str = "answers:\n  workload: data\n  ai: own\n";

fn pick_stack() -> Command {
    let mut command = Command::cargo_bin("pick-stack").expect("binary is built");
    command
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS");
    command
}

fn stdout_of(command: &mut Command) -> String {
    let output = command.output().expect("run pick-stack");
    assert!(
        output.status.success(),
        "pick-stack failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn write(folder: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

#[test]
fn piped_named_and_dash_answers_print_the_same_table() {
    let folder = tempfile::tempdir().unwrap();
    let answers = write(folder.path(), "answers.yaml", ML_PIPELINE);
    let piped = stdout_of(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin(ML_PIPELINE),
    );
    let named = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--answers"])
            .arg(&answers),
    );
    let dash = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--answers", "-"])
            .write_stdin(ML_PIPELINE),
    );
    assert_eq!(piped, named);
    assert_eq!(piped, dash);
    assert!(piped.contains("Verdict: Python,"), "{piped}");
}

#[test]
fn a_machine_learning_project_gets_python_and_real_time_chat_gets_node() {
    let ml = stdout_of(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin(ML_PIPELINE),
    );
    assert!(ml.contains("Verdict: Python,"), "{ml}");
    let chat = "answers:\n  realtime: core\n";
    let chat = stdout_of(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin(chat),
    );
    assert!(chat.contains("Verdict: Node.js,"), "{chat}");
}

#[test]
fn a_named_answers_file_wins_over_stdin() {
    let folder = tempfile::tempdir().unwrap();
    let answers = write(folder.path(), "answers.yaml", ML_PIPELINE);
    let output = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--answers"])
            .arg(&answers)
            .write_stdin("answers:\n  realtime: core\n"),
    );
    assert!(output.contains("Verdict: Python,"), "{output}");
}

#[test]
fn saved_answers_are_commented_and_replay_to_the_same_output() {
    let folder = tempfile::tempdir().unwrap();
    let saved = folder.path().join("saved.yaml");
    // An earlier answers file: --save-answers replaces only those without
    // --force.
    std::fs::write(
        &saved,
        "# old content that must be replaced whole\nanswers:\n  workload: web_app\n",
    )
    .unwrap();
    let first = pick_stack()
        .args(["advise", "--defaults", "--save-answers"])
        .arg(&saved)
        .write_stdin(ML_PIPELINE)
        .output()
        .unwrap();
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stderr).contains("Answers saved to"));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(!text.contains("old content"), "{text}");
    assert!(
        text.contains("  # What kind of product is it mainly?\n"),
        "{text}"
    );
    assert!(text.contains("  workload: data\n"), "{text}");
    // A follow-up that applies is written; one that does not is there
    // only as a comment, so a replay cannot contradict the other answers.
    assert!(text.contains("  ml_work: train\n"), "{text}");
    assert!(
        text.contains("  # existing_plan: extend   (does not apply"),
        "{text}"
    );
    // Every question is written out, so the file replays without --defaults.
    let replay = stdout_of(pick_stack().args(["advise", "--answers"]).arg(&saved));
    assert_eq!(replay, String::from_utf8(first.stdout).unwrap());
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("saved.yaml")]);
}

#[test]
fn the_template_is_a_valid_answers_file() {
    let template = stdout_of(pick_stack().args(["questions", "--template"]));
    let advice = stdout_of(pick_stack().arg("advise").write_stdin(template));
    let defaults = stdout_of(pick_stack().args(["advise", "--defaults"]).write_stdin(""));
    assert_eq!(advice, defaults);
}

#[test]
fn matrix_lists_the_nine_criteria_with_sources() {
    let matrix = stdout_of(pick_stack().arg("matrix"));
    for name in [
        "Architecture",
        "Speed & performance",
        "Syntax",
        "Scalability",
        "Learning curve",
        "Libraries",
        "Error handling",
        "Universality",
        "Community & hiring",
    ] {
        assert!(matrix.contains(name), "matrix lacks {name}:\n{matrix}");
    }
    assert!(matrix.contains("1. Architecture"));
    assert!(matrix.contains("Use cases / conclusion"));
}

/// A four-line criteria set split over two files in a folder.
fn custom_criteria(folder: &Path) {
    write(
        folder,
        "a-criteria.yaml",
        "scale: {min: 1, max: 5}\n\
         alternatives:\n  - {id: go, name: Go}\n  - {id: rust, name: Rust}\n  - {id: zig, name: Zig}\n\
         criteria:\n  - id: safety\n    name: Safety\n    weight: 1\n    ratings:\n      go: {score: 3}\n      rust: {score: 5}\n      zig: {score: 2}\n\
         \x20 - id: builds\n    name: Build speed\n    weight: 1\n    ratings:\n      go: {score: 5}\n      rust: {score: 2}\n      zig: {score: 4}\n",
    );
    write(
        folder,
        "b-questions.yaml",
        "questions:\n  - id: focus\n    prompt: What matters most?\n    default: even\n    options:\n      - {id: even, label: Both}\n      - id: safety\n        label: Safety\n        multiply: {safety: 3}\n",
    );
}

#[test]
fn a_criteria_folder_replaces_the_embedded_data_by_flag_or_environment() {
    let folder = tempfile::tempdir().unwrap();
    custom_criteria(folder.path());
    // Even weights: Go (3 + 5)/2 = 4, Rust 3.5, Zig 3.
    let by_flag = stdout_of(
        pick_stack()
            .arg("--criteria")
            .arg(folder.path())
            .args(["advise", "--defaults"])
            .write_stdin(""),
    );
    assert!(
        by_flag.contains("Verdict: Go, 4.00 to 3.50 for Rust"),
        "{by_flag}"
    );
    // Safety ×3: Go (9 + 5)/4 = 3.5, Rust (15 + 2)/4 = 4.25, Zig (6 + 4)/4 = 2.5.
    let by_env = stdout_of(
        pick_stack()
            .env("PICK_STACK_CRITERIA", folder.path())
            .arg("advise")
            .write_stdin("answers: {focus: safety}\n"),
    );
    assert!(
        by_env.contains("Verdict: Rust, 4.25 to 3.50 for Go"),
        "{by_env}"
    );
    assert!(!by_env.contains("Node.js"));
}

#[test]
fn equal_totals_are_a_tie() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = write(
        folder.path(),
        "tie.yaml",
        "scale: {min: 0, max: 10}\nalternatives:\n  - {id: a, name: Alpha}\n  - {id: b, name: Beta}\n\
         criteria:\n  - id: x\n    name: X\n    weight: 1\n    ratings: {a: {score: 4}, b: {score: 6}}\n\
         \x20 - id: y\n    name: Y\n    weight: 1\n    ratings: {a: {score: 6}, b: {score: 4}}\n",
    );
    let output = stdout_of(
        pick_stack()
            .arg("--criteria")
            .arg(&criteria)
            .args(["advise"])
            .write_stdin(""),
    );
    assert!(
        output.contains("Verdict: a tie: Alpha and Beta each score 5.00"),
        "{output}"
    );
}

#[test]
fn piped_output_has_no_escape_codes_and_columns_bounds_the_width() {
    let wide = stdout_of(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin(ML_PIPELINE),
    );
    assert!(!wide.contains('\x1b'));
    let narrow = stdout_of(pick_stack().env("COLUMNS", "60").arg("matrix"));
    for line in narrow
        .lines()
        .filter(|line| line.starts_with(['┌', '│', '└', '╞']))
    {
        assert!(
            line.chars().count() <= 60,
            "line wider than 60 columns: {line}"
        );
    }
}

#[test]
fn help_lists_commands_and_exit_codes() {
    let help = stdout_of(pick_stack().arg("--help"));
    for text in [
        "advise",
        "matrix",
        "questions",
        "--criteria",
        "Exit status:",
        "130",
    ] {
        assert!(help.contains(text), "help lacks {text}:\n{help}");
    }
    let version = stdout_of(pick_stack().arg("--version"));
    assert!(version.starts_with("pick-stack "), "{version}");
}

#[test]
fn a_full_disk_is_an_io_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pick-stack"))
        .arg("matrix")
        .env_remove("PICK_STACK_CRITERIA")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

#[test]
fn validate_passes_the_shipped_criteria_and_reports_every_seeded_problem() {
    let embedded = stdout_of(pick_stack().arg("validate"));
    assert!(
        embedded.starts_with("the embedded criteria: ok: 2 alternatives"),
        "{embedded}"
    );
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria");
    let shipped = stdout_of(pick_stack().arg("validate").arg(&folder));
    assert!(shipped.contains(": ok: "), "{shipped}");

    let seeded = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let output = pick_stack()
        .current_dir(&seeded)
        .args(["validate", "criteria_many_problems.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for located in [
        "criteria_many_problems.yaml:8:13: criteria[0].weight:",
        "criteria_many_problems.yaml:10:21: criteria[0].ratings.node.score:",
        "criteria_many_problems.yaml:11:7: criteria[0].ratings.pyhton:",
        "criteria_many_problems.yaml:15:14: questions[0].default:",
        "criteria_many_problems.yaml:20:18: questions[0].options[0].multiply.speed:",
    ] {
        assert!(
            stderr.contains(located),
            "{located} missing from:\n{stderr}"
        );
    }
}

#[test]
fn every_method_runs_on_the_embedded_criteria_and_agrees_on_clear_cases() {
    let chat = "answers:\n  realtime: core\n";
    for method in ["wsm", "wpm", "topsis"] {
        let ml = stdout_of(
            pick_stack()
                .args(["advise", "--defaults", "--method", method])
                .write_stdin(ML_PIPELINE),
        );
        assert!(ml.contains("Verdict: Python,"), "{method}: {ml}");
        let realtime = stdout_of(
            pick_stack()
                .args(["advise", "--defaults", "--method", method])
                .write_stdin(chat),
        );
        assert!(
            realtime.contains("Verdict: Node.js,"),
            "{method}: {realtime}"
        );
        assert!(realtime.contains("Stability: "), "{method}: {realtime}");
    }
}

#[test]
fn a_hard_constraint_rules_python_out_with_its_reason() {
    let answers = "answers:\n  workload: data\n  ai: own\n  mobile: same_code\n";
    let output = stdout_of(
        pick_stack()
            .args(["advise", "--defaults"])
            .write_stdin(answers),
    );
    // Python would win on the scores, but the answer rules it out.
    assert!(output.contains("Python (ruled out)"), "{output}");
    assert!(
        output.contains(
            "Python is ruled out: Code shared between a mobile app and its server means JavaScript or TypeScript"
        ),
        "{output}"
    );
    assert!(output.contains("(answer mobile = same_code)"), "{output}");
    assert!(
        output.contains("Verdict: Node.js, the only alternative not ruled out"),
        "{output}"
    );
}

/// The numbers on a `Name: a + b + … = t` line.
fn terms_and_total(line: &str) -> (Vec<f64>, f64) {
    let (_, sum) = line.split_once(": ").expect("name: terms");
    let (terms, total) = sum.rsplit_once(" = ").expect("terms = total");
    let terms = terms
        .split(" + ")
        .map(|term| term.trim().parse().expect("a number"))
        .collect();
    (terms, total.trim().parse().expect("a total"))
}

/// Says whether printed figures that miss their printed total are
/// explained by the one rounding note.
fn assert_rounding_explained(output: &str, sum: f64, total: f64, decimals: usize, line: &str) {
    let note = "Each figure is rounded on its own";
    if format!("{sum:.decimals$}") == format!("{total:.decimals$}") {
        return;
    }
    assert!(
        output.contains(note),
        "{line}: printed figures add up to {sum:.decimals$}, not {total}, and nothing says why:\n{output}"
    );
}

#[test]
fn explain_figures_are_rounded_alike_and_a_miss_is_explained() {
    for answers in [
        ML_PIPELINE,
        "answers:\n  realtime: core\n  scale: large\n",
        "",
    ] {
        let output = stdout_of(
            pick_stack()
                .args(["advise", "--defaults", "--explain"])
                .write_stdin(answers),
        );
        let totals: Vec<&str> = output
            .lines()
            .skip_while(|line| *line != "Totals")
            .skip(1)
            .take_while(|line| line.starts_with("  "))
            .filter(|line| line.contains(" = "))
            .collect();
        assert_eq!(totals.len(), 2, "{output}");
        for line in totals {
            let (terms, total) = terms_and_total(line);
            let sum: f64 = terms.iter().sum();
            // Each term is within half a unit of the third decimal.
            assert!(
                (sum - total).abs() <= 5e-4 * terms.len() as f64 + 1e-9,
                "{line}: terms add up to {sum}"
            );
            assert_rounding_explained(&output, sum, total, 3, line);
        }
        let shares: f64 = output
            .lines()
            .filter_map(|line| line.split_once("in all: ").map(|(_, rest)| rest))
            .map(|rest| {
                rest.trim_end_matches("% of the total")
                    .parse::<f64>()
                    .expect("a share")
            })
            .sum();
        // Shares are each rounded to 0.01% so that equal weights print alike;
        // they add up to 100 within that rounding.
        let weighted = output
            .lines()
            .filter(|line| line.contains("in all: "))
            .count() as f64;
        assert!(
            (shares - 100.0).abs() <= 0.005 * weighted,
            "shares add up to {shares}"
        );
        // Equal weight and score print equal points; a column that misses
        // its total row by rounding says so under the table.
        let cells = |line: &str| -> Vec<String> {
            line.split(['│', '┆'])
                .map(|cell| cell.trim().to_owned())
                .collect()
        };
        let criteria_rows: Vec<Vec<String>> = output
            .lines()
            .filter(|line| line.starts_with('│') && line.contains('%'))
            .map(cells)
            .collect();
        let total_row = output
            .lines()
            .find(|line| line.contains("Total (sum)"))
            .map(cells)
            .expect("a total row");
        let mut printed = std::collections::HashMap::new();
        for row in &criteria_rows {
            for (score, points) in [(3, 4), (5, 6)] {
                let key = (row[2].clone(), row[score].clone());
                let previous = printed.insert(key.clone(), row[points].clone());
                assert!(
                    previous.is_none_or(|previous| previous == row[points]),
                    "weight and score {key:?} print different points:\n{output}"
                );
            }
        }
        for column in [4, 6] {
            let sum: f64 = criteria_rows
                .iter()
                .map(|row| row[column].parse::<f64>().unwrap())
                .sum();
            let total: f64 = total_row[column].parse().unwrap();
            assert!(
                (sum - total).abs() <= 5e-3 * criteria_rows.len() as f64,
                "column {column}: {sum} vs {total}"
            );
            assert_rounding_explained(&output, sum, total, 2, "table");
        }
    }
}

/// The bars of a report: each alternative's name and its filled cells.
fn bars(output: &str) -> Vec<(String, usize, usize)> {
    output
        .lines()
        .filter(|line| line.contains('█') || line.contains('░'))
        .map(|line| {
            let name = line.split_whitespace().next().unwrap().to_owned();
            let filled = line.chars().filter(|c| *c == '█').count();
            let empty = line.chars().filter(|c| *c == '░').count();
            (name, filled, filled + empty)
        })
        .collect()
}

#[test]
fn every_method_draws_its_bars_on_one_stated_scale() {
    // A weighted product with weights summing to 1 is a weighted geometric
    // mean of the scores: on the 0–10 scale like the weighted sum, so a
    // 7.69 is never a full bar.
    for method in ["wsm", "wpm"] {
        let output = stdout_of(pick_stack().args(["advise", "--defaults", "--method", method]));
        assert!(output.contains("bars on the 0–10 scale"), "{output}");
        for (name, filled, width) in bars(&output) {
            let total: f64 = output
                .lines()
                .find(|line| line.contains('█') && line.trim_start().starts_with(&name))
                .and_then(|line| line.split_whitespace().last())
                .unwrap()
                .parse()
                .unwrap();
            let expected = (total / 10.0 * width as f64).round() as usize;
            assert_eq!(filled, expected, "{method}: {name} at {total}:\n{output}");
            assert!(filled < width, "{method}: {name} at {total} is a full bar");
        }
    }
    let output = stdout_of(pick_stack().args(["advise", "--defaults", "--method", "topsis"]));
    assert!(output.contains("bars on closeness from 0 to 1"), "{output}");
}

#[test]
fn a_ruled_out_alternative_never_leads_and_the_one_left_does_not_either() {
    // The browser must run the server's code: Python is ruled out, and rows
    // Python scores higher (syntax, the team's Python skills) are led by no one.
    let output = stdout_of(pick_stack().args(["advise", "--defaults"]).write_stdin(
        "answers:\n  workload: web_app\n  browser_sharing: must\n  team_skills: python\n",
    ));
    let rows: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with('│') && line.contains('%'))
        .collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let leader = row.trim_end_matches('│').rsplit('┆').next().unwrap().trim();
        assert_eq!(leader, "–", "{row}");
    }
    assert!(
        output.contains("Leader: – in every row, as only Node.js is still in the running"),
        "{output}"
    );
    let json = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--format", "json"])
            .write_stdin("answers:\n  workload: web_app\n  browser_sharing: must\n"),
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    for criterion in json["criteria"].as_array().unwrap() {
        assert_eq!(criterion["leaders"], serde_json::json!([]), "{criterion}");
    }
}

#[test]
fn saved_weights_are_written_short_and_replay_exactly() {
    let folder = tempfile::tempdir().unwrap();
    let answers = folder.path().join("answers.yaml");
    let saved = folder.path().join("saved.yaml");
    std::fs::write(
        &answers,
        "answers: {}\nweights:\n  values:\n    speed: 1.2e20\n    syntax: 1.5e-300\n    architecture: 0.3333333333333333\n",
    )
    .unwrap();
    let json = |path: &std::path::Path, save: Option<&std::path::Path>| {
        let mut command = pick_stack();
        command
            .args(["advise", "--defaults", "--format", "json", "--answers"])
            .arg(path);
        if let Some(save) = save {
            command.arg("--save-answers").arg(save);
        }
        let value: serde_json::Value = serde_json::from_str(&stdout_of(&mut command)).unwrap();
        (value["criteria"].clone(), value["verdict"].clone())
    };
    let first = json(&answers, Some(&saved));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("speed: 1.2e20\n"), "{text}");
    assert!(text.contains("syntax: 1.5e-300\n"), "{text}");
    assert!(
        !text.contains("from:"),
        "an empty `from` is left out:\n{text}"
    );
    assert!(text.lines().all(|line| line.len() < 120), "{text}");
    assert_eq!(json(&saved, None), first);
}

#[test]
fn a_piped_matrix_is_laid_out_for_a_reader_unless_columns_says_otherwise() {
    let widest = |output: &str| {
        output
            .lines()
            .map(|line| line.chars().count())
            .max()
            .unwrap()
    };
    let piped = stdout_of(pick_stack().arg("matrix"));
    assert!(widest(&piped) <= 100, "{}", widest(&piped));
    // The rationales are all there, under the table.
    assert!(piped.contains("An event loop on one thread"), "{piped}");
    let wide = stdout_of(pick_stack().arg("matrix").env("COLUMNS", "160"));
    assert!(widest(&wide) <= 160 && widest(&wide) > 100);
    let natural = stdout_of(pick_stack().arg("matrix").env("COLUMNS", "0"));
    assert!(widest(&natural) > 160, "COLUMNS=0 asks for natural width");
}

#[test]
fn the_explanations_heading_is_underlined_in_full() {
    for method in ["wsm", "wpm", "topsis"] {
        let output =
            stdout_of(pick_stack().args(["advise", "--defaults", "--explain", "--method", method]));
        let lines: Vec<&str> = output.lines().collect();
        let at = lines
            .iter()
            .position(|line| line.starts_with("How the verdict was reached"))
            .expect("the heading");
        assert_eq!(
            lines[at + 1],
            "=".repeat(lines[at].chars().count()),
            "{method}: {}",
            lines[at]
        );
    }
}

/// Criteria without questions that keep the embedded criteria's ids take
/// the embedded questions: `--criteria criteria/criteria.yaml` advises on
/// an example exactly as the embedded criteria do, and says so.
#[test]
fn criteria_without_questions_take_the_embedded_ones_when_they_fit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("examples/realtime-chat.yaml");
    let embedded = stdout_of(pick_stack().arg("advise").arg("--answers").arg(&example));
    let output = pick_stack()
        .arg("--criteria")
        .arg(root.join("criteria/criteria.yaml"))
        .arg("advise")
        .arg("--answers")
        .arg(&example)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), embedded);
    assert!(
        stderr.contains("criteria.yaml defines no questions; the embedded questions apply to it"),
        "{stderr}"
    );
}

/// Criteria of a team's own, with other ids and no questions: the
/// embedded questions cannot apply, the note says why once, and an
/// answers file is one problem, not one per answer against an empty list.
#[test]
fn criteria_without_questions_that_the_embedded_ones_do_not_fit_say_so_once() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = write(
        folder.path(),
        "own.yaml",
        "scale: {min: 0, max: 10}
alternatives:
  - {id: node, name: Node.js}
  - {id: python, name: Python}
criteria:
  - {id: cost, name: Cost, weight: 1, ratings: {node: 6, python: 7}}
",
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = pick_stack()
        .arg("--criteria")
        .arg(&criteria)
        .arg("advise")
        .arg("--answers")
        .arg(root.join("examples/realtime-chat.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("own.yaml defines no questions, and the embedded ones do not fit it (the embedded questions name criteria `architecture`"),
        "{stderr}"
    );
    assert!(
        lines[0].contains("this criteria set has no questions"),
        "{stderr}"
    );
    assert!(
        lines[1].ends_with(
            "realtime-chat.yaml:11:1: answers: this criteria set has no questions, so nothing can be answered; drop `answers:` (`weights:` still applies), or use criteria that define questions"
        ),
        "{stderr}"
    );
    // Without answers it advises on the base weights.
    let table = stdout_of(
        pick_stack()
            .arg("--criteria")
            .arg(&criteria)
            .args(["advise", "--defaults"])
            .write_stdin(""),
    );
    assert!(table.contains("Verdict: Python,"), "{table}");
}

#[test]
fn the_answers_a_weights_only_file_lists_read_once_uncommented() {
    let folder = tempfile::tempdir().unwrap();
    let comparisons = folder.path().join("c.yaml");
    std::fs::write(&comparisons, "comparisons:\n  - [speed, syntax, 3]\n").unwrap();
    let saved = folder.path().join("weights.yaml");
    stdout_of(
        pick_stack()
            .args(["weigh", "--comparisons"])
            .arg(&comparisons)
            .arg("--save")
            .arg(&saved),
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    // Follow-ups the defaults do not bring in stay commented once more.
    assert!(text.contains("#   # existing_plan: extend"), "{text}");
    let uncommented = answers_file::uncommented_answers(&text);
    let filled = folder.path().join("filled.yaml");
    std::fs::write(&filled, uncommented).unwrap();
    let defaults = stdout_of(
        pick_stack()
            .args(["advise", "--format", "json", "--defaults", "--answers"])
            .arg(&saved),
    );
    let answered = stdout_of(
        pick_stack()
            .args(["advise", "--format", "json", "--answers"])
            .arg(&filled),
    );
    let verdict =
        |json: &str| serde_json::from_str::<serde_json::Value>(json).unwrap()["verdict"].clone();
    assert_eq!(verdict(&answered), verdict(&defaults));
}

#[path = "support/answers_file.rs"]
mod answers_file;
