//! Certificates: what a public verification shows, and the short code that names one.
//!
//! A code is ten characters of Crockford's base32 (no I, L, O, U: nothing to misread on paper),
//! written in two groups of five, `7KQ2M-XC9RT`. Typed codes are forgiving: case, spaces and
//! hyphens are ignored, and O, I, L read as 0, 1, 1.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The 32 characters a code is written with.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code, without its hyphen.
pub const CODE_LEN: usize = 10;

/// What a certificate attests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateKind {
    /// A completed course.
    Course,
    /// A passed mastery assessment.
    Mastery,
}

impl CertificateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateKind::Course => "course",
            CertificateKind::Mastery => "mastery",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "course" => Some(CertificateKind::Course),
            "mastery" => Some(CertificateKind::Mastery),
            _ => None,
        }
    }
}

/// A revoked certificate says when and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revocation {
    pub on: NaiveDate,
    pub reason: String,
}

/// A certificate as anyone holding its code may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CertificateView {
    pub code: String,
    pub kind: CertificateKind,
    /// The course or assessment code, e.g. `KNS-AT-01`.
    pub programme_code: String,
    /// The course or assessment title.
    pub title: String,
    /// The holder's name; `None` once the holder erased their account.
    pub holder: Option<String>,
    pub issued_on: NaiveDate,
    /// The score of the passing attempt, in percent (mastery assessments and graded courses).
    pub score: Option<f64>,
    pub revoked: Option<Revocation>,
}

impl CertificateView {
    pub fn is_valid(&self) -> bool {
        self.revoked.is_none()
    }
}

/// The canonical form of a typed code (`7KQ2M-XC9RT`), or `None` when it cannot be one.
pub fn normalise_code(input: &str) -> Option<String> {
    let mut raw = String::with_capacity(CODE_LEN);
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
            return None;
        }
        raw.push(c);
    }
    (raw.len() == CODE_LEN).then(|| format_code(&raw))
}

/// Writes ten code characters as two groups of five.
pub fn format_code(raw: &str) -> String {
    let (a, b) = raw.split_at(raw.len() / 2);
    format!("{a}-{b}")
}

/// A code from ten numbers below 32 (the caller draws them at random).
pub fn code_from_indices(indices: &[u8; CODE_LEN]) -> String {
    let raw: String = indices
        .iter()
        .map(|&i| CODE_ALPHABET[usize::from(i % 32)] as char)
        .collect();
    format_code(&raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typed_codes_are_forgiving() {
        assert_eq!(
            normalise_code(" 7kq2m xc9rt ").as_deref(),
            Some("7KQ2M-XC9RT")
        );
        assert_eq!(
            normalise_code("OIL23-45678").as_deref(),
            Some("01123-45678")
        );
        assert_eq!(normalise_code("7KQ2M-XC9R"), None, "too short");
        assert_eq!(normalise_code("7KQ2M-XC9RTT"), None, "too long");
        assert_eq!(
            normalise_code("7KQ2M-XC9RU"),
            None,
            "U is not in the alphabet"
        );
        assert_eq!(normalise_code("7KQ2M-XC9RĐ"), None);
        assert_eq!(normalise_code(""), None);
    }

    proptest! {
        #[test]
        fn every_drawn_code_reads_back_as_itself(indices in proptest::array::uniform10(0u8..32)) {
            let code = code_from_indices(&indices);
            prop_assert_eq!(code.len(), CODE_LEN + 1);
            prop_assert_eq!(normalise_code(&code), Some(code.clone()));
            prop_assert_eq!(normalise_code(&code.to_lowercase().replace('-', " ")), Some(code));
        }
    }
}
