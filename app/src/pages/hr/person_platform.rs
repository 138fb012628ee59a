//! The person page's platform part: the linked account's attempts (scores, never answers) and
//! certificates, each certificate linking to its public verification page.
use crate::paths;
use domain::certificate::CertificateView;
use domain::hr::{PersonAttempt, TestedOutView};
use leptos::prelude::*;

use crate::components::table::DataTable;
use crate::i18n::hr::HrTexts;
use crate::i18n::{use_cert_texts, use_hr_texts};
use crate::pages::verify::{date_text, kind_text};

#[component]
pub fn PlatformAttempts(rows: Vec<PersonAttempt>, linked: bool) -> impl IntoView {
    let h = use_hr_texts();
    if !linked {
        return view! { <h2>{h.attempts_title}</h2><p>{h.no_account_no_platform}</p> }.into_any();
    }
    if rows.is_empty() {
        return view! { <h2>{h.attempts_title}</h2><p>{h.none_yet}</p> }.into_any();
    }
    view! {
        <h2>{h.attempts_title}</h2>
        <DataTable label=h.attempts_title testid="attempts">
            <thead><tr>
                <th scope="col">{h.quiz}</th><th scope="col">{h.started_on}</th><th scope="col">{h.status}</th>
                <th scope="col">{h.score}</th><th scope="col">{h.passed}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| view! {
                    <tr>
                        <th scope="row">{a.quiz_title.clone()}" ("{a.quiz_code.clone()}")"
                            {a.placement.then(|| view! { " · "{crate::i18n::use_placement_texts().author_kind}})}</th>
                        <td>{a.started_on.clone()}</td>
                        <td>{status_text(h, &a.status)}</td>
                        <td>{a.score.map(|s| domain::format_percent(s, h.lang)).unwrap_or_default()}</td>
                        <td>{a.passed.map(|p| if p { h.yes } else { h.no }).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

fn status_text(h: &HrTexts, status: &str) -> &'static str {
    match status {
        "open" => h.attempt_open,
        "timed_out" => h.attempt_timed_out,
        _ => h.attempt_submitted,
    }
}

#[component]
pub fn PlatformCertificates(rows: Vec<CertificateView>) -> impl IntoView {
    let (h, c) = (use_hr_texts(), use_cert_texts());
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <h2>{h.certificates_title}</h2>
        <ul class="plain" data-testid="certificates">
            {rows.into_iter().map(|x| {
                let href = paths::verify(&x.code);
                view! {
                    <li>
                        <a href=href>{x.code.clone()}</a>" — "{x.title.clone()}" · "{kind_text(c, x.kind)}
                        " · "{date_text(x.issued_on, h.lang)}
                        {x.revoked.as_ref().map(|_| view! { " · "<strong>{c.revoked}</strong> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The lessons the person tested out with a course's placement check, apart from those read.
#[component]
pub fn PlatformTestedOut(rows: Vec<TestedOutView>) -> impl IntoView {
    let (h, p) = (use_hr_texts(), crate::i18n::use_placement_texts());
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <h2>{p.hr_title}</h2>
        <DataTable label=p.hr_title testid="tested-out">
            <thead><tr>
                <th scope="col">{p.hr_course}</th><th scope="col">{p.hr_lesson}</th><th scope="col">{p.hr_on}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|x| view! {
                    <tr>
                        <td>{x.course_title.clone()}" ("{x.course_code.clone()}")"</td>
                        <th scope="row">{x.position}". "{x.lesson_title.clone()}</th>
                        <td>{x.on.parse::<chrono::NaiveDate>().map(|d| date_text(d, h.lang)).unwrap_or(x.on.clone())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}
