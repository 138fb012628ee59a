//! The import pages' plain forms, `POST /don-vi/nhap-du-lieu` and `POST /soan-bai/ngan-hang`:
//! the file and its options as `multipart/form-data`, from a page without the wasm. The file
//! goes through the same import as the API's; the answer is the page itself, drawn with what
//! the import said (every refused row), so nothing waits in a cookie or in one process's memory
//! between two requests.
use std::sync::Arc;

use app::components::upload::{Posted, UploadState};
use app::i18n::Texts;
use app::pages::account::login::NEXT_PARAM;
use app::paths;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request};
use axum::http::{Method, StatusCode, request::Parts};
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use domain::Lang;
use domain::hr::ImportOutcome;
use domain::learning::authoring::BankImportOutcome;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use service::access::authz::Actor;
use service::author::bank_import::BankFormat;

use crate::api::{questions, records};
use crate::forms::see_other;
use crate::http::body_limit::{BANK_BODY_LIMIT, FORM_ROOM, IMPORT_BODY_LIMIT};
use crate::http::error::ApiError;
use crate::page_context::PageContext;
use crate::state::AppState;

/// What a page is drawn with: the app's context and the document around it.
#[derive(Clone)]
pub struct Drawing {
    pub context: Arc<PageContext>,
    pub options: Arc<LeptosOptions>,
}

pub fn routes(drawing: Drawing) -> Router<AppState> {
    Router::new()
        .merge(route::<UnitFile>(drawing.clone(), IMPORT_BODY_LIMIT))
        .merge(route::<BankFile>(drawing, BANK_BODY_LIMIT))
}

/// An import page's file form: its path, and what the file sent there becomes.
trait FilePage: 'static {
    const PATH: &'static str;
    type Outcome: Clone + Send + Sync + 'static;
    fn outcome(
        state: &AppState,
        actor: &Actor,
        form: Sent,
        lang: Lang,
    ) -> impl Future<Output = Outcome<Self::Outcome>> + Send;
}

/// The unit's import page.
struct UnitFile;
/// The author's question bank.
struct BankFile;

impl FilePage for UnitFile {
    const PATH: &'static str = paths::HR_IMPORT;
    type Outcome = ImportOutcome;
    fn outcome(
        state: &AppState,
        actor: &Actor,
        form: Sent,
        lang: Lang,
    ) -> impl Future<Output = Outcome<ImportOutcome>> + Send {
        hr_outcome(state, actor, form, lang)
    }
}

impl FilePage for BankFile {
    const PATH: &'static str = paths::AUTHOR_BANK;
    type Outcome = BankImportOutcome;
    fn outcome(
        state: &AppState,
        actor: &Actor,
        form: Sent,
        lang: Lang,
    ) -> impl Future<Output = Outcome<BankImportOutcome>> + Send {
        bank_outcome(state, actor, form, lang)
    }
}

/// `POST` at the page's path, with the file's own body limit and room for the form.
fn route<P: FilePage>(drawing: Drawing, file_limit: usize) -> Router<AppState> {
    Router::new().route(
        P::PATH,
        post(move |state, lang, actor, req| {
            post_file::<P>(drawing.clone(), state, lang, actor, req)
        })
        .layer(DefaultBodyLimit::max(file_limit + FORM_ROOM)),
    )
}

type Signed = Option<Extension<Actor>>;

/// Reads the form, has the page's import make its outcome, and draws the page with it; the
/// anonymous are sent to sign in, then back to the page.
async fn post_file<P: FilePage>(
    drawing: Drawing,
    axum::extract::State(state): axum::extract::State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Signed,
    req: Request,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return to_sign_in(P::PATH);
    };
    let (parts, form) = read(req, &state).await;
    let outcome = match form {
        Err(code) => failed(lang, code),
        Ok(form) => P::outcome(&state, &actor, form, lang).await,
    };
    drawing.page::<P::Outcome>(parts, outcome).await
}

/// A unit's file: imported as the API imports it.
async fn hr_outcome(
    state: &AppState,
    actor: &Actor,
    form: Sent,
    lang: Lang,
) -> Outcome<ImportOutcome> {
    let format = app::pages::hr::import::format_named(form.get("format"));
    let outcome = match (&form.file, format) {
        (Some(file), Some(format)) => {
            let import = records::ImportFile {
                content_type: file.content_type.as_deref(),
                bytes: &file.bytes,
                dry_run: form.ticked("dry_run"),
                province: Some(form.get("province").trim()).filter(|p| !p.is_empty()),
            };
            let answer = records::run_import(state, actor, format, import, lang).await;
            done(answer, form.ticked("dry_run"))
        }
        (None, _) => failed(lang, "file_required"),
        (_, None) => failed(lang, "bad_request"),
    };
    outcome.with_fields(form.fields)
}

/// A question bank file: imported as the API imports it.
async fn bank_outcome(
    state: &AppState,
    actor: &Actor,
    form: Sent,
    lang: Lang,
) -> Outcome<BankImportOutcome> {
    let outcome = match (&form.file, BankFormat::parse(form.get("format"))) {
        (Some(file), Some(format)) => {
            let dry_run = form.ticked("dry_run");
            let answer =
                questions::run_import(state, actor, format, &file.bytes, dry_run, lang).await;
            done(answer, dry_run)
        }
        (None, _) => failed(lang, "file_required"),
        (_, None) => failed(lang, "unknown_bank_format"),
    };
    outcome.with_fields(form.fields)
}

fn to_sign_in(back: &str) -> Response {
    see_other(&format!("{}?{NEXT_PARAM}={back}", paths::SIGN_IN), None)
}

/// The file of the form, if one was chosen.
struct File {
    content_type: Option<String>,
    bytes: Bytes,
}

/// A form as sent: its file and its other fields.
#[derive(Default)]
struct Sent {
    file: Option<File>,
    fields: Vec<(String, String)>,
}

impl Sent {
    fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn ticked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }
}

/// Reads the multipart form; an error code when it cannot be read (too large, malformed). The
/// request's parts are kept to draw the page.
async fn read(req: Request, state: &AppState) -> (Parts, Result<Sent, &'static str>) {
    let (parts, body) = req.into_parts();
    let req = Request::from_parts(parts.clone(), body);
    let sent = async {
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| "bad_request")?;
        let mut sent = Sent::default();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| code_of(e.status()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if name == "file" {
                let content_type = field.content_type().map(str::to_owned);
                let bytes = field.bytes().await.map_err(|e| code_of(e.status()))?;
                sent.file = (!bytes.is_empty()).then_some(File {
                    content_type,
                    bytes,
                });
            } else {
                let value = field.text().await.map_err(|e| code_of(e.status()))?;
                sent.fields.push((name, value));
            }
        }
        Ok(sent)
    };
    (parts, sent.await)
}

fn code_of(status: StatusCode) -> &'static str {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        "payload_too_large"
    } else {
        "bad_request"
    }
}

/// What the page shows after the post, and the fields to show chosen again.
struct Outcome<T> {
    state: UploadState<T>,
    fields: Vec<(String, String)>,
}

impl<T> Outcome<T> {
    fn with_fields(mut self, fields: Vec<(String, String)>) -> Self {
        self.fields = fields;
        self
    }
}

fn failed<T>(lang: Lang, code: &str) -> Outcome<T> {
    Outcome {
        state: UploadState::Failed(Some(Texts::get(lang).error(code).to_owned())),
        fields: Vec::new(),
    }
}

/// The import's answer as the page reads it: the API's JSON is the page's outcome type.
fn done<A: Serialize, T: DeserializeOwned>(
    answer: Result<A, ApiError>,
    dry_run: bool,
) -> Outcome<T> {
    let state = match answer {
        Ok(answer) => serde_json::to_value(answer)
            .and_then(serde_json::from_value)
            .map_or(UploadState::Failed(None), |outcome| UploadState::Done {
                outcome,
                dry_run,
            }),
        Err(e) => UploadState::Failed(Some(e.message().to_owned())),
    };
    Outcome {
        state,
        fields: Vec::new(),
    }
}

impl Drawing {
    /// The page at the request's path, drawn as for a GET, with the post's outcome in context.
    async fn page<T: Clone + Send + Sync + 'static>(
        &self,
        mut parts: Parts,
        outcome: Outcome<T>,
    ) -> Response {
        parts.method = Method::GET;
        let posted = Posted {
            state: outcome.state,
            fields: outcome.fields,
        };
        let context = self.context.clone();
        let options = self.options.clone();
        let handler = leptos_axum::render_app_async_with_context(
            move || {
                context.provide();
                provide_context(posted.clone());
            },
            move || app::document(&options),
        );
        handler(Request::from_parts(parts, Body::empty())).await
    }
}
