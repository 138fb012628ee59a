//! Parsing one cell of an import file; each failure is a stable error code.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::header::normalise;

/// The kind of a roster member; `Khac` (contract staff) counts in no indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffKind {
    CanBo,
    CongChuc,
    VienChuc,
    Khac,
}

impl StaffKind {
    pub const ALL: &'static [StaffKind] = &[
        StaffKind::CanBo,
        StaffKind::CongChuc,
        StaffKind::VienChuc,
        StaffKind::Khac,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffKind::CanBo => "can_bo",
            StaffKind::CongChuc => "cong_chuc",
            StaffKind::VienChuc => "vien_chuc",
            StaffKind::Khac => "khac",
        }
    }
}

/// How a training was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    TrucTuyen,
    TrucTiep,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::TrucTuyen => "truc_tuyen",
            Mode::TrucTiep => "truc_tiep",
        }
    }
}

/// `YYYY-MM-DD` or `DD/MM/YYYY`, and a date that exists (no 31/02).
pub fn parse_date(text: &str) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
    let parts = |sep: char| -> Option<Vec<&str>> {
        let p: Vec<&str> = text.split(sep).collect();
        (p.len() == 3
            && p.iter()
                .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())))
        .then_some(p)
    };
    let ymd = if let Some(p) = parts('-') {
        (p[0].len() == 4 && p[1].len() <= 2 && p[2].len() <= 2).then(|| (p[0], p[1], p[2]))
    } else if let Some(p) = parts('/') {
        (p[2].len() == 4 && p[0].len() <= 2 && p[1].len() <= 2).then(|| (p[2], p[1], p[0]))
    } else {
        None
    };
    let (y, m, d) = ymd.ok_or("invalid_date")?;
    let num = |s: &str| s.parse::<u32>().map_err(|_| "invalid_date");
    let year = i32::try_from(num(y)?).map_err(|_| "invalid_date")?;
    NaiveDate::from_ymd_opt(year, num(m)?, num(d)?).ok_or("invalid_date")
}

/// The key (`cong_chuc`) or the label (`Công chức`), whatever the case or diacritics.
pub fn parse_kind(text: &str) -> Result<StaffKind, &'static str> {
    let n = normalise(text);
    StaffKind::ALL
        .iter()
        .copied()
        .find(|k| normalise(k.as_str()) == n)
        .ok_or("invalid_kind")
}

pub fn parse_level(text: &str) -> Result<crate::UnitLevel, &'static str> {
    match normalise(text).as_str() {
        "tinh" | "captinh" => Ok(crate::UnitLevel::Tinh),
        "xa" | "capxa" => Ok(crate::UnitLevel::Xa),
        _ => Err("invalid_level"),
    }
}

pub fn parse_mode(text: &str) -> Result<Mode, &'static str> {
    match normalise(text).as_str() {
        "tructuyen" => Ok(Mode::TrucTuyen),
        "tructiep" => Ok(Mode::TrucTiep),
        _ => Err("invalid_mode"),
    }
}

/// yes/no, có/không, 1/0, true/false, đạt/không đạt.
pub fn parse_passed(text: &str) -> Result<bool, &'static str> {
    match normalise(text).as_str() {
        "yes" | "co" | "1" | "true" | "dat" | "x" => Ok(true),
        "no" | "khong" | "0" | "false" | "khongdat" => Ok(false),
        _ => Err("invalid_pass_flag"),
    }
}

/// 0 to 100, with a decimal point or a decimal comma.
pub fn parse_score(text: &str) -> Result<f64, &'static str> {
    let cleaned = text.trim().replace(',', ".");
    let ok = !cleaned.is_empty() && cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let score: f64 = if ok {
        cleaned.parse().map_err(|_| "invalid_score")?
    } else {
        return Err("invalid_score");
    };
    (0.0..=100.0)
        .contains(&score)
        .then_some(score)
        .ok_or("invalid_score")
}

/// Exactly 12 digits. Fewer digits means a spreadsheet took the number for a quantity and
/// dropped its leading zeros: reported, never padded, since a guess could name someone else.
pub fn parse_personal_id(text: &str) -> Result<String, &'static str> {
    let id: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !id.bytes().all(|b| b.is_ascii_digit()) || id.is_empty() {
        return Err("invalid_personal_id");
    }
    match id.len() {
        12 => Ok(id),
        n if n < 12 => Err("personal_id_leading_zeros_lost"),
        _ => Err("invalid_personal_id"),
    }
}

/// A mobile number in canonical form; a landline (digits only, 10 or 11) is kept as written.
pub fn parse_phone(text: &str) -> Result<String, &'static str> {
    if let Ok(p) = crate::Phone::parse(text) {
        return Ok(p.as_str().to_owned());
    }
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let landline = (10..=11).contains(&digits.len())
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    landline.then_some(digits).ok_or("invalid_phone")
}

pub fn parse_email(text: &str) -> Result<String, &'static str> {
    crate::Email::parse(text)
        .map(|e| e.as_str().to_owned())
        .map_err(|_| "invalid_email")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(parse_date("2026-02-28"), Ok(d(2026, 2, 28)));
        assert_eq!(parse_date("28/02/2026"), Ok(d(2026, 2, 28)));
        assert_eq!(parse_date(" 1/7/2025 "), Ok(d(2025, 7, 1)));
        for bad in [
            "31/02/2026",
            "2026-13-01",
            "2026/02/28",
            "28-02-2026",
            "",
            "hôm nay",
            "28/02/26",
            "2026-02-28T00:00",
        ] {
            assert_eq!(parse_date(bad), Err("invalid_date"), "{bad}");
        }
        assert_eq!(parse_date("29/02/2024"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn kinds_by_key_or_label() {
        assert_eq!(parse_kind("cong_chuc"), Ok(StaffKind::CongChuc));
        assert_eq!(parse_kind("Công chức"), Ok(StaffKind::CongChuc));
        assert_eq!(parse_kind("CÁN BỘ"), Ok(StaffKind::CanBo));
        assert_eq!(parse_kind("Viên chức"), Ok(StaffKind::VienChuc));
        assert_eq!(parse_kind("Khác"), Ok(StaffKind::Khac));
        assert_eq!(parse_kind("hợp đồng"), Err("invalid_kind"));
    }

    #[test]
    fn levels_modes_and_flags() {
        assert_eq!(parse_level("Tỉnh"), Ok(crate::UnitLevel::Tinh));
        assert_eq!(parse_level("xa"), Ok(crate::UnitLevel::Xa));
        assert_eq!(parse_level("huyen"), Err("invalid_level"));
        assert_eq!(parse_mode("Trực tuyến"), Ok(Mode::TrucTuyen));
        assert_eq!(parse_mode("truc_tiep"), Ok(Mode::TrucTiep));
        assert_eq!(parse_mode("thư"), Err("invalid_mode"));
        for yes in ["yes", "Có", "1", "TRUE", "Đạt"] {
            assert_eq!(parse_passed(yes), Ok(true), "{yes}");
        }
        for no in ["no", "không", "0", "false", "Không đạt"] {
            assert_eq!(parse_passed(no), Ok(false), "{no}");
        }
        assert_eq!(parse_passed("có lẽ"), Err("invalid_pass_flag"));
    }

    #[test]
    fn scores() {
        assert_eq!(parse_score("85,5"), Ok(85.5));
        assert_eq!(parse_score("100"), Ok(100.0));
        assert_eq!(parse_score("0"), Ok(0.0));
        for bad in ["100.5", "-1", "abc", "", "1e2"] {
            assert_eq!(parse_score(bad), Err("invalid_score"), "{bad}");
        }
    }

    #[test]
    fn personal_ids() {
        assert_eq!(
            parse_personal_id("001203004567"),
            Ok("001203004567".to_owned())
        );
        assert_eq!(
            parse_personal_id("1203004567"),
            Err("personal_id_leading_zeros_lost")
        );
        assert_eq!(
            parse_personal_id("01203004567"),
            Err("personal_id_leading_zeros_lost")
        );
        assert_eq!(
            parse_personal_id("0012030045678"),
            Err("invalid_personal_id")
        );
        assert_eq!(
            parse_personal_id("00120300456A"),
            Err("invalid_personal_id")
        );
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(parse_phone("0912 345 678"), Ok("0912345678".to_owned()));
        assert_eq!(parse_phone("02513 812 345"), Ok("02513812345".to_owned()));
        assert_eq!(parse_phone("12345"), Err("invalid_phone"));
        assert_eq!(parse_email("An@Vidu.VN"), Ok("an@vidu.vn".to_owned()));
        assert_eq!(parse_email("an@"), Err("invalid_email"));
    }

    proptest! {
        #[test]
        fn every_real_date_parses_in_both_forms(days in 0i64..80_000) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string()), Ok(date));
            prop_assert_eq!(parse_date(&date.format("%d/%m/%Y").to_string()), Ok(date));
        }

        #[test]
        fn short_all_digit_ids_are_never_padded(id in "[0-9]{1,11}") {
            prop_assert_eq!(parse_personal_id(&id), Err("personal_id_leading_zeros_lost"));
        }

        #[test]
        fn scores_in_range_parse(tenths in 0u32..=1000) {
            let text = format!("{},{}", tenths / 10, tenths % 10);
            let s = parse_score(&text).unwrap();
            prop_assert!((s - f64::from(tenths) / 10.0).abs() < 1e-9);
        }
    }
}
