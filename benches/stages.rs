//! Per-stage benchmarks on generated criteria files: loading (parse, merge
//! and check), scoring by every method, and the full sensitivity analysis,
//! for 10, 100, 1,000 and 10,000 criteria by 2, 10 and 50 alternatives.
//!
//! `cargo bench --bench stages` runs them all (a few minutes on 2 cores);
//! `cargo bench --bench stages -- load` runs one stage, and divan's other
//! filters and options work as usual (`-- --help`).
//!
//! Each case stops after 100 samples or `MAX_SECONDS` of benchmarking,
//! whichever comes first, so the 10,000-criteria cases take a handful of
//! samples rather than minutes. Inputs (the file's text, the model, the
//! answers, the scenario and assessment that sensitivity starts from) are
//! made once per case, outside the timed region. Scoring and sensitivity
//! results are dropped inside it, as a run would; loads' models are dropped
//! by divan, outside it.

#[path = "../bench/fixture.rs"]
mod fixture;
#[path = "../bench/generator.rs"]
mod generator;

use fixture::Fixture;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use divan::Bencher;
use pick_stack::engine::{self, Method, sensitivity};
use pick_stack::model;
use pick_stack::source::SourceFile;

fn main() {
    divan::main();
}

/// Criteria counts (divan `consts`) and alternative counts (`args`).
const CRITERIA: [usize; 4] = [10, 100, 1_000, 10_000];
const ALTERNATIVES: [usize; 3] = [2, 10, 50];

thread_local! {
    static FIXTURES: RefCell<HashMap<(usize, usize), Rc<Fixture>>> = RefCell::default();
}

fn fixture(criteria: usize, alternatives: usize) -> Rc<Fixture> {
    FIXTURES.with(|fixtures| {
        fixtures
            .borrow_mut()
            .entry((criteria, alternatives))
            .or_insert_with(|| Rc::new(Fixture::new(criteria, alternatives, 0)))
            .clone()
    })
}

/// Seconds of benchmarking per case, at most (divan's `max_time`).
const MAX_SECONDS: u64 = 2;

/// Iterations timed together in one sample of the scoring and sensitivity
/// stages. At 10 criteria one evaluation takes under a microsecond, and a
/// sample of one iteration measured the clock and the cache as much as the
/// work (growth from 10 to 100 criteria read 13x to 17x).
const ITERATIONS_PER_SAMPLE: u32 = 32;

/// Load a YAML criteria file: parse, merge and check into a model (what
/// every command does with `--criteria FILE`). The text is copied into a
/// `SourceFile` outside the timed region.
#[divan::bench(consts = CRITERIA, args = ALTERNATIVES, sample_count = 100, max_time = MAX_SECONDS)]
fn load<const C: usize>(bencher: Bencher, alternatives: usize) {
    let fixture = fixture(C, alternatives);
    bencher
        .with_inputs(|| SourceFile::new("generated.yaml", fixture.yaml.clone()))
        .bench_local_refs(|source| model::build(std::slice::from_ref(source)).unwrap());
}

/// The same criteria as JSON, which pick-stack parses on a serde_json fast
/// path (and how the embedded criteria are loaded).
#[divan::bench(consts = CRITERIA, args = ALTERNATIVES, sample_count = 100, max_time = MAX_SECONDS)]
fn load_json<const C: usize>(bencher: Bencher, alternatives: usize) {
    let fixture = fixture(C, alternatives);
    bencher
        .with_inputs(|| SourceFile::new("generated.json", fixture.json.clone()))
        .bench_local_refs(|source| model::build(std::slice::from_ref(source)).unwrap());
}

fn score(bencher: Bencher, criteria: usize, alternatives: usize, method: Method) {
    let fixture = fixture(criteria, alternatives);
    // Dropped inside the timed region, as a run drops it: kept for divan to
    // drop later, 32 results of 10,000 x 50 would hold 128 MB of fresh
    // memory per sample and time the page faults instead of the scoring.
    bencher
        .bench_local(|| drop(engine::evaluate(fixture.model, &fixture.answers, method).unwrap()));
}

/// Weigh (apply the answers) and assess by the weighted sum.
#[divan::bench(consts = CRITERIA, args = ALTERNATIVES, sample_count = 100, sample_size = ITERATIONS_PER_SAMPLE, max_time = MAX_SECONDS)]
fn score_wsm<const C: usize>(bencher: Bencher, alternatives: usize) {
    score(bencher, C, alternatives, Method::WeightedSum);
}

/// Weigh and assess by the weighted product.
#[divan::bench(consts = CRITERIA, args = ALTERNATIVES, sample_count = 100, sample_size = ITERATIONS_PER_SAMPLE, max_time = MAX_SECONDS)]
fn score_wpm<const C: usize>(bencher: Bencher, alternatives: usize) {
    score(bencher, C, alternatives, Method::WeightedProduct);
}

/// Weigh and assess by TOPSIS.
#[divan::bench(consts = CRITERIA, args = ALTERNATIVES, sample_count = 100, sample_size = ITERATIONS_PER_SAMPLE, max_time = MAX_SECONDS)]
fn score_topsis<const C: usize>(bencher: Bencher, alternatives: usize) {
    score(bencher, C, alternatives, Method::Topsis);
}

/// The full sensitivity analysis of a weighted-sum verdict: the nearest
/// flipping weight change for every criterion, every single-answer change,
/// and the stability label.
#[divan::bench(consts = CRITERIA, args = ALTERNATIVES, sample_count = 100, sample_size = ITERATIONS_PER_SAMPLE, max_time = MAX_SECONDS)]
fn sensitivity<const C: usize>(bencher: Bencher, alternatives: usize) {
    let fixture = fixture(C, alternatives);
    bencher.bench_local(|| {
        drop(sensitivity::analyse(
            fixture.model,
            &fixture.answers,
            &fixture.scenario,
            &fixture.assessment,
        ))
    });
}
