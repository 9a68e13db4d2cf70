//! Generated criteria files for benchmarks: `criteria` criteria by
//! `alternatives` alternatives, with questions whose options each touch a
//! few criteria, as a company-wide criteria file might. Deterministic: the
//! same sizes always give the same file.

use std::fmt::Write;

/// Questions in every generated file; each has `OPTIONS` options.
pub const QUESTIONS: usize = 10;
pub const OPTIONS: usize = 4;

/// A criteria document (criteria and questions in one file). Each
/// `variant` has other weights, scores and question targets; the same
/// arguments always give the same file.
pub fn criteria_yaml(criteria: usize, alternatives: usize, variant: u64) -> String {
    let mut text = String::with_capacity(criteria * alternatives * 28 + 4096);
    text.push_str("scale: {min: 0, max: 10}\nalternatives:\n");
    for alternative in 0..alternatives {
        writeln!(
            text,
            "  - {{id: a{alternative}, name: Alternative {alternative}}}"
        )
        .unwrap();
    }
    text.push_str("criteria:\n");
    // Multiplying by an odd number is one-to-one on u64, so every variant
    // starts from its own seed (one in 2^64 would be 0, where xorshift
    // stays).
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d ^ variant.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut next = move || {
        // xorshift64: cheap, deterministic, good enough to vary scores.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for criterion in 0..criteria {
        let kind = if criterion % 7 == 6 {
            "cost"
        } else {
            "benefit"
        };
        let weight = next() % 4;
        writeln!(text, "  - id: c{criterion}\n    name: Criterion {criterion}\n    weight: {weight}\n    kind: {kind}\n    ratings:").unwrap();
        for alternative in 0..alternatives {
            // Scores 1.0 to 10.0 in steps of 0.5: above 0 for the weighted product.
            let score = 1.0 + (next() % 19) as f64 * 0.5;
            // The short form of a rating: the score alone.
            writeln!(text, "      a{alternative}: {score}").unwrap();
        }
    }
    text.push_str("questions:\n");
    for question in 0..QUESTIONS {
        writeln!(
            text,
            "  - id: q{question}\n    prompt: Question {question}?\n    default: o0\n    options:"
        )
        .unwrap();
        for option in 0..OPTIONS {
            writeln!(
                text,
                "      - id: o{option}\n        label: Option {option}"
            )
            .unwrap();
            if option > 0 {
                let mut target = |offset: u64| (next() + offset) as usize % criteria;
                writeln!(text, "        add: {{c{}: {}}}", target(0), option).unwrap();
                writeln!(
                    text,
                    "        multiply: {{c{}: {}}}",
                    target(1),
                    1.0 + option as f64 / 2.0
                )
                .unwrap();
            }
        }
    }
    text
}

/// The same criteria as JSON, which YAML includes and pick-stack parses
/// several times faster.
pub fn criteria_json(criteria: usize, alternatives: usize, variant: u64) -> String {
    let yaml = criteria_yaml(criteria, alternatives, variant);
    let value: serde_json::Value =
        serde_yaml::from_str(&yaml).expect("the generator writes valid YAML");
    serde_json::to_string(&value).expect("plain data")
}

/// An answers document choosing option `choice` for every question.
pub fn answers_yaml(choice: usize) -> String {
    let mut text = String::from("answers:\n");
    for question in 0..QUESTIONS {
        writeln!(text, "  q{question}: o{}", choice % OPTIONS).unwrap();
    }
    text
}
