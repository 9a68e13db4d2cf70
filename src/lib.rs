//! pick-stack: a weighted decision advisor for choosing between Node.js and
//! Python (or any alternatives a criteria file names).
//!
//! Data flows one way: [`model`] loads and checks the YAML, [`answers`] and
//! [`prompt`] gather the team's answers, [`engine`] weighs and scores (no
//! I/O), and [`report`] lays out the result.

pub mod answers;
pub mod app;
pub mod atomic_file;
pub mod choice_list;
pub mod cli;
mod embedded;
pub mod engine;
pub mod exit_code;
#[doc(hidden)]
pub mod fuzzing;
pub mod group_weigh;
pub mod magnitude;
pub mod manual;
pub mod model;
pub mod outputs;
pub mod problem;
pub mod prompt;
pub mod report;
pub mod shell;
pub mod signal_cleanup;
pub mod signals;
pub mod source;
pub mod team;
pub mod team_input;
pub mod untrusted;
pub mod weigh;
pub mod yaml_stream;
