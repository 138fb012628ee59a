//! `/soan-bai/{code}/bai-moi` and `/soan-bai/{code}/bai/{id}`: a lesson's title and Markdown,
//! with a preview of what learners will see. With JavaScript the preview follows the typing
//! (the server renders and sanitises it, after a short pause); without, a "Xem trước" button
//! sends the text back to this page, which shows it rendered under the form that keeps it.
use domain::learning::authoring::{LessonEdit, LessonSpeech, SpeechState};
use leptos::html::{Input, Textarea};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::lesson_domain::DomainPanel;
use super::lesson_video::VideoPanel;
use super::lesson_voice::VoicePanel;
use super::{load_error, outcome};
use crate::api::author::{SaveLesson, load_author_course, load_lesson_edit, preview_markdown};
use crate::components::form::Field;
use crate::i18n::author::use_author_texts;
use crate::i18n::use_texts;
use crate::paths;

/// Milliseconds of quiet typing before the preview is asked for.
const DEBOUNCE_MS: u64 = 300;

#[component]
pub fn LessonEditorPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let p = params.read();
        (
            p.get("code").unwrap_or_default(),
            p.get("id").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0),
        )
    };
    // A text sent back by the no-script preview wins over the stored one.
    let sent = move || {
        let q = query.read();
        q.get("body")
            .map(|body| (q.get("title").unwrap_or_default(), body))
    };
    let lesson = Resource::new_blocking(
        move || (key(), sent()),
        |((code, id), sent)| async move {
            let mut edit = if id == 0 {
                // Also the authorization check: only authors read a course this way.
                let course = load_author_course(code).await?;
                LessonEdit {
                    id: 0,
                    course_code: course.fields.code,
                    course_title: course.fields.title,
                    position: 0,
                    title: String::new(),
                    body: String::new(),
                    domain: None,
                    course_domains: course.fields.competences.clone(),
                    speech: LessonSpeech {
                        state: SpeechState::NotPublished,
                        audio: None,
                        making_ms: 0,
                        error: None,
                        voice_installed: true,
                    },
                    video: None,
                    video_hosts: Vec::new(),
                }
            } else {
                load_lesson_edit(id).await?
            };
            if let Some((title, body)) = sent {
                edit.title = title;
                edit.body = body;
            }
            let html = if edit.body.is_empty() {
                String::new()
            } else {
                preview_markdown(edit.body.clone()).await?
            };
            Ok::<_, ServerFnError>((edit, html))
        },
    );
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || lesson.get().map(|res| match res {
                Err(e) => view! { <section class="card wide">{load_error(&e)}</section> }.into_any(),
                Ok((edit, html)) => view! { <Editor edit=edit html=html/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Editor(edit: LessonEdit, html: String) -> impl IntoView {
    let a = use_author_texts();
    let action = ServerAction::<SaveLesson>::new();
    let heading = if edit.id == 0 {
        a.new_lesson_title
    } else {
        a.edit_lesson_title
    };
    let course_href = paths::author_course(&edit.course_code);
    let here = if edit.id == 0 {
        paths::author_new_lesson(&edit.course_code)
    } else {
        paths::author_lesson(&edit.course_code, edit.id)
    };
    let preview = RwSignal::new(html);
    let body_ref: NodeRef<Textarea> = NodeRef::new();
    catch_up(body_ref, edit.body.clone(), preview);
    let attach_course = edit.course_code.clone();
    let voice = (edit.id != 0).then(|| {
        view! {
            <DomainPanel lesson_id=edit.id course=edit.course_code.clone() domain=edit.domain domains=edit.course_domains.clone()/>
            <VoicePanel lesson_id=edit.id course=edit.course_code.clone() speech=edit.speech.clone()/>
            <VideoPanel lesson_id=edit.id course=edit.course_code.clone() video=edit.video.clone() hosts=edit.video_hosts.clone()/>
        }
        .into_any()
    });
    // Without scripts the browser shows this button, which sends the text to this page by GET.
    let no_script_preview = format!(
        r#"<button type="submit" class="button" formmethod="get" formaction="{}" formnovalidate>{}</button>"#,
        escape_attr(&here),
        a.preview_button
    );
    view! {
        <Title text=heading/>
        <section class="card wide lesson-editor">
            <p><a href=course_href>{a.back_to_course}</a></p>
            <h1>{heading}</h1>
            <ActionForm action=action attr:class="stack lesson-form">
                {outcome(action.value(), a.saved)}
                <input type="hidden" name="course" value=edit.course_code.clone()/>
                <input type="hidden" name="id" value=edit.id.to_string()/>
                <Field id="l-title" label=a.lesson_title>
                    <input id="l-title" name="title" type="text" required maxlength="200" value=edit.title.clone()/>
                </Field>
                <div class="editor-split">
                    <Field id="l-body" label=a.body hint=a.body_hint>
                        <textarea id="l-body" name="body" rows="18" aria-describedby="l-body-hint" node_ref=body_ref
                            on:input=move |ev| schedule_preview(event_target_value(&ev), preview)>{edit.body.clone()}</textarea>
                    </Field>
                    <div class="preview-pane">
                        <h2 id="preview-heading">{a.preview}</h2>
                        <div class="lesson-body preview" data-testid="lesson-preview" aria-labelledby="preview-heading"
                            role="region" aria-live="polite" inner_html=move || preview.get()></div>
                    </div>
                </div>
                <div class="actions">
                    <button type="submit" class="button primary">{a.save}</button>
                    <noscript inner_html=no_script_preview></noscript>
                </div>
            </ActionForm>
            <Attach course=attach_course body=body_ref preview=preview/>
            {voice}
        </section>
    }
}

/// Text typed before the wasm arrived (a slow phone loads the editor whole) had no preview:
/// once hydrated, the preview follows what the box holds.
fn catch_up(body: NodeRef<Textarea>, drawn: String, preview: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(area) = body.get() {
            let now = area.value();
            if now != drawn {
                schedule_preview(now, preview);
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (body, drawn, preview);
}

/// Uploads an image or PDF to the course and adds its Markdown at the end of the text (with
/// JavaScript: the upload is an XMLHttpRequest to the API).
#[component]
fn Attach(course: String, body: NodeRef<Textarea>, preview: RwSignal<String>) -> impl IntoView {
    let (t, a) = (use_texts(), use_author_texts());
    let file: NodeRef<Input> = NodeRef::new();
    let status = RwSignal::new(None::<Result<String, String>>);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        upload::start(&course, file, body, preview, status);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&course, body, preview);
    };
    view! {
        <div class="attach stack">
            <h2>{a.attach_title}</h2>
            <Field id="l-file" label=a.attach_file hint=a.attach_hint>
                <input id="l-file" type="file" node_ref=file aria-describedby="l-file-hint"
                    accept="image/png,image/jpeg,image/webp,image/gif,application/pdf"/>
            </Field>
            <button type="button" class="button" on:click=on_click>{a.attach_send}</button>
            <div aria-live="polite" data-testid="attach-status">
                {move || status.get().map(|r| match r {
                    Ok(md) => view! { <p class="alert alert-ok" role="status">{a.attach_done}" "<code>{md}</code></p> }.into_any(),
                    Err(code) => view! { <crate::components::alert::ErrorAlert message=t.error(&code).to_owned()/> }.into_any(),
                })}
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod upload {
    use leptos::html::{Input, Textarea};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::XmlHttpRequest;

    pub fn start(
        course: &str,
        file: NodeRef<Input>,
        body: NodeRef<Textarea>,
        preview: RwSignal<String>,
        status: RwSignal<Option<Result<String, String>>>,
    ) {
        let Some(chosen) = file
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            status.set(Some(Err("file_type_refused".to_owned())));
            return;
        };
        let name: String = js_sys_encode(&chosen.name());
        let url = format!("/api/v1/courses/{course}/attachments?name={name}");
        if send(&url, &chosen, body, preview, status).is_err() {
            status.set(Some(Err("internal".to_owned())));
        }
    }

    fn js_sys_encode(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    fn send(
        url: &str,
        file: &web_sys::File,
        body: NodeRef<Textarea>,
        preview: RwSignal<String>,
        status: RwSignal<Option<Result<String, String>>>,
    ) -> Result<(), wasm_bindgen::JsValue> {
        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", url)?;
        xhr.set_request_header("Content-Type", "application/octet-stream")?;
        let answered = xhr.clone();
        let done = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let code = answered.status().unwrap_or(0);
            let text = answered.response_text().ok().flatten().unwrap_or_default();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            if code == 201 {
                let md = json["markdown"].as_str().unwrap_or_default().to_owned();
                if let Some(area) = body.get_untracked() {
                    let value = format!("{}\n\n{md}\n", area.value().trim_end());
                    area.set_value(&value);
                    super::schedule_preview(value, preview);
                }
                status.set(Some(Ok(md)));
            } else {
                let detail = json["error"]["details"][0]["code"]
                    .as_str()
                    .or(json["error"]["code"].as_str())
                    .unwrap_or("internal");
                status.set(Some(Err(detail.to_owned())));
            }
        });
        xhr.set_onload(Some(done.as_ref().unchecked_ref()));
        xhr.send_with_opt_blob(Some(file))?;
        done.forget();
        Ok(())
    }
}

/// Text safe inside a double-quoted HTML attribute.
fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Asks the server for the preview once the author pauses; a later keystroke cancels the
/// earlier request's timer, and an answer older than the newest one asked for is dropped.
fn schedule_preview(text: String, preview: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    {
        use std::sync::atomic::{AtomicU64, Ordering};
        use std::time::Duration;
        static ASKED: AtomicU64 = AtomicU64::new(0);
        thread_local! {
            static TIMER: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
        }
        if let Some(old) = TIMER.with(|t| t.take()) {
            old.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let ticket = ASKED.fetch_add(1, Ordering::SeqCst) + 1;
                leptos::task::spawn_local(async move {
                    if let Ok(html) = preview_markdown(text).await
                        && ASKED.load(Ordering::SeqCst) == ticket
                    {
                        preview.set(html);
                    }
                });
            },
            Duration::from_millis(DEBOUNCE_MS),
        )
        .ok();
        TIMER.with(|t| t.set(handle));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, preview, DEBOUNCE_MS);
}
