//! `/xac-minh` (also `/xac-minh/{code}` and `/verify/{code}`): anyone checks a certificate by its
//! code. The page renders whole on the server, so a phone that scanned the QR code sees the
//! answer before any script runs.
use crate::paths;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{credential_href, date_text, kind_text, pdf_href};
use crate::api::certs::{RevokeCertificate, VerifiedCertificate, verify_certificate};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::i18n::{use_cert_texts, use_texts};

#[component]
pub fn VerifyPage() -> impl IntoView {
    let (t, c) = (use_texts(), use_cert_texts());
    let params = use_params_map();
    let query = use_query_map();
    let typed = move || {
        params
            .read()
            .get("code")
            .or_else(|| query.read().get("ma"))
            .unwrap_or_default()
    };
    let revoke = ServerAction::<RevokeCertificate>::new();
    let found = Resource::new_blocking(
        move || (typed(), revoke.version().get()),
        |(code, _)| Lookup::of(code),
    );
    view! {
        <Title text=c.verify_title/>
        <section class="card wide">
            <h1>{c.verify_title}</h1>
            <p>{c.verify_intro}</p>
            <form method="get" action=paths::VERIFY class="search-form" role="search">
                <label for="ma">{c.code_field}</label>
                <input id="ma" name="ma" type="search" autocomplete="off" autocapitalize="characters"
                    aria-describedby="ma-hint" value=typed/>
                <button type="submit" class="button">{c.check}</button>
                <p id="ma-hint" class="hint">{c.code_hint}</p>
            </form>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || found.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(Lookup::NoCode) => ().into_any(),
                    Ok(Lookup::NotFound) => view! { <p class="alert alert-error" role="alert">{c.not_found}</p> }.into_any(),
                    Ok(Lookup::Found(v)) => view! { <Verified v=v revoke=revoke/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// What the page found for the typed code. An enum rather than `Option<Option<_>>`: the
/// resource travels to the browser as JSON, where `Some(None)` and `None` are both `null`, so
/// "no such certificate" arrived as "no code typed" and hydration met a node it did not expect.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
enum Lookup {
    NoCode,
    NotFound,
    Found(VerifiedCertificate),
}

impl Lookup {
    async fn of(code: String) -> Result<Self, ServerFnError> {
        if code.trim().is_empty() {
            return Ok(Self::NoCode);
        }
        Ok(match verify_certificate(code).await? {
            None => Self::NotFound,
            Some(v) => Self::Found(v),
        })
    }
}

#[component]
fn Verified(v: VerifiedCertificate, revoke: ServerAction<RevokeCertificate>) -> impl IntoView {
    let (t, c) = (use_texts(), use_cert_texts());
    let lang = t.lang;
    let cert = v.cert.clone();
    let status = match &cert.revoked {
        None => view! { <p class="alert alert-ok" role="status">"✓ "{c.valid}</p> }.into_any(),
        Some(r) => view! {
            <div class="alert alert-error" role="status">
                <p><strong>{c.revoked}</strong></p>
                <p>{c.revoked_on}": "{date_text(r.on, lang)}" · "{c.reason}": "{r.reason.clone()}</p>
            </div>
        }
        .into_any(),
    };
    let holder = cert
        .holder
        .clone()
        .unwrap_or_else(|| c.holder_erased.to_owned());
    let score = cert.score.map(|s| domain::format_percent(s, lang));
    view! {
        {status}
        <div class="certificate">
            <dl class="facts">
                <dt>{c.holder}</dt><dd class="holder">{holder}</dd>
                <dt>{c.attests}</dt><dd>{kind_text(c, cert.kind)}</dd>
                <dt>{c.programme}</dt><dd>{cert.title.clone()}" ("{cert.programme_code.clone()}")"</dd>
                {score.map(|s| view! { <dt>{c.score}</dt><dd>{s}</dd> })}
                <dt>{c.issued_on}</dt><dd>{date_text(cert.issued_on, lang)}</dd>
                <dt>{c.code}</dt><dd><code>{cert.code.clone()}</code></dd>
            </dl>
            <figure class="qr">
                <div role="img" aria-label=c.qr_caption inner_html=v.qr_svg.clone()></div>
                <figcaption><a href=v.verify_url.clone()>{v.verify_url.clone()}</a></figcaption>
            </figure>
        </div>
        {v.can_download.then(|| view! {
            <p>
                <a class="button" href=pdf_href(&cert) download>{c.download_pdf}</a>
                " "
                <a class="button" href=credential_href(&cert) download>{c.download_credential}</a>
            </p>
        })}
        {v.can_revoke.then(|| view! { <RevokeForm code=cert.code.clone() revoke=revoke/> })}
    }
}

#[component]
fn RevokeForm(code: String, revoke: ServerAction<RevokeCertificate>) -> impl IntoView {
    let (t, c) = (use_texts(), use_cert_texts());
    let failed = move || {
        revoke
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| t.error(&error_code(&e)).to_owned())
    };
    view! {
        <h2>{c.revoke_title}</h2>
        {move || failed().map(|m| view! { <ErrorAlert message=m/> })}
        <ActionForm action=revoke>
            <input type="hidden" name="code" value=code/>
            <label for="reason">{c.revoke_reason}</label>
            <textarea id="reason" name="reason" rows="2" required></textarea>
            <button type="submit" class="button danger">{c.revoke_button}</button>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::Lookup;

    /// The browser must read back what the server rendered: "not found" and "no code" differ
    /// after the JSON trip the resource makes (they did not as `Option<Option<_>>`).
    #[test]
    fn not_found_survives_the_trip_to_the_browser() {
        for sent in [Lookup::NoCode, Lookup::NotFound] {
            let json = serde_json::to_string(&sent).unwrap();
            assert_eq!(serde_json::from_str::<Lookup>(&json).unwrap(), sent);
        }
        let nested: Option<Option<()>> = Some(None);
        let back: Option<Option<()>> =
            serde_json::from_str(&serde_json::to_string(&nested).unwrap()).unwrap();
        assert_ne!(
            back, nested,
            "the shape this page no longer uses loses the difference"
        );
    }
}
