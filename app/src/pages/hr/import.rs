//! `/don-vi/nhap-du-lieu`: a plain form sends a units, roster, training or assessment file
//! (`server::upload_forms`), and the page drawn in answer shows every bad row, or the count
//! accepted; templates.
use domain::exchange::Format;
use domain::hr::ImportOutcome;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::form::{CheckboxField, Field};
use crate::components::table::DataTable;
use crate::components::upload::{UploadState, UploadStatus, UploadWords, first_state, sent_field};
use crate::i18n::use_hr_texts;
use crate::paths;

/// Each format's file name in SPEC (`don_vi`, …): the form's value and the templates' names.
pub fn file_name(format: Format) -> &'static str {
    match format {
        Format::Units => "don_vi",
        Format::Roster => "danh_sach",
        Format::Training => "boi_duong",
        Format::Assessment => "danh_gia",
    }
}

/// The format a form or a template names by its file name in SPEC.
pub fn format_named(name: &str) -> Option<Format> {
    FORMATS.into_iter().find(|f| file_name(*f) == name)
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
    let state: RwSignal<State> = RwSignal::new(first_state());
    let sent = |name: &str| sent_field::<ImportOutcome>(name);
    let (format, province, dry_run) = (sent("format"), sent("province"), !sent("dry_run").is_empty());
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
            <form class="stack import-form" method="post" enctype="multipart/form-data" action=paths::HR_IMPORT>
                <Field id="format" label=h.format_field>
                    <select id="format" name="format">
                        {FORMATS.iter().map(|f| {
                            let name = file_name(*f);
                            view! { <option value=name selected=format == name>{h.format(*f)}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field id="file" label=h.file_field hint=h.file_hint>
                    <input id="file" name="file" type="file" required aria-describedby="file-hint"
                        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                </Field>
                <Transition fallback=|| ()>
                    {move || {
                        let province = province.clone();
                        national().then(move || view! {
                            <Field id="province" label=h.province_field hint=h.province_hint>
                                <input id="province" name="province" type="text" value=province
                                    autocomplete="off" aria-describedby="province-hint"/>
                            </Field>
                        })
                    }}
                </Transition>
                <CheckboxField id="dry_run" label=h.dry_run hint=h.dry_run_hint>
                    <input id="dry_run" name="dry_run" type="checkbox" checked=dry_run aria-describedby="dry_run-hint"/>
                </CheckboxField>
                <button type="submit" class="button primary">{h.send}</button>
            </form>
            <UploadStatus state=state words=words done=outcome_view testid="import-status"/>
            <Templates/>
        </section>
    }
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
                let name = file_name(*f);
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
