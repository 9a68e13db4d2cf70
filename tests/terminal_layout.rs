//! Reports laid out alike at a terminal and in a pipe: each test runs the
//! built binary inside a pseudo-terminal of a given width and compares what
//! it shows with the piped output at the same `COLUMNS`.

use std::process::Command;

use rexpect::session::spawn_command;

/// The report `args` prints at a `columns`-wide terminal, as lines without
/// their carriage returns.
fn at_terminal(columns: u16, args: &str) -> Vec<String> {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols {columns} rows 50 && exec '{binary}' {args} --color never"
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS")
        .env("TERM", "xterm");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn pick-stack in a pty");
    let output = session.exp_eof().expect("the report, then the end");
    // rexpect hands over bytes as chars; put the UTF-8 back together.
    let bytes: Vec<u8> = output.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes)
        .lines()
        .map(|line| line.trim_end_matches('\r').to_owned())
        .collect()
}

/// The report `args` prints into a pipe with `COLUMNS` set.
fn piped(columns: u16, args: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_pick-stack"))
        .args(args.split_whitespace())
        .args(["--color", "never"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("PICK_STACK_CRITERIA")
        .env("COLUMNS", columns.to_string())
        .output()
        .expect("run pick-stack");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn explain_keeps_its_indents_at_a_terminal_as_in_a_pipe() {
    let args = "advise --answers examples/realtime-chat.yaml --explain";
    let terminal = at_terminal(200, args);
    assert_eq!(terminal, piped(200, args));
    // The figures and rationales under a criterion stay indented.
    let figure = terminal
        .iter()
        .find(|line| line.contains("9 × ") && line.contains("Node.js"))
        .expect("a figure line for Node.js");
    assert!(figure.starts_with("  Node.js"), "{figure:?}");
    assert!(
        terminal
            .iter()
            .any(|line| line.starts_with("      An event loop")),
        "the rationale lost its indent"
    );
    for line in &terminal {
        assert!(
            line.chars().count() <= 200,
            "wider than the terminal: {line:?}"
        );
    }
}

#[test]
fn a_narrow_terminal_wraps_explain_under_the_same_indent() {
    let args = "advise --answers examples/realtime-chat.yaml --explain";
    let terminal = at_terminal(72, args);
    assert_eq!(terminal, piped(72, args));
    let start = terminal
        .iter()
        .position(|line| line.starts_with("  Node.js") && line.contains("9 × "))
        .expect("a figure line");
    // The rationale under it wraps, every piece at the rationale's indent.
    let rationale: Vec<&String> = terminal[start + 1..]
        .iter()
        .take_while(|line| line.starts_with("      "))
        .collect();
    assert!(rationale.len() > 1, "{terminal:#?}");
    for line in &terminal {
        assert!(
            line.chars().count() <= 72,
            "wider than the terminal: {line:?}"
        );
    }
}

#[test]
fn a_record_from_the_defaults_at_a_terminal_reruns_without_an_answers_file() {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("record.md");
    at_terminal(
        100,
        &format!("advise --defaults --adr '{}'", record.display()),
    );
    let text = std::fs::read_to_string(&record).unwrap();
    let run = text
        .lines()
        .find(|line| line.starts_with("Run "))
        .expect("a Run line");
    assert!(
        run.starts_with("Run `pick-stack advise --defaults --expect python`"),
        "{run}"
    );
}

/// The rows of `--explain`'s text tornado: the lines with a `│` between
/// the bars under its heading.
fn tornado_rows(report: &[String]) -> Vec<String> {
    let start = report
        .iter()
        .position(|line| line.starts_with("How far each weight may fall"))
        .expect("the tornado's heading");
    report[start..]
        .iter()
        .skip_while(|line| !line.contains('│'))
        .take_while(|line| !line.is_empty())
        .cloned()
        .collect()
}

#[test]
fn the_explain_tornado_fits_the_terminal_and_puts_the_most_sensitive_first() {
    use unicode_width::UnicodeWidthStr;
    let args = "advise --answers examples/python-team-realtime.yaml --explain";
    // The terminal's own width, as a pipe's COLUMNS gives it.
    let terminal = at_terminal(36, args);
    assert_eq!(tornado_rows(&terminal), tornado_rows(&piped(36, args)));
    for columns in [30, 36, 40, 60, 100] {
        let report = piped(columns, args);
        let rows = tornado_rows(&report);
        // The eleven weighed criteria of this example.
        assert_eq!(rows.len(), 11, "{columns}: {rows:#?}");
        for line in &report {
            assert!(
                line.width() <= usize::from(columns) || !line.contains('│'),
                "{columns} columns: {line:?}"
            );
        }
        // Real-time's weight ×4.16 would put Node.js on top, the nearest
        // change; a criterion no change of weight alone affects is all ░.
        assert!(rows[0].ends_with("– ×4.16"), "{columns}: {}", rows[0]);
        assert!(rows[0].contains("░│█"), "{}", rows[0]);
        assert!(rows[1].ends_with("÷6.89 –"), "{}", rows[1]);
        assert!(rows[10].contains("░│░") && rows[10].ends_with("– –"));
    }
    // Wide enough, every name in full.
    assert!(
        tornado_rows(&piped(100, args))[0].starts_with("  Real-time & instant data exchange ░")
    );
    assert!(tornado_rows(&piped(40, args))[0].starts_with("  Real-tim… ░"));
}
