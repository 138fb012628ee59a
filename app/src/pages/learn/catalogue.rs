//! `/khoa-hoc`: the published courses, searched and filtered by audience and domain with a GET
//! form, so it works before the wasm arrives.
use crate::paths;
use domain::learning::{Audience, CatalogueQuery, CompetenceDomain, CourseSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::learn::load_catalogue;
use crate::components::alert::ServerErrorAlert;
use crate::components::form::Field;
use crate::i18n::{use_learn_texts, use_texts};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let (t, l) = (use_texts(), use_learn_texts());
    let query = use_query_map();
    let current = move || {
        let q = query.read();
        CatalogueQuery {
            q: q.get("q").unwrap_or_default(),
            audience: q.get("audience").unwrap_or_default(),
            domain: q.get("domain").unwrap_or_default(),
        }
    };
    // Blocking: the list is in the HTML itself, so the page works before (or without) the wasm.
    let courses = Resource::new_blocking(current, load_catalogue);
    view! {
        <Title text=l.catalogue_title/>
        <section class="card wide">
            <h1>{l.catalogue_title}</h1>
            <p class="lead">{l.catalogue_intro}</p>
            {move || view! { <Filters q=current()/> }}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || courses.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p role="status">{l.no_course}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="course-list">
                            {list.into_iter().map(|c| view! { <CourseCard c=c/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Filters(q: CatalogueQuery) -> impl IntoView {
    let l = use_learn_texts();
    let audiences = Audience::ALL.map(|a| (a.as_str(), l.audience(a)));
    let domains = CompetenceDomain::ALL.map(|d| (d.code(), l.domain(d)));
    view! {
        <form method="get" action=paths::CATALOGUE class="filter-form" role="search">
            <Field id="q" label=l.search_field grow=true>
                <input id="q" name="q" type="search" value=q.q.clone()/>
            </Field>
            <Choice id="audience" label=l.audience_field options=audiences.to_vec() selected=q.audience.clone()/>
            <Choice id="domain" label=l.domain_field options=domains.to_vec() selected=q.domain.clone()/>
            <button type="submit">{l.filter}</button>
        </form>
    }
}

#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: String,
) -> impl IntoView {
    let l = use_learn_texts();
    view! {
        <Field id=id label=label>
            <select id=id name=id>
                <option value="">{l.any}</option>
                {options.into_iter().map(|(value, text)| view! {
                    <option value=value selected=selected == value>{text}</option>
                }).collect_view()}
            </select>
        </Field>
    }
}

#[component]
fn CourseCard(c: CourseSummary) -> impl IntoView {
    let l = use_learn_texts();
    let href = paths::course(&c.code);
    let domains = c
        .competences
        .iter()
        .map(|d| l.domain(*d))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="course-card">
            <h2><a href=href>{c.title.clone()}</a></h2>
            <p class="muted"><span class="code">{c.code.clone()}</span>" · "{l.audience(c.audience)}" · "{c.lesson_count}" "{l.lessons_word}</p>
            <p>{c.summary.clone()}</p>
            <p class="muted small">{l.competences}": "{domains}</p>
        </li>
    }
}
