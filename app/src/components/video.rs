//! A lesson's video, click to load: a file kept here sits closed in a `<details>` whose
//! summary says its length and size, with `preload="none"`, so nothing is fetched until the
//! learner opens it and plays; a linked video is a link to its host's page. Captions go to the
//! player as a `<track>` (for a muted phone) and under it as a transcript (for a screen
//! reader). Works without any script.
use domain::learning::LessonVideo;
use leptos::prelude::*;

use crate::i18n::use_video_texts;

#[component]
pub fn LessonVideoView(video: LessonVideo) -> impl IntoView {
    let v = use_video_texts();
    let transcript = (!video.transcript.is_empty()).then(|| {
        let lines = video
            .transcript
            .iter()
            .map(|line| view! { <p>{line.clone()}</p> })
            .collect_view();
        view! {
            <details class="transcript">
                <summary>{v.transcript}</summary>
                <div lang="vi">{lines}</div>
            </details>
        }
    });
    let shown = match video.host.clone() {
        Some(host) => view! {
            <p><a href=video.url.clone() rel="noopener noreferrer" target="_blank" data-video-link="">
                {v.open_link(&host, video.duration_secs)}
            </a></p>
        }
        .into_any(),
        None => {
            let track = video.captions_url.clone().map(|src| {
                view! { <track kind="captions" srclang="vi" label=v.captions_label src=src default/> }
            });
            view! {
                <details class="video-load">
                    <summary>{v.open_file(video.duration_secs, video.size)}</summary>
                    <video controls preload="none" playsinline src=video.url.clone() data-lesson-video="">
                        {track}
                        <a href=video.url.clone()>{v.download}</a>
                    </video>
                </details>
            }
            .into_any()
        }
    };
    view! {
        <section class="video" aria-labelledby="video-title">
            <h2 id="video-title" class="listen-title"><span aria-hidden="true">"🎬 "</span>{v.title}</h2>
            {shown}
            {transcript}
        </section>
    }
}
