//! The `reminders` table: an e-mail reminder an HR officer wrote for a people list.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The compose form's one-time key: the same form sent twice makes one reminder.
    pub request_key: String,
    pub created_by: i32,
    /// The subtree the list covered (`None`: the whole province).
    pub unit_id: Option<i32>,
    pub indicator: String,
    pub status: String,
    pub as_of: Date,
    pub course_title: Option<String>,
    pub deadline: Option<Date>,
    pub subject: String,
    pub body: String,
    /// Epoch seconds: nothing is sent before.
    pub send_at: i64,
    pub created_at: i64,
    /// When its last recipient was settled (and the outcome audited).
    pub finished_at: Option<i64>,
    /// The province its writer wrote it in (`None`: the national admin's).
    pub province_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
