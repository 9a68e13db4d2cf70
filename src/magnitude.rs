//! Sums and squares that stay within f64's range whatever the size of the
//! numbers in a criteria or answers file.
//!
//! Weights are relative, so a file may give `1e308` as readily as `3`; a
//! sum of two such weights overflows, and the square of a score of `1e200`
//! does too. Each sum here is taken of the numbers first multiplied by a
//! power of two that brings the largest between 1 and 2. A power of two
//! changes a number's exponent and not its digits, so for every input whose
//! plain sum fits (all the usual ones) the result is the same to the bit,
//! and for the others it is the right one instead of infinity or 0.

/// `2^exponent`, for exponents from −1074 (the smallest subnormal) to 1023;
/// outside that range, the nearest of those.
pub fn power_of_two(exponent: i32) -> f64 {
    let exponent = exponent.clamp(-1074, 1023);
    if exponent >= -1022 {
        f64::from_bits(((exponent + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (exponent + 1074))
    }
}

/// The `e` with `2^e ≤ |x| < 2^(e+1)`, for a finite `x` other than 0 (0
/// for anything else).
pub fn exponent(x: f64) -> i32 {
    if !x.is_finite() || x == 0.0 {
        return 0;
    }
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    if biased == 0 {
        // Subnormal: the value is the mantissa times 2^-1074.
        63 - bits.leading_zeros() as i32 - 1074
    } else {
        biased - 1023
    }
}

/// The power of two that brings the largest finite magnitude among
/// `values` to between 1 and 2 (1 when they are all 0; for a subnormal
/// largest, 2^1023, as near as one f64 can bring it). Multiplying by it
/// is exact, and any number of the products can be added without
/// overflow.
pub fn unit(values: impl IntoIterator<Item = f64>) -> f64 {
    let largest = values
        .into_iter()
        .filter(|value| value.is_finite())
        .fold(0.0_f64, |largest, value| largest.max(value.abs()));
    if largest == 0.0 {
        1.0
    } else {
        power_of_two(-exponent(largest))
    }
}

/// `√Σ x²`, the vector norm, with no overflow or underflow in the squares:
/// the same bits as the plain formula wherever that one's squares fit.
pub fn norm(values: impl IntoIterator<Item = f64, IntoIter: Clone>) -> f64 {
    let values = values.into_iter();
    let unit = unit(values.clone());
    let squares: f64 = values
        .map(|value| {
            let value = value * unit;
            value * value
        })
        .sum();
    squares.sqrt() / unit
}

/// A number as a message or report shows it: as written in a file for the
/// usual sizes (`2`, `0.25`), and in scientific notation beyond them
/// (`1e308`, `1.5e-300`), where the plain digits would run to hundreds.
pub fn text(value: f64) -> String {
    if value == 0.0 || !value.is_finite() || (1e-4..1e15).contains(&value.abs()) {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// The sum of `values` as [`text`] shows it, also when it is past f64's
/// range (two weights of 1e308 sum to `2.00e308`): the sum is taken of the
/// values brought near 1 and shown with the power of two taken out.
pub fn sum_text(values: impl IntoIterator<Item = f64, IntoIter: Clone>) -> String {
    let values = values.into_iter();
    let plain: f64 = values.clone().sum();
    if plain.is_finite() {
        return text(plain);
    }
    let unit = unit(values.clone());
    let scaled: f64 = values.map(|value| value * unit).sum();
    if !scaled.is_finite() || scaled == 0.0 {
        return text(plain);
    }
    // scaled / unit, in decimal: log10 of it split into digits and power.
    let log = scaled.abs().log10() - unit.log2() * std::f64::consts::LOG10_2;
    let power = log.floor();
    let digits = 10f64.powf(log - power).copysign(scaled);
    format!("{digits:.2}e{power}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_two_span_the_whole_range() {
        assert_eq!(power_of_two(0), 1.0);
        assert_eq!(power_of_two(10), 1024.0);
        assert_eq!(power_of_two(-1), 0.5);
        assert_eq!(power_of_two(1023), 2f64.powi(1023));
        assert_eq!(power_of_two(-1074), f64::from_bits(1));
        assert_eq!(power_of_two(-1030), f64::from_bits(1 << 44));
        assert_eq!(power_of_two(5000), 2f64.powi(1023));
    }

    #[test]
    fn exponents_of_normal_and_subnormal_numbers() {
        assert_eq!(exponent(1.0), 0);
        assert_eq!(exponent(1.99), 0);
        assert_eq!(exponent(2.0), 1);
        assert_eq!(exponent(-3.0), 1);
        assert_eq!(exponent(0.3), -2);
        assert_eq!(exponent(f64::MAX), 1023);
        assert_eq!(exponent(f64::MIN_POSITIVE), -1022);
        assert_eq!(exponent(f64::from_bits(1)), -1074);
        assert_eq!(exponent(1e-320), exponent(1e-320 * 2f64.powi(60)) - 60);
        for value in [0.0, f64::NAN, f64::INFINITY] {
            assert_eq!(exponent(value), 0);
        }
    }

    #[test]
    fn the_unit_brings_the_largest_between_1_and_2() {
        for values in [
            vec![3.0, 1.0],
            vec![1e308, 1e308, 1.0],
            vec![f64::MIN_POSITIVE, 3e-321],
            vec![-7.0, 0.5],
        ] {
            let unit = unit(values.iter().copied());
            let largest = values.iter().fold(0.0_f64, |m, v| m.max(v.abs())) * unit;
            assert!((1.0..2.0).contains(&largest), "{values:?}: {largest}");
        }
        // No one f64 brings a subnormal largest all the way up.
        assert_eq!(unit([1e-320]), power_of_two(1023));
        assert_eq!(unit([0.0, 0.0]), 1.0);
        assert_eq!(unit([f64::NAN, 2.0]), 0.5);
    }

    #[test]
    fn numbers_show_plainly_or_in_scientific_notation() {
        assert_eq!(text(2.0), "2");
        assert_eq!(text(0.25), "0.25");
        assert_eq!(text(1e308), "1e308");
        assert_eq!(text(-1.5e-300), "-1.5e-300");
        assert_eq!(sum_text([1.0, 2.5]), "3.5");
        assert_eq!(sum_text([1e308, 1e308, 1.0]), "2.00e308");
        assert_eq!(sum_text([1.7e308, 1.7e308]), "3.40e308");
    }

    #[test]
    fn norms_fit_where_squares_do_not_and_match_where_they_do() {
        let plain = |values: &[f64]| values.iter().map(|v| v * v).sum::<f64>().sqrt();
        for values in [[3.0, 4.0, 0.0], [0.1, 0.7, 9.3], [1.0, 1.0, 1.0]] {
            assert_eq!(norm(values).to_bits(), plain(&values).to_bits());
        }
        let near = |value: f64, expected: f64| (value / expected - 1.0).abs() < 1e-15;
        assert!(near(norm([3e200, 4e200]), 5e200));
        assert!(near(norm([-3e-200, 4e-200]), 5e-200));
        assert_eq!(norm([0.0, 0.0]), 0.0);
    }
}
