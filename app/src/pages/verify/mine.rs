//! `/chung-nhan`: the learner's certificates, each with its public page and its PDF.
use crate::paths;
use domain::certificate::CertificateView;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{credential_href, credential_json_href, date_text, kind_text, pdf_href};
use crate::api::certs::my_certificates;
use crate::components::alert::ServerErrorAlert;
use crate::i18n::{use_cert_texts, use_texts};

#[component]
pub fn MyCertificatesPage() -> impl IntoView {
    let (t, c) = (use_texts(), use_cert_texts());
    let certs = Resource::new_blocking(|| (), |_| my_certificates());
    view! {
        <Title text=c.mine_title/>
        <section class="card wide">
            <h1>{c.mine_title}</h1>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || certs.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{c.mine_none}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">{list.into_iter().map(|x| view! { <CertItem cert=x/> }).collect_view()}</ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CertItem(cert: CertificateView) -> impl IntoView {
    let (t, c) = (use_texts(), use_cert_texts());
    let verify = paths::verify(&cert.code);
    view! {
        <li class="card">
            <h2>{cert.title.clone()}</h2>
            <p>{kind_text(c, cert.kind)}" · "{c.issued_on}": "{date_text(cert.issued_on, t.lang)}</p>
            <p>{c.code}": "<code>{cert.code.clone()}</code></p>
            {cert.revoked.as_ref().map(|_| view! { <p class="alert alert-error">{c.revoked}</p> })}
            <p class="actions">
                <a class="button" href=pdf_href(&cert) download>{c.download_pdf}</a>
                " "
                <a class="button" href=credential_href(&cert) download>{c.download_credential}</a>
                " "
                <a href=verify>{c.open_verify}</a>
            </p>
            <p class="hint">{c.credential_hint}" "<a href=credential_json_href(&cert)>{c.credential_json}</a></p>
        </li>
    }
}
