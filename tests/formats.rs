//! pick-stack in pipelines: machine-readable formats checked against the
//! shipped JSON Schema, CI gates, decision records, completions, the manual
//! page, colour rules and the example answers files.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const ML_PIPELINE: &str = "answers:\n  workload: data\n  ai: own\n";
/// Node.js leads by 0.10 on the 0–10 scale: a close call.
const CLOSE_CALL: &str = "answers:\n  compute: external\n";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pick_stack() -> Command {
    let mut command = Command::cargo_bin("pick-stack").expect("binary is built");
    for variable in [
        "PICK_STACK_CRITERIA",
        "COLUMNS",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "SOURCE_DATE_EPOCH",
    ] {
        command.env_remove(variable);
    }
    command
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("run pick-stack");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    output
}

fn stdout_of(command: &mut Command) -> String {
    let output = run(command);
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn schema() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("schema/pick-stack.schema.json")).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Parses stdout as JSON and checks it against the shipped schema.
fn valid_json(stdout: &str) -> Value {
    let value: Value =
        serde_json::from_str(stdout).unwrap_or_else(|err| panic!("not JSON ({err}):\n{stdout}"));
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}\n{stdout}",
        errors.join("\n")
    );
    value
}

#[test]
fn advise_json_matches_the_schema_and_the_table() {
    for method in ["wsm", "wpm", "topsis"] {
        let json = stdout_of(
            pick_stack()
                .args([
                    "advise",
                    "--defaults",
                    "--format",
                    "json",
                    "--method",
                    method,
                ])
                .write_stdin(ML_PIPELINE),
        );
        let value = valid_json(&json);
        assert_eq!(value["schema_version"], 2);
        assert_eq!(value["document"], "advice");
        assert_eq!(value["method"], method);
        assert_eq!(value["verdict"]["winner"], "python");
        // The same run as a table shows the same totals, rounded.
        let table = stdout_of(
            pick_stack()
                .args(["advise", "--defaults", "--method", method])
                .write_stdin(ML_PIPELINE),
        );
        for alternative in value["alternatives"].as_array().unwrap() {
            let total = alternative["total"].as_f64().unwrap();
            let shown = if method == "wsm" {
                format!("{total:.2}")
            } else {
                format!("{total:.3}")
            };
            assert!(
                table.contains(&shown),
                "{method}: table lacks total {shown}:\n{table}"
            );
        }
    }
}

#[test]
fn advise_json_carries_weights_contributions_sensitivity_and_constraints() {
    let answers = "answers:\n  realtime: core\n  mobile: same_code\n";
    let value = valid_json(&stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--format", "json"])
            .write_stdin(answers),
    ));
    let criteria = value["criteria"].as_array().unwrap();
    let share_sum: f64 = criteria.iter().map(|c| c["share"].as_f64().unwrap()).sum();
    assert!((share_sum - 1.0).abs() < 1e-9);
    // Contributions add up to each total.
    for alternative in value["alternatives"].as_array().unwrap() {
        let id = alternative["id"].as_str().unwrap();
        let sum: f64 = criteria
            .iter()
            .map(|c| c["contributions"][id].as_f64().unwrap())
            .sum();
        assert!((sum - alternative["total"].as_f64().unwrap()).abs() < 1e-9);
    }
    let realtime = criteria.iter().find(|c| c["id"] == "realtime").unwrap();
    assert_eq!(realtime["changes"][0]["question"], "realtime");
    assert_eq!(realtime["changes"][0]["add"], 4.0);
    // The event-loop group shares one weight: its heaviest member's.
    assert_eq!(realtime["raw_weight"], 4.0);
    assert_eq!(realtime["group"]["id"], "event_loop");
    // Together the members weigh the heaviest raw weight plus
    // `rest_counts` of the others'.
    let group = &value["groups"][0];
    let members = group["members"].as_array().unwrap();
    let in_group = || criteria.iter().filter(|c| members.contains(&c["id"]));
    let group_weight: f64 = in_group().map(|c| c["weight"].as_f64().unwrap()).sum();
    let raws: Vec<f64> = in_group()
        .map(|c| c["raw_weight"].as_f64().unwrap())
        .collect();
    let heaviest = raws.iter().copied().fold(0.0, f64::max);
    let rest = group["rest_counts"].as_f64().unwrap();
    let expected = heaviest + rest * (raws.iter().sum::<f64>() - heaviest);
    assert_eq!(heaviest, 4.0);
    assert!(
        (group_weight - expected).abs() < 1e-9,
        "{group_weight} vs {expected}"
    );
    // The layer is named, and a revised rating carries both scores.
    assert_eq!(value["evidence"]["layer"], "current");
    let architecture = criteria.iter().find(|c| c["id"] == "architecture").unwrap();
    assert_eq!(architecture["revisions"][0]["alternative"], "python");
    assert_eq!(architecture["revisions"][0]["article"], 6.0);
    assert_eq!(architecture["revisions"][0]["current"], 7.0);
    assert_eq!(architecture["scores"]["python"], 7.0);
    let python = &value["alternatives"][1];
    assert_eq!(python["eligible"], false);
    assert_eq!(python["ruled_out"]["question"], "mobile");
    assert!(value["stability"].is_string());
}

#[test]
fn other_documents_match_the_schema() {
    for args in [
        vec!["matrix", "--format", "json"],
        vec!["questions", "--format", "json"],
        vec!["validate", "--format", "json"],
    ] {
        let value = valid_json(&stdout_of(pick_stack().args(&args)));
        assert_eq!(value["schema_version"], 2, "{args:?}");
    }
    let bad = root().join("tests/fixtures/bad/criteria_many_problems.yaml");
    let output = run(pick_stack()
        .arg("validate")
        .arg(&bad)
        .args(["--format", "json"]));
    assert_eq!(output.status.code(), Some(2));
    let value = valid_json(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(value["ok"], false);
    assert!(value["problems"].as_array().unwrap().len() >= 5);
    assert_eq!(value["problems"][0]["line"], 8);

    let comparisons = "comparisons:\n  - [speed, syntax, 3]\n  - [speed, libraries, 5]\n  - [syntax, libraries, 2]\n";
    let value = valid_json(&stdout_of(
        pick_stack()
            .args(["weigh", "--format", "json"])
            .write_stdin(comparisons),
    ));
    assert_eq!(value["document"], "weights");
    assert_eq!(value["consistent"], true);
}

#[test]
fn only_the_document_goes_to_stdout() {
    let folder = tempfile::tempdir().unwrap();
    let saved = folder.path().join("answers.yaml");
    let output = run(pick_stack()
        .args(["advise", "--defaults", "--format", "json", "--save-answers"])
        .arg(&saved)
        .write_stdin(ML_PIPELINE));
    assert!(output.status.success());
    valid_json(&String::from_utf8(output.stdout).unwrap());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Answers saved to"));
}

#[test]
fn markdown_is_ready_to_paste() {
    let markdown = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--format", "markdown"])
            .write_stdin(ML_PIPELINE),
    );
    assert!(
        markdown.starts_with("### Stack recommendation: Python\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| Criterion | Weight | Node.js score | Node.js points | Python score | Python points | Leader |"));
    assert!(markdown.contains("|---|--:|--:|--:|--:|--:|---|"));
    assert!(
        markdown.contains("| **Total (sum)** |  |  | 5.14 |  | **8.81** | **Python** |"),
        "{markdown}"
    );
    assert!(markdown.contains("**Verdict: Python, 8.81 to 5.14 for Node.js"));
    // Revised rows are marked and the layer is named under the table.
    assert!(markdown.contains("| Architecture † |"), "{markdown}");
    assert!(markdown.contains("Evidence: current (as of "), "{markdown}");
    assert!(
        markdown.contains("- † Architecture: Python 7 (article 6, since "),
        "{markdown}"
    );
    assert!(markdown.contains("Stability: decisive"));
    assert!(markdown.contains("<details><summary>Answers given</summary>"));
    assert!(!markdown.contains('\x1b'));
    let matrix = stdout_of(pick_stack().args(["matrix", "--format", "markdown"]));
    assert_eq!(
        matrix
            .lines()
            .filter(|line| line.starts_with("| ") && !line.starts_with("| Criterion"))
            .count(),
        31
    );
}

#[test]
fn csv_has_a_row_per_criterion_and_a_total() {
    let text = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--format", "csv"])
            .write_stdin(ML_PIPELINE),
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "criterion");
    assert!(header.iter().any(|column| column == "python_points"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 32, "31 criteria and a total");
    let total = rows.last().unwrap();
    assert_eq!(&total[0], "total");
    let python: f64 = total[header.iter().position(|c| c == "python_points").unwrap()]
        .parse()
        .unwrap();
    assert!((python - 8.81).abs() < 0.005);
    // Every row says which evidence layer its scores come from.
    let evidence = header.iter().position(|c| c == "evidence").unwrap();
    assert!(rows.iter().all(|row| &row[evidence] == "current"));
    let questions = stdout_of(pick_stack().args(["questions", "--format", "csv"]));
    assert!(
        questions
            .starts_with("question,prompt,option,label,default,asked_when,rules_out,neutral\n")
    );
}

#[test]
fn expect_gates_the_winner() {
    let ok = run(pick_stack()
        .args(["advise", "--defaults", "--expect", "python"])
        .write_stdin(ML_PIPELINE));
    assert_eq!(ok.status.code(), Some(0));
    // By name too, in any case.
    let by_name = run(pick_stack()
        .args(["advise", "--defaults", "--expect", "PYTHON"])
        .write_stdin(ML_PIPELINE));
    assert_eq!(by_name.status.code(), Some(0));
    let wrong = run(pick_stack()
        .args(["advise", "--defaults", "--expect", "node"])
        .write_stdin(ML_PIPELINE));
    assert_eq!(wrong.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("expected Node.js to win, but Python wins")
    );
    // The document is still printed, for the job log.
    assert!(String::from_utf8_lossy(&wrong.stdout).contains("Verdict: Python,"));
    let unknown = run(pick_stack()
        .args(["advise", "--defaults", "--expect", "nod"])
        .write_stdin(ML_PIPELINE));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean `node`?"));
}

#[test]
fn require_decisive_fails_a_close_call() {
    let close = run(pick_stack()
        .args(["advise", "--defaults", "--require-decisive"])
        .write_stdin(CLOSE_CALL));
    assert_eq!(close.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&close.stderr).contains("the verdict is a close call"));
    let decisive = run(pick_stack()
        .args(["advise", "--defaults", "--require-decisive"])
        .write_stdin(ML_PIPELINE));
    assert_eq!(decisive.status.code(), Some(0));
}

fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_decision_record_is_complete_and_its_table_is_the_computed_one() {
    let folder = tempfile::tempdir().unwrap();
    let answers = write(folder.path(), "answers.yaml", ML_PIPELINE);
    let record = folder.path().join("0001-stack.md");
    let output = run(pick_stack()
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .args(["advise", "--defaults", "--answers"])
        .arg(&answers)
        .arg("--adr")
        .arg(&record));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&record).unwrap();
    for section in [
        "status: proposed",
        "date: 2026-11-26",
        "# Use Python for the new project",
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "Chosen option: \"Python\"",
        "### What would change this decision",
        "### Confirmation",
        "## Pros and Cons of the Options",
        "### Node.js",
        "* Good, because",
        "* Bad, because",
        "## More Information",
    ] {
        assert!(text.contains(section), "record lacks {section:?}:\n{text}");
    }
    assert!(text.contains("Stability: decisive"));
    assert!(text.contains("--expect python"));
    // The table in the record is the one `advise --format markdown` computes.
    let markdown = stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--format", "markdown", "--answers"])
            .arg(&answers),
    );
    let table = |document: &str| -> Vec<String> {
        document
            .lines()
            .filter(|line| line.starts_with('|') && line.contains("%"))
            .map(str::to_owned)
            .collect()
    };
    assert!(!table(&text).is_empty());
    assert_eq!(table(&text), table(&markdown));
    // It names the article and the evidence layer, with the revised rows.
    assert!(
        text.contains("The criteria rest on the comparison article “Node.js or Python - Which One You Should Pick?”"),
        "{text}"
    );
    assert!(text.contains("Evidence: current (as of "), "{text}");
    assert!(
        text.contains("- † Architecture: Python 7 (article 6, since "),
        "{text}"
    );

    // With the article's verdicts, the record says so and its command
    // reproduces them.
    let article = folder.path().join("0002-stack.md");
    let output = run(pick_stack()
        .args(["advise", "--defaults", "--evidence", "article", "--answers"])
        .arg(&answers)
        .arg("--adr")
        .arg(&article));
    assert!(output.status.success());
    let text = std::fs::read_to_string(&article).unwrap();
    assert!(
        text.contains("with its scores as published (`--evidence article`)"),
        "{text}"
    );
    assert!(
        text.contains("--evidence article --expect python"),
        "{text}"
    );
}

#[test]
fn a_decision_record_is_never_overwritten_without_force() {
    let folder = tempfile::tempdir().unwrap();
    let record = write(folder.path(), "0001-stack.md", "an earlier decision\n");
    let refused = run(pick_stack()
        .args(["advise", "--defaults", "--adr"])
        .arg(&record)
        .write_stdin(ML_PIPELINE));
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pass --force"));
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        "an earlier decision\n"
    );
    let forced = run(pick_stack()
        .args(["advise", "--defaults", "--force", "--adr"])
        .arg(&record)
        .write_stdin(ML_PIPELINE));
    assert!(forced.status.success());
    assert!(
        std::fs::read_to_string(&record)
            .unwrap()
            .starts_with("---\nstatus: proposed\n")
    );
    let mut names: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    // The record and its two charts, and no temporary file.
    assert_eq!(
        names,
        [
            "0001-stack-contributions.svg",
            "0001-stack-sensitivity.svg",
            "0001-stack.md"
        ],
        "no temporary file left"
    );
}

#[test]
fn bash_completion_offers_the_subcommands() {
    let script = stdout_of(pick_stack().args(["completions", "bash"]));
    let folder = tempfile::tempdir().unwrap();
    let path = write(folder.path(), "pick-stack.bash", &script);
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            // Ask bash which function completes `pick-stack`, as it would itself.
            "source '{}'; function=$(complete -p pick-stack | sed -E 's/.*-F ([^ ]+).*/\\1/'); \
             COMP_WORDS=(pick-stack ''); COMP_CWORD=1; COMP_LINE='pick-stack '; COMP_POINT=11; \
             \"$function\" pick-stack '' pick-stack; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path.display()
        ))
        .output()
        .expect("bash runs");
    let offered = String::from_utf8_lossy(&output.stdout);
    for subcommand in [
        "advise",
        "matrix",
        "questions",
        "weigh",
        "validate",
        "completions",
    ] {
        assert!(
            offered.lines().any(|line| line == subcommand),
            "bash does not offer {subcommand}:\n{offered}"
        );
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(pick_stack().args(["completions", shell]));
        assert!(script.contains("advise"), "{shell} completion lacks advise");
    }
}

/// `--format` is a global flag, but a completion script and a manual page
/// have one format each: giving it is a usage error, not silently ignored.
#[test]
fn completions_and_man_refuse_format() {
    for args in [
        &["completions", "bash", "--format", "json"][..],
        &["--format", "markdown", "man"],
        &["man", "--format", "table"],
    ] {
        let output = run(pick_stack().args(args));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("--format: `completions` and `man` print one format of their own"),
            "{args:?}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_man_page_renders() {
    let page = stdout_of(pick_stack().arg("man"));
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "roff expected");
    let folder = tempfile::tempdir().unwrap();
    let path = write(folder.path(), "pick-stack.1", &page);
    let output = match std::process::Command::new("man")
        .args(["-P", "cat", "-l"])
        .arg(&path)
        .env("MANWIDTH", "80")
        .env("LANG", "C.UTF-8")
        .output()
    {
        Ok(output) => output,
        // README's `cargo test` needs nothing installed by hand: without
        // man(1) the page's source is checked instead (.ci/run installs
        // man-db, so CI always renders it).
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("man(1) is not installed: checking the page's roff source only");
            for text in [
                "advise",
                "matrix",
                "weigh",
                "validate",
                "\\-\\-answers",
                "EXIT STATUS",
            ] {
                assert!(page.contains(text), "man page lacks {text}");
            }
            return;
        }
        Err(err) => panic!("running man: {err}"),
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rendered = String::from_utf8_lossy(&output.stdout);
    // One page holds every subcommand, with its flags; no page it points
    // at is missing.
    for text in [
        "pick-stack advise",
        "pick-stack matrix",
        "pick-stack questions",
        "pick-stack weigh",
        "pick-stack validate",
        "pick-stack completions",
        "pick-stack man",
        "--criteria",
        "--answers <FILE>",
        "--save-answers <FILE>",
        "--adr <FILE>",
        "--require-decisive",
        "--comparisons <FILE>",
        "--only <IDS>",
        "--template",
    ] {
        assert!(
            rendered.contains(text),
            "man page lacks {text}:\n{rendered}"
        );
    }
    assert!(!rendered.contains("pick-stack-advise(1)"), "{rendered}");
    assert!(!rendered.contains("EXTRA"), "{rendered}");
    // EXIT STATUS is a section of its own, each code a tagged paragraph:
    // the code at the margin's indent, its meaning beside it.
    let status = rendered
        .split("\nEXIT STATUS\n")
        .nth(1)
        .expect("an EXIT STATUS section");
    for code in ["0", "1", "2", "3", "4", "5", "130", "128+n"] {
        assert!(
            status
                .lines()
                .any(|line| line.starts_with(&format!("       {code} "))),
            "EXIT STATUS lacks {code}:\n{status}"
        );
    }
}

fn has_colour(output: &Output) -> bool {
    output.stdout.contains(&0x1b)
}

#[test]
fn colour_follows_the_flag_no_color_and_clicolor_force() {
    let advise = |command: &mut Command| {
        run(command
            .args(["advise", "--defaults"])
            .write_stdin(ML_PIPELINE))
    };
    assert!(
        !has_colour(&advise(&mut pick_stack())),
        "piped output is plain"
    );
    assert!(has_colour(&advise(
        pick_stack().args(["--color", "always"])
    )));
    assert!(has_colour(&advise(pick_stack().env("CLICOLOR_FORCE", "1"))));
    assert!(!has_colour(&advise(
        pick_stack().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")
    )));
    assert!(!has_colour(&advise(
        pick_stack()
            .args(["--color", "never"])
            .env("CLICOLOR_FORCE", "1")
    )));
    assert!(!has_colour(&advise(
        pick_stack().args(["--color", "always", "--format", "json"])
    )));
    assert!(!has_colour(&advise(
        pick_stack().args(["--color", "always", "--format", "csv"])
    )));
}

#[test]
fn every_subcommand_has_examples_in_its_help() {
    for subcommand in [
        "advise",
        "matrix",
        "questions",
        "weigh",
        "validate",
        "completions",
        "man",
    ] {
        let help = stdout_of(pick_stack().args([subcommand, "--help"]));
        assert!(
            help.contains("Examples:"),
            "{subcommand} --help has no examples"
        );
    }
    let help = stdout_of(pick_stack().arg("--help"));
    for code in ["  0 ", "  2 ", "  3 ", "  4 ", "  5 ", "  130 "] {
        assert!(help.contains(code), "--help lacks exit status {code}");
    }
}

#[test]
fn an_answer_flip_names_the_follow_ups_it_brings_in() {
    let value = valid_json(&stdout_of(
        pick_stack()
            .args(["advise", "--defaults", "--format", "json"])
            .write_stdin(""),
    ));
    let flips = value["answer_flips"].as_array().unwrap();
    let existing = flips
        .iter()
        .find(|flip| flip["question"] == "existing_code" && flip["option"] == "node")
        .expect("a Node.js code base changes the top");
    assert_eq!(existing["with"][0]["question"], "existing_plan");
    assert_eq!(existing["with"][0]["option"], "extend");
    let table = stdout_of(pick_stack().args(["advise", "--defaults"]).write_stdin(""));
    assert!(
        table.contains(
            "“Yes, a Node.js or TypeScript code base” for existing_code (with “It extends the same code base” for existing_plan) → Node.js"
        ),
        "{table}"
    );
}

#[test]
fn the_evidence_note_says_when_an_answer_replaced_a_revised_score() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = folder.path().join("c.yaml");
    std::fs::write(
        &criteria,
        "scale: {min: 0, max: 10}
alternatives:
  - {id: a, name: A}
  - {id: b, name: B}
criteria:
  - id: c1
    name: C1
    weight: 1
    ratings:
      a: {score: 8, current: {score: 1, since: '2021', note: Changed.}}
      b: 4
questions:
  - id: q
    prompt: Q?
    default: set
    options:
      - {id: set, label: Set, set_scores: {c1: {a: 5}}}
      - {id: keep, label: Keep, neutral: Nothing.}
",
    )
    .unwrap();
    let table = stdout_of(
        pick_stack()
            .arg("--criteria")
            .arg(&criteria)
            .args(["advise", "--defaults"])
            .write_stdin(""),
    );
    assert!(
        table.contains("† C1: A 1 (article 8, since 2021), replaced by an answer with 5"),
        "{table}"
    );
}

#[test]
fn a_records_pros_and_cons_read_as_sentences_with_the_rationale_as_written() {
    let folder = tempfile::tempdir().unwrap();
    let answers = write(folder.path(), "answers.yaml", ML_PIPELINE);
    let record = folder.path().join("record.md");
    let output = run(pick_stack()
        .args(["advise", "--defaults", "--answers"])
        .arg(&answers)
        .arg("--adr")
        .arg(&record));
    assert!(output.status.success());
    let text = std::fs::read_to_string(&record).unwrap();
    let matrix: serde_json::Value = serde_json::from_str(&stdout_of(
        pick_stack().args(["matrix", "--format", "json"]),
    ))
    .unwrap();
    let points: Vec<&str> = text
        .lines()
        .filter(|line| {
            ["* Good, ", "* Bad, ", "* Neutral, "]
                .iter()
                .any(|start| line.starts_with(start))
        })
        .collect();
    assert!(points.len() > 10, "{text}");
    for line in &points {
        // "* Bad, because it scores 2 on Training …, against 10 for Python:
        // Training frameworks … ."
        assert!(line.contains(", because it scores "), "{line}");
        assert!(
            line.contains(", against ") || line.contains(", level with "),
            "{line}"
        );
        assert!(line.ends_with('.'), "{line}");
    }
    // Each rationale appears as the criteria write it, capitals included:
    // "PyPI" and "NumPy", never "pyPI" or "numPy".
    let mut quoted = 0;
    for criterion in matrix["criteria"].as_array().unwrap() {
        for rationale in criterion["rationale"].as_object().unwrap().values() {
            let rationale = rationale.as_str().unwrap().trim();
            if rationale.is_empty() || rationale.contains(['&', '<', '*', '_', '`']) {
                continue;
            }
            if text.contains(&format!(": {rationale}")) {
                quoted += 1;
            }
        }
    }
    assert!(
        quoted >= 10,
        "only {quoted} rationales quoted as written:\n{text}"
    );
    for mangled in ["pyPI", "numPy", "pyTorch", "javaScript", "because handles"] {
        assert!(!text.contains(mangled), "{mangled}:\n{text}");
    }
}

#[test]
fn weighs_markdown_warns_of_contradicting_judgements_as_the_table_does() {
    let folder = tempfile::tempdir().unwrap();
    let comparisons = write(
        folder.path(),
        "c.yaml",
        "comparisons:\n  - [speed, syntax, 3]\n  - [speed, libraries, 5]\n  - [syntax, libraries, 1/2]\n",
    );
    for format in ["table", "markdown"] {
        let output = stdout_of(
            pick_stack()
                .args(["weigh", "--format", format, "--comparisons"])
                .arg(&comparisons),
        );
        assert!(
            output.contains("Warning: the consistency ratio is above 0.1"),
            "{format}:\n{output}"
        );
    }
}

#[test]
fn markdown_lists_no_answers_for_a_criteria_set_without_questions() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = write(
        folder.path(),
        "c.yaml",
        "scale: {min: 0, max: 10}\nalternatives: [{id: a, name: A}, {id: b, name: B}]\ncriteria:\n  - {id: c, name: C, weight: 1, ratings: {a: 4, b: 3}}\n",
    );
    let markdown = stdout_of(
        pick_stack()
            .arg("--criteria")
            .arg(&criteria)
            .args(["advise", "--format", "markdown"])
            .write_stdin(""),
    );
    assert!(markdown.contains("Stack recommendation: A"), "{markdown}");
    assert!(!markdown.contains("Answers given"), "{markdown}");
}

/// The uncertainty analysis in JSON: every figure the schema names, the
/// shares adding up, the same figures for the same seed and, with
/// --method, only that method sampled.
#[test]
fn advise_json_carries_the_uncertainty_analysis() {
    let run = |extra: &[&str]| {
        let mut args = vec!["advise", "--defaults", "--format", "json"];
        args.extend_from_slice(extra);
        if !extra.contains(&"--samples") {
            args.extend(["--samples", "2000"]);
        }
        valid_json(&stdout_of(
            pick_stack().args(&args).write_stdin(ML_PIPELINE),
        ))
    };
    let value = run(&[]);
    let uncertainty = &value["uncertainty"];
    assert_eq!(uncertainty["samples"], 2000);
    assert_eq!(uncertainty["seed"], 17);
    assert_eq!(uncertainty["weights_spread"], 2.0);
    let methods = uncertainty["methods"].as_array().unwrap();
    let ids: Vec<&str> = methods
        .iter()
        .map(|m| m["method"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["wsm", "wpm", "topsis"]);
    for method in methods {
        let alternatives = method["alternatives"].as_object().unwrap();
        for rank in 0..alternatives.len() {
            let total: f64 = alternatives
                .values()
                .map(|a| a["rank_acceptability"][rank].as_f64().unwrap())
                .sum();
            assert!((total - 1.0).abs() < 1e-9, "{method}");
        }
        let python = &alternatives["python"];
        assert_eq!(method["agreement"], python["first_alone"]);
        let central: f64 = python["central_weights"]
            .as_object()
            .unwrap()
            .values()
            .map(|w| w.as_f64().unwrap())
            .sum();
        assert!((central - 1.0).abs() < 1e-9);
    }
    let everywhere = uncertainty["winner_everywhere"].as_f64().unwrap();
    assert!(everywhere > 0.95, "{uncertainty}");
    assert_eq!(run(&[])["uncertainty"], value["uncertainty"]);
    assert_ne!(
        run(&["--seed", "18", "--weights-spread", "any"])["uncertainty"]["methods"],
        value["uncertainty"]["methods"]
    );
    let forced = run(&["--method", "topsis"]);
    assert_eq!(
        forced["uncertainty"]["methods"].as_array().unwrap().len(),
        1
    );
    let off = run(&["--samples", "0"]);
    assert!(off.get("uncertainty").is_none());
}
