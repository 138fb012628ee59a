//! Indicator ratios and the one rounding and display rule every report must share.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ratio {
    pub numerator: u64,
    pub denominator: u64,
}

impl Ratio {
    pub fn new(numerator: u64, denominator: u64) -> Ratio {
        Ratio {
            numerator,
            denominator,
        }
    }

    /// The percentage in tenths of a percent, rounded half up; exact, so two parts of the
    /// product that compare or sum indicators never disagree by a float error.
    pub fn percentage_tenths(&self) -> Option<u64> {
        if self.denominator == 0 {
            return None;
        }
        // floor(1000·n/d + ½) = floor((2000·n + d) / 2d); u128 keeps any u64 input from overflowing.
        let n = u128::from(self.numerator);
        let d = u128::from(self.denominator);
        let tenths = (2000 * n + d) / (2 * d);
        Some(u64::try_from(tenths).unwrap_or(u64::MAX))
    }

    /// numerator ÷ denominator × 100, rounded half up to one decimal; `None` for an empty
    /// denominator, which the spec says is "no percentage", not 0.
    pub fn percentage(&self) -> Option<f64> {
        self.percentage_tenths().map(|t| t as f64 / 10.0)
    }
}

/// Always one decimal so columns line up; Vietnamese writes a decimal comma (`96,5%`).
pub fn format_percent(p: f64, lang: Lang) -> String {
    // Adding 0.0 turns -0.0 into 0.0, which would otherwise print as "-0.0%".
    let text = format!("{:.1}%", p + 0.0);
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A count with its thousands grouped: `13.600` in Vietnamese, `13,600` in English.
pub fn format_count(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_group_thousands_in_each_language() {
        assert_eq!(format_count(0, Lang::Vi), "0");
        assert_eq!(format_count(999, Lang::Vi), "999");
        assert_eq!(format_count(13_600, Lang::Vi), "13.600");
        assert_eq!(format_count(1_830_000, Lang::En), "1,830,000");
    }

    fn pct(n: u64, d: u64) -> Option<f64> {
        Ratio::new(n, d).percentage()
    }

    #[test]
    fn empty_denominator_has_no_percentage() {
        assert_eq!(pct(0, 0), None);
        assert_eq!(pct(5, 0), None);
    }

    #[test]
    fn halves_round_up() {
        assert_eq!(pct(1, 8), Some(12.5));
        assert_eq!(pct(1, 16), Some(6.3));
        assert_eq!(pct(2, 3), Some(66.7));
        assert_eq!(pct(1, 3), Some(33.3));
        assert_eq!(pct(965, 1000), Some(96.5));
        assert_eq!(pct(1, 2000), Some(0.1));
        assert_eq!(pct(1, 2001), Some(0.0));
    }

    #[test]
    fn bounds() {
        assert_eq!(pct(0, 7), Some(0.0));
        assert_eq!(pct(7, 7), Some(100.0));
        assert_eq!(pct(u64::MAX, u64::MAX), Some(100.0));
        assert_eq!(pct(u64::MAX - 1, u64::MAX), Some(100.0));
    }

    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&Ratio::new(965, 1000)).unwrap();
        assert_eq!(json, r#"{"numerator":965,"denominator":1000}"#);
    }

    #[test]
    fn formats_with_the_language_decimal_mark() {
        assert_eq!(format_percent(96.5, Lang::Vi), "96,5%");
        assert_eq!(format_percent(96.5, Lang::En), "96.5%");
        assert_eq!(format_percent(100.0, Lang::Vi), "100,0%");
        assert_eq!(format_percent(0.0, Lang::Vi), "0,0%");
        assert_eq!(format_percent(-0.0, Lang::En), "0.0%");
        assert_eq!(format_percent(6.3, Lang::En), "6.3%");
    }

    #[test]
    fn formats_every_rounded_percentage_exactly() {
        for tenths in 0..=1000u64 {
            let p = tenths as f64 / 10.0;
            let expected = format!("{}.{}%", tenths / 10, tenths % 10);
            assert_eq!(format_percent(p, Lang::En), expected);
        }
    }

    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }

    proptest! {
        #[test]
        fn within_a_twentieth_of_exact(d in 1u64..1_000_000, n_seed in any::<u64>()) {
            let n = n_seed % (d + 1);
            let p = pct(n, d).unwrap();
            let exact = n as f64 * 100.0 / d as f64;
            prop_assert!((p - exact).abs() <= 0.05 + 1e-9, "{n}/{d}: {p} vs {exact}");
        }

        #[test]
        fn exact_halves_round_up(k in 0u64..1000, m in 1u64..10_000) {
            // n/d = (2k+1)/2000 is exactly k.5 tenths of a percent; reduced, so odd denominators
            // such as 1/16 = 125/2000 are covered too.
            let (n, d) = ((2 * k + 1) * m, 2000 * m);
            let g = gcd(n, d);
            prop_assert_eq!(Ratio::new(n / g, d / g).percentage_tenths(), Some(k + 1));
        }

        #[test]
        fn between_zero_and_hundred(d in 1u64..u64::MAX, n_seed in any::<u64>()) {
            let n = n_seed % (d + 1);
            let p = pct(n, d).unwrap();
            prop_assert!((0.0..=100.0).contains(&p));
        }

        #[test]
        fn monotone_in_numerator(d in 1u64..1_000_000, a in any::<u64>(), b in any::<u64>()) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(pct(lo, d).unwrap() <= pct(hi, d).unwrap());
        }

        #[test]
        fn matches_a_decimal_reference(d in 1u64..1_000_000, n_seed in any::<u64>()) {
            let n = n_seed % (d + 1);
            // Reference by long division: truncate to hundredths, then round on that digit.
            let hundredths = 10_000 * u128::from(n) / u128::from(d);
            let expected = (hundredths / 10 + u128::from(hundredths % 10 >= 5)) as u64;
            prop_assert_eq!(Ratio::new(n, d).percentage_tenths(), Some(expected));
        }
    }
}
