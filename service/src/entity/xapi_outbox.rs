//! The `xapi_outbox` table: xAPI statements waiting for, sent to, or refused by the Learning
//! Record Store (see [`crate::xapi`]).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "xapi_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The statement's `id`: a UUID v5 of the event, so telling it twice is one row.
    pub statement_id: String,
    /// The learner the statement is about (its actor is an opaque id, never this number).
    pub user_id: i32,
    /// The statement, as JSON.
    pub statement: String,
    /// `waiting`, `sent` or `failed`.
    pub state: String,
    pub attempts: i32,
    /// Epoch seconds: not sent again before then.
    pub next_try_at: i64,
    /// The LRS's status and a short reason of the last refusal or failure.
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
