//! The HR area's server functions: dashboard, people, one person's record, entries by hand,
//! and linking accounts to staff records. Every one checks the actor's scope in the service.
use domain::hr::{Dashboard, PeoplePage, PeopleQuery, PersonRecord};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "hr_dashboard", input = GetUrl)]
pub async fn load_dashboard(unit: String, as_of: String) -> Result<Dashboard, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let as_of = service::hr::dashboard::parse_as_of(&as_of).map_err(fail)?;
    let code = Some(unit.trim()).filter(|c| !c.is_empty());
    service::hr::dashboard::dashboard(&s.db, &actor, code, as_of)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "hr_people", input = GetUrl)]
pub async fn list_people(query: PeopleQuery) -> Result<PeoplePage, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::dashboard::people_page(&s.db, &actor, &query)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "hr_person", input = GetUrl)]
pub async fn load_person(staff_code: String) -> Result<PersonRecord, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::person::record(&s.db, &actor, &staff_code)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "hr_add_training")]
pub async fn add_training(
    staff_code: String,
    programme_code: String,
    completed_on: String,
    mode: String,
    evidence: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use domain::exchange::Mode;
    let (s, actor) = (services()?, require_actor()?);
    let mode = if mode == "truc_tuyen" {
        Mode::TrucTuyen
    } else {
        Mode::TrucTiep
    };
    let input = service::hr::manual_records::NewTraining {
        programme_code: &programme_code,
        completed_on: domain::exchange::cells::parse_date(completed_on.trim()).ok(),
        mode,
        evidence: &evidence,
    };
    let today = service::today();
    service::hr::manual_records::add_training(&s.db, &actor, &staff_code, input, today)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "hr_add_assessment")]
pub async fn add_assessment(
    staff_code: String,
    assessment_code: String,
    taken_on: String,
    score: String,
    #[server(default)] passed: Option<String>,
    evidence: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let input = service::hr::manual_records::NewAssessment {
        assessment_code: &assessment_code,
        taken_on: domain::exchange::cells::parse_date(taken_on.trim()).ok(),
        score: domain::exchange::cells::parse_score(&score).ok(),
        passed: passed.is_some_and(|p| !p.is_empty() && p != "false"),
        evidence: &evidence,
    };
    let today = service::today();
    service::hr::manual_records::add_assessment(&s.db, &actor, &staff_code, input, today)
        .await
        .map_err(fail)
}

/// hr proposes to link the person to the account with this e-mail, phone or login; nothing of
/// the account shows until its holder accepts.
#[server(prefix = "/_sf", endpoint = "hr_propose_link")]
pub async fn propose_link(staff_code: String, contact: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::link_proposals::propose(&s.db, &actor, &staff_code, &contact)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "hr_unlink")]
pub async fn unlink(staff_code: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::linking::unlink(&s.db, &actor, &staff_code)
        .await
        .map_err(fail)
}

/// An admin pseudonymises a roster member, with the reason the audit log keeps.
#[server(prefix = "/_sf", endpoint = "hr_erase_person")]
pub async fn erase_person(staff_code: String, reason: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::roster_erasure::pseudonymise(&s.db, &actor, &staff_code, &reason)
        .await
        .map(|_| ())
        .map_err(fail)
}

/// The staff record linked to the signed-in account: (staff code, name on the roster).
#[server(prefix = "/_sf", endpoint = "my_staff_record", input = GetUrl)]
pub async fn my_staff_record() -> Result<Option<(String, String)>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let found = service::hr::linking::linked_to(&s.db, actor.id())
        .await
        .map_err(fail)?;
    Ok(found.map(|p| (p.staff_code, p.full_name)))
}

/// The person links their account with the staff code and their full personal ID number;
/// attempts are limited per account and per address, as sign-ins are.
#[server(prefix = "/_sf", endpoint = "claim_staff_record")]
pub async fn claim_staff_record(staff_code: String, proof: String) -> Result<(), ServerFnError> {
    use super::ctx::{client_ip, fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::linking::claim(&s.db, &actor, &staff_code, &proof, &client_ip())
        .await
        .map_err(fail)
}

/// A proposal of hr's as the account's holder sees it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinkProposalView {
    pub id: i32,
    pub staff_code: String,
    pub full_name: String,
    pub unit: Option<String>,
}

/// hr's proposals waiting for the signed-in account's answer (none in an assisted session).
#[server(prefix = "/_sf", endpoint = "my_link_proposals", input = GetUrl)]
pub async fn my_link_proposals() -> Result<Vec<LinkProposalView>, ServerFnError> {
    use super::ctx::{actor, fail, services};
    let Some(actor) = actor().filter(|a| a.token.is_none() && a.assisted_by.is_none()) else {
        return Ok(Vec::new());
    };
    let s = services()?;
    let rows = service::hr::link_proposals::pending_for(&s.db, actor.id())
        .await
        .map_err(fail)?;
    Ok(rows
        .into_iter()
        .map(|p| LinkProposalView {
            id: p.id,
            staff_code: p.staff_code,
            full_name: p.full_name,
            unit: p.unit,
        })
        .collect())
}

/// The account's holder accepts (`accept=true`) or refuses a proposal.
#[server(prefix = "/_sf", endpoint = "answer_link_proposal")]
pub async fn answer_link_proposal(id: i32, accept: bool) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::link_proposals::answer(&s.db, &actor, id, accept)
        .await
        .map_err(fail)
}
