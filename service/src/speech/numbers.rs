//! Numbers read aloud in Vietnamese: `96,5%` is "chín mươi sáu phẩy năm phần trăm",
//! `1.250.000` "một triệu hai trăm năm mươi nghìn", `06/12/2026` "ngày sáu tháng mười hai năm
//! hai nghìn không trăm hai mươi sáu". A text's numbers are replaced by their words in
//! [`spell_numbers`]; the rest of the text is left as it is.

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];
/// Groups of three digits, from the right: nghìn, triệu, tỷ, then nghìn tỷ…
const SCALES: [&str; 7] = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"];
/// Past this many digits a number is read digit by digit (an ID, a phone number).
const MAX_DIGITS: usize = 12;

/// A whole number in words: 21 "hai mươi mốt", 105 "một trăm linh năm", 1.005 "một nghìn
/// không trăm linh năm".
pub fn integer(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_owned();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as u16);
        rest /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        let leading = i == groups.len() - 1;
        words.push(hundreds(g, !leading));
        let scale = SCALES[i];
        if !scale.is_empty() {
            words.push(scale.to_owned());
        }
    }
    words.join(" ")
}

/// Three digits; `full` when a group before it was read, so 5 is "không trăm linh năm".
fn hundreds(g: u16, full: bool) -> String {
    let (h, t, u) = (g / 100, (g / 10) % 10, g % 10);
    let mut words = Vec::new();
    if h > 0 || full {
        words.push(DIGITS[h as usize]);
        words.push("trăm");
    }
    let read_hundreds = !words.is_empty();
    match t {
        0 if u > 0 && read_hundreds => {
            words.push("linh");
            words.push(DIGITS[u as usize]);
        }
        0 => {
            if u > 0 {
                words.push(DIGITS[u as usize]);
            }
        }
        1 => {
            words.push("mười");
            match u {
                0 => {}
                5 => words.push("lăm"),
                _ => words.push(DIGITS[u as usize]),
            }
        }
        _ => {
            words.push(DIGITS[t as usize]);
            words.push("mươi");
            match u {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push("tư"),
                5 => words.push("lăm"),
                _ => words.push(DIGITS[u as usize]),
            }
        }
    }
    words.join(" ")
}

/// Digits one by one: "0912" is "không chín một hai".
fn digit_by_digit(digits: &str) -> String {
    digits
        .bytes()
        .map(|b| DIGITS[(b - b'0') as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A run of digits as a number, or digit by digit when it starts with 0 or is too long.
fn digits_in_words(digits: &str) -> String {
    if digits.len() > MAX_DIGITS || (digits.len() > 1 && digits.starts_with('0')) {
        return digit_by_digit(digits);
    }
    integer(digits.parse().unwrap_or(0))
}

/// The part after a decimal comma: "5" is "năm", "25" "hai mươi lăm", "05" "không năm".
fn fraction(digits: &str) -> String {
    if digits.starts_with('0') || digits.len() > 3 {
        digit_by_digit(digits)
    } else {
        integer(digits.parse().unwrap_or(0))
    }
}

fn month(m: u32) -> String {
    match m {
        4 => "tư".to_owned(),
        _ => integer(u64::from(m)),
    }
}

/// A date `d/m/yyyy` (or `d/m`), when it is one.
fn date(parts: &[&str]) -> Option<String> {
    let day: u32 = parts.first()?.parse().ok()?;
    let m: u32 = parts.get(1)?.parse().ok()?;
    if !(1..=31).contains(&day) || !(1..=12).contains(&m) {
        return None;
    }
    let mut words = format!("ngày {} tháng {}", integer(u64::from(day)), month(m));
    if let Some(year) = parts.get(2) {
        let y: u64 = year.parse().ok()?;
        words.push_str(" năm ");
        words.push_str(&integer(y));
    }
    Some(words)
}

/// One token of digits and the separators between them (`96,5`, `1.250.000`, `06/12/2026`),
/// in words.
fn number_token(token: &str) -> String {
    let slashed: Vec<&str> = token.split('/').collect();
    if (2..=3).contains(&slashed.len()) && slashed.iter().all(|p| is_digits(p)) {
        if let Some(words) = date(&slashed) {
            return words;
        }
    }
    if let Some((whole, frac)) = token.split_once(',') {
        if is_digits(frac) && is_number(whole) {
            return format!("{} phẩy {}", whole_in_words(whole), fraction(frac));
        }
    }
    if is_number(token) {
        return whole_in_words(token);
    }
    // Anything else (a version "1.2.3", a ratio "2/3"): each run of digits read, the
    // separators said as what they are.
    let mut out = Vec::new();
    for part in split_keep(token) {
        match part {
            Part::Digits(d) => out.push(digits_in_words(d)),
            Part::Sep('/') => out.push("trên".to_owned()),
            Part::Sep('.') => out.push("chấm".to_owned()),
            Part::Sep(',') => out.push("phẩy".to_owned()),
            Part::Sep(':') => out.push("hai chấm".to_owned()),
            Part::Sep(_) => {}
        }
    }
    out.join(" ")
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits, or groups of three after a first group of one to three, separated by dots
/// (Vietnamese writes 1.250.000).
fn is_number(s: &str) -> bool {
    if is_digits(s) {
        return true;
    }
    let groups: Vec<&str> = s.split('.').collect();
    groups.len() > 1
        && is_digits(groups[0])
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3 && is_digits(g))
}

fn whole_in_words(s: &str) -> String {
    digits_in_words(&s.replace('.', ""))
}

enum Part<'a> {
    Digits(&'a str),
    Sep(char),
}

fn split_keep(token: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut start = None;
    for (i, c) in token.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                parts.push(Part::Digits(&token[s..i]));
            }
            parts.push(Part::Sep(c));
        }
    }
    if let Some(s) = start {
        parts.push(Part::Digits(&token[s..]));
    }
    parts
}

/// The text with every number spelt out; `%` after a number is "phần trăm", a minus sign
/// before one "âm".
pub fn spell_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_digit() {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], '.' | ',' | '/' | ':')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        let negative = out.ends_with('-')
            && !out[..out.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric);
        if negative {
            out.pop();
            out.push_str("âm ");
        } else if out.chars().last().is_some_and(char::is_alphabetic) {
            out.push(' ');
        }
        out.push_str(&number_token(&token));
        if chars.get(i) == Some(&'%') {
            out.push_str(" phần trăm");
            i += 1;
        } else if chars.get(i).is_some_and(|c| c.is_alphabetic()) {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_follow_the_spoken_rules() {
        let cases = [
            (0, "không"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (96, "chín mươi sáu"),
            (100, "một trăm"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (115, "một trăm mười lăm"),
            (341, "ba trăm bốn mươi mốt"),
        ];
        for (n, words) in cases {
            assert_eq!(integer(n), words, "{n}");
        }
    }

    #[test]
    fn large_numbers_are_read_by_groups_of_three() {
        assert_eq!(integer(1_000), "một nghìn");
        assert_eq!(integer(1_005), "một nghìn không trăm linh năm");
        assert_eq!(integer(2_026), "hai nghìn không trăm hai mươi sáu");
        assert_eq!(integer(34_500), "ba mươi tư nghìn năm trăm");
        assert_eq!(integer(2_000_500), "hai triệu năm trăm");
        assert_eq!(integer(1_250_000), "một triệu hai trăm năm mươi nghìn");
        assert_eq!(integer(3_000_000_000), "ba tỷ");
    }

    #[test]
    fn percentages_use_the_decimal_comma() {
        assert_eq!(spell_numbers("96,5%"), "chín mươi sáu phẩy năm phần trăm");
        assert_eq!(
            spell_numbers("đạt 70,5% cán bộ"),
            "đạt bảy mươi phẩy năm phần trăm cán bộ"
        );
        assert_eq!(spell_numbers("0,05"), "không phẩy không năm");
        assert_eq!(spell_numbers("3,14"), "ba phẩy mười bốn");
    }

    #[test]
    fn thousands_are_written_with_dots() {
        assert_eq!(
            spell_numbers("1.250.000 đồng"),
            "một triệu hai trăm năm mươi nghìn đồng"
        );
        assert_eq!(spell_numbers("1.2.3"), "một chấm hai chấm ba");
    }

    #[test]
    fn dates_are_read_as_dates() {
        assert_eq!(
            spell_numbers("hạn 06/12/2026."),
            "hạn ngày sáu tháng mười hai năm hai nghìn không trăm hai mươi sáu."
        );
        assert_eq!(spell_numbers("30/4"), "ngày ba mươi tháng tư");
        assert_eq!(
            spell_numbers("5/20"),
            "năm trên hai mươi",
            "no month 20: a ratio"
        );
    }

    #[test]
    fn codes_and_phone_numbers_are_read_digit_by_digit() {
        assert_eq!(spell_numbers("0912"), "không chín một hai");
        assert_eq!(spell_numbers("mã 2FA"), "mã hai FA");
        assert_eq!(spell_numbers("-5 độ"), "âm năm độ");
        assert_eq!(spell_numbers("Wi-Fi 6"), "Wi-Fi sáu");
    }

    #[test]
    fn text_without_numbers_is_untouched() {
        let text = "Bình dân học vụ số, cho mọi người.";
        assert_eq!(spell_numbers(text), text);
    }
}
