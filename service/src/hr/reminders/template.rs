//! A reminder's text with its placeholders (`domain::reminders::PLACEHOLDERS`) filled for one
//! person. `{{` and `}}` write a brace; any other brace, an unknown name, or a placeholder whose
//! value the officer did not give is refused, so no message leaves with a `{...}` in it.
use crate::{Error, Result};

/// What the placeholders become for one recipient.
#[derive(Debug, Clone, Default)]
pub struct Values<'a> {
    pub ho_ten: &'a str,
    pub don_vi: &'a str,
    /// `None`: the officer named no course, so `{khoa_hoc}` may not be used.
    pub khoa_hoc: Option<&'a str>,
    /// `dd/mm/yyyy`; `None`: no deadline, so `{han}` may not be used.
    pub han: Option<&'a str>,
}

/// The text with every placeholder replaced; `field` names the form field in errors.
pub fn fill(field: &str, text: &str, v: &Values<'_>) -> Result<String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        if tail.starts_with('}') {
            return Err(Error::invalid(field, "reminder_bad_brace"));
        }
        let end = tail
            .find('}')
            .ok_or_else(|| Error::invalid(field, "reminder_bad_brace"))?;
        out.push_str(value(field, &tail[1..end], v)?);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks a text's placeholders without a recipient (what the form sends first).
pub fn check(field: &str, text: &str, v: &Values<'_>) -> Result<()> {
    fill(field, text, v).map(|_| ())
}

fn value<'a>(field: &str, name: &str, v: &Values<'a>) -> Result<&'a str> {
    let missing = |code| Error::invalid(field, code);
    match name {
        "ho_ten" => Ok(v.ho_ten),
        "don_vi" => Ok(v.don_vi),
        "khoa_hoc" => v
            .khoa_hoc
            .ok_or_else(|| missing("reminder_course_required")),
        "han" => v.han.ok_or_else(|| missing("reminder_deadline_required")),
        _ => Err(missing("reminder_unknown_placeholder")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            ho_ten: "Nguyễn Văn An",
            don_vi: "Sở Nội vụ",
            khoa_hoc: Some("Kỹ năng số cơ bản"),
            han: Some("31/03/2026"),
        }
    }

    fn code(e: Error) -> String {
        match e {
            Error::Invalid(issues) => issues[0].code.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        let text = "Kính gửi {ho_ten} ({don_vi}): xin hoàn thành «{khoa_hoc}» trước {han}.";
        assert_eq!(
            fill("body", text, &values()).unwrap(),
            "Kính gửi Nguyễn Văn An (Sở Nội vụ): xin hoàn thành «Kỹ năng số cơ bản» trước 31/03/2026."
        );
        assert_eq!(
            fill("subject", "{ho_ten}{ho_ten}", &values()).unwrap(),
            "Nguyễn Văn AnNguyễn Văn An"
        );
    }

    #[test]
    fn doubled_braces_are_braces() {
        assert_eq!(
            fill("body", "{{ho_ten}} là {ho_ten} }}", &values()).unwrap(),
            "{ho_ten} là Nguyễn Văn An }"
        );
    }

    #[test]
    fn a_filled_value_is_not_read_again() {
        let v = Values {
            ho_ten: "{han}",
            ..values()
        };
        assert_eq!(fill("body", "{ho_ten}", &v).unwrap(), "{han}");
    }

    #[test]
    fn unknown_or_broken_placeholders_are_refused() {
        let e = |t: &str| code(fill("body", t, &values()).unwrap_err());
        assert_eq!(e("Chào {ten}"), "reminder_unknown_placeholder");
        assert_eq!(e("Chào {Ho_Ten}"), "reminder_unknown_placeholder");
        assert_eq!(e("Chào { ho_ten }"), "reminder_unknown_placeholder");
        assert_eq!(e("Chào {ho_ten"), "reminder_bad_brace");
        assert_eq!(e("Chào ho_ten}"), "reminder_bad_brace");
    }

    #[test]
    fn a_course_or_deadline_placeholder_needs_its_value() {
        let v = Values {
            khoa_hoc: None,
            han: None,
            ..values()
        };
        assert_eq!(
            code(fill("body", "{khoa_hoc}", &v).unwrap_err()),
            "reminder_course_required"
        );
        assert_eq!(
            code(fill("body", "{han}", &v).unwrap_err()),
            "reminder_deadline_required"
        );
        assert_eq!(fill("body", "Không có gì", &v).unwrap(), "Không có gì");
    }
}
