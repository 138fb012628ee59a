//! Community pages: the team registry, a facilitator's residents, commune statistics.
use domain::community::{CommuneStats, Resident, Team};
use domain::learning::CourseSummary;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// What the community page shows this reader: the teams they may see, whether they may manage
/// them, and (for a facilitator) their residents and the courses to enrol them in.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CommunityView {
    pub teams: Vec<Team>,
    pub manages: bool,
    pub facilitator_communes: Vec<(String, String)>,
    pub residents: Vec<Resident>,
    pub courses: Vec<CourseSummary>,
}

#[server(prefix = "/_sf", endpoint = "community_view", input = GetUrl)]
pub async fn load_community() -> Result<CommunityView, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use domain::Role;
    let (s, actor) = (services()?, require_actor()?);
    let teams = service::community::teams::teams(&s.db, &actor, None)
        .await
        .map_err(fail)?;
    let facilitator_communes: Vec<(String, String)> = actor
        .grants
        .iter()
        .filter(|g| g.role == Role::Facilitator)
        .filter_map(|g| g.unit.as_ref().map(|u| (u.code.clone(), u.name.clone())))
        .collect();
    let (residents, courses) = if facilitator_communes.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let residents = service::community::facilitation::residents(&s.db, &actor)
            .await
            .map_err(fail)?;
        let courses = service::learn::catalogue::list(&s.db, Some(&actor), &Default::default())
            .await
            .map_err(fail)?;
        (residents, courses)
    };
    Ok(CommunityView {
        manages: actor.token.is_none() && actor.reads_records(),
        teams,
        facilitator_communes,
        residents,
        courses,
    })
}

#[server(prefix = "/_sf", endpoint = "community_create_team")]
pub async fn create_team(commune: String, name: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::community::teams::create_team(&s.db, &actor, &commune, &name)
        .await
        .map(|_| ())
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "community_add_member")]
pub async fn add_member(team: i32, login: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::community::teams::add_member(&s.db, &actor, team, &login)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "community_remove_member")]
pub async fn remove_member(team: i32, user: i32) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::community::teams::remove_member(&s.db, &actor, team, user)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "community_register")]
pub async fn register_resident(
    full_name: String,
    login: String,
    password: String,
    commune: String,
    consent: Option<String>,
) -> Result<(), ServerFnError> {
    use super::ctx::{client_ip, fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let form = service::access::accounts::Registration {
        full_name,
        login,
        password,
        // The facilitator's commune settles the province.
        province_code: String::new(),
        commune_code: commune,
        consent: consent.is_some(),
    };
    service::community::facilitation::register_resident(
        &s.db,
        &s.passwords,
        &actor,
        &form,
        &client_ip(),
    )
    .await
    .map(|_| ())
    .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "community_enrol")]
pub async fn enrol_resident(resident: i32, course: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::community::facilitation::enrol(&s.db, &actor, resident, &course)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "community_stats", input = GetUrl)]
pub async fn load_commune_stats(as_of: String) -> Result<CommuneStats, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let day = service::hr::dashboard::parse_as_of(&as_of).map_err(fail)?;
    service::community::teams::stats(&s.db, &actor, day)
        .await
        .map_err(fail)
}
