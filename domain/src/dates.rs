//! Dates as the province keeps them: Vietnam's time (UTC+7, no daylight saving). Every
//! "which day was this", "when does this day start" and "today" goes through here; the clock
//! itself is read by `service::today()` and `service::now()`.
use chrono::{DateTime, FixedOffset, NaiveDate};

/// Vietnam's offset from UTC, in seconds.
const OFFSET_SECONDS: i32 = 7 * 3600;

/// Vietnam's time zone.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(OFFSET_SECONDS).expect("a valid offset")
}

/// The day in Vietnam of a Unix timestamp.
pub fn vietnam_date(epoch_secs: i64) -> NaiveDate {
    DateTime::from_timestamp(epoch_secs, 0)
        .unwrap_or_default()
        .with_timezone(&vietnam())
        .date_naive()
}

/// The first second of a day in Vietnam, as a Unix timestamp.
pub fn day_start(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp() - i64::from(OFFSET_SECONDS))
}

/// The first second after a day ends in Vietnam, as a Unix timestamp.
pub fn day_end(day: NaiveDate) -> i64 {
    day_start(day.succ_opt().unwrap_or(day))
}

/// `28/02/2026 14:05:09` in Vietnam's time.
pub fn format_local(epoch_secs: i64) -> String {
    DateTime::from_timestamp(epoch_secs, 0)
        .map(|t| {
            t.with_timezone(&vietnam())
                .format("%d/%m/%Y %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// A day written `YYYY-MM-DD` (as a date input and the API send it), surrounding spaces
/// allowed; anything else (`2026-2-8`, `+2026-02-08`) is no day.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// A moment written `YYYY-MM-DDTHH:MM` in Vietnam's time (as a `datetime-local` input sends
/// it), as a Unix timestamp; anything else is no moment.
pub fn parse_local_minute(text: &str) -> Option<i64> {
    let text = text.trim();
    (text.len() == 16)
        .then(|| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok())
        .flatten()
        .map(|t| t.and_utc().timestamp() - i64::from(OFFSET_SECONDS))
}

/// `28/02/2026`, as a date is written in Vietnam.
pub fn format_day(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_local_minute_is_vietnam_time() {
        assert_eq!(
            parse_local_minute("2026-02-28T07:00"),
            Some(day_start(day(2026, 2, 28)) + 7 * 3600)
        );
        assert_eq!(parse_local_minute("2026-02-28 07:00"), None);
        assert_eq!(parse_local_minute("2026-02-30T07:00"), None);
        assert_eq!(format_day(day(2026, 3, 5)), "05/03/2026");
    }

    #[test]
    fn vietnam_days_start_at_17_utc_the_day_before() {
        let d = day(2026, 2, 28);
        assert_eq!(format_local(day_start(d)), "28/02/2026 00:00:00");
        assert_eq!(format_local(day_start(d) - 1), "27/02/2026 23:59:59");
        assert_eq!(day_end(d) - day_start(d), 86_400);
        assert_eq!(vietnam_date(day_start(d)), d);
        assert_eq!(vietnam_date(day_end(d) - 1), d);
        assert_eq!(vietnam_date(day_end(d)), day(2026, 3, 1));
    }

    #[test]
    fn only_full_iso_days_parse() {
        assert_eq!(parse_day(" 2026-02-08 "), Some(day(2026, 2, 8)));
        assert_eq!(parse_day("2026-2-8"), None);
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("08/02/2026"), None);
        assert_eq!(parse_day(""), None);
    }
}
