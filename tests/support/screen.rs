//! What a person at a small terminal sees: the built binary runs in a
//! pseudo-terminal of a given size, and everything it prints goes through
//! a terminal emulator (`vt100`), so a test reads the screen as it is after
//! the prompt redrew itself, not the stream of escape codes that drew it.
//!
//! Each test binary that includes this module uses some of it.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::session::{PtySession, spawn_command};

pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";

pub struct Screen {
    session: PtySession,
    parser: vt100::Parser,
    columns: u16,
}

impl Screen {
    /// Starts `pick-stack ARGS` in a `columns`×`rows` pseudo-terminal (a
    /// fresh pty is 0×0, so stty sets the size first).
    pub fn spawn(columns: u16, rows: u16, args: &str) -> Self {
        let binary = env!("CARGO_BIN_EXE_pick-stack");
        let mut command = Command::new("sh");
        command.arg("-c").arg(format!(
            "stty cols {columns} rows {rows} && exec '{binary}' {args}"
        ));
        command
            .env_remove("PICK_STACK_CRITERIA")
            .env_remove("COLUMNS")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let session = spawn_command(command, Some(20_000)).expect("spawn pick-stack in a pty");
        Self {
            session,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(rows).expect("rows"),
                std::num::NonZeroU16::new(columns).expect("columns"),
                0,
            ),
            columns,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys");
        self.session.flush().expect("flush keys");
    }

    /// Feeds what the program printed so far to the emulator. rexpect
    /// hands bytes over one by one as chars.
    fn read(&mut self) -> bool {
        let mut bytes = Vec::new();
        while let Some(c) = self.session.try_read() {
            bytes.push(c as u32 as u8);
        }
        self.parser.process(&bytes);
        !bytes.is_empty()
    }

    /// Waits until the screen shows `text` and nothing more has been
    /// printed for a moment (the prompt has finished drawing), then
    /// returns the screen's rows.
    pub fn wait_for(&mut self, text: &str) -> Vec<String> {
        let start = Instant::now();
        let mut quiet_since = Instant::now();
        loop {
            if self.read() {
                quiet_since = Instant::now();
            }
            let shown = self.parser.screen().contents().contains(text);
            if shown && quiet_since.elapsed() > Duration::from_millis(300) {
                return self.rows();
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!(
                    "the screen never showed {text:?}; it shows:\n{}",
                    self.rows().join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until nothing more is printed for a moment, then returns the
    /// screen's rows.
    pub fn settle(&mut self) -> Vec<String> {
        let mut quiet_since = Instant::now();
        while quiet_since.elapsed() < Duration::from_millis(400) {
            if self.read() {
                quiet_since = Instant::now();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.rows()
    }

    /// The screen's rows, trailing spaces removed.
    pub fn rows(&self) -> Vec<String> {
        self.parser
            .screen()
            .rows(0, self.columns)
            .map(|row| row.trim_end().to_owned())
            .collect()
    }

    /// Reads until the program ends; returns the screen's rows then.
    pub fn finish(&mut self) -> Vec<String> {
        let rest = self.session.exp_eof().expect("pick-stack ends");
        let bytes: Vec<u8> = rest.chars().map(|c| c as u32 as u8).collect();
        self.parser.process(&bytes);
        self.read();
        self.rows()
    }

    pub fn exit_code(&self) -> i32 {
        match self.session.process().wait().expect("wait for pick-stack") {
            rexpect::process::WaitStatus::Exited(_, code) => code,
            other => panic!("pick-stack did not exit normally: {other:?}"),
        }
    }
}

/// The screen's rows as one text, for assertion messages.
pub fn shown(rows: &[String]) -> String {
    rows.join("\n")
}
