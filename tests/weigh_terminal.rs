//! `pick-stack weigh` at a real terminal: the built binary runs inside a
//! pseudo-terminal with the four-alternative criteria of
//! `tests/fixtures/four/`, and each pairwise judgement is chosen with arrow
//! keys, the way a person would.
//!
//! Each prompt lists, top to bottom: "(9) A: extremely more important" …
//! "(2) A: …", "(1) Both equally important" (where the cursor starts), then
//! "(2) B: slightly more important" … "(9) B: …". So n − 1
//! presses of ↑ judge A n times as important as B, and n − 1 presses of ↓
//! judge B n times as important as A.
//!
//! The three criteria compared are performance, ecosystem and learning
//! (base weights 3, 2, 2): the saved base weights keep their total of 7.
//! rexpect reads bytes as chars, so only ASCII text is matched (not λ, ×
//! or the table's box drawing).

use std::path::Path;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

const PERFORMANCE: &str = "Runtime performance";
const ECOSYSTEM: &str = "Libraries & ecosystem";
const LEARNING: &str = "Ease of learning";

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/four")
        .display()
        .to_string()
}

/// Starts `pick-stack --criteria <four> weigh --only performance,ecosystem,learning
/// --save SAVE` in a 100×40 pseudo-terminal (a fresh pty is 0×0).
fn spawn_weigh(save: &Path) -> PtySession {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command.arg("-c").arg(format!(
        "stty cols 100 rows 40 && exec '{binary}' --criteria '{}' weigh --only performance,ecosystem,learning --save '{}'",
        fixture(),
        save.display()
    ));
    command
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS")
        .env("TERM", "xterm");
    spawn_command(command, Some(20_000)).expect("spawn pick-stack in a pty")
}

fn keys(key: &str, times: usize) -> String {
    format!("{}{ENTER}", key.repeat(times))
}

fn send(session: &mut PtySession, keys: &str) {
    session.send(keys).expect("send keys");
    session.flush().expect("flush keys");
}

/// Waits for the prompt `[pair N of 3]` and answers it.
fn judge(session: &mut PtySession, number: usize, keys: &str) {
    session
        .exp_string(&format!("[pair {number} of 3] "))
        .unwrap_or_else(|err| panic!("judgement {number} never asked: {err}"));
    send(session, keys);
}

/// The file to save holds no answers yet, so after the judgements the
/// questions follow: each is taken at its default, and the review is
/// confirmed.
fn answer_the_questions(session: &mut PtySession) {
    session
        .exp_string("holds no answers yet; the questions follow")
        .expect("says the questions follow");
    for prompt in [
        "What does the team mostly write today?",
        "Where will the code run?",
        "How pressing is the first release?",
        "Looks right",
    ] {
        session
            .exp_string(prompt)
            .unwrap_or_else(|err| panic!("{prompt:?} never asked: {err}"));
        send(session, ENTER);
    }
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("wait for pick-stack") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("pick-stack did not exit normally: {other:?}"),
    }
}

/// A row of the weights table: criterion, AHP weight, base weight before,
/// base weight saved, in that order on one line.
fn assert_row(output: &str, figures: [&str; 4]) {
    let found = output.lines().any(|line| {
        let mut rest = line;
        figures.iter().all(|figure| match rest.find(figure) {
            Some(at) => {
                rest = &rest[at + figure.len()..];
                true
            }
            None => false,
        })
    });
    assert!(found, "no table row with {figures:?} in:\n{output}");
}

/// `advise --answers FILE` with the same criteria: must succeed; returns
/// standard output.
fn advise_with(file: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pick-stack"))
        .arg("--criteria")
        .arg(fixture())
        .args(["advise", "--answers"])
        .arg(file)
        .env_remove("PICK_STACK_CRITERIA")
        .env_remove("COLUMNS")
        .output()
        .expect("run advise");
    assert!(
        output.status.success(),
        "advise --answers failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn saved_weights(file: &Path, values: [&str; 3]) -> String {
    let text = std::fs::read_to_string(file).expect("the weights were saved");
    assert!(text.lines().any(|line| line == "weights:"), "{text}");
    for (id, value) in ["performance", "ecosystem", "learning"].iter().zip(values) {
        let line = format!("    {id}: {value}");
        assert!(
            text.lines().any(|saved| saved == line),
            "{line:?} in:\n{text}"
        );
    }
    text
}

#[test]
fn consistent_judgements_give_their_weights_and_save_them() {
    // performance : ecosystem 3 (↑↑), performance : learning 5 (↑↑↑↑),
    // ecosystem : learning 2 (↑). Row geometric means (15)^⅓ = 2.4662,
    // (⅓·2)^⅓ = 0.8736, (⅕·½)^⅓ = 0.4642, sum 3.8040: weights 0.648, 0.230,
    // 0.122. λmax = 1 + t + 1/t, t = (3·2/5)^⅓ = 1.0627: 3.0037; CI 0.0018;
    // CR = CI / 0.58 = 0.0032 ≤ 0.1, so no second look is offered. Saved
    // (× 7): 4.538303, 1.607556, 0.854141.
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("weights.yaml");
    let mut session = spawn_weigh(&saved);
    judge(&mut session, 1, &keys(UP, 2));
    judge(&mut session, 2, &keys(UP, 4));
    judge(&mut session, 3, &keys(UP, 1));
    answer_the_questions(&mut session);
    let output = session.exp_eof().expect("pick-stack ends after the table");
    assert_eq!(exit_code(&session), 0, "{output}");
    assert!(!output.contains("again?"), "{output}");
    assert!(output.contains("AHP weight"), "{output}");
    assert_row(&output, [PERFORMANCE, "0.648", "3", "4.538"]);
    assert_row(&output, [ECOSYSTEM, "0.230", "2", "1.608"]);
    assert_row(&output, [LEARNING, "0.122", "2", "0.854"]);
    assert!(
        output.contains(
            "consistency index 0.002, consistency ratio 0.003 (random index 0.58 for 3 criteria"
        ),
        "{output}"
    );
    assert!(!output.contains("Warning"), "{output}");
    assert!(output.contains("Weights saved to"), "{output}");

    let text = saved_weights(&saved, ["4.538303", "1.607556", "0.854141"]);
    assert!(
        text.contains("consistency ratio 0.003 (Saaty (1980) random index)"),
        "{text}"
    );
    // Weights 4.538303, 2, 1.607556, 0.854141, 1 (sum 10):
    //   Rust 45.38303 + 16 + 9.645336 + 1.708282 + 8 = 80.737 → 8.07
    //   Go   36.306424 + 12 + 11.252892 + 6.833128 + 9 = 75.392 → 7.54
    let advice = advise_with(&saved);
    assert!(
        advice.contains("Verdict: Rust, 8.07 to 7.54 for Go: a margin of 0.53"),
        "{advice}"
    );
}

/// performance : ecosystem 2 (↑), performance : learning 4 (↑↑↑), learning :
/// ecosystem 2 (↓, so ecosystem : learning is ½). The first and last imply
/// performance : learning = 2 · ½ = 1, but it is judged 4. λmax = 1 + t +
/// 1/t with t = (2·½/4)^⅓ = 0.6300: 3.2174; CI 0.1087; CR 0.1874 > 0.1.
/// Returns the pair the tool offers to compare again.
fn inconsistent_judgements(session: &mut PtySession) -> (String, String) {
    judge(session, 1, &keys(UP, 1));
    judge(session, 2, &keys(UP, 3));
    judge(session, 3, &keys(DOWN, 1));
    session
        .exp_string(
            "The consistency ratio is 0.187, above 0.1: some judgements contradict each other.",
        )
        .expect("the ratio is reported");
    // For three criteria every judgement disagrees equally with the
    // eigenvector weights (|ln(a_ij·w_j/w_i)| is the same for all three
    // pairs), so which one the tool names is not fixed: read it.
    let names = format!("({PERFORMANCE}|{ECOSYSTEM}|{LEARNING})");
    let (_, asked) = session
        .exp_regex(&format!("Compare {names} and {names} again\\?"))
        .expect("offers to compare a pair again");
    let pair = asked
        .trim_start_matches("Compare ")
        .trim_end_matches(" again?");
    let (first, second) = pair.split_once(" and ").expect("two names");
    (first.to_owned(), second.to_owned())
}

#[test]
fn inconsistent_judgements_kept_are_saved_with_a_warning() {
    // Kept as they are, the weights are the row geometric means:
    // (2·4)^⅓ = 2, (½·½)^⅓ = 0.6300, (¼·2)^⅓ = 0.7937, sum 3.4237 →
    // 0.584, 0.184, 0.232; saved (× 7) 4.08919, 1.288014, 1.622796.
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("weights.yaml");
    let mut session = spawn_weigh(&saved);
    let (first, second) = inconsistent_judgements(&mut session);
    send(&mut session, &format!("n{ENTER}"));
    answer_the_questions(&mut session);
    let output = session.exp_eof().expect("pick-stack ends after the table");
    assert_eq!(exit_code(&session), 0, "{output}");
    assert!(!output.contains("[again]"), "{output}");
    assert_row(&output, [PERFORMANCE, "0.584", "3", "4.089"]);
    assert_row(&output, [ECOSYSTEM, "0.184", "2", "1.288"]);
    assert_row(&output, [LEARNING, "0.232", "2", "1.623"]);
    assert!(
        output.contains("consistency index 0.109, consistency ratio 0.187"),
        "{output}"
    );
    assert!(
        output.contains(
            "Warning: the consistency ratio is above 0.1; the judgements contradict each other."
        ),
        "{output}"
    );
    // The warning names the same pair as the question (the line may wrap
    // between the names, so look for each).
    let warning = &output[output.find("Warning:").unwrap()..];
    assert!(
        warning.contains(&first) && warning.contains(&second),
        "{warning}"
    );
    assert!(output.contains("Weights saved to"), "{output}");

    let text = saved_weights(&saved, ["4.08919", "1.288014", "1.622796"]);
    assert!(text.contains("consistency ratio 0.187"), "{text}");
    // Weights 4.08919, 2, 1.288014, 1.622796, 1 (sum 10):
    //   Rust 40.8919 + 16 + 7.728084 + 3.245592 + 8 = 75.866 → 7.59
    //   Go   32.71352 + 12 + 9.016098 + 12.982368 + 9 = 75.712 → 7.57
    let advice = advise_with(&saved);
    assert!(
        advice.contains("Verdict: Rust, 7.59 to 7.57 for Go: a margin of 0.02"),
        "{advice}"
    );
}

#[test]
fn judging_the_pair_again_removes_the_inconsistency() {
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("weights.yaml");
    let mut session = spawn_weigh(&saved);
    let (first, second) = inconsistent_judgements(&mut session);
    send(&mut session, &format!("y{ENTER}"));
    // The list starts at the judgement given before; each re-judgement below
    // makes the three exactly consistent (CR 0):
    //   performance : ecosystem 2 → 8 = 4 · 2 (↑ × 6): weights (8, 1, 2)/11
    //     = 0.727, 0.091, 0.182; saved 5.090909, 0.636364, 1.272727;
    //     Rust 50.909 + 16 + 3.818 + 2.545 + 8 = 81.273 → 8.13,
    //     Go 40.727 + 12 + 4.455 + 10.182 + 9 = 76.364 → 7.64.
    //   performance : learning 4 → 1 = 2 · ½ (↓ × 3): weights (2, 1, 2)/5 =
    //     0.400, 0.200, 0.400; saved 2.8, 1.4, 2.8;
    //     Go 22.4 + 12 + 9.8 + 22.4 + 9 = 75.6 → 7.56,
    //     Rust 28 + 16 + 8.4 + 5.6 + 8 = 66 → 6.60.
    //   ecosystem : learning ½ → 2 = 4 / 2 (↑ × 2): weights (4, 2, 1)/7 =
    //     0.571, 0.286, 0.143; saved 4, 2, 1;
    //     Rust 40 + 16 + 12 + 2 + 8 = 78 → 7.80, Go 32 + 12 + 14 + 8 + 9 = 75
    //     → 7.50.
    type Expected = (
        (&'static str, usize),
        [&'static str; 3],
        [&'static str; 3],
        [&'static str; 3],
        &'static str,
    );
    let (keys_again, ahp, shown, file_values, verdict): Expected =
        match (first.as_str(), second.as_str()) {
            (PERFORMANCE, ECOSYSTEM) => (
                (UP, 6),
                ["0.727", "0.091", "0.182"],
                ["5.091", "0.636", "1.273"],
                ["5.090909", "0.636364", "1.272727"],
                "Verdict: Rust, 8.13 to 7.64 for Go",
            ),
            (PERFORMANCE, LEARNING) => (
                (DOWN, 3),
                ["0.400", "0.200", "0.400"],
                ["2.800", "1.400", "2.800"],
                ["2.8", "1.4", "2.8"],
                "Verdict: Go, 7.56 to 6.60 for Rust",
            ),
            (ECOSYSTEM, LEARNING) => (
                (UP, 2),
                ["0.571", "0.286", "0.143"],
                ["4.000", "2.000", "1.000"],
                ["4", "2", "1"],
                "Verdict: Rust, 7.80 to 7.50 for Go",
            ),
            other => panic!("unexpected pair {other:?}"),
        };
    session
        .exp_string("[again] ")
        .expect("the pair is asked again");
    send(&mut session, &keys(keys_again.0, keys_again.1));
    answer_the_questions(&mut session);
    let output = session.exp_eof().expect("pick-stack ends after the table");
    assert_eq!(exit_code(&session), 0, "{output}");
    // Consistent now: not asked a second time, and no warning.
    assert!(!output.contains("again?"), "{output}");
    assert!(!output.contains("Warning"), "{output}");
    assert!(
        output.contains("consistency index 0.000, consistency ratio 0.000"),
        "{output}"
    );
    for ((name, weight), saved_weight) in [PERFORMANCE, ECOSYSTEM, LEARNING]
        .into_iter()
        .zip(ahp)
        .zip(shown)
    {
        let before = if name == PERFORMANCE { "3" } else { "2" };
        assert_row(&output, [name, weight, before, saved_weight]);
    }
    let text = saved_weights(&saved, file_values);
    assert!(text.contains("consistency ratio 0.000"), "{text}");
    let advice = advise_with(&saved);
    assert!(advice.contains(verdict), "{advice}");
}

#[path = "support/screen.rs"]
mod screen;

/// The README's example at a 60×12 terminal: each pair's list pages
/// under its question, which stays on screen with the cursor's line and
/// the help line however far the cursor moves, and the lines are cut to
/// the width with an ellipsis rather than wrapped.
#[test]
fn a_60_by_12_terminal_keeps_the_question_and_the_cursor_in_view() {
    let mut screen = screen::Screen::spawn(60, 12, "weigh --only speed,syntax,libraries");
    let rows = screen.wait_for("(1) Both equally important");
    let view = |rows: &[String], cursor: &str| {
        let shown = screen::shown(rows);
        assert!(
            rows[0].starts_with("? [pair 1 of 3] Speed & performance or Syntax"),
            "the question is not at the top:\n{shown}"
        );
        let marked: Vec<&String> = rows.iter().filter(|row| row.starts_with("> ")).collect();
        assert_eq!(marked.len(), 1, "one line has the cursor:\n{shown}");
        assert!(
            marked[0].starts_with(cursor),
            "the cursor is not on {cursor:?}:\n{shown}"
        );
        assert!(
            rows.iter().any(|row| row.starts_with("[↑↓ to move")),
            "no help line:\n{shown}"
        );
        assert_eq!(
            rows.iter()
                .filter(|row| row.contains("which matters"))
                .count(),
            1,
            "the question is drawn more than once:\n{shown}"
        );
    };
    view(&rows, "> (1) Both equally important");
    // ↑ once, then to the top of the list, then to its bottom.
    screen.send(screen::UP);
    view(&screen.settle(), "> (2) Speed & performance: slightly");
    screen.send(&screen::UP.repeat(7));
    let rows = screen.settle();
    view(&rows, "> (9) Speed & performance: extremely");
    // A line too long for 60 columns ends in an ellipsis on its row.
    assert!(
        rows.iter().any(|row| row
            .starts_with("  (6) Speed & performance: strongly to very strongly")
            && row.ends_with('…')),
        "{}",
        screen::shown(&rows)
    );
    screen.send(&screen::DOWN.repeat(16));
    view(&screen.settle(), "> (9) Syntax: extremely more important");
    screen.send("\x03");
    screen.finish();
}

/// Ctrl-C clears the list, as Esc and Ctrl-D do, leaving the question
/// marked as ended.
#[test]
fn ctrl_c_clears_the_pair_list_from_the_screen() {
    let mut screen = screen::Screen::spawn(60, 12, "weigh --only speed,syntax,libraries");
    screen.wait_for("(1) Both equally important");
    screen.send("\x03");
    let rows = screen.finish();
    let shown = screen::shown(&rows);
    assert!(!shown.contains("Both equally important"), "{shown}");
    assert!(!shown.contains("[↑↓ to move"), "{shown}");
    assert!(shown.contains("<canceled>"), "{shown}");
    assert!(shown.contains("interrupted at a prompt"), "{shown}");
    assert_eq!(screen.exit_code(), 130);
}

/// `weigh --save` into a new file at a terminal asks the questions after
/// the judgements, so the file holds the team's answers, not defaults.
#[test]
fn saving_into_a_new_file_at_a_terminal_asks_the_questions() {
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("weights.yaml");
    let mut session = spawn_weigh(&saved);
    for number in 1..=3 {
        judge(&mut session, number, ENTER);
    }
    session
        .exp_string("holds no answers yet; the questions follow")
        .expect("says the questions follow");
    // skills: one down → mostly systems programmers; the rest at their
    // defaults; the review confirmed.
    for (prompt, keys) in [
        (
            "What does the team mostly write today?",
            format!("{DOWN}{ENTER}"),
        ),
        ("Where will the code run?", ENTER.to_owned()),
        ("How pressing is the first release?", ENTER.to_owned()),
        ("Looks right", ENTER.to_owned()),
    ] {
        session
            .exp_string(prompt)
            .unwrap_or_else(|err| panic!("{prompt:?} never asked: {err}"));
        send(&mut session, &keys);
    }
    let output = session.exp_eof().expect("pick-stack ends after the table");
    assert_eq!(exit_code(&session), 0, "{output}");
    let text = saved_weights(&saved, ["2.333333", "2.333333", "2.333333"]);
    assert!(
        text.lines().any(|line| line == "  skills: systems"),
        "{text}"
    );
    assert!(text.lines().any(|line| line == "answers:"), "{text}");
}
