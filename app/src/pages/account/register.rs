//! Self-registration for residents: a plain form; refused fields come back with their values.
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::{FormFlash, take_form_flash};
use crate::api::units::list_communes;
use crate::components::alert::ErrorAlert;
use crate::components::form::{CheckboxField, Field, described_by};
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
    let error = |field: &str| flash.error(field).map(|code| t.error(&code));
    let (name_error, login_error) = (error("full_name"), error("login"));
    let (password_error, commune_error) = (error("password"), error("commune"));
    let consent_error = error("consent");
    let invalid = |e: Option<&'static str>| e.map(|_| "true");
    let (full_name, login) = (flash.value("full_name"), flash.value("login"));
    view! {
        <form method="post" action=paths::REGISTER class="stack">
            <Field id="full_name" label=t.full_name_field error=name_error>
                <input id="full_name" name="full_name" type="text" required autocomplete="name" maxlength="100"
                    value=full_name aria-invalid=invalid(name_error)
                    aria-describedby=described_by("full_name", false, name_error.is_some())/>
            </Field>
            <Field id="login" label=t.contact_field hint=t.contact_hint error=login_error>
                <input id="login" name="login" type="text" required autocomplete="username" inputmode="email"
                    autocapitalize="none" spellcheck="false" value=login aria-invalid=invalid(login_error)
                    aria-describedby=described_by("login", true, login_error.is_some())/>
            </Field>
            <Field id="password" label=t.password_field hint=t.password_hint error=password_error>
                <input id="password" name="password" type="password" required autocomplete="new-password"
                    maxlength="128" aria-invalid=invalid(password_error)
                    aria-describedby=described_by("password", true, password_error.is_some())/>
            </Field>
            <Field id="commune" label=t.commune_field error=commune_error>
                <select id="commune" name="commune" required aria-invalid=invalid(commune_error)
                    aria-describedby=described_by("commune", false, commune_error.is_some())>
                    <option value="">{t.commune_choose}</option>
                    {communes.into_iter().map(|u| {
                        let selected = u.code == chosen;
                        view! { <option value=u.code selected=selected>{u.name}</option> }
                    }).collect_view()}
                </select>
            </Field>
            <CheckboxField id="consent" label=t.consent_label hint=t.consent_details error=consent_error>
                <input id="consent" name="consent" type="checkbox" value="yes" required
                    aria-describedby=described_by("consent", true, consent_error.is_some())/>
            </CheckboxField>
            <button type="submit" class="button primary">{t.register}</button>
        </form>
    }
}
