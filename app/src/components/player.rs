//! A lesson's spoken version: the browser's own player (keyboard- and screen-reader-usable,
//! works without any script), loaded only when played (`preload="none"`), with speed buttons
//! that `public/offline.js` works (shown only once it runs: `html.has-js`).
use domain::learning::LessonAudio;
use leptos::prelude::*;

use crate::i18n::use_speech_texts;

/// The speeds offered; 1× is the one pressed at first.
const SPEEDS: [(&str, &str, &str); 3] = [
    ("0.75", "0,75×", "0.75×"),
    ("1", "1×", "1×"),
    ("1.25", "1,25×", "1.25×"),
];

#[component]
pub fn LessonPlayer(audio: LessonAudio) -> impl IntoView {
    let s = use_speech_texts();
    let voice = if audio.recorded {
        s.recorded_voice
    } else {
        s.machine_voice
    };
    let mut about = vec![voice.to_owned()];
    if audio.duration_secs > 0 {
        about.push(s.duration(audio.duration_secs));
    }
    about.push(s.size(audio.size));
    let vi = s.lang == domain::Lang::Vi;
    let speeds = SPEEDS
        .iter()
        .map(|(rate, label_vi, label_en)| {
            let pressed = if *rate == "1" { "true" } else { "false" };
            let label = if vi { *label_vi } else { *label_en };
            view! { <button type="button" class="secondary small" data-rate=*rate aria-pressed=pressed>{label}</button> }
        })
        .collect_view();
    view! {
        <section class="listen" aria-labelledby="listen-title">
            <h2 id="listen-title" class="listen-title"><span aria-hidden="true">"🔊 "</span>{s.listen}</h2>
            <p class="muted small">{about.join(" · ")}</p>
            <audio controls preload="none" src=audio.url.clone() data-lesson-audio="">
                <a href=audio.url.clone()>{s.download}</a>
            </audio>
            <div class="speed speed-js" role="group" aria-label=s.speed>{speeds}</div>
        </section>
    }
}
