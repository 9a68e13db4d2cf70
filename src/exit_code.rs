//! Every exit status pick-stack uses, in one place. The README's table and
//! the `--help` footer list the same codes.

/// How a run ended, as a process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked.
    Success = 0,
    /// Something unexpected failed; the message says what.
    Failure = 1,
    /// The input could not be used: a bad command line, criteria file or
    /// answers file (clap's own usage errors also exit 2).
    InputError = 2,
    /// Writing output or a file failed (disk full, permission denied).
    IoError = 5,
    /// The user pressed Ctrl-C, Ctrl-D or Esc at a prompt; nothing was saved.
    Interrupted = 130,
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}

/// The exit-status table shown at the end of `--help`.
pub const HELP_TABLE: &str = "\
Exit status:
  0    success
  1    unexpected failure
  2    input error: bad arguments, criteria or answers (file:line:column named)
  5    I/O error while writing output or a file
  130  interrupted at a prompt (Ctrl-C, Ctrl-D or Esc); nothing saved";
