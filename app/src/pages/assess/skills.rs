//! `/ky-nang-cua-toi`: the learner's skills by domain from their latest mastery assessment,
//! drawn as bars on the server (with the floor marked) beside a table of the same numbers.
use domain::format_percent;
use domain::learning::attempt::SkillsProfile;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::assess::load_my_skills;
use crate::components::alert::ServerErrorAlert;
use crate::i18n::{use_assess_texts, use_learn_texts, use_texts};

#[component]
pub fn SkillsPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_assess_texts());
    let profile = Resource::new_blocking(|| (), |_| load_my_skills());
    view! {
        <Title text=a.skills_title/>
        <section class="card wide">
            <h1>{a.skills_title}</h1>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || profile.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(None) => view! { <p>{a.skills_none}" "<a href="/bai-kiem-tra/DG-LCKNS">{a.skills_take}</a></p> }.into_any(),
                    Ok(Some(p)) => view! { <Profile p=p/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Profile(p: SkillsProfile) -> impl IntoView {
    let (t, a, l) = (use_texts(), use_assess_texts(), use_learn_texts());
    let lang = t.lang;
    let (width, row_h, label_w) = (640.0, 34.0, 250.0);
    let plot = width - label_w - 60.0;
    let height = row_h * p.domains.len() as f64 + 10.0;
    let floor_x = label_w + plot * p.floor / 100.0;
    let bars = p.domains.iter().enumerate().map(|(i, d)| {
        let percent = d.percent().unwrap_or(0.0);
        let y = 5.0 + row_h * i as f64;
        let weak = percent + 1e-9 < p.floor;
        view! {
            <text x="0" y=y + 21.0 class="chart-label">{l.domain(d.domain)}</text>
            <rect x=label_w y=y + 6.0 width=plot * percent / 100.0 height="20" fill=if weak { "#a4161a" } else { "#0b5cad" }></rect>
            <text x=label_w + plot * percent / 100.0 + 6.0 y=y + 21.0 class="chart-value">{format_percent(percent, lang)}</text>
        }
    }).collect_view();
    view! {
        <p>{p.quiz_title.clone()}" · "{p.taken_on.clone()}</p>
        <p class=if p.passed { "alert alert-ok" } else { "alert alert-error" } role="status">
            {if p.passed { a.passed } else { a.failed }}" · "{a.score}": "{format_percent(p.overall, lang)}
        </p>
        <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="skills-caption">
            <title id="skills-caption">{a.by_domain}</title>
            {bars}
            <line x1=floor_x x2=floor_x y1="0" y2=height class="chart-grid" stroke-dasharray="4 3"></line>
        </svg>
        <table>
            <caption>{a.by_domain}" ("{a.floor}": "{format_percent(p.floor, lang)}")"</caption>
            <thead><tr><th scope="col">{l.domain_field}</th><th scope="col">{a.score}</th></tr></thead>
            <tbody>
                {p.domains.iter().map(|d| view! {
                    <tr><th scope="row">{l.domain(d.domain)}</th><td>{d.percent().map(|x| format_percent(x, lang)).unwrap_or_default()}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
