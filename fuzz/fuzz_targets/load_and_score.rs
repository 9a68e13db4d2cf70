//! Arbitrary bytes as criteria, answers and comparisons (split at
//! `pick_stack::fuzzing::SEPARATOR`), through loading, every method,
//! sensitivity and every report format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    pick_stack::fuzzing::run(data);
});
