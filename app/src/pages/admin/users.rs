//! Users and roles: the admin lists accounts, grants and takes back roles, disables accounts (a
//! province admin, the province's accounts and the roles held for its units).
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{GrantRole, RevokeRole, SetDisabled, UserRow, list_users};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::form::form_action;
use crate::components::layout::MeResource;
use crate::components::table::DataTable;
use crate::i18n::{Texts, use_texts};

/// The code a server function failed with, for the i18n files to translate.
#[component]
pub fn UsersPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let grant = form_action::<GrantRole>();
    let revoke = form_action::<RevokeRole>();
    let disable = form_action::<SetDisabled>();
    let users = Resource::new(
        move || {
            let q = query.read().get("q").unwrap_or_default();
            (
                q,
                grant.version().get(),
                revoke.version().get(),
                disable.version().get(),
            )
        },
        |(q, ..)| list_users(q),
    );
    let action_error = move || {
        [
            grant.value().get(),
            revoke.value().get(),
            disable.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(|r| r.err())
        .map(|e| t.error(&error_code(&e)).to_owned())
    };
    view! {
        <Title text=t.users_title/>
        <section class="card wide">
            <h1>{t.users_title}</h1>
            <form method="get" class="search-form" role="search">
                <label for="q">{t.users_search}</label>
                <input id="q" name="q" type="search" value=move || query.read().get("q").unwrap_or_default()/>
                <button type="submit" class="button">{t.search}</button>
            </form>
            {move || action_error().map(|m| view! { <ErrorAlert message=m/> })}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || users.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p>{t.users_none}</p> }.into_any(),
                    Ok(rows) => view! { <UserTable rows=rows grant=grant revoke=revoke disable=disable/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UserTable(
    rows: Vec<UserRow>,
    grant: ServerAction<GrantRole>,
    revoke: ServerAction<RevokeRole>,
    disable: ServerAction<SetDisabled>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <DataTable label=t.users_title>
            <thead><tr>
                <th scope="col">{t.users_name}</th>
                <th scope="col">{t.users_login}</th>
                <th scope="col">{t.users_roles}</th>
                <th scope="col">{t.users_status}</th>
                <th scope="col">{t.users_actions}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|u| view! { <UserLine user=u grant=grant revoke=revoke disable=disable/> }).collect_view()}
            </tbody>
        </DataTable>
    }
}

#[component]
fn UserLine(
    user: UserRow,
    grant: ServerAction<GrantRole>,
    revoke: ServerAction<RevokeRole>,
    disable: ServerAction<SetDisabled>,
) -> impl IntoView {
    let t = use_texts();
    let id = user.id.to_string();
    let roles = user.roles.clone();
    let role_id = id.clone();
    let disable_id = id.clone();
    view! {
        <tr>
            <th scope="row">{user.full_name.clone()}</th>
            <td>{user.login.clone()}</td>
            <td><ul class="plain">
                {roles.into_iter().map(|g| role_item(t, role_id.clone(), g, revoke)).collect_view()}
            </ul></td>
            <td>{if user.disabled { t.users_disabled } else { t.users_active }}</td>
            <td>
                <ActionForm action=disable attr:class="inline-form">
                    <input type="hidden" name="user_id" value=disable_id/>
                    <input type="hidden" name="disabled" value=(!user.disabled).to_string()/>
                    <button type="submit" class="button small">{if user.disabled { t.users_enable } else { t.users_disable }}</button>
                </ActionForm>
                <GrantForm user_id=id user_name=user.full_name.clone() grant=grant/>
            </td>
        </tr>
    }
}

fn role_item(
    t: &'static Texts,
    id: String,
    g: domain::RoleGrant,
    revoke: ServerAction<RevokeRole>,
) -> impl IntoView + use<> {
    let unit = g.unit_code.clone().unwrap_or_default();
    let label = match &g.unit_name {
        Some(n) => format!("{} — {n}", t.role(g.role)),
        None => t.role(g.role).to_owned(),
    };
    let button_label = format!("{} {}", t.users_revoke, label);
    view! {
        <li>
            {label}
            <ActionForm action=revoke attr:class="inline-form">
                <input type="hidden" name="user_id" value=id/>
                <input type="hidden" name="role" value=g.role.as_str()/>
                <input type="hidden" name="unit_code" value=unit/>
                <button type="submit" class="link-button small" aria-label=button_label>{t.users_revoke}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn GrantForm(user_id: String, user_name: String, grant: ServerAction<GrantRole>) -> impl IntoView {
    let t = use_texts();
    let role_id = format!("role-{user_id}");
    let unit_id = format!("unit-{user_id}");
    let legend = format!("{} — {user_name}", t.users_grant);
    let me = use_context::<MeResource>();
    let national = move || {
        me.and_then(|m| m.get().flatten())
            .is_some_and(|m| m.has_role(Role::Admin))
    };
    view! {
        <ActionForm action=grant attr:class="grant-form">
            <fieldset>
                <legend class="visually-hidden">{legend}</legend>
                <input type="hidden" name="user_id" value=user_id/>
                <label for=role_id.clone()>{t.users_role}</label>
                <select id=role_id name="role">
                    {move || grantable_roles(national()).map(|r| view! { <option value=r.as_str()>{t.role(r)}</option> }).collect_view()}
                </select>
                <label for=unit_id.clone()>{t.users_unit_code}</label>
                <input id=unit_id name="unit_code" type="text" autocapitalize="characters"/>
                <button type="submit" class="button small">{t.users_grant}</button>
            </fieldset>
        </ActionForm>
    }
}

/// The roles granted here: a province admin is named on the provinces page, with the province
/// (the service refuses it here with `province_required`); a province admin grants the roles
/// held for a unit and the learner's, no national role.
fn grantable_roles(national: bool) -> impl Iterator<Item = Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(move |r| !r.needs_province() && (national || r.province_grantable()))
}
