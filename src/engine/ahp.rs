//! Weights from pairwise comparisons: the analytic hierarchy process (AHP).
//!
//! Each judgement `a[i][j]` says how much more important criterion `i` is
//! than `j` on Saaty's 1-to-9 scale, with `a[j][i] = 1 / a[i][j]`. The
//! weights are the principal eigenvector of that matrix; how far its
//! eigenvalue `λmax` exceeds `n` measures inconsistency:
//!
//! ```text
//! CI = (λmax − n) / (n − 1)        CR = CI / RI(n)
//! ```
//!
//! with `RI` Saaty's random index. A CR above 0.10 is conventionally too
//! inconsistent to use without revisiting a judgement.

/// Saaty's random consistency index by matrix size n (index = n), from
/// T. L. Saaty, *The Analytic Hierarchy Process*, McGraw-Hill, 1980, p. 21.
pub const RANDOM_INDEX: [f64; 11] = [
    0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
];

/// The name of the random-index table, as reports cite it.
pub const RANDOM_INDEX_SOURCE: &str = "Saaty (1980) random index";

/// Above this consistency ratio, judgements should be revisited.
pub const CONSISTENCY_LIMIT: f64 = 0.10;

#[derive(Debug, Clone, PartialEq)]
pub struct Priorities {
    /// The normalised principal eigenvector: sums to 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub consistency_index: f64,
    /// `None` where the random-index table has no entry (n > 10), and 0 for
    /// n ≤ 2, where every set of judgements is consistent.
    pub consistency_ratio: Option<f64>,
}

/// A full reciprocal matrix from the judgements above its diagonal:
/// `judgements[(i, j)]` for `i < j`, missing pairs counted as equal (1).
pub fn reciprocal_matrix(size: usize, judgements: &[(usize, usize, f64)]) -> Vec<Vec<f64>> {
    let mut matrix = vec![vec![1.0; size]; size];
    for &(i, j, value) in judgements {
        matrix[i][j] = value;
        matrix[j][i] = 1.0 / value;
    }
    matrix
}

/// Principal eigenvector by power iteration, which converges for the
/// positive matrices AHP produces (Perron–Frobenius).
pub fn priorities(matrix: &[Vec<f64>]) -> Priorities {
    let size = matrix.len();
    if size == 0 {
        return Priorities {
            weights: Vec::new(),
            lambda_max: 0.0,
            consistency_index: 0.0,
            consistency_ratio: Some(0.0),
        };
    }
    let mut weights = vec![1.0 / size as f64; size];
    for _ in 0..10_000 {
        let product = multiply(matrix, &weights);
        let sum: f64 = product.iter().sum();
        let next: Vec<f64> = product.iter().map(|value| value / sum).collect();
        let change = next
            .iter()
            .zip(&weights)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        weights = next;
        if change < 1e-15 {
            break;
        }
    }
    let product = multiply(matrix, &weights);
    let lambda_max = product
        .iter()
        .zip(&weights)
        .map(|(aw, w)| aw / w)
        .sum::<f64>()
        / size as f64;
    let consistency_index = if size > 1 {
        ((lambda_max - size as f64) / (size as f64 - 1.0)).max(0.0)
    } else {
        0.0
    };
    let consistency_ratio = match RANDOM_INDEX.get(size) {
        _ if size <= 2 => Some(0.0),
        Some(index) => Some(consistency_index / index),
        None => None,
    };
    Priorities {
        weights,
        lambda_max,
        consistency_index,
        consistency_ratio,
    }
}

/// The judgement that disagrees most with the weights it produced: the pair
/// whose `a[i][j] · w[j] / w[i]` is furthest from 1, in either direction.
pub fn most_inconsistent_pair(matrix: &[Vec<f64>], weights: &[f64]) -> Option<(usize, usize)> {
    let mut worst: Option<((usize, usize), f64)> = None;
    for i in 0..matrix.len() {
        for j in i + 1..matrix.len() {
            let error = (matrix[i][j] * weights[j] / weights[i]).ln().abs();
            if worst.is_none_or(|(_, largest)| error > largest) {
                worst = Some(((i, j), error));
            }
        }
    }
    worst.map(|(pair, _)| pair)
}

fn multiply(matrix: &[Vec<f64>], vector: &[f64]) -> Vec<f64> {
    matrix
        .iter()
        .map(|row| row.iter().zip(vector).map(|(a, b)| a * b).sum())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_consistent_matrix_gives_its_ratios_and_ratio_zero() {
        // w = (4, 2, 1)/7 produces a[i][j] = w_i / w_j exactly.
        let matrix = reciprocal_matrix(3, &[(0, 1, 2.0), (0, 2, 4.0), (1, 2, 2.0)]);
        let result = priorities(&matrix);
        for (weight, expected) in result.weights.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
            assert!((weight - expected).abs() < 1e-12);
        }
        assert!((result.lambda_max - 3.0).abs() < 1e-12);
        assert!(result.consistency_ratio.unwrap() < 1e-12);
    }

    #[test]
    fn the_most_inconsistent_pair_is_the_one_that_breaks_transitivity() {
        // Consistent with w = (8, 4, 2, 1) except 0 vs 3, judged 1/8 instead of 8.
        let judgements = [
            (0, 1, 2.0),
            (0, 2, 4.0),
            (0, 3, 0.125),
            (1, 2, 2.0),
            (1, 3, 4.0),
            (2, 3, 2.0),
        ];
        let matrix = reciprocal_matrix(4, &judgements);
        let result = priorities(&matrix);
        assert!(result.consistency_ratio.unwrap() > CONSISTENCY_LIMIT);
        assert_eq!(
            most_inconsistent_pair(&matrix, &result.weights),
            Some((0, 3))
        );
    }

    /// The most extreme judgements Saaty's scale allows, as consistent as
    /// they can be (each criterion 9 times the next) and as inconsistent
    /// (a cycle of 9s): the weights stay finite, positive and sum to 1,
    /// and the iteration ends (it is bounded, and converges here).
    #[test]
    fn extreme_judgements_give_finite_weights() {
        for size in [3, 10, 40] {
            let chain: Vec<(usize, usize, f64)> = (0..size)
                .flat_map(|i| (i + 1..size).map(move |j| (i, j, 9.0)))
                .collect();
            let cycle: Vec<(usize, usize, f64)> = (0..size)
                .flat_map(|i| {
                    (i + 1..size)
                        .map(move |j| (i, j, if (j - i) % 2 == 1 { 9.0 } else { 1.0 / 9.0 }))
                })
                .collect();
            for judgements in [chain, cycle] {
                let result = priorities(&reciprocal_matrix(size, &judgements));
                assert!(result.weights.iter().all(|w| w.is_finite() && *w > 0.0));
                assert!((result.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
                assert!(result.lambda_max.is_finite() && result.consistency_index.is_finite());
            }
        }
    }

    #[test]
    fn sizes_beyond_the_table_have_no_ratio() {
        let matrix = reciprocal_matrix(11, &[]);
        assert_eq!(priorities(&matrix).consistency_ratio, None);
        assert_eq!(
            priorities(&reciprocal_matrix(2, &[(0, 1, 5.0)])).consistency_ratio,
            Some(0.0)
        );
    }
}
