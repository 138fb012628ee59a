//! The frame of every page: skip link, header with navigation by role, footer.
use crate::paths;
use domain::{Lang, Me, Role};
use leptos::prelude::*;

use crate::i18n::admin_area::admin_texts;
use crate::i18n::assess::AssessTexts;
use crate::i18n::author::AuthorTexts;
use crate::i18n::certificate::CertTexts;
use crate::i18n::community::CommunityTexts;
use crate::i18n::hr::HrTexts;
use crate::i18n::provinces::ProvinceTexts;
use crate::i18n::{common_and_learn, use_lang, use_texts};

/// The signed-in person as loaded once per page.
pub type MeResource = Resource<Option<Me>>;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    frame(view! { <Header/> }, children())
}

/// Skip link, the given header, the page's content in `<main>`, footer: the frame `Layout`
/// draws, and the one a reading page drawn without the router gets (`reading::direct`).
pub fn frame(header: impl IntoView, content: impl IntoView) -> impl IntoView {
    let t = use_texts();
    view! {
        // rel="external" keeps the router from taking over the fragment link, so the browser
        // moves focus to <main> as it does before the wasm arrives.
        <a class="skip-link" href="#noi-dung" rel="external">{t.skip_to_content}</a>
        {header}
        <main id="noi-dung" tabindex="-1">{content}</main>
        <footer class="site-footer"><p>{t.footer}</p></footer>
    }
}

/// One suspense for the header and the assisted-session banner below it: until the person is
/// known (never on the server, which waits for it) the header has no navigation.
#[component]
fn Header() -> impl IntoView {
    let me = expect_context::<MeResource>();
    view! {
        <Suspense fallback=|| site_header(None)>
            {move || me.get().map(known_header)}
        </Suspense>
    }
}

/// The header once the person is known (or known to be nobody), with the assisted-session
/// banner below it when someone is helping.
pub fn known_header(me: Option<Me>) -> impl IntoView {
    let helper = me.as_ref().and_then(|m| m.assisted_by.clone());
    view! {
        {site_header(Some(me))}
        {helper.map(|helper| view! { <AssistedBanner helper=helper/> })}
    }
}

/// The brand, the navigation once the person is known, the language switch.
fn site_header(me: Option<Option<Me>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-name">{t.app_name}</span>
                <span class="brand-tagline">{t.tagline}</span>
            </a>
            {me.map(|me| view! { <Nav me=me/> })}
            <LangSwitch/>
        </header>
    }
}

#[component]
fn Nav(me: Option<Me>) -> impl IntoView {
    let lang = use_lang();
    let (t, l) = common_and_learn(lang);
    match me {
        None => view! {
            <nav class="site-nav" aria-label=t.nav_label>
                <a href=paths::CATALOGUE>{l.nav_catalogue}</a>
                <a href=paths::SIGN_IN>{t.login}</a>
                <a class="button" href=paths::REGISTER>{t.register}</a>
            </nav>
        }
        .into_any(),
        Some(me) => member_nav(me, lang).into_any(),
    }
}

/// The signed-in person's links, by role; the language is looked up once for all of them. On a
/// phone they sit behind a "menu" button (a `<details>`, so it opens without the wasm, by
/// keyboard, and tells screen readers whether it is open) and the lesson keeps the screen; on a
/// wider screen the button is hidden and the links show in the header (`style/main.css`).
fn member_nav(me: Me, lang: Lang) -> impl IntoView {
    // `Role::Admin` is the national admin; a province admin has the admin's pages of their
    // province (accounts, tokens, audit) besides its HR area.
    let admin = me.has_role(Role::Admin);
    let province_admin = me.has_role(Role::ProvinceAdmin);
    let reader = admin || province_admin || me.has_role(Role::Hr);
    // A province admin writes the province's own courses.
    let author = admin || province_admin || me.has_role(Role::Author);
    let community = reader || me.has_role(Role::Facilitator);
    let (t, l) = common_and_learn(lang);
    let a = admin_texts(lang);
    view! {
        <details class="site-menu">
        <summary><span aria-hidden="true">"☰ "</span>{t.menu}</summary>
        <nav class="site-nav" aria-label=t.nav_label>
            <a href=paths::ACCOUNT><span data-testid="user-name">{me.full_name}</span></a>
            <a href=paths::CATALOGUE>{l.nav_catalogue}</a>
            <a href=paths::MY_LEARNING>{l.nav_mine}</a>
            <a href=paths::SKILLS>{AssessTexts::get(lang).nav_skills}</a>
            <a href=paths::CERTIFICATES>{CertTexts::get(lang).nav_mine}</a>
            {reader.then(|| view! { <a href=paths::HR_DASHBOARD>{HrTexts::get(lang).nav_dashboard}</a> })}
            {community.then(|| view! { <a href=paths::COMMUNITY>{CommunityTexts::get(lang).nav}</a> })}
            {author.then(|| view! { <a href=paths::AUTHOR_HOME>{AuthorTexts::get(lang).nav_author}</a> })}
            {(admin || province_admin).then(|| view! { <a href=paths::ADMIN_USERS>{t.nav_admin_users}</a> })}
            {(admin || province_admin).then(|| view! { <a href=paths::ADMIN_TOKENS>{a.nav_tokens}</a> })}
            {(admin || province_admin).then(|| view! { <a href=paths::ADMIN_AUDIT>{a.nav_audit}</a> })}
            {admin.then(|| view! { <a href=paths::ADMIN_XAPI>{a.nav_xapi}</a> })}
            {admin.then(|| view! { <a href=paths::ADMIN_PROVINCES>{ProvinceTexts::get(lang).nav}</a> })}
            <form method="post" action=paths::SIGN_OUT class="inline-form">
                <button type="submit" class="link-button">{t.logout}</button>
            </form>
        </nav>
        </details>
    }
}

/// A plain form, so the switch works before the wasm arrives; the server sets a cookie and
/// sends the reader back to the same page.
#[component]
fn LangSwitch() -> impl IntoView {
    let t = use_texts();
    view! {
        <form method="post" action=paths::LANGUAGE class="inline-form lang-switch">
            <input type="hidden" name="lang" value=t.switch_lang_code/>
            <button type="submit" class="link-button" lang=t.switch_lang_code>{t.switch_lang}</button>
        </form>
    }
}

/// In an assisted session: who is helping, and the button that gives the device back.
#[component]
fn AssistedBanner(helper: String) -> impl IntoView {
    let c = crate::i18n::community::use_community_texts();
    view! {
        <div class="assisted-banner" role="status" data-testid="assisted-banner">
            <p>{c.assisted_banner}" "<strong>{helper}</strong></p>
            <form method="post" action=paths::COMMUNITY_STOP_ASSISTING class="inline-form">
                <button type="submit" class="button secondary">{c.assist_end}</button>
            </form>
        </div>
    }
}
