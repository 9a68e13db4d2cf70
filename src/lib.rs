//! pick-stack: a weighted decision advisor for choosing between Node.js and
//! Python (or any alternatives a criteria file names).
//!
//! Data flows one way: [`model`] loads and checks the YAML, [`answers`] and
//! [`prompt`] gather the team's answers, [`engine`] weighs and scores (no
//! I/O), and [`report`] lays out the result.

pub mod answers;
pub mod app;
pub mod atomic_file;
pub mod cli;
pub mod engine;
pub mod exit_code;
pub mod model;
pub mod problem;
pub mod prompt;
pub mod report;
pub mod source;

use exit_code::ExitCode;

/// The exit code for an error that reached the top, and whether to print it.
pub fn classify(error: &anyhow::Error) -> (ExitCode, bool) {
    for cause in error.chain() {
        if let Some(io_error) = cause.downcast_ref::<std::io::Error>()
            && io_error.kind() == std::io::ErrorKind::BrokenPipe
        {
            // The reader went away (`| head`): that is how pipelines end.
            return (ExitCode::Success, false);
        }
    }
    if error.downcast_ref::<problem::InputError>().is_some() {
        return (ExitCode::InputError, true);
    }
    if error
        .chain()
        .any(|cause| cause.downcast_ref::<prompt::Interrupted>().is_some())
    {
        return (ExitCode::Interrupted, true);
    }
    if error.chain().any(|cause| {
        cause.downcast_ref::<atomic_file::WriteError>().is_some()
            || cause.downcast_ref::<std::io::Error>().is_some()
    }) {
        return (ExitCode::IoError, true);
    }
    (ExitCode::Failure, true)
}
