//! `/cong-dong/thong-ke?ngay=YYYY-MM-DD`: per commune the reader may see, residents registered,
//! residents who completed the basic course, teams and members; with the total.
use domain::community::{CommuneFigures, CommuneStats};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::community::load_commune_stats;
use crate::components::alert::ServerErrorAlert;
use crate::components::table::DataTable;
use crate::i18n::community::use_community_texts;
use crate::i18n::use_texts;
use crate::paths;

#[component]
pub fn CommuneStatsPage() -> impl IntoView {
    let (t, c) = (use_texts(), use_community_texts());
    let query = use_query_map();
    let day = move || query.read().get("ngay").unwrap_or_default();
    let stats = Resource::new_blocking(day, load_commune_stats);
    view! {
        <Title text=c.stats_title/>
        <section class="card wide">
            <h1>{c.stats_title}</h1>
            <p>{c.stats_intro}</p>
            <form method="get" action=paths::COMMUNITY_STATS class="inline-fields">
                <label for="stats-day">{c.as_of}</label>
                <input id="stats-day" name="ngay" type="date" value=day/>
                <button type="submit" class="button secondary">{c.show}</button>
            </form>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || stats.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(s) => view! { <StatsTable stats=s/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StatsTable(stats: CommuneStats) -> impl IntoView {
    let c = use_community_texts();
    let caption = format!("{} {}", c.as_of, stats.as_of);
    view! {
        <DataTable label=c.stats_title testid="commune-stats">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{c.commune}</th>
                <th scope="col" class="num">{c.residents_registered}</th>
                <th scope="col" class="num">{c.residents_completed_basic}</th>
                <th scope="col" class="num">{c.teams}</th>
                <th scope="col" class="num">{c.members_count}</th>
            </tr></thead>
            <tbody>
                {stats.rows.into_iter().map(|r| view! {
                    <tr><th scope="row">{r.unit.name.clone()}</th><Figures f=r.figures/></tr>
                }).collect_view()}
            </tbody>
            <tfoot><tr><th scope="row">{c.total}</th><Figures f=stats.total/></tr></tfoot>
        </DataTable>
    }
}

#[component]
fn Figures(f: CommuneFigures) -> impl IntoView {
    let lang = use_texts().lang;
    let n = move |x: u64| domain::format_count(x, lang);
    view! {
        <td class="num">{n(f.residents_registered)}</td>
        <td class="num">{n(f.residents_completed_basic)}</td>
        <td class="num">{n(f.teams)}</td>
        <td class="num">{n(f.members)}</td>
    }
}
