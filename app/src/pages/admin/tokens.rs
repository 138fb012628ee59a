//! API tokens: the admin issues one for a unit (or the province), sees it once, lists and revokes.
use domain::UnitRef;
use domain::dates::format_local;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::tokens::{
    IssueToken, IssuedToken, RevokeToken, TokenRow, list_tokens, token_units,
};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::form::{Field, form_action};
use crate::components::table::DataTable;
use crate::i18n::admin_area::{AdminTexts, use_admin_texts};
use crate::i18n::use_texts;

#[component]
pub fn TokensPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_admin_texts());
    let issue = form_action::<IssueToken>();
    let revoke = form_action::<RevokeToken>();
    let tokens = Resource::new(
        move || (issue.version().get(), revoke.version().get()),
        |_| list_tokens(),
    );
    let action_error = move || {
        [
            issue.value().get().map(|r| r.map(|_| ())),
            revoke.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(|r| r.err())
        .map(|e| t.error(&error_code(&e)).to_owned())
    };
    let issued = move || issue.value().get().and_then(|r| r.ok());
    view! {
        <Title text=a.tokens_title/>
        <section class="card wide">
            <h1>{a.tokens_title}</h1>
            <p>{a.tokens_intro}</p>
            {move || action_error().map(|m| view! { <ErrorAlert message=m/> })}
            {move || issued().map(|it| view! { <NewToken issued=it/> })}
            <IssueForm issue=issue/>
            <h2>{a.tokens_list}</h2>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || tokens.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p>{a.tokens_none}</p> }.into_any(),
                    Ok(rows) => view! { <TokenTable rows=rows revoke=revoke/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The token just issued: shown once, with the warning to keep it now.
#[component]
fn NewToken(issued: IssuedToken) -> impl IntoView {
    let a = use_admin_texts();
    view! {
        <div class="alert alert-success" role="status">
            <p><strong>{a.tokens_issued}": "{issued.row.name.clone()}</strong></p>
            <p>{a.tokens_copy_now}</p>
            <p><code class="token-value" data-testid="new-token">{issued.token.clone()}</code></p>
        </div>
    }
}

#[component]
fn IssueForm(issue: ServerAction<IssueToken>) -> impl IntoView {
    let (t, a) = (use_texts(), use_admin_texts());
    let units = Resource::new(|| (), |_| token_units());
    view! {
        <ActionForm action=issue attr:class="stack issue-form">
            <h2>{a.tokens_new}</h2>
            <Field id="token-name" label=a.tokens_name hint=a.tokens_name_hint>
                <input id="token-name" name="name" type="text" required maxlength="100" aria-describedby="token-name-hint"/>
            </Field>
            <Field id="token-unit" label=a.tokens_unit>
                <Transition fallback=move || view! { <p>{t.loading}</p> }>
                    {move || {
                        let list = units.get().and_then(Result::ok).unwrap_or_default();
                        view! {
                            <select id="token-unit" name="unit_code">
                                <option value="">{a.tokens_whole_province}</option>
                                {unit_options(list)}
                            </select>
                        }
                    }}
                </Transition>
            </Field>
            <Field id="token-expiry" label=a.tokens_expires hint=a.tokens_expires_hint>
                <input id="token-expiry" name="expires_on" type="date" aria-describedby="token-expiry-hint"/>
            </Field>
            <button type="submit" class="button">{a.tokens_issue}</button>
        </ActionForm>
    }
}

fn unit_options(units: Vec<UnitRef>) -> impl IntoView {
    units
        .into_iter()
        .map(|u| {
            let label = format!("{} — {}", u.code, u.name);
            view! { <option value=u.code>{label}</option> }
        })
        .collect_view()
}

#[component]
fn TokenTable(rows: Vec<TokenRow>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let a = use_admin_texts();
    let t = use_texts();
    view! {
        <DataTable label=a.tokens_list>
            <thead><tr>
                <th scope="col">{a.tokens_name}</th>
                <th scope="col">{a.tokens_hint}</th>
                <th scope="col">{a.tokens_unit}</th>
                <th scope="col">{a.tokens_created_by}</th>
                <th scope="col">{a.tokens_created_at}</th>
                <th scope="col">{a.tokens_last_used}</th>
                <th scope="col">{a.tokens_expires}</th>
                <th scope="col">{a.tokens_status}</th>
                <th scope="col">{t.users_actions}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| token_line(a, r, revoke)).collect_view()}
            </tbody>
        </DataTable>
    }
}

fn token_line(
    a: &'static AdminTexts,
    r: TokenRow,
    revoke: ServerAction<RevokeToken>,
) -> impl IntoView + use<> {
    let scope = match (&r.unit_code, &r.unit_name) {
        (Some(code), Some(name)) => format!("{code} — {name}"),
        _ => a.tokens_whole_province.to_owned(),
    };
    let last_used = r
        .last_used_at
        .map_or_else(|| a.tokens_never_used.to_owned(), format_local);
    let status = match r.revoked_at {
        Some(at) => format!("{} ({})", a.tokens_revoked, format_local(at)),
        None if r.expired => a.tokens_expired.to_owned(),
        None => a.tokens_active.to_owned(),
    };
    let expires = r.expires_at.map(format_local).unwrap_or_default();
    let button_label = format!("{} {}", a.tokens_revoke, r.name);
    let active = r.revoked_at.is_none() && !r.expired;
    view! {
        <tr>
            <th scope="row">{r.name.clone()}</th>
            <td><code>{r.hint.clone()}"…"</code></td>
            <td>{scope}</td>
            <td>{r.created_by.clone()}</td>
            <td>{format_local(r.created_at)}</td>
            <td>{last_used}</td>
            <td>{expires}</td>
            <td>{status}</td>
            <td>
                {active.then(|| view! {
                    <ActionForm action=revoke attr:class="inline-form">
                        <input type="hidden" name="id" value=r.id.to_string()/>
                        <button type="submit" class="button small" aria-label=button_label>{a.tokens_revoke}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
