//! Self-registration for residents, in two plain forms that work without the wasm: a GET form
//! picks the province and narrows its communes by the words typed (`?tinh=CODE&tim=...`), then
//! the registration form posts the commune chosen; refused fields come back with their values.
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::{FormFlash, take_form_flash};
use crate::api::units::{ProvinceChoice, Residence, find_residence};
use crate::components::alert::ErrorAlert;
use crate::components::form::{CheckboxField, Field, described_by};
use crate::i18n::register::{RegisterTexts, use_register_texts};
use crate::i18n::{Texts, use_texts};

/// The query of the first step: the province's code and the words typed.
const PROVINCE_PARAM: &str = "tinh";
const SEARCH_PARAM: &str = "tim";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let data = Resource::new_blocking(
        move || (param(PROVINCE_PARAM), param(SEARCH_PARAM)),
        |(province, words)| load(province, words),
    );
    view! {
        <Title text=t.register_title/>
        <section class="card narrow">
            <h1>{t.register_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || {
                    let (f, place) = data.get()?.unwrap_or_default();
                    let words = param(SEARCH_PARAM);
                    Some(view! {
                        {summary(t, &f, query.read().get("loi"))}
                        <ResidenceStep place=place.clone() words=words.clone() flash=f.clone()/>
                        <RegisterForm flash=f place=place words=words/>
                    })
                }}
            </Suspense>
            <p>{t.have_account}" "<a href=paths::SIGN_IN>{t.login}</a></p>
        </section>
    }
}

/// The refused form's values, if any, and the places to choose from: the province named in the
/// address, else the one the refused form named.
async fn load(province: String, words: String) -> Result<(FormFlash, Residence), ServerFnError> {
    let flash = take_form_flash().await.unwrap_or_default();
    let province = if province.is_empty() {
        flash.value("province")
    } else {
        province
    };
    Ok((flash, find_residence(province, words).await?))
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

/// Step 1: the province (when there are several) and the words that narrow its communes.
#[component]
fn ResidenceStep(place: Residence, words: String, flash: FormFlash) -> impl IntoView {
    let (t, r) = (use_texts(), use_register_texts());
    let error = flash.error("province").map(|code| t.error(&code));
    let chosen = place.chosen.map(|p| p.code).unwrap_or_default();
    let picker = (place.provinces.len() > 1)
        .then(|| view! { <ProvincePicker provinces=place.provinces chosen=chosen error=error/> });
    view! {
        <h2 id="noi-cu-tru">{r.residence_title}</h2>
        <form method="get" action=paths::REGISTER class="stack" aria-labelledby="noi-cu-tru">
            {picker}
            <Field id=SEARCH_PARAM label=r.search_field hint=r.search_hint>
                <input id=SEARCH_PARAM name=SEARCH_PARAM type="search" value=words maxlength="100"
                    autocomplete="off" spellcheck="false" aria-describedby=described_by(SEARCH_PARAM, true, false)/>
            </Field>
            <button type="submit" class="button">{r.search}</button>
        </form>
    }
}

#[component]
fn ProvincePicker(
    provinces: Vec<ProvinceChoice>,
    chosen: String,
    error: Option<&'static str>,
) -> impl IntoView {
    let r = use_register_texts();
    view! {
        <Field id=PROVINCE_PARAM label=r.province_field error=error>
            <select id=PROVINCE_PARAM name=PROVINCE_PARAM required aria-invalid=error.map(|_| "true")
                aria-describedby=described_by(PROVINCE_PARAM, false, error.is_some())>
                <option value="">{r.province_choose}</option>
                {provinces.into_iter().map(|p| {
                    let selected = p.code == chosen;
                    view! { <option value=p.code selected=selected>{p.name}</option> }
                }).collect_view()}
            </select>
        </Field>
    }
}

/// What the commune list says under it: whose communes it holds, or why it is empty.
fn commune_hint(r: &RegisterTexts, place: &Residence, words: &str) -> String {
    let Some(province) = &place.chosen else {
        return r.province_first_hint.to_owned();
    };
    if place.communes.is_empty() {
        return r.none_found.to_owned();
    }
    match words.trim() {
        "" => format!("{} {}.", r.communes_of, province.name),
        w => format!("{} {} {} “{w}”.", r.communes_of, province.name, r.matching),
    }
}

/// The commune list of step 2: the chosen province's communes that match. A single match is
/// chosen already, so typing its name is enough.
#[component]
fn CommunePicker(
    place: Residence,
    words: String,
    chosen: String,
    error: Option<&'static str>,
) -> impl IntoView {
    let (t, r) = (use_texts(), use_register_texts());
    let hint = commune_hint(r, &place, &words);
    let first = if place.chosen.is_some() {
        t.commune_choose
    } else {
        r.province_first
    };
    let only = place.communes.len() == 1 && chosen.is_empty();
    view! {
        <Field id="commune" label=t.commune_field hint=hint error=error>
            <select id="commune" name="commune" required aria-invalid=error.map(|_| "true")
                aria-describedby=described_by("commune", true, error.is_some())>
                <option value="">{first}</option>
                {place.communes.into_iter().map(|u| {
                    let selected = only || u.code == chosen;
                    view! { <option value=u.code selected=selected>{u.name}</option> }
                }).collect_view()}
            </select>
        </Field>
    }
}

/// Step 2: the commune and the account, posted with the province of step 1.
#[component]
fn RegisterForm(flash: FormFlash, place: Residence, words: String) -> impl IntoView {
    let (t, r) = (use_texts(), use_register_texts());
    let error = |field: &str| flash.error(field).map(|code| t.error(&code));
    let (name_error, login_error) = (error("full_name"), error("login"));
    let (password_error, commune_error) = (error("password"), error("commune"));
    let consent_error = error("consent");
    let invalid = |e: Option<&'static str>| e.map(|_| "true");
    let (full_name, login) = (flash.value("full_name"), flash.value("login"));
    let province = place
        .chosen
        .as_ref()
        .map(|p| p.code.clone())
        .unwrap_or_default();
    let chosen = flash.value("commune");
    view! {
        <h2 id="tai-khoan-moi">{r.account_title}</h2>
        <form method="post" action=paths::REGISTER class="stack" aria-labelledby="tai-khoan-moi">
            <input type="hidden" name="province" value=province/>
            <CommunePicker place=place words=words chosen=chosen error=commune_error/>
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
            <CheckboxField id="consent" label=t.consent_label hint=t.consent_details error=consent_error>
                <input id="consent" name="consent" type="checkbox" value="yes" required
                    aria-describedby=described_by("consent", true, consent_error.is_some())/>
            </CheckboxField>
            <button type="submit" class="button primary">{t.register}</button>
        </form>
    }
}
