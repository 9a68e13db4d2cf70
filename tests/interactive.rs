//! `pick-stack advise` at a real terminal: each test runs the built binary
//! inside a pseudo-terminal and drives its prompts with keystrokes, the way a
//! person at a keyboard would.

use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

/// The prompts asked on the default path, in order: follow-ups appear only
/// when an answer makes them relevant.
const DEFAULT_PATH: [&str; 12] = [
    "Does the project build on code that already works?",
    "Which of the two languages does the team already know well?",
    "What kind of product is it mainly?",
    "Does the system need live updates or many connections open at once?",
    "What traffic and service layout do you expect?",
    "What heavy computation does the project's own code do?",
    "Does the project use AI or machine-learning models?",
    "Will the back end share code with a browser front end?",
    "Does the project include mobile apps?",
    "How much does the project rely on static types?",
    "Where will it run?",
    "Does the project depend on a library that exists in only one ecosystem?",
];

/// Starts `pick-stack ARGS` in a 100×40 pseudo-terminal. The size is set with
/// stty first: a fresh pty is 0×0, which no real terminal is.
fn spawn(args: &str) -> PtySession {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("stty cols 100 rows 40 && exec '{binary}' {args}"));
    command
        .env_remove("PICK_STACK_CRITERIA")
        .env("TERM", "xterm");
    spawn_command(command, Some(20_000)).expect("spawn pick-stack in a pty")
}

/// Waits for the question whose prompt is `prompt`, then sends `keys`.
fn answer(session: &mut PtySession, prompt: &str, keys: &str) {
    session
        .exp_string(prompt)
        .unwrap_or_else(|err| panic!("question {prompt:?} never appeared: {err}"));
    session.send(keys).expect("send keys");
    session.flush().expect("flush keys");
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("wait for pick-stack") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("pick-stack did not exit normally: {other:?}"),
    }
}

#[test]
fn arrow_keys_choose_a_real_time_service_and_node_wins() {
    let mut session = spawn("advise");
    for prompt in DEFAULT_PATH {
        // realtime: two down → "Yes, live data is central" (core)
        let keys = if prompt.starts_with("Does the system need live updates") {
            format!("{DOWN}{DOWN}{ENTER}")
        } else {
            ENTER.to_owned()
        };
        answer(&mut session, prompt, &keys);
    }
    answer(&mut session, "Looks right", ENTER);
    session
        .exp_string("Real-time & instant data exchange")
        .expect("table row");
    session.exp_string("Total").expect("total row");
    let (_, verdict) = session
        .exp_regex(r"Verdict: [^\r\n]+")
        .expect("verdict line");
    assert!(verdict.starts_with("Verdict: Node.js,"), "{verdict}");
    session.exp_eof().expect("pick-stack ends after the table");
    assert_eq!(exit_code(&session), 0);
}

#[test]
fn the_prompt_shows_help_and_starts_at_the_default() {
    let mut session = spawn("advise");
    session.exp_string("[1/").expect("first question");
    // The default option is marked, and help text is shown under the list.
    session.exp_string("(default)").expect("default marked");
    session
        .exp_string("to move, enter to select")
        .expect("help line");
    session.send_control('c').expect("ctrl-c");
    session.exp_eof().expect("exit after ctrl-c");
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_and_saves_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("answers.yaml");
    let mut session = spawn(&format!("advise --save-answers '{}'", saved.display()));
    answer(&mut session, DEFAULT_PATH[0], ENTER);
    session
        .exp_string(DEFAULT_PATH[1])
        .expect("second question");
    session.send_control('c').expect("ctrl-c");
    session
        .exp_string("interrupted")
        .expect("says it was interrupted");
    session.exp_eof().expect("exit");
    assert_eq!(exit_code(&session), 130);
    assert!(!saved.exists(), "an interrupted run must not write answers");
}

#[test]
fn a_follow_up_is_asked_only_when_an_answer_makes_it_relevant() {
    let mut session = spawn("advise");
    // existing_code: one down → a Node.js code base: the follow-up about
    // how the project relates to it comes next.
    answer(&mut session, DEFAULT_PATH[0], &format!("{DOWN}{ENTER}"));
    answer(
        &mut session,
        "How does the project relate to that code?",
        &format!("{DOWN}{ENTER}"),
    );
    answer(&mut session, DEFAULT_PATH[1], ENTER);
    // workload: four down → background jobs: the questions about live
    // connections, traffic and front ends no longer apply...
    answer(
        &mut session,
        DEFAULT_PATH[2],
        &format!("{DOWN}{DOWN}{DOWN}{DOWN}{ENTER}"),
    );
    // ...so the next question is about computation.
    let skipped = session
        .exp_string(DEFAULT_PATH[5])
        .expect("the computation question follows the workload");
    for not_asked in &DEFAULT_PATH[3..5] {
        assert!(
            !skipped.contains(not_asked),
            "asked {not_asked:?}, which does not apply:\n{skipped}"
        );
    }
    session.send_control('c').expect("ctrl-c");
    session.exp_eof().expect("exit");
}

#[test]
fn an_option_that_rules_out_an_alternative_says_so_in_the_list() {
    let mut session = spawn("advise");
    for prompt in &DEFAULT_PATH[..7] {
        answer(&mut session, prompt, ENTER);
    }
    session
        .exp_string(DEFAULT_PATH[7])
        .expect("browser question");
    session
        .exp_string("The same code must run in the browser and on the server (rules out Python)")
        .expect("the option says what it rules out");
    session.send_control('c').expect("ctrl-c");
    session.exp_eof().expect("exit");
}

#[test]
fn saved_answers_replay_to_the_same_table() {
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("answers.yaml");
    let mut session = spawn(&format!("advise --save-answers '{}'", saved.display()));
    // workload: three down → data; compute: Enter; ai: two down → own,
    // which brings in the follow-up about what the project does with them.
    for prompt in DEFAULT_PATH {
        let keys = match prompt {
            p if p == DEFAULT_PATH[2] => format!("{DOWN}{DOWN}{DOWN}{ENTER}"),
            p if p == DEFAULT_PATH[6] => format!("{DOWN}{DOWN}{ENTER}"),
            _ => ENTER.to_owned(),
        };
        answer(&mut session, prompt, &keys);
        // Each of those answers brings in its follow-up.
        if prompt == DEFAULT_PATH[2] {
            answer(
                &mut session,
                "How much of the analysis does the project's own code do?",
                ENTER,
            );
        }
        if prompt == DEFAULT_PATH[6] {
            answer(
                &mut session,
                "What does the project do with its own models?",
                ENTER,
            );
        }
    }
    answer(&mut session, "Looks right", ENTER);
    let (_, verdict) = session
        .exp_regex(r"Verdict: [^\r\n]+")
        .expect("verdict line");
    session.exp_eof().expect("end");
    assert_eq!(exit_code(&session), 0);
    assert!(verdict.starts_with("Verdict: Python,"), "{verdict}");

    let text = std::fs::read_to_string(&saved).expect("answers were saved");
    assert!(text.contains("workload: data"), "{text}");
    assert!(text.contains("ai: own"), "{text}");
    assert!(text.contains("ml_work: train"), "{text}");
    let replay = Command::new(env!("CARGO_BIN_EXE_pick-stack"))
        .args(["advise", "--answers"])
        .arg(&saved)
        .env_remove("PICK_STACK_CRITERIA")
        .output()
        .expect("replay");
    assert!(replay.status.success());
    let replayed = String::from_utf8(replay.stdout).expect("utf-8");
    // rexpect reads bytes one by one as chars, so compare the ASCII part of the
    // line: winner, both totals and the margin.
    let figures = verdict
        .split(" on the ")
        .next()
        .expect("verdict has figures");
    assert!(
        replayed.contains(figures),
        "replay differs from {figures:?}:\n{replayed}"
    );
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    // --defaults at a terminal asks nothing, so all output is the report.
    let mut session = spawn("advise --defaults");
    let (before, _) = session.exp_regex(r"Stability: [a-z]+").expect("report");
    session.exp_eof().expect("end");
    assert!(
        before.contains("\x1b["),
        "a terminal gets colour:\n{before}"
    );
    // --defaults asks nothing, so there is nothing to review.
    assert!(!before.contains("Review your answers"), "{before}");

    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 100 rows 40 && exec '{binary}' advise --defaults"
        ))
        .env_remove("PICK_STACK_CRITERIA")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn");
    let (before, _) = session.exp_regex(r"Stability: [a-z]+").expect("report");
    session.exp_eof().expect("end");
    assert!(
        !before.contains("\x1b["),
        "NO_COLOR output has escape codes:\n{before}"
    );
}

/// Runs `pick-stack advise` in a pty at `columns` wide, sends `keys` at the
/// first prompt, and returns everything printed up to and including the
/// exit status and the terminal's settings (`stty -a`) after it ends.
fn leave_first_prompt(keys: &str) -> String {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 100 rows 40 && '{binary}' advise; echo \"exit=$?\"; stty -a"
        ))
        .env_remove("PICK_STACK_CRITERIA")
        .env("TERM", "xterm");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn");
    session.exp_string("[1/").expect("first question");
    session.send(keys).expect("send");
    session.flush().expect("flush");
    session.exp_eof().expect("ends")
}

fn assert_left_cleanly(output: &str, how: &str) {
    assert!(output.contains("exit=130"), "{how}: {output}");
    assert!(
        output.contains("interrupted at a prompt; no answers were used or saved"),
        "{how}: {output}"
    );
    // The cursor is shown again after the prompt hid it.
    let last_hide = output.rfind("\x1b[?25l");
    let last_show = output.rfind("\x1b[?25h");
    assert!(last_show > last_hide, "{how}: cursor left hidden");
    // Raw mode is undone: line editing, signals and output processing are
    // back (`stty -a` lists each flag, negated with `-` when off).
    let settings = &output[output.find("exit=130").unwrap()..];
    let flags: Vec<&str> = settings.split_whitespace().collect();
    for flag in ["icanon", "isig", "icrnl", "opost"] {
        assert!(
            flags.contains(&flag),
            "{how}: terminal left without {flag}:\n{settings}"
        );
    }
}

#[test]
fn ctrl_c_restores_the_terminal() {
    assert_left_cleanly(&leave_first_prompt("\x03"), "Ctrl-C");
}

#[test]
fn ctrl_d_ends_cleanly() {
    assert_left_cleanly(&leave_first_prompt("\x04"), "Ctrl-D");
}

#[test]
fn esc_ends_cleanly() {
    assert_left_cleanly(&leave_first_prompt("\x1b"), "Esc");
}

/// Starts `pick-stack ARGS` in the background of a non-interactive `sh`
/// (which, unlike an interactive shell, does not repair the terminal after
/// a child), waits for `prompt`, sends the run `signal` from outside with
/// `kill`, and returns everything printed up to and including the exit
/// status the shell saw and the terminal's settings (`stty -a`) after.
fn signal_at_prompt(args: &str, prompt: &str, signal: &str) -> String {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    // rexpect starts the terminal without echo; it is turned on first, so
    // that the test sees raw mode's `-echo` undone. Without job control, a
    // background command's standard input is /dev/null unless redirected:
    // the terminal is given back explicitly.
    command
        .arg("-c")
        .arg(format!(
            "stty cols 100 rows 40 echo; '{binary}' {args} < /dev/tty & echo \"pid=$!\"; wait $!; echo \"exit=$?\"; stty -a"
        ))
        .env_remove("PICK_STACK_CRITERIA")
        .env("TERM", "xterm");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn");
    let (mut output, pid) = session
        .exp_regex(r"pid=\d+")
        .expect("the shell names the pid");
    output.push_str(&pid);
    let pid = pid.trim_start_matches("pid=").to_owned();
    output.push_str(&session.exp_string(prompt).expect("the prompt is shown"));
    output.push_str(prompt);
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -{signal} {pid} failed");
    output.push_str(&session.exp_eof().expect("ends"));
    output
}

/// The run ended with `code`, said why, showed the cursor again and left
/// the terminal as it found it: line editing, echo, signals from keys,
/// input and output newline translation all back on.
fn assert_restored(output: &str, code: u32, name: &str) {
    let status = format!("exit={code}");
    assert!(output.contains(&status), "{name}: no {status}:\n{output}");
    assert!(
        output.contains(&format!(
            "({name}) at a prompt; no answers were used or saved"
        )),
        "{name}: does not say why it stopped:\n{output}"
    );
    let last_hide = output.rfind("\x1b[?25l");
    let last_show = output.rfind("\x1b[?25h");
    assert!(
        last_hide.is_some(),
        "{name}: the prompt never hid the cursor"
    );
    assert!(last_show > last_hide, "{name}: cursor left hidden");
    let settings = &output[output.find(&status).unwrap()..];
    let flags: Vec<&str> = settings.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            flags.contains(&flag),
            "{name}: terminal left without {flag}:\n{settings}"
        );
    }
}

#[test]
fn sigterm_at_a_prompt_restores_the_terminal_and_exits_143() {
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("answers.yaml");
    let output = signal_at_prompt(
        &format!("advise --save-answers '{}'", saved.display()),
        "[1/",
        "TERM",
    );
    assert_restored(&output, 143, "SIGTERM");
    assert!(!saved.exists(), "a terminated run must not write answers");
}

#[test]
fn sighup_at_a_prompt_restores_the_terminal_and_exits_129() {
    assert_restored(&signal_at_prompt("advise", "[1/", "HUP"), 129, "SIGHUP");
}

#[test]
fn sigquit_at_a_prompt_restores_the_terminal_and_exits_131() {
    assert_restored(&signal_at_prompt("advise", "[1/", "QUIT"), 131, "SIGQUIT");
}

#[test]
fn sigint_from_outside_at_a_prompt_restores_the_terminal_and_exits_130() {
    assert_restored(&signal_at_prompt("advise", "[1/", "INT"), 130, "SIGINT");
}

#[test]
fn sigterm_at_a_weigh_prompt_restores_the_terminal_and_saves_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let saved = folder.path().join("weights.yaml");
    let criteria = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/four");
    let output = signal_at_prompt(
        &format!(
            "--criteria '{}' weigh --only performance,ecosystem,learning --save '{}'",
            criteria.display(),
            saved.display()
        ),
        "[pair 1 of 3] ",
        "TERM",
    );
    assert_restored(&output, 143, "SIGTERM");
    assert!(!saved.exists(), "a terminated run must not write weights");
}

#[test]
fn a_40_column_terminal_gets_a_readable_table() {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 40 rows 40 && exec '{binary}' advise --defaults --color never"
        ))
        .env_remove("PICK_STACK_CRITERIA")
        .env("TERM", "xterm");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn");
    let output = session.exp_eof().expect("report");
    // rexpect yields bytes as chars; count display columns of the raw UTF-8.
    let bytes: Vec<u8> = output.chars().map(|c| c as u32 as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    for line in text.lines() {
        assert!(
            line.trim_end_matches('\r').chars().count() <= 40,
            "wider than 40 columns: {line:?}"
        );
    }
    // The compact table keeps a column per alternative and whole words.
    assert!(
        text.contains("Node.js") && text.contains("Python"),
        "{text}"
    );
    assert!(
        text.contains("Architecture"),
        "criterion names are not broken mid-word:\n{text}"
    );
    assert!(text.contains("Verdict: Python"), "{text}");
}

#[path = "support/screen.rs"]
mod screen;

/// At 40×15 the first question's list is drawn whole under the question,
/// each option on one row (cut with an ellipsis where it is too long), and
/// moving the cursor redraws it in place.
#[test]
fn a_40_by_15_terminal_shows_the_question_over_a_whole_list() {
    let mut screen = screen::Screen::spawn(40, 15, "advise");
    let rows = screen.wait_for("(default)");
    let view = |rows: &[String], cursor: &str| {
        let shown = screen::shown(rows);
        assert!(
            rows[0].starts_with("? [1/"),
            "question not on top:\n{shown}"
        );
        let marked: Vec<&String> = rows.iter().filter(|row| row.starts_with("> ")).collect();
        assert_eq!(marked.len(), 1, "{shown}");
        assert!(marked[0].starts_with(cursor), "{shown}");
        for option in [
            "No, it starts from scratch (default)",
            "Yes, a Python code base",
            "Yes, but in another language",
        ] {
            assert_eq!(
                rows.iter().filter(|row| row.ends_with(option)).count(),
                1,
                "{option:?} once:\n{shown}"
            );
        }
        assert!(
            rows.iter()
                .any(|row| row.starts_with("  Yes, a Node.js or TypeScript") && row.ends_with('…')),
            "a long option is cut, not wrapped:\n{shown}"
        );
    };
    view(&rows, "> No, it starts from scratch");
    screen.send(&screen::DOWN.repeat(3));
    view(&screen.settle(), "> Yes, but in another language");
    // Ctrl-C clears the list, as Esc and Ctrl-D do.
    screen.send("\x03");
    let rows = screen.finish();
    let shown = screen::shown(&rows);
    assert!(!shown.contains("Yes, a Python code base"), "{shown}");
    assert!(shown.contains("<canceled>"), "{shown}");
    assert_eq!(screen.exit_code(), 130);
}

/// Typing a filter that matches no option says so; Backspace brings the
/// options back, and Enter on the message chooses nothing.
#[test]
fn a_filter_that_matches_nothing_says_so() {
    let mut screen = screen::Screen::spawn(100, 40, "advise");
    screen.wait_for("(default)");
    screen.send("qqqq");
    let rows = screen.wait_for("(no option matches what you typed");
    assert!(!screen::shown(&rows).contains("(default)"));
    // Enter on the message asks the question again, at its default.
    screen.send(ENTER);
    screen.wait_for("(nothing chosen: asked again)");
    screen.wait_for("> No, it starts from scratch (default)");
    screen.send("qq");
    screen.wait_for("(no option matches what you typed");
    screen.send("\x7f\x7f");
    let rows = screen.wait_for("(default)");
    assert!(!screen::shown(&rows).contains("(no option matches"));
    screen.send(ENTER);
    screen.wait_for(DEFAULT_PATH[1]);
    screen.send("\x03");
    screen.finish();
}

/// Every default, then in the review the live-updates answer is changed
/// to "central": the verdict printed is the changed answers' (Node.js),
/// not the defaults' (Python).
#[test]
fn the_review_changes_an_answer_before_the_verdict() {
    let mut session = spawn("advise");
    for prompt in DEFAULT_PATH {
        answer(&mut session, prompt, ENTER);
    }
    // The review lists "Looks right" first, then each answer in order:
    // the fourth is the live-updates question.
    answer(
        &mut session,
        "Review your answers",
        &format!("{DOWN}{DOWN}{DOWN}{DOWN}{ENTER}"),
    );
    answer(
        &mut session,
        "[change] Does the system need live updates",
        &format!("{DOWN}{DOWN}{ENTER}"),
    );
    session
        .exp_string("Review your answers")
        .expect("back to the review");
    // rexpect hands bytes over as chars: match the ASCII part of the line.
    session
        .exp_string("Yes, live data is central")
        .expect("the review shows the changed answer");
    // "Looks right" comes first in the list, where the cursor is.
    session.send(ENTER).expect("send");
    session.flush().expect("flush");
    let (_, verdict) = session
        .exp_regex(r"Verdict: [^\r\n]+")
        .expect("verdict line");
    assert!(verdict.starts_with("Verdict: Node.js,"), "{verdict}");
    session.exp_eof().expect("end");
    assert_eq!(exit_code(&session), 0);
}

/// A change in review that makes a follow-up relevant asks it; the
/// review then lists it.
#[test]
fn a_change_in_review_asks_the_follow_up_it_brings_in() {
    let mut session = spawn("advise");
    for prompt in DEFAULT_PATH {
        answer(&mut session, prompt, ENTER);
    }
    answer(
        &mut session,
        "Review your answers",
        &format!("{DOWN}{ENTER}"),
    );
    // existing_code: one down → a Node.js code base.
    answer(
        &mut session,
        "[change] Does the project build on code",
        &format!("{DOWN}{ENTER}"),
    );
    answer(
        &mut session,
        "[follow-up] How does the project relate to that code?",
        ENTER,
    );
    session
        .exp_string("Review your answers")
        .expect("back to the review");
    session
        .exp_string("How does the project relate to that code? ")
        .expect("the review lists the follow-up");
    // "Looks right" comes first in the list, where the cursor is.
    session.send(ENTER).expect("send");
    session.flush().expect("flush");
    session.exp_string("Verdict: ").expect("verdict");
    session.exp_eof().expect("end");
    assert_eq!(exit_code(&session), 0);
}

/// An answers file at a terminal asks nothing, so nothing is reviewed.
#[test]
fn an_answers_file_at_a_terminal_shows_no_review() {
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/realtime-chat.yaml");
    let mut session = spawn(&format!("advise --answers '{}'", example.display()));
    let output = session.exp_eof().expect("report");
    assert!(output.contains("Verdict: "), "{output}");
    assert!(!output.contains("Review your answers"), "{output}");
    assert_eq!(exit_code(&session), 0);
}

#[test]
fn any_signal_that_ends_the_run_at_a_prompt_restores_the_terminal() {
    // SIGUSR1 (a stray `kill -USR1`), SIGALRM (a timer) and SIGXCPU (a
    // CPU-time limit) end a process by default, like SIGTERM.
    for (signal, number) in [("USR1", 10), ("ALRM", 14), ("XCPU", 24)] {
        let output = signal_at_prompt("advise", "[1/", signal);
        assert_restored(&output, 128 + number, &format!("SIG{signal}"));
    }
}

#[test]
fn a_stop_from_outside_gives_the_terminal_back_until_the_run_continues() {
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "stty cols 100 rows 40 echo; echo \"tty=$(tty)\"; '{binary}' advise < /dev/tty & echo \"pid=$!\"; wait $!; echo \"exit=$?\"; stty -a"
        ))
        .env_remove("PICK_STACK_CRITERIA")
        .env("TERM", "xterm");
    let mut session = spawn_command(command, Some(20_000)).expect("spawn");
    let (_, tty) = session
        .exp_regex(r"tty=\S+")
        .expect("the shell names its tty");
    let tty = tty.trim_start_matches("tty=").to_owned();
    let (_, pid) = session
        .exp_regex(r"pid=\d+")
        .expect("the shell names the pid");
    let pid = pid.trim_start_matches("pid=").to_owned();
    session.exp_string("[1/").expect("the prompt is shown");
    let signal = |name: &str| {
        assert!(
            Command::new("kill")
                .args([&format!("-{name}"), &pid])
                .status()
                .unwrap()
                .success()
        );
    };
    let settings = || {
        let output = Command::new("stty")
            .args(["-a", "-F", &tty])
            .output()
            .expect("stty");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let flags = |settings: &str, flag: &str| settings.split_whitespace().any(|f| f == flag);
    signal("TSTP");
    // Stopped: the terminal is as it was before the prompt.
    let mut stopped = String::new();
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        stopped = settings();
        if flags(&stopped, "icanon") {
            break;
        }
    }
    for flag in ["icanon", "echo", "isig"] {
        assert!(flags(&stopped, flag), "stopped without {flag}:\n{stopped}");
    }
    // Continued: raw again for the prompt, which still takes an interrupt.
    signal("CONT");
    let mut continued = String::new();
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        continued = settings();
        if flags(&continued, "-icanon") {
            break;
        }
    }
    assert!(flags(&continued, "-icanon"), "not raw again:\n{continued}");
    signal("TERM");
    let output = session.exp_eof().expect("ends");
    assert!(output.contains("exit=143"), "{output}");
}

#[test]
fn faults_and_real_time_signals_from_outside_restore_the_terminal_too() {
    // SIGABRT (6), SIGPWR (30) and the first real-time signal (34 on Linux).
    for number in [6u32, 30, 34] {
        let output = signal_at_prompt("advise", "[1/", &number.to_string());
        let status = format!("exit={}", 128 + number);
        assert!(
            output.contains(&status),
            "signal {number}: no {status}:\n{output}"
        );
        assert!(
            output.contains("ended by a signal at a prompt; no answers were used or saved"),
            "signal {number}: does not say why:\n{output}"
        );
        let settings = &output[output.find(&status).unwrap()..];
        let flags: Vec<&str> = settings.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig"] {
            assert!(
                flags.contains(&flag),
                "signal {number}: left without {flag}"
            );
        }
    }
}
