//! `/don-vi/nhap-du-lieu`: upload a units, roster, training or assessment file to the import
//! API, with the upload's progress, then every bad row, or the count accepted; templates.
use domain::exchange::Format;
use domain::hr::ImportOutcome;
use leptos::html::{Input, Select};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::alert::ErrorAlert;
use crate::i18n::hr::HrTexts;
use crate::i18n::use_hr_texts;

/// Where each format is imported, and its file name in SPEC (`don_vi`, …).
pub fn endpoint(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Units => ("/api/v1/units/import", "don_vi"),
        Format::Roster => ("/api/v1/roster/import", "danh_sach"),
        Format::Training => ("/api/v1/training-records/import", "boi_duong"),
        Format::Assessment => ("/api/v1/assessment-results/import", "danh_gia"),
    }
}

const FORMATS: [Format; 4] = [
    Format::Roster,
    Format::Training,
    Format::Assessment,
    Format::Units,
];

#[derive(Clone, Debug, PartialEq)]
pub enum UploadState {
    Idle,
    /// Percent of the file sent.
    Uploading(u32),
    Checking,
    Done {
        outcome: ImportOutcome,
        dry_run: bool,
    },
    /// The server's message, or none when the network failed.
    Failed(Option<String>),
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let h = use_hr_texts();
    let state = RwSignal::new(UploadState::Idle);
    let file: NodeRef<Input> = NodeRef::new();
    let format: NodeRef<Select> = NodeRef::new();
    let dry_run: NodeRef<Input> = NodeRef::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        upload::start(state, file, format, dry_run);
    };
    let busy = move || {
        matches!(
            state.get(),
            UploadState::Uploading(_) | UploadState::Checking
        )
    };
    view! {
        <Title text=h.import_title/>
        <section class="card wide">
            <h1>{h.import_title}</h1>
            <p>{h.import_intro}</p>
            <form class="stack import-form" on:submit=on_submit>
                <div class="field">
                    <label for="format">{h.format_field}</label>
                    <select id="format" name="format" node_ref=format>
                        {FORMATS.iter().map(|f| view! { <option value=endpoint(*f).1>{h.format(*f)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="file">{h.file_field}</label>
                    <input id="file" name="file" type="file" node_ref=file aria-describedby="file-hint"
                        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                    <p class="hint" id="file-hint">{h.file_hint}</p>
                </div>
                <div class="field checkbox">
                    <input id="dry_run" name="dry_run" type="checkbox" node_ref=dry_run aria-describedby="dry-hint"/>
                    <label for="dry_run">{h.dry_run}</label>
                    <p class="hint" id="dry-hint">{h.dry_run_hint}</p>
                </div>
                <button type="submit" class="button primary" disabled=busy>{h.send}</button>
            </form>
            <div aria-live="polite" data-testid="import-status">{move || view! { <Status state=state.get()/> }}</div>
            <Templates/>
        </section>
    }
}

#[component]
fn Status(state: UploadState) -> impl IntoView {
    let h = use_hr_texts();
    match state {
        UploadState::Idle => ().into_any(),
        UploadState::Uploading(pct) => view! {
            <label for="upload-progress">{format!("{} {pct}%", h.uploading)}</label>
            <progress id="upload-progress" max="100" value=pct></progress>
        }
        .into_any(),
        UploadState::Checking => view! { <p>{h.checking}</p> }.into_any(),
        UploadState::Failed(message) => {
            view! { <ErrorAlert message=message.unwrap_or_else(|| h.upload_failed.to_owned())/> }
                .into_any()
        }
        UploadState::Done { outcome, dry_run } => outcome_view(h, outcome, dry_run).into_any(),
    }
}

fn outcome_view(h: &'static HrTexts, outcome: ImportOutcome, dry_run: bool) -> impl IntoView {
    if outcome.errors.is_empty() {
        let text = if dry_run { h.accepted_dry } else { h.accepted };
        return view! { <p class="alert alert-ok" role="status" data-testid="import-accepted">{format!("{text} {}", outcome.accepted)}</p> }.into_any();
    }
    view! {
        <p class="alert alert-error" role="alert">{h.rejected}</p>
        <div class="table-scroll" role="region" aria-label=h.rejected tabindex="0">
            <table data-testid="import-errors">
                <thead><tr><th scope="col">{h.row}</th><th scope="col">{h.column}</th><th scope="col">{h.problem}</th></tr></thead>
                <tbody>
                    {outcome.errors.into_iter().map(|e| view! {
                        <tr><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Templates() -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <h2>{h.templates}</h2>
        <ul class="plain templates">
            {FORMATS.iter().map(|f| {
                let name = endpoint(*f).1;
                view! {
                    <li>
                        {h.format(*f)}": "
                        <a href=format!("/don-vi/nhap-du-lieu/mau/{name}.csv") rel="external" download>"CSV"</a>
                        " · "
                        <a href=format!("/don-vi/nhap-du-lieu/mau/{name}.xlsx") rel="external" download>"Excel"</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The upload itself, in the browser: XMLHttpRequest, because fetch reports no upload progress.
#[cfg(feature = "hydrate")]
mod upload {
    use domain::exchange::Format;
    use domain::hr::ImportOutcome;
    use leptos::html::{Input, Select};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{ProgressEvent, XmlHttpRequest};

    use super::{FORMATS, UploadState, endpoint};

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
            state.set(UploadState::Failed(Some(
                crate::i18n::use_hr_texts().choose_file.to_owned(),
            )));
            return;
        };
        let name = format
            .get_untracked()
            .map(|s| s.value())
            .unwrap_or_default();
        let format = FORMATS
            .iter()
            .copied()
            .find(|f| endpoint(*f).1 == name)
            .unwrap_or(Format::Roster);
        let dry = dry_run.get_untracked().is_some_and(|i| i.checked());
        let url = format!("{}?dry_run={dry}", endpoint(format).0);
        state.set(UploadState::Uploading(0));
        if send(&url, &chosen, state, dry).is_err() {
            state.set(UploadState::Failed(None));
        }
    }

    fn send(
        url: &str,
        file: &web_sys::File,
        state: RwSignal<UploadState>,
        dry_run: bool,
    ) -> Result<(), wasm_bindgen::JsValue> {
        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", url)?;
        let media = file.type_();
        xhr.set_request_header(
            "Content-Type",
            if media.is_empty() {
                "application/octet-stream"
            } else {
                &media
            },
        )?;
        let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let pct = (e.loaded() / e.total() * 100.0).round() as u32;
                state.set(if pct >= 100 {
                    UploadState::Checking
                } else {
                    UploadState::Uploading(pct)
                });
            }
        });
        xhr.upload()?
            .set_onprogress(Some(progress.as_ref().unchecked_ref()));
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
        progress.forget();
        done.forget();
        failed.forget();
        Ok(())
    }

    fn read_answer(status: u16, body: &str, dry_run: bool) -> UploadState {
        if matches!(status, 200 | 422)
            && let Ok(outcome) = serde_json::from_str::<ImportOutcome>(body)
        {
            return UploadState::Done { outcome, dry_run };
        }
        let message = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_owned));
        UploadState::Failed(message)
    }
}
