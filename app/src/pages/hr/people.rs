//! `/don-vi/nhan-su`: the people of a unit's subtree on a date, searched and filtered by kind,
//! status and indicator, paged, exportable.
use domain::exchange::StaffKind;
use domain::hr::{IndicatorKey, PeoplePage, PeopleQuery, PersonRow, PersonStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::{encode, query_value};
use crate::api::hr::list_people;
use crate::components::alert::ServerErrorAlert;
use crate::components::form::Field;
use crate::components::table::DataTable;
use crate::i18n::hr::format_count;
use crate::i18n::{use_hr_texts, use_texts};
use crate::paths;

fn people_query(query: &Memo<ParamsMap>) -> PeopleQuery {
    PeopleQuery {
        unit: query_value(query, "unit"),
        as_of: query_value(query, "as_of"),
        search: query_value(query, "q"),
        kind: query_value(query, "kind"),
        status: query_value(query, "status"),
        indicator: query_value(query, "indicator"),
        page: query_value(query, "page").parse().unwrap_or(1),
    }
}

/// The query string of a list (without the page), for pager and export links.
pub fn list_params(q: &PeopleQuery) -> String {
    [
        ("unit", &q.unit),
        ("as_of", &q.as_of),
        ("q", &q.search),
        ("kind", &q.kind),
        ("status", &q.status),
        ("indicator", &q.indicator),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let (t, h) = (use_texts(), use_hr_texts());
    let query = use_query_map();
    let data = Resource::new(move || people_query(&query), list_people);
    view! {
        <Title text=h.people_title/>
        <section class="card wide">
            <h1>{h.people_title}</h1>
            {move || view! { <Filters q=people_query(&query)/> }}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(page) => view! { <PeopleList page=page q=people_query(&query)/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Filters(q: PeopleQuery) -> impl IntoView {
    let h = use_hr_texts();
    let kinds = StaffKind::ALL.iter().map(|k| (k.as_str(), h.kind(*k)));
    let statuses = PersonStatus::ALL.iter().map(|s| (s.as_str(), h.status(*s)));
    let indicators = IndicatorKey::ALL
        .iter()
        .map(|k| (k.as_str(), h.indicator_short(*k)));
    view! {
        <form method="get" action=paths::HR_PEOPLE class="filter-form" role="search">
            <input type="hidden" name="unit" value=q.unit.clone()/>
            <Field id="q" label=h.search_field grow=true>
                <input id="q" name="q" type="search" value=q.search.clone()/>
            </Field>
            <Choice id="kind" label=h.kind_field current=q.kind.clone() options=kinds.collect()/>
            <Choice id="status" label=h.status_field current=q.status.clone() options=statuses.collect()/>
            <Choice id="indicator" label=h.indicator_field current=q.indicator.clone() options=indicators.collect()/>
            <Field id="as_of" label=h.as_of_field>
                <input id="as_of" name="as_of" type="date" value=q.as_of.clone()/>
            </Field>
            <button type="submit" class="button">{h.filter}</button>
        </form>
    }
}

#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    current: String,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <Field id=id label=label>
            <select id=id name=id>
                <option value="" selected=current.is_empty()>{h.any}</option>
                {options.into_iter().map(|(value, text)| view! {
                    <option value=value selected=current == value>{text}</option>
                }).collect_view()}
            </select>
        </Field>
    }
}

#[component]
fn PeopleList(page: PeoplePage, q: PeopleQuery) -> impl IntoView {
    let (h, r) = (use_hr_texts(), crate::i18n::use_reminder_texts());
    let params = list_params(&q);
    let export = |format: &str| format!("{}?{params}&format={format}", paths::HR_PEOPLE_EXPORT);
    let heading = page
        .unit
        .as_ref()
        .map_or(h.province.to_owned(), |u| u.name.clone());
    view! {
        <p class="list-summary">
            <strong>{heading}</strong>" · "{h.as_of_field}" "{page.as_of.clone()}" · "
            {h.people_count}" "<strong data-testid="people-total">{format_count(page.total, h.lang)}</strong>
        </p>
        <p class="actions">
            <a class="button small" href=export("csv") rel="external" download>{h.export_csv}</a>
            <a class="button small" href=export("xlsx") rel="external" download>{h.export_xlsx}</a>
            <a class="button small" href=format!("{}?{params}", paths::HR_REMINDER_NEW) data-testid="write-reminder">{r.write_link}</a>
            <a class="button small" href=paths::HR_REMINDERS>{r.list_link}</a>
        </p>
        {if page.rows.is_empty() {
            view! { <p>{h.people_none}</p> }.into_any()
        } else {
            view! { <PeopleTable rows=page.rows.clone()/> }.into_any()
        }}
        <Pager page=page.page pages=page.pages() params=params.clone()/>
    }
}

#[component]
fn PeopleTable(rows: Vec<PersonRow>) -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <DataTable label=h.people_title testid="people-table">
            <thead><tr>
                <th scope="col">{h.staff_code}</th>
                <th scope="col">{h.full_name}</th>
                <th scope="col">{h.unit_col}</th>
                <th scope="col">{h.kind_col}</th>
                <th scope="col">{h.trained_col}</th>
                <th scope="col">{h.mastered_col}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|p| {
                    let href = paths::hr_person(encode(&p.staff_code));
                    view! {
                        <tr>
                            <td><a href=href>{p.staff_code.clone()}</a></td>
                            <th scope="row">{p.full_name.clone()}</th>
                            <td>{p.unit.name.clone()}</td>
                            <td>{h.kind(p.kind)}</td>
                            <td>{p.trained_on.clone().unwrap_or_else(|| h.not_yet.to_owned())}</td>
                            <td>{p.mastered_on.clone().unwrap_or_else(|| h.not_yet.to_owned())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}

#[component]
fn Pager(page: u32, pages: u32, params: String) -> impl IntoView {
    let h = use_hr_texts();
    let link = move |p: u32| format!("{}?{params}&page={p}", paths::HR_PEOPLE);
    view! {
        <nav class="pager" aria-label=h.page_of>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{h.previous}</a> })}
            <span>{format!("{} {page} / {pages}", h.page_of)}</span>
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{h.next}</a> })}
        </nav>
    }
}
