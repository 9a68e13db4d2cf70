//! Arbitrary text through `pick_stack::yaml_stream` and `serde_yaml`: where
//! the fast reader returns a value, the full parser must return the same one
//! (compared by `Debug`), for each of pick-stack's document types and a
//! generic value. The whole input is checked, and each part between
//! `pick_stack::fuzzing::SEPARATOR`s so the `load_and_score` seeds serve.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use pick_stack::model::document::{AnswersDocument, ComparisonsDocument, CriteriaDocument};
use serde::de::DeserializeOwned;

fn agree<T: DeserializeOwned + Debug>(text: &str) {
    let Some(fast) = pick_stack::yaml_stream::from_str::<T>(text) else {
        return;
    };
    let ty = std::any::type_name::<T>();
    match serde_yaml::from_str::<T>(text) {
        Ok(full) => {
            let (fast, full) = (format!("{fast:?}"), format!("{full:?}"));
            assert!(
                fast == full,
                "as {ty}, input {text:?}\n  fast:       {fast}\n  serde_yaml: {full}"
            );
        }
        Err(err) => {
            panic!("as {ty}, input {text:?}\n  fast:       {fast:?}\n  serde_yaml: Err({err})")
        }
    }
}

fn check(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // As `SourceFile::from_bytes` reads a file.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    agree::<CriteriaDocument>(text);
    agree::<AnswersDocument>(text);
    agree::<ComparisonsDocument>(text);
    agree::<serde_json::Value>(text);
}

fuzz_target!(|data: &[u8]| {
    check(data);
    let separator = pick_stack::fuzzing::SEPARATOR;
    let mut rest = data;
    let mut split = false;
    while let Some(at) = rest
        .windows(separator.len())
        .position(|window| window == separator)
    {
        check(&rest[..at]);
        rest = &rest[at + separator.len()..];
        split = true;
    }
    if split {
        check(rest);
    }
});
