//! `/soan-bai/ngan-hang`: the question bank, filtered by domain and difficulty with a GET form,
//! and a plain form that sends a GIFT or Moodle XML file (`server::upload_forms`, the same
//! import as `POST /api/v1/questions/import`); the page drawn in answer shows every question it
//! could not read.
use domain::learning::CompetenceDomain;
use domain::learning::authoring::{BankImportOutcome, BankQuery, BankRow, DIFFICULTIES};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::load_error;
use crate::api::author::load_bank;
use crate::components::form::{CheckboxField, Field};
use crate::components::table::DataTable;
use crate::components::upload::{UploadState, UploadStatus, UploadWords, first_state, sent_field};
use crate::i18n::author::use_author_texts;
use crate::i18n::{use_learn_texts, use_texts};
use crate::paths;

type State = UploadState<BankImportOutcome>;

#[component]
pub fn BankPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_author_texts());
    let query = use_query_map();
    let current = move || {
        let q = query.read();
        BankQuery {
            domain: q.get("domain").unwrap_or_default(),
            difficulty: q.get("difficulty").unwrap_or_default(),
        }
    };
    let state: RwSignal<State> = RwSignal::new(first_state());
    let rows = Resource::new_blocking(current, load_bank);
    view! {
        <Title text=a.bank_title/>
        <section class="card wide">
            <p><a href=paths::AUTHOR_HOME>{a.back_to_list}</a></p>
            <h1>{a.bank_title}</h1>
            <p class="lead">{a.bank_intro}</p>
            <Upload state=state/>
            <h2>{a.bank_title}</h2>
            {move || view! { <Filters q=current()/> }}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || rows.get().map(|res| match res {
                    Err(e) => load_error(&e).into_any(),
                    Ok(list) => view! { <Questions rows=list/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Filters(q: BankQuery) -> impl IntoView {
    let (a, l) = (use_author_texts(), use_learn_texts());
    view! {
        <form method="get" action=paths::AUTHOR_BANK class="filter-form" role="search">
            <Field id="b-domain" label=a.domain>
                <select id="b-domain" name="domain">
                    <option value="">{a.any}</option>
                    {CompetenceDomain::ALL.into_iter().map(|d| view! {
                        <option value=d.code() selected=q.domain == d.code()>{l.domain(d)}</option>
                    }).collect_view()}
                </select>
            </Field>
            <Field id="b-difficulty" label=a.difficulty>
                <select id="b-difficulty" name="difficulty">
                    <option value="">{a.any}</option>
                    {DIFFICULTIES.into_iter().map(|d| view! {
                        <option value=d selected=q.difficulty == d>{a.difficulty_name(d)}</option>
                    }).collect_view()}
                </select>
            </Field>
            <button type="submit">{a.filter}</button>
        </form>
    }
}

#[component]
fn Questions(rows: Vec<BankRow>) -> impl IntoView {
    let (a, l) = (use_author_texts(), use_learn_texts());
    if rows.is_empty() {
        return view! { <p role="status">{a.no_question}</p> }.into_any();
    }
    view! {
        <p role="status" data-testid="bank-count">{a.question_count}" "{rows.len()}</p>
        <DataTable label=a.bank_title testid="bank">
            <thead><tr>
                <th scope="col">{a.code}</th><th scope="col">{a.domain}</th><th scope="col">{a.difficulty}</th>
                <th scope="col">{a.kind}</th><th scope="col">{a.text}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <td class="code">{r.code.clone()}</td>
                        <td>{r.domain.map_or("—", |d| l.domain(d))}</td>
                        <td>{a.difficulty_name(&r.difficulty)}</td>
                        <td>{a.kind_name(&r.kind)}</td>
                        <td>{r.text.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn Upload(state: RwSignal<State>) -> impl IntoView {
    let a = use_author_texts();
    let sent = |name: &str| sent_field::<BankImportOutcome>(name);
    let (xml, dry_run) = (sent("format") == "xml", !sent("dry_run").is_empty());
    let words = UploadWords {
        sending: a.sending,
        checking: a.checking,
        failed: a.upload_failed,
    };
    view! {
        <form class="stack import-form" method="post" enctype="multipart/form-data" action=paths::AUTHOR_BANK>
            <h2>{a.upload_title}</h2>
            <Field id="b-file" label=a.file hint=a.file_hint>
                <input id="b-file" name="file" type="file" required aria-describedby="b-file-hint"
                    accept=".gift,.txt,.xml,text/plain,application/xml,text/xml"/>
            </Field>
            <Field id="b-format" label=a.format>
                <select id="b-format" name="format">
                    <option value="gift">"GIFT"</option>
                    <option value="xml" selected=xml>"Moodle XML"</option>
                </select>
            </Field>
            <CheckboxField id="b-dry" label=a.dry_run>
                <input id="b-dry" name="dry_run" type="checkbox" checked=dry_run/>
            </CheckboxField>
            <button type="submit" class="button primary">{a.send}</button>
        </form>
        <UploadStatus state=state words=words done=outcome_view testid="bank-import-status"/>
    }
}

fn outcome_view(outcome: BankImportOutcome, dry_run: bool) -> AnyView {
    let a = use_author_texts();
    if outcome.errors.is_empty() {
        let text = if dry_run { a.accepted_dry } else { a.accepted };
        return view! { <p class="alert alert-ok" role="status" data-testid="bank-accepted">{format!("{text} {}", outcome.accepted)}</p> }.into_any();
    }
    view! {
        <p class="alert alert-error" role="alert">{a.rejected}</p>
        <DataTable label=a.rejected testid="bank-errors">
            <thead><tr><th scope="col">{a.line}</th><th scope="col">{a.question}</th><th scope="col">{a.problem}</th></tr></thead>
            <tbody>
                {outcome.errors.into_iter().map(|e| view! {
                    <tr><td>{e.row}</td><td>{e.column.unwrap_or_default()}</td><td>{e.message}</td></tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}
