//! The lesson editor's video: what the lesson has (seen as learners see it), an MP4 to upload,
//! or a link to an allowed host with its length, its WebVTT captions, and removing it. The
//! link, captions and removal are plain forms (they work before the wasm); the upload shows
//! its progress.
use domain::learning::LessonVideo;
use leptos::html::Input;
use leptos::prelude::*;
use serde::Deserialize;

use super::outcome;
use crate::api::author::{CaptionLessonVideo, LinkLessonVideo, RemoveLessonVideo};
use crate::components::form::Field;
use crate::components::upload::{UploadState, UploadStatus, UploadWords};
use crate::components::video::LessonVideoView;
use crate::i18n::author::use_author_texts;
use crate::i18n::use_video_texts;

/// What the API answers once a video is kept.
#[derive(Clone, Debug, Deserialize)]
pub struct VideoSaved {
    pub url: String,
}

#[component]
pub fn VideoPanel(
    lesson_id: i32,
    course: String,
    video: Option<LessonVideo>,
    hosts: Vec<String>,
) -> impl IntoView {
    let v = use_video_texts();
    let upload = RwSignal::new(UploadState::<VideoSaved>::Idle);
    reload_when_kept(upload);
    let file: NodeRef<Input> = NodeRef::new();
    let on_send = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(chosen) = crate::components::upload::chosen_file(file) {
            let url = format!("/api/v1/lessons/{lesson_id}/video");
            crate::components::upload::send(
                upload,
                &url,
                &chosen,
                Some("application/octet-stream"),
                false,
            );
        }
    };
    let (link, captions, remove) = (
        ServerAction::<LinkLessonVideo>::new(),
        ServerAction::<CaptionLessonVideo>::new(),
        ServerAction::<RemoveLessonVideo>::new(),
    );
    let now = match &video {
        Some(x) => v.current(
            x.host.as_deref(),
            x.duration_secs,
            x.size,
            x.captions_url.is_some(),
        ),
        None => v.none.to_owned(),
    };
    let has_video = video.is_some();
    let preview = video.map(|x| view! { <LessonVideoView video=x/> }.into_any());
    let hosts_hint = hosts.join(", ");
    let id = lesson_id.to_string();
    let captioning = has_video.then(|| {
        let (id, course) = (id.clone(), course.clone());
        let (id2, course2) = (id.clone(), course.clone());
        view! {
            <h3>{v.captions_title}</h3>
            <ActionForm action=captions attr:class="stack">
                {outcome(captions.value(), v.saved)}
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="course" value=course.clone()/>
                <Field id="l-video-vtt" label=v.captions_field hint=v.captions_hint>
                    <textarea id="l-video-vtt" name="vtt" rows="6" aria-describedby="l-video-vtt-hint"></textarea>
                </Field>
                <button type="submit" class="button">{v.captions_save}</button>
            </ActionForm>
            <ActionForm action=remove attr:class="inline-form">
                {outcome(remove.value(), v.saved)}
                <input type="hidden" name="id" value=id2.clone()/>
                <input type="hidden" name="course" value=course2.clone()/>
                <button type="submit" class="secondary danger">{v.remove}</button>
            </ActionForm>
        }
        .into_any()
    });
    view! {
        <section class="video-editor stack" aria-labelledby="video-editor-title">
            <h2 id="video-editor-title">{v.author_title}</h2>
            <p data-testid="video-state">{now}</p>
            {preview}
            <Field id="l-video" label=v.upload hint=v.upload_hint>
                <input id="l-video" type="file" node_ref=file aria-describedby="l-video-hint" accept="video/mp4"/>
            </Field>
            <button type="button" class="button" on:click=on_send disabled=move || upload.get().busy()>{v.send}</button>
            <UploadStatus state=upload words=words() done=saved testid="video-status"/>

            <h3>{v.link_title}</h3>
            <ActionForm action=link attr:class="stack">
                {outcome(link.value(), v.saved)}
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="course" value=course.clone()/>
                <Field id="l-video-url" label=v.link_field hint=hosts_hint>
                    <input id="l-video-url" name="url" type="url" inputmode="url" aria-describedby="l-video-url-hint" placeholder="https://www.youtube.com/watch?v=…"/>
                </Field>
                <div class="inline-fields">
                    <Field id="l-video-min" label=v.minutes>
                        <input id="l-video-min" name="minutes" type="number" min="0" max="1440" inputmode="numeric"/>
                    </Field>
                    <Field id="l-video-sec" label=v.seconds>
                        <input id="l-video-sec" name="seconds" type="number" min="0" max="59" inputmode="numeric"/>
                    </Field>
                </div>
                <button type="submit" class="button">{v.link_save}</button>
            </ActionForm>

            {captioning}
        </section>
    }
    .into_any()
}

fn words() -> UploadWords {
    let a = use_author_texts();
    UploadWords {
        sending: a.sending,
        checking: a.checking,
        failed: a.upload_failed,
    }
}

fn saved(_: VideoSaved, _: bool) -> AnyView {
    let v = use_video_texts();
    view! { <p class="alert alert-ok" role="status">{v.saved}</p> }.into_any()
}

/// Once an upload is kept, the page is loaded again to show the video as learners will.
fn reload_when_kept(upload: RwSignal<UploadState<VideoSaved>>) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(upload.get(), UploadState::Done { .. }) {
            let _ = window().location().reload();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = upload;
}
