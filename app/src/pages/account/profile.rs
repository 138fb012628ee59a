//! The signed-in person's own page: name, login, roles.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::layout::MeResource;
use crate::i18n::use_texts;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = use_texts();
    let me = expect_context::<MeResource>();
    view! {
        <Title text=t.account_title/>
        <section class="card">
            <h1>{t.account_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || me.get().map(|me| match me {
                    None => view! { <p>{t.must_sign_in}" "<a href="/dang-nhap?tiep=/tai-khoan">{t.login}</a></p> }.into_any(),
                    Some(me) => view! {
                        <dl class="facts">
                            <dt>{t.full_name_field}</dt><dd>{me.full_name.clone()}</dd>
                            <dt>{t.account_login}</dt><dd>{me.login.clone()}</dd>
                            <dt>{t.account_roles}</dt>
                            <dd><ul class="plain">
                                {me.roles.iter().map(|g| {
                                    let unit = g.unit_name.clone().map(|n| format!(" — {n}")).unwrap_or_default();
                                    view! { <li>{t.role(g.role)}{unit}</li> }
                                }).collect_view()}
                            </ul></dd>
                        </dl>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
