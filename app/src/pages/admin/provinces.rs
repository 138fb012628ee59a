//! `/quan-tri/tinh-thanh`: the national admin's provinces. Each province's three indicators as
//! of today with the nation's totals, the list of provinces, and the forms that add a province
//! and name a province's admin (`ActionForm`s, so they post without the wasm too).
use domain::dates::{format_day, parse_day, vietnam_date};
use domain::hr::{IndicatorKey, IndicatorSet};
use domain::{Lang, Ratio};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::provinces::{
    CreateProvince, GrantProvinceAdmin, ProvinceFigures, ProvincesView, load_provinces,
};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::charts::percent_text;
use crate::components::form::{Field, form_action};
use crate::components::table::DataTable;
use crate::i18n::hr::format_count;
use crate::i18n::provinces::use_province_texts;
use crate::i18n::{use_hr_texts, use_texts};

#[component]
pub fn ProvincesPage() -> impl IntoView {
    let (t, p) = (use_texts(), use_province_texts());
    let create = form_action::<CreateProvince>();
    let grant = form_action::<GrantProvinceAdmin>();
    // Naming an admin changes nothing the page shows; a new province adds a row.
    let data = Resource::new(move || create.version().get(), |_| load_provinces());
    let action_error = move || {
        [
            create.value().get().map(|r| r.map(|_| ())),
            grant.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(|r| r.err())
        .map(|e| t.error(&error_code(&e)).to_owned())
    };
    view! {
        <Title text=p.title/>
        <section class="card wide">
            <h1>{p.title}</h1>
            <p>{p.intro}</p>
            {move || action_error().map(|m| view! { <ErrorAlert message=m/> })}
            <Done create=create grant=grant/>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(v) => view! { <ProvincesBody v=v create=create grant=grant/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// What the last form did, said once it succeeded (with the wasm; without it the page reloads).
#[component]
fn Done(
    create: ServerAction<CreateProvince>,
    grant: ServerAction<GrantProvinceAdmin>,
) -> impl IntoView {
    let p = use_province_texts();
    let created = move || create.value().get().and_then(Result::ok);
    let granted = move || grant.value().get().is_some_and(|r| r.is_ok());
    view! {
        {move || created().map(|code| view! {
            <p class="alert alert-success" role="status">{format!("{}: {code}", p.created)}</p>
        })}
        {move || granted().then(|| view! {
            <p class="alert alert-success" role="status">{p.admin_granted}</p>
        })}
    }
}

#[component]
fn ProvincesBody(
    v: ProvincesView,
    create: ServerAction<CreateProvince>,
    grant: ServerAction<GrantProvinceAdmin>,
) -> impl IntoView {
    let codes: Vec<(String, String)> = v
        .provinces
        .iter()
        .map(|r| (r.code.clone(), r.name.clone()))
        .collect();
    view! {
        <FiguresTable rows=v.provinces.clone() as_of=v.as_of.clone()/>
        <ProvinceList rows=v.provinces/>
        <CreateForm create=create/>
        <GrantForm grant=grant provinces=codes/>
    }
}

/// The nation's figures: every province's numerators and denominators summed, so the
/// percentage is the nation's own, not a mean of the provinces' percentages.
pub fn national_total(rows: &[ProvinceFigures]) -> IndicatorSet {
    let sum = |key: IndicatorKey| {
        let (n, d) = rows
            .iter()
            .map(|r| r.figures.get(key))
            .fold((0, 0), |(n, d), r| (n + r.numerator, d + r.denominator));
        Ratio::new(n, d)
    };
    IndicatorSet {
        provincial_trained: sum(IndicatorKey::ProvincialTrained),
        commune_trained: sum(IndicatorKey::CommuneTrained),
        mastered: sum(IndicatorKey::Mastered),
    }
}

/// One figure as the HR dashboard's table writes it: `12,5% (3 / 24)`.
fn figure_text(set: &IndicatorSet, key: IndicatorKey, lang: Lang, none: &str) -> String {
    let r = set.get(key);
    let percent = percent_text(set, key, lang).unwrap_or_else(|| none.to_owned());
    format!(
        "{percent} ({} / {})",
        format_count(r.numerator, lang),
        format_count(r.denominator, lang)
    )
}

#[component]
fn FiguresTable(rows: Vec<ProvinceFigures>, as_of: String) -> impl IntoView {
    let (p, h) = (use_province_texts(), use_hr_texts());
    let total = national_total(&rows);
    let day = parse_day(&as_of).map(format_day).unwrap_or(as_of);
    view! {
        <h2 id="chi-tieu-theo-tinh">{p.figures_title}</h2>
        <DataTable labelledby="chi-tieu-theo-tinh" testid="province-figures">
            <caption>{format!("{} {day}", p.as_of)}</caption>
            <thead><tr>
                <th scope="col">{p.name}</th>
                <th scope="col">{p.code}</th>
                {IndicatorKey::ALL.iter().map(|k| view! { <th scope="col">{h.indicator_short(*k)}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| figures_line(r.name, Some(r.code), &r.figures)).collect_view()}
            </tbody>
            <tfoot>{figures_line(p.nation.to_owned(), None, &total)}</tfoot>
        </DataTable>
    }
}

fn figures_line(name: String, code: Option<String>, set: &IndicatorSet) -> impl IntoView + use<> {
    let (p, h) = (use_province_texts(), use_hr_texts());
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>{code.map(|c| view! { <code>{c}</code> })}</td>
            {IndicatorKey::ALL.iter().map(|k| view! {
                <td>{figure_text(set, *k, h.lang, p.no_percentage)}</td>
            }).collect_view()}
        </tr>
    }
}

#[component]
fn ProvinceList(rows: Vec<ProvinceFigures>) -> impl IntoView {
    let p = use_province_texts();
    if rows.is_empty() {
        return view! { <h2>{p.list_title}</h2><p>{p.none}</p> }.into_any();
    }
    view! {
        <h2 id="danh-sach-tinh">{p.list_title}</h2>
        <DataTable labelledby="danh-sach-tinh" testid="province-list">
            <thead><tr>
                <th scope="col">{p.code}</th>
                <th scope="col">{p.name}</th>
                <th scope="col">{p.created_at}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row"><code>{r.code}</code></th>
                        <td>{r.name}</td>
                        <td>{created_day(r.created_at, p.no_percentage)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

/// The day a province was added; the first province's row came from the migration with no
/// date (0), which is no day to show.
fn created_day(at: i64, none: &str) -> String {
    if at <= 0 {
        return none.to_owned();
    }
    format_day(vietnam_date(at))
}

#[component]
fn CreateForm(create: ServerAction<CreateProvince>) -> impl IntoView {
    let p = use_province_texts();
    view! {
        <ActionForm action=create attr:class="record-form">
            <fieldset>
                <legend>{p.new_title}</legend>
                <Field id="province-code" label=p.code hint=p.code_hint>
                    <input id="province-code" name="code" type="text" required maxlength="20"
                        autocapitalize="characters" autocomplete="off" aria-describedby="province-code-hint"/>
                </Field>
                <Field id="province-name" label=p.name hint=p.name_hint>
                    <input id="province-name" name="name" type="text" required maxlength="200"
                        autocomplete="off" aria-describedby="province-name-hint"/>
                </Field>
                <button type="submit" class="button">{p.create}</button>
            </fieldset>
        </ActionForm>
    }
}

#[component]
fn GrantForm(
    grant: ServerAction<GrantProvinceAdmin>,
    provinces: Vec<(String, String)>,
) -> impl IntoView {
    let p = use_province_texts();
    view! {
        <ActionForm action=grant attr:class="record-form">
            <fieldset>
                <legend>{p.admin_title}</legend>
                <p>{p.admin_intro}</p>
                <Field id="admin-login" label=p.admin_login hint=p.admin_login_hint>
                    <input id="admin-login" name="login" type="text" required maxlength="200"
                        autocomplete="off" aria-describedby="admin-login-hint"/>
                </Field>
                <Field id="admin-province" label=p.admin_province>
                    <select id="admin-province" name="province_code" required>
                        {provinces.into_iter().map(|(code, name)| {
                            let label = format!("{code} — {name}");
                            view! { <option value=code>{label}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <button type="submit" class="button">{p.admin_grant}</button>
            </fieldset>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn province(code: &str, n: u64, d: u64) -> ProvinceFigures {
        let r = Ratio::new(n, d);
        ProvinceFigures {
            code: code.to_owned(),
            name: code.to_owned(),
            created_at: 0,
            figures: IndicatorSet {
                provincial_trained: r,
                commune_trained: Ratio::new(0, d),
                mastered: Ratio::new(0, 0),
            },
        }
    }

    #[test]
    fn the_nation_sums_counts_not_percentages() {
        let total = national_total(&[province("A", 1, 2), province("B", 0, 8)]);
        assert_eq!(total.provincial_trained, Ratio::new(1, 10));
        assert_eq!(total.commune_trained, Ratio::new(0, 10));
        assert_eq!(total.mastered, Ratio::new(0, 0));
        assert_eq!(national_total(&[]).mastered, Ratio::new(0, 0));
    }

    #[test]
    fn a_figure_reads_as_on_the_dashboard() {
        let set = national_total(&[province("A", 1, 8), province("B", 1_000, 8_000)]);
        assert_eq!(
            figure_text(&set, IndicatorKey::ProvincialTrained, Lang::Vi, "—"),
            "12,5% (1.001 / 8.008)"
        );
        assert_eq!(
            figure_text(&set, IndicatorKey::Mastered, Lang::En, "—"),
            "— (0 / 0)"
        );
    }
}
