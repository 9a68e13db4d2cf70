//! Team decisions: several `--answers` files, or a folder of them.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
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

/// A folder holding `alice.yaml` (a Python team adding live features) and
/// `bob.yaml` (a real-time chat service): they disagree on facts.
fn team_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(
        example("python-team-realtime.yaml"),
        folder.path().join("alice.yaml"),
    )
    .expect("copy");
    std::fs::copy(
        example("realtime-chat.yaml"),
        folder.path().join("bob.yaml"),
    )
    .expect("copy");
    folder
}

fn stdout(command: &mut Command, code: i32) -> String {
    let output = command.output().expect("run pick-stack");
    assert_eq!(
        output.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// `advise ARGS --answers FOLDER`'s standard output, which must exit 0.
fn advise_team(folder: &tempfile::TempDir, args: &[&str]) -> String {
    stdout(
        pick_stack()
            .arg("advise")
            .args(args)
            .arg("--answers")
            .arg(folder.path()),
        0,
    )
}

fn stderr(command: &mut Command, code: i32) -> String {
    let output = command.output().expect("run pick-stack");
    assert_eq!(output.status.code(), Some(code));
    String::from_utf8(output.stderr).expect("UTF-8")
}

#[test]
fn two_answers_files_give_each_member_and_the_team() {
    let folder = team_folder();
    let text = stdout(
        pick_stack()
            .args(["advise", "--answers"])
            .arg(folder.path().join("alice.yaml"))
            .arg("--answers")
            .arg(folder.path().join("bob.yaml")),
        0,
    );
    for expected in [
        "│ alice ",
        "│ bob ",
        "│ Team ",
        "Team weight",
        "Team verdict: Node.js",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    // Facts members answer differently are named as something to settle.
    assert!(text.contains("Fact to settle: Which of the two languages does the team already know well? (`team_skills`)"), "{text}");
    assert!(
        text.contains("alice: “Mostly Python”; bob: “Comfortable in both”"),
        "{text}"
    );
    // A preference answered differently is listed as one.
    assert!(text.contains("(`realtime`, preference)"), "{text}");
    // Left out, bob takes Node.js's win with him.
    assert!(
        text.contains("without bob, the team verdict would be Python"),
        "{text}"
    );
}

#[test]
fn a_folder_of_answers_files_is_a_team_in_name_order_and_order_does_not_matter() {
    let folder = team_folder();
    let from_folder = advise_team(&folder, &[]);
    let reversed = stdout(
        pick_stack()
            .args(["advise", "--answers"])
            .arg(folder.path().join("bob.yaml"))
            .arg("--answers")
            .arg(folder.path().join("alice.yaml")),
        0,
    );
    assert!(from_folder.find("│ alice ") < from_folder.find("│ bob "));
    let team_line = |text: &str| {
        text.lines()
            .find(|line| line.starts_with("Team verdict"))
            .map(str::to_owned)
    };
    assert_eq!(team_line(&from_folder), team_line(&reversed));
    assert!(
        from_folder.contains("│ Team   ┆ Node.js ┆    7.98 ┆   7.32 ┆"),
        "{from_folder}"
    );
}

#[test]
fn one_invalid_member_file_is_named_with_its_line_and_exit_2() {
    let folder = team_folder();
    std::fs::write(
        folder.path().join("carol.yaml"),
        "answers:\n  workload: spaceship\n",
    )
    .unwrap();
    let message = stderr(
        pick_stack()
            .args(["advise", "--answers"])
            .arg(folder.path()),
        2,
    );
    assert!(message.contains("carol.yaml:2"), "{message}");
    assert!(message.contains("unknown option `spaceship`"), "{message}");
}

#[test]
fn an_empty_folder_and_standard_input_are_refused() {
    let folder = tempfile::tempdir().unwrap();
    let message = stderr(
        pick_stack()
            .args(["advise", "--answers"])
            .arg(folder.path()),
        2,
    );
    assert!(
        message.contains("is a folder with no .yaml or .yml answers file"),
        "{message}"
    );
    let message = stderr(
        pick_stack()
            .args(["advise", "--answers", "-", "--answers"])
            .arg(example("crud-app.yaml")),
        2,
    );
    assert!(
        message.contains("standard input (`-`) holds one member's answers"),
        "{message}"
    );
}

#[test]
fn saving_answers_for_several_members_is_refused_and_writes_nothing() {
    let folder = team_folder();
    let saved = folder.path().join("saved.yml.out");
    let message = stderr(
        pick_stack()
            .args(["advise", "--answers"])
            .arg(folder.path())
            .arg("--save-answers")
            .arg(&saved),
        2,
    );
    assert!(
        message.contains("--save-answers: several answers files"),
        "{message}"
    );
    assert!(!saved.exists());
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schema/pick-stack.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn team_json_matches_the_schema_and_names_the_conflicts() {
    let folder = team_folder();
    let text = advise_team(&folder, &["--format", "json"]);
    let value: Value = serde_json::from_str(&text).expect("JSON");
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    let team = &value["team"];
    assert_eq!(value["document"], "team");
    assert_eq!(team["verdict"]["winner"], "node");
    assert_eq!(team["members"][0]["name"], "alice");
    assert_eq!(team["members"][0]["winner"], "python");
    assert_eq!(team["members"][1]["team_winner_without"], "python");
    let settled: Vec<&str> = team["facts_to_settle"]
        .as_array()
        .unwrap()
        .iter()
        .map(|fact| fact["question"].as_str().unwrap())
        .collect();
    assert_eq!(settled, ["team_skills", "browser_sharing", "mobile"]);
    let weights: f64 = team["verdict"]["weights"]
        .as_object()
        .unwrap()
        .values()
        .map(|w| w.as_f64().unwrap())
        .sum();
    assert!((weights - 1.0).abs() < 1e-9);
}

#[test]
fn team_markdown_csv_and_decision_record() {
    let folder = team_folder();
    let markdown = advise_team(&folder, &["--format", "markdown"]);
    assert!(markdown.contains("| **Team** | Node.js |"), "{markdown}");
    assert!(markdown.contains("**Team verdict: Node.js**"), "{markdown}");
    let csv = advise_team(&folder, &["--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("member,winner,total node,total python,stability,weight "));
    assert!(lines[3].starts_with("(team),node,"), "{csv}");
    assert!(
        lines[3].ends_with("team_skills browser_sharing mobile"),
        "{csv}"
    );
    let record = folder.path().join("adr/0001.md");
    stdout(
        pick_stack()
            .env("SOURCE_DATE_EPOCH", "0")
            .args(["advise", "--answers"])
            .arg(folder.path())
            .arg("--adr")
            .arg(&record),
        0,
    );
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.contains("# Team decision: Node.js"), "{text}");
    assert!(text.contains("| alice | Python |"), "{text}");
    assert!(text.contains("| **Team** | Node.js |"), "{text}");
    assert!(text.contains("Fact to settle"), "{text}");
}

#[test]
fn a_rule_out_from_one_member_holds_for_the_team() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(example("crud-app.yaml"), folder.path().join("alice.yaml")).unwrap();
    std::fs::copy(
        example("react-native-backend.yaml"),
        folder.path().join("bob.yaml"),
    )
    .unwrap();
    let text = std::fs::read_to_string(folder.path().join("bob.yaml")).unwrap();
    let text = text.replace("mobile: javascript", "mobile: same_code");
    std::fs::write(folder.path().join("bob.yaml"), text).unwrap();
    let out = advise_team(&folder, &[]);
    assert!(out.contains("Python is ruled out for the team"), "{out}");
    assert!(out.contains("Team verdict: Node.js"), "{out}");
}

/// Group AHP by hand. Alice judges speed 2× syntax, 8× libraries, syntax
/// 2× libraries; Bob 2×, 2×, 2×. The element-wise geometric mean is 2,
/// √16 = 4, 2: a consistent matrix whose weights are its rows' geometric
/// means, 2 : 1 : ½, that is 4/7, 2/7, 1/7, with CR 0. Each member's 3×3
/// matrix has λmax = 1 + r^(1/3) + r^(−1/3) with r = a13 / (a12 a23)
/// (2 for Alice, ½ for Bob): 3.053622, CI 0.026811, CR 0.026811 / 0.58 =
/// 0.046226.
#[test]
fn group_weights_are_the_geometric_mean_of_the_judgements() {
    let folder = tempfile::tempdir().unwrap();
    let alice = folder.path().join("alice.yaml");
    let bob = folder.path().join("bob.yaml");
    std::fs::write(
        &alice,
        "comparisons:\n  - [speed, syntax, 2]\n  - [speed, libraries, 8]\n  - [syntax, libraries, 2]\n",
    )
    .unwrap();
    // Bob lists the pairs in another order, one of them reversed.
    std::fs::write(
        &bob,
        "comparisons:\n  - [libraries, syntax, 1/2]\n  - [speed, libraries, 2]\n  - [speed, syntax, 2]\n",
    )
    .unwrap();
    let text = stdout(
        pick_stack()
            .args(["weigh", "--format", "json", "--comparisons"])
            .arg(&alice)
            .arg("--comparisons")
            .arg(&bob),
        0,
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    let weights: Vec<(String, f64)> = value["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["ahp_weight"].as_f64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("speed", 4.0 / 7.0),
        ("syntax", 2.0 / 7.0),
        ("libraries", 1.0 / 7.0),
    ];
    for (id, weight) in expected {
        let found = weights.iter().find(|(c, _)| c == id).unwrap().1;
        assert!((found - weight).abs() < 1e-9, "{id}: {found} vs {weight}");
    }
    assert!(value["consistency_ratio"].as_f64().unwrap().abs() < 1e-9);
    for (index, name) in ["alice", "bob"].iter().enumerate() {
        let member = &value["members"][index];
        assert_eq!(member["name"], *name);
        let ratio = member["consistency_ratio"].as_f64().unwrap();
        assert!((ratio - 0.046226).abs() < 1e-5, "{name}: {ratio}");
    }
    let table = stdout(
        pick_stack()
            .args(["weigh", "--comparisons"])
            .arg(&alice)
            .arg("--comparisons")
            .arg(&bob),
        0,
    );
    assert!(
        table.contains("Consistency ratio: alice 0.046, bob 0.046; the group's 0.000."),
        "{table}"
    );
    // CSV: the group's ratio and each member's, on every criterion's row.
    let csv = stdout(
        pick_stack()
            .args(["weigh", "--format", "csv", "--comparisons"])
            .arg(&alice)
            .arg("--comparisons")
            .arg(&bob),
        0,
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "criterion,ahp_weight,base_weight_before,base_weight_saved,consistency_ratio,consistency_ratio alice,consistency_ratio bob"
        ),
        "{csv}"
    );
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 7, "{line}");
        assert!(fields[4].parse::<f64>().unwrap().abs() < 1e-9, "{line}");
        for member in &fields[5..] {
            assert!(
                (member.parse::<f64>().unwrap() - 0.046226).abs() < 1e-5,
                "{line}"
            );
        }
    }
}

#[test]
fn group_members_must_compare_the_same_criteria() {
    let folder = tempfile::tempdir().unwrap();
    let alice = folder.path().join("alice.yaml");
    let bob = folder.path().join("bob.yaml");
    std::fs::write(&alice, "comparisons:\n  - [speed, syntax, 2]\n").unwrap();
    std::fs::write(&bob, "comparisons:\n  - [speed, libraries, 2]\n").unwrap();
    let message = stderr(
        pick_stack()
            .args(["weigh", "--comparisons"])
            .arg(&alice)
            .arg("--comparisons")
            .arg(&bob),
        2,
    );
    assert!(
        message.contains("every member of a group must compare the same criteria"),
        "{message}"
    );
    std::fs::write(&bob, "comparisons:\n  - [speed, syntax, 0]\n").unwrap();
    let message = stderr(
        pick_stack()
            .args(["weigh", "--comparisons"])
            .arg(&alice)
            .arg("--comparisons")
            .arg(&bob),
        2,
    );
    assert!(message.contains("bob.yaml:2"), "{message}");
}

/// A member's name comes from a file name, which may hold an escape
/// sequence: the table and Markdown show it escaped, JSON as it is.
#[test]
fn member_names_are_escaped_for_people() {
    let folder = team_folder();
    std::fs::rename(
        folder.path().join("bob.yaml"),
        folder.path().join("b\u{1b}[31mob.yaml"),
    )
    .unwrap();
    for format in ["table", "markdown", "csv"] {
        let text = stdout(
            pick_stack()
                .args(["advise", "--format", format, "--answers"])
                .arg(folder.path()),
            0,
        );
        assert!(!text.contains('\u{1b}'), "{format}:\n{text}");
        // Markdown also quotes the backslash.
        assert!(text.contains("\\u{1b}"), "{format}:\n{text}");
    }
    let json = advise_team(&folder, &["--format", "json"]);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["team"]["members"][1]["name"], "b\u{1b}[31mob");
}

#[test]
fn gates_judge_the_team_verdict_and_explain_is_refused() {
    let folder = team_folder();
    let message = stderr(
        pick_stack()
            .args(["advise", "--expect", "python", "--answers"])
            .arg(folder.path()),
        3,
    );
    assert!(
        message.contains("expected Python to win, but Node.js wins"),
        "{message}"
    );
    advise_team(&folder, &["--expect", "node"]);
    let message = stderr(
        pick_stack()
            .args(["advise", "--explain", "--answers"])
            .arg(folder.path()),
        2,
    );
    assert!(
        message.contains("--explain: explains one set of answers"),
        "{message}"
    );
}

/// A fact the members answer differently says what settling it on each
/// other answer given would decide, in every format.
#[test]
fn a_fact_to_settle_says_what_each_answer_would_decide() {
    let folder = team_folder();
    let text = advise_team(&folder, &[]);
    assert!(
        text.contains("the team verdict uses “Comfortable in both”, the first listed of the answers given most (no answer has more members). Settled as “Mostly Python”, it would be Python."),
        "{text}"
    );
    let json = advise_team(&folder, &["--format", "json"]);
    let value: Value = serde_json::from_str(&json).unwrap();
    let facts = value["team"]["facts_to_settle"].as_array().unwrap();
    assert_eq!(facts[0]["question"], "team_skills");
    assert_eq!(
        facts[0]["otherwise"],
        serde_json::json!([{"answer": "python", "winner": "python"}])
    );
    // Sharing code with the browser, settled, keeps Node.js on top.
    assert_eq!(facts[1]["otherwise"][0]["winner"], "node");
}

/// The team's weights are sampled like one member's: a summary line under
/// the team verdict, the figures in JSON for the team and each member, and
/// none of it with --samples 0.
#[test]
fn the_team_verdict_carries_its_own_uncertainty() {
    let folder = team_folder();
    let text = advise_team(&folder, &[]);
    assert!(
        text.contains("Team uncertainty: Node.js wins in >99% of 10,000 plausible weightings"),
        "{text}"
    );
    let json = advise_team(&folder, &["--format", "json"]);
    let value: Value = serde_json::from_str(&json).unwrap();
    let errors: Vec<String> = schema()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let team = &value["team"];
    assert_eq!(team["verdict"]["uncertainty"]["samples"], 10_000);
    let node_first =
        team["verdict"]["uncertainty"]["methods"][0]["alternatives"]["node"]["first_alone"]
            .as_f64()
            .unwrap();
    assert!(node_first > 0.99, "{node_first}");
    for member in team["members"].as_array().unwrap() {
        assert_eq!(member["uncertainty"]["samples"], 10_000, "{member}");
    }
    let markdown = advise_team(&folder, &["--format", "markdown"]);
    assert!(
        markdown.contains("Team uncertainty: Node.js wins"),
        "{markdown}"
    );
    let plain = advise_team(&folder, &["--samples", "0", "--format", "json"]);
    let plain: Value = serde_json::from_str(&plain).unwrap();
    assert!(plain["team"]["verdict"]["uncertainty"].is_null());
    let text = advise_team(&folder, &["--samples", "0"]);
    assert!(!text.contains("uncertainty"), "{text}");
}
