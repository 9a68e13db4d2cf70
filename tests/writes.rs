//! The files pick-stack writes (`advise --save-answers`, `advise --adr`,
//! `weigh --save`), run through the built binary: each touches only a
//! regular file it may replace, keeps that file's mode and owner, leaves no
//! temporary file behind even when a signal ends it, and writes all of its
//! outputs or none.
//!
//! Device nodes need root to make; a FIFO, a link to one, a socket and a
//! directory stand in for them, as pick-stack refuses every file that is
//! not a regular one by the same check.

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

#[path = "support/closed_reader.rs"]
mod closed_reader;

use closed_reader::run_with_reader_gone;

const ANSWERS: &str = "answers:\n  workload: data\n  ai: own\n";
const OLD_ANSWERS: &str = "# the team's earlier answers\nanswers:\n  workload: web_app\n";
const COMPARISONS: &str = "comparisons:\n  - [speed, syntax, 3]\n";
/// Far longer than any run needs: a run that reaches it has hung.
const TIMEOUT: Duration = Duration::from_secs(20);

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_pick-stack")
}

fn pick_stack_in(folder: &Path) -> Command {
    let mut command = Command::new(binary());
    command
        .current_dir(folder)
        .env_remove("PICK_STACK_CRITERIA")
        .timeout(TIMEOUT);
    command
}

fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn make_fifo(path: &Path) {
    let status = Process::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs `command` and returns (exit code, stderr), checking that it did
/// not hang and printed nothing on stdout when it failed.
fn outcome(command: &mut Command) -> (Option<i32>, String) {
    let output = command.output().expect("pick-stack starts");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        output.status.code().is_some(),
        "killed (after the {TIMEOUT:?} timeout?): {:?}\n{stderr}",
        output.status
    );
    if !output.status.success() {
        assert!(
            output.stdout.is_empty(),
            "a failed run printed a report:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    (output.status.code(), stderr)
}

/// The ways pick-stack writes a file, each with `{}` for the path, run in
/// a folder that holds `comparisons.yaml`.
const OUTPUTS: [&[&str]; 5] = [
    &["advise", "--defaults", "--save-answers", "{}"],
    &["advise", "--defaults", "--save-answers", "{}", "--force"],
    &["advise", "--defaults", "--adr", "{}", "--force"],
    &["weigh", "--comparisons", "comparisons.yaml", "--save", "{}"],
    &[
        "weigh",
        "--comparisons",
        "comparisons.yaml",
        "--save",
        "{}",
        "--force",
    ],
];

fn output_args(output: &[&str], path: &str) -> Vec<String> {
    output.iter().map(|arg| arg.replace("{}", path)).collect()
}

// ---------------------------------------------------------------------------
// Only regular files, and only those the command may replace
// ---------------------------------------------------------------------------

#[test]
fn every_output_refuses_what_is_not_a_regular_file_without_waiting() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    make_fifo(&dir.join("fifo.yaml"));
    symlink("fifo.yaml", dir.join("link-to-fifo.yaml")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("socket.yaml")).unwrap();
    std::fs::create_dir(dir.join("folder.yaml")).unwrap();
    symlink("nowhere.yaml", dir.join("link-to-nothing.yaml")).unwrap();
    let before = names_in(dir);
    let kinds = |dir: &Path| -> Vec<(String, std::fs::FileType)> {
        names_in(dir)
            .into_iter()
            .map(|name| {
                let kind = std::fs::symlink_metadata(dir.join(&name))
                    .unwrap()
                    .file_type();
                (name, kind)
            })
            .collect()
    };
    let kinds_before = kinds(dir);
    for (target, says) in [
        ("fifo.yaml", "is a named pipe (FIFO), not a regular file"),
        ("link-to-fifo.yaml", "is a symbolic link (to `fifo.yaml`)"),
        ("socket.yaml", "is a socket, not a regular file"),
        ("folder.yaml", "is a directory, not a regular file"),
        (
            "link-to-nothing.yaml",
            "is a symbolic link (to `nowhere.yaml`)",
        ),
    ] {
        for output in OUTPUTS {
            let args = output_args(output, target);
            let started = Instant::now();
            let (code, stderr) = outcome(pick_stack_in(dir).args(&args).write_stdin(""));
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.starts_with(&format!("pick-stack: {target}: {says}")),
                "{args:?}: {stderr}"
            );
            assert!(started.elapsed() < Duration::from_secs(10), "{args:?}");
            assert_eq!(names_in(dir), before, "{args:?} left a file behind");
        }
    }
    assert_eq!(kinds(dir), kinds_before, "a target changed its kind");
}

#[test]
fn no_output_writes_through_a_link_even_with_force() {
    // A shared repository can commit `decision.md -> ../outside/precious`:
    // regenerating the record with --force must not replace that file.
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    let outside = tempfile::tempdir().unwrap();
    let precious = write(outside.path(), "precious", "do not replace\n");
    let answers_elsewhere = write(outside.path(), "answers.yaml", OLD_ANSWERS);
    symlink(&precious, dir.join("precious-link.md")).unwrap();
    symlink(&answers_elsewhere, dir.join("answers-link.yaml")).unwrap();
    for output in OUTPUTS {
        for target in ["precious-link.md", "answers-link.yaml"] {
            let mut args = output_args(output, target);
            if !args.iter().any(|arg| arg == "--force") {
                args.push("--force".into());
            }
            let (code, stderr) = outcome(pick_stack_in(dir).args(&args).write_stdin(ANSWERS));
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.starts_with(&format!("pick-stack: {target}: is a symbolic link (to `")),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("does not write through links"), "{stderr}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "do not replace\n"
    );
    assert_eq!(
        std::fs::read_to_string(&answers_elsewhere).unwrap(),
        OLD_ANSWERS
    );
}

#[test]
fn a_file_that_is_not_a_pick_stack_answers_file_needs_force() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    for output in [OUTPUTS[0], OUTPUTS[3]] {
        let notes = write(dir, "notes.txt", "my notes\n");
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args(output_args(output, "notes.txt"))
                .write_stdin(""),
        );
        assert_eq!(code, Some(2), "{output:?}: {stderr}");
        assert!(
            stderr.starts_with(
                "pick-stack: notes.txt: is not a pick-stack answers file (notes.txt:1:1: "
            ) && stderr.contains("; pass --force to replace it"),
            "{output:?}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");
    }
    // With --force it is replaced: by the answers, or by weigh's weights
    // alone (no one is at a terminal to answer the questions).
    for (output, key) in [(OUTPUTS[1], "\nanswers:\n"), (OUTPUTS[4], "\nweights:\n")] {
        write(dir, "notes.txt", "my notes\n");
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args(output_args(output, "notes.txt"))
                .write_stdin(""),
        );
        assert_eq!(code, Some(0), "{output:?}: {stderr}");
        let saved = std::fs::read_to_string(dir.join("notes.txt")).unwrap();
        assert!(saved.contains(key), "{saved}");
    }
    // An earlier answers file, an empty one and one with weights only are
    // answers files: replaced without --force.
    for earlier in [OLD_ANSWERS, "", "weights:\n  values: {speed: 2}\n"] {
        for output in [OUTPUTS[0], OUTPUTS[3]] {
            write(dir, "answers.yaml", earlier);
            let (code, stderr) = outcome(
                pick_stack_in(dir)
                    .args(output_args(output, "answers.yaml"))
                    .write_stdin(""),
            );
            assert_eq!(code, Some(0), "{output:?} over {earlier:?}: {stderr}");
        }
    }
}

#[test]
fn every_output_keeps_the_mode_and_owner_of_the_file_it_replaces() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    // As root, the file belongs to another user (nobody), as a file in a
    // shared folder would.
    let owner = running_as_root().then_some((65_534, 65_534));
    for mode in [0o600, 0o640, 0o664] {
        for output in OUTPUTS {
            let path = write(dir, "kept.yaml", OLD_ANSWERS);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            if let Some((uid, gid)) = owner {
                std::os::unix::fs::chown(&path, Some(uid), Some(gid)).unwrap();
            }
            let (code, stderr) = outcome(
                pick_stack_in(dir)
                    .args(output_args(output, "kept.yaml"))
                    .write_stdin(""),
            );
            assert_eq!(code, Some(0), "{output:?}: {stderr}");
            let metadata = std::fs::metadata(&path).unwrap();
            assert_ne!(
                std::fs::read_to_string(&path).unwrap(),
                OLD_ANSWERS,
                "{output:?}: not written"
            );
            assert_eq!(metadata.mode() & 0o7777, mode, "{output:?}: mode changed");
            if let Some((uid, gid)) = owner {
                assert_eq!(
                    (metadata.uid(), metadata.gid()),
                    (uid, gid),
                    "{output:?}: owner changed"
                );
            }
        }
    }
}

#[test]
fn a_read_only_file_is_refused_even_with_force() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    let path = write(dir, "locked.yaml", OLD_ANSWERS);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    for output in OUTPUTS {
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args(output_args(output, "locked.yaml"))
                .write_stdin(""),
        );
        assert_eq!(code, Some(2), "{output:?}: {stderr}");
        assert!(
            stderr.starts_with("pick-stack: locked.yaml: is read-only;"),
            "{output:?}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), OLD_ANSWERS);
        assert_eq!(
            std::fs::metadata(&path).unwrap().mode() & 0o7777,
            0o444,
            "{output:?}"
        );
    }
    assert_eq!(names_in(dir), ["comparisons.yaml", "locked.yaml"]);
}

#[test]
fn dash_is_refused_as_a_file_to_write_and_dot_slash_dash_is_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    for output in OUTPUTS {
        let option = output[output.iter().position(|arg| *arg == "{}").unwrap() - 1];
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args(output_args(output, "-"))
                .write_stdin(""),
        );
        assert_eq!(code, Some(2), "{output:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "pick-stack: {option}: `-` would be standard output, which carries the report"
            )),
            "{output:?}: {stderr}"
        );
        assert_eq!(names_in(dir), ["comparisons.yaml"], "{output:?}");
    }
    let (code, stderr) = outcome(
        pick_stack_in(dir)
            .args(["advise", "--defaults", "--save-answers", "./-"])
            .write_stdin(""),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        std::fs::read_to_string(dir.join("-"))
            .unwrap()
            .contains("answers:")
    );
}

#[test]
fn every_output_writes_a_name_near_the_length_limit() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "comparisons.yaml", COMPARISONS);
    // 250 bytes, under the 255 a name may have; the temporary file beside
    // it must not need more.
    let name = format!("{}.yaml", "a".repeat(245));
    for output in OUTPUTS {
        let _ = std::fs::remove_file(dir.join(&name));
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args(output_args(output, &name))
                .write_stdin(""),
        );
        assert_eq!(code, Some(0), "{output:?}: {stderr}");
        assert!(dir.join(&name).is_file(), "{output:?}");
        let mut expected = vec![name.clone(), "comparisons.yaml".to_owned()];
        if output.contains(&"--adr") {
            // The record's charts, named after it, cut to fit.
            let stem = "a".repeat(255 - "-contributions.svg".len());
            expected.insert(0, format!("{stem}-contributions.svg"));
            let stem = "a".repeat(255 - "-sensitivity.svg".len());
            expected.insert(1, format!("{stem}-sensitivity.svg"));
        }
        assert_eq!(names_in(dir), expected, "{output:?}");
        for chart in &expected[..expected.len() - 2] {
            std::fs::remove_file(dir.join(chart)).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------
// Signals while writing
// ---------------------------------------------------------------------------

/// A pipe whose buffer is already full: a process given its write end as
/// standard output blocks on its first write until the read end is read.
fn full_pipe() -> (std::io::PipeReader, std::io::PipeWriter) {
    let (reader, mut writer) = std::io::pipe().unwrap();
    let fd = writer.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function owns.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) };
    let block = [b'#'; 4096];
    loop {
        match writer.write(&block) {
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(err) => panic!("filling the pipe: {err}"),
        }
    }
    // The child must block, not fail with EAGAIN: the flag is on the open
    // file, which the child shares.
    unsafe { libc::fcntl(fd, libc::F_SETFL, flags) };
    (reader, writer)
}

/// Starts `pick-stack ARGS` in `dir` with standard output a full pipe, and
/// waits until it has staged `staged` temporary files: it is then writing,
/// blocked on the report, with no file in place yet.
fn start_blocked_in_a_write(
    dir: &Path,
    args: &[&str],
    staged: usize,
) -> (std::process::Child, std::io::PipeReader) {
    let (reader, writer) = full_pipe();
    let child = Process::new(binary())
        .args(args)
        .current_dir(dir)
        .env_remove("PICK_STACK_CRITERIA")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while names_in(dir)
        .iter()
        .filter(|name| name.ends_with(".tmp"))
        .count()
        < staged
    {
        assert!(
            started.elapsed() < TIMEOUT,
            "no temporary files appeared: {:?}",
            names_in(dir)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, reader)
}

#[test]
fn a_signal_during_a_write_removes_the_temporary_files_and_keeps_the_old_ones() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let folder = tempfile::tempdir().unwrap();
        let dir = folder.path();
        let answers = write(dir, "answers.yaml", OLD_ANSWERS);
        let (mut child, reader) = start_blocked_in_a_write(
            dir,
            &[
                "advise",
                "--defaults",
                "--save-answers",
                "answers.yaml",
                "--adr",
                "0001-stack.md",
            ],
            2,
        );
        // SAFETY: a signal to the child this test started.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();
        drop(reader);
        assert_eq!(
            status.signal(),
            Some(signal),
            "signal {signal}: the process must end by the signal, as it would have without the cleanup: {status:?}"
        );
        assert_eq!(
            names_in(dir),
            ["answers.yaml"],
            "signal {signal}: temporary files left behind"
        );
        assert_eq!(std::fs::read_to_string(&answers).unwrap(), OLD_ANSWERS);
    }
}

// ---------------------------------------------------------------------------
// All or nothing
// ---------------------------------------------------------------------------

#[test]
fn two_outputs_on_one_file_are_refused_before_anything_is_written() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let answers = write(dir, "answers.yaml", OLD_ANSWERS);
    symlink("answers.yaml", dir.join("link.yaml")).unwrap();
    std::fs::hard_link(&answers, dir.join("hard-link.yaml")).unwrap();
    for (record, why) in [
        ("answers.yaml", "the same path"),
        ("./answers.yaml", "the same file by another path"),
        ("hard-link.yaml", "a hard link to it"),
    ] {
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args([
                    "advise",
                    "--defaults",
                    "--save-answers",
                    "answers.yaml",
                    "--adr",
                    record,
                    "--force",
                ])
                .write_stdin(ANSWERS),
        );
        assert_eq!(code, Some(2), "{why}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "pick-stack: {record}: --save-answers and --adr name the same file"
            )),
            "{why}: {stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(&answers).unwrap(),
            OLD_ANSWERS,
            "{why}: the answers were lost"
        );
    }
    // Standard output redirected to the file to save into.
    let redirected = std::fs::OpenOptions::new()
        .append(true)
        .open(&answers)
        .unwrap();
    let output = Process::new(binary())
        .args(["advise", "--defaults", "--save-answers", "answers.yaml"])
        .current_dir(dir)
        .env_remove("PICK_STACK_CRITERIA")
        .stdin(Stdio::null())
        .stdout(redirected)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("answers.yaml: standard output is redirected to this file"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), OLD_ANSWERS);
    assert_eq!(
        names_in(dir),
        ["answers.yaml", "hard-link.yaml", "link.yaml"]
    );
}

/// Criteria whose only question can set a score of 0, which the weighted
/// product cannot use: the method fails after the answers are known.
const CRITERIA_WITH_A_ZERO: &str = "\
scale: {min: 0, max: 10}
alternatives:
  - {id: a, name: A}
  - {id: b, name: B}
criteria:
  - id: speed
    name: Speed
    weight: 1
    ratings: {a: 0, b: 5}
questions:
  - id: load
    prompt: How heavy is the load?
    default: light
    options:
      - {id: light, label: Light, neutral: Nothing changes.}
      - {id: heavy, label: Heavy, multiply: {speed: 2}}
";

#[test]
fn a_later_failure_writes_no_file() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    write(dir, "criteria.yaml", CRITERIA_WITH_A_ZERO);
    for existing in [true, false] {
        let _ = std::fs::remove_file(dir.join("answers.yaml"));
        if existing {
            write(dir, "answers.yaml", OLD_ANSWERS);
        }
        let unchanged = |why: &str| {
            if existing {
                assert_eq!(
                    std::fs::read_to_string(dir.join("answers.yaml")).unwrap(),
                    OLD_ANSWERS,
                    "{why}"
                );
            } else {
                assert!(!dir.join("answers.yaml").exists(), "{why}");
            }
        };
        let expected_names = |extra: &[&str]| -> Vec<String> {
            let mut names: Vec<String> = extra.iter().map(|name| (*name).to_owned()).collect();
            if existing {
                names.push("answers.yaml".to_owned());
            }
            names.sort();
            names
        };

        // A record into a folder that cannot exist: a file is in the way.
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args([
                    "advise",
                    "--defaults",
                    "--save-answers",
                    "answers.yaml",
                    "--adr",
                    "criteria.yaml/folder/0001.md",
                ])
                .write_stdin(ANSWERS),
        );
        assert_eq!(code, Some(5), "{stderr}");
        assert!(
            stderr.contains("cannot write criteria.yaml/folder/0001.md: Not a directory"),
            "{stderr}"
        );
        unchanged("--adr into a folder under a file");

        // A method that cannot use the scores.
        let (code, stderr) = outcome(
            pick_stack_in(dir)
                .args([
                    "--criteria",
                    "criteria.yaml",
                    "advise",
                    "--defaults",
                    "--method",
                    "wpm",
                    "--save-answers",
                    "answers.yaml",
                    "--adr",
                    "0001.md",
                ])
                .write_stdin(""),
        );
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains("--method wpm: criterion `speed`"),
            "{stderr}"
        );
        unchanged("a method error");
        assert_eq!(names_in(dir), expected_names(&["criteria.yaml"]));

        // A report that cannot be written (a full disk on stdout), with a
        // record into folders that do not exist yet: they are created only
        // to be written into, and removed again.
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = Process::new(binary())
            .args([
                "advise",
                "--defaults",
                "--save-answers",
                "answers.yaml",
                "--adr",
                "docs/adr/0001.md",
            ])
            .current_dir(dir)
            .env_remove("PICK_STACK_CRITERIA")
            .stdin(Stdio::null())
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(5), "{stderr}");
        assert!(
            stderr.contains(
                "the report could not be written, so answers.yaml and docs/adr/0001.md and docs/adr/0001-contributions.svg and docs/adr/0001-sensitivity.svg were not written"
            ),
            "{stderr}"
        );
        unchanged("a full disk on stdout");
        assert_eq!(names_in(dir), expected_names(&["criteria.yaml"]));
    }
}

/// `--adr docs/adr/0001-stack.md`, the README's own example, in a project
/// that has no `docs/` yet: the folders are made, as ADR tools make theirs,
/// and standard error says so.
#[test]
fn a_record_creates_its_missing_folders_and_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    std::fs::create_dir(dir.join("docs")).unwrap();
    let (code, stderr) = outcome(pick_stack_in(dir).args([
        "advise",
        "--defaults",
        "--adr",
        "docs/adr/0001-stack.md",
        "--save-answers",
        "answers.yaml",
    ]));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "Created docs/adr/.\nAnswers saved to answers.yaml.\nDecision record written to docs/adr/0001-stack.md, its charts beside it (0001-stack-contributions.svg, 0001-stack-sensitivity.svg).\n"
    );
    assert_eq!(
        names_in(&dir.join("docs/adr")),
        [
            "0001-stack-contributions.svg",
            "0001-stack-sensitivity.svg",
            "0001-stack.md"
        ]
    );
    // `--save-answers` alone creates no folder: an answers file is named
    // where it is meant to be.
    let (code, stderr) = outcome(pick_stack_in(dir).args([
        "advise",
        "--defaults",
        "--save-answers",
        "no/such/answers.yaml",
    ]));
    assert_eq!(code, Some(5), "{stderr}");
    assert!(!dir.join("no").exists());
}

#[test]
fn a_failure_while_putting_files_in_place_puts_back_those_already_in_place() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let answers = write(dir, "answers.yaml", OLD_ANSWERS);
    write(dir, "0001.md", "an earlier decision\n");
    let (mut child, mut reader) = start_blocked_in_a_write(
        dir,
        &[
            "advise",
            "--defaults",
            "--save-answers",
            "answers.yaml",
            "--adr",
            "0001.md",
            "--force",
        ],
        2,
    );
    // Another file takes the record's place while pick-stack writes: it is
    // not the file pick-stack was asked to replace, so the record fails,
    // after the answers (first in order) are already in place.
    write(dir, "swap.md", "someone else's file\n");
    std::fs::rename(dir.join("swap.md"), dir.join("0001.md")).unwrap();
    let drained = std::thread::spawn(move || {
        let mut report = Vec::new();
        let _ = reader.read_to_end(&mut report);
    });
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    drained.join().unwrap();
    assert_eq!(status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains(
            "answers.yaml and 0001-sensitivity.svg and 0001-contributions.svg put back as it was: cannot write 0001.md"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), OLD_ANSWERS);
    assert_eq!(
        std::fs::read_to_string(dir.join("0001.md")).unwrap(),
        "someone else's file\n"
    );
    assert_eq!(names_in(dir), ["0001.md", "answers.yaml"]);
}

#[test]
fn a_reader_that_goes_away_still_gets_the_files_written() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let (code, stderr) = run_with_reader_gone(
        Process::new(binary())
            .args([
                "advise",
                "--defaults",
                "--explain",
                "--save-answers",
                "a.yaml",
            ])
            .current_dir(dir)
            .env_remove("PICK_STACK_CRITERIA")
            .stdin(Stdio::null()),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "Answers saved to a.yaml.\n");
    assert!(
        std::fs::read_to_string(dir.join("a.yaml"))
            .unwrap()
            .contains("answers:")
    );
}

/// A decision record's charts are files of the record: a link where one
/// would go is refused even with `--force`, an existing one is not
/// replaced without it, and either way nothing is written, the record
/// included.
#[test]
fn a_records_charts_obey_the_records_rules() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let outside = write(dir, "outside.txt", "not pick-stack's\n");
    symlink(&outside, dir.join("0001-sensitivity.svg")).unwrap();
    let (code, stderr) =
        outcome(pick_stack_in(dir).args(["advise", "--defaults", "--adr", "0001.md", "--force"]));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("0001-sensitivity.svg: is a symbolic link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "not pick-stack's\n"
    );
    assert_eq!(
        names_in(dir),
        ["0001-sensitivity.svg", "outside.txt"],
        "nothing written"
    );

    std::fs::remove_file(dir.join("0001-sensitivity.svg")).unwrap();
    write(dir, "0001-contributions.svg", "an earlier chart\n");
    let (code, stderr) =
        outcome(pick_stack_in(dir).args(["advise", "--defaults", "--adr", "0001.md"]));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "0001-contributions.svg: a decision record's chart already exists here; pass --force to replace it"
        ),
        "{stderr}"
    );
    assert_eq!(names_in(dir), ["0001-contributions.svg", "outside.txt"]);
    let (code, stderr) =
        outcome(pick_stack_in(dir).args(["advise", "--defaults", "--adr", "0001.md", "--force"]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        std::fs::read_to_string(dir.join("0001-contributions.svg"))
            .unwrap()
            .contains("<svg")
    );
}
