//! The Leptos app, built twice: with `ssr` for the server, with `hydrate` for the browser.
#![recursion_limit = "256"]
pub mod api;
pub mod assets;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod reading;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Layout, MeResource};
use crate::pages::account::{login::LoginPage, profile::ProfilePage, register::RegisterPage};
use crate::pages::admin::audit::AuditPage;
use crate::pages::admin::tokens::TokensPage;
use crate::pages::admin::users::UsersPage;
use crate::pages::assess::{attempt::AttemptPage, quiz::QuizPage, skills::SkillsPage};
use crate::pages::author::{
    bank::BankPage,
    course::{CourseEditorPage, NewCoursePage},
    home::AuthorHomePage,
    lesson::LessonEditorPage,
    quiz::{QuizEditorPage, QuizListPage},
};
use crate::pages::community::{CommuneStatsPage, CommunityPage};
use crate::pages::hr::{
    dashboard::DashboardPage, import::ImportPage, people::PeoplePage, person::PersonPage,
};
use crate::pages::learn::{
    catalogue::CataloguePage, course::CoursePageView, lesson::LessonPageView, mine::MyLearningPage,
    practice::PracticePage,
};
use crate::pages::verify::{mine::MyCertificatesPage, public::VerifyPage};
use crate::pages::{home::HomePage, not_found::NotFound, offline::OfflinePage};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    document(&options)
}

/// The document for options shared by every request: they are copied only into a page that
/// hydrates (a reading page has no use for them).
pub fn document(options: &LeptosOptions) -> impl IntoView + use<> {
    let lang = i18n::page_lang();
    // Reading pages work with forms and links alone: no wasm for a phone to download there.
    let hydrate = !reading::request_path().is_some_and(|p| reading::is_reading_page(&p));
    #[cfg(feature = "ssr")]
    set_page_csp(hydrate);
    let files = assets::use_assets();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5cad"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                // Plain script, not wasm: the service worker, saving courses, the offline outbox.
                <link rel="stylesheet" href=files.css/>
                <script src=files.offline_js defer></script>
                {hydrate.then(|| view! { <HydrationScripts options=options.clone()/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
                // Outside the hydrated app: only `offline.js` writes into it.
                <div id="offline-banner" class="offline-banner" role="status" aria-live="polite"></div>
            </body>
        </html>
    }
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
/// inline else. A reading page has no inline script but Leptos's two fixed ones: Leptos is
/// told not to write the data the wasm would hydrate from, and its policy allows scripts from
/// this site and those two by hash, no nonce (so the same page can be kept and sent to every
/// anonymous visitor).
#[cfg(feature = "ssr")]
fn set_page_csp(hydrate: bool) {
    let Some(opts) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let scripts = match leptos::nonce::use_nonce() {
        Some(nonce) if hydrate => format!("'self' 'nonce-{}' 'wasm-unsafe-eval'", nonce.as_inner()),
        _ => format!("'self' {LEPTOS_BOOTSTRAP}"),
    };
    if !hydrate && let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let csp = format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(v) = http::HeaderValue::from_str(&csp) {
        opts.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(i18n::page_lang());
    let me: MeResource = Resource::new_blocking(
        || (),
        |_| async { api::session::current_user().await.ok().flatten() },
    );
    provide_context(me);
    let t = i18n::use_texts();
    view! {
        <Title formatter=move |page: String| if page == t.app_name { page } else { format!("{page} · {}", t.app_name) }/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    // Reading pages render whole before sending (Async): streamed out of order,
                    // they would need inline scripts to put each part in place.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/dang-nhap") view=LoginPage/>
                    <Route path=path!("/dang-ky") view=RegisterPage/>
                    <Route path=path!("/tai-khoan") view=ProfilePage/>
                    <Route path=path!("/quan-tri/nguoi-dung") view=UsersPage/>
                    <Route path=path!("/khoa-hoc") view=CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/khoa-hoc/:code") view=CoursePageView ssr=SsrMode::Async/>
                    <Route path=path!("/khoa-hoc/:code/bai/:n") view=LessonPageView ssr=SsrMode::Async/>
                    <Route path=path!("/khoa-hoc/:code/luyen-tap") view=PracticePage ssr=SsrMode::Async/>
                    <Route path=path!("/ngoai-tuyen") view=OfflinePage ssr=SsrMode::Async/>
                    <Route path=path!("/hoc-tap") view=MyLearningPage ssr=SsrMode::Async/>
                    <Route path=path!("/bai-kiem-tra/:code") view=QuizPage ssr=SsrMode::Async/>
                    <Route path=path!("/bai-lam/:id") view=AttemptPage ssr=SsrMode::Async/>
                    <Route path=path!("/ky-nang-cua-toi") view=SkillsPage ssr=SsrMode::Async/>
                    <Route path=path!("/chung-nhan") view=MyCertificatesPage ssr=SsrMode::Async/>
                    <Route path=path!("/xac-minh") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/xac-minh/:code") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/verify/:code") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=path!("/cong-dong") view=CommunityPage ssr=SsrMode::Async/>
                    <Route path=path!("/cong-dong/thong-ke") view=CommuneStatsPage ssr=SsrMode::Async/>
                    <Route path=path!("/don-vi") view=DashboardPage/>
                    <Route path=path!("/don-vi/nhan-su") view=PeoplePage/>
                    <Route path=path!("/don-vi/nhan-su/:code") view=PersonPage/>
                    <Route path=path!("/don-vi/nhap-du-lieu") view=ImportPage/>
                    <Route path=path!("/quan-tri/ma-truy-cap") view=TokensPage/>
                    <Route path=path!("/quan-tri/nhat-ky") view=AuditPage/>
                    // Static paths before `/soan-bai/:code`: course codes are capitals, never these.
                    <Route path=path!("/soan-bai") view=AuthorHomePage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/moi") view=NewCoursePage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/ngan-hang") view=BankPage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/kiem-tra") view=QuizListPage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/kiem-tra/:code") view=QuizEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/:code") view=CourseEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/:code/bai-moi") view=LessonEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/soan-bai/:code/bai/:id") view=LessonEditorPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
