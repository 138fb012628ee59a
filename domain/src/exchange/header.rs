//! Header matching: a column is found whatever the case, spacing, punctuation or diacritics.
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lowercase ASCII letters and digits only: `Mã cán bộ`, `ma_can_bo` and `MA CAN BO` all give
/// `macanbo`. `đ` has no decomposition, so it is mapped by hand.
pub fn normalise(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalise;
    use proptest::prelude::*;

    #[test]
    fn key_heading_and_capitals_match() {
        for h in [
            "ma_can_bo",
            "Mã cán bộ",
            "MA CAN BO",
            " Mã  Cán-Bộ ",
            "\u{feff}ma_can_bo",
        ] {
            assert_eq!(normalise(h), "macanbo", "{h}");
        }
        assert_eq!(normalise("Mã đơn vị cấp trên"), "madonvicaptren");
        assert_eq!(normalise("ĐẠT"), "dat");
        assert_eq!(normalise("Số định danh cá nhân"), "sodinhdanhcanhan");
    }

    proptest! {
        #[test]
        fn idempotent_and_ascii(s in "\\PC{0,30}") {
            let n = normalise(&s);
            prop_assert!(n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            prop_assert_eq!(normalise(&n), n.clone());
        }
    }
}
