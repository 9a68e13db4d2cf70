//! Every exit status pick-stack uses, in one place. The README's table and
//! the `--help` footer list the same codes.

use crate::atomic_file::WriteError;
use crate::problem::InputError;
use crate::prompt::Interrupted;

/// How a run ended, as a process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked.
    Success = 0,
    /// Something unexpected failed; the message says what.
    Failure = 1,
    /// The input could not be used: a bad command line, criteria file or
    /// answers file, a path to read that is not a regular file, or a file
    /// to write that pick-stack will not replace (clap's own usage errors
    /// also exit 2).
    InputError = 2,
    /// `--expect` or `--require-decisive` was not met by the verdict.
    ExpectationNotMet = 3,
    /// Every alternative was ruled out by the answers' hard constraints.
    NoneEligible = 4,
    /// Writing output or a file failed (disk full, permission denied).
    IoError = 5,
    /// The user pressed Ctrl-C, Ctrl-D or Esc at a prompt; nothing was saved.
    Interrupted = 130,
}

/// A signal (SIGHUP, SIGINT, SIGQUIT, SIGTERM) that ends a run at a prompt
/// exits with 128 + its number, after restoring the terminal; the handler
/// in [`crate::signals`] exits directly, so these codes never pass through
/// [`ExitCode`].
pub const SIGNALLED: [(i32, &str); 4] = [
    (128 + 1, "SIGHUP"),
    (128 + 2, "SIGINT"),
    (128 + 3, "SIGQUIT"),
    (128 + 15, "SIGTERM"),
];

impl ExitCode {
    /// The code for an error that reached the top, and whether to print it.
    pub fn for_error(error: &anyhow::Error) -> (Self, bool) {
        let in_chain = |matches: &dyn Fn(&(dyn std::error::Error + 'static)) -> bool| {
            error.chain().any(matches)
        };
        if Self::is_reader_gone(error) {
            // The reader went away (`| head`): that is how pipelines end.
            return (Self::Success, false);
        }
        if in_chain(&|cause| cause.is::<InputError>()) {
            return (Self::InputError, true);
        }
        if in_chain(&|cause| cause.is::<Interrupted>()) {
            return (Self::Interrupted, true);
        }
        if in_chain(&|cause| cause.is::<WriteError>() || cause.is::<std::io::Error>()) {
            return (Self::IoError, true);
        }
        (Self::Failure, true)
    }
}

impl ExitCode {
    /// Whether `error` is the reader of standard output going away.
    pub fn is_reader_gone(error: &anyhow::Error) -> bool {
        error.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io_error| io_error.kind() == std::io::ErrorKind::BrokenPipe)
        })
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}

/// Every exit status and what it means, as the manual page lists them
/// (`--help` lists the same, in [`HELP_TABLE`]'s columns).
pub const STATUSES: [(&str, &str); 9] = [
    (
        "0",
        "Success (also when the reader of standard output goes away).",
    ),
    ("1", "Unexpected failure."),
    (
        "2",
        "Input error: bad arguments, criteria, answers or comparisons (file:line:column named), \
         or a file pick-stack will not read or write (not a regular file, read-only, \
         not an answers file without --force, two outputs on one).",
    ),
    (
        "3",
        "Expectation not met: --expect names another winner, or --require-decisive \
         and the verdict is a tie or a close call.",
    ),
    ("4", "Every alternative is ruled out by the answers."),
    ("5", "I/O error while writing output or a file."),
    (
        "130",
        "Interrupted at a prompt (Ctrl-C, Ctrl-D or Esc); nothing saved.",
    ),
    (
        "128+n",
        "A signal ended the run at a prompt: 129 SIGHUP, 130 SIGINT, 131 SIGQUIT, \
         143 SIGTERM. The terminal is restored and nothing is saved.",
    ),
    (
        "128+n",
        "A SIGINT, SIGTERM or SIGHUP while files are written: the temporary files \
         are removed, then the run ends by that signal.",
    ),
];

/// The exit-status table shown at the end of `--help`.
pub const HELP_TABLE: &str = "\
Exit status:
  0    success
  1    unexpected failure
  2    input error: bad arguments, criteria or answers (file:line:column named),
       or a file pick-stack will not read or write (not a regular file,
       read-only, not an answers file without --force, two outputs on one)
  3    expectation not met: --expect names another winner, or --require-decisive
       and the verdict is a tie or a close call
  4    every alternative is ruled out by the answers
  5    I/O error while writing output or a file
  130  interrupted at a prompt (Ctrl-C, Ctrl-D or Esc); nothing saved
  128+n  a signal ended the run at a prompt (129 SIGHUP, 130 SIGINT,
       131 SIGQUIT, 143 SIGTERM): the terminal is restored, nothing saved";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problem;

    fn code(error: anyhow::Error) -> (ExitCode, bool) {
        ExitCode::for_error(&error)
    }

    #[test]
    fn the_help_names_each_signal_code() {
        for (code, name) in SIGNALLED {
            assert!(
                HELP_TABLE.contains(&format!("{code} {name}")),
                "--help lacks {code} {name}"
            );
        }
        #[cfg(unix)]
        assert_eq!(
            SIGNALLED.map(|(code, _)| code - crate::signals::SIGNAL_EXIT_BASE),
            [libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM]
        );
    }

    #[test]
    fn the_help_and_the_manual_list_the_same_statuses() {
        for (code, _) in STATUSES {
            assert!(
                HELP_TABLE.contains(&format!("\n  {code} ")),
                "--help lacks {code}"
            );
        }
        for code in [
            ExitCode::Success,
            ExitCode::Failure,
            ExitCode::InputError,
            ExitCode::ExpectationNotMet,
            ExitCode::NoneEligible,
            ExitCode::IoError,
            ExitCode::Interrupted,
        ] {
            let code = (code as u8).to_string();
            assert!(
                STATUSES.iter().any(|(listed, _)| *listed == code),
                "the manual lacks {code}"
            );
        }
    }

    #[test]
    fn each_kind_of_error_has_its_code() {
        let broken_pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(
            code(anyhow::Error::new(broken_pipe).context("writing")),
            (ExitCode::Success, false)
        );
        let input = InputError::from(Problem::in_file("a.yaml", "bad".into()));
        assert_eq!(code(input.into()), (ExitCode::InputError, true));
        assert_eq!(
            code(anyhow::Error::new(Interrupted).context("asking")),
            (ExitCode::Interrupted, true)
        );
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(
            code(anyhow::Error::new(full).context("writing")),
            (ExitCode::IoError, true)
        );
        assert_eq!(
            code(anyhow::anyhow!("something else")),
            (ExitCode::Failure, true)
        );
    }
}
