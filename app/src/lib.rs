//! The Leptos app, built twice: with `ssr` for the server, with `hydrate` for the browser.
#![recursion_limit = "256"]
pub mod api;
pub mod assets;
pub mod components;
mod document;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod reading;

pub use document::{document, shell};

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment, path};

use crate::paths::segment;

use crate::components::layout::{Layout, MeResource};
use crate::pages::account::{login::LoginPage, profile::ProfilePage, register::RegisterPage};
use crate::pages::admin::audit::AuditPage;
use crate::pages::admin::provinces::ProvincesPage;
use crate::pages::admin::tokens::TokensPage;
use crate::pages::admin::users::UsersPage;
use crate::pages::admin::xapi::XapiPage;
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
    dashboard::DashboardPage,
    import::ImportPage,
    people::PeoplePage,
    person::PersonPage,
    reminders::{ReminderComposePage, ReminderListPage, ReminderPage},
};
use crate::pages::learn::{
    catalogue::CataloguePage, course::CoursePageView, lesson::LessonPageView, mine::MyLearningPage,
    practice::PracticePage,
};
use crate::pages::verify::{mine::MyCertificatesPage, public::VerifyPage};
use crate::pages::{home::HomePage, not_found::NotFound, offline::OfflinePage};

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
        <Title formatter=move |page: String| i18n::full_title(page, t.app_name)/>
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    // Reading pages render whole before sending (Async): streamed out of order,
                    // they would need inline scripts to put each part in place.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    // Signing in and registering work without the wasm too.
                    <Route path=(StaticSegment(segment::SIGN_IN),) view=LoginPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::REGISTER),) view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ACCOUNT),) view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ADMIN), StaticSegment(segment::USERS)) view=UsersPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::COURSES),) view=CataloguePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::COURSES), ParamSegment("code")) view=CoursePageView ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::COURSES), ParamSegment("code"), StaticSegment(segment::LESSON), ParamSegment("n")) view=LessonPageView ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::COURSES), ParamSegment("code"), StaticSegment(segment::PRACTICE)) view=PracticePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::OFFLINE),) view=OfflinePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::MY_LEARNING),) view=MyLearningPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::QUIZ), ParamSegment("code")) view=QuizPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ATTEMPT), ParamSegment("id")) view=AttemptPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::SKILLS),) view=SkillsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::CERTIFICATES),) view=MyCertificatesPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::VERIFY),) view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::VERIFY), ParamSegment("code")) view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::VERIFY_EN), ParamSegment("code")) view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::COMMUNITY),) view=CommunityPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::COMMUNITY), StaticSegment(segment::STATS)) view=CommuneStatsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR),) view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR), StaticSegment(segment::PEOPLE)) view=PeoplePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR), StaticSegment(segment::PEOPLE), ParamSegment("code")) view=PersonPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR), StaticSegment(segment::IMPORT)) view=ImportPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR), StaticSegment(segment::REMINDERS)) view=ReminderListPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR), StaticSegment(segment::REMINDERS), StaticSegment(segment::NEW)) view=ReminderComposePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::HR), StaticSegment(segment::REMINDERS), ParamSegment("id")) view=ReminderPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ADMIN), StaticSegment(segment::TOKENS)) view=TokensPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ADMIN), StaticSegment(segment::LEARNING_RECORDS)) view=XapiPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ADMIN), StaticSegment(segment::AUDIT)) view=AuditPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::ADMIN), StaticSegment(segment::PROVINCES)) view=ProvincesPage ssr=SsrMode::Async/>
                    // Static paths before `/soan-bai/:code`: course codes are capitals, never these.
                    <Route path=(StaticSegment(segment::AUTHOR),) view=AuthorHomePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), StaticSegment(segment::NEW)) view=NewCoursePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), StaticSegment(segment::BANK)) view=BankPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), StaticSegment(segment::QUIZZES)) view=QuizListPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), StaticSegment(segment::QUIZZES), ParamSegment("code")) view=QuizEditorPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), ParamSegment("code")) view=CourseEditorPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), ParamSegment("code"), StaticSegment(segment::NEW_LESSON)) view=LessonEditorPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment(segment::AUTHOR), ParamSegment("code"), StaticSegment(segment::LESSON), ParamSegment("id")) view=LessonEditorPage ssr=SsrMode::Async/>
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
