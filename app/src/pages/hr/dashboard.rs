//! `/don-vi`: a unit's three indicators on a date, by sub-unit and month by month; every number
//! opens the list of the people behind it.
use domain::hr::{Dashboard, IndicatorKey, IndicatorSet};
use domain::{Ratio, UnitRef};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{UnitDateForm, people_href, query_value};
use crate::api::hr::load_dashboard;
use crate::components::alert::ServerErrorAlert;
use crate::components::charts::{BarChart, Legend, LineChart, month_label, percent_text};
use crate::components::table::DataTable;
use crate::i18n::hr::format_count;
use crate::i18n::{use_hr_texts, use_texts};
use crate::paths;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let (t, h) = (use_texts(), use_hr_texts());
    let query = use_query_map();
    let data = Resource::new(
        move || (query_value(&query, "unit"), query_value(&query, "as_of")),
        |(unit, as_of)| load_dashboard(unit, as_of),
    );
    view! {
        <Title text=h.dashboard_title/>
        <section class="card wide">
            <h1>{h.dashboard_title}</h1>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(d) => view! { <DashboardView d=d/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let h = use_hr_texts();
    let unit_code = d.unit.as_ref().map(|u| u.code.clone()).unwrap_or_default();
    let heading = d
        .unit
        .as_ref()
        .map_or(h.province.to_owned(), |u| u.name.clone());
    let export = |format: &str| {
        format!(
            "/api/v1/indicators/export?unit={unit_code}&as_of={}&format={format}",
            d.as_of
        )
    };
    let people = format!("{}?unit={unit_code}&as_of={}", paths::HR_PEOPLE, d.as_of);
    let import = paths::HR_IMPORT.to_owned();
    view! {
        <UnitDateForm action=paths::HR_DASHBOARD choices=d.choices.clone() whole_province=d.whole_province unit=unit_code.clone() as_of=d.as_of.clone()/>
        <h2 data-testid="dashboard-unit">{heading}</h2>
        <div class="figures">
            {IndicatorKey::ALL.iter().map(|k| view! {
                <Figure key=*k ratio=d.figures.get(*k) unit=unit_code.clone() as_of=d.as_of.clone()/>
            }).collect_view()}
        </div>
        <p class="actions">
            <a class="button small" href=people>{h.to_people}</a>
            <a class="button small" href=import>{h.to_import}</a>
            <a class="button small" href=export("csv") rel="external" download>{h.export_csv}</a>
            <a class="button small" href=export("xlsx") rel="external" download>{h.export_xlsx}</a>
        </p>
        <ByUnit rows=d.by_unit.clone() as_of=d.as_of.clone()/>
        <Monthly points=d.monthly.clone()/>
    }
}

/// One indicator: the percentage, and its numerator and the rest of its denominator as links.
#[component]
fn Figure(key: IndicatorKey, ratio: Ratio, unit: String, as_of: String) -> impl IntoView {
    let h = use_hr_texts();
    let lang = h.lang;
    let percent = ratio.percentage().map_or_else(
        || h.no_percentage.to_owned(),
        |p| domain::format_percent(p, lang),
    );
    let missing = ratio.denominator.saturating_sub(ratio.numerator);
    let achieved_href = people_href(&unit, &as_of, key, key.achieved());
    let missing_href = people_href(&unit, &as_of, key, key.missing());
    view! {
        <article class="figure" data-testid=format!("figure-{}", key.as_str())>
            <h3>{h.indicator(key)}</h3>
            <p class="figure-value">{percent}</p>
            <p class="figure-counts">
                {format!("{} / {} {}", format_count(ratio.numerator, lang), format_count(ratio.denominator, lang), h.people_word)}
            </p>
            <p class="figure-links">
                <a href=achieved_href>{format!("{}: {}", h.achieved, format_count(ratio.numerator, lang))}</a>
                " · "
                <a href=missing_href>{format!("{}: {}", h.not_yet, format_count(missing, lang))}</a>
            </p>
        </article>
    }
}

#[component]
fn ByUnit(rows: Vec<(UnitRef, IndicatorSet)>, as_of: String) -> impl IntoView {
    let h = use_hr_texts();
    if rows.is_empty() {
        return view! { <h2>{h.by_unit_title}</h2><p>{h.by_unit_none}</p> }.into_any();
    }
    let bars: Vec<(String, IndicatorSet)> =
        rows.iter().map(|(u, s)| (u.name.clone(), *s)).collect();
    view! {
        <h2 id="theo-don-vi">{h.by_unit_title}</h2>
        <Legend/>
        <BarChart title=h.by_unit_title.to_owned() rows=bars/>
        <DataTable labelledby="theo-don-vi">
            <thead><tr>
                <th scope="col">{h.unit_col}</th>
                {IndicatorKey::ALL.iter().map(|k| view! { <th scope="col">{h.indicator_short(*k)}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(u, set)| view! { <UnitLine unit=u set=set as_of=as_of.clone()/> }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn UnitLine(unit: UnitRef, set: IndicatorSet, as_of: String) -> impl IntoView {
    let h = use_hr_texts();
    let href = format!("{}?unit={}&as_of={as_of}", paths::HR_DASHBOARD, unit.code);
    view! {
        <tr>
            <th scope="row"><a href=href>{unit.name.clone()}</a></th>
            {IndicatorKey::ALL.iter().map(|k| {
                let r = set.get(*k);
                let text = percent_text(&set, *k, h.lang).unwrap_or_else(|| "—".to_owned());
                let href = people_href(&unit.code, &as_of, *k, k.achieved());
                view! {
                    <td>{text}" ("<a href=href>{format_count(r.numerator, h.lang)}</a>
                        {format!(" / {})", format_count(r.denominator, h.lang))}</td>
                }
            }).collect_view()}
        </tr>
    }
}

#[component]
fn Monthly(points: Vec<(String, IndicatorSet)>) -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <h2 id="theo-thang">{h.monthly_title}</h2>
        <Legend/>
        <LineChart title=h.monthly_title.to_owned() points=points.clone()/>
        <details>
            <summary>{h.chart_table}</summary>
            <DataTable labelledby="theo-thang">
                <thead><tr>
                    <th scope="col">{h.month}</th>
                    {IndicatorKey::ALL.iter().map(|k| view! { <th scope="col">{h.indicator_short(*k)}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {points.into_iter().map(|(date, set)| view! {
                        <tr>
                            <th scope="row">{month_label(&date)}</th>
                            {IndicatorKey::ALL.iter().map(|k| view! {
                                <td>{percent_text(&set, *k, h.lang).unwrap_or_else(|| "—".to_owned())}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </DataTable>
        </details>
    }
}
