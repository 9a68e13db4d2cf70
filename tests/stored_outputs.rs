//! Every report, byte for byte: each case runs the built binary and
//! compares standard output with `tests/stored/NAME`. The reports are
//! written as they are produced (issue 19); these files are what proves a
//! change to how they are written left what they say alone.
//!
//! After an intended change to a report, refresh the files with
//! `PICK_STACK_STORE=overwrite cargo test --test stored_outputs` and read
//! the diff before committing it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FORMATS: [&str; 5] = ["table", "json", "markdown", "csv", "html"];

/// One run: a name for its stored file and the arguments after the binary.
struct Case {
    name: String,
    args: Vec<String>,
}

fn case(name: impl Into<String>, args: &[&str]) -> Case {
    Case {
        name: name.into(),
        args: args.iter().map(|arg| (*arg).to_owned()).collect(),
    }
}

/// The stored file's extension for a format, so the files open as what
/// they are.
fn extension(format: &str) -> &str {
    match format {
        "table" => "txt",
        "markdown" => "md",
        other => other,
    }
}

fn cases() -> Vec<Case> {
    let generated = "tests/stored/inputs/generated-120x5.yaml";
    let generated_answers = "tests/stored/inputs/generated-answers.yaml";
    let four = "tests/fixtures/four";
    let mut cases = Vec::new();
    for format in FORMATS {
        let ext = extension(format);
        let with_format = |args: &[&'static str]| -> Vec<&'static str> {
            let mut args = args.to_vec();
            args.extend(["--format", format]);
            args
        };
        cases.push(case(
            format!("advise-ml-pipeline.{ext}"),
            &with_format(&["advise", "--answers", "examples/ml-pipeline.yaml"]),
        ));
        cases.push(case(
            format!("advise-realtime-chat-explain.{ext}"),
            &with_format(&[
                "advise",
                "--answers",
                "examples/realtime-chat.yaml",
                "--explain",
            ]),
        ));
        cases.push(case(
            format!("advise-team.{ext}"),
            &with_format(&[
                "advise",
                "--answers",
                "examples/ml-pipeline.yaml",
                "--answers",
                "examples/fullstack-typescript.yaml",
                "--answers",
                "examples/existing-django-app.yaml",
            ]),
        ));
        cases.push(case(
            format!("advise-four.{ext}"),
            &with_format(&["--criteria", four, "advise", "--defaults"]),
        ));
        cases.push(case(
            format!("advise-generated.{ext}"),
            &with_format(&[
                "--criteria",
                generated,
                "advise",
                "--answers",
                generated_answers,
                "--samples",
                "500",
            ]),
        ));
        cases.push(case(format!("matrix.{ext}"), &with_format(&["matrix"])));
        cases.push(case(
            format!("matrix-four.{ext}"),
            &with_format(&["--criteria", four, "matrix"]),
        ));
        if format == "html" {
            continue;
        }
        cases.push(case(
            format!("questions.{ext}"),
            &with_format(&["questions"]),
        ));
        cases.push(case(
            format!("validate-generated.{ext}"),
            &with_format(&["validate", generated]),
        ));
        cases.push(case(
            format!("weigh-group.{ext}"),
            &with_format(&[
                "weigh",
                "--comparisons",
                "tests/stored/inputs/alice-comparisons.yaml",
                "--comparisons",
                "tests/stored/inputs/bob-comparisons.yaml",
            ]),
        ));
    }
    for method in ["wpm", "topsis"] {
        cases.push(case(
            format!("advise-ml-pipeline-{method}.json"),
            &[
                "advise",
                "--answers",
                "examples/ml-pipeline.yaml",
                "--method",
                method,
                "--format",
                "json",
            ],
        ));
    }
    cases.push(case(
        "advise-ml-pipeline-article.json",
        &[
            "advise",
            "--answers",
            "examples/ml-pipeline.yaml",
            "--evidence",
            "article",
            "--format",
            "json",
        ],
    ));
    cases.push(case(
        "advise-generated-explain.txt",
        &[
            "--criteria",
            generated,
            "advise",
            "--answers",
            generated_answers,
            "--samples",
            "500",
            "--explain",
        ],
    ));
    cases.push(case(
        "questions-template.yaml",
        &["questions", "--template"],
    ));
    cases
}

fn stored(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/stored")
        .join(name)
}

#[test]
fn every_report_is_the_stored_one_byte_for_byte() {
    let overwrite = std::env::var_os("PICK_STACK_STORE").is_some_and(|value| value == "overwrite");
    let mut differing = Vec::new();
    for case in cases() {
        let output = Command::cargo_bin("pick-stack")
            .expect("binary is built")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("COLUMNS")
            .env_remove("PICK_STACK_CRITERIA")
            .env_remove("NO_COLOR")
            .args(&case.args)
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "{}: {:?} failed: {}",
            case.name,
            case.args,
            String::from_utf8_lossy(&output.stderr)
        );
        let path = stored(&case.name);
        if overwrite {
            std::fs::write(&path, &output.stdout).expect("the stored file is written");
            continue;
        }
        let expected = std::fs::read(&path)
            .unwrap_or_else(|err| panic!("{}: {err} (PICK_STACK_STORE=overwrite)", path.display()));
        if expected != output.stdout {
            differing.push(first_difference(&case, &expected, &output.stdout));
        }
    }
    assert!(
        differing.is_empty(),
        "reports differ from tests/stored:\n{}",
        differing.join("\n")
    );
}

/// Where a report first departs from its stored bytes, shown as the lines
/// there, so a failure says what changed without a diff tool.
fn first_difference(case: &Case, expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    let mut line = 1;
    loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(want), Some(got)) if want == got => line += 1,
            (want, got) => {
                return format!(
                    "{} ({:?}), line {line}:\n  stored: {want:?}\n  now:    {got:?}",
                    case.name, case.args
                );
            }
        }
    }
}
