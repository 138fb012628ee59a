//! `/don-vi/nhap-du-lieu`: upload a units, roster, training or assessment file to the import
//! API, with the upload's progress, then every bad row, or the count accepted; templates.
use domain::exchange::Format;
use domain::hr::ImportOutcome;
use leptos::html::{Input, Select};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::form::{CheckboxField, Field};
use crate::components::table::DataTable;
use crate::components::upload::{UploadState, UploadStatus, UploadWords};
use crate::i18n::use_hr_texts;
use crate::paths;

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

type State = UploadState<ImportOutcome>;

#[component]
pub fn ImportPage() -> impl IntoView {
    let h = use_hr_texts();
    let state: RwSignal<State> = RwSignal::new(UploadState::Idle);
    let file: NodeRef<Input> = NodeRef::new();
    let format: NodeRef<Select> = NodeRef::new();
    let dry_run: NodeRef<Input> = NodeRef::new();
    let province: NodeRef<Input> = NodeRef::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        start(
            state,
            Chosen {
                file,
                format,
                dry_run,
                province,
            },
        );
    };
    // The national admin names the province of a file; everyone else imports into their own.
    let me = use_context::<crate::components::layout::MeResource>();
    let national = move || {
        me.and_then(|m| m.get().flatten())
            .is_some_and(|m| m.has_role(domain::Role::Admin))
    };
    let words = UploadWords {
        sending: h.uploading,
        checking: h.checking,
        failed: h.upload_failed,
    };
    view! {
        <Title text=h.import_title/>
        <section class="card wide">
            <h1>{h.import_title}</h1>
            <p>{h.import_intro}</p>
            <form class="stack import-form" on:submit=on_submit>
                <Field id="format" label=h.format_field>
                    <select id="format" name="format" node_ref=format>
                        {FORMATS.iter().map(|f| view! { <option value=endpoint(*f).1>{h.format(*f)}</option> }).collect_view()}
                    </select>
                </Field>
                <Field id="file" label=h.file_field hint=h.file_hint>
                    <input id="file" name="file" type="file" node_ref=file aria-describedby="file-hint"
                        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                </Field>
                <Transition fallback=|| ()>
                    {move || national().then(|| view! {
                        <Field id="province" label=h.province_field hint=h.province_hint>
                            <input id="province" name="province" type="text" node_ref=province
                                autocomplete="off" aria-describedby="province-hint"/>
                        </Field>
                    })}
                </Transition>
                <CheckboxField id="dry_run" label=h.dry_run hint=h.dry_run_hint>
                    <input id="dry_run" name="dry_run" type="checkbox" node_ref=dry_run aria-describedby="dry_run-hint"/>
                </CheckboxField>
                <button type="submit" class="button primary" disabled=move || state.get().busy()>{h.send}</button>
            </form>
            <UploadStatus state=state words=words done=outcome_view testid="import-status"/>
            <Templates/>
        </section>
    }
}

/// A query value with every byte but the unreserved ones percent-encoded.
#[cfg(feature = "hydrate")]
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The form's fields, read when it is sent.
#[cfg(feature = "hydrate")]
struct Chosen {
    file: NodeRef<Input>,
    format: NodeRef<Select>,
    dry_run: NodeRef<Input>,
    province: NodeRef<Input>,
}

/// Sends the chosen file to the chosen format's endpoint.
#[cfg(feature = "hydrate")]
fn start(state: RwSignal<State>, chosen: Chosen) {
    let Chosen {
        file,
        format,
        dry_run,
        province,
    } = chosen;
    let Some(chosen) = crate::components::upload::chosen_file(file) else {
        state.set(UploadState::Failed(Some(
            use_hr_texts().choose_file.to_owned(),
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
    let mut url = format!("{}?dry_run={dry}", endpoint(format).0);
    let province = province
        .get_untracked()
        .map(|i| i.value().trim().to_owned())
        .unwrap_or_default();
    if !province.is_empty() {
        url.push_str(&format!("&province={}", query_value(&province)));
    }
    crate::components::upload::send(state, &url, &chosen, None, dry);
}

fn outcome_view(outcome: ImportOutcome, dry_run: bool) -> AnyView {
    let h = use_hr_texts();
    if outcome.errors.is_empty() {
        let text = if dry_run { h.accepted_dry } else { h.accepted };
        return view! { <p class="alert alert-ok" role="status" data-testid="import-accepted">{format!("{text} {}", outcome.accepted)}</p> }.into_any();
    }
    view! {
        <p class="alert alert-error" role="alert">{h.rejected}</p>
        <DataTable label=h.rejected testid="import-errors">
            <thead><tr><th scope="col">{h.row}</th><th scope="col">{h.column}</th><th scope="col">{h.problem}</th></tr></thead>
            <tbody>
                {outcome.errors.into_iter().map(|e| view! {
                    <tr><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>
                }).collect_view()}
            </tbody>
        </DataTable>
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
                        <a href=paths::hr_template(format!("{name}.csv")) rel="external" download>"CSV"</a>
                        " · "
                        <a href=paths::hr_template(format!("{name}.xlsx")) rel="external" download>"Excel"</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
