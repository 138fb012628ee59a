//! The HR area: a unit's indicators, its people, one person's record, imports, reminders.
pub mod dashboard;
pub mod import;
pub mod people;
pub mod person;
pub mod person_platform;
pub mod reminders;

use domain::UnitRef;
use domain::hr::{IndicatorKey, PersonStatus};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use crate::components::form::Field;
use crate::i18n::use_hr_texts;

/// A query parameter of the page, empty when absent.
pub fn query_value(query: &Memo<ParamsMap>, key: &str) -> String {
    query.read().get(key).unwrap_or_default()
}

/// Percent-encodes a query value (names and searches may hold any character).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The people behind a figure: those of an indicator's denominator with a status.
pub fn people_href(unit: &str, as_of: &str, key: IndicatorKey, status: PersonStatus) -> String {
    format!(
        "{}?unit={}&as_of={}&indicator={}&status={}",
        crate::paths::HR_PEOPLE,
        encode(unit),
        encode(as_of),
        key.as_str(),
        status.as_str()
    )
}

/// Choosing the unit and the date of a page: a plain GET form, works without the wasm.
#[component]
pub fn UnitDateForm(
    action: &'static str,
    choices: Vec<UnitRef>,
    whole_province: bool,
    unit: String,
    as_of: String,
) -> impl IntoView {
    let h = use_hr_texts();
    let selected = unit.clone();
    view! {
        <form method="get" action=action class="filter-form">
            <Field id="unit" label=h.unit_field>
                <select id="unit" name="unit">
                    {whole_province.then(|| view! { <option value="" selected=unit.is_empty()>{h.province}</option> })}
                    {choices.into_iter().map(|u| {
                        let is = u.code == selected;
                        view! { <option value=u.code.clone() selected=is>{format!("{} ({})", u.name, u.code)}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <Field id="as_of" label=h.as_of_field>
                <input id="as_of" name="as_of" type="date" value=as_of/>
            </Field>
            <button type="submit" class="button">{h.show}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("Nguyễn An&x=1"), "Nguy%E1%BB%85n%20An%26x%3D1");
        assert_eq!(encode("T-SNV_2"), "T-SNV_2");
    }

    #[test]
    fn figure_links_name_indicator_and_status() {
        let href = people_href(
            "X-AN",
            "2026-02-28",
            IndicatorKey::Mastered,
            PersonStatus::NotMastered,
        );
        assert_eq!(
            href,
            "/don-vi/nhan-su?unit=X-AN&as_of=2026-02-28&indicator=mastered&status=not_mastered"
        );
    }
}
