//! Running pick-stack with nobody reading its standard output, as under
//! `pick-stack … | head -1` once head has exited.

#![allow(dead_code)]

use std::io::Read;
use std::process::{Command, Stdio};

/// Starts `command` with its standard output a pipe whose only read end is
/// closed before pick-stack writes, so every write fails with EPIPE, and
/// returns its exit code and everything it printed to standard error.
pub fn run_with_reader_gone(command: &mut Command) -> (Option<i32>, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pick-stack");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("a piped standard error")
        .read_to_string(&mut stderr)
        .expect("standard error is text");
    (child.wait().expect("pick-stack ends").code(), stderr)
}
