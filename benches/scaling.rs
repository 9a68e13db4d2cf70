//! Scaling targets, as ratios: how load, scoring and sensitivity grow with
//! the number of criteria, and whether a 10,000-criteria, 50-alternative
//! file is handled in under half a second. Prints a table; it asserts
//! nothing, since timings on a shared machine are noisy (BENCHMARKS.md
//! records a run).
//!
//! `cargo bench --bench scaling`

#[path = "../bench/generator.rs"]
mod generator;

use std::hint::black_box;
use std::time::{Duration, Instant};

use pick_stack::answers::{Answers, MissingAnswers};
use pick_stack::engine::{self, Method, sensitivity};
use pick_stack::model::{self, Model};
use pick_stack::source::SourceFile;

const CRITERIA: [usize; 4] = [10, 100, 1_000, 10_000];
const ALTERNATIVES: [usize; 3] = [2, 10, 50];

/// The median of `runs` timings of `work`, at least three runs.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(3))
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

struct Stages {
    load: Duration,
    score: Duration,
    sensitivity: Duration,
}

fn measure(criteria: usize, alternatives: usize) -> (Stages, usize) {
    let text = generator::criteria_yaml(criteria, alternatives);
    let bytes = text.len();
    let runs = (200_000 / (criteria * alternatives)).clamp(3, 200);
    let load = median(runs, || {
        let source = SourceFile::new("generated.yaml", text.clone());
        black_box(model::build(&[source]).expect("generated criteria load"));
    });
    let model: Model = model::build(&[SourceFile::new("generated.yaml", text)]).unwrap();
    let answers_text = generator::answers_yaml(1);
    let answers = Answers::from_source(
        &model,
        &SourceFile::new("answers.yaml", answers_text),
        MissingAnswers::Reject,
    )
    .expect("generated answers");
    let score = median(runs, || {
        for method in [Method::WeightedSum, Method::WeightedProduct, Method::Topsis] {
            black_box(engine::evaluate(&model, &answers, method).expect("scores above 0"));
        }
    });
    let (scenario, assessment) = engine::evaluate(&model, &answers, Method::WeightedSum).unwrap();
    let sensitivity = median(runs, || {
        black_box(sensitivity::analyse(
            &model,
            &answers,
            &scenario,
            &assessment,
        ));
    });
    (
        Stages {
            load,
            score,
            sensitivity,
        },
        bytes,
    )
}

fn ms(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64() * 1e3)
}

fn main() {
    println!(
        "median ms per stage (score: all three methods; sensitivity: WSM, criteria and answers)"
    );
    println!(
        "{:>9} {:>5} {:>11} {:>10} {:>10} {:>12}",
        "criteria", "alts", "file bytes", "load", "score", "sensitivity"
    );
    let mut results = Vec::new();
    for &alternatives in &ALTERNATIVES {
        for &criteria in &CRITERIA {
            let (stages, bytes) = measure(criteria, alternatives);
            println!(
                "{criteria:>9} {alternatives:>5} {bytes:>11} {:>10} {:>10} {:>12}",
                ms(stages.load),
                ms(stages.score),
                ms(stages.sensitivity)
            );
            results.push((criteria, alternatives, stages));
        }
    }
    println!();
    println!("growth for 10x the criteria (target: at most 12x)");
    println!(
        "{:>5} {:>15} {:>8} {:>8} {:>12}",
        "alts", "criteria", "load", "score", "sensitivity"
    );
    for &alternatives in &ALTERNATIVES {
        let row: Vec<&(usize, usize, Stages)> = results
            .iter()
            .filter(|(_, a, _)| *a == alternatives)
            .collect();
        for pair in row.windows(2) {
            let (small, large) = (&pair[0].2, &pair[1].2);
            let ratio = |a: Duration, b: Duration| b.as_secs_f64() / a.as_secs_f64();
            println!(
                "{alternatives:>5} {:>15} {:>7.1}x {:>7.1}x {:>11.1}x",
                format!("{} -> {}", pair[0].0, pair[1].0),
                ratio(small.load, large.load),
                ratio(small.score, large.score),
                ratio(small.sensitivity, large.sensitivity)
            );
        }
    }
    let (_, _, largest) = results
        .iter()
        .find(|(c, a, _)| *c == 10_000 && *a == 50)
        .unwrap();
    let total = largest.load + largest.score + largest.sensitivity;
    println!();
    println!(
        "10,000 criteria x 50 alternatives: load + score (3 methods) + sensitivity = {} ms (target: under 500 ms)",
        ms(total)
    );
}
