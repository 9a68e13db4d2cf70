//! Every command run against a criteria set with four alternatives (Go, Rust,
//! Node.js, Python), five criteria of which one is a cost, and three
//! questions that add, multiply, replace scores and rule alternatives out:
//! `tests/fixtures/four/`. Every expected figure is worked out by hand in the
//! comments, from the fixture's numbers:
//!
//! ```text
//! criterion     weight  kind     Go  Rust  Node.js  Python
//! performance      3    benefit   8   10      6       4
//! memory_use       2    cost      4    2      6       7   (WSM uses 10 − score: 6 8 4 3)
//! ecosystem        2    benefit   7    6     10       9
//! learning         2    benefit   8    2      7      10
//! tooling          1    benefit   9    8      6       5
//! ```
//!
//! The default answers change nothing, so the weights sum to 10 and each
//! share is weight / 10. Raw weighted sums (Σ weight × value):
//!
//! ```text
//! Go      3·8 + 2·6 + 2·7  + 2·8  + 1·9 = 24 + 12 + 14 + 16 + 9 = 75 → 7.50
//! Rust    3·10 + 2·8 + 2·6 + 2·2  + 1·8 = 30 + 16 + 12 +  4 + 8 = 70 → 7.00
//! Node.js 3·6 + 2·4 + 2·10 + 2·7  + 1·6 = 18 +  8 + 20 + 14 + 6 = 66 → 6.60
//! Python  3·4 + 2·3 + 2·9  + 2·10 + 1·5 = 12 +  6 + 18 + 20 + 5 = 61 → 6.10
//! ```

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture() -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/four")
}

fn pick_stack() -> Command {
    let mut command = Command::cargo_bin("pick-stack").expect("binary is built");
    command
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS")
        .current_dir(ROOT);
    command
}

/// `pick-stack --criteria <the four-alternative fixture>`.
fn four() -> Command {
    let mut command = pick_stack();
    command.arg("--criteria").arg(fixture());
    command
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(command: &mut Command) -> Run {
    let output = command.output().expect("run pick-stack");
    Run {
        code: output.status.code().expect("exited with a code"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs and requires exit code 0; returns standard output.
fn ok(command: &mut Command) -> String {
    let result = run(command);
    assert_eq!(
        result.code, 0,
        "pick-stack failed:\nstdout:\n{}\nstderr:\n{}",
        result.stdout, result.stderr
    );
    result.stdout
}

/// `advise --defaults ARGS` with `answers` on standard input.
fn advise(args: &[&str], answers: &str) -> Run {
    run(four()
        .arg("advise")
        .arg("--defaults")
        .args(args)
        .write_stdin(answers))
}

fn advise_ok(args: &[&str], answers: &str) -> String {
    let result = advise(args, answers);
    assert_eq!(
        result.code, 0,
        "advise {args:?} failed:\nstdout:\n{}\nstderr:\n{}",
        result.stdout, result.stderr
    );
    result.stdout
}

fn line_starting<'a>(output: &'a str, prefix: &str) -> &'a str {
    output
        .lines()
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting {prefix:?} in:\n{output}"))
}

/// The lines of one criterion's block in `--explain`, from its heading
/// `Name (id, ...)` to the blank line after it.
fn explain_block<'a>(output: &'a str, id: &str) -> Vec<&'a str> {
    let marker = format!(" ({id}");
    let mut lines = output.lines().skip_while(|line| !line.contains(&marker));
    let heading = lines
        .next()
        .unwrap_or_else(|| panic!("no --explain block for `{id}` in:\n{output}"));
    std::iter::once(heading)
        .chain(lines.take_while(|line| !line.is_empty()))
        .collect()
}

/// The cells of a table row, split on the vertical rules.
fn cells(line: &str) -> Vec<&str> {
    line.split(['│', '┆']).map(str::trim).collect()
}

/// `(name, filled, empty, total)` for each bar line, in printed order.
fn bars(output: &str) -> Vec<(String, usize, usize, String)> {
    output
        .lines()
        .filter(|line| line.contains('█') || line.contains('░'))
        .filter(|line| !line.contains('│'))
        .map(|line| {
            let start = line.find(['█', '░']).expect("a bar");
            let name = line[..start].trim().to_owned();
            let rest = &line[start..];
            let filled = rest.chars().take_while(|c| *c == '█').count();
            let empty = rest.chars().skip(filled).take_while(|c| *c == '░').count();
            let total = rest.trim_start_matches(['█', '░']).trim().to_owned();
            (name, filled, empty, total)
        })
        .collect()
}

/// `--explain` with the weighted sum: each line of the Totals section is
/// `Name: a + b + ... = t`; every sum holds within the rounding of its
/// terms, each rounded on its own, and where the printed terms miss the
/// printed total a line says so. Returns the parsed `(name, total)` pairs.
fn check_explained_sums(output: &str) -> Vec<(String, f64)> {
    let mut totals = Vec::new();
    let section = output
        .lines()
        .skip_while(|line| *line != "Totals")
        .skip(1)
        .take_while(|line| !line.is_empty());
    for line in section {
        if line.contains("Each figure is rounded on its own") {
            continue;
        }
        let line = line.trim().trim_end_matches(" (ruled out)");
        let (name, sum) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("not `Name: sum`: {line:?}"));
        let (terms, total) = sum
            .rsplit_once(" = ")
            .unwrap_or_else(|| panic!("no ` = ` in {line:?}"));
        let total: f64 = total.parse().unwrap_or_else(|_| panic!("{line:?}"));
        let added: f64 = terms
            .split(" + ")
            .map(|term| term.parse::<f64>().unwrap_or_else(|_| panic!("{line:?}")))
            .sum();
        let terms_count = terms.split(" + ").count() as f64;
        assert!(
            (added - total).abs() <= 0.0005 * terms_count + 1e-9,
            "{name}: the terms add up to {added}, not {total}: {line:?}"
        );
        if format!("{added:.3}") != format!("{total:.3}") {
            assert!(
                output.contains("Each figure is rounded on its own"),
                "{name}: the printed terms miss the total and nothing says why"
            );
        }
        totals.push((name.to_owned(), total));
    }
    assert!(!totals.is_empty(), "no Totals section in:\n{output}");
    totals
}

/// `--explain`: the "% of the total" figures of the weighted criteria add up
/// to 100.00.
fn check_explained_shares(output: &str, expected: &[f64]) {
    let percents: Vec<f64> = output
        .lines()
        .filter(|line| line.ends_with("% of the total"))
        .map(|line| {
            let figure = line
                .rsplit_once(": ")
                .and_then(|(_, tail)| tail.strip_suffix("% of the total"))
                .unwrap_or_else(|| panic!("{line:?}"));
            figure.parse().unwrap_or_else(|_| panic!("{line:?}"))
        })
        .collect();
    // Each share is its own value rounded to 0.01%, so equal weights print
    // alike; together they make 100 within that rounding.
    assert_eq!(percents, expected, "in:\n{output}");
    let sum: f64 = percents.iter().sum();
    assert!(
        (sum - 100.0).abs() <= 0.005 * percents.len() as f64,
        "shares {percents:?} add up to {sum}"
    );
}

fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write a test file");
    path
}

#[test]
fn validate_reports_four_alternatives() {
    // 3 questions: skills (3 options), target (3), deadline (2) = 8 options.
    let output = ok(pick_stack().args(["validate", "tests/fixtures/four"]));
    assert_eq!(
        output,
        "tests/fixtures/four: ok: 4 alternatives, 5 criteria, 3 questions with 8 options\n"
    );
    // The global --criteria is what validate checks when no PATH is given.
    let output = ok(four().arg("validate"));
    assert!(
        output.contains(": ok: 4 alternatives, 5 criteria, 3 questions with 8 options"),
        "{output}"
    );
}

#[test]
fn matrix_lists_every_alternative_criterion_and_score() {
    let output = ok(four().arg("matrix"));
    let header = output
        .lines()
        .find(|line| line.contains("Criterion"))
        .expect("header row");
    for name in ["Go", "Rust", "Node.js", "Python", "Favours"] {
        assert!(cells(header).contains(&name), "{name} in {header}");
    }
    // name, base weight, Go, Rust, Node.js, Python, favoured side (benefit
    // criteria: the highest score).
    let expected = [
        (
            "Runtime performance",
            "(performance)",
            ["3", "8", "10", "6", "4", "Rust"],
        ),
        ("Memory use", "(memory_use)", ["2", "4", "2", "6", "7", ""]),
        (
            "Libraries & ecosystem",
            "(ecosystem)",
            ["2", "7", "6", "10", "9", "Node.js"],
        ),
        (
            "Ease of learning",
            "(learning)",
            ["2", "8", "2", "7", "10", "Python"],
        ),
        (
            "Tooling & deployment",
            "(tooling)",
            ["1", "9", "8", "6", "5", "Go"],
        ),
    ];
    let lines: Vec<&str> = output.lines().collect();
    for (name, id, figures) in expected {
        let index = lines
            .iter()
            .position(|line| cells(line).get(1) == Some(&name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{output}"));
        let row = cells(lines[index]);
        // The id sits under the name on the row's second line.
        assert_eq!(cells(lines[index + 1]).get(1), Some(&id), "{output}");
        for (column, figure) in figures.iter().enumerate() {
            if !figure.is_empty() {
                assert_eq!(row[2 + column], *figure, "{name}, column {column}: {row:?}");
            }
        }
    }
}

#[test]
fn matrix_favours_the_lowest_score_on_a_cost_criterion() {
    // Memory use is `kind: cost`: lower is better, so the side it favours is
    // Rust (2), the lowest of 4, 2, 6, 7 — not Python (7), the highest.
    let output = ok(four().arg("matrix"));
    let row = output
        .lines()
        .map(cells)
        .find(|row| row.get(1) == Some(&"Memory use"))
        .unwrap_or_else(|| panic!("no Memory use row:\n{output}"));
    // Criterion, Base weight, Go, Rust, Node.js, Python, Favours
    assert_eq!(&row[3..7], ["4", "2", "6", "7"], "{row:?}");
    assert_eq!(
        row[7], "Rust",
        "the cost criterion's Favours column names the highest score, not the lowest: {row:?}"
    );
}

#[test]
fn questions_list_every_option_with_the_default_marked() {
    let output = ok(four().arg("questions"));
    for line in [
        "skills: What does the team mostly write today?",
        "  * mixed      A mix of backgrounds",
        "    systems    Mostly systems programmers",
        "    scripting  Only scripting languages, with no time to learn a compiled one (rules out Go and Rust)",
        "target: Where will the code run?",
        "  * server           Ordinary servers or containers",
        "    constrained      Small devices with little memory",
        "    microcontroller  Microcontrollers without an operating system (rules out Node.js and Python)",
        "deadline: How pressing is the first release?",
        "  * normal  A usual schedule",
        "    urgent  Urgent, we must ship fast",
    ] {
        assert!(
            output.lines().any(|printed| printed == line),
            "missing {line:?} in:\n{output}"
        );
    }
    assert_eq!(output.matches("  * ").count(), 3, "one default each");
}

#[test]
fn the_template_answers_every_question_and_replays_as_the_defaults() {
    let template = ok(four().args(["questions", "--template"]));
    for line in [
        "answers:",
        "  # options: mixed, systems, scripting (default: mixed)",
        "  skills: mixed",
        "  # options: server, constrained, microcontroller (default: server)",
        "  target: server",
        "  # options: normal, urgent (default: normal)",
        "  deadline: normal",
    ] {
        assert!(
            template.lines().any(|printed| printed == line),
            "missing {line:?} in:\n{template}"
        );
    }
    // Without --defaults every question must be answered: the template does.
    let piped = ok(four().arg("advise").write_stdin(template.as_str()));
    let dash = ok(four()
        .args(["advise", "--answers", "-"])
        .write_stdin(template.as_str()));
    let folder = tempfile::tempdir().unwrap();
    let file = write(folder.path(), "answers.yaml", &template);
    let named = ok(four().args(["advise", "--answers"]).arg(&file));
    let defaults = advise_ok(&[], "");
    assert_eq!(piped, defaults);
    assert_eq!(dash, defaults);
    assert_eq!(named, defaults);
    assert!(
        piped.contains("Verdict: Go, 7.50 to 7.00 for Rust"),
        "{piped}"
    );
}

#[test]
fn weighted_sum_verdict_table_and_bars_match_the_hand_sums() {
    let output = advise_ok(&["--method", "wsm"], "");
    // Go 75/10 = 7.50, Rust 70/10 = 7.00: margin 0.50.
    assert!(
        output.lines().any(|line| line
            == "Verdict: Go, 7.50 to 7.00 for Rust: a margin of 0.50 on the 0–10 scale."),
        "{output}"
    );
    // Points = share × value: memory use for Go is 20% × (10 − 4) = 1.20.
    let memory = output
        .lines()
        .map(cells)
        .find(|row| row.get(1) == Some(&"Memory use"))
        .expect("memory row");
    // Criterion, Weight, then score and points per alternative, Leader.
    assert_eq!(
        &memory[2..12],
        [
            "20.0%", "4", "1.20", "2", "1.60", "6", "0.80", "7", "0.60", "Rust"
        ],
        "{memory:?}"
    );
    let total = output
        .lines()
        .map(cells)
        .find(|row| row.get(1) == Some(&"Total (sum)"))
        .expect("total row");
    assert_eq!(
        &total[2..12],
        ["", "", "7.50", "", "7.00", "", "6.60", "", "6.10", "Go"],
        "{total:?}"
    );
    // One bar per alternative, best first, 30 cells wide, filled in
    // proportion to the total on the 0–10 scale (total × 3 cells, rounded).
    let bars = bars(&output);
    let expected = [
        ("Go", 7.50, "7.50"),
        ("Rust", 7.00, "7.00"),
        ("Node.js", 6.60, "6.60"),
        ("Python", 6.10, "6.10"),
    ];
    assert_eq!(bars.len(), 4, "{output}");
    for ((name, filled, empty, total), (want_name, value, want_total)) in bars.iter().zip(expected)
    {
        assert_eq!((name.as_str(), total.as_str()), (want_name, want_total));
        assert_eq!(filled + empty, 30, "{name}");
        assert!(
            (*filled as f64 - value * 3.0).abs() <= 0.5 + 1e-9,
            "{name}: {filled} cells filled for {value}"
        );
    }
}

#[test]
fn weighted_product_ranks_go_first_by_the_hand_product() {
    // total = Π value^share, value = score (or 1/score for the cost):
    //   Go      8^0.3 · (1/4)^0.2 · 7^0.2  · 8^0.2  · 9^0.1 = 3.94073
    //   Rust   10^0.3 · (1/2)^0.2 · 6^0.2  · 2^0.2  · 8^0.1 = 3.51511
    //   Node.js 6^0.3 · (1/6)^0.2 · 10^0.2 · 7^0.2  · 6^0.1 = 3.34695
    //   Python  4^0.3 · (1/7)^0.2 · 9^0.2  · 10^0.2 · 5^0.1 = 2.96718
    // ratio 3.94073 / 3.51511 = 1.12108.
    let result = advise(&["--method", "wpm"], "");
    assert_eq!(result.code, 0, "{}", result.stderr);
    let output = result.stdout;
    assert!(
        output.lines().any(|line| line
            == "Verdict: Go, 3.941 to 3.515 for Rust by weighted product: a ratio of 1.121."),
        "{output}"
    );
    let totals: Vec<(String, String)> = bars(&output)
        .into_iter()
        .map(|(name, _, _, total)| (name, total))
        .collect();
    assert_eq!(
        totals,
        [
            ("Go".to_owned(), "3.941".to_owned()),
            ("Rust".to_owned(), "3.515".to_owned()),
            ("Node.js".to_owned(), "3.347".to_owned()),
            ("Python".to_owned(), "2.967".to_owned()),
        ]
    );
    // The factor a cost criterion contributes is (1/score)^share:
    // Go (1/4)^0.2 = 0.758, Rust (1/2)^0.2 = 0.871.
    let explained = advise_ok(&["--method", "wpm", "--explain"], "");
    let memory = explain_block(&explained, "memory_use").join("\n");
    assert!(memory.contains("(1 / 4) ^ 0.2000 = 0.758"), "{memory}");
    assert!(memory.contains("(1 / 2) ^ 0.2000 = 0.871"), "{memory}");
    assert!(
        explained.contains("  Go: 1.866 × 0.758 × 1.476 × 1.516 × 1.246 = 3.941"),
        "{explained}"
    );
}

#[test]
fn topsis_ranks_go_first_by_closeness_to_the_ideal() {
    // Vector norms: performance √(64+100+36+16) = √216, memory √105,
    // ecosystem √266, learning √217, tooling √206. v = share × score / norm:
    //   performance 0.1633 0.2041 0.1225 0.0816
    //   memory_use  0.0781 0.0390 0.1171 0.1366   (cost: ideal = lowest)
    //   ecosystem   0.0858 0.0736 0.1226 0.1104
    //   learning    0.1086 0.0272 0.0950 0.1358
    //   tooling     0.0627 0.0557 0.0418 0.0348
    // ideal      0.2041 0.0390 0.1226 0.1358 0.0627
    // anti-ideal 0.0816 0.1366 0.0736 0.0272 0.0348
    // D+ / D- / closeness: Go 0.0727 / 0.1329 / 0.646, Rust 0.1194 / 0.1580
    // / 0.570, Node.js 0.1219 / 0.0954 / 0.439, Python 0.1595 / 0.1147 /
    // 0.418. Gap 0.646463 − 0.569598 = 0.077.
    let result = advise(&["--method", "topsis", "--explain"], "");
    assert_eq!(result.code, 0, "{}", result.stderr);
    let output = result.stdout;
    assert!(
        output.lines().any(|line| line
            == "Verdict: Go, 0.646 to 0.570 for Rust in closeness to the ideal (TOPSIS): a gap of 0.077."),
        "{output}"
    );
    for line in [
        "  Go: D+ = 0.0727, D- = 0.1329, closeness D-/(D+ + D-) = 0.646",
        "  Rust: D+ = 0.1194, D- = 0.1580, closeness D-/(D+ + D-) = 0.570",
        "  Node.js: D+ = 0.1219, D- = 0.0954, closeness D-/(D+ + D-) = 0.439",
        "  Python: D+ = 0.1595, D- = 0.1147, closeness D-/(D+ + D-) = 0.418",
        "  ideal point: 0.2041, 0.0390, 0.1226, 0.1358, 0.0627",
        "  anti-ideal point: 0.0816, 0.1366, 0.0736, 0.0272, 0.0348",
    ] {
        assert!(
            output.lines().any(|printed| printed == line),
            "missing {line:?} in:\n{output}"
        );
    }
}

#[test]
fn explained_terms_add_up_to_each_total() {
    // Defaults: the hand sums of the module comment.
    let output = advise_ok(&["--method", "wsm", "--explain"], "");
    let totals = check_explained_sums(&output);
    let expected = [
        ("Go", 7.5),
        ("Rust", 7.0),
        ("Node.js", 6.6),
        ("Python", 6.1),
    ];
    assert_eq!(totals.len(), 4);
    for ((name, total), (want_name, want)) in totals.iter().zip(expected) {
        assert_eq!(name, want_name);
        assert!((total - want).abs() < 0.0005, "{name}: {total}");
    }
    assert!(
        output.contains("  Go: 2.400 + 1.200 + 1.400 + 1.600 + 0.900 = 7.500"),
        "{output}"
    );
    // The cost criterion is mirrored: Rust (10 − 2) × 20.00% = 1.600.
    let memory = explain_block(&output, "memory_use").join("\n");
    assert!(memory.contains("a cost: lower is better"), "{memory}");
    assert!(memory.contains("(10 − 2) × 20.00% = 1.600"), "{memory}");

    // Shares that do not divide evenly: skills = systems adds 1 to
    // performance (weight 4 of 11) and replaces Rust's learning score 2 by 7:
    //   Rust 4·10 + 2·8 + 2·6 + 2·7 + 8 = 90 → 90/11 = 8.182
    //   Go   4·8  + 2·6 + 2·7 + 2·8 + 9 = 83 → 83/11 = 7.545
    // margin 7/11 = 0.64.
    let output = advise_ok(&["--explain"], "answers:\n  skills: systems\n");
    let totals = check_explained_sums(&output);
    assert!(
        output.contains("Verdict: Rust, 8.18 to 7.55 for Go: a margin of 0.64 on the 0–10 scale."),
        "{output}"
    );
    assert_eq!(totals[1].0, "Rust");
    assert!((totals[1].1 - 90.0 / 11.0).abs() < 0.0005, "{totals:?}");
    let learning = explain_block(&output, "learning").join("\n");
    assert!(
        learning.contains("  Rust         7 × ")
            && learning.contains("(answers replaced the file's 2)"),
        "{learning}"
    );

    // deadline = urgent: ecosystem 2 + 2 = 4, tooling 1 × 2 = 2; weights
    // 3 + 2 + 4 + 2 + 2 = 13. Go 24 + 12 + 28 + 16 + 18 = 98 → 7.538.
    let output = advise_ok(&["--explain"], "answers:\n  deadline: urgent\n");
    let totals = check_explained_sums(&output);
    assert!((totals[0].1 - 98.0 / 13.0).abs() < 0.0005, "{totals:?}");
    let tooling = explain_block(&output, "tooling").join("\n");
    assert!(tooling.contains("× 2      deadline = urgent"), "{tooling}");
    assert!(tooling.contains("= weight 2 of 13 in all"), "{tooling}");
}

#[test]
fn explained_shares_are_each_rounded_and_equal_weights_print_alike() {
    // Defaults: 3, 2, 2, 2, 1 of 10.
    check_explained_shares(
        &advise_ok(&["--explain"], ""),
        &[30.0, 20.0, 20.0, 20.0, 10.0],
    );
    // skills = systems: 4, 2, 2, 2, 1 of 11 = 36.3636…, 18.1818… × 3, 9.0909…
    check_explained_shares(
        &advise_ok(&["--explain"], "answers:\n  skills: systems\n"),
        &[36.36, 18.18, 18.18, 18.18, 9.09],
    );
    // deadline = urgent: 3, 2, 4, 2, 2 of 13.
    check_explained_shares(
        &advise_ok(&["--explain"], "answers:\n  deadline: urgent\n"),
        &[23.08, 15.38, 30.77, 15.38, 15.38],
    );
}

#[test]
fn answers_that_rule_out_two_alternatives_leave_the_choice_to_the_rest() {
    // skills = scripting rules out Go and Rust, adds 1 to learning (weight 3,
    // 11 in all) and sets Node.js's learning score to 9:
    //   Go      24 + 12 + 14 + 24 + 9 = 83 → 7.55 (ruled out, would lead)
    //   Rust    30 + 16 + 12 +  6 + 8 = 72 → 6.55 (ruled out)
    //   Node.js 18 +  8 + 20 + 27 + 6 = 79 → 7.18
    //   Python  12 +  6 + 18 + 30 + 5 = 71 → 6.45
    // Node.js wins 7.18 to 6.45, a margin of 8/11 = 0.73.
    let result = advise(&["--explain"], "answers:\n  skills: scripting\n");
    assert_eq!(result.code, 0, "{}", result.stderr);
    let output = result.stdout;
    assert!(
        output.lines().any(|line| line
            == "Verdict: Node.js, 7.18 to 6.45 for Python: a margin of 0.73 on the 0–10 scale."),
        "{output}"
    );
    assert!(
        output.lines().any(|line| line
            == "  Go is ruled out: The team has no time to learn a compiled language (answer skills = scripting)"),
        "{output}"
    );
    assert!(
        output.lines().any(|line| line
            == "  Rust is ruled out: The team has no time to learn a compiled language, least of all one with a borrow checker (answer skills = scripting)"),
        "{output}"
    );
    let header = output
        .lines()
        .find(|line| line.contains("Criterion"))
        .expect("header");
    assert!(header.contains("Go (ruled out)"), "{header}");
    assert!(header.contains("Rust (ruled out)"), "{header}");
    // Only the eligible get a bar.
    let names: Vec<String> = bars(&output).into_iter().map(|bar| bar.0).collect();
    assert_eq!(names, ["Node.js", "Python"]);
    // The totals are still shown for reference, marked.
    assert!(
        output.contains("= 7.545 (ruled out)"),
        "Go's total 83/11 = 7.545, marked:\n{output}"
    );
    check_explained_sums(&output);
}

#[test]
fn answers_that_rule_out_all_four_exit_4() {
    // skills = scripting rules out Go and Rust; target = microcontroller
    // rules out Node.js and Python.
    let result = advise(
        &[],
        "answers:\n  skills: scripting\n  target: microcontroller\n",
    );
    assert_eq!(
        result.code, 4,
        "stdout:\n{}\nstderr:\n{}",
        result.stdout, result.stderr
    );
    let output = result.stdout;
    assert!(
        output.lines().any(|line| line
            == "Verdict: none: every alternative is ruled out by the answers (see below)."),
        "{output}"
    );
    for (name, reason) in [
        ("Go", "The team has no time to learn a compiled language"),
        (
            "Rust",
            "The team has no time to learn a compiled language, least of all one with a borrow checker",
        ),
        (
            "Node.js",
            "There is no operating system to host a JavaScript runtime",
        ),
        (
            "Python",
            "There is no operating system to host a Python interpreter",
        ),
    ] {
        assert!(
            output.contains(&format!("  {name} is ruled out: {reason} (answer ")),
            "{name}:\n{output}"
        );
    }
    assert!(bars(&output).is_empty(), "no bars:\n{output}");
    assert!(
        output
            .lines()
            .any(|line| line == "Stability: no eligible alternative."),
        "{output}"
    );
}

#[test]
fn stability_and_per_criterion_sensitivity_match_the_flip_formula() {
    // f* = (B_b − B_t) / (W_k · (y_kt − y_kb)), with B the raw weighted sum
    // without criterion k, t = Go (75), y the score as the weighted sum uses
    // it. Against each rival b, the nearest crossing above 1 (raise) and
    // below 1 (lower):
    //   performance: B_Go = 75 − 24 = 51, B_Rust = 70 − 30
    //     = 40, slope 3·(8 − 10) = −6 → f* = (40 − 51)/(−6) = 11/6 = 1.83.
    //   memory_use (cost, y = 10 − score: Go 6, Rust 8): B_Go = 75 − 12 = 63,
    //     B_Rust = 70 − 16 = 54, slope 2·(6 − 8) = −4 → f* = 9/4 = 2.25.
    //   ecosystem: Node.js B = 66 − 20 = 46, B_Go = 61, slope 2·(7 − 10) = −6
    //     → 15/6 = 2.50 (Python: 19/4 = 4.75 is farther; Rust: negative).
    //   learning: Rust B = 70 − 4 = 66, B_Go = 59, slope 2·(8 − 2) = 12 →
    //     7/12 = 0.58 (lower); Python B = 41, slope 2·(8 − 10) = −4 →
    //     18/4 = 4.50 (raise).
    //   tooling: every crossing is negative, so none.
    // Nearest: learning ÷(12/7) = ÷1.71 < performance ×1.83. Lead 0.50 on a
    // range of 10 = 5.0%: at least 3% and no flip within ×1.25 → leaning
    // (decisive needs 10% and ×2).
    let output = advise_ok(&["--method", "wsm"], "");
    let stability = line_starting(&output, "Stability: ");
    assert_eq!(
        stability,
        "Stability: leaning (lead of 5.0% of the scale; nearest weight change that alters the top: Ease of learning ×0.58 (Rust would lead))."
    );
    let label = stability["Stability: ".len()..].split(" (").next().unwrap();
    assert!(
        ["decisive", "leaning", "close call", "tie"].contains(&label),
        "{stability}"
    );

    let explained = advise_ok(&["--method", "wsm", "--explain"], "");
    let sensitivity: Vec<&str> = explained
        .lines()
        .filter(|line| line.starts_with("  sensitivity: "))
        .collect();
    assert_eq!(sensitivity.len(), 5, "one per weighted criterion");
    let expected = [
        (
            "performance",
            "raising its weight ×1.83 would put Rust on top",
        ),
        (
            "memory_use",
            "raising its weight ×2.25 would put Rust on top",
        ),
        (
            "ecosystem",
            "raising its weight ×2.50 would put Node.js on top",
        ),
        (
            "learning",
            "raising its weight ×4.50 would put Python on top; lowering it to ×0.58 would put Rust on top",
        ),
        ("tooling", "no change of this weight alone changes the top"),
    ];
    for (id, text) in expected {
        let block = explain_block(&explained, id);
        let line = block
            .iter()
            .find(|line| line.starts_with("  sensitivity: "))
            .unwrap_or_else(|| panic!("no sensitivity for {id}"));
        assert_eq!(*line, format!("  sensitivity: {text}"), "{id}");
    }

    // The memory-use factor, parsed back and compared with the formula.
    let (b_top, b_rival, weight, y_top, y_rival) = (63.0, 54.0, 2.0, 6.0, 8.0);
    let flip: f64 = (b_rival - b_top) / (weight * (y_top - y_rival));
    let line = explain_block(&explained, "memory_use")
        .into_iter()
        .find(|line| line.starts_with("  sensitivity: "))
        .unwrap();
    let printed = line
        .split('×')
        .nth(1)
        .and_then(|tail| tail.split_whitespace().next())
        .expect("a ×factor");
    assert_eq!(printed, format!("{flip:.2}"), "{line}");
}

#[test]
fn the_memory_use_flip_point_is_where_the_winner_really_changes() {
    // Memory use flips at ×2.25 of its weight 2, a base weight of 4.5.
    // With weight w (others 3, 2, 2, 1), Go − Rust = (75 − 12 + 6w) − (70 −
    // 16 + 8w) = 9 − 2w: positive below 4.5, zero at it, negative above.
    //   w = 4.4: Go 89.4/12.4 = 7.21, Rust 89.2/12.4 = 7.19
    //   w = 4.5: both 90/12.5 = 7.20, a tie
    //   w = 4.6: Rust 90.8/12.6 = 7.21, Go 90.6/12.6 = 7.19
    let folder = tempfile::tempdir().unwrap();
    let with_weight = |weight: &str| {
        let answers = format!(
            "answers:\n  skills: mixed\n  target: server\n  deadline: normal\n\
             weights:\n  from: flip check\n  values:\n    memory_use: {weight}\n"
        );
        let file = write(folder.path(), &format!("w{weight}.yaml"), &answers);
        ok(four().args(["advise", "--answers"]).arg(&file))
    };
    let below = with_weight("4.4");
    assert!(
        below.contains("Verdict: Go, 7.21 to 7.19 for Rust: a margin of 0.02"),
        "{below}"
    );
    let at = with_weight("4.5");
    assert!(
        at.contains("Verdict: a tie: Go and Rust each score 7.20 (weighted sum)."),
        "{at}"
    );
    let above = with_weight("4.6");
    assert!(
        above.contains("Verdict: Rust, 7.21 to 7.19 for Go: a margin of 0.02"),
        "{above}"
    );
    // The explicit weight is named as such.
    let explained = ok(four()
        .args(["advise", "--explain", "--answers"])
        .arg(folder.path().join("w4.6.yaml")));
    let memory = explain_block(&explained, "memory_use").join("\n");
    assert!(
        memory.contains("base weight 4.6 (set in the answers file: flip check)"),
        "{memory}"
    );
}

#[test]
fn weigh_from_a_comparisons_file_saves_ahp_weights_that_advise_uses() {
    // performance : ecosystem 3, performance : learning 5, ecosystem :
    // learning 3. For a 3×3 matrix the principal eigenvector is the row
    // geometric means: (3·5)^⅓ = 2.4662, (⅓·3)^⅓ = 1, (⅕·⅓)^⅓ = 0.4055;
    // normalised 0.637, 0.258, 0.105. λmax = 1 + t + 1/t with
    // t = (3·3/5)^⅓ = 1.2164: 3.0385; CI = (λ − 3)/2 = 0.0193; CR = CI/0.58
    // = 0.0332. Saved base weights keep the three's total 3 + 2 + 2 = 7:
    // 4.458899, 1.807995, 0.733106.
    let folder = tempfile::tempdir().unwrap();
    let comparisons = write(
        folder.path(),
        "comparisons.yaml",
        "comparisons:\n  - [performance, ecosystem, 3]\n  - [performance, learning, 5]\n  - [ecosystem, learning, 3]\n",
    );
    let saved = folder.path().join("weights.yaml");
    let result = run(four()
        .args(["weigh", "--comparisons"])
        .arg(&comparisons)
        .arg("--save")
        .arg(&saved));
    assert_eq!(result.code, 0, "{}", result.stderr);
    let output = result.stdout;
    assert!(
        output.lines().any(|line| line
            == "λmax 3.039, consistency index 0.019, consistency ratio 0.033 (random index 0.58 for 3 criteria, Saaty (1980) random index)."),
        "{output}"
    );
    assert!(!output.contains("Warning"), "{output}");
    for (name, ahp, before, after) in [
        ("Runtime performance", "0.637", "3", "4.459"),
        ("Libraries & ecosystem", "0.258", "2", "1.808"),
        ("Ease of learning", "0.105", "2", "0.733"),
    ] {
        let row = output
            .lines()
            .map(cells)
            .find(|row| row.get(1) == Some(&name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{output}"));
        assert_eq!(&row[2..5], [ahp, before, after], "{row:?}");
    }
    assert!(
        result.stderr.contains("Weights saved to"),
        "{}",
        result.stderr
    );
    let text = std::fs::read_to_string(&saved).expect("weights saved");
    for line in [
        "weights:",
        "    performance: 4.458899",
        "    ecosystem: 1.807995",
        "    learning: 0.733106",
    ] {
        assert!(
            text.lines().any(|saved| saved == line),
            "{line:?} in:\n{text}"
        );
    }
    assert!(!text.contains("memory_use:"), "{text}");
    // No one was at a terminal to answer the questions: the new file holds
    // the weights alone, and advise says what is missing rather than take
    // every default as the team's answer.
    assert!(!text.lines().any(|line| line == "answers:"), "{text}");
    assert!(text.contains("#   skills: mixed"), "{text}");
    // Uncommenting the listed answers makes a file advise reads as it is.
    let uncommented = answers_file::uncommented_answers(&text);
    let filled = folder.path().join("filled.yaml");
    std::fs::write(&filled, &uncommented).unwrap();
    let answered = run(four().args(["advise", "--answers"]).arg(&filled));
    assert_eq!(answered.code, 0, "{}\n{uncommented}", answered.stderr);
    let unanswered = run(four().args(["advise", "--answers"]).arg(&saved));
    assert_eq!(unanswered.code, 2, "{}", unanswered.stdout);
    assert!(
        unanswered
            .stderr
            .contains("the file holds weights but no answers"),
        "{}",
        unanswered.stderr
    );

    // With these weights (total 4.458899 + 2 + 1.807995 + 0.733106 + 1 = 10):
    //   Go   8·4.458899 + 12 + 7·1.807995 + 8·0.733106 + 9 = 75.192 → 7.52
    //   Rust 10·4.458899 + 16 + 6·1.807995 + 2·0.733106 + 8 = 80.903 → 8.09
    let explained = ok(four()
        .args(["advise", "--defaults", "--explain", "--answers"])
        .arg(&saved));
    assert!(
        explained
            .contains("Verdict: Rust, 8.09 to 7.52 for Go: a margin of 0.57 on the 0–10 scale."),
        "{explained}"
    );
    for id in ["performance", "ecosystem", "learning"] {
        let block = explain_block(&explained, id).join("\n");
        assert!(
            block.contains("(set in the answers file: pairwise comparison (AHP)"),
            "{id}:\n{block}"
        );
    }
    let performance = explain_block(&explained, "performance").join("\n");
    assert!(
        performance.contains("  base weight 4.46 (set in the answers file: pairwise comparison (AHP) of 3 criteria; consistency ratio 0.033"),
        "{performance}"
    );
    for id in ["memory_use", "tooling"] {
        let block = explain_block(&explained, id).join("\n");
        assert!(block.contains("(criteria file)"), "{id}:\n{block}");
    }
    check_explained_sums(&explained);
}

#[test]
fn with_two_ruled_out_the_table_and_the_record_compare_only_with_the_rest() {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("record.md");
    let result = run(four()
        .args(["advise", "--defaults", "--adr"])
        .arg(&record)
        .write_stdin("answers: {skills: scripting}\n"));
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stdout
            .contains("Leader: the best score among Node.js and Python, the alternatives still in the running."),
        "{}",
        result.stdout
    );
    let text = std::fs::read_to_string(&record).unwrap();
    // Node.js's 6 on runtime performance is the best still in the running:
    // not "Bad … against 10 for Rust", which is ruled out.
    assert!(
        text.contains("* Good, because it scores 6 on Runtime performance, against 4 for Python"),
        "{text}"
    );
    assert!(!text.contains("against 10 for Rust"), "{text}");
}

#[test]
fn wpm_bars_with_a_cost_criterion_say_they_are_relative_to_the_best() {
    let result = run(four().args(["advise", "--defaults", "--method", "wpm"]));
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stdout
            .contains("bars relative to the highest product"),
        "{}",
        result.stdout
    );
    assert!(!result.stdout.contains("bars on the 0–10 scale"));
}

#[path = "support/answers_file.rs"]
mod answers_file;
