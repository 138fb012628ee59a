//! The admin's audit page: entries newest first, filtered by who, action, object and dates; a
//! province admin reads what was done in the province.
use std::collections::HashMap;

use domain::audit_view::{AUDIT_PAGE_SIZE, AuditEntry, AuditFilter, AuditPage};
use domain::dates::day_start;
use sea_orm::sea_query::{Expr, Func, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use crate::Result;
use crate::access::authz::{Actor, AdminScope, can_read_audit};
use crate::entity::{api_token, audit, user};

pub async fn search(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &AuditFilter,
) -> Result<AuditPage> {
    let scope = can_read_audit(actor)?;
    let page = Ord::max(filter.page, 1);
    let mut select = filtered(filter);
    if let AdminScope::Province(p) = scope {
        select = select.filter(audit::Column::ProvinceId.eq(p));
    }
    let rows = select
        .order_by_desc(audit::Column::Id)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
        .limit(AUDIT_PAGE_SIZE + 1)
        .all(db)
        .await?;
    let has_next = rows.len() as u64 > AUDIT_PAGE_SIZE;
    let rows: Vec<audit::Model> = rows.into_iter().take(AUDIT_PAGE_SIZE as usize).collect();
    let entries = with_names(db, rows).await?;
    Ok(AuditPage {
        entries,
        page,
        has_next,
    })
}

fn filtered(f: &AuditFilter) -> Select<audit::Entity> {
    let mut q = audit::Entity::find();
    let who = f.actor.trim().to_lowercase();
    if !who.is_empty() {
        let pattern = format!("%{who}%");
        let users = ids_where(
            user::Entity,
            user::Column::Id,
            lower_like(user::Column::Login, &pattern),
        );
        let tokens = ids_where(
            api_token::Entity,
            api_token::Column::Id,
            lower_like(api_token::Column::Name, &pattern),
        );
        q = q.filter(
            Condition::any()
                .add(audit::Column::ActorUserId.in_subquery(users))
                .add(audit::Column::TokenId.in_subquery(tokens)),
        );
    }
    if !f.action.trim().is_empty() {
        q = q.filter(audit::Column::Action.eq(f.action.trim()));
    }
    if let Some((kind, id)) = f.object_parts() {
        q = q.filter(audit::Column::ObjectKind.eq(kind));
        if let Some(id) = id {
            q = q.filter(audit::Column::ObjectId.eq(id));
        }
    }
    if let Some(from) = f.from {
        q = q.filter(audit::Column::At.gte(day_start(from)));
    }
    if let Some(next_day) = f.to.and_then(|d| d.succ_opt()) {
        q = q.filter(audit::Column::At.lt(day_start(next_day)));
    }
    q
}

/// `LOWER(column) LIKE pattern`, the same on both engines (PostgreSQL's LIKE minds case).
fn lower_like(
    column: impl sea_orm::sea_query::IntoColumnRef,
    pattern: &str,
) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(column))).like(pattern)
}

fn ids_where<E: EntityTrait>(
    entity: E,
    id: impl sea_orm::sea_query::IntoColumnRef,
    cond: sea_orm::sea_query::SimpleExpr,
) -> SelectStatement {
    Query::select()
        .column(id)
        .from(entity)
        .and_where(cond)
        .to_owned()
}

/// The entries with the login and name of each person, and the name of each token.
async fn with_names(db: &impl ConnectionTrait, rows: Vec<audit::Model>) -> Result<Vec<AuditEntry>> {
    let user_ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    let token_ids: Vec<i32> = rows.iter().filter_map(|r| r.token_id).collect();
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let tokens: HashMap<i32, api_token::Model> = api_token::Entity::find()
        .filter(api_token::Column::Id.is_in(token_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let person = r.actor_user_id.and_then(|id| users.get(&id));
            let token = r.token_id.and_then(|id| tokens.get(&id));
            AuditEntry {
                id: i64::from(r.id),
                at: r.at,
                actor_login: person.map(|u| u.login.clone()),
                actor_name: person.map(|u| u.full_name.clone()),
                token_name: token.map(|t| t.name.clone()),
                token_hint: token.map(|t| t.hint.clone()),
                action: r.action,
                object_kind: r.object_kind,
                object_id: r.object_id,
                before: r.before.map(pretty),
                after: r.after.map(pretty),
            }
        })
        .collect())
}

/// Recorded JSON indented for reading; anything else as it is.
fn pretty(raw: String) -> String {
    serde_json::from_str::<serde_json::Value>(&raw)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or(raw)
}
