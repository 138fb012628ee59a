//! The lesson editor's spoken version: where the server's speech stands (followed while it is
//! being made), a player to check it, and an author's own recording to upload in its place or
//! to remove. Without espeak-ng on the server, a notice says why there is no speech.
use domain::learning::authoring::{LessonSpeech, SpeechState};
use leptos::html::Input;
use leptos::prelude::*;
use serde::Deserialize;

use super::outcome;
use crate::api::author::RemoveLessonVoice;
use crate::components::form::Field;
use crate::components::player::LessonPlayer;
use crate::components::upload::{UploadState, UploadStatus, UploadWords};
use crate::i18n::author::use_author_texts;
use crate::i18n::use_speech_texts;

/// What the API answers once a recording is kept.
#[derive(Clone, Debug, Deserialize)]
pub struct VoiceSaved {
    pub url: String,
}

#[component]
pub fn VoicePanel(lesson_id: i32, course: String, speech: LessonSpeech) -> impl IntoView {
    let s = use_speech_texts();
    let speech = RwSignal::new(speech);
    let upload = RwSignal::new(UploadState::<VoiceSaved>::Idle);
    follow(lesson_id, speech, upload);
    let file: NodeRef<Input> = NodeRef::new();
    let on_send = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(chosen) = crate::components::upload::chosen_file(file) {
            let url = format!("/api/v1/lessons/{lesson_id}/voice");
            crate::components::upload::send(
                upload,
                &url,
                &chosen,
                Some("application/octet-stream"),
                false,
            );
        }
    };
    let remove = ServerAction::<RemoveLessonVoice>::new();
    let state = move || {
        let now = speech.get();
        let mut line = s.state(now.state).to_owned();
        if now.state == SpeechState::Ready
            && now.making_ms > 0
            && !now.audio.as_ref().is_some_and(|a| a.recorded)
        {
            line.push(' ');
            line.push_str(&s.made_in(now.making_ms));
        }
        line
    };
    let notice = move || {
        let now = speech.get();
        (!now.voice_installed && !now.audio.as_ref().is_some_and(|a| a.recorded))
            .then(|| view! { <p class="alert alert-warn" role="note" data-testid="no-voice">{s.no_voice_installed}</p> })
    };
    let player = move || {
        speech
            .get()
            .audio
            .map(|audio| view! { <LessonPlayer audio=audio/> })
    };
    let error = move || {
        speech
            .get()
            .error
            .map(|e| view! { <p class="muted small">{e}</p> })
    };
    let recorded = move || speech.get().audio.is_some_and(|a| a.recorded);
    view! {
        <section class="voice stack" aria-labelledby="voice-title">
            <h2 id="voice-title">{s.author_title}</h2>
            {notice}
            <p role="status" aria-live="polite" data-testid="speech-state">{state}</p>
            {error}
            {player}
            <Field id="l-voice" label=s.upload_voice hint=s.upload_hint>
                <input id="l-voice" type="file" node_ref=file aria-describedby="l-voice-hint"
                    accept="audio/mpeg,audio/ogg,audio/mp4,audio/x-m4a,audio/wav,audio/webm"/>
            </Field>
            <button type="button" class="button" on:click=on_send disabled=move || upload.get().busy()>{s.send_voice}</button>
            <UploadStatus state=upload words=words() done=saved testid="voice-status"/>
            {move || recorded().then(|| {
                let course = course.clone();
                view! {
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="id" value=lesson_id/>
                        <input type="hidden" name="course" value=course/>
                        <button type="submit" class="secondary">{s.remove_voice}</button>
                    </ActionForm>
                }
            })}
            {outcome(remove.value(), s.removed)}
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

fn saved(_: VoiceSaved, _: bool) -> AnyView {
    let s = use_speech_texts();
    view! { <p class="alert alert-ok" role="status">{s.uploaded}</p> }.into_any()
}

/// Reads the lesson's speech again while it is being made, and once a recording is kept.
fn follow(
    lesson_id: i32,
    speech: RwSignal<LessonSpeech>,
    upload: RwSignal<UploadState<VoiceSaved>>,
) {
    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;
        let refresh = move || {
            leptos::task::spawn_local(async move {
                if let Ok(edit) = crate::api::author::load_lesson_edit(lesson_id).await {
                    speech.set(edit.speech);
                }
            });
        };
        Effect::new(move |_| {
            if matches!(upload.get(), UploadState::Done { .. }) {
                refresh();
            }
        });
        let _ = set_interval_with_handle(
            move || {
                if matches!(
                    speech.get_untracked().state,
                    SpeechState::Queued | SpeechState::Working
                ) {
                    refresh();
                }
            },
            Duration::from_secs(3),
        );
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (lesson_id, speech, upload);
}
