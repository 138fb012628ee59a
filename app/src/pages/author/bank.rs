//! `/soan-bai/ngan-hang`: the question bank, filtered by domain and difficulty with a GET form,
//! and the upload of a GIFT or Moodle XML file to `POST /api/v1/questions/import`, which
//! answers with every question it could not read.
use domain::learning::CompetenceDomain;
use domain::learning::authoring::{BankImportOutcome, BankQuery, BankRow, DIFFICULTIES};
use leptos::html::{Input, Select};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::load_error;
use crate::api::author::load_bank;
use crate::components::alert::ErrorAlert;
use crate::i18n::author::{AuthorTexts, use_author_texts};
use crate::i18n::{use_learn_texts, use_texts};

#[derive(Clone, Debug, PartialEq)]
pub enum UploadState {
    Idle,
    Sending,
    Done {
        outcome: BankImportOutcome,
        dry_run: bool,
    },
    /// The server's message, or none when the network failed.
    Failed(Option<String>),
}

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
    let state = RwSignal::new(UploadState::Idle);
    let rows = Resource::new_blocking(
        move || (current(), matches!(state.get(), UploadState::Done { .. })),
        |(q, _)| load_bank(q),
    );
    view! {
        <Title text=a.bank_title/>
        <section class="card wide">
            <p><a href="/soan-bai">{a.back_to_list}</a></p>
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
        <form method="get" action="/soan-bai/ngan-hang" class="filter-form" role="search">
            <div class="field">
                <label for="b-domain">{a.domain}</label>
                <select id="b-domain" name="domain">
                    <option value="">{a.any}</option>
                    {CompetenceDomain::ALL.into_iter().map(|d| view! {
                        <option value=d.code() selected=q.domain == d.code()>{l.domain(d)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="b-difficulty">{a.difficulty}</label>
                <select id="b-difficulty" name="difficulty">
                    <option value="">{a.any}</option>
                    {DIFFICULTIES.into_iter().map(|d| view! {
                        <option value=d selected=q.difficulty == d>{a.difficulty_name(d)}</option>
                    }).collect_view()}
                </select>
            </div>
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
        <div class="table-scroll" role="region" aria-label=a.bank_title tabindex="0">
            <table data-testid="bank">
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
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Upload(state: RwSignal<UploadState>) -> impl IntoView {
    let a = use_author_texts();
    let file: NodeRef<Input> = NodeRef::new();
    let format: NodeRef<Select> = NodeRef::new();
    let dry_run: NodeRef<Input> = NodeRef::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        send::start(state, file, format, dry_run);
    };
    view! {
        <form class="stack import-form" on:submit=on_submit>
            <h2>{a.upload_title}</h2>
            <div class="field">
                <label for="b-file">{a.file}</label>
                <input id="b-file" name="file" type="file" node_ref=file aria-describedby="b-file-hint"
                    accept=".gift,.txt,.xml,text/plain,application/xml,text/xml"/>
                <p class="hint" id="b-file-hint">{a.file_hint}</p>
            </div>
            <div class="field">
                <label for="b-format">{a.format}</label>
                <select id="b-format" name="format" node_ref=format>
                    <option value="gift">"GIFT"</option>
                    <option value="xml">"Moodle XML"</option>
                </select>
            </div>
            <div class="field checkbox">
                <input id="b-dry" name="dry_run" type="checkbox" node_ref=dry_run/>
                <label for="b-dry">{a.dry_run}</label>
            </div>
            <button type="submit" class="button primary" disabled=move || state.get() == UploadState::Sending>{a.send}</button>
        </form>
        <div aria-live="polite" data-testid="bank-import-status">{move || status(a, state.get())}</div>
    }
}

fn status(a: &'static AuthorTexts, state: UploadState) -> impl IntoView {
    match state {
        UploadState::Idle => ().into_any(),
        UploadState::Sending => view! { <p>{a.sending}</p> }.into_any(),
        UploadState::Failed(message) => {
            view! { <ErrorAlert message=message.unwrap_or_else(|| a.upload_failed.to_owned())/> }.into_any()
        }
        UploadState::Done { outcome, dry_run } if outcome.errors.is_empty() => {
            let text = if dry_run { a.accepted_dry } else { a.accepted };
            view! { <p class="alert alert-ok" role="status" data-testid="bank-accepted">{format!("{text} {}", outcome.accepted)}</p> }.into_any()
        }
        UploadState::Done { outcome, .. } => view! {
            <p class="alert alert-error" role="alert">{a.rejected}</p>
            <div class="table-scroll" role="region" aria-label=a.rejected tabindex="0">
                <table data-testid="bank-errors">
                    <thead><tr><th scope="col">{a.line}</th><th scope="col">{a.question}</th><th scope="col">{a.problem}</th></tr></thead>
                    <tbody>
                        {outcome.errors.into_iter().map(|e| view! {
                            <tr><td>{e.row}</td><td>{e.column.unwrap_or_default()}</td><td>{e.message}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    }
}

/// The upload itself, in the browser.
#[cfg(feature = "hydrate")]
mod send {
    use domain::learning::authoring::BankImportOutcome;
    use leptos::html::{Input, Select};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::XmlHttpRequest;

    use super::UploadState;

    pub fn start(
        state: RwSignal<UploadState>,
        file: NodeRef<Input>,
        format: NodeRef<Select>,
        dry_run: NodeRef<Input>,
    ) {
        let chosen = file
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(chosen) = chosen else {
            let a = crate::i18n::author::use_author_texts();
            state.set(UploadState::Failed(Some(a.choose_file.to_owned())));
            return;
        };
        let format = format
            .get_untracked()
            .map(|s| s.value())
            .unwrap_or_else(|| "gift".to_owned());
        let dry = dry_run.get_untracked().is_some_and(|i| i.checked());
        let url = format!("/api/v1/questions/import?format={format}&dry_run={dry}");
        state.set(UploadState::Sending);
        if post(&url, &chosen, state, dry).is_err() {
            state.set(UploadState::Failed(None));
        }
    }

    fn post(
        url: &str,
        file: &web_sys::File,
        state: RwSignal<UploadState>,
        dry_run: bool,
    ) -> Result<(), wasm_bindgen::JsValue> {
        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", url)?;
        xhr.set_request_header("Content-Type", "text/plain; charset=utf-8")?;
        let answered = xhr.clone();
        let done = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let status = answered.status().unwrap_or(0);
            let body = answered.response_text().ok().flatten().unwrap_or_default();
            state.set(read_answer(status, &body, dry_run));
        });
        xhr.set_onload(Some(done.as_ref().unchecked_ref()));
        let failed = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            state.set(UploadState::Failed(None))
        });
        xhr.set_onerror(Some(failed.as_ref().unchecked_ref()));
        xhr.send_with_opt_blob(Some(file))?;
        // The request owns its handlers until it ends; one small leak per upload.
        done.forget();
        failed.forget();
        Ok(())
    }

    fn read_answer(status: u16, body: &str, dry_run: bool) -> UploadState {
        if matches!(status, 200 | 422)
            && let Ok(outcome) = serde_json::from_str::<BankImportOutcome>(body)
        {
            return UploadState::Done { outcome, dry_run };
        }
        let message = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_owned));
        UploadState::Failed(message)
    }
}
