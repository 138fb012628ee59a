//! The sign-in page: a plain form posted to the server, working before the wasm arrives.
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::take_form_flash;
use crate::api::sso::sso_providers;
use crate::components::alert::ErrorAlert;
use crate::components::form::Field;
use crate::i18n::use_texts;

/// The query parameter (and form field) that names the page to return to after signing in:
/// whoever sends a visitor to sign in (a quiz, the account page) writes it, this page carries it
/// on, and the server follows it only when it is a strict local path (`server::forms`).
pub const NEXT_PARAM: &str = "next";

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let error = move || {
        query
            .read()
            .get("loi")
            .map(|code| t.error(&code).to_owned())
    };
    let next = move || query.read().get(NEXT_PARAM).unwrap_or_default();
    let flash = Resource::new_blocking(|| (), |_| take_form_flash());
    let providers = Resource::new_blocking(|| (), |_| sso_providers());
    let s = crate::i18n::sso::SsoTexts::get(crate::i18n::use_lang());
    view! {
        <Title text=t.login_title/>
        <section class="card narrow">
            <h1>{t.login_title}</h1>
            {move || error().map(|message| view! { <ErrorAlert message=message/> })}
            <Suspense fallback=|| ()>
                {move || flash.get().map(|f| {
                    let f = f.unwrap_or_default();
                    view! {
                        <form method="post" action=paths::SIGN_IN class="stack">
                            <input type="hidden" name=NEXT_PARAM value=next/>
                            <Field id="login" label=t.login_field>
                                <input id="login" name="login" type="text" required autocomplete="username"
                                    autocapitalize="none" spellcheck="false" value=f.value("login")/>
                            </Field>
                            <Field id="password" label=t.password_field>
                                <input id="password" name="password" type="password" required autocomplete="current-password"/>
                            </Field>
                            <button type="submit" class="button primary">{t.login}</button>
                        </form>
                    }
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || providers.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|list| view! {
                    <div class="stack" data-testid="sso-buttons">
                        <p>{s.or_sign_in_with}</p>
                        {list.into_iter().map(|p| view! {
                            <form method="post" action=paths::sso_start(&p.id)>
                                <input type="hidden" name=NEXT_PARAM value=next/>
                                <button type="submit" class="button secondary">{p.label}</button>
                            </form>
                        }).collect_view()}
                    </div>
                })}
            </Suspense>
            <p>{t.no_account}" "<a href=paths::REGISTER>{t.register}</a></p>
        </section>
    }
}
