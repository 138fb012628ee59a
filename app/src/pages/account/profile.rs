//! The signed-in person's own page: name, login, roles.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::hr::{AnswerLinkProposal, ClaimStaffRecord, my_link_proposals, my_staff_record};
use crate::api::session::my_signin_alert;
use crate::components::alert::{ErrorAlert, ServerErrorAlert};
use crate::components::form::{CheckboxField, Field, form_action};
use crate::components::layout::MeResource;
use crate::i18n::use_texts;
use crate::pages::account::login::NEXT_PARAM;

/// "N failed sign-ins since your last visit", on the owner's home and account pages.
#[component]
pub fn SignInAlert() -> impl IntoView {
    let t = use_texts();
    let failed = Resource::new(|| (), |_| my_signin_alert());
    view! {
        <Transition fallback=|| ()>
            {move || failed.get().and_then(|r| r.ok()).filter(|n| *n > 0).map(|n| view! {
                <p class="alert alert-error" role="alert" data-testid="signin-alert">
                    {t.error("failed_signins_notice").replace("{n}", &n.to_string())}
                </p>
            })}
        </Transition>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = use_texts();
    let me = expect_context::<MeResource>();
    view! {
        <Title text=t.account_title/>
        <section class="card">
            <h1>{t.account_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || me.get().map(|me| match me {
                    None => view! { <p>{t.must_sign_in}" "<a href=format!("/dang-nhap?{NEXT_PARAM}=/tai-khoan")>{t.login}</a></p> }.into_any(),
                    Some(me) => view! {
                        <dl class="facts">
                            <dt>{t.full_name_field}</dt><dd>{me.full_name.clone()}</dd>
                            <dt>{t.account_login}</dt><dd>{me.login.clone()}</dd>
                            <dt>{t.account_roles}</dt>
                            <dd><ul class="plain">
                                {me.roles.iter().map(|g| {
                                    let unit = g.unit_name.clone().map(|n| format!(" — {n}")).unwrap_or_default();
                                    view! { <li>{t.role(g.role)}{unit}</li> }
                                }).collect_view()}
                            </ul></dd>
                        </dl>
                        {me.assisted_by.is_none().then(|| view! { <SignInAlert/><LinkProposals/> })}
                        <StaffLink/>
                        {me.assisted_by.is_none().then(|| view! { <SsoLinks/> })}
                        {me.assisted_by.is_none().then(|| view! { <PasswordChange/><PersonalData/> })}
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Changing one's password: a plain form (it works before the wasm arrives); the server ends
/// every other session. Its errors come back as `?loi=…&muc=mat-khau`.
#[component]
fn PasswordChange() -> impl IntoView {
    let (t, c) = (use_texts(), crate::i18n::community::use_community_texts());
    let query = leptos_router::hooks::use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("da-doi-mat-khau").is_some() {
            return Some(
                view! { <p class="alert alert-success" role="status">{c.password_changed}</p> }
                    .into_any(),
            );
        }
        q.get("loi")
            .filter(|_| q.get("muc").as_deref() == Some("mat-khau"))
            .map(|code| view! { <ErrorAlert message=t.error(&code).to_owned()/> }.into_any())
    };
    view! {
        <h2 id="doi-mat-khau">{c.password_title}</h2>
        {notice}
        <form method="post" action="/tai-khoan/mat-khau" class="stack" aria-labelledby="doi-mat-khau">
            <Field id="current-password" label=c.password_current>
                <input id="current-password" name="current" type="password" required autocomplete="current-password"/></Field>
            <Field id="new-password" label=c.password_new hint=c.password_hint>
                <input id="new-password" name="new" type="password" required minlength="8" maxlength="128"
                    autocomplete="new-password" aria-describedby="new-password-hint"/></Field>
            <button type="submit" class="button">{c.password_button}</button>
        </form>
    }
}

/// Linking the account to the staff record hr keeps, by staff code plus the full personal ID
/// number (an e-mail is no proof).
#[component]
fn StaffLink() -> impl IntoView {
    let h = crate::i18n::use_hr_texts();
    let claim = form_action::<ClaimStaffRecord>();
    let linked = Resource::new(move || claim.version().get(), |_| my_staff_record());
    let error = move || {
        claim
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| view! { <ServerErrorAlert error=e/> })
    };
    view! {
        <h2>{h.link_title}</h2>
        <Transition fallback=|| ()>
            {move || linked.get().map(|res| match res {
                Ok(Some((code, name))) => view! {
                    <p data-testid="staff-link">{format!("{} {name} ({code})", h.linked_as)}</p>
                }.into_any(),
                Ok(None) => view! {
                    <p>{h.link_intro}</p>
                    {error}
                    <ActionForm action=claim attr:class="stack">
                        <Field id="link-code" label=h.staff_code>
                            <input id="link-code" name="staff_code" type="text" required/></Field>
                        <Field id="link-proof" label=h.link_proof hint=h.link_proof_hint>
                            <input id="link-proof" name="proof" type="text" inputmode="numeric" autocomplete="off" required aria-describedby="link-proof-hint"/></Field>
                        <button type="submit" class="button">{h.link_submit}</button>
                    </ActionForm>
                }.into_any(),
                Err(_) => ().into_any(),
            })}
        </Transition>
    }
}

/// hr's proposals to link this account to a staff record: the holder accepts or refuses each.
/// Shown on the home page and the account page; nothing when there is none.
#[component]
pub fn LinkProposals() -> impl IntoView {
    let h = crate::i18n::use_hr_texts();
    let answer = form_action::<AnswerLinkProposal>();
    let pending = Resource::new(move || answer.version().get(), |_| my_link_proposals());
    let error = move || {
        answer
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| view! { <ServerErrorAlert error=e/> })
    };
    view! {
        <Transition fallback=|| ()>
            {move || pending.get().and_then(|r| r.ok()).filter(|rows| !rows.is_empty()).map(|rows| view! {
                <div class="alert" role="region" aria-labelledby="proposals-title" data-testid="link-proposals">
                    <h2 id="proposals-title">{h.proposals_title}</h2>
                    <p>{h.proposals_intro}</p>
                    {error}
                    <ul class="plain">
                        {rows.into_iter().map(|p| {
                            let unit = p.unit.clone().map(|u| format!(" — {u}")).unwrap_or_default();
                            let (id_yes, id_no) = (p.id.to_string(), p.id.to_string());
                            view! {
                                <li>
                                    <strong>{format!("{} ({})", p.full_name, p.staff_code)}</strong>{unit}
                                    <ActionForm action=answer attr:class="inline-form">
                                        <input type="hidden" name="id" value=id_yes/>
                                        <input type="hidden" name="accept" value="true"/>
                                        <button type="submit" class="button small">{h.accept}</button>
                                    </ActionForm>
                                    <ActionForm action=answer attr:class="inline-form">
                                        <input type="hidden" name="id" value=id_no/>
                                        <input type="hidden" name="accept" value="false"/>
                                        <button type="submit" class="button secondary small">{h.refuse}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </Transition>
    }
}

/// Decree 13/2023: download everything kept (JSON, CSV) and delete the account. The deletion
/// is a plain form (password, a ticked box), so it works before the wasm arrives. Not shown in
/// a facilitator's assisted session: the data and the account are the resident's alone.
#[component]
fn PersonalData() -> impl IntoView {
    let (t, c) = (use_texts(), crate::i18n::community::use_community_texts());
    let query = leptos_router::hooks::use_query_map();
    let error = move || {
        let q = query.read();
        q.get("loi")
            .filter(|_| q.get("muc").is_none())
            .map(|code| view! { <ErrorAlert message=t.error(&code).to_owned()/> })
    };
    view! {
        <h2>{c.privacy_title}</h2>
        <p>{c.privacy_intro}</p>
        <p class="actions">
            <a class="button secondary" href="/api/v1/me/data?format=json" download>{c.download_json}</a>
            " "
            <a class="button secondary" href="/api/v1/me/data?format=csv" download>{c.download_csv}</a>
        </p>
        <h3 id="erase-title">{c.erase_title}</h3>
            <p id="erase-intro">{c.erase_intro}</p>
            {error}
            <form method="post" action="/tai-khoan/xoa" class="stack" aria-labelledby="erase-title" aria-describedby="erase-intro">
                <Field id="erase-password" label=c.erase_password>
                    <input id="erase-password" name="password" type="password" required autocomplete="current-password"/></Field>
                <CheckboxField id="erase-confirm" label=c.erase_confirm>
                    <input id="erase-confirm" name="confirm" type="checkbox" required/>
                </CheckboxField>
                <button type="submit" class="button danger">{c.erase_button}</button>
            </form>
    }
}

/// The section of the profile's errors from single sign-on (`?loi=…&muc=sso`).
pub const SSO_SECTION: &str = "sso";

/// Single sign-on: each configured provider, linked or not, with a plain form to link (through
/// the provider's sign-in) or unlink. Nothing when no provider is configured.
#[component]
fn SsoLinks() -> impl IntoView {
    let (t, s) = (
        use_texts(),
        crate::i18n::sso::SsoTexts::get(crate::i18n::use_lang()),
    );
    // Not a blocking resource: one made inside the page's resolved suspense would hold the
    // whole page (rendered whole, `SsrMode::Async`) forever.
    let links = Resource::new(|| (), |_| crate::api::sso::sso_my_links());
    let query = leptos_router::hooks::use_query_map();
    let error = move || {
        let q = query.read();
        q.get("loi")
            .filter(|_| q.get("muc").as_deref() == Some(SSO_SECTION))
            .map(|code| view! { <ErrorAlert message=t.error(&code).to_owned()/> })
    };
    view! {
        <Suspense fallback=|| ()>
            {move || links.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|list| view! {
                <section aria-labelledby="sso-title" data-testid="sso-links">
                    <h2 id="sso-title">{s.linked_title}</h2>
                    <p>{s.linked_intro}</p>
                    {error}
                    <ul class="plain">
                        {list.into_iter().map(|p| {
                            let (action, label, status) = if p.linked {
                                (crate::paths::sso_unlink(&p.id), s.unlink, s.linked)
                            } else {
                                (crate::paths::sso_link(&p.id), s.link, s.not_linked)
                            };
                            view! {
                                <li>
                                    <strong>{p.label}</strong>" — "{status}" "
                                    <form method="post" action=action class="inline-form">
                                        <button type="submit" class="button secondary small">{label}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </Suspense>
    }
}
