//! Self-registration for residents: a plain form; refused fields come back with their values.
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::{FormFlash, take_form_flash};
use crate::api::units::list_communes;
use crate::components::alert::ErrorAlert;
use crate::i18n::{Texts, use_texts};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let flash = Resource::new_blocking(|| (), |_| take_form_flash());
    let communes = Resource::new_blocking(|| (), |_| list_communes());
    view! {
        <Title text=t.register_title/>
        <section class="card narrow">
            <h1>{t.register_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let f = flash.get()?.unwrap_or_default();
                    let units = communes.get()?.unwrap_or_default();
                    let fallback = query.read().get("loi");
                    Some(view! {
                        {summary(t, &f, fallback)}
                        <RegisterForm flash=f communes=units/>
                    })
                }}
            </Suspense>
            <p>{t.have_account}" "<a href=paths::SIGN_IN>{t.login}</a></p>
        </section>
    }
}

/// Every refused field in one alert, so a screen reader hears them all at once.
fn summary(
    t: &'static Texts,
    f: &FormFlash,
    fallback: Option<String>,
) -> Option<impl IntoView + use<>> {
    let mut lines: Vec<&'static str> = f.errors.iter().map(|(_, code)| t.error(code)).collect();
    if lines.is_empty() {
        lines.extend(fallback.map(|code| t.error(&code)));
    }
    (!lines.is_empty()).then(|| view! { <ErrorAlert message=lines.join(" ")/> })
}

#[component]
fn RegisterForm(flash: FormFlash, communes: Vec<domain::UnitRef>) -> impl IntoView {
    let t = use_texts();
    let chosen = flash.value("commune");
    let field_error = |field: &str| {
        flash.error(field).map(|code| {
            view! {
                <p class="field-error" id=format!("{field}-loi")>{t.error(&code)}</p>
            }
        })
    };
    let described = |field: &str, hint: Option<&str>| {
        let mut ids: Vec<String> = hint.map(|h| h.to_owned()).into_iter().collect();
        if flash.error(field).is_some() {
            ids.push(format!("{field}-loi"));
        }
        ids.join(" ")
    };
    view! {
        <form method="post" action=paths::REGISTER class="stack">
            <div class="field">
                <label for="full_name">{t.full_name_field}</label>
                <input id="full_name" name="full_name" type="text" required autocomplete="name" maxlength="100"
                    value=flash.value("full_name") aria-invalid=flash.error("full_name").map(|_| "true")
                    aria-describedby=described("full_name", None)/>
                {field_error("full_name")}
            </div>
            <div class="field">
                <label for="login">{t.contact_field}</label>
                <input id="login" name="login" type="text" required autocomplete="username" inputmode="email"
                    autocapitalize="none" spellcheck="false" value=flash.value("login")
                    aria-invalid=flash.error("login").map(|_| "true")
                    aria-describedby=described("login", Some("login-goi-y"))/>
                <p class="hint" id="login-goi-y">{t.contact_hint}</p>
                {field_error("login")}
            </div>
            <div class="field">
                <label for="password">{t.password_field}</label>
                <input id="password" name="password" type="password" required autocomplete="new-password"
                    maxlength="128" aria-invalid=flash.error("password").map(|_| "true")
                    aria-describedby=described("password", Some("password-goi-y"))/>
                <p class="hint" id="password-goi-y">{t.password_hint}</p>
                {field_error("password")}
            </div>
            <div class="field">
                <label for="commune">{t.commune_field}</label>
                <select id="commune" name="commune" required aria-invalid=flash.error("commune").map(|_| "true")
                    aria-describedby=described("commune", None)>
                    <option value="">{t.commune_choose}</option>
                    {communes.into_iter().map(|u| {
                        let selected = u.code == chosen;
                        view! { <option value=u.code selected=selected>{u.name}</option> }
                    }).collect_view()}
                </select>
                {field_error("commune")}
            </div>
            <div class="field checkbox">
                <input id="consent" name="consent" type="checkbox" value="yes" required
                    aria-describedby="consent-chi-tiet"/>
                <label for="consent">{t.consent_label}</label>
                <p class="hint" id="consent-chi-tiet">{t.consent_details}</p>
                {field_error("consent")}
            </div>
            <button type="submit" class="button primary">{t.register}</button>
        </form>
    }
}
