//! How sure the verdict is when the weights and scores are not known
//! exactly: stochastic multicriteria acceptability analysis, SMAA-2
//! (Lahdelma & Salminen 2001).
//!
//! Each sample draws a weighting and, for ratings that declare a range,
//! scores within it; every method in use ranks the alternatives under it.
//! Over `N` samples, for alternative `i` and rank `r`:
//!
//! ```text
//! b_i^r = #{samples where i ranks r} / N          rank acceptability
//! w_i^c = mean of the weights of the samples i wins  central weights
//! p_i^c = share of score samples i wins with w_i^c   confidence factor
//! ```
//!
//! Weightings are drawn around the final weights (after answers and
//! groups: the weights the methods use), each multiplied by a factor
//! `e^u`, `u` uniform on `[−ln F, ln F]` (`F` the spread), or uniformly
//! over the simplex of the weighted criteria (normalised exponentials). A
//! criterion with weight 0 stays at 0 either way: no answer brought it
//! into this decision, and weighing it would judge another project.
//!
//! A score an answer replaced is a fact about the project, so it stays
//! exact; a rating's range applies to the file's score only.
//!
//! The methods' totals are linear in a per-criterion weight vector once
//! the scores are fixed (WSM in the shares, WPM in logarithms, TOPSIS's
//! squared distances in the squared shares, its norms and ideals being
//! the scores' alone), so everything that depends on scores only is
//! worked out once, and a sample costs one pass over the weighted
//! criteria; a row with a ranged rating is redone for each sample.

use super::Scenario;
use super::method::{
    Method, TIE_TOLERANCE, product_log_value, sum_value, weighted_sum_tie_tolerance,
};
use crate::magnitude;
use crate::model::{Kind, Model};

/// Samples drawn unless `--samples` says otherwise.
pub const DEFAULT_SAMPLES: usize = 10_000;
/// The default seed: any fixed number makes CI output reproducible.
pub const DEFAULT_SEED: u64 = 17;
/// Each weight varies within ×/÷ this factor by default: twice or half as
/// important as the answers make it is as far as a team's answers are
/// usually off without being wrong.
pub const DEFAULT_SPREAD: f64 = 2.0;
/// The default sample count is lowered so that samples × weighted criteria
/// × (alternatives + 2) stays within this: a sample costs about 8 ns per
/// cell, the cells read from memory, and about as much as two more cells
/// per criterion to draw its weight (BENCHMARKS.md, "Current figures"),
/// so a 10,000 × 50 file samples in about 0.2 s on one thread.
pub const DEFAULT_WORK: usize = 40_000_000;
/// Most score samples a confidence factor is estimated from: its standard
/// error is then at most 1.6 points, finer than the whole percent shown,
/// and the factors (one per method and winning alternative) cost no more
/// than a tenth of the main samples at the default count.
pub const CONFIDENCE_SAMPLES: usize = 1_000;
/// Fewest samples the default count is lowered to.
pub const MIN_DEFAULT_SAMPLES: usize = 100;
/// Share of samples the winner must keep the top in, under every method,
/// for the verdict to be decisive.
pub const DECISIVE_SHARE: f64 = 0.95;
/// Share of samples the winner must keep the top in, under the chosen
/// method, for the verdict to be leaning rather than a close call.
pub const LEANING_SHARE: f64 = 0.5;

/// How far the weights may move.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spread {
    /// Each weight times a factor between `1/F` and `F`, log-uniformly.
    Factor(f64),
    /// Any weighting of the weighted criteria, uniformly over the simplex.
    Any,
}

/// What to sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `None` for the default count, lowered for a large file.
    pub samples: Option<usize>,
    pub seed: u64,
    pub spread: Spread,
    pub methods: Vec<Method>,
    /// Threads to sample on; `None` for as many as the machine offers.
    /// The figures are the same either way.
    pub threads: Option<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            samples: None,
            seed: DEFAULT_SEED,
            spread: Spread::Factor(DEFAULT_SPREAD),
            methods: vec![Method::WeightedSum, Method::WeightedProduct, Method::Topsis],
            threads: None,
        }
    }
}

/// What the samples found.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    pub samples: usize,
    /// The default count this file's size lowered `samples` from.
    pub lowered_from: Option<usize>,
    pub seed: u64,
    pub spread: Spread,
    /// Ratings sampled within a range.
    pub ranged_ratings: usize,
    /// One entry per method used, in the order asked for.
    pub methods: Vec<MethodUncertainty>,
    /// Methods asked for that cannot use these scores (the weighted
    /// product with a score of 0 or less), left out.
    pub left_out: Vec<Method>,
    /// Share of samples in which the verdict's winner is first alone
    /// under every method; `None` without a single winner.
    pub winner_everywhere: Option<f64>,
}

/// One method's figures over the samples.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodUncertainty {
    pub method: Method,
    /// `acceptability[alternative][rank]`, rank 0 being first: the share of
    /// samples in which the alternative holds that rank. Ranks run over
    /// the eligible alternatives; a ruled-out one's row is all 0.
    /// Alternatives level within the tie tolerance share their ranks.
    pub acceptability: Vec<Vec<f64>>,
    /// Per alternative, the share of samples it is first in alone.
    pub wins: Vec<f64>,
    /// Per alternative that wins some sample, the mean of the shares
    /// (criteria order, 0 for an unweighted criterion) of the samples it wins.
    pub central_weights: Vec<Option<Vec<f64>>>,
    /// Per alternative that wins some sample, the share of score samples it
    /// wins with its central weights (1 or 0 when every score is exact).
    pub confidence: Vec<Option<f64>>,
}

impl Uncertainty {
    /// The share of samples in which `alternative` is first alone, the
    /// lowest over the methods.
    pub fn lowest_win_share(&self, alternative: usize) -> f64 {
        self.methods
            .iter()
            .map(|method| method.wins[alternative])
            .fold(1.0, f64::min)
    }

    pub fn method(&self, method: Method) -> Option<&MethodUncertainty> {
        self.methods.iter().find(|entry| entry.method == method)
    }
}

/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64: a
/// small, fast generator with no dependency, and the same stream on every
/// platform.
#[derive(Debug, Clone)]
pub struct Rng {
    state: [u64; 4],
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut mix = seed;
        let mut next = || {
            mix = mix.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = mix;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            state: [next(), next(), next(), next()],
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.state;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// Moves the stream on by 2¹²⁸ draws (the generator's published jump
    /// polynomial): streams a jump apart never overlap.
    pub fn jump(&mut self) {
        const JUMP: [u64; 4] = [
            0x180e_c6d3_3cfd_0aba,
            0xd5a6_1266_f0c9_392c,
            0xa958_2618_e03f_c9aa,
            0x39ab_dc45_29b1_661c,
        ];
        let mut jumped = [0u64; 4];
        for word in JUMP {
            for bit in 0..64 {
                if word & (1u64 << bit) != 0 {
                    for (jumped, state) in jumped.iter_mut().zip(&self.state) {
                        *jumped ^= state;
                    }
                }
                self.next_u64();
            }
        }
        self.state = jumped;
    }

    /// Uniform on `[0, 1)`, 53 bits.
    pub fn unit(&mut self) -> f64 {
        // Below 2⁵³, the value converts exactly either way; through i64 it
        // is one instruction on x86-64 instead of u64's branchy sequence.
        (self.next_u64() >> 11) as i64 as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Exponential with mean 1: `−ln(1 − u)`, `1 − u` being in `(0, 1]`.
    fn exponential(&mut self) -> f64 {
        -(1.0 - self.unit()).ln()
    }
}

/// Samples the model's uncertainty around `scenario`. `None` when fewer
/// than two alternatives are eligible or nothing carries weight: there is
/// nothing to be unsure about.
pub fn analyse(
    model: &Model,
    scenario: &Scenario,
    winner: Option<usize>,
    settings: &Settings,
) -> Option<Uncertainty> {
    analyse_alongside(model, scenario, winner, settings, || ()).0
}

/// [`analyse`], with `alongside` run on the calling thread while other
/// threads begin sampling; the calling thread then joins them. Work that
/// does not need the samples (the sensitivity analysis) so overlaps the
/// sampling instead of adding to it. The figures are the same as
/// [`analyse`]'s: the lanes are a figure of the input, not of who ran them.
pub fn analyse_alongside<R>(
    model: &Model,
    scenario: &Scenario,
    winner: Option<usize>,
    settings: &Settings,
    alongside: impl FnOnce() -> R,
) -> (Option<Uncertainty>, R) {
    let eligible: Vec<usize> = (0..model.alternatives.len())
        .filter(|&alternative| scenario.is_eligible(alternative))
        .collect();
    let weighted: Vec<usize> = (0..scenario.weights.len())
        .filter(|&criterion| scenario.weights[criterion] > 0.0)
        .collect();
    if eligible.len() < 2 || weighted.is_empty() {
        return (None, alongside());
    }
    let base_shares = {
        let all = super::method::shares(&scenario.weights);
        weighted.iter().map(|&criterion| all[criterion]).collect()
    };
    let prepared = Prepared::new(model, scenario, &weighted, &eligible, base_shares);
    let (methods, left_out): (Vec<Method>, Vec<Method>) = settings
        .methods
        .iter()
        .partition(|&&method| method != Method::WeightedProduct || prepared.positive);
    // Only a forced weighted product with a range reaching 0 gets here:
    // the verdict itself stands on exact scores above 0.
    if methods.is_empty() {
        return (None, alongside());
    }
    let cells = weighted.len() * (eligible.len() + 2);
    let (samples, lowered_from) = match settings.samples {
        Some(samples) => (samples, None),
        None => {
            let affordable = (DEFAULT_WORK / cells.max(1)).max(MIN_DEFAULT_SAMPLES);
            if affordable < DEFAULT_SAMPLES {
                (affordable, Some(DEFAULT_SAMPLES))
            } else {
                (DEFAULT_SAMPLES, None)
            }
        }
    };
    let winner = winner.and_then(|winner| eligible.iter().position(|&e| e == winner));
    let lanes = lane_count(samples, &prepared, methods.len());
    let (mut run, beside) = sample_lanes(
        &prepared,
        &methods,
        settings,
        winner,
        samples,
        lanes,
        settings
            .threads
            .unwrap_or_else(|| thread_count(lanes))
            .clamp(1, lanes),
        alongside,
    );
    let share = |count: f64| {
        if samples > 0 {
            count / samples as f64
        } else {
            0.0
        }
    };
    // Every (method, winning alternative) with its central weights, then
    // their confidence factors from one run of score samples.
    let mut entries = Vec::new();
    for (index, &method) in methods.iter().enumerate() {
        for position in 0..eligible.len() {
            let won = run.wins[index][position];
            if won > 0 {
                let central = run.central[index][position]
                    .iter()
                    .map(|sum| sum / won as f64)
                    .collect();
                entries.push((method, position, central));
            }
        }
    }
    let confidences = prepared.confidences(
        &entries,
        samples,
        &mut Rng::new(settings.seed ^ 0x5EED_C0DE),
        &mut run.buffers,
    );
    let alternatives = model.alternatives.len();
    let mut method_figures: Vec<MethodUncertainty> = methods
        .iter()
        .enumerate()
        .map(|(index, &method)| {
            let mut acceptability = vec![vec![0.0; eligible.len()]; alternatives];
            let mut wins = vec![0.0; alternatives];
            for (position, &alternative) in eligible.iter().enumerate() {
                for (rank, &count) in run.ranks[index][position].iter().enumerate() {
                    acceptability[alternative][rank] = share(count);
                }
                wins[alternative] = share(run.wins[index][position] as f64);
            }
            MethodUncertainty {
                method,
                acceptability,
                wins,
                central_weights: vec![None; alternatives],
                confidence: vec![None; alternatives],
            }
        })
        .collect();
    for ((method, position, central), confidence) in entries.into_iter().zip(confidences) {
        let figures = method_figures
            .iter_mut()
            .find(|figures| figures.method == method)
            .expect("an entry per method used");
        let alternative = eligible[position];
        let mut full = vec![0.0; scenario.weights.len()];
        for (&criterion, weight) in weighted.iter().zip(central) {
            full[criterion] = weight;
        }
        figures.central_weights[alternative] = Some(full);
        figures.confidence[alternative] = Some(confidence);
    }
    let uncertainty = Uncertainty {
        samples,
        lowered_from,
        seed: settings.seed,
        spread: settings.spread,
        ranged_ratings: prepared.ranged.iter().map(|row| row.cells.len()).sum(),
        methods: method_figures,
        left_out,
        winner_everywhere: winner.map(|_| share(run.everywhere as f64)),
    };
    (Some(uncertainty), beside)
}

/// How a sample's weights are drawn for a [`Spread`].
enum WeightDraw {
    /// A factor `e^(r(2u − 1))` with `r = ln F` at most [`TABLE_REACH`]:
    /// `u`'s top bits pick one of [`BINS`] bins whose factor at its lower
    /// edge is in `factors`, and the rest of `u` moves within the bin by
    /// `e^(step × fraction)`, which a short series gives to 1e-14. The
    /// sampling's hottest line then costs a table read and five
    /// multiplications instead of a call to `exp`.
    Table {
        factors: Box<[f64; BINS]>,
        step: f64,
    },
    /// A wider spread: each weight's logarithm, through `exp`.
    Wide { reach: f64 },
    /// Uniformly over the simplex: normalised exponentials.
    Simplex,
}

const BIN_BITS: u32 = 11;
const BINS: usize = 1 << BIN_BITS;
/// The 53 − [`BIN_BITS`] bits of `u` below the bin's.
const FRACTION_MASK: u64 = (1 << (53 - BIN_BITS)) - 1;
const FRACTION_UNIT: f64 = 1.0 / (1u64 << (53 - BIN_BITS)) as f64;
/// Widest reach, `ln F`, drawn from the table: a bin's step is then at
/// most 2 × 16 / 2,048 = 1/64, where [`exp_small`]'s series is within
/// 1e-14, and no factor exceeds e¹⁶, so no sum of weights overflows.
const TABLE_REACH: f64 = 16.0;

impl WeightDraw {
    fn new(spread: Spread) -> Self {
        match spread {
            Spread::Factor(factor) if factor.ln() <= TABLE_REACH => {
                let reach = factor.ln();
                let step = 2.0 * reach / BINS as f64;
                WeightDraw::Table {
                    factors: Box::new(std::array::from_fn(|bin| (step * bin as f64 - reach).exp())),
                    step,
                }
            }
            Spread::Factor(factor) => WeightDraw::Wide { reach: factor.ln() },
            Spread::Any => WeightDraw::Simplex,
        }
    }
}

/// `e^x` for `0 ≤ x ≤ 1/64`: the series to x⁵, whose remainder x⁶/720
/// is below 1e-14 there.
fn exp_small(x: f64) -> f64 {
    1.0 + x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0)))))
}

/// Samples per lane below which a lane is not worth its own stream.
const LANE_SAMPLES: usize = 1_000;
/// Cells a lane works through (samples × weighted criteria × (eligible
/// alternatives + 2)), above which a large file's few samples are still
/// worth splitting: at 10,000 × 50 the default 101 samples are 40 M cells,
/// 0.1 s or more on one thread.
const LANE_WORK: usize = 4_000_000;
/// Most lanes: as many threads as a sampling run can use.
const MAX_LANES: usize = 8;
/// Most bytes the lanes' central-weight sums may take together.
const LANE_MEMORY: usize = 32 << 20;

/// How many lanes the samples are split into: a figure of the input
/// alone (the sample count and the file's size), never of the machine,
/// so that a seed gives the same figures on every machine.
fn lane_count(samples: usize, prepared: &Prepared, methods: usize) -> usize {
    // Each method's central-weight sums, and those of the samples every
    // method agrees on.
    let central_bytes = (methods + 1) * prepared.alternatives * prepared.rows() * 8;
    let cells = prepared.rows() * (prepared.alternatives + 2);
    (samples / LANE_SAMPLES)
        .max(samples.saturating_mul(cells) / LANE_WORK)
        .min(samples)
        .min(MAX_LANES)
        .min(LANE_MEMORY / central_bytes.max(1))
        .max(1)
}

/// Threads to run `lanes` lanes on: what the machine offers, at most one
/// a lane.
fn thread_count(lanes: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(lanes)
}

/// The samples in `lanes` lanes, lane `i` drawing from the seed's stream
/// jumped `i` times (2¹²⁸ draws apart, so the lanes never overlap), run on
/// `threads` threads and added up in lane order: the figures depend on
/// the lanes, not on the threads that ran them. The calling thread runs
/// `alongside` before it takes a lane.
#[allow(clippy::too_many_arguments)]
fn sample_lanes<R>(
    prepared: &Prepared,
    methods: &[Method],
    settings: &Settings,
    winner: Option<usize>,
    samples: usize,
    lanes: usize,
    threads: usize,
    alongside: impl FnOnce() -> R,
) -> (Run, R) {
    let mut stream = Rng::new(settings.seed);
    let lanes: Vec<(usize, Rng)> = (0..lanes)
        .map(|lane| {
            let rng = stream.clone();
            stream.jump();
            (samples / lanes + usize::from(lane < samples % lanes), rng)
        })
        .collect();
    let draw = WeightDraw::new(settings.spread);
    let run_lane = |(count, mut rng): (usize, Rng)| {
        let mut run = Run::new(prepared, methods);
        run.sample(prepared, methods, &draw, winner, count, &mut rng);
        run
    };
    // Each thread takes the next lane not yet taken, the calling thread
    // first: a thread the system is slow to start takes fewer lanes or
    // none, and the run never waits for it to begin. Each lane's counts
    // go to its own slot, so the sum below is in lane order whatever ran
    // which lane.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Run>>> =
        lanes.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let work = || {
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(lane) = lanes.get(index).cloned() else {
                break;
            };
            let run = run_lane(lane);
            *slots[index]
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(run);
        }
    };
    let beside = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let beside = alongside();
        work();
        for helper in helpers {
            helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        beside
    });
    let runs: Vec<Option<Run>> = slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        })
        .collect();
    let mut runs = runs.into_iter().flatten();
    let mut total = runs.next().expect("at least one lane");
    for run in runs {
        total.absorb(run);
    }
    (total, beside)
}

/// Adds `values` to `sums`, which start at zero when first used.
fn add_to(sums: &mut Vec<f64>, values: &[f64]) {
    if sums.is_empty() {
        sums.resize(values.len(), 0.0);
    }
    for (sum, value) in sums.iter_mut().zip(values) {
        *sum += value;
    }
}

/// One alternative's total under `method` from its sums, higher better.
fn total(method: Method, sum: &Cell) -> f64 {
    match method {
        Method::WeightedSum => sum[0],
        // In logarithms: a difference there is the totals' ratio.
        Method::WeightedProduct => sum[1],
        Method::Topsis => {
            let (plus, minus) = (sum[2].max(0.0).sqrt(), sum[3].max(0.0).sqrt());
            if plus + minus > 0.0 {
                minus / (plus + minus)
            } else {
                0.5
            }
        }
    }
}

/// A score as the weighted product sums it, in logarithms; 0 for a score
/// of 0 or less, where the weighted product is not used.
fn log_value(score: f64, kind: Kind) -> f64 {
    if score > 0.0 {
        product_log_value(score, kind)
    } else {
        0.0
    }
}

/// Everything about the scores that no weighting changes, for the
/// weighted criteria (rows) and the eligible alternatives.
struct Prepared {
    alternatives: usize,
    base_shares: Vec<f64>,
    /// `ln` of each base share, where the spread's factors are applied.
    log_base_shares: Vec<f64>,
    kinds: Vec<Kind>,
    mirror: f64,
    /// Within how much two weighted sums are level: the verdict's
    /// tolerance, rounding allowance included.
    sum_tolerance: f64,
    /// The scores, row by row, for the rows redone with ranged ratings.
    scores: Vec<f64>,
    /// Per cell, alternative by alternative (`position × rows + row`):
    /// the score as each method uses it, `[WSM value, WPM log value,
    /// TOPSIS squared distance to the ideal, to the anti-ideal]`. One
    /// alternative's total is then one pass over a contiguous stream,
    /// four figures at a time, into accumulators that stay in registers.
    values: Vec<Cell>,
    /// The power of two that brings the scale's ends near 1, for norms.
    unit: f64,
    ranged: Vec<RangedRow>,
    /// Every weighted score, and every range, above 0: the weighted
    /// product can use them.
    positive: bool,
    /// With exactly two eligible alternatives, the usual contest, the
    /// rows as the pair's sampler reads them.
    pair: Option<Pair>,
}

/// A two-alternative problem as [`Run::sample`] reads it.
struct Pair {
    /// See [`Prepared::pair_cells`].
    cells: Vec<PairCell>,
    /// The ranged rows, with what a draw needs at hand.
    ranged: Vec<PairRow>,
}

/// A ranged row of a pair.
struct PairRow {
    row: usize,
    kind: Kind,
    /// The file's scores, and the row's cells on them.
    scores: [f64; 2],
    old: PairCell,
    /// The first `draws` of (position, low, high − low), in the order
    /// [`RangedRow::cells`] draws them.
    cells: [(usize, f64, f64); 2],
    draws: usize,
}

/// A weighted criterion with ratings sampled within their ranges.
struct RangedRow {
    /// Index among the weighted criteria.
    row: usize,
    /// (position among the eligible alternatives, low, high).
    cells: Vec<(usize, f64, f64)>,
    /// Of the row's other cells, whose scores stay: the sum of their
    /// squares (brought near 1 by the scale's unit), and their highest and
    /// lowest score. A draw then adds only its own cells to the norm and
    /// the ideal points.
    fixed_squares: f64,
    fixed_highest: f64,
    fixed_lowest: f64,
}

/// One cell's four figures (see [`Prepared::values`]).
type Cell = [f64; 4];

/// One row of a pair, or a pair's sums (see [`Prepared::pair_cells`]).
type PairCell = [f64; 6];

/// What multiplies each figure of a [`PairCell`]: the share, or for the
/// TOPSIS distances its square.
fn pair_factors(share: f64) -> PairCell {
    let square = share * share;
    [share, share, share, share, square, square]
}

impl Prepared {
    fn new(
        model: &Model,
        scenario: &Scenario,
        weighted: &[usize],
        eligible: &[usize],
        base_shares: Vec<f64>,
    ) -> Self {
        let alternatives = eligible.len();
        let rows = weighted.len();
        let mut prepared = Prepared {
            alternatives,
            log_base_shares: base_shares.iter().map(|share| share.ln()).collect(),
            base_shares,
            kinds: weighted.iter().map(|&c| model.kinds[c]).collect(),
            mirror: model.scale.min + model.scale.max,
            sum_tolerance: weighted_sum_tie_tolerance(model),
            scores: Vec::with_capacity(rows * alternatives),
            values: vec![[0.0; 4]; rows * alternatives],
            unit: magnitude::unit([model.scale.min, model.scale.max]),
            ranged: Vec::new(),
            positive: true,
            pair: None,
        };
        let mut ranges = model.ranges.iter().peekable();
        let mut values = Vec::new();
        for (row, &criterion) in weighted.iter().enumerate() {
            let scores = &scenario.scores[criterion];
            prepared
                .scores
                .extend(eligible.iter().map(|&alternative| scores[alternative]));
            let start = row * alternatives;
            values.clear();
            prepared.row_values(row, &prepared.scores[start..], &mut values);
            for (position, cell) in values.iter().enumerate() {
                prepared.values[position * rows + row] = *cell;
            }
            prepared.positive &= prepared.scores[start..].iter().all(|&score| score > 0.0);
            while ranges
                .next_if(|range| range.criterion < criterion)
                .is_some()
            {}
            let mut cells = Vec::new();
            while let Some(range) = ranges.next_if(|range| range.criterion == criterion) {
                let Some(position) = eligible.iter().position(|&e| e == range.alternative) else {
                    continue;
                };
                // An answer that replaced the score stated a fact.
                if scores[range.alternative] != model.scores[criterion][range.alternative] {
                    continue;
                }
                if range.low < range.high {
                    prepared.positive &= range.low > 0.0;
                    cells.push((position, range.low, range.high));
                }
            }
            if !cells.is_empty() {
                let mut ranged = RangedRow {
                    row,
                    cells,
                    fixed_squares: 0.0,
                    fixed_highest: f64::NEG_INFINITY,
                    fixed_lowest: f64::INFINITY,
                };
                for (position, &score) in prepared.scores[start..].iter().enumerate() {
                    if ranged.cells.iter().all(|&(drawn, ..)| drawn != position) {
                        ranged.fixed_squares += (score * prepared.unit).powi(2);
                        ranged.fixed_highest = ranged.fixed_highest.max(score);
                        ranged.fixed_lowest = ranged.fixed_lowest.min(score);
                    }
                }
                prepared.ranged.push(ranged);
            }
        }
        // A rating has at most one range, so a pair's ranged row draws each
        // of its two cells at most once; a model built otherwise (two
        // ranges on one rating) takes the general path.
        let one_draw_a_cell = |row: &RangedRow| match row.cells[..] {
            [_] => true,
            [(first, ..), (second, ..)] => first != second,
            _ => false,
        };
        if alternatives == 2 && prepared.ranged.iter().all(one_draw_a_cell) {
            prepared.pair = Some(Pair {
                cells: prepared.pair_cells(),
                ranged: prepared.pair_rows(),
            });
        }
        prepared
    }

    /// Per row, what a contest of two alternatives needs: `[the first's
    /// WSM value, the second's, the first's WPM log value, the second's,
    /// the first's TOPSIS squared distance to the ideal, to the
    /// anti-ideal]`. With two alternatives one of them is the ideal and
    /// the other the anti-ideal, so the second's squared distances are the
    /// first's swapped, bit for bit. A sample then takes six sums instead
    /// of eight, in the same order as [`Prepared::score`], and the same
    /// figures follow.
    fn pair_cells(&self) -> Vec<PairCell> {
        (0..self.rows())
            .map(|row| self.pair_cells_of(row))
            .collect()
    }

    /// The ranged rows of a pair ([`PairRow`]).
    fn pair_rows(&self) -> Vec<PairRow> {
        self.ranged
            .iter()
            .map(|ranged| {
                let row = ranged.row;
                let mut cells = [(0, 0.0, 0.0); 2];
                for (cell, &(position, low, high)) in cells.iter_mut().zip(&ranged.cells) {
                    *cell = (position, low, high - low);
                }
                PairRow {
                    row,
                    kind: self.kinds[row],
                    scores: [self.scores[2 * row], self.scores[2 * row + 1]],
                    old: self.pair_cells_of(row),
                    cells,
                    draws: ranged.cells.len(),
                }
            })
            .collect()
    }

    /// One row of [`Prepared::pair_cells`].
    fn pair_cells_of(&self, row: usize) -> PairCell {
        let rows = self.rows();
        let (first, second) = (self.values[row], self.values[rows + row]);
        [first[0], second[0], first[1], second[1], first[2], first[3]]
    }

    /// The six sums of [`Prepared::pair_cells`] for `shares`, the ranged
    /// rows drawn from `rng` (their changes into `drawn`) as
    /// [`Prepared::draw_ranged`] draws them.
    fn pair_sums(
        &self,
        pair: &Pair,
        shares: &[f64],
        rng: &mut Rng,
        drawn: &mut Vec<PairCell>,
    ) -> PairCell {
        let mut sums = self.pair_exact_sums(&pair.cells, shares);
        if !pair.ranged.is_empty() {
            self.draw_pair_ranged(pair, rng, drawn);
            self.add_pair_drawn(pair, shares, drawn, &mut sums);
        }
        sums
    }

    /// The sums on the file's scores, as [`Prepared::score`] adds them.
    fn pair_exact_sums(&self, cells: &[PairCell], shares: &[f64]) -> PairCell {
        let rows = self.rows();
        let shares = &shares[..rows];
        let factors = pair_factors;
        let (mut even, mut odd) = ([0.0; 6], [0.0; 6]);
        for (cell, share) in cells.chunks_exact(2).zip(shares.chunks_exact(2)) {
            let first = factors(share[0]);
            for k in 0..6 {
                even[k] += first[k] * cell[0][k];
            }
            let second = factors(share[1]);
            for k in 0..6 {
                odd[k] += second[k] * cell[1][k];
            }
        }
        if rows % 2 == 1 {
            let last = factors(shares[rows - 1]);
            for k in 0..6 {
                even[k] += last[k] * cells[rows - 1][k];
            }
        }
        std::array::from_fn(|k| even[k] + odd[k])
    }

    /// Which of a pair is first alone under `method`, from the sums of
    /// [`Prepared::pair_sums`]: [`Run::rank`]'s order (the second first
    /// only when strictly higher) and tie, on the same totals.
    fn pair_first(&self, method: Method, sums: &PairCell) -> Option<usize> {
        let [first, second] = match method {
            Method::WeightedSum => [sums[0], sums[1]],
            // In logarithms: a difference there is the totals' ratio.
            Method::WeightedProduct => [sums[2], sums[3]],
            Method::Topsis => {
                let (to_ideal, to_anti_ideal) = (sums[4], sums[5]);
                [
                    total(method, &[0.0, 0.0, to_ideal, to_anti_ideal]),
                    total(method, &[0.0, 0.0, to_anti_ideal, to_ideal]),
                ]
            }
        };
        let (head, other, leader) = if second.total_cmp(&first).is_gt() {
            (second, first, 1)
        } else {
            (first, second, 0)
        };
        (head - other > self.tolerance(method)).then_some(leader)
    }

    /// Draws the ranged rows of a pair into `drawn`, per ranged row how its
    /// figures move from the file's: the same draws, in the same order,
    /// and the same figures as [`Prepared::draw_ranged`].
    fn draw_pair_ranged(&self, pair: &Pair, rng: &mut Rng, drawn: &mut Vec<PairCell>) {
        drawn.clear();
        for ranged in &pair.ranged {
            let (kind, old) = (ranged.kind, &ranged.old);
            let mut scores = ranged.scores;
            let mut moved = [0.0; 6];
            for &(position, low, width) in &ranged.cells[..ranged.draws] {
                let score = low + width * rng.unit();
                scores[position] = score;
                moved[position] = sum_value(score, kind, self.mirror) - old[position];
                moved[2 + position] = log_value(score, kind) - old[2 + position];
            }
            let norm = self.norm(&scores);
            let normalised = |score: f64| if norm > 0.0 { score / norm } else { 0.0 };
            let gap = (normalised(scores[0]) - normalised(scores[1])).powi(2);
            // The first is the ideal when it leads the row, the anti-ideal
            // when it trails, and both when they are level.
            let first_leads = match kind {
                Kind::Benefit => scores[0] > scores[1],
                Kind::Cost => scores[0] < scores[1],
            };
            let (to_ideal, to_anti_ideal) = if first_leads { (0.0, gap) } else { (gap, 0.0) };
            moved[4] = to_ideal - old[4];
            moved[5] = to_anti_ideal - old[5];
            drawn.push(moved);
        }
    }

    /// Adds the changes of [`Prepared::draw_pair_ranged`], weighted, to
    /// `sums`, as [`Prepared::add_ranged`] does.
    fn add_pair_drawn(&self, pair: &Pair, shares: &[f64], drawn: &[PairCell], sums: &mut PairCell) {
        for (ranged, moved) in pair.ranged.iter().zip(drawn) {
            let factors = pair_factors(shares[ranged.row]);
            for k in 0..6 {
                sums[k] += factors[k] * moved[k];
            }
        }
    }

    fn rows(&self) -> usize {
        self.base_shares.len()
    }

    /// The Euclidean norm of a row's scores, as TOPSIS divides by it.
    /// Scores lie on the scale: brought near 1 by its power of two, their
    /// squares cannot overflow, and the norm is exact otherwise.
    fn norm(&self, scores: &[f64]) -> f64 {
        scores
            .iter()
            .map(|score| (score * self.unit).powi(2))
            .sum::<f64>()
            .sqrt()
            / self.unit
    }

    /// Appends one row's cells for each method, from its scores.
    fn row_values(&self, row: usize, scores: &[f64], values: &mut Vec<Cell>) {
        let scores = &scores[..self.alternatives];
        let kind = self.kinds[row];
        let norm = self.norm(scores);
        let normalised = |score: f64| if norm > 0.0 { score / norm } else { 0.0 };
        let (mut highest, mut lowest) = (f64::NEG_INFINITY, f64::INFINITY);
        for &score in scores {
            highest = highest.max(normalised(score));
            lowest = lowest.min(normalised(score));
        }
        let (ideal, anti_ideal) = match kind {
            Kind::Benefit => (highest, lowest),
            Kind::Cost => (lowest, highest),
        };
        values.extend(scores.iter().map(|&score| {
            let value = normalised(score);
            [
                sum_value(score, kind, self.mirror),
                log_value(score, kind),
                (value - ideal).powi(2),
                (value - anti_ideal).powi(2),
            ]
        }));
    }

    /// Draws a weighting of the weighted criteria into `shares` (sum 1).
    fn draw_weights(&self, draw: &WeightDraw, rng: &mut Rng, shares: &mut [f64]) {
        let sum = match draw {
            WeightDraw::Table { factors, step } => {
                // Summed as drawn, in the same order as a pass afterwards.
                let mut sum = 0.0;
                for (share, base) in shares.iter_mut().zip(&self.base_shares) {
                    // u = (bin + fraction) / BINS, its top bits the bin.
                    let bits = rng.next_u64();
                    let bin = (bits >> (64 - BIN_BITS)) as usize;
                    let fraction = ((bits >> 11) & FRACTION_MASK) as i64 as f64 * FRACTION_UNIT;
                    *share = base * factors[bin] * exp_small(step * fraction);
                    sum += *share;
                }
                sum
            }
            // In logarithms, shifted so that the largest is 0: `exp` then
            // cannot overflow however wide the spread, and the shift
            // cancels in the normalisation below.
            WeightDraw::Wide { reach } => {
                let mut top = f64::NEG_INFINITY;
                for (share, log_base) in shares.iter_mut().zip(&self.log_base_shares) {
                    *share = log_base + reach * (2.0 * rng.unit() - 1.0);
                    top = top.max(*share);
                }
                for share in shares.iter_mut() {
                    *share = (*share - top).exp();
                }
                shares.iter().sum::<f64>()
            }
            WeightDraw::Simplex => {
                for share in shares.iter_mut() {
                    *share = rng.exponential();
                }
                shares.iter().sum::<f64>()
            }
        };
        let scale = 1.0 / sum;
        for share in shares.iter_mut() {
            *share *= scale;
        }
    }

    /// Every method's sums for `shares`, on the file's scores.
    fn score(&self, shares: &[f64], buffers: &mut Buffers) {
        let rows = self.rows();
        let shares = &shares[..rows];
        buffers.sums.clear();
        buffers
            .sums
            .extend(self.values.chunks_exact(rows).map(|cells| {
                // Each figure's factor is the share, or its square for
                // TOPSIS. Two accumulators, even and odd rows, halve the
                // chain of additions each waits on.
                let (mut even, mut odd) = ([0.0; 4], [0.0; 4]);
                for (cell, share) in cells.chunks_exact(2).zip(shares.chunks_exact(2)) {
                    let (first, second) = (share[0], share[1]);
                    let factors = [first, first, first * first, first * first];
                    for k in 0..4 {
                        even[k] += factors[k] * cell[0][k];
                    }
                    let factors = [second, second, second * second, second * second];
                    for k in 0..4 {
                        odd[k] += factors[k] * cell[1][k];
                    }
                }
                if rows % 2 == 1 {
                    let (cell, share) = (cells[rows - 1], shares[rows - 1]);
                    let factors = [share, share, share * share, share * share];
                    for k in 0..4 {
                        even[k] += factors[k] * cell[k];
                    }
                }
                std::array::from_fn(|k| even[k] + odd[k])
            }));
    }

    /// Draws the ranged scores: into `buffers.deltas`, per ranged row and
    /// alternative, how each figure moves from the file's scores. Only the
    /// drawn cells' own figures change for the weighted sum and product;
    /// TOPSIS's change in every cell of the row, with its norm and ideal
    /// points.
    fn draw_ranged(&self, rng: &mut Rng, buffers: &mut Buffers) {
        let (n, rows) = (self.alternatives, self.rows());
        buffers.deltas.resize(self.ranged.len() * n, [0.0; 4]);
        buffers.row.resize(n, 0.0);
        for (ranged, deltas) in self.ranged.iter().zip(buffers.deltas.chunks_exact_mut(n)) {
            let kind = self.kinds[ranged.row];
            let row = &mut buffers.row[..n];
            row.copy_from_slice(&self.scores[ranged.row * n..][..n]);
            let mut squares = ranged.fixed_squares;
            let (mut highest, mut lowest) = (ranged.fixed_highest, ranged.fixed_lowest);
            for &(position, low, high) in &ranged.cells {
                let score = low + (high - low) * rng.unit();
                row[position] = score;
                squares += (score * self.unit).powi(2);
                highest = highest.max(score);
                lowest = lowest.min(score);
            }
            // As in `row_values`; dividing by a positive norm keeps the
            // order, so the ideal points are the extreme scores' values.
            let norm = squares.sqrt() / self.unit;
            let normalised = |score: f64| if norm > 0.0 { score / norm } else { 0.0 };
            let (ideal, anti_ideal) = match kind {
                Kind::Benefit => (normalised(highest), normalised(lowest)),
                Kind::Cost => (normalised(lowest), normalised(highest)),
            };
            for (position, (delta, &score)) in deltas.iter_mut().zip(row.iter()).enumerate() {
                let old = &self.values[position * rows + ranged.row];
                let value = normalised(score);
                *delta = [
                    0.0,
                    0.0,
                    (value - ideal).powi(2) - old[2],
                    (value - anti_ideal).powi(2) - old[3],
                ];
            }
            for &(position, ..) in &ranged.cells {
                let old = &self.values[position * rows + ranged.row];
                let score = row[position];
                deltas[position][0] = sum_value(score, kind, self.mirror) - old[0];
                deltas[position][1] = log_value(score, kind) - old[1];
            }
        }
    }

    /// Moves the sums of [`Prepared::score`] for `shares` by the drawn
    /// [`Prepared::draw_ranged`].
    fn add_ranged(&self, shares: &[f64], buffers: &mut Buffers) {
        let n = self.alternatives;
        for (ranged, deltas) in self.ranged.iter().zip(buffers.deltas.chunks_exact(n)) {
            let share = shares[ranged.row];
            let factors = [share, share, share * share, share * share];
            for (sum, delta) in buffers.sums.iter_mut().zip(deltas) {
                for k in 0..4 {
                    sum[k] += factors[k] * delta[k];
                }
            }
        }
    }

    /// The totals of `method` from the sums, higher better, and the
    /// tolerance within which two are level.
    fn totals(&self, method: Method, buffers: &mut Buffers) -> f64 {
        buffers.totals.clear();
        buffers
            .totals
            .extend(buffers.sums.iter().map(|sum| total(method, sum)));
        self.tolerance(method)
    }

    /// Within how much two totals of `method` are level.
    fn tolerance(&self, method: Method) -> f64 {
        match method {
            Method::WeightedSum => self.sum_tolerance,
            // In logarithms: a difference there is the totals' ratio.
            Method::WeightedProduct | Method::Topsis => TIE_TOLERANCE,
        }
    }

    /// Whether `position` is first alone in the totals of `method`.
    fn first_alone(&self, method: Method, position: usize, buffers: &mut Buffers) -> bool {
        let tolerance = self.totals(method, buffers);
        let best = buffers.totals[position];
        buffers
            .totals
            .iter()
            .enumerate()
            .all(|(j, &total)| j == position || best - total > tolerance)
    }

    /// For each (method, alternative's position, its central weights), the
    /// share of score samples, `samples` but at most
    /// [`CONFIDENCE_SAMPLES`], in which it is first alone under the
    /// method with those weights; one evaluation when every score is
    /// exact. Every entry sees the same score samples, so the ranged rows
    /// are redone once a sample, not once an entry.
    fn confidences(
        &self,
        entries: &[(Method, usize, Vec<f64>)],
        samples: usize,
        rng: &mut Rng,
        buffers: &mut Buffers,
    ) -> Vec<f64> {
        if let Some(pair) = &self.pair {
            return self.pair_confidences(pair, entries, samples, rng);
        }
        // The weights are fixed: only the ranged rows change.
        let exact: Vec<Vec<Cell>> = entries
            .iter()
            .map(|(_, _, shares)| {
                self.score(shares, buffers);
                buffers.sums.clone()
            })
            .collect();
        if self.ranged.is_empty() {
            return entries
                .iter()
                .zip(&exact)
                .map(|((method, position, _), sums)| {
                    buffers.sums.clone_from(sums);
                    f64::from(u8::from(self.first_alone(*method, *position, buffers)))
                })
                .collect();
        }
        let draws = samples.clamp(1, CONFIDENCE_SAMPLES);
        let mut won = vec![0usize; entries.len()];
        for _ in 0..draws {
            self.draw_ranged(rng, buffers);
            for (((method, position, shares), sums), won) in
                entries.iter().zip(&exact).zip(&mut won)
            {
                buffers.sums.clone_from(sums);
                self.add_ranged(shares, buffers);
                *won += usize::from(self.first_alone(*method, *position, buffers));
            }
        }
        won.into_iter()
            .map(|won| won as f64 / draws as f64)
            .collect()
    }
}

impl Prepared {
    /// [`Prepared::confidences`] for a pair ([`Prepared::pair_cells`]):
    /// the same score samples and the same figures.
    fn pair_confidences(
        &self,
        pair: &Pair,
        entries: &[(Method, usize, Vec<f64>)],
        samples: usize,
        rng: &mut Rng,
    ) -> Vec<f64> {
        let exact: Vec<PairCell> = entries
            .iter()
            .map(|(_, _, shares)| self.pair_exact_sums(&pair.cells, shares))
            .collect();
        let first_alone = |(method, position, _): &(Method, usize, Vec<f64>), sums: &PairCell| {
            self.pair_first(*method, sums) == Some(*position)
        };
        if pair.ranged.is_empty() {
            return entries
                .iter()
                .zip(&exact)
                .map(|(entry, sums)| f64::from(u8::from(first_alone(entry, sums))))
                .collect();
        }
        let draws = samples.clamp(1, CONFIDENCE_SAMPLES);
        let mut won = vec![0usize; entries.len()];
        let mut drawn = Vec::with_capacity(self.ranged.len());
        for _ in 0..draws {
            self.draw_pair_ranged(pair, rng, &mut drawn);
            for ((entry, exact), won) in entries.iter().zip(&exact).zip(&mut won) {
                let mut sums = *exact;
                self.add_pair_drawn(pair, &entry.2, &drawn, &mut sums);
                *won += usize::from(first_alone(entry, &sums));
            }
        }
        won.into_iter()
            .map(|won| won as f64 / draws as f64)
            .collect()
    }
}

#[derive(Default)]
struct Buffers {
    /// Per alternative, the four sums of [`Prepared::values`] weighted.
    sums: Vec<Cell>,
    /// Per ranged row and alternative, the drawn scores' change to each figure.
    deltas: Vec<Cell>,
    totals: Vec<f64>,
    order: Vec<usize>,
    row: Vec<f64>,
}

/// Counts kept while sampling, per method (in the order used) and
/// eligible alternative.
struct Run {
    ranks: Vec<Vec<Vec<f64>>>,
    wins: Vec<Vec<usize>>,
    central: Vec<Vec<Vec<f64>>>,
    /// Samples in which the verdict's winner is first alone under every
    /// method.
    everywhere: usize,
    buffers: Buffers,
}

impl Run {
    fn new(prepared: &Prepared, methods: &[Method]) -> Self {
        let n = prepared.alternatives;
        Run {
            ranks: vec![vec![vec![0.0; n]; n]; methods.len()],
            wins: vec![vec![0; n]; methods.len()],
            // Allocated for an alternative when it first comes first: in a
            // large file few of its alternatives ever do.
            central: vec![vec![Vec::new(); n]; methods.len()],
            everywhere: 0,
            buffers: Buffers::default(),
        }
    }

    /// Draws `samples` samples from `rng` and counts what each method
    /// makes of them. A pair ([`Prepared::pair_cells`]) takes its own
    /// sums, with the same draws and figures, and keeps its ranks as whole
    /// numbers (first, second, level) credited at the end, where adding
    /// halves one sample at a time would give the same figures.
    fn sample(
        &mut self,
        prepared: &Prepared,
        methods: &[Method],
        draw: &WeightDraw,
        winner: Option<usize>,
        samples: usize,
        rng: &mut Rng,
    ) {
        let mut shares = vec![0.0; prepared.rows()];
        // The weights of the samples in which every method puts the same
        // alternative first alone, the usual case: added once, not once a
        // method, and to each method's central weights at the end.
        let mut agreed: Vec<Vec<f64>> = vec![Vec::new(); prepared.alternatives];
        let mut firsts = vec![None; methods.len()];
        // A pair's samples per method with the first alone on top, the
        // second, neither.
        let mut tallies = vec![[0usize; 3]; methods.len()];
        let mut drawn = Vec::with_capacity(prepared.ranged.len());
        for _ in 0..samples {
            prepared.draw_weights(draw, rng, &mut shares);
            if let Some(pair) = &prepared.pair {
                let sums = prepared.pair_sums(pair, &shares, rng, &mut drawn);
                for ((first, tally), &method) in firsts.iter_mut().zip(&mut tallies).zip(methods) {
                    *first = prepared.pair_first(method, &sums);
                    tally[first.unwrap_or(2)] += 1;
                }
            } else {
                prepared.score(&shares, &mut self.buffers);
                if !prepared.ranged.is_empty() {
                    prepared.draw_ranged(rng, &mut self.buffers);
                    prepared.add_ranged(&shares, &mut self.buffers);
                }
                for (index, &method) in methods.iter().enumerate() {
                    firsts[index] = self.rank(index, method, prepared);
                }
            }
            for (wins, first) in self.wins.iter_mut().zip(&firsts) {
                if let Some(first) = *first {
                    wins[first] += 1;
                }
            }
            let unanimous = firsts[0].filter(|_| firsts.iter().all(|first| *first == firsts[0]));
            if let Some(first) = unanimous {
                add_to(&mut agreed[first], &shares);
            } else {
                for (index, first) in firsts.iter().enumerate() {
                    if let Some(first) = *first {
                        add_to(&mut self.central[index][first], &shares);
                    }
                }
            }
            self.everywhere += usize::from(winner.is_some() && unanimous == winner);
        }
        if prepared.pair.is_some() {
            for (ranks, [first, second, level]) in self.ranks.iter_mut().zip(tallies) {
                let half_level = 0.5 * level as f64;
                ranks[0][0] += first as f64 + half_level;
                ranks[0][1] += second as f64 + half_level;
                ranks[1][0] += second as f64 + half_level;
                ranks[1][1] += first as f64 + half_level;
            }
        }
        for central in &mut self.central {
            for (sums, agreed) in central.iter_mut().zip(&agreed) {
                if !agreed.is_empty() {
                    add_to(sums, agreed);
                }
            }
        }
    }

    /// Adds a later lane's counts to this one's.
    fn absorb(&mut self, other: Run) {
        for (mine, theirs) in self
            .ranks
            .iter_mut()
            .flatten()
            .zip(other.ranks.iter().flatten())
        {
            for (mine, theirs) in mine.iter_mut().zip(theirs) {
                *mine += theirs;
            }
        }
        for (mine, theirs) in self
            .wins
            .iter_mut()
            .flatten()
            .zip(other.wins.iter().flatten())
        {
            *mine += theirs;
        }
        for (mine, theirs) in self
            .central
            .iter_mut()
            .flatten()
            .zip(other.central.iter().flatten())
        {
            if !theirs.is_empty() {
                add_to(mine, theirs);
            }
        }
        self.everywhere += other.everywhere;
    }

    /// Credits this sample's ranks under `method` (the `index`th used) and
    /// returns the alternative first alone, if one is. Level alternatives
    /// share their ranks equally.
    fn rank(&mut self, index: usize, method: Method, prepared: &Prepared) -> Option<usize> {
        let ranks = &mut self.ranks[index];
        let tolerance = prepared.totals(method, &mut self.buffers);
        let Buffers { totals, order, .. } = &mut self.buffers;
        order.clear();
        order.extend(0..totals.len());
        order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
        let mut start = 0;
        let mut first = None;
        while start < order.len() {
            let head = totals[order[start]];
            let end = start
                + 1
                + order[start + 1..]
                    .iter()
                    .take_while(|&&j| head - totals[j] <= tolerance)
                    .count();
            let credit = 1.0 / (end - start) as f64;
            for &j in &order[start..end] {
                for rank in &mut ranks[j][start..end] {
                    *rank += credit;
                }
            }
            if start == 0 && end == 1 {
                first = Some(order[0]);
            }
            start = end;
        }
        first
    }
}

/// The stability label with the samples taken into account: decisive
/// needs the winner first in [`DECISIVE_SHARE`] of the samples under every
/// method, leaning in [`LEANING_SHARE`] under the chosen one.
pub fn stability(
    stability: super::sensitivity::Stability,
    uncertainty: &Uncertainty,
    chosen: Method,
    winner: usize,
) -> super::sensitivity::Stability {
    use super::sensitivity::Stability;
    let chosen_share = uncertainty
        .method(chosen)
        .map_or(1.0, |figures| figures.wins[winner]);
    let leaning_or_less = if chosen_share >= LEANING_SHARE {
        Stability::Leaning
    } else {
        Stability::CloseCall
    };
    match stability {
        Stability::Decisive if uncertainty.lowest_win_share(winner) < DECISIVE_SHARE => {
            leaning_or_less
        }
        Stability::Leaning => leaning_or_less,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;
    use crate::engine::tests::{model, set_criteria};
    use crate::engine::weigh;
    use crate::model::ScoreRange;

    /// Two alternatives on three equally weighted benefit criteria, with
    /// score differences (1, 1, −1) between them.
    fn one_one_minus_one() -> Model {
        let mut model = model();
        set_criteria(
            &mut model,
            &[
                ("a", 1.0, &[6.0, 5.0]),
                ("b", 1.0, &[6.0, 5.0]),
                ("c", 1.0, &[5.0, 6.0]),
            ],
        );
        model.questions.clear();
        model
    }

    /// A model of the given (id, weight, scores) criteria and no questions.
    fn model_of(criteria: &[(String, f64, Vec<f64>)]) -> Model {
        let mut model = model();
        let borrowed: Vec<(&str, f64, &[f64])> = criteria
            .iter()
            .map(|(id, weight, scores)| (id.as_str(), *weight, scores.as_slice()))
            .collect();
        set_criteria(&mut model, &borrowed);
        model.questions.clear();
        model
    }

    fn sample(model: &Model, settings: &Settings) -> Uncertainty {
        let answers = Answers::defaults(model);
        let scenario = weigh(model, &answers);
        analyse(model, &scenario, Some(0), settings).expect("two alternatives, weighted")
    }

    fn wsm(samples: usize, seed: u64, spread: Spread) -> Settings {
        Settings {
            samples: Some(samples),
            seed,
            spread,
            methods: vec![Method::WeightedSum],
            threads: None,
        }
    }

    /// The pair's sampler ([`Run::sample`]) and the general one give
    /// the same figures, bit for bit, on two-alternative problems: random
    /// scores on scales near and far from 0 (one of them 1,000,000 to
    /// 1,000,001, where rounding is as large as the tie tolerance), kinds,
    /// base weights and ranges (some reaching 0, some a row's only drawn
    /// cell, some both of it), rows where the two are level, leads within
    /// rounding of the tie tolerance, every spread and every method.
    #[test]
    fn the_pair_sampler_gives_the_general_figures() {
        let mut source = Rng::new(2026);
        let mut pick = |low: f64, high: f64| low + (high - low) * source.unit();
        let scales = [
            (0.0, 10.0),
            (1.0, 5.0),
            (-5.0, 5.0),
            (0.0, 1e-3),
            (1e6, 1e6 + 1.0),
        ];
        for case in 0..90 {
            let (min, max) = scales[case % scales.len()];
            let rows = 1 + case % 9;
            let on_scale = |fraction: f64| min + (max - min) * fraction;
            let criteria: Vec<(String, f64, Vec<f64>)> = (0..rows)
                .map(|row| {
                    let first = on_scale((pick(0.0, 10.0).round() / 10.0).clamp(0.0, 1.0));
                    let second = match row % 5 {
                        // Level.
                        4 => first,
                        // A lead of the tie tolerance, give or take rounding.
                        3 => first + TIE_TOLERANCE * (max - min) * pick(0.9, 1.1) * 3.0,
                        _ => on_scale(pick(0.0, 1.0)),
                    };
                    (
                        format!("c{row}"),
                        pick(0.5, 3.0),
                        vec![first, second.min(max)],
                    )
                })
                .collect();
            let mut model = model_of(&criteria);
            model.scale = crate::model::Scale { min, max };
            for row in 0..rows {
                if pick(0.0, 1.0) < 0.3 {
                    model.kinds[row] = Kind::Cost;
                }
                for alternative in 0..2 {
                    if pick(0.0, 1.0) < 0.35 {
                        let score = model.scores[row][alternative];
                        model.ranges.push(ScoreRange {
                            criterion: row,
                            alternative,
                            low: (score - (max - min) * pick(0.0, 0.3)).max(min),
                            high: (score + (max - min) * pick(0.0, 0.3)).min(max),
                        });
                    }
                }
            }
            let answers = Answers::defaults(&model);
            let scenario = weigh(&model, &answers);
            let weighted: Vec<usize> = (0..rows).collect();
            let total: f64 = scenario.weights.iter().sum();
            let shares = scenario.weights.iter().map(|w| w / total).collect();
            let pair = Prepared::new(&model, &scenario, &weighted, &[0, 1], shares);
            assert!(pair.pair.is_some());
            let general = Prepared {
                pair: None,
                ..Prepared::new(
                    &model,
                    &scenario,
                    &weighted,
                    &[0, 1],
                    pair.base_shares.clone(),
                )
            };
            let methods: Vec<Method> =
                [Method::WeightedSum, Method::WeightedProduct, Method::Topsis]
                    .into_iter()
                    .filter(|&method| method != Method::WeightedProduct || pair.positive)
                    .collect();
            let spread = match case % 3 {
                0 => Spread::Factor(2.0),
                1 => Spread::Factor(1e9),
                _ => Spread::Any,
            };
            let settings = Settings {
                spread,
                ..Settings::default()
            };
            let [by_pair, in_general] = [&pair, &general].map(|prepared| {
                sample_lanes(
                    prepared,
                    &methods,
                    &settings,
                    Some(case % 2),
                    3_000,
                    3,
                    1,
                    || (),
                )
                .0
            });
            assert_eq!(by_pair.ranks, in_general.ranks, "case {case}");
            assert_eq!(by_pair.wins, in_general.wins, "case {case}");
            assert_eq!(by_pair.central, in_general.central, "case {case}");
            assert_eq!(by_pair.everywhere, in_general.everywhere, "case {case}");
            // The confidence factors, from the same score samples.
            let mut entries = Vec::new();
            for (index, &method) in methods.iter().enumerate() {
                for position in 0..2 {
                    let won = in_general.wins[index][position];
                    if won > 0 {
                        let central = &in_general.central[index][position];
                        entries.push((
                            method,
                            position,
                            central.iter().map(|sum| sum / won as f64).collect(),
                        ));
                    }
                }
            }
            let [by_pair, in_general] = [&pair, &general].map(|prepared| {
                prepared.confidences(&entries, 3_000, &mut Rng::new(9), &mut Buffers::default())
            });
            assert_eq!(by_pair, in_general, "case {case}");
            assert!(
                by_pair.iter().any(|&confidence| confidence > 0.0),
                "case {case}"
            );
        }
    }

    /// Where the lead is the tie tolerance give or take a few units in the
    /// last place, the pair's sampler and the general one settle every
    /// sample alike: they add the same figures in the same order. Every
    /// sample here has the base weights (a spread of 1), so one rounding
    /// decides all of a problem's samples; each problem's first score is
    /// stepped a unit in the last place at a time across the tolerance.
    #[test]
    fn the_pair_sampler_settles_a_lead_within_rounding_of_a_tie_as_the_general_one() {
        let mut source = Rng::new(99);
        let mut settled = [0usize; 2];
        for trial in 0..40 {
            let rows = 3 + trial % 4;
            let weights: Vec<f64> = (0..rows).map(|_| 0.5 + 2.0 * source.unit()).collect();
            let total: f64 = weights.iter().sum();
            let shares: Vec<f64> = weights.iter().map(|w| w / total).collect();
            let mut scores: Vec<[f64; 2]> = (0..rows)
                .map(|_| {
                    let second = 2.0 + 6.0 * source.unit();
                    [second + source.unit() - 0.5, second]
                })
                .collect();
            // The first row's score that makes the lead the tolerance.
            let rest: f64 = (1..rows)
                .map(|row| shares[row] * (scores[row][0] - scores[row][1]))
                .sum();
            scores[0] = [5.0 + (TIE_TOLERANCE * 10.0 - rest) / shares[0], 5.0];
            if !(0.0..=10.0).contains(&scores[0][0]) {
                continue;
            }
            let centre = scores[0][0];
            for step in -12i32..=12 {
                let mut first = centre;
                for _ in 0..step.abs() {
                    first = if step > 0 {
                        first.next_up()
                    } else {
                        first.next_down()
                    };
                }
                scores[0][0] = first;
                let criteria: Vec<(String, f64, Vec<f64>)> = (0..rows)
                    .map(|row| (format!("c{row}"), weights[row], scores[row].to_vec()))
                    .collect();
                let model = model_of(&criteria);
                let answers = Answers::defaults(&model);
                let scenario = weigh(&model, &answers);
                let weighted: Vec<usize> = (0..rows).collect();
                let prepare =
                    || Prepared::new(&model, &scenario, &weighted, &[0, 1], shares.clone());
                let (pair, general) = (
                    prepare(),
                    Prepared {
                        pair: None,
                        ..prepare()
                    },
                );
                let settings = wsm(5, 3, Spread::Factor(1.0));
                let methods = [Method::WeightedSum];
                let [by_pair, in_general] = [&pair, &general].map(|prepared| {
                    sample_lanes(prepared, &methods, &settings, Some(0), 5, 1, 1, || ()).0
                });
                assert_eq!(by_pair.ranks, in_general.ranks, "trial {trial} step {step}");
                settled[usize::from(in_general.wins[0][0] == 0)] += 1;
            }
        }
        // The steps cross the tolerance: some win, some tie.
        assert!(settled[0] > 0 && settled[1] > 0, "{settled:?}");
    }

    /// Under uniform weights on the simplex, the first alternative wins
    /// when w₁ + w₂ > w₃, that is w₃ < 1/2: the simplex's share where one
    /// coordinate is below 1/2 is 1 − (1/2)² = 3/4. With 40,000 samples a
    /// share's standard error is √(0.75 × 0.25 / 40,000) = 0.0022; 0.01 is
    /// 4.6 of them, which a correct sampler misses about once in 200,000.
    #[test]
    fn uniform_weights_give_the_closed_form_acceptability() {
        let model = one_one_minus_one();
        let figures = sample(&model, &wsm(40_000, DEFAULT_SEED, Spread::Any));
        let wsm = &figures.methods[0];
        assert!((wsm.acceptability[0][0] - 0.75).abs() < 0.01, "{wsm:?}");
        assert!((wsm.acceptability[1][0] - 0.25).abs() < 0.01, "{wsm:?}");
        assert!((wsm.acceptability[0][1] - 0.25).abs() < 0.01, "{wsm:?}");
        // Where the first wins, w₃ is below 1/2: its mean there is the
        // mean of w₃ over that region, below the simplex's 1/3.
        let central = wsm.central_weights[0].as_ref().expect("wins some");
        assert!(central[2] < 1.0 / 3.0, "{central:?}");
        assert_eq!(wsm.confidence[0], Some(1.0));
    }

    /// Sorted uniforms and normalised exponentials both sample the simplex
    /// uniformly; check the marginal: P(w₁ < 1/2) = 3/4 for three criteria,
    /// and the mean 1/3.
    #[test]
    fn the_simplex_is_sampled_uniformly() {
        let model = one_one_minus_one();
        let prepared = {
            let answers = Answers::defaults(&model);
            let scenario = weigh(&model, &answers);
            Prepared::new(&model, &scenario, &[0, 1, 2], &[0, 1], vec![1.0 / 3.0; 3])
        };
        let mut rng = Rng::new(3);
        let mut shares = vec![0.0; 3];
        let (mut below, mut sum) = (0usize, 0.0);
        let samples = 40_000;
        for _ in 0..samples {
            prepared.draw_weights(&WeightDraw::Simplex, &mut rng, &mut shares);
            below += usize::from(shares[0] < 0.5);
            sum += shares[0];
        }
        assert!((below as f64 / samples as f64 - 0.75).abs() < 0.01);
        assert!((sum / samples as f64 - 1.0 / 3.0).abs() < 0.005);
    }

    /// The table's factors follow the log-uniform law they stand for:
    /// within 1e-13 of `e^(r(2u − 1))` for the same `u`, and their
    /// logarithms uniform (mean 0, a quarter below −r/2).
    #[test]
    fn the_weight_table_draws_the_log_uniform_factor() {
        let model = one_one_minus_one();
        let prepared = {
            let answers = Answers::defaults(&model);
            let scenario = weigh(&model, &answers);
            Prepared::new(&model, &scenario, &[0], &[0, 1], vec![1.0])
        };
        for factor in [1.0, 1.5, 2.0, 10.0, TABLE_REACH.exp()] {
            let draw = WeightDraw::new(Spread::Factor(factor));
            assert!(matches!(draw, WeightDraw::Table { .. }), "{factor}");
            let WeightDraw::Table { factors, step } = &draw else {
                unreachable!()
            };
            let reach = factor.ln();
            let mut rng = Rng::new(5);
            let (mut sum, mut low, samples) = (0.0, 0usize, 40_000);
            for _ in 0..samples {
                let mut copy = rng.clone();
                let bits = copy.next_u64();
                let u = (bits >> 11) as f64 / (1u64 << 53) as f64;
                let exact = (reach * (2.0 * u - 1.0)).exp();
                let bin = (bits >> (64 - BIN_BITS)) as usize;
                let fraction = ((bits >> 11) & FRACTION_MASK) as f64 * FRACTION_UNIT;
                let drawn = factors[bin] * exp_small(step * fraction);
                assert!(((drawn - exact) / exact).abs() < 1e-13, "{factor} {u}");
                rng = copy;
                sum += drawn.ln();
                low += usize::from(drawn.ln() < -reach / 2.0);
            }
            if reach > 0.0 {
                assert!((sum / samples as f64 / reach).abs() < 0.02, "{factor}");
                assert!(
                    (low as f64 / samples as f64 - 0.25).abs() < 0.01,
                    "{factor}"
                );
            }
            let mut shares = vec![0.0];
            prepared.draw_weights(&draw, &mut Rng::new(1), &mut shares);
            assert_eq!(shares, [1.0]);
        }
        assert!(matches!(
            WeightDraw::new(Spread::Factor(1e300)),
            WeightDraw::Wide { .. }
        ));
    }

    /// However wide the spread, the weights stay finite and sum to 1.
    #[test]
    fn a_huge_spread_draws_finite_weights() {
        let model = one_one_minus_one();
        let prepared = {
            let answers = Answers::defaults(&model);
            let scenario = weigh(&model, &answers);
            Prepared::new(&model, &scenario, &[0, 1, 2], &[0, 1], vec![1.0 / 3.0; 3])
        };
        let mut rng = Rng::new(9);
        let mut shares = vec![0.0; 3];
        for factor in [f64::MAX, 1e300, 1e10] {
            let draw = WeightDraw::new(Spread::Factor(factor));
            for _ in 0..1_000 {
                prepared.draw_weights(&draw, &mut rng, &mut shares);
                assert!(shares.iter().all(|share| share.is_finite()), "{shares:?}");
                assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            }
        }
    }

    /// The lanes' counts are added in lane order, so the figures are the
    /// same whatever number of threads runs them.
    #[test]
    fn the_figures_do_not_depend_on_the_number_of_threads() {
        let mut model = one_one_minus_one();
        model.ranges.push(ScoreRange {
            criterion: 2,
            alternative: 1,
            low: 4.0,
            high: 10.0,
        });
        let answers = Answers::defaults(&model);
        let scenario = weigh(&model, &answers);
        let prepared = Prepared::new(&model, &scenario, &[0, 1, 2], &[0, 1], vec![1.0 / 3.0; 3]);
        let methods = [Method::WeightedSum, Method::Topsis];
        let settings = Settings::default();
        let lanes = lane_count(7_000, &prepared, methods.len());
        assert_eq!(lanes, 7);
        let runs: Vec<Run> = [1, 2, 3, 7]
            .into_iter()
            .map(|threads| {
                sample_lanes(
                    &prepared,
                    &methods,
                    &settings,
                    Some(0),
                    7_000,
                    lanes,
                    threads,
                    || (),
                )
                .0
            })
            .collect();
        for run in &runs[1..] {
            assert_eq!(run.ranks, runs[0].ranks);
            assert_eq!(run.wins, runs[0].wins);
            assert_eq!(run.central, runs[0].central);
            assert_eq!(run.everywhere, runs[0].everywhere);
        }
        let wins: usize = runs[0].wins[0].iter().sum();
        assert!(wins > 6_000 && wins <= 7_000, "{wins}");
    }

    /// A draw's changes to a ranged row's figures are those of the row
    /// worked out afresh from the drawn scores, for a benefit and a cost,
    /// one drawn cell or every cell.
    #[test]
    fn a_drawn_row_moves_the_figures_as_the_row_worked_out_afresh() {
        let mut model = one_one_minus_one();
        model.kinds[2] = Kind::Cost;
        for (criterion, alternative, low, high) in
            [(0, 1, 2.0, 9.0), (2, 0, 1.0, 8.0), (2, 1, 3.0, 4.0)]
        {
            model.ranges.push(ScoreRange {
                criterion,
                alternative,
                low,
                high,
            });
        }
        let answers = Answers::defaults(&model);
        let scenario = weigh(&model, &answers);
        let prepared = Prepared::new(&model, &scenario, &[0, 1, 2], &[0, 1], vec![1.0 / 3.0; 3]);
        assert_eq!(prepared.ranged.len(), 2);
        let (mut rng, mut buffers) = (Rng::new(11), Buffers::default());
        for _ in 0..200 {
            let mut replay = rng.clone();
            prepared.draw_ranged(&mut rng, &mut buffers);
            for (index, ranged) in prepared.ranged.iter().enumerate() {
                let mut scores = prepared.scores[ranged.row * 2..][..2].to_vec();
                for &(position, low, high) in &ranged.cells {
                    scores[position] = low + (high - low) * replay.unit();
                }
                let mut afresh = Vec::new();
                prepared.row_values(ranged.row, &scores, &mut afresh);
                for (position, cell) in afresh.iter().enumerate() {
                    let old = prepared.values[position * 3 + ranged.row];
                    let delta = buffers.deltas[index * 2 + position];
                    for k in 0..4 {
                        assert!(
                            (delta[k] - (cell[k] - old[k])).abs() < 1e-12,
                            "row {} cell {position} figure {k}: {delta:?} against {cell:?} - {old:?}",
                            ranged.row
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_seed_gives_the_same_figures_and_another_seed_close_ones() {
        let model = one_one_minus_one();
        let settings = wsm(5_000, 42, Spread::Any);
        let first = sample(&model, &settings);
        assert_eq!(first, sample(&model, &settings));
        let other = sample(
            &model,
            &Settings {
                seed: 43,
                ..settings
            },
        );
        let (a, b) = (
            first.methods[0].acceptability[0][0],
            other.methods[0].acceptability[0][0],
        );
        assert_ne!(a, b);
        // Two independent estimates of 0.75 from 5,000 samples each
        // differ by a standard error of √2 × 0.0061 = 0.0087; 0.04 is 4.6.
        assert!((a - b).abs() < 0.04, "{a} {b}");
    }

    #[test]
    fn weights_within_a_spread_keep_a_clear_winner_and_zero_weights_stay_zero() {
        let mut model = one_one_minus_one();
        model.base_weights[2] = 0.0;
        let figures = sample(&model, &wsm(1_000, 1, Spread::Factor(2.0)));
        let wsm = &figures.methods[0];
        assert_eq!(wsm.acceptability[0][0], 1.0);
        assert_eq!(wsm.central_weights[0].as_ref().expect("wins")[2], 0.0);
    }

    /// A range wide enough to turn one rating round changes the winner in
    /// part of the samples, and the confidence factor is sampled.
    #[test]
    fn a_rating_range_that_can_flip_the_winner_shows_in_the_acceptability() {
        let mut model = one_one_minus_one();
        let exact = sample(&model, &wsm(2_000, 1, Spread::Factor(1.0)));
        assert_eq!(exact.methods[0].acceptability[0][0], 1.0);
        assert_eq!(exact.ranged_ratings, 0);
        // Totals (6 + 6 + 5) / 3 against (5 + 5 + x) / 3 with x uniform
        // on [4, 10]: the second wins when x > 7, half the time.
        model.ranges.push(ScoreRange {
            criterion: 2,
            alternative: 1,
            low: 4.0,
            high: 10.0,
        });
        let ranged = sample(&model, &wsm(20_000, 1, Spread::Factor(1.0)));
        let wsm = &ranged.methods[0];
        assert_eq!(ranged.ranged_ratings, 1);
        assert!((wsm.acceptability[1][0] - 0.5).abs() < 0.02, "{wsm:?}");
        // From 1,000 score samples: a standard error of 0.016; 0.06 is 3.8.
        let confidence = wsm.confidence[1].expect("wins some");
        assert!((confidence - 0.5).abs() < 0.06, "{confidence}");
    }

    #[test]
    fn every_method_ranks_the_samples_and_the_figures_add_up() {
        let model = one_one_minus_one();
        let figures = sample(&model, &Settings::default());
        assert_eq!(figures.samples, DEFAULT_SAMPLES);
        assert_eq!(figures.methods.len(), 3);
        for method in &figures.methods {
            for rank in 0..2 {
                let total: f64 = method.acceptability.iter().map(|row| row[rank]).sum();
                assert!((total - 1.0).abs() < 1e-9, "{method:?}");
            }
        }
        let everywhere = figures.winner_everywhere.expect("a winner");
        assert!(everywhere <= figures.lowest_win_share(0));
    }

    /// On a scale far from 0 and narrow for its size, a weighted sum can
    /// carry rounding larger than the tie tolerance of the scale's range;
    /// the verdict then allows for it, and so do the samples: a lead
    /// within it is level in both.
    #[test]
    fn a_lead_within_the_sums_rounding_is_level_in_the_samples_as_in_the_verdict() {
        let (low, lead) = (1e6 + 0.5, 6e-9);
        let mut model = model_of(&[
            ("a".to_owned(), 1.0, vec![low + lead, low]),
            ("b".to_owned(), 1.0, vec![low, low]),
            ("c".to_owned(), 1.0, vec![low, low]),
        ]);
        model.scale = crate::model::Scale {
            min: 1e6,
            max: 1e6 + 1.0,
        };
        // Above the tolerance of the range alone, within the rounding.
        assert!(lead / 3.0 > TIE_TOLERANCE * 1.0);
        assert!(lead / 3.0 < weighted_sum_tie_tolerance(&model));
        let answers = Answers::defaults(&model);
        let scenario = weigh(&model, &answers);
        let verdict = crate::engine::assess(&model, &scenario, Method::WeightedSum)
            .expect("weighted sum")
            .verdict;
        assert!(
            matches!(verdict, crate::engine::Verdict::Tie { .. }),
            "{verdict:?}"
        );
        let figures = sample(&model, &wsm(200, 1, Spread::Factor(1.0)));
        assert_eq!(figures.methods[0].acceptability[0], vec![0.5, 0.5]);
        assert_eq!(figures.methods[0].wins, vec![0.0, 0.0]);
    }

    #[test]
    fn the_weighted_product_is_left_out_for_a_score_of_zero() {
        let mut model = one_one_minus_one();
        model.scale.min = 0.0;
        set_criteria(
            &mut model,
            &[("a", 1.0, &[6.0, 0.0]), ("b", 1.0, &[6.0, 5.0])],
        );
        let figures = sample(&model, &Settings::default());
        assert_eq!(figures.left_out, vec![Method::WeightedProduct]);
        assert_eq!(figures.methods.len(), 2);
    }
}
