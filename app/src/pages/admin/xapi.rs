//! Learning records for the LRS: what the xAPI outbox holds (waiting, sent, refused), the
//! refused statements with the LRS's reason, and a button that sends them again.
use domain::dates::format_local;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::xapi::{FailedStatement, OutboxSummary, XapiRetryFailed, xapi_outbox};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::form::form_action;
use crate::components::table::DataTable;
use crate::i18n::admin_area::use_admin_texts;
use crate::i18n::use_texts;

#[component]
pub fn XapiPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_admin_texts());
    let retry = form_action::<XapiRetryFailed>();
    let summary = Resource::new(move || retry.version().get(), |_| xapi_outbox());
    let outcome = move || {
        retry.value().get().map(|r| match r {
            Ok(n) => view! { <p class="alert alert-success" role="status">{format!("{} {n}", a.xapi_retried)}</p> }.into_any(),
            Err(e) => view! { <ErrorAlert message=t.error(&error_code(&e)).to_owned()/> }.into_any(),
        })
    };
    view! {
        <Title text=a.xapi_title/>
        <section class="card wide">
            <h1>{a.xapi_title}</h1>
            <p>{a.xapi_intro}</p>
            {outcome}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || summary.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(s) => view! { <Summary s=s retry=retry/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Summary(s: OutboxSummary, retry: ServerAction<XapiRetryFailed>) -> impl IntoView {
    let a = use_admin_texts();
    let oldest = match (s.oldest_waiting_at, s.oldest_waiting_attempts) {
        (Some(at), Some(tries)) => format!("{} ({} {tries})", format_local(at), a.xapi_tries),
        _ => a.xapi_none_waiting.to_owned(),
    };
    let failed = s.failed_statements;
    view! {
        {(!s.lrs_configured).then(|| view! { <p class="alert" role="status">{a.xapi_off}</p> })}
        <dl class="counts" data-testid="xapi-counts">
            <dt>{a.xapi_waiting}</dt><dd data-testid="xapi-waiting">{s.waiting}</dd>
            <dt>{a.xapi_sent}</dt><dd data-testid="xapi-sent">{s.sent}</dd>
            <dt>{a.xapi_failed}</dt><dd data-testid="xapi-failed">{s.failed}</dd>
            <dt>{a.xapi_oldest}</dt><dd>{oldest}</dd>
        </dl>
        <h2>{a.xapi_failed_list}</h2>
        {if failed.is_empty() {
            view! { <p>{a.xapi_none_failed}</p> }.into_any()
        } else {
            view! {
                <FailedTable rows=failed/>
                <ActionForm action=retry attr:class="inline-form">
                    <button type="submit" class="button">{a.xapi_retry}</button>
                </ActionForm>
            }
            .into_any()
        }}
    }
}

#[component]
fn FailedTable(rows: Vec<FailedStatement>) -> impl IntoView {
    let a = use_admin_texts();
    view! {
        <DataTable label=a.xapi_failed_list>
            <thead><tr>
                <th scope="col">{a.xapi_statement}</th>
                <th scope="col">{a.xapi_verb}</th>
                <th scope="col">{a.xapi_recorded}</th>
                <th scope="col">{a.xapi_tries}</th>
                <th scope="col">{a.xapi_reason}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(failed_line).collect_view()}</tbody>
        </DataTable>
    }
}

fn failed_line(r: FailedStatement) -> impl IntoView + use<> {
    view! {
        <tr>
            <th scope="row"><code>{r.statement_id}</code></th>
            <td>{r.verb}</td>
            <td>{format_local(r.created_at)}</td>
            <td>{r.attempts}</td>
            <td>{r.reason}</td>
        </tr>
    }
}
