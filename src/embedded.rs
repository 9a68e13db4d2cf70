//! The criteria and questions shipped inside the binary, so `pick-stack`
//! works from any folder without a data directory, and what `build.rs`
//! made of them: the model itself, ready to decode, and the questions as
//! JSON (for criteria sets that define none).
//!
//! Kept apart from [`crate::model`] because `build.rs` compiles the model's
//! modules to make these files; it gives them its own stand-in for this
//! module, as the files do not exist yet while it runs.

/// (name, YAML) of each embedded file: the criteria, then the questions.
pub const SOURCES: [(&str, &str); 2] = [
    (
        "criteria/criteria.yaml",
        include_str!("../criteria/criteria.yaml"),
    ),
    (
        "criteria/questions.yaml",
        include_str!("../criteria/questions.yaml"),
    ),
];

/// The model of both files (postcard).
pub const MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.bin"));

/// The model of the criteria alone, without the questions (postcard).
pub const MODEL_WITHOUT_QUESTIONS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/criteria-model.bin"));

/// The questions file converted to JSON.
pub const QUESTIONS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/questions.json"));
