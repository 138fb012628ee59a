//! The `sync_receipts` table: the client ids of items a learner's phone sent, one row each.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sync_receipts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub client_id: String,
    pub kind: String,
    pub received_at: i64,
    /// The time the phone gave the item, as sent (evidence; the recorded time may be later).
    pub claimed_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
