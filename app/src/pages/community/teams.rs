//! The registry of teams on `/cong-dong`: teams by commune with their members; the admin and
//! hr officers add teams and members.
use domain::community::Team;
use leptos::prelude::*;

use super::Actions;
use crate::components::form::Field;
use crate::i18n::community::use_community_texts;

#[component]
pub fn TeamRegistry(actions: Actions, teams: Vec<Team>, manages: bool) -> impl IntoView {
    let c = use_community_texts();
    view! {
        <h2>{c.teams_title}</h2>
        {manages.then(|| view! { <NewTeamForm actions=actions/> })}
        {if teams.is_empty() {
            view! { <p>{c.teams_none}</p> }.into_any()
        } else {
            view! {
                <ul class="cards" data-testid="teams">
                    {teams.into_iter().map(|team| view! { <TeamCard actions=actions team=team manages=manages/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn NewTeamForm(actions: Actions) -> impl IntoView {
    let c = use_community_texts();
    view! {
        <ActionForm action=actions.create attr:class="stack">
            <Field id="team-commune" label=c.commune_code>
                <input id="team-commune" name="commune" type="text" required autocomplete="off"/></Field>
            <Field id="team-name" label=c.team_name>
                <input id="team-name" name="name" type="text" required minlength="3" maxlength="120"/></Field>
            <button type="submit" class="button">{c.create_team}</button>
        </ActionForm>
    }
}

#[component]
fn TeamCard(actions: Actions, team: Team, manages: bool) -> impl IntoView {
    let c = use_community_texts();
    let id = team.id;
    let login_id = format!("member-{id}");
    view! {
        <li class="card">
            <h3>{team.name.clone()}</h3>
            <p>{team.commune.name.clone()}" ("{team.commune.code.clone()}")"</p>
            <h4>{c.members}</h4>
            {if team.members.is_empty() {
                view! { <p>{c.no_members}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {team.members.into_iter().map(|m| view! {
                            <li>
                                {m.full_name.clone()}" · "{m.login.clone()}
                                {manages.then(|| view! {
                                    <ActionForm action=actions.remove attr:class="inline-form">
                                        <input type="hidden" name="team" value=id.to_string()/>
                                        <input type="hidden" name="user" value=m.user_id.to_string()/>
                                        <button type="submit" class="link-button">{c.remove_member}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {manages.then(|| view! {
                <ActionForm action=actions.add attr:class="inline-fields">
                    <input type="hidden" name="team" value=id.to_string()/>
                    <label for=login_id.clone()>{c.member_login}</label>
                    <input id=login_id name="login" type="text" required autocomplete="off"/>
                    <button type="submit" class="button secondary">{c.add_member}</button>
                </ActionForm>
            })}
        </li>
    }
}
