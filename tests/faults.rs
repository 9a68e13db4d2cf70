//! Output faults: a reader that goes away, a full disk, and a write cut off
//! half-way. None may panic, print error noise for a closed pipe, or leave a
//! truncated file where the user's file was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "support/closed_reader.rs"]
mod closed_reader;

use closed_reader::run_with_reader_gone;

const ANSWERS: &str = "answers:\n  realtime: core\n";

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_pick-stack")
}

fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    for args in [
        &["matrix"][..],
        &["questions"],
        &["matrix", "--format", "json"],
    ] {
        let (code, stderr) = run_with_reader_gone(
            Command::new(binary())
                .args(args)
                .env_remove("PICK_STACK_CRITERIA"),
        );
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} printed to stderr: {stderr}");
    }
}

/// A report larger than the output buffer meets the closed pipe inside
/// the JSON, CSV or HTML writer, not at the final flush: it still ends
/// quietly with success, and the decision record is still put in place.
/// The generated file's reports run from 70 KB (CSV) to 370 KB (HTML).
#[test]
fn a_reader_gone_mid_report_ends_quietly_and_keeps_the_record() {
    let folder = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let criteria = root.join("tests/stored/inputs/generated-120x5.yaml");
    let answers = root.join("tests/stored/inputs/generated-answers.yaml");
    let team = write(folder.path(), "second.yaml", "answers: {}\n");
    for format in ["json", "csv", "html", "markdown", "table"] {
        for members in [1, 2] {
            let record = folder.path().join(format!("{format}-{members}.md"));
            let mut command = Command::new(binary());
            command
                .arg("--criteria")
                .arg(&criteria)
                .args([
                    "advise",
                    "--defaults",
                    "--samples",
                    "200",
                    "--format",
                    format,
                ])
                .arg("--answers")
                .arg(&answers)
                .arg("--adr")
                .arg(&record)
                .env_remove("PICK_STACK_CRITERIA");
            if members == 2 {
                command.arg("--answers").arg(&team);
            }
            let (code, stderr) = run_with_reader_gone(&mut command);
            let case = format!("{format}, {members} member(s)");
            assert_eq!(code, Some(0), "{case}: {stderr}");
            assert!(!stderr.contains("cannot write"), "{case} printed: {stderr}");
            assert!(record.is_file(), "{case}: no record; {stderr}");
        }
    }
}

#[test]
fn head_minus_one_sees_the_first_line_and_nothing_else() {
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("set -o pipefail; '{}' matrix | head -1", binary()))
        .env_remove("PICK_STACK_CRITERIA")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 1);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_full_disk_on_stdout_is_an_io_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Command::new(binary())
        .args(["advise", "--defaults"])
        .env_remove("PICK_STACK_CRITERIA")
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write to standard output: No space left on device"),
        "{stderr}"
    );
}

/// Runs `pick-stack ARGS` with a 1 KiB file-size limit, so any file it
/// writes past that fails half-way. With `ignore_signal`, the write returns
/// an error (EFBIG); without, the kernel kills the process (SIGXFSZ), as an
/// interruption would.
fn with_file_size_limit(args: &str, ignore_signal: bool, stdin: &str) -> std::process::Output {
    let trap = if ignore_signal { "trap '' XFSZ; " } else { "" };
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(format!("{trap}ulimit -f 1; exec '{}' {args}", binary()))
        .env_remove("PICK_STACK_CRITERIA")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_save_keeps_the_old_answers_and_cleans_up() {
    let folder = tempfile::tempdir().unwrap();
    let old = "answers:\n  workload: web_app\n";
    let saved = write(folder.path(), "answers.yaml", old);
    // The saved answers run to about 2 KiB, over the 1 KiB limit.
    let output = with_file_size_limit(
        &format!("advise --defaults --save-answers '{}'", saved.display()),
        true,
        ANSWERS,
    );
    assert_eq!(
        output.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot write {}", saved.display())),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        old,
        "the old file must be untouched"
    );
    assert_eq!(
        names_in(folder.path()),
        vec!["answers.yaml"],
        "no temporary file left"
    );
}

#[test]
fn a_save_killed_half_way_never_truncates_the_old_answers() {
    let folder = tempfile::tempdir().unwrap();
    let old = "answers:\n  workload: web_app\n";
    let saved = write(folder.path(), "answers.yaml", old);
    let output = with_file_size_limit(
        &format!("advise --defaults --save-answers '{}'", saved.display()),
        false,
        ANSWERS,
    );
    // Killed by SIGXFSZ in the middle of writing.
    assert_eq!(output.status.code(), None, "expected a signal death");
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        old,
        "the old file must be untouched"
    );
    // The cut-off content only ever lived under a temporary name.
    for name in names_in(folder.path()) {
        assert!(
            name == "answers.yaml" || name.ends_with(".tmp"),
            "unexpected file {name}"
        );
    }
}

#[test]
fn a_failed_decision_record_leaves_no_partial_record() {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("0001-stack.md");
    let output = with_file_size_limit(
        &format!("advise --defaults --adr '{}'", record.display()),
        true,
        ANSWERS,
    );
    assert_eq!(
        output.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!record.exists(), "a partial record was left behind");
    assert!(
        names_in(folder.path()).is_empty(),
        "{:?}",
        names_in(folder.path())
    );
}

#[test]
fn a_save_into_a_missing_folder_is_an_io_error() {
    let folder = tempfile::tempdir().unwrap();
    let missing = folder.path().join("no/such/folder/answers.yaml");
    let output = Command::new(binary())
        .args(["advise", "--defaults", "--save-answers"])
        .arg(&missing)
        .env_remove("PICK_STACK_CRITERIA")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&output.stderr).contains("No such file or directory"));
}
