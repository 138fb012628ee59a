//! The HTML document around every page: its head, the app, the offline banner; and the
//! page's Content-Security-Policy.
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::assets::{AssetPaths, use_assets};
use crate::{App, i18n, paths};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    document(&options)
}

/// The document for options shared by every request: they are copied only into a page that
/// hydrates (a reading page has no use for them).
pub fn document(options: &LeptosOptions) -> impl IntoView + use<> {
    let lang = i18n::page_lang();
    // Pages that work with forms and links alone: no wasm for a phone to download there.
    let hydrate = paths::request_path().is_none_or(|p| paths::needs_wasm(&p));
    #[cfg(feature = "ssr")]
    set_page_csp(hydrate);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                {head_links(use_assets())}
                {hydrate.then(|| view! { <HydrationScripts options=options.clone()/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
                {offline_banner()}
            </body>
        </html>
    }
}

/// What every page's head holds before its title: encoding, viewport, icons, the stylesheet
/// and the plain script (not wasm) for the service worker, saving courses, the offline outbox.
pub fn head_links(files: AssetPaths) -> impl IntoView {
    view! {
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="theme-color" content="#0b5cad"/>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
        <link rel="manifest" href="/manifest.webmanifest"/>
        <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
        <link rel="stylesheet" href=files.css/>
        <script src=files.offline_js defer></script>
    }
}

/// Outside the hydrated app: only `offline.js` writes into it.
pub fn offline_banner() -> impl IntoView {
    view! { <div id="offline-banner" class="offline-banner" role="status" aria-live="polite"></div> }
}

/// The two fixed inline scripts Leptos writes into every streamed page
/// (`__RESOLVED_RESOURCES=[];…` and `__INCOMPLETE_CHUNKS=[];`), by their SHA-256, for the
/// pages whose policy has no nonce. `server/tests/page_cache.rs` checks that every inline
/// script of a reading page is one of these.
#[cfg(feature = "ssr")]
const LEPTOS_BOOTSTRAP: &str = "'sha256-2e+rGxtst+bbxdLf6Dp32aL0uyPdikvr0awq53hVU58=' \
     'sha256-PEoA+SZ6ZbFCusLsUEMftpXvTp6Abhw9kvgQnCC8l3U='";

/// The page's Content-Security-Policy: scripts only from this site or carrying this response's
/// nonce (the hydration script and its data), wasm allowed to compile, nothing framed, nothing
/// inline else. A page without a nonce (a reading page) allows scripts from this site and
/// Leptos's two fixed ones by hash, so the same page can be kept and sent to every anonymous
/// visitor. Forms may also be sent on to `form_targets` (the single sign-on providers' origins,
/// where the sign-in and link forms redirect).
#[cfg(feature = "ssr")]
pub fn page_csp(nonce: Option<&str>, form_targets: &str) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => format!("'self' {LEPTOS_BOOTSTRAP}"),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'{sep}{form_targets}",
        sep = if form_targets.is_empty() { "" } else { " " },
    )
}

/// The single sign-on providers' origins, for [`page_csp`]: the sign-in, link and sign-out
/// forms redirect there.
#[cfg(feature = "ssr")]
pub fn form_targets() -> String {
    use_context::<service::Services>()
        .map(|s| s.sso.origins().join(" "))
        .unwrap_or_default()
}

/// Sets the policy of the page being rendered. A reading page has no inline script but
/// Leptos's two fixed ones: Leptos is told not to write the data the wasm would hydrate from.
#[cfg(feature = "ssr")]
fn set_page_csp(hydrate: bool) {
    let Some(opts) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce().filter(|_| hydrate);
    if !hydrate && let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let csp = page_csp(
        nonce.as_ref().map(|n| n.as_inner().as_ref()),
        &form_targets(),
    );
    if let Ok(v) = http::HeaderValue::from_str(&csp) {
        opts.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}
