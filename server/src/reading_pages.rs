//! `GET /khoa-hoc/{code}` and `GET /khoa-hoc/{code}/bai/{n}`: the course and lesson pages,
//! drawn without the router by `app::reading::direct` (the same views, the same frame). Their
//! Leptos routes are left out of the router's list; a path the router would still take (a
//! trailing slash) reaches the app through the fallback, as before.
use std::sync::Arc;

use app::reading::direct::{Page, draw};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request};
use axum::response::Response;
use axum::routing::get;

use crate::page_context::PageContext;
use crate::state::AppState;

/// The two paths, as the Leptos route list spells them.
pub const PATHS: [&str; 2] = ["/khoa-hoc/{code}", "/khoa-hoc/{code}/bai/{n}"];

pub fn routes(context: Arc<PageContext>) -> Router<AppState> {
    let for_lessons = context.clone();
    Router::new()
        .route(
            PATHS[0],
            get(move |Path(code): Path<String>, req: Request| {
                respond(context, Page::Course { code }, req)
            }),
        )
        .route(
            PATHS[1],
            get(
                move |Path((code, n)): Path<(String, String)>, req: Request| {
                    let position = n.parse().unwrap_or(0);
                    respond(for_lessons, Page::Lesson { code, position }, req)
                },
            ),
        )
}

async fn respond(context: Arc<PageContext>, page: Page, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let drawn = draw(page, parts, move || context.provide()).await;
    let mut res = Response::new(Body::from(drawn.html));
    *res.status_mut() = drawn.status;
    *res.headers_mut() = drawn.headers;
    res
}
