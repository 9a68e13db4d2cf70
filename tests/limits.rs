//! Hostile input at scale: a file with thousands of mistakes, a folder of
//! many large files, a value megabytes long, a questionnaire whose
//! follow-ups are entangled on purpose. Each is answered in bounded form:
//! problems listed up to 100 and counted beyond ("and N more problems"),
//! a folder over the total limit refused before it is read, values cut in
//! messages, answers left unchecked counted and said. These tests hold the
//! behaviour; `cargo bench --bench scaling -- hostile` shows the time
//! growing in step with the input (BENCHMARKS.md).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;

/// Far longer than any of these runs needs; a run that hits it has hung
/// (or gone quadratic: the largest inputs here took minutes before).
const TIMEOUT: Duration = Duration::from_secs(60);

fn pick_stack_in(dir: &Path) -> Command {
    let mut cmd = cargo_bin_cmd!("pick-stack");
    cmd.current_dir(dir)
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS")
        .timeout(TIMEOUT);
    cmd
}

/// Runs `cmd` and returns its standard error, checking that it exits with
/// 2 without panicking.
fn rejected(cmd: &mut Command) -> String {
    let output = cmd.output().expect("pick-stack starts");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panicked:\n{stderr}");
    assert_eq!(output.status.code(), Some(2), "stderr:\n{stderr}");
    stderr
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write a test file");
}

/// Criteria with `criteria` criteria c0, c1, ... and two alternatives.
fn criteria_head(criteria: usize) -> String {
    let mut text = String::from(
        "scale: {min: 0, max: 10}\nalternatives: [{id: a, name: A}, {id: b, name: B}]\ncriteria:\n",
    );
    for c in 0..criteria {
        writeln!(
            text,
            "  - {{id: c{c}, name: C{c}, weight: 1, ratings: {{a: {}, b: {}}}}}",
            1 + c % 9,
            1 + (c * 7) % 9
        )
        .unwrap();
    }
    text
}

/// The lines of a rejected run's message, without `pick-stack: `.
fn lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .map(|line| line.strip_prefix("pick-stack: ").unwrap_or(line))
        .collect()
}

#[test]
fn thousands_of_unknown_answers_are_listed_to_a_hundred_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut answers = String::from("answers:\n");
    for i in 0..5_000 {
        writeln!(answers, "  zz{i}: none").unwrap();
    }
    write(dir.path(), "answers.yaml", &answers);
    // 5,000 unknown questions, and every real one unanswered: 5,001.
    let stderr = rejected(pick_stack_in(dir.path()).args(["advise", "--answers", "answers.yaml"]));
    let lines = lines(&stderr);
    assert_eq!(lines.len(), 101, "{stderr}");
    // The listed ones are each located, in file order.
    for (i, line) in lines[..100].iter().enumerate() {
        let start = format!(
            "answers.yaml:{}:3: answers.zz{i}: unknown question `zz{i}`",
            i + 2
        );
        assert!(line.starts_with(&start), "{line:?} is not {start:?}");
    }
    assert_eq!(
        lines[100],
        "and 4,901 more problems (the first 100 are listed)"
    );
}

#[test]
fn a_criteria_file_with_hundreds_of_problems_lists_a_hundred_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = criteria_head(3);
    text.push_str("questions:\n");
    for q in 0..300 {
        writeln!(
            text,
            "  - {{id: q{q}, prompt: Q?, default: o0, options: [{{id: o0, label: L, add: {{nosuch{q}: 1}}}}]}}"
        )
        .unwrap();
    }
    write(dir.path(), "criteria.yaml", &text);
    let stderr = rejected(pick_stack_in(dir.path()).args(["validate", "criteria.yaml"]));
    let lines = lines(&stderr);
    assert_eq!(lines.len(), 101, "{stderr}");
    assert!(
        lines[0].starts_with(
            "criteria.yaml:8:74: questions[0].options[0].add.nosuch0: unknown criterion `nosuch0`"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[99].contains("nosuch99"), "{}", lines[99]);
    assert_eq!(
        lines[100],
        "and 200 more problems (the first 100 are listed)"
    );

    let output = pick_stack_in(dir.path())
        .args(["validate", "criteria.yaml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["problems"].as_array().unwrap().len(), 100);
    assert_eq!(json["problems_not_listed"], 200);

    let csv = pick_stack_in(dir.path())
        .args(["validate", "criteria.yaml", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    // A header, the hundred problems, and the count of the rest.
    assert_eq!(csv.lines().count(), 102, "{csv}");
    assert!(
        csv.lines()
            .last()
            .unwrap()
            .contains("and 200 more problems")
    );

    let markdown = pick_stack_in(dir.path())
        .args(["validate", "criteria.yaml", "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(
        markdown.contains("**criteria.yaml: 300 problems**"),
        "{markdown}"
    );
    assert!(markdown.contains("- and 200 more problems"), "{markdown}");
}

#[test]
fn a_comparisons_file_with_thousands_of_problems_lists_a_hundred() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("comparisons:\n");
    for i in 0..2_000 {
        writeln!(text, "  - [x{i}, speed, 3]").unwrap();
    }
    write(dir.path(), "judgements.yaml", &text);
    let stderr =
        rejected(pick_stack_in(dir.path()).args(["weigh", "--comparisons", "judgements.yaml"]));
    let lines = lines(&stderr);
    assert_eq!(lines.len(), 101, "{stderr}");
    assert!(
        lines[7].starts_with("judgements.yaml:9:6: comparisons[7][0]: unknown criterion `x7`"),
        "{}",
        lines[7]
    );
    assert_eq!(
        lines[100],
        "and 1,900 more problems (the first 100 are listed)"
    );
}

#[test]
fn missing_judgements_are_counted_and_the_first_named() {
    // 200 criteria compared in a chain: 199 judgements of 19,900 pairs.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "criteria.yaml", &criteria_head(200));
    let mut text = String::from("comparisons:\n");
    for i in 0..199 {
        writeln!(text, "  - [c{i}, c{}, 3]", i + 1).unwrap();
    }
    write(dir.path(), "judgements.yaml", &text);
    let stderr = rejected(pick_stack_in(dir.path()).args([
        "--criteria",
        "criteria.yaml",
        "weigh",
        "--comparisons",
        "judgements.yaml",
    ]));
    assert!(
        stderr.contains(
            "missing: [c0, c2], [c0, c3], [c0, c4], [c0, c5], [c0, c6], [c0, c7], [c0, c8], [c0, c9], [c0, c10]"
        ),
        "{stderr}"
    );
    assert!(stderr.contains(" and 19,681 more"), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes:\n{stderr}", stderr.len());
}

#[test]
fn unanswered_questions_are_counted_after_the_first_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = criteria_head(2);
    text.push_str("questions:\n");
    for q in 0..50 {
        writeln!(
            text,
            "  - {{id: q{q}, prompt: Q?, default: o0, options: [{{id: o0, label: L, add: {{c0: 1}}}}, {{id: o1, label: M, add: {{c1: 1}}}}]}}"
        )
        .unwrap();
    }
    write(dir.path(), "criteria.yaml", &text);
    write(dir.path(), "answers.yaml", "answers:\n  q0: o1\n");
    let stderr = rejected(pick_stack_in(dir.path()).args([
        "--criteria",
        "criteria.yaml",
        "advise",
        "--answers",
        "answers.yaml",
    ]));
    assert!(
        stderr.contains("no answer for `q1` (o0 | o1), `q2` (o0 | o1)"),
        "{stderr}"
    );
    assert!(stderr.contains("`q20` (o0 | o1) and 29 more;"), "{stderr}");
    assert!(!stderr.contains("`q21`"), "{stderr}");
}

#[test]
fn a_folder_over_the_total_limit_is_refused_before_it_is_read() {
    // Three files of 12 MiB, each under the 16 MiB limit for one file,
    // 36 MiB in all. Sparse: their size is all there is to them, and
    // nothing is read.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("criteria");
    std::fs::create_dir(&folder).unwrap();
    for name in ["a.yaml", "b.yaml", "c.yaml"] {
        let file = std::fs::File::create(folder.join(name)).unwrap();
        file.set_len(12 * 1024 * 1024).unwrap();
    }
    let stderr = rejected(pick_stack_in(dir.path()).args(["validate", "criteria"]));
    assert_eq!(
        stderr.trim_end(),
        "pick-stack: criteria: its 3 criteria files hold 36 MiB or more in all, over the 32 MiB limit for the criteria read in one run (each file may hold up to 16 MiB)"
    );
    // The same folder through --criteria, for any command.
    let stderr = rejected(pick_stack_in(dir.path()).args(["--criteria", "criteria", "matrix"]));
    assert!(stderr.contains("over the 32 MiB limit"), "{stderr}");
}

#[test]
fn a_folder_within_the_total_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("criteria");
    std::fs::create_dir(&folder).unwrap();
    write(&folder, "a.yaml", &criteria_head(2));
    let output = pick_stack_in(dir.path())
        .args(["validate", "criteria"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// Runs a rejected command whose input holds a value of `length`
/// characters, and checks that the message names it by its start and its
/// length, in a few hundred bytes, not megabytes.
fn assert_cut(stderr: &str, length: usize, what: &str) {
    assert!(
        stderr.len() < 4_000,
        "{what}: a message of {} bytes:\n{}",
        stderr.len(),
        &stderr[..stderr.len().min(2_000)]
    );
    let said = format!("… ({length} characters)");
    assert!(stderr.contains(&said), "{what}: no {said:?} in:\n{stderr}");
}

#[test]
fn long_values_are_cut_in_every_message() {
    const LENGTH: usize = 5_000_000;
    let long = "k".repeat(LENGTH);
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| rejected(pick_stack_in(dir.path()).args(args));

    // An unknown question, as a key (JSON: YAML limits an implicit key to
    // 1,024 characters), and an unknown option, as a value.
    write(
        dir.path(),
        "question.json",
        &format!(r#"{{"answers": {{"{long}": "x"}}}}"#),
    );
    let stderr = run(&["advise", "--answers", "question.json"]);
    assert_cut(&stderr, LENGTH, "unknown question");
    assert!(stderr.contains("answers.kkkkkkkk"), "field named: {stderr}");
    write(
        dir.path(),
        "option.yaml",
        &format!("answers:\n  workload: {long}\n"),
    );
    assert_cut(
        &run(&["advise", "--answers", "option.yaml", "--defaults"]),
        LENGTH,
        "unknown option",
    );
    // A field the document does not have: the parser's own message quotes it.
    write(
        dir.path(),
        "field.json",
        &format!(r#"{{"answers": {{}}, "{long}": 1}}"#),
    );
    assert_cut(
        &run(&["advise", "--answers", "field.json"]),
        LENGTH,
        "unknown field",
    );
    // A string where a number belongs: quoted by the parser too.
    write(
        dir.path(),
        "type.yaml",
        &format!("weights:\n  from: x\n  values: {{speed: \"{long}\"}}\n"),
    );
    assert_cut(
        &run(&["advise", "--answers", "type.yaml"]),
        LENGTH,
        "wrong type",
    );
    // An id repeated in a criteria file, and an unknown one in comparisons.
    let criterion = format!(
        "{{\"id\": \"{long}\", \"name\": \"x\", \"weight\": 1, \"ratings\": {{\"a\": 1, \"b\": 2}}}}"
    );
    write(
        dir.path(),
        "criteria.json",
        &format!(
            r#"{{"scale": {{"min": 0, "max": 10}}, "alternatives": [{{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}}], "criteria": [{criterion}, {criterion}]}}"#
        ),
    );
    assert_cut(&run(&["validate", "criteria.json"]), LENGTH, "duplicate id");
    write(
        dir.path(),
        "judgements.yaml",
        &format!("comparisons:\n  - [{long}, speed, 3]\n"),
    );
    assert_cut(
        &run(&["weigh", "--comparisons", "judgements.yaml"]),
        LENGTH,
        "unknown criterion",
    );
}

/// A chain of follow-ups, each asked only when the one before keeps its
/// default: changing an early answer takes out every later one, so trying
/// every answer would cost the square of the chain's length. The search
/// stops after work in proportion to the file and says how many answers
/// it left unchecked.
#[test]
fn an_entangled_questionnaire_is_analysed_within_bounds_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = criteria_head(10);
    text.push_str("questions:\n");
    for q in 0..4_000 {
        let when = if q > 0 {
            format!(", when: {{q{}: [o0]}}", q - 1)
        } else {
            String::new()
        };
        writeln!(
            text,
            "  - {{id: q{q}, prompt: Q?, default: o0{when}, options: [{{id: o0, label: L, add: {{c{}: 1}}}}, {{id: o1, label: M, add: {{c{}: 1}}}}]}}",
            q % 10,
            (q + 1) % 10
        )
        .unwrap();
    }
    write(dir.path(), "criteria.yaml", &text);
    let output = pick_stack_in(dir.path())
        .args([
            "--criteria",
            "criteria.yaml",
            "advise",
            "--defaults",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let unchecked = json["answer_flips_unchecked"]
        .as_u64()
        .expect("some unchecked");
    assert!(unchecked > 0 && unchecked < 4_000, "{unchecked}");
    let text = pick_stack_in(dir.path())
        .args(["--criteria", "criteria.yaml", "advise", "--defaults"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let said = format!(
        "{} other answers were not checked",
        // As the report writes a count: 1,234.
        unchecked
            .to_string()
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|digits| std::str::from_utf8(digits).unwrap())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(text.contains(&said), "no {said:?} in:\n{text}");
}
