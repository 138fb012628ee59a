//! The `link_proposals` table: hr's proposal to link a roster member to an account, and what
//! the account's holder answered.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "link_proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub user_id: Option<i32>,
    /// `proposed`, `accepted` or `refused`.
    pub status: String,
    pub proposed_by_user: Option<i32>,
    pub proposed_by_token: Option<i32>,
    pub proposed_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
