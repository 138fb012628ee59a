//! The audit log: every change, newest first, filtered by who, action, object and dates, paged.
use domain::audit_view::{AuditEntry, AuditFilter};
use domain::dates::{format_local, parse_day};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api::audit::list_audit;
use crate::components::alert::ServerErrorAlert;
use crate::components::form::Field;
use crate::components::table::DataTable;
use crate::i18n::admin_area::{AdminTexts, use_admin_texts};
use crate::i18n::use_texts;

/// The page's query parameters, in the order the filter form sends them.
const PARAMS: [&str; 5] = ["nguoi", "hanh_dong", "doi_tuong", "tu", "den"];

fn filter_of(q: &ParamsMap) -> AuditFilter {
    let text = |k: &str| q.get(k).unwrap_or_default().trim().to_owned();
    let day = |k: &str| parse_day(&text(k));
    AuditFilter {
        actor: text("nguoi"),
        action: text("hanh_dong"),
        object: text("doi_tuong"),
        from: day("tu"),
        to: day("den"),
        page: text("trang").parse().unwrap_or(1).max(1),
    }
}

/// The link to another page of the same filter.
fn page_href(q: &ParamsMap, page: u64) -> String {
    let mut parts: Vec<String> = PARAMS
        .iter()
        .filter_map(|k| {
            q.get(k)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", encode(&v)))
        })
        .collect();
    parts.push(format!("trang={page}"));
    format!("?{}", parts.join("&"))
}

/// Percent-encoding for a query value: everything but unreserved characters.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_admin_texts());
    let query = use_query_map();
    let entries = Resource::new(move || filter_of(&query.read()), list_audit);
    view! {
        <Title text=a.audit_title/>
        <section class="card wide">
            <h1>{a.audit_title}</h1>
            <p>{a.audit_intro}</p>
            <FilterForm/>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || entries.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(page) if page.entries.is_empty() && page.page == 1 => view! { <p>{a.audit_none}</p> }.into_any(),
                    Ok(page) => {
                        let q = query.read_untracked();
                        let prev = (page.page > 1).then(|| page_href(&q, page.page - 1));
                        let next = page.has_next.then(|| page_href(&q, page.page + 1));
                        view! {
                            <AuditTable entries=page.entries/>
                            <nav class="pager" aria-label=a.audit_page>
                                {prev.map(|h| view! { <a href=h rel="prev">{a.audit_prev}</a> })}
                                <span>{format!("{} {}", a.audit_page, page.page)}</span>
                                {next.map(|h| view! { <a href=h rel="next">{a.audit_next}</a> })}
                            </nav>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn FilterForm() -> impl IntoView {
    let a = use_admin_texts();
    let query = use_query_map();
    let value = move |k: &'static str| move || query.read().get(k).unwrap_or_default();
    let fields: [(&'static str, &'static str, &'static str); 5] = [
        ("nguoi", a.audit_actor, "search"),
        ("hanh_dong", a.audit_action, "text"),
        ("doi_tuong", a.audit_object, "text"),
        ("tu", a.audit_from, "date"),
        ("den", a.audit_to, "date"),
    ];
    view! {
        <form method="get" class="filter-form" role="search">
            {fields.into_iter().map(|(name, label, kind)| {
                let id = format!("loc-{name}");
                let hint = (name == "doi_tuong").then_some(a.audit_object_hint);
                view! {
                    <Field id=id.clone() label=label>
                        <input id=id name=name type=kind value=value(name) placeholder=hint/>
                    </Field>
                }
            }).collect_view()}
            <button type="submit" class="button">{a.audit_filter}</button>
        </form>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let a = use_admin_texts();
    view! {
        <DataTable label=a.audit_title>
            <thead><tr>
                <th scope="col">{a.audit_when}</th>
                <th scope="col">{a.audit_who}</th>
                <th scope="col">{a.audit_action}</th>
                <th scope="col">{a.audit_object}</th>
                <th scope="col">{a.audit_before}</th>
                <th scope="col">{a.audit_after}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| entry_line(a, e)).collect_view()}
            </tbody>
        </DataTable>
    }
}

/// The person (login and name), the API token (name and first characters), or the system.
fn who(a: &AdminTexts, e: &AuditEntry) -> String {
    match (&e.actor_login, &e.actor_name, &e.token_name) {
        (Some(login), Some(name), _) => format!("{name} ({login})"),
        (_, _, Some(token)) => format!(
            "{}: {token} ({}…)",
            a.audit_token,
            e.token_hint.clone().unwrap_or_default()
        ),
        _ => a.audit_system.to_owned(),
    }
}

fn entry_line(a: &'static AdminTexts, e: AuditEntry) -> impl IntoView + use<> {
    let who = who(a, &e);
    let object = format!("{}:{}", e.object_kind, e.object_id);
    view! {
        <tr>
            <td>{format_local(e.at)}</td>
            <td>{who}</td>
            <td><code>{e.action}</code></td>
            <td><code>{object}</code></td>
            <td>{json_cell(e.before)}</td>
            <td>{json_cell(e.after)}</td>
        </tr>
    }
}

fn json_cell(value: Option<String>) -> impl IntoView {
    value.map(|v| view! { <pre class="json">{v}</pre> })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filter_and_encode_it() {
        let mut q = ParamsMap::new();
        q.insert("nguoi", "nguyễn an".to_owned());
        q.insert("hanh_dong", String::new());
        q.insert("trang", "2".to_owned());
        assert_eq!(page_href(&q, 3), "?nguoi=nguy%E1%BB%85n%20an&trang=3");
    }

    #[test]
    fn the_filter_comes_from_the_query() {
        let mut q = ParamsMap::new();
        q.insert("tu", "2026-02-01".to_owned());
        q.insert("den", "01/02/2026".to_owned());
        q.insert("trang", "0".to_owned());
        let f = filter_of(&q);
        assert_eq!(f.from, parse_day("2026-02-01"));
        assert!(f.from.is_some());
        assert_eq!(f.to, None, "only the date input's own form is read");
        assert_eq!(f.page, 1);
    }
}
