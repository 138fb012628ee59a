//! One file sent to an upload endpoint, with its progress: the lesson editor's voice and video
//! share it. The browser sends the file by XMLHttpRequest (fetch reports no upload progress);
//! the endpoint answers 200 or 422 with the outcome, anything else with the API's error body,
//! whose message is shown. The import pages (the unit's files, the author's question bank) have
//! no wasm: their plain form's post is answered with the page itself, drawn from [`Posted`].
use leptos::prelude::*;

/// Where an upload is.
#[derive(Clone, Debug, PartialEq)]
pub enum UploadState<T> {
    Idle,
    /// Percent of the file sent.
    Sending(u32),
    /// Sent whole; the server is reading it.
    Checking,
    Done {
        outcome: T,
        dry_run: bool,
    },
    /// The server's message, or none when the network failed.
    Failed(Option<String>),
}

impl<T> UploadState<T> {
    /// While the file is on its way or being read: the submit button waits.
    pub fn busy(&self) -> bool {
        matches!(self, UploadState::Sending(_) | UploadState::Checking)
    }
}

/// What a plain upload form's post was answered (`server::upload_forms`): the page is drawn in
/// answer to the post with this in its context.
#[derive(Clone, Debug)]
pub struct Posted<T> {
    pub state: UploadState<T>,
    /// The form's other fields as sent, so the page shows them chosen again.
    pub fields: Vec<(String, String)>,
}

/// Where a page's upload starts: what its post was answered, else idle.
pub fn first_state<T: Clone + Send + Sync + 'static>() -> UploadState<T> {
    use_context::<Posted<T>>().map_or(UploadState::Idle, |p| p.state)
}

/// A field of the form as it was sent, in the page drawn in answer to it; empty otherwise.
pub fn sent_field<T: Clone + Send + Sync + 'static>(name: &str) -> String {
    use_context::<Posted<T>>()
        .and_then(|p| p.fields.into_iter().find(|(k, _)| k == name))
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// What the status says, in the page's words.
#[derive(Clone, Copy, Debug)]
pub struct UploadWords {
    /// Followed by the percent sent.
    pub sending: &'static str,
    pub checking: &'static str,
    /// When the network failed, or the server said nothing readable.
    pub failed: &'static str,
}

/// The live status under an upload form: progress, then the outcome `done` draws.
#[component]
pub fn UploadStatus<T>(
    state: RwSignal<UploadState<T>>,
    words: UploadWords,
    done: fn(T, bool) -> AnyView,
    testid: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let status = move || match state.get() {
        UploadState::Idle => ().into_any(),
        UploadState::Sending(pct) => view! {
            <label for="upload-progress">{format!("{} {pct}%", words.sending)}</label>
            <progress id="upload-progress" max="100" value=pct></progress>
        }
        .into_any(),
        UploadState::Checking => view! { <p>{words.checking}</p> }.into_any(),
        UploadState::Failed(message) => {
            let message = message.unwrap_or_else(|| words.failed.to_owned());
            view! { <crate::components::alert::ErrorAlert message=message/> }.into_any()
        }
        UploadState::Done { outcome, dry_run } => done(outcome, dry_run),
    };
    view! { <div aria-live="polite" data-testid=testid>{status}</div> }
}

/// The file chosen in a file input, if any.
#[cfg(feature = "hydrate")]
pub fn chosen_file(input: NodeRef<leptos::html::Input>) -> Option<web_sys::File> {
    input.get_untracked()?.files()?.get(0)
}

/// Sends `file` to `url` (as `content_type`, or the file's own type), moving `state` along.
#[cfg(feature = "hydrate")]
pub fn send<T>(
    state: RwSignal<UploadState<T>>,
    url: &str,
    file: &web_sys::File,
    content_type: Option<&str>,
    dry_run: bool,
) where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    state.set(UploadState::Sending(0));
    if browser::post(state, url, file, content_type, dry_run).is_err() {
        state.set(UploadState::Failed(None));
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{ProgressEvent, XmlHttpRequest};

    use super::UploadState;

    pub fn post<T>(
        state: RwSignal<UploadState<T>>,
        url: &str,
        file: &web_sys::File,
        content_type: Option<&str>,
        dry_run: bool,
    ) -> Result<(), wasm_bindgen::JsValue>
    where
        T: serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", url)?;
        let own = file.type_();
        let media = content_type.unwrap_or(if own.is_empty() {
            "application/octet-stream"
        } else {
            &own
        });
        xhr.set_request_header("Content-Type", media)?;
        let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let pct = (e.loaded() / e.total() * 100.0).round() as u32;
                state.set(if pct >= 100 {
                    UploadState::Checking
                } else {
                    UploadState::Sending(pct)
                });
            }
        });
        xhr.upload()?
            .set_onprogress(Some(progress.as_ref().unchecked_ref()));
        let answered = xhr.clone();
        let done = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let status = answered.status().unwrap_or(0);
            let body = answered.response_text().ok().flatten().unwrap_or_default();
            state.set(read_answer(status, &body, dry_run));
        });
        xhr.set_onload(Some(done.as_ref().unchecked_ref()));
        let failed = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            state.set(UploadState::Failed(None))
        });
        xhr.set_onerror(Some(failed.as_ref().unchecked_ref()));
        xhr.send_with_opt_blob(Some(file))?;
        // The request owns its handlers until it ends; one small leak per upload.
        progress.forget();
        done.forget();
        failed.forget();
        Ok(())
    }

    fn read_answer<T: serde::de::DeserializeOwned>(
        status: u16,
        body: &str,
        dry_run: bool,
    ) -> UploadState<T> {
        if matches!(status, 200 | 201 | 422)
            && let Ok(outcome) = serde_json::from_str::<T>(body)
        {
            return UploadState::Done { outcome, dry_run };
        }
        let message = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_owned));
        UploadState::Failed(message)
    }
}
