//! A roster member's data rights (Decree 13/2023; issue 17, hole 15): an admin pseudonymises a
//! roster member who left or who asks. Name, personal ID number, e-mail and phone are replaced,
//! the staff code stays as an opaque key, the account link and any link proposal go, and the
//! audit entries about the person lose their values. Assignments and records stay, so past
//! indicators keep their counts. The audit log says who did it and why.
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, admin_scope, require};
use crate::entity::{audit as audit_row, link_proposal, person};
use crate::{Error, Result};

/// The longest reason kept in the audit log.
const REASON_MAX_CHARS: usize = 500;

/// The name a pseudonymised person is shown by.
pub fn pseudonym(person_id: i32) -> String {
    format!("Đã ẩn danh #{person_id}")
}

/// Pseudonymises the person with this staff code; only an admin's own account may (the national
/// admin, or the admin of the person's province; an API token may not). The reason is required. Returns the pseudonym.
pub async fn pseudonymise(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    staff_code: &str,
    reason: &str,
) -> Result<String> {
    require(actor.token.is_none() && actor.assisted_by.is_none() && admin_scope(actor).is_some())?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "erase_reason_required"));
    }
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(Error::invalid("reason", "erase_reason_too_long"));
    }
    let found = crate::hr::scope::person_by_code(db, actor.province(), staff_code)
        .await?
        .ok_or(Error::NotFound)?;
    let (name, province) = (pseudonym(found.id), found.province_id);
    let txn = db.begin().await?;
    forget_audit_values(&txn, &found).await?;
    link_proposal::Entity::delete_many()
        .filter(link_proposal::Column::PersonId.eq(found.id))
        .exec(&txn)
        .await?;
    // Their e-mail reminders hold their address and name: gone, and never sent if queued.
    crate::entity::reminder_recipient::Entity::delete_many()
        .filter(crate::entity::reminder_recipient::Column::PersonId.eq(found.id))
        .exec(&txn)
        .await?;
    let code = found.staff_code.clone();
    let mut row = found.into_active_model();
    row.full_name = Set(name.clone());
    row.personal_id = Set(None);
    row.email = Set(None);
    row.phone = Set(None);
    row.user_id = Set(None);
    row.pseudonymised_at = Set(Some(crate::now()));
    row.update(&txn).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.who().in_province(Some(province)),
            action: "person_pseudonymise",
            object_kind: "person",
            object_id: code,
            before: None,
            after: Some(serde_json::json!({ "reason": reason })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(name)
}

/// The audit entries about the person (by id from imports, by staff code from links) keep
/// who, when and what, but not the values.
async fn forget_audit_values(db: &impl ConnectionTrait, p: &person::Model) -> Result<()> {
    audit_row::Entity::update_many()
        .col_expr(
            audit_row::Column::Before,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            audit_row::Column::After,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_row::Column::ObjectKind.eq("person"))
        .filter(
            sea_orm::Condition::any()
                .add(audit_row::Column::ObjectId.eq(p.id.to_string()))
                .add(audit_row::Column::ObjectId.eq(p.staff_code.as_str())),
        )
        .exec(db)
        .await?;
    Ok(())
}
