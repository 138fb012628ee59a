//! Telling an account's owner of failed sign-ins: each failure is counted as unseen; the
//! owner's next sign-in moves the count to "shown", which their pages and `/auth/me` then show
//! ("N failed sign-in attempts since your last visit") until the sign-in after.
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, Set};

use crate::Result;
use crate::entity::signin_alert::{ActiveModel, Column, Entity};

/// One more failed sign-in the owner has not been told of.
pub async fn failed(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
    let row = ActiveModel {
        user_id: Set(user_id),
        unseen: Set(1),
        shown: Set(0),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::UserId)
                .value(Column::Unseen, Expr::col((Entity, Column::Unseen)).add(1))
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The owner signed in: the failures not yet told become the ones to tell now.
pub async fn signed_in(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
    Entity::update_many()
        .col_expr(Column::Shown, Expr::col(Column::Unseen))
        .col_expr(Column::Unseen, Expr::value(0))
        .filter(Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The failed sign-ins to tell the owner of in this visit (0: nothing to tell).
pub async fn to_tell(db: &impl ConnectionTrait, user_id: i32) -> Result<u32> {
    Ok(Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map_or(0, |a| u32::try_from(a.shown).unwrap_or(0)))
}
