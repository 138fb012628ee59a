//! The whole HTTP surface in one router: API, form posts, Leptos pages and server functions,
//! static files; wrapped in the session, CSRF, body-limit and security-header layers, with
//! `/metrics` in front and every request in a span with its id (`http::trace`) around it all.
use std::sync::Arc;

use app::{App, document, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::page_context::PageContext;
use crate::state::AppState;
use crate::{
    account_forms, api, assess_forms, forms, hr_files, http, practice_forms, reading_pages,
    sso_forms,
};

pub fn build(state: AppState) -> Router {
    let page_context = Arc::new(PageContext::new(&state));
    let context = {
        let page_context = page_context.clone();
        move || page_context.provide()
    };
    let options = Arc::new(state.leptos_options.clone());
    let drawing = crate::upload_forms::Drawing {
        context: page_context.clone(),
        options: options.clone(),
    };
    // The course and lesson pages are drawn without the router (`reading_pages`).
    let pages = generate_route_list(App)
        .into_iter()
        .filter(|route| !reading_pages::PATHS.contains(&route.path()))
        .collect();
    Router::new()
        .merge(reading_pages::routes(page_context))
        .merge(api::routes())
        .merge(forms::routes())
        .merge(account_forms::routes())
        .merge(assess_forms::routes())
        .merge(practice_forms::routes())
        .merge(hr_files::routes())
        .merge(sso_forms::routes())
        .merge(crate::unsubscribe_forms::routes())
        .merge(crate::upload_forms::routes(drawing))
        .leptos_routes_with_context(&state, pages, context.clone(), move || document(&options))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn(
            http::server_fn_errors::bad_arguments,
        ))
        .layer(from_fn_with_state(state.clone(), http::form_results::keep))
        .layer(from_fn_with_state(state.clone(), http::csrf::check))
        // Inside the session (it knows the account and the address), outside the CSRF check
        // (whose refusals it logs).
        .layer(axum::middleware::from_fn(http::security_log::refusals))
        .layer(from_fn_with_state(state.clone(), http::session::load))
        // Around all that may write: bumps the caches' generation once a write is answered.
        .layer(from_fn_with_state(
            state.clone(),
            http::clearing::after_writes,
        ))
        // Outside the session: a body too large or too slow is refused before any lookup.
        .layer(from_fn_with_state(state.clone(), http::body_limit::guard))
        .layer(from_fn_with_state(state.clone(), http::headers::set))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        // Pages without wasm are gzipped whole by an encoder kept per thread (`http::gzip`).
        .layer(axum::middleware::from_fn(http::gzip::whole_pages))
        // Other answers are compressed per response with gzip at its fastest level: a brotli
        // encoder sets up a multi-megabyte window per response, which cost more than the page
        // itself, and gzip's level 4 was a fifth of a signed-in page's server time (perf;
        // level 1: a tenth) for a fifth fewer bytes (lesson page 2.6 KB, 3.3 KB at level 1).
        // Anonymous reading pages are compressed once per kept copy. Static files are
        // precompressed (brotli 11) at build time and served as they are.
        // Audio and video are compressed already: sent as they are, with their length.
        .layer(
            CompressionLayer::new()
                .no_br()
                .quality(CompressionLevel::Fastest)
                .compress_when(
                    DefaultPredicate::new()
                        .and(NotForContentType::const_new("audio/"))
                        .and(NotForContentType::const_new("video/")),
                ),
        )
        // Outside the compression: a kept page is sent as compressed, not compressed again.
        .layer(from_fn_with_state(
            state.pages.clone(),
            http::page_cache::serve,
        ))
        .layer(CatchPanicLayer::custom(on_panic))
        // `/metrics`, for those allowed, in front of everything the app does.
        .layer(from_fn_with_state(state.clone(), http::metrics::gate))
        // Outermost: every answer (a panic's, a kept page's, `/metrics`) in its request's span
        // with its id (`http::trace`).
        .layer(from_fn_with_state(state.clone(), http::trace::request))
        .with_state(state)
}

/// A panic in a handler becomes a 500 page in Vietnamese; that it happened goes to the log,
/// in the request's span (so with its id), and the page shows the id.
fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    tracing::error!("a request handler panicked");
    http::error::page(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        domain::Lang::Vi,
        "internal",
    )
}

/// Leptos options from cargo-leptos's environment; a binary built by plain cargo (tests) gets
/// this project's output name and the same run-time variables.
pub fn leptos_options() -> LeptosOptions {
    let from_cargo_leptos = option_env!("LEPTOS_OUTPUT_NAME").is_some()
        || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    let mut options = from_cargo_leptos
        .then(|| leptos::config::get_configuration(None).ok())
        .flatten()
        .map_or_else(plain_options, |conf| conf.leptos_options);
    // A release build by cargo-leptos names its files with content hashes and lists them in
    // a hash file beside the binary; Leptos links those names when told to.
    options.hash_files = crate::assets::hash_file(&options).exists();
    options
}

fn plain_options() -> LeptosOptions {
    let env = |key: &str, default: &str| std::env::var(key).unwrap_or_else(|_| default.to_owned());
    LeptosOptions::builder()
        .output_name("hocvu")
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(
            env("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
                .parse::<std::net::SocketAddr>()
                .unwrap_or(([127, 0, 0, 1], 3000).into()),
        )
        .build()
}
