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
use super::method::{Method, TIE_TOLERANCE, product_log_value, sum_value};
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
/// per criterion to draw its weight (BENCHMARKS.md, "Uncertainty
/// analysis"), so a 10,000 × 50 file samples in about 0.2 s.
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            samples: None,
            seed: DEFAULT_SEED,
            spread: Spread::Factor(DEFAULT_SPREAD),
            methods: vec![Method::WeightedSum, Method::WeightedProduct, Method::Topsis],
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

    /// Uniform on `[0, 1)`, 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
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
    let eligible: Vec<usize> = (0..model.alternatives.len())
        .filter(|&alternative| scenario.is_eligible(alternative))
        .collect();
    let weighted: Vec<usize> = (0..scenario.weights.len())
        .filter(|&criterion| scenario.weights[criterion] > 0.0)
        .collect();
    if eligible.len() < 2 || weighted.is_empty() {
        return None;
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
        return None;
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
    let mut run = Run::new(&prepared, &methods);
    let mut rng = Rng::new(settings.seed);
    let mut shares = vec![0.0; weighted.len()];
    let mut everywhere = 0usize;
    for _ in 0..samples {
        prepared.draw_weights(settings.spread, &mut rng, &mut shares);
        prepared.score(&shares, Some(&mut rng), &mut run.buffers);
        let mut all_agree = winner.is_some();
        for (index, &method) in methods.iter().enumerate() {
            let first = run.rank(index, method, &prepared);
            if let Some(first) = first {
                run.wins[index][first] += 1;
                for (sum, share) in run.central[index][first].iter_mut().zip(&shares) {
                    *sum += share;
                }
            }
            all_agree &= first.is_some() && first == winner;
        }
        everywhere += usize::from(all_agree);
    }
    let share = |count: f64| {
        if samples > 0 {
            count / samples as f64
        } else {
            0.0
        }
    };
    let alternatives = model.alternatives.len();
    let mut confidence_rng = Rng::new(settings.seed ^ 0x5EED_C0DE);
    let method_figures = methods
        .iter()
        .enumerate()
        .map(|(index, &method)| {
            let mut acceptability = vec![vec![0.0; eligible.len()]; alternatives];
            let mut wins = vec![0.0; alternatives];
            let mut central_weights = vec![None; alternatives];
            let mut confidence = vec![None; alternatives];
            for (position, &alternative) in eligible.iter().enumerate() {
                for (rank, &count) in run.ranks[index][position].iter().enumerate() {
                    acceptability[alternative][rank] = share(count);
                }
                let won = run.wins[index][position];
                wins[alternative] = share(won as f64);
                if won == 0 {
                    continue;
                }
                let central: Vec<f64> = run.central[index][position]
                    .iter()
                    .map(|sum| sum / won as f64)
                    .collect();
                confidence[alternative] = Some(prepared.confidence(
                    &central,
                    method,
                    position,
                    samples,
                    &mut confidence_rng,
                    &mut run.buffers,
                ));
                let mut full = vec![0.0; scenario.weights.len()];
                for (&criterion, weight) in weighted.iter().zip(central) {
                    full[criterion] = weight;
                }
                central_weights[alternative] = Some(full);
            }
            MethodUncertainty {
                method,
                acceptability,
                wins,
                central_weights,
                confidence,
            }
        })
        .collect();
    Some(Uncertainty {
        samples,
        lowered_from,
        seed: settings.seed,
        spread: settings.spread,
        ranged_ratings: prepared.ranged.iter().map(|row| row.cells.len()).sum(),
        methods: method_figures,
        left_out,
        winner_everywhere: winner.map(|_| share(everywhere as f64)),
    })
}

/// Everything about the scores that no weighting changes, in rows of the
/// weighted criteria by the eligible alternatives.
struct Prepared {
    alternatives: usize,
    base_shares: Vec<f64>,
    kinds: Vec<Kind>,
    mirror: f64,
    scale_range: f64,
    /// The scores, for the rows redone with ranged ratings.
    scores: Vec<f64>,
    /// Per cell, row by row: the score as each method uses it, `[WSM
    /// value, WPM log value, TOPSIS squared distance to the ideal, to the
    /// anti-ideal]`, side by side so that one sample reads one stream and
    /// adds four at a time.
    values: Vec<Cell>,
    /// The power of two that brings the scale's ends near 1, for norms.
    unit: f64,
    ranged: Vec<RangedRow>,
    /// Every weighted score, and every range, above 0: the weighted
    /// product can use them.
    positive: bool,
}

/// A weighted criterion with ratings sampled within their ranges.
struct RangedRow {
    /// Index among the weighted criteria.
    row: usize,
    /// (position among the eligible alternatives, low, high).
    cells: Vec<(usize, f64, f64)>,
}

/// One cell's four figures (see [`Prepared::values`]).
type Cell = [f64; 4];

impl Prepared {
    fn new(
        model: &Model,
        scenario: &Scenario,
        weighted: &[usize],
        eligible: &[usize],
        base_shares: Vec<f64>,
    ) -> Self {
        let alternatives = eligible.len();
        let mut prepared = Prepared {
            alternatives,
            base_shares,
            kinds: weighted.iter().map(|&c| model.kinds[c]).collect(),
            mirror: model.scale.min + model.scale.max,
            scale_range: model.scale.max - model.scale.min,
            scores: Vec::with_capacity(weighted.len() * alternatives),
            values: Vec::with_capacity(weighted.len() * alternatives),
            unit: magnitude::unit([model.scale.min, model.scale.max]),
            ranged: Vec::new(),
            positive: true,
        };
        let mut ranges = model.ranges.iter().peekable();
        let mut values = Vec::new();
        for (row, &criterion) in weighted.iter().enumerate() {
            let scores = &scenario.scores[criterion];
            prepared
                .scores
                .extend(eligible.iter().map(|&alternative| scores[alternative]));
            let start = row * alternatives;
            prepared.row_values(row, &prepared.scores[start..], &mut values);
            prepared.values.extend(&values);
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
                prepared.ranged.push(RangedRow { row, cells });
            }
        }
        prepared
    }

    /// One row's values for each method, from its scores.
    fn row_values(&self, row: usize, scores: &[f64], values: &mut Vec<Cell>) {
        let scores = &scores[..self.alternatives];
        let kind = self.kinds[row];
        // Scores lie on the scale: brought near 1 by its power of two,
        // their squares cannot overflow, and the norm is exact otherwise.
        let norm = scores
            .iter()
            .map(|score| (score * self.unit).powi(2))
            .sum::<f64>()
            .sqrt()
            / self.unit;
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
        values.clear();
        values.extend(scores.iter().map(|&score| {
            let log = if score > 0.0 {
                product_log_value(score, kind)
            } else {
                0.0
            };
            let value = normalised(score);
            [
                sum_value(score, kind, self.mirror),
                log,
                (value - ideal).powi(2),
                (value - anti_ideal).powi(2),
            ]
        }));
    }

    /// Draws a weighting of the weighted criteria into `shares` (sum 1).
    fn draw_weights(&self, spread: Spread, rng: &mut Rng, shares: &mut [f64]) {
        match spread {
            Spread::Factor(factor) => {
                let reach = factor.ln();
                for (share, base) in shares.iter_mut().zip(&self.base_shares) {
                    *share = base * (reach * (2.0 * rng.unit() - 1.0)).exp();
                }
            }
            Spread::Any => {
                for share in shares.iter_mut() {
                    *share = rng.exponential();
                }
            }
        }
        let sum: f64 = shares.iter().sum();
        for share in shares.iter_mut() {
            *share /= sum;
        }
    }

    /// Every method's totals for `shares`, with ranged scores drawn from
    /// `rng` (or left at the file's scores without one).
    fn score(&self, shares: &[f64], rng: Option<&mut Rng>, buffers: &mut Buffers) {
        let n = self.alternatives;
        buffers.sums.clear();
        buffers.sums.resize(n, [0.0; 4]);
        for (&share, row) in shares.iter().zip(self.values.chunks_exact(n)) {
            let factors = [share, share, share * share, share * share];
            for (sum, cell) in buffers.sums.iter_mut().zip(row) {
                for k in 0..4 {
                    sum[k] += factors[k] * cell[k];
                }
            }
        }
        let Some(rng) = rng else { return };
        for ranged in &self.ranged {
            let start = ranged.row * n;
            buffers.row.clear();
            buffers.row.extend(&self.scores[start..start + n]);
            for &(position, low, high) in &ranged.cells {
                buffers.row[position] = low + (high - low) * rng.unit();
            }
            let mut values = std::mem::take(&mut buffers.values);
            self.row_values(ranged.row, &buffers.row, &mut values);
            let share = shares[ranged.row];
            let factors = [share, share, share * share, share * share];
            for ((sum, new), old) in buffers
                .sums
                .iter_mut()
                .zip(&values)
                .zip(&self.values[start..start + n])
            {
                for k in 0..4 {
                    sum[k] += factors[k] * (new[k] - old[k]);
                }
            }
            buffers.values = values;
        }
    }

    /// The totals of `method` after [`Prepared::score`], higher better,
    /// and the tolerance within which two are level.
    fn totals(&self, method: Method, buffers: &mut Buffers) -> f64 {
        buffers.totals.clear();
        match method {
            Method::WeightedSum => {
                buffers.totals.extend(buffers.sums.iter().map(|sum| sum[0]));
                TIE_TOLERANCE * self.scale_range
            }
            // In logarithms: a difference there is the totals' ratio.
            Method::WeightedProduct => {
                buffers.totals.extend(buffers.sums.iter().map(|sum| sum[1]));
                TIE_TOLERANCE
            }
            Method::Topsis => {
                buffers.totals.extend(buffers.sums.iter().map(|sum| {
                    let (plus, minus) = (sum[2].max(0.0).sqrt(), sum[3].max(0.0).sqrt());
                    if plus + minus > 0.0 {
                        minus / (plus + minus)
                    } else {
                        0.5
                    }
                }));
                TIE_TOLERANCE
            }
        }
    }

    /// With the central weights `shares`, the share of `samples` (at most
    /// [`CONFIDENCE_SAMPLES`]) score samples in which `position` is first alone under `method`; one
    /// evaluation when every score is exact.
    fn confidence(
        &self,
        shares: &[f64],
        method: Method,
        position: usize,
        samples: usize,
        rng: &mut Rng,
        buffers: &mut Buffers,
    ) -> f64 {
        let draws = if self.ranged.is_empty() {
            1
        } else {
            samples.clamp(1, CONFIDENCE_SAMPLES)
        };
        let mut won = 0usize;
        for _ in 0..draws {
            self.score(shares, Some(rng), buffers);
            let tolerance = self.totals(method, buffers);
            let totals = &buffers.totals;
            let best = totals[position];
            won += usize::from(
                totals
                    .iter()
                    .enumerate()
                    .all(|(j, &total)| j == position || best - total > tolerance),
            );
        }
        won as f64 / draws as f64
    }
}

#[derive(Default)]
struct Buffers {
    /// Per alternative, the four sums of [`Prepared::values`] weighted.
    sums: Vec<Cell>,
    totals: Vec<f64>,
    order: Vec<usize>,
    row: Vec<f64>,
    values: Vec<Cell>,
}

/// Counts kept while sampling, per method (in the order used) and
/// eligible alternative.
struct Run {
    ranks: Vec<Vec<Vec<f64>>>,
    wins: Vec<Vec<usize>>,
    central: Vec<Vec<Vec<f64>>>,
    buffers: Buffers,
}

impl Run {
    fn new(prepared: &Prepared, methods: &[Method]) -> Self {
        let n = prepared.alternatives;
        let criteria = prepared.base_shares.len();
        Run {
            ranks: vec![vec![vec![0.0; n]; n]; methods.len()],
            wins: vec![vec![0; n]; methods.len()],
            central: vec![vec![vec![0.0; criteria]; n]; methods.len()],
            buffers: Buffers::default(),
        }
    }

    /// Credits this sample's ranks under `method` (the `index`th used) and
    /// returns the alternative first alone, if one is. Level alternatives
    /// share their ranks equally.
    fn rank(&mut self, index: usize, method: Method, prepared: &Prepared) -> Option<usize> {
        let tolerance = prepared.totals(method, &mut self.buffers);
        let Buffers { totals, order, .. } = &mut self.buffers;
        order.clear();
        order.extend(0..totals.len());
        order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
        let ranks = &mut self.ranks[index];
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
        }
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
            prepared.draw_weights(Spread::Any, &mut rng, &mut shares);
            below += usize::from(shares[0] < 0.5);
            sum += shares[0];
        }
        assert!((below as f64 / samples as f64 - 0.75).abs() < 0.01);
        assert!((sum / samples as f64 - 1.0 / 3.0).abs() < 0.005);
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
