//! Scaling targets, as ratios: how load, scoring and sensitivity grow with
//! the number of criteria, whether a 10,000-criteria, 50-alternative file
//! is handled in under half a second, and how much heap that takes against
//! the file's size (a counting global allocator, in this bench binary
//! only). Prints tables; it asserts nothing, since timings on a shared
//! machine are noisy (BENCHMARKS.md records a run).
//!
//! `cargo bench --bench scaling` runs it all (about 4 minutes on 2 cores);
//! `cargo bench --bench scaling -- stages` (or `beyond`, `weights`,
//! `memory`, `hostile`, `uncertainty`) runs one section, and `-- stages-one-file` the
//! stages timed the earlier way, one file per size over and over (see
//! `files_per_timing`). `hostile` times inputs built to make a stage
//! quadratic (many problems, questions, alternatives, groups, an entangled
//! questionnaire, a folder over the total limit, a long key) at a size
//! and ten times it.

#[path = "../bench/fixture.rs"]
mod fixture;
#[path = "../bench/generator.rs"]
mod generator;
#[path = "../bench/hostile.rs"]
mod hostile;

use fixture::{Fixture, answers_for};

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pick_stack::answers::{Answers, MissingAnswers};
use pick_stack::engine::{self, Method, sensitivity};
use pick_stack::model;
use pick_stack::source::SourceFile;

const CRITERIA: [usize; 4] = [10, 100, 1_000, 10_000];
const ALTERNATIVES: [usize; 3] = [2, 10, 50];
const METHODS: [Method; 3] = [Method::WeightedSum, Method::WeightedProduct, Method::Topsis];

/// The system allocator, counting live heap bytes and their peak while
/// `COUNTING` is on. Off during the timings, so they pay one relaxed load
/// per allocation and nothing more.
struct CountingAlloc;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Live bytes allocated since counting started (frees of older blocks may
/// take it below 0; the measured stages free only what they allocate).
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

impl CountingAlloc {
    fn grow(size: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            let live = LIVE.fetch_add(size as isize, Ordering::Relaxed) + size as isize;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
    }

    fn resize(old: usize, new: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            let delta = new as isize - old as isize;
            let live = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
    }

    fn shrink(size: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(size as isize, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is passed to `System` unchanged; the counting only
// reads the sizes.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            Self::grow(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            Self::grow(layout.size());
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { System.dealloc(block, layout) };
        Self::shrink(layout.size());
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            // As a resize: the moment a moving realloc holds both blocks
            // is not counted (glibc moves large blocks with mremap, which
            // copies nothing), and neither is the allocation count.
            Self::resize(layout.size(), new_size);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAlloc = CountingAlloc;

/// Peak live heap bytes and allocations made while `work` runs, counting
/// from zero at its start.
fn heap_peak<T>(work: impl FnOnce() -> T) -> (T, usize, usize) {
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    ALLOCATIONS.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let result = work();
    COUNTING.store(false, Ordering::SeqCst);
    let peak = PEAK.load(Ordering::SeqCst).max(0) as usize;
    (result, peak, ALLOCATIONS.load(Ordering::SeqCst))
}

/// The median of `runs` timings of `work`, at least three. Work quicker
/// than `SAMPLE_FLOOR` is repeated within each timing, and the timing
/// divided, so microsecond stages are not lost in the clock's resolution.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let batch = batch_for(&mut work);
    let mut times: Vec<Duration> = (0..runs.max(3))
        .map(|_| time_batch(&mut work, batch))
        .collect();
    middle(&mut times)
}

/// How many runs of `work` make one timing of at least `SAMPLE_FLOOR`,
/// from the quickest of three runs: the first is cold, and a batch sized
/// by it would be too small.
fn batch_for(work: &mut dyn FnMut()) -> u32 {
    let once = (0..3)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
        .max(Duration::from_nanos(1));
    (SAMPLE_FLOOR.as_nanos() / once.as_nanos()).clamp(1, 100_000) as u32
}

/// The time of one run of `work`, from `batch` runs in a row.
fn time_batch(work: &mut dyn FnMut(), batch: u32) -> Duration {
    let started = Instant::now();
    for _ in 0..batch {
        work();
    }
    started.elapsed() / batch
}

fn middle(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The median time of each piece of work, timed in `rounds` rounds that
/// each time one batch of every piece in turn. A growth ratio divides the
/// times of two sizes: timed one after the other, a change in the shared
/// machine's speed between them (it drifts by 2x within an hour) went
/// into the ratio; interleaved, both sizes see the same spells.
fn interleaved_medians(works: &mut [Box<dyn FnMut() + '_>], rounds: usize) -> Vec<Duration> {
    let batches: Vec<u32> = works.iter_mut().map(|work| batch_for(work)).collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); works.len()];
    for _ in 0..rounds {
        for ((work, &batch), times) in works.iter_mut().zip(&batches).zip(&mut times) {
            // A batch first, untimed, as in `median`'s back-to-back timings:
            // the work before (another size's loads, say) has emptied the
            // cache and the allocator's free lists, and a stage takes two or
            // three runs to settle again (measured: 0.79, 0.50, 0.43, then
            // 0.41 ms for the 10,000 x 50 weighted sum after a load).
            time_batch(work, batch);
            times.push(time_batch(work, batch));
        }
    }
    times.iter_mut().map(|times| middle(times)).collect()
}

/// The shortest timing: two thousand times a microsecond clock, and
/// several runs of a sub-millisecond stage; quicker work is repeated
/// within a timing.
const SAMPLE_FLOOR: Duration = Duration::from_millis(2);

/// Rounds for the interleaved stage timings: each round takes about two
/// seconds on this machine, most of it the largest YAML loads.
const ROUNDS: usize = 15;

/// Timings per stage and size: many for small files, fewer for large ones,
/// always an odd number of at least 11.
fn runs_for(criteria: usize, alternatives: usize) -> usize {
    (100_000 / (criteria * alternatives)).clamp(11, 101) | 1
}

struct Stages {
    load_yaml: Duration,
    load_json: Duration,
    /// Weigh and assess, one per method in `METHODS`.
    score: [Duration; 3],
    sensitivity: Duration,
}

impl Stages {
    fn score_all(&self) -> Duration {
        self.score.iter().sum()
    }
}

fn time_load(runs: usize, name: &str, text: &str) -> Duration {
    median(runs, || {
        let source = SourceFile::new(name, text.to_owned());
        black_box(model::build(&[source]).expect("generated criteria load"));
    })
}

/// Each stage of one size as work to time, in the order of
/// [`Stages::from_times`]: one run of a work is the stage on every file in
/// `files`, one after the other.
fn works(files: &[Fixture]) -> Vec<Box<dyn FnMut() + '_>> {
    let mut works: Vec<Box<dyn FnMut() + '_>> = vec![
        Box::new(move || {
            for file in files {
                load("generated.yaml", &file.yaml);
            }
        }),
        Box::new(move || {
            for file in files {
                load("generated.json", &file.json);
            }
        }),
    ];
    for method in METHODS {
        works.push(Box::new(move || {
            for file in files {
                black_box(
                    engine::evaluate(file.model, &file.answers, method).expect("scores above 0"),
                );
            }
        }));
    }
    works.push(Box::new(move || {
        for file in files {
            black_box(sensitivity::analyse(
                file.model,
                &file.answers,
                &file.scenario,
                &file.assessment,
            ));
        }
    }));
    works
}

/// How a stage timing meets its input.
#[derive(Clone, Copy, PartialEq)]
enum Files {
    /// Different generated files, `DISTINCT_CRITERIA` criteria in all.
    Different,
    /// One file per size, over and over (the earlier method).
    One,
}

/// How many different generated files of `criteria` criteria a timing
/// runs through.
///
/// Timing the same file over and over lets the processor learn it: the
/// branches that depend on the data (which criteria have weight, which
/// alternative a rival overtakes) repeat, and the predictor remembers a
/// pattern of 1,000 criteria but not one of 10,000. Measured on the
/// per-criterion flips at 2 alternatives: one 1,000-criteria file run over
/// and over took 32 ns per criterion, ten different 1,000-criteria files
/// in turn 50 ns, the 10,000-criteria file 50 ns; ten identical copies in
/// turn (ten times the footprint in the cache, the same pattern) no more
/// than the one file. A real run reads its file once, so no size should be
/// timed on a learnt pattern.
fn files_per_timing(criteria: usize, files: Files) -> u64 {
    match files {
        Files::Different => (DISTINCT_CRITERIA / criteria).max(1) as u64,
        Files::One => 1,
    }
}

/// Criteria per timing, from different files (see [`files_per_timing`]).
const DISTINCT_CRITERIA: usize = 10_000;

impl Stages {
    /// The stages' times in the order [`works`] gives them.
    fn from_times(times: &[Duration]) -> Self {
        Self {
            load_yaml: times[0],
            load_json: times[1],
            score: [times[2], times[3], times[4]],
            sensitivity: times[5],
        }
    }
}

/// Every stage at every size in `sizes`, interleaved (see
/// [`interleaved_medians`]), per file, with each size's YAML length in
/// bytes.
fn measure_all(sizes: &[(usize, usize)], files: Files) -> Vec<(Stages, usize)> {
    let inputs: Vec<Vec<Fixture>> = sizes
        .iter()
        .map(|&(criteria, alternatives)| {
            (0..files_per_timing(criteria, files))
                .map(|variant| Fixture::new(criteria, alternatives, variant))
                .collect()
        })
        .collect();
    let mut works: Vec<Box<dyn FnMut() + '_>> =
        inputs.iter().flat_map(|fixtures| works(fixtures)).collect();
    let per_size = works.len() / inputs.len();
    let times = interleaved_medians(&mut works, ROUNDS);
    times
        .chunks(per_size)
        .zip(&inputs)
        .map(|(times, fixtures)| {
            let per_file: Vec<Duration> = times
                .iter()
                .map(|time| *time / fixtures.len() as u32)
                .collect();
            (Stages::from_times(&per_file), fixtures[0].yaml.len())
        })
        .collect()
}

fn load(name: &str, text: &str) {
    let source = SourceFile::new(name, text.to_owned());
    black_box(model::build(&[source]).expect("generated criteria load"));
}

fn ms(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1e3;
    if ms < 1.0 {
        format!("{ms:.4}")
    } else {
        format!("{ms:.2}")
    }
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// One decade past the targets' sizes, to tell a step in cost (the data
/// outgrowing a cache) from a growth that goes on: 10,000 and 100,000
/// criteria, JSON only (a 100,000-criteria YAML file passes the input
/// limit at 10 alternatives, and YAML loading is measured above).
fn beyond() {
    println!("median ms, 10,000 and 100,000 criteria (JSON; target: at most 12x)");
    println!(
        "{:>5} {:>9} {:>10} {:>9} {:>9} {:>9} {:>12}",
        "alts", "criteria", "load json", "wsm", "wpm", "topsis", "sensitivity"
    );
    for alternatives in [2, 10] {
        let mut rows: Vec<[Duration; 5]> = Vec::new();
        for criteria in [10_000, 100_000] {
            let runs = runs_for(criteria, alternatives);
            let json = generator::criteria_json(criteria, alternatives, 0);
            let load = time_load(runs, "generated.json", &json);
            let model = model::build(&[SourceFile::new("generated.json", json)]).unwrap();
            let answers = answers_for(&model);
            let score = METHODS.map(|method| {
                median(runs, || {
                    black_box(engine::evaluate(&model, &answers, method).unwrap());
                })
            });
            let (scenario, assessment) =
                engine::evaluate(&model, &answers, Method::WeightedSum).unwrap();
            let sensitivity = median(runs, || {
                black_box(sensitivity::analyse(
                    &model,
                    &answers,
                    &scenario,
                    &assessment,
                ));
            });
            let row = [load, score[0], score[1], score[2], sensitivity];
            println!(
                "{alternatives:>5} {criteria:>9} {:>10} {:>9} {:>9} {:>9} {:>12}",
                ms(row[0]),
                ms(row[1]),
                ms(row[2]),
                ms(row[3]),
                ms(row[4])
            );
            rows.push(row);
        }
        let ratio = |stage: usize| {
            let ratio = rows[1][stage].as_secs_f64() / rows[0][stage].as_secs_f64();
            let mark = if ratio > 12.0 { "*" } else { " " };
            format!("{ratio:.1}x{mark}")
        };
        println!(
            "{alternatives:>5} {:>9} {:>10} {:>9} {:>9} {:>9} {:>12}",
            "growth",
            ratio(0),
            ratio(1),
            ratio(2),
            ratio(3),
            ratio(4)
        );
    }
}

/// An answers file as `pick-stack weigh` writes it: every question answered
/// and a base weight set explicitly for every criterion.
fn answers_with_weights(criteria: usize) -> String {
    let mut text = generator::answers_yaml(1);
    text.push_str("weights:\n  from: generated\n  values:\n");
    for criterion in 0..criteria {
        text.push_str(&format!("    c{criterion}: {}\n", 1 + criterion % 5));
    }
    text
}

/// The same stages with answers that set every criterion's base weight
/// (the output of `pick-stack weigh`), a path the generated criteria files
/// alone do not take: reading the answers, scoring, sensitivity.
fn explicit_weights() {
    let alternatives = 2;
    println!(
        "median ms with a base weight set for every criterion in the answers ({alternatives} alternatives)"
    );
    println!(
        "{:>11} {:>13} {:>9} {:>12}",
        "criteria", "read answers", "wsm", "sensitivity"
    );
    let mut rows: Vec<(usize, [Duration; 3])> = Vec::new();
    for &criteria in &CRITERIA {
        let runs = runs_for(criteria, alternatives);
        let json = generator::criteria_json(criteria, alternatives, 0);
        let model = model::build(&[SourceFile::new("generated.json", json)]).unwrap();
        let text = answers_with_weights(criteria);
        let read = || {
            Answers::from_source(
                &model,
                &SourceFile::new("answers.yaml", text.clone()),
                MissingAnswers::Reject,
            )
            .expect("generated answers with weights")
        };
        let answers = read();
        assert!(answers.explicit_weights.is_some());
        let read_time = median(runs, || {
            black_box(read());
        });
        let wsm = median(runs, || {
            black_box(engine::evaluate(&model, &answers, Method::WeightedSum).unwrap());
        });
        let (scenario, assessment) =
            engine::evaluate(&model, &answers, Method::WeightedSum).unwrap();
        let sensitivity = median(runs, || {
            black_box(sensitivity::analyse(
                &model,
                &answers,
                &scenario,
                &assessment,
            ));
        });
        println!(
            "{criteria:>11} {:>13} {:>9} {:>12}",
            ms(read_time),
            ms(wsm),
            ms(sensitivity)
        );
        rows.push((criteria, [read_time, wsm, sensitivity]));
    }
    for pair in rows.windows(2) {
        let ratio = |stage: usize| {
            let ratio = pair[1].1[stage].as_secs_f64() / pair[0].1[stage].as_secs_f64();
            let mark = if ratio > 12.0 { "*" } else { " " };
            format!("{ratio:.1}x{mark}")
        };
        println!(
            "{:>11} {:>13} {:>9} {:>12}",
            format!("{}->{}", pair[0].0, pair[1].0),
            ratio(0),
            ratio(1),
            ratio(2)
        );
    }
}

/// What `advise --criteria FILE` does before it writes its report: read and
/// load the file, score by every method, analyse the weighted sum's
/// sensitivity. Returns the number of criteria, to keep the work alive.
fn whole_pipeline(path: &Path) -> usize {
    let model = model::Model::load(path).expect("generated criteria load");
    let answers = answers_for(&model);
    for method in METHODS {
        black_box(engine::evaluate(&model, &answers, method).expect("scores above 0"));
    }
    let (scenario, assessment) = engine::evaluate(&model, &answers, Method::WeightedSum).unwrap();
    black_box(sensitivity::analyse(
        &model,
        &answers,
        &scenario,
        &assessment,
    ));
    model.criteria.len()
}

/// Peak heap while loading, scoring and analysing the 10,000 x 50 file, in
/// YAML and in JSON, against the file's size.
fn memory() {
    let (criteria, alternatives) = (10_000, 50);
    println!(
        "peak heap for {criteria} criteria x {alternatives} alternatives, read from a file (target: under 10x the file)"
    );
    println!(
        "{:>6} {:>11} {:>11} {:>7} {:>13} {:>14} {:>12}",
        "format", "file", "peak heap", "ratio", "allocations", "load peak", "model heap"
    );
    let dir = std::env::temp_dir().join(format!("pick-stack-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for (format, text) in [
        ("yaml", generator::criteria_yaml(criteria, alternatives, 0)),
        ("json", generator::criteria_json(criteria, alternatives, 0)),
    ] {
        let path = dir.join(format!("generated.{format}"));
        std::fs::write(&path, &text).expect("write the generated file");
        let file = text.len();
        drop(text);
        let (_, peak, allocations) = heap_peak(|| black_box(whole_pipeline(&path)));
        // Loading alone, and what the model keeps once the file is dropped.
        let (model, load_peak, _) = heap_peak(|| model::Model::load(&path).unwrap());
        let (_, model_heap, _) = heap_peak(|| {
            // The model's live heap: its deep copy's allocations.
            black_box(model.clone())
        });
        println!(
            "{format:>6} {:>11} {:>11} {:>6.1}x {allocations:>13} {:>14} {:>12}",
            mib(file),
            mib(peak),
            peak as f64 / file as f64,
            mib(load_peak),
            mib(model_heap),
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    // `cargo bench --bench scaling -- memory` runs one section; cargo's own
    // `--bench` flag is not a section name.
    let sections: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let wanted = |name: &str| sections.is_empty() || sections.iter().any(|arg| arg == name);
    if wanted("stages") {
        stages(Files::Different);
        println!();
    }
    // The earlier method, one file per size timed over and over: not run
    // by default (see `files_per_timing`).
    if sections.iter().any(|arg| arg == "stages-one-file") {
        stages(Files::One);
        println!();
    }
    if wanted("beyond") {
        beyond();
        println!();
    }
    if wanted("weights") {
        explicit_weights();
        println!();
    }
    if wanted("memory") {
        memory();
        println!();
    }
    if wanted("hostile") {
        hostile_inputs();
        println!();
    }
    if wanted("uncertainty") {
        uncertainty();
    }
}

/// The uncertainty analysis's cost (issue 17, item 4). First `advise` on
/// the embedded criteria with the default 10,000 samples against the same
/// command with `--samples 0`, whole processes timed interleaved: the
/// extra over the plain run, as a ratio to it (target: at most 1). Then
/// the sampling alone on a generated 10,000 x 50 file: the cost per sample
/// and the default count's whole cost (target: the command under 1 s).
fn uncertainty() {
    use engine::uncertainty::{Settings, analyse};
    let binary = env!("CARGO_BIN_EXE_pick-stack");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ml-pipeline.yaml");
    let run = |samples: &'static str| {
        move || {
            let status = std::process::Command::new(binary)
                .args(["advise", "--answers", example, "--samples", samples])
                .stdout(std::process::Stdio::null())
                .status()
                .expect("pick-stack runs");
            assert!(status.success());
        }
    };
    let mut works: Vec<Box<dyn FnMut()>> = vec![Box::new(run("0")), Box::new(run("10000"))];
    let medians = interleaved_medians(&mut works, 41);
    let (plain, sampled) = (medians[0], medians[1]);
    let extra = sampled.saturating_sub(plain);
    println!(
        "uncertainty: advise on the embedded criteria, examples/ml-pipeline.yaml, medians of 41 interleaved rounds"
    );
    println!(
        "  --samples 0: {:.3} ms; 10,000 samples x 3 methods: {:.3} ms; extra {:.3} ms = {:.2}x the plain run (target: at most 1x)",
        millis(plain),
        millis(sampled),
        millis(extra),
        extra.as_secs_f64() / plain.as_secs_f64()
    );
    // The sampling alone, in process, on one thread and on the machine's:
    // the threads' share of the ratio above.
    {
        let model = model::Model::embedded().expect("embedded criteria");
        let source = SourceFile::read(Path::new(example)).expect("example");
        let answers =
            Answers::from_source(&model, &source, MissingAnswers::Reject).expect("answers");
        let scenario = engine::weigh(&model, &answers);
        let assessment = engine::assess(&model, &scenario, Method::WeightedSum).unwrap();
        let winner = match assessment.verdict {
            engine::Verdict::Winner { alternative, .. } => Some(alternative),
            _ => None,
        };
        let on = |threads: Option<usize>| Settings {
            threads,
            ..Settings::default()
        };
        let (one, machine) = (on(Some(1)), on(None));
        let mut works: Vec<Box<dyn FnMut()>> = vec![
            Box::new(|| {
                black_box(analyse(&model, &scenario, winner, &one));
            }),
            Box::new(|| {
                black_box(analyse(&model, &scenario, winner, &machine));
            }),
        ];
        let medians = interleaved_medians(&mut works, 41);
        println!(
            "  the sampling alone, in process: {:.3} ms on one thread, {:.3} ms on the machine's {} = {:.2}x and {:.2}x the plain run",
            millis(medians[0]),
            millis(medians[1]),
            std::thread::available_parallelism().map_or(1, usize::from),
            medians[0].as_secs_f64() / plain.as_secs_f64(),
            medians[1].as_secs_f64() / plain.as_secs_f64(),
        );
    }
    for alternatives in [2, 50] {
        let fixture = Fixture::new(10_000, alternatives, 0);
        let settings = |samples: Option<usize>| Settings {
            samples,
            ..Settings::default()
        };
        let winner = match fixture.assessment.verdict {
            engine::Verdict::Winner { alternative, .. } => Some(alternative),
            _ => None,
        };
        let fixed = settings(Some(100));
        let hundred = median(5, || {
            black_box(analyse(fixture.model, &fixture.scenario, winner, &fixed));
        });
        let default = settings(None);
        let figures =
            analyse(fixture.model, &fixture.scenario, winner, &default).expect("a contest");
        let whole = median(5, || {
            black_box(analyse(fixture.model, &fixture.scenario, winner, &default));
        });
        println!(
            "  10,000 x {alternatives}: {:.3} ms per sample (3 methods, 100 samples); default count {} takes {:.1} ms",
            millis(hundred) / 100.0,
            figures.samples,
            millis(whole)
        );
    }
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One hostile case: what it is, the sizes, and the work at a size (which
/// returns a figure to print beside the time, e.g. a message's length).
struct Hostile {
    name: &'static str,
    sizes: [usize; 2],
    prepare: fn(usize) -> Box<dyn FnMut() -> usize>,
}

/// Inputs built to make a stage quadratic, each timed at a size and ten
/// times it, interleaved (see `interleaved_medians`): the ratio is about 10
/// for a stage linear in its input, 100 for a quadratic one.
fn hostile_inputs() {
    println!("hostile inputs: median ms at n and 10n, interleaved (linear: about 10x)");
    println!(
        "{:<44} {:>7} {:>10} {:>10} {:>8} {:>12}",
        "case", "n", "ms at n", "ms at 10n", "growth", "figure (n, 10n)"
    );
    let cases = [
        Hostile {
            name: "unknown questions in an answers file",
            sizes: [5_000, 50_000],
            prepare: |n| {
                let model = model::Model::embedded().unwrap();
                let text = hostile::unknown_answers(n);
                Box::new(move || {
                    let source = SourceFile::new("answers.yaml", text.clone());
                    let error = Answers::from_source(&model, &source, MissingAnswers::Reject)
                        .expect_err("unknown questions");
                    error.count()
                })
            },
        },
        Hostile {
            name: "unknown criteria in a criteria file",
            sizes: [2_000, 20_000],
            prepare: |n| {
                let text = hostile::criteria_problems(n);
                Box::new(move || {
                    let error = model::build(&[SourceFile::new("criteria.yaml", text.clone())])
                        .expect_err("unknown criteria");
                    error.count()
                })
            },
        },
        Hostile {
            name: "unknown criteria in a comparisons file",
            sizes: [2_000, 20_000],
            prepare: |n| {
                let model = model::Model::embedded().unwrap();
                let text = hostile::comparison_problems(n);
                Box::new(move || {
                    let source = SourceFile::new("judgements.yaml", text.clone());
                    let error = pick_stack::weigh::from_source(&model, &source)
                        .expect_err("unknown criteria");
                    error.count()
                })
            },
        },
        Hostile {
            name: "questions: read answers, analyse (wsm)",
            sizes: [3_000, 30_000],
            prepare: |n| {
                let (text, answers) = hostile::many_questions(n);
                let model = model::build(&[SourceFile::new("q.yaml", text)]).unwrap();
                Box::new(move || {
                    let source = SourceFile::new("answers.yaml", answers.clone());
                    let answers =
                        Answers::from_source(&model, &source, MissingAnswers::Reject).unwrap();
                    let analysis = engine::analyse(&model, &answers, Method::WeightedSum).unwrap();
                    analysis.sensitivity.answer_flips.len()
                })
            },
        },
        Hostile {
            name: "alternatives: analyse and write --explain",
            sizes: [1_000, 10_000],
            prepare: |n| {
                let text = hostile::many_alternatives(n);
                let model = model::build(&[SourceFile::new("a.yaml", text)]).unwrap();
                let answers = Answers::defaults(&model);
                Box::new(move || {
                    let analysis = engine::analyse(&model, &answers, Method::WeightedSum).unwrap();
                    let advice =
                        pick_stack::report::advice::Advice::new(&model, &answers, &analysis);
                    let mut out = Vec::new();
                    pick_stack::report::write(
                        &mut out,
                        pick_stack::report::Format::Table,
                        &pick_stack::report::Document::Advice {
                            advice: &advice,
                            explain: true,
                        },
                        pick_stack::report::Layout {
                            width: None,
                            color: false,
                        },
                    )
                    .unwrap();
                    out.len()
                })
            },
        },
        Hostile {
            name: "groups of two: analyse (wsm)",
            sizes: [1_000, 10_000],
            prepare: |n| {
                let model =
                    model::build(&[SourceFile::new("g.yaml", hostile::many_groups(n))]).unwrap();
                let answers = Answers::defaults(&model);
                Box::new(move || {
                    let analysis = engine::analyse(&model, &answers, Method::WeightedSum).unwrap();
                    analysis.sensitivity.criteria.len()
                })
            },
        },
        Hostile {
            name: "one group of every criterion: analyse (wsm)",
            sizes: [1_000, 10_000],
            prepare: |n| {
                let model =
                    model::build(&[SourceFile::new("g.yaml", hostile::one_big_group(n))]).unwrap();
                let answers = Answers::defaults(&model);
                Box::new(move || {
                    let analysis = engine::analyse(&model, &answers, Method::WeightedSum).unwrap();
                    analysis.sensitivity.criteria.len()
                })
            },
        },
        Hostile {
            name: "a chain of follow-ups: analyse (unchecked)",
            sizes: [2_000, 20_000],
            prepare: |n| {
                let model = model::build(&[SourceFile::new("c.yaml", hostile::follow_up_chain(n))])
                    .unwrap();
                let answers = Answers::defaults(&model);
                Box::new(move || {
                    let analysis = engine::analyse(&model, &answers, Method::WeightedSum).unwrap();
                    analysis.sensitivity.answers_unchecked
                })
            },
        },
        Hostile {
            name: "a folder of 15 MiB files: refused (files)",
            sizes: [10, 100],
            prepare: |n| {
                let dir = std::env::temp_dir()
                    .join(format!("pick-stack-hostile-{}-{n}", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                for file in 0..n {
                    // Sparse: only its size is there.
                    let file = std::fs::File::create(dir.join(format!("{file:03}.yaml"))).unwrap();
                    file.set_len(15 * 1024 * 1024).unwrap();
                }
                Box::new(move || {
                    let error = model::Model::load(&dir).expect_err("over the total limit");
                    error.count()
                })
            },
        },
        Hostile {
            name: "an unknown key of n characters (message bytes)",
            sizes: [1_000_000, 10_000_000],
            prepare: |n| {
                let model = model::Model::embedded().unwrap();
                let text = hostile::long_key(n);
                Box::new(move || {
                    let source = SourceFile::new("answers.json", text.clone());
                    let error = Answers::from_source(&model, &source, MissingAnswers::Reject)
                        .expect_err("an unknown question");
                    error.to_string().len()
                })
            },
        },
    ];
    for case in &cases {
        let mut works: Vec<Box<dyn FnMut() -> usize>> =
            case.sizes.iter().map(|&n| (case.prepare)(n)).collect();
        let figures: Vec<usize> = works.iter_mut().map(|work| work()).collect();
        let mut timed: Vec<Box<dyn FnMut() + '_>> = works
            .iter_mut()
            .map(|work| {
                Box::new(move || {
                    black_box(work());
                }) as Box<dyn FnMut()>
            })
            .collect();
        let times = interleaved_medians(&mut timed, 5);
        let ratio = times[1].as_secs_f64() / times[0].as_secs_f64();
        println!(
            "{:<44} {:>7} {:>10} {:>10} {:>7.1}x {:>12}",
            case.name,
            case.sizes[0],
            ms(times[0]),
            ms(times[1]),
            ratio,
            format!("{}, {}", figures[0], figures[1])
        );
    }
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("pick-stack-hostile-{}-10", std::process::id())),
    );
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("pick-stack-hostile-{}-100", std::process::id())),
    );
}

/// Every stage at every size, and the growth ratios.
fn stages(files: Files) {
    println!(
        "median ms per stage and file (sensitivity: of the weighted sum's verdict, criteria and answers)"
    );
    if files == Files::Different {
        println!(
            "each timing runs through {DISTINCT_CRITERIA} criteria of different generated files"
        );
    } else {
        println!("each timing runs one generated file per size, over and over");
    }
    println!(
        "{:>9} {:>5} {:>11} {:>10} {:>10} {:>9} {:>9} {:>9} {:>12}",
        "criteria",
        "alts",
        "yaml bytes",
        "load yaml",
        "load json",
        "wsm",
        "wpm",
        "topsis",
        "sensitivity"
    );
    let sizes: Vec<(usize, usize)> = ALTERNATIVES
        .iter()
        .flat_map(|&alternatives| {
            CRITERIA
                .iter()
                .map(move |&criteria| (criteria, alternatives))
        })
        .collect();
    let mut results = Vec::new();
    for (&(criteria, alternatives), (stages, bytes)) in sizes.iter().zip(measure_all(&sizes, files))
    {
        println!(
            "{criteria:>9} {alternatives:>5} {bytes:>11} {:>10} {:>10} {:>9} {:>9} {:>9} {:>12}",
            ms(stages.load_yaml),
            ms(stages.load_json),
            ms(stages.score[0]),
            ms(stages.score[1]),
            ms(stages.score[2]),
            ms(stages.sensitivity)
        );
        results.push((criteria, alternatives, stages));
    }
    println!();
    println!("growth for 10x the criteria (target: at most 12x; * marks a miss)");
    println!(
        "{:>5} {:>15} {:>10} {:>10} {:>8} {:>8} {:>8} {:>12}",
        "alts", "criteria", "load yaml", "load json", "wsm", "wpm", "topsis", "sensitivity"
    );
    for &alternatives in &ALTERNATIVES {
        let row: Vec<&(usize, usize, Stages)> = results
            .iter()
            .filter(|(_, a, _)| *a == alternatives)
            .collect();
        for pair in row.windows(2) {
            let (small, large) = (&pair[0].2, &pair[1].2);
            let ratio = |a: Duration, b: Duration| {
                let ratio = b.as_secs_f64() / a.as_secs_f64();
                let mark = if ratio > 12.0 { "*" } else { " " };
                format!("{ratio:.1}x{mark}")
            };
            println!(
                "{alternatives:>5} {:>15} {:>10} {:>10} {:>8} {:>8} {:>8} {:>12}",
                format!("{} -> {}", pair[0].0, pair[1].0),
                ratio(small.load_yaml, large.load_yaml),
                ratio(small.load_json, large.load_json),
                ratio(small.score[0], large.score[0]),
                ratio(small.score[1], large.score[1]),
                ratio(small.score[2], large.score[2]),
                ratio(small.sensitivity, large.sensitivity)
            );
        }
    }
    let (_, _, largest) = results
        .iter()
        .find(|(c, a, _)| *c == 10_000 && *a == 50)
        .unwrap();
    println!();
    println!("10,000 criteria x 50 alternatives, in memory (target: under 500 ms)");
    for (format, load) in [("yaml", largest.load_yaml), ("json", largest.load_json)] {
        let advise = load + largest.score[0] + largest.sensitivity;
        let every = load + largest.score_all() + largest.sensitivity;
        println!(
            "  {format}: load + score (wsm) + sensitivity = {} ms; with all three methods = {} ms",
            ms(advise),
            ms(every)
        );
    }
}
