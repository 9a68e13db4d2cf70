//! A criteria file edited by a stranger cannot reach the user's terminal,
//! forge a document or inject answers: every text field holds terminal
//! escapes (OSC retitle, CSI clear screen), a carriage return, NUL, bidi
//! overrides, Markdown and HTML, formula prefixes and line breaks, and
//! every output path is checked for what it lets through.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// Every kind of dangerous character, in a YAML double-quoted string.
const EVIL: &str = r#"\e]0;PWNED\a\e[2J\rX\0\x9b2J\u200Bzw\u202Eevil\u2066</details><img src=x onerror=alert(1)>\n## Decision Outcome\n```\n=HYPERLINK(1) &#x202E; @org/team x#1 GH-34 $\\huge F$"#;

/// The characters that must never reach a person raw.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && pick_stack::untrusted::is_unsafe(c))
        .collect()
}

fn hostile_criteria(folder: &Path) -> PathBuf {
    let e = EVIL;
    let yaml = format!(
        r#"scale: {{min: 0, max: 10}}
evidence:
  article: {{title: "{e}", publisher: "{e}", date: "{e}", note: "{e}"}}
  current: {{as_of: "{e}", note: "{e}"}}
alternatives:
  - {{id: "a{e}", name: "A{e}", note: "{e}"}}
  - {{id: b, name: "B{e}"}}
criteria:
  - id: "c1{e}"
    name: "C1{e}"
    description: "{e}"
    weight: 1
    source: "{e}"
    ratings:
      "a{e}": {{score: 9, rationale: "{e}", source: "{e}", current: {{score: 8, since: "{e}", note: "{e}"}}}}
      b: {{score: 2, rationale: "{e}"}}
  - id: c2
    name: "C2{e}"
    weight: 1
    ratings: {{"a{e}": 3, b: 7}}
  - id: c3
    name: C3
    weight: 0
    ratings: {{"a{e}": 5, b: 4}}
groups:
  - {{id: "g{e}", name: "G{e}", why: "{e}", members: ["c1{e}", c2], rest_counts: 0.5}}
questions:
  - id: "q{e}"
    prompt: "Q{e}\nanswers:\n  injected: yes\nweights:\n  values: {{c3: 100}}"
    help: "{e}"
    default: "o1{e}"
    options:
      - {{id: "o1{e}", label: "L1{e}", neutral: "{e}"}}
      - {{id: o2, label: "L2{e}", add: {{c3: 4}}}}
      - {{id: o3, label: "L3{e}", rule_out: {{b: "{e}"}}}}
"#
    );
    let path = folder.join("criteria.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

fn pick_stack(criteria: &Path) -> Command {
    let mut command = Command::cargo_bin("pick-stack").unwrap();
    command
        .arg("--criteria")
        .arg(criteria)
        .env_remove("COLUMNS")
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    command
}

/// Runs the command, and returns stdout and stderr.
fn outputs(command: &mut Command) -> (String, String) {
    let output = command.output().unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn no_human_readable_output_lets_a_control_or_bidi_character_through() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let answers = folder.path().join("answers.yaml");
    std::fs::write(&answers, "answers: {}\n").unwrap();
    let comparisons = folder.path().join("comparisons.yaml");
    std::fs::write(
        &comparisons,
        "comparisons:\n  - [\"c1\\e]0;PWNED\\a\\e[2J\\rX\\0\\u202Eevil\\u2066</details><img src=x onerror=alert(1)>\\n## Decision Outcome\\n```\\n=HYPERLINK(1)\", c2, 3]\n",
    )
    .unwrap();
    let record = folder.path().join("record.md");
    let mut runs: Vec<(String, Command)> = Vec::new();
    let mut add = |name: &str, build: &dyn Fn(&mut Command)| {
        let mut command = pick_stack(&criteria);
        build(&mut command);
        runs.push((name.to_owned(), command));
    };
    add("advise", &|c| {
        c.args(["advise", "--defaults"]).write_stdin("");
    });
    add("advise --explain", &|c| {
        c.args(["advise", "--defaults", "--explain"])
            .write_stdin("");
    });
    add("advise --explain at 40 columns", &|c| {
        c.env("COLUMNS", "40")
            .args(["advise", "--defaults", "--explain"])
            .write_stdin("");
    });
    add("advise --format markdown --explain", &|c| {
        c.args(["advise", "--defaults", "--explain", "--format", "markdown"])
            .write_stdin("");
    });
    add("advise ruling out b", &|c| {
        c.args(["advise", "--defaults"])
            .write_stdin("answers: {\"q\\e]0;PWNED\\a\\e[2J\\rX\\0\\x9b2J\\u200Bzw\\u202Eevil\\u2066</details><img src=x onerror=alert(1)>\\n## Decision Outcome\\n```\\n=HYPERLINK(1)\": o3}\n");
    });
    add("advise --adr", &|c| {
        c.args(["advise", "--defaults", "--answers"])
            .arg(&answers)
            .arg("--adr")
            .arg(&record);
    });
    add("matrix", &|c| {
        c.arg("matrix");
    });
    add("matrix at 80 columns", &|c| {
        c.env("COLUMNS", "80").arg("matrix");
    });
    add("matrix at 40 columns", &|c| {
        c.env("COLUMNS", "40").arg("matrix");
    });
    add("matrix --format markdown", &|c| {
        c.args(["matrix", "--format", "markdown"]);
    });
    add("questions", &|c| {
        c.arg("questions");
    });
    add("questions --format markdown", &|c| {
        c.args(["questions", "--format", "markdown"]);
    });
    add("validate", &|c| {
        c.arg("validate");
    });
    add("weigh", &|c| {
        c.args(["weigh", "--comparisons"]).arg(&comparisons);
    });
    add("weigh --format markdown", &|c| {
        c.args(["weigh", "--format", "markdown", "--comparisons"])
            .arg(&comparisons);
    });
    // Messages: a did-you-mean on an unknown option, an unknown question,
    // and an --expect that names nothing.
    add("answers errors", &|c| {
        c.args(["advise"])
            .write_stdin("answers:\n  \"\\e]0;PWNED\\a\": x\n  \"q\\e]0;PWNED\\a\\e[2J\\rX\\0\\u202Eevil\\u2066</details><img src=x onerror=alert(1)>\\n## Decision Outcome\\n```\\n=HYPERLINK(1)\": \"o\\e[2J\"\n");
    });
    add("--expect", &|c| {
        c.args(["advise", "--defaults", "--expect", "\x1b]0;PWNED\x07"])
            .write_stdin("");
    });
    for (name, mut command) in runs {
        let (stdout, stderr) = outputs(&mut command);
        for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            let found = unsafe_chars(text);
            assert!(
                found.is_empty(),
                "{name}: {stream} lets {found:?} through:\n{text}"
            );
        }
        // The text is shown, escaped (Markdown quotes the escape's
        // backslash too); `validate` shows no text from the file when it
        // finds nothing wrong.
        if name != "validate" {
            let shown = |text: &str| {
                text.contains("\\u{1b}]0;PWNED") || text.contains("\\\\u{1b}\\]0;PWNED")
            };
            assert!(
                shown(&stdout) || shown(&stderr),
                "{name}: the escaped text is not shown:\n{stdout}\n{stderr}"
            );
        }
    }
    let record = std::fs::read_to_string(&record).unwrap();
    assert!(unsafe_chars(&record).is_empty(), "{record}");
}

#[test]
fn a_file_name_with_escapes_is_shown_escaped_in_messages() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = folder.path().join("crit\x1b]0;PWNED\x07.yaml");
    std::fs::write(&criteria, "scale: {min: 0, max: 10}\n").unwrap();
    let (stdout, stderr) = outputs(pick_stack(&criteria).arg("matrix"));
    assert!(stdout.is_empty());
    assert!(unsafe_chars(&stderr).is_empty(), "{stderr}");
    assert!(
        stderr.contains("crit\\u{1b}]0;PWNED\\u{7}.yaml"),
        "{stderr}"
    );
}

#[test]
fn json_and_csv_carry_the_text_with_nothing_a_terminal_acts_on() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    for args in [
        &["advise", "--defaults", "--format", "json"][..],
        &["matrix", "--format", "json"],
        &["questions", "--format", "json"],
        &["advise", "--defaults", "--format", "csv"],
        &["matrix", "--format", "csv"],
        &["questions", "--format", "csv"],
    ] {
        let (stdout, _) = outputs(pick_stack(&criteria).args(args).write_stdin(""));
        // JSON writes them as \u escapes of the same string; CSV as the
        // escapes the tables show. A line break stays in a quoted CSV cell.
        assert_eq!(unsafe_chars(&stdout), Vec::<char>::new(), "{args:?}");
    }
}

/// A team's JSON goes through the same printer: the criteria's texts and
/// the members' names (file names, which can hold anything but `/`) reach
/// it as escapes. Before, a bidi override in a file name reached it raw.
#[test]
fn a_teams_json_carries_nothing_a_terminal_acts_on() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let members = [
        folder.path().join("alice\u{202e}lave\u{1b}[2J.yaml"),
        folder.path().join("bob.yaml"),
    ];
    for member in &members {
        std::fs::write(member, "answers: {}\n").unwrap();
    }
    let mut command = pick_stack(&criteria);
    command.args(["advise", "--defaults", "--format", "json"]);
    for member in &members {
        command.arg("--answers").arg(member);
    }
    let (stdout, _) = outputs(&mut command);
    assert!(stdout.contains("\\u202e"), "{stdout}");
    assert_eq!(unsafe_chars(&stdout), Vec::<char>::new());
}

#[test]
fn json_keeps_the_text_as_the_file_has_it() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let (stdout, _) = outputs(
        pick_stack(&criteria)
            .args(["advise", "--defaults", "--format", "json"])
            .write_stdin(""),
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let name = json["alternatives"][0]["name"].as_str().unwrap();
    assert!(
        name.starts_with("A\x1b]0;PWNED\x07\x1b[2J\rX\0\u{9b}2J\u{200b}zw\u{202e}evil"),
        "{name:?}"
    );
}

/// A Markdown document without its fenced blocks and code spans, which
/// Markdown shows as they are: what is left is what it interprets.
fn interpreted(document: &str) -> String {
    let mut prose = String::new();
    let mut fence: Option<String> = None;
    for line in document.lines() {
        let run = line.chars().take_while(|&c| c == '`').count();
        match &fence {
            Some(open) if run >= open.len() && line.trim_matches('`').is_empty() => fence = None,
            Some(_) => {}
            None if run >= 3 => fence = Some("`".repeat(run)),
            None => {
                // Drop code spans (a run of backticks up to the next run
                // of the same length), keeping backslash-escaped ones,
                // which are text.
                let chars: Vec<char> = line.chars().collect();
                let mut at = 0;
                while at < chars.len() {
                    if chars[at] == '\\' && at + 1 < chars.len() {
                        prose.push(chars[at]);
                        prose.push(chars[at + 1]);
                        at += 2;
                        continue;
                    }
                    if chars[at] != '`' {
                        prose.push(chars[at]);
                        at += 1;
                        continue;
                    }
                    let run = chars[at..].iter().take_while(|&&c| c == '`').count();
                    let mut end = at + run;
                    let close = loop {
                        if end >= chars.len() {
                            break None;
                        }
                        let next = chars[end..].iter().take_while(|&&c| c == '`').count();
                        if next == run {
                            break Some(end + run);
                        }
                        end += next.max(1);
                    };
                    match close {
                        Some(after) => at = after,
                        None => {
                            prose.extend(&chars[at..at + run]);
                            at += run;
                        }
                    }
                }
                prose.push('\n');
            }
        }
    }
    prose
}

/// Markdown from the files' texts reads as the document's own: no raw
/// HTML, forged heading, character reference, mention, issue link,
/// mathematics, or table row with a cell too many.
fn assert_well_formed_markdown(name: &str, document: &str) {
    // No raw HTML from the file where Markdown reads HTML: its tags
    // arrive as text.
    let prose = interpreted(document);
    assert!(!prose.contains("<img"), "{name}:\n{prose}");
    assert!(
        prose.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{name}"
    );
    assert_eq!(
        prose.matches("</details>").count(),
        prose.matches("<details>").count(),
        "{name}: a </details> from the file closes a block:\n{prose}"
    );
    // No heading forged by a line break in a name: a line that starts
    // a heading with the record's own words is the record's own.
    for line in prose.lines() {
        if line
            .trim_start_matches('#')
            .trim_start()
            .starts_with("Decision Outcome")
        {
            assert_eq!(line, "## Decision Outcome", "{name}: forged heading");
        }
    }
    assert!(
        prose.matches("\n## Decision Outcome\n").count() <= 1,
        "{name}"
    );
    // No character reference, mention, issue link or mathematics: the
    // file's `&#x202E;` is text, `@org/team` notifies no one.
    assert!(
        !prose.contains(" &#x202E;"),
        "{name}: a character reference"
    );
    assert!(prose.contains("&amp;#x202E;"), "{name}");
    assert!(!prose.contains("@org"), "{name}: a mention");
    assert!(!prose.contains("x#1"), "{name}: an issue link");
    assert!(!prose.contains("GH-34"), "{name}: an issue link");
    assert!(!prose.contains(" $"), "{name}: mathematics");
    // Every table row has as many cells as its header.
    let mut header_cells = None;
    for line in document.lines() {
        if !line.starts_with('|') {
            header_cells = None;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        match header_cells {
            None => header_cells = Some(cells),
            Some(expected) => assert_eq!(cells, expected, "{name}: broken row {line:?}"),
        }
    }
}

#[test]
fn markdown_and_the_record_stay_well_formed() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let record = folder.path().join("record.md");
    let (markdown, _) = outputs(
        pick_stack(&criteria)
            .args(["advise", "--defaults", "--explain", "--format", "markdown"])
            .arg("--adr")
            .arg(&record)
            .write_stdin(""),
    );
    let record = std::fs::read_to_string(&record).unwrap();
    for (name, document) in [("markdown", &markdown), ("record", &record)] {
        assert_well_formed_markdown(name, document);
    }
    // The explanation's fence is longer than any run of backticks in it.
    let opening = markdown
        .lines()
        .find(|line| line.starts_with("```") && line.ends_with("text"))
        .expect("a fenced explanation");
    let fence = opening.trim_end_matches("text");
    assert!(fence.len() > 3, "{opening}");
    let inside = &markdown[markdown.find(opening).unwrap() + opening.len()..];
    assert!(
        inside.contains(&format!("\n{fence}\n")),
        "the fence is never closed"
    );
}

/// A team whose members answer the hostile question differently, one of
/// them ruling an alternative out: the notes under the team's tables
/// quote the prompt, the labels and the names, in Markdown and in the
/// record, and in the terminal show no escape.
#[test]
fn a_teams_notes_quote_the_files_texts() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let key = "q\\e]0;PWNED\\a\\e[2J\\rX\\0\\x9b2J\\u200Bzw\\u202Eevil\\u2066</details><img src=x onerror=alert(1)>\\n## Decision Outcome\\n```\\n=HYPERLINK(1) &#x202E; @org/team x#1 GH-34 $\\\\huge F$";
    for (member, option) in [("alice", "o2"), ("bob", "o3")] {
        std::fs::write(
            folder.path().join(format!("{member}.yaml")),
            format!("answers: {{\"{key}\": {option}}}\n"),
        )
        .unwrap();
    }
    let team = |format: &str, record: Option<&Path>| {
        let mut command = pick_stack(&criteria);
        command.args(["advise", "--format", format, "--samples", "0"]);
        for member in ["alice", "bob"] {
            command
                .arg("--answers")
                .arg(folder.path().join(format!("{member}.yaml")));
        }
        if let Some(record) = record {
            command.arg("--adr").arg(record);
        }
        let output = command.output().unwrap();
        assert!(
            output.status.code() != Some(2),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let record_path = folder.path().join("team.md");
    let markdown = team("markdown", Some(&record_path));
    let record = std::fs::read_to_string(&record_path).unwrap();
    for (name, document) in [("team markdown", &markdown), ("team record", &record)] {
        assert!(
            document.contains("Answered differently"),
            "{name}:\n{document}"
        );
        assert!(document.contains("is ruled out for the team"), "{name}");
        assert_well_formed_markdown(name, document);
    }
    let text = team("table", None);
    assert!(text.contains("Answered differently"), "{text}");
    assert_eq!(unsafe_chars(&text), Vec::<char>::new(), "{text}"); // The team's charts beside its record, and its page, hold the
    // hostile names as text only.
    for chart in ["team-contributions.svg", "team-sensitivity.svg"] {
        assert!(record.contains(&format!("]({chart})")), "{chart} linked");
        let svg = std::fs::read_to_string(folder.path().join(chart)).unwrap();
        assert_inert(chart, &svg);
        assert!(
            svg.contains("&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{chart}: a name shown as text"
        );
    }
    let page = team("html", None);
    assert_inert("the team page", &page);
}

#[test]
fn csv_cells_from_the_files_cannot_run_as_formulas() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = folder.path().join("c.yaml");
    std::fs::write(
        &criteria,
        "scale: {min: 0, max: 10}
alternatives:
  - {id: \"=cmd\", name: \"+SUM(1)\"}
  - {id: b, name: \"@B\"}
criteria:
  - id: \"-c1\"
    name: \"=HYPERLINK(1)\"
    weight: 1
    ratings:
      \"=cmd\": {score: 5, rationale: \"\\t=1+1\"}
      b: {score: 4, rationale: \"\\r=2\"}
",
    )
    .unwrap();
    for args in [
        &["advise", "--defaults", "--format", "csv"][..],
        &["matrix", "--format", "csv"][..],
    ] {
        let (stdout, _) = outputs(pick_stack(&criteria).args(args).write_stdin(""));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(stdout.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!formula, "{args:?}: cell {cell:?} would run as a formula");
            }
        }
        assert!(stdout.contains("'=HYPERLINK(1)"), "{stdout}");
    }
}

#[test]
fn the_records_command_runs_as_printed_even_for_a_hostile_file_name() {
    let folder = tempfile::tempdir().unwrap();
    let answers = folder
        .path()
        .join("a b $(touch PWNED) `touch PWNED2`; it's |y|.yaml");
    std::fs::write(&answers, "answers:\n  realtime: core\n").unwrap();
    let record = folder.path().join("record.md");
    let status = Command::cargo_bin("pick-stack")
        .unwrap()
        .current_dir(folder.path())
        .env_remove("PICK_STACK_CRITERIA")
        .args(["advise", "--defaults", "--answers"])
        .arg(answers.file_name().unwrap())
        .arg("--adr")
        .arg(&record)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let text = std::fs::read_to_string(&record).unwrap();
    let line = text
        .lines()
        .find(|line| line.starts_with("Run "))
        .expect("a Run line");
    // The command is the code span's content.
    let start = line.find('`').unwrap();
    let fence_len = line[start..].chars().take_while(|&c| c == '`').count();
    let fence = "`".repeat(fence_len);
    let rest = &line[start + fence_len..];
    let command = rest[..rest.find(&fence).unwrap()].trim();
    let bin = Path::new(env!("CARGO_BIN_EXE_pick-stack"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Process::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(folder.path())
        .env("PATH", path)
        .env_remove("PICK_STACK_CRITERIA")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!folder.path().join("PWNED").exists(), "{command} ran touch");
    assert!(
        !folder.path().join("PWNED2").exists(),
        "{command} ran touch"
    );
}

#[test]
fn saved_answers_with_hostile_texts_replay_to_the_same_answers_and_weights() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let saved = folder.path().join("saved.yaml");
    let weighed = folder.path().join("weighed.yaml");
    // Answers through advise, then weights through weigh on the same file.
    let first = pick_stack(&criteria)
        .args(["advise", "--format", "json", "--save-answers"])
        .arg(&saved)
        .write_stdin("answers: {\"q\\e]0;PWNED\\a\\e[2J\\rX\\0\\x9b2J\\u200Bzw\\u202Eevil\\u2066</details><img src=x onerror=alert(1)>\\n## Decision Outcome\\n```\\n=HYPERLINK(1) &#x202E; @org/team x#1 GH-34 $\\\\huge F$\": o2}\n")
        .output()
        .unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    std::fs::copy(&saved, &weighed).unwrap();
    let weigh = pick_stack(&criteria)
        .args(["weigh", "--save"])
        .arg(&weighed)
        .write_stdin("comparisons:\n  - [c2, c3, 3]\n")
        .output()
        .unwrap();
    assert!(
        weigh.status.success(),
        "{}",
        String::from_utf8_lossy(&weigh.stderr)
    );
    for (file, expected_weights) in [(&saved, false), (&weighed, true)] {
        let text = std::fs::read_to_string(file).unwrap();
        // The prompt's line breaks stay inside its comment.
        for line in text.lines() {
            assert!(
                line.trim_start().starts_with('#') || !line.contains("injected"),
                "an injected line: {line:?}"
            );
        }
        let replay = pick_stack(&criteria)
            .args(["advise", "--format", "json", "--answers"])
            .arg(file)
            .output()
            .unwrap();
        assert!(
            replay.status.success(),
            "{}\n{text}",
            String::from_utf8_lossy(&replay.stderr)
        );
        let replayed: serde_json::Value = serde_json::from_slice(&replay.stdout).unwrap();
        let original: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
        assert_eq!(replayed["answers"], original["answers"], "{text}");
        if expected_weights {
            // Only the weights weigh set, and exactly those.
            assert!(replayed["explicit_weights_from"].is_string(), "{text}");
            let weights: Vec<(String, f64)> = replayed["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["base_weight_from"] == "answers")
                .map(|c| {
                    (
                        c["id"].as_str().unwrap().to_owned(),
                        c["base_weight"].as_f64().unwrap(),
                    )
                })
                .collect();
            let ids: Vec<&str> = weights.iter().map(|(id, _)| id.as_str()).collect();
            assert_eq!(ids, ["c2", "c3"], "{text}");
        } else {
            assert_eq!(replayed["criteria"], original["criteria"], "{text}");
        }
    }
}

/// `pick-stack --criteria CRITERIA COMMAND` in a 200x40 pseudo-terminal.
fn at_a_terminal(criteria: &Path, command: &str) -> rexpect::session::PtySession {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut process = Process::new("sh");
    process
        .arg("-c")
        .arg(format!(
            "stty cols 200 rows 40 && exec '{binary}' --criteria '{}' {command}",
            criteria.display()
        ))
        .env_remove("PICK_STACK_CRITERIA")
        .env("TERM", "xterm");
    rexpect::session::spawn_command(process, Some(20_000)).expect("spawn in a pty")
}

/// What a pseudo-terminal session printed up to `shown`, and after it
/// until the program ends once interrupted.
fn printed_until_interrupted(session: &mut rexpect::session::PtySession, shown: String) -> String {
    session.send_control('c').unwrap();
    let rest = session.exp_eof().expect("ends");
    format!("{shown}{rest}")
}

/// At a terminal, the prompt, its help line and its options show the
/// file's escapes as text: the window title sequence never reaches the
/// terminal, and neither does the clear-screen one.
#[test]
fn prompts_show_the_files_escapes_as_text() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let mut session = at_a_terminal(&criteria, "advise");
    // The prompt, escaped, then its options and help line.
    let mut shown = session
        .exp_string("L3\\u{1b}]0;PWNED")
        .expect("the third option, escaped");
    shown.push_str(&session.exp_string("enter to select").expect("help line"));
    let printed = printed_until_interrupted(&mut session, shown);
    assert!(printed.contains("Q\\u{1b}]0;PWNED"), "{printed}");
    // rexpect hands bytes over as chars: the raw sequences would show as
    // ESC followed by their bytes.
    assert!(
        !printed.contains("\u{1b}]0;PWNED"),
        "the title sequence reached the terminal"
    );
    assert!(
        !printed.contains("\u{1b}[2JX"),
        "the clear-screen sequence reached the terminal"
    );
}

/// `weigh` at a terminal lists the criteria to compare by name: escaped.
#[test]
fn weighing_prompts_show_the_files_escapes_as_text() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = hostile_criteria(folder.path());
    let mut session = at_a_terminal(&criteria, "weigh");
    let shown = session
        .exp_string("C2\\u{1b}]0;PWNED")
        .expect("a criterion, escaped");
    let printed = printed_until_interrupted(&mut session, shown);
    assert!(
        !printed.contains("\u{1b}]0;PWNED"),
        "the title sequence reached the terminal"
    );
}

#[test]
fn usage_errors_show_the_refused_argument_escaped() {
    let evil = "\u{1b}]0;PWN\u{7}\u{1b}[2J\u{202e}x\u{9b}2J";
    let long = format!("{evil}{}", "y".repeat(10_000));
    for args in [
        vec!["advise", "--format", evil],
        vec!["advise", "--method", evil],
        vec!["advise", "--evidence", evil],
        vec!["--color", evil, "matrix"],
        vec![evil],
        vec!["advise", evil],
        vec!["completions", evil],
        vec!["advise", "--format", &long],
    ] {
        let output = Command::cargo_bin("pick-stack")
            .unwrap()
            .env_remove("PICK_STACK_CRITERIA")
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            unsafe_chars(&stderr),
            Vec::<char>::new(),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr.len() < 2_000, "{args:?}: the value is not cut");
    }
}

#[path = "support/html_page.rs"]
mod html_page;

/// Every element the HTML report and its SVG charts are made of: a name
/// from a file that opened any other (or any of these) would show here.
const ELEMENTS: &[&str] = &[
    "!DOCTYPE",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "h1",
    "h2",
    "p",
    "strong",
    "em",
    "details",
    "summary",
    "div",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "code",
    "ul",
    "li",
    "figure",
    "figcaption",
    "svg",
    "rect",
    "text",
    "line",
    "desc",
    "br",
    "span",
    "pre",
];

/// `markup` (a page or an SVG file) holds only pick-stack's own elements
/// and attributes, no control or bidi character, and the hostile names
/// as text.
fn assert_inert(name: &str, markup: &str) {
    let found = unsafe_chars(markup);
    assert!(found.is_empty(), "{name} lets {found:?} through");
    let mut tags = 0;
    for tag in html_page::tags(markup) {
        tags += 1;
        let element = tag.name.trim_start_matches('/');
        assert!(
            ELEMENTS.contains(&element),
            "{name}: an element <{}>",
            tag.name
        );
        for (attribute, value) in &tag.attributes {
            assert!(
                !attribute.starts_with("on")
                    && !matches!(attribute.as_str(), "src" | "href" | "style" | "xlink:href"),
                "{name}: <{} {attribute}=\"{value}\">",
                tag.name
            );
        }
    }
    assert!(tags > 10, "{name}: markup was read");
}

#[test]
fn html_and_the_records_svg_charts_keep_hostile_names_inert() {
    let folder = tempfile::tempdir().unwrap();
    let criteria = folder.path().join("markup.yaml");
    std::fs::write(
        &criteria,
        r#"scale: {min: 0, max: 10}
alternatives:
  - {id: a, name: "<script>alert(1)</script>"}
  - {id: b, name: "\"><img src=x onerror=alert(1)>"}
criteria:
  - id: c1
    name: "\u202Eevil\u2066 '><svg onload=alert(1)>"
    weight: 2
    ratings: {a: 9, b: 3}
  - id: c2
    name: "&#x202E; </text></svg><script>alert(2)</script> \uFFFF\uFFFE\uFDD0"
    weight: 1
    ratings: {a: 2, b: 8}
"#,
    )
    .unwrap();
    let answers = folder.path().join("answers.yaml");
    std::fs::write(&answers, "").unwrap();
    let record = folder.path().join("record.md");
    let output = pick_stack(&criteria)
        .args(["advise", "--format", "html", "--answers"])
        .arg(&answers)
        .arg("--adr")
        .arg(&record)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = String::from_utf8(output.stdout).unwrap();
    assert_inert("the page", &page);
    for chart in ["record-contributions.svg", "record-sensitivity.svg"] {
        let svg = std::fs::read_to_string(folder.path().join(chart)).unwrap();
        assert_inert(chart, &svg);
        // b, which would lead were a weight to move, is in both.
        assert!(
            svg.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{chart}"
        );
        assert!(svg.contains("\\u{202e}evil\\u{2066} &#39;&gt;&lt;svg onload=alert(1)&gt;"));
        // Nothing XML forbids (U+FFFE and U+FFFF would stop the chart
        // from loading at all) and nothing a terminal acts on.
        assert_eq!(unsafe_chars(&svg), Vec::<char>::new(), "{chart}");
        assert!(svg.contains("\\u{ffff}\\u{fffe}\\u{fdd0}"), "{chart}");
    }
    // Shown as text, escaped once.
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; score"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; score"));
    assert!(page.contains("&amp;#x202E; &lt;/text&gt;&lt;/svg&gt;&lt;script&gt;alert(2)"));
    assert!(page.contains("\\u{202e}evil\\u{2066}"));

    // Every text field of a file built to break documents, in both pages.
    let hostile = hostile_criteria(folder.path());
    let output = pick_stack(&hostile)
        .args(["advise", "--defaults", "--format", "html", "--explain"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = String::from_utf8(output.stdout).unwrap();
    assert_inert("the hostile page", &page);
    assert!(
        page.contains("\\u{1b}]0;PWNED"),
        "the text is shown, escaped"
    );
    let output = pick_stack(&hostile)
        .args(["matrix", "--format", "html"])
        .output()
        .unwrap();
    assert_inert(
        "the hostile matrix",
        &String::from_utf8(output.stdout).unwrap(),
    );
}
