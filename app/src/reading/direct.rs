//! The course and lesson pages drawn straight from their data, without the router. They are
//! the pages a learner opens most, and reading pages have no wasm to hydrate, so there is no
//! route to match, no suspense to wait on and no stream to put the title into: the server
//! loads the page the way its component does (the same server functions), draws the same
//! views into the same frame, and sends the whole document. A page reached from a hydrated
//! page by the router is still drawn by the components (`pages::learn`).
use domain::Me;
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos_axum::ResponseOptions;

use crate::api::learn::{MarkLessonDone, load_course, load_lesson};
use crate::api::session::current_user;
use crate::assets::use_assets;
use crate::components::layout::{frame, known_header};
use crate::document::{form_targets, head_links, offline_banner, page_csp};
use crate::i18n::{self, use_texts};
use crate::pages::learn::{course, lesson};

/// A page this module draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/khoa-hoc/{code}`
    Course { code: String },
    /// `/khoa-hoc/{code}/bai/{n}`; a position that is not a number is 0, which no lesson has.
    Lesson { code: String, position: u32 },
}

/// A drawn page: its status (200, or the one the failed load set), its headers, the document.
pub struct Drawn {
    pub status: http::StatusCode,
    pub headers: http::HeaderMap,
    pub html: String,
}

/// Draws `page` for the request `parts`; `context` provides what the app's routes get from the
/// server (the services, the asset names, the public origin).
pub async fn draw(page: Page, parts: http::request::Parts, context: impl FnOnce()) -> Drawn {
    let owner = Owner::new_root(None);
    let options = ResponseOptions::default();
    let (html, targets) = owner.with(|| {
        provide_context(parts);
        provide_context(options.clone());
        context();
        provide_context(i18n::page_lang());
        (ScopedFuture::new_untracked(render(page)), form_targets())
    });
    let html = html.await;
    owner.unset_with_forced_cleanup();
    let parts = std::mem::take(&mut *options.0.write().unwrap_or_else(|e| e.into_inner()));
    let mut headers = parts.headers;
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(csp) = http::HeaderValue::from_str(&page_csp(None, &targets)) {
        headers.insert(http::header::CONTENT_SECURITY_POLICY, csp);
    }
    Drawn {
        status: parts.status.unwrap_or_default(),
        headers,
        html,
    }
}

/// Loads the person and the page, then draws the document.
async fn render(page: Page) -> String {
    let me = current_user().await.ok().flatten();
    let (title, content) = match page {
        Page::Course { code } => {
            let res = load_course(code).await;
            let title = course::page_title(&res);
            (
                title,
                course::course_section(course::course_or_error(res)).into_any(),
            )
        }
        Page::Lesson { code, position } => {
            let res = load_lesson(code, position).await;
            let title = lesson::page_title(&res);
            let done = ServerAction::<MarkLessonDone>::new();
            (title, lesson::lesson_or_error(res, done))
        }
    };
    document(title, me, content).to_html()
}

/// The document `crate::document` draws for a reading page, with `content` in its frame.
fn document(title: String, me: Option<Me>, content: AnyView) -> impl IntoView {
    let app_name = use_texts().app_name;
    view! {
        <!DOCTYPE html>
        <html lang=i18n::use_lang().code()>
            <head>
                {head_links(use_assets())}
                <title>{i18n::full_title(title, app_name)}</title>
            </head>
            <body>
                {frame(known_header(me), content)}
                {offline_banner()}
            </body>
        </html>
    }
}
