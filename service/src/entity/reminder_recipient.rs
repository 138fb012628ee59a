//! The `reminder_recipients` table: one person's message of a reminder and its delivery state
//! (`domain::reminders::DeliveryState`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_recipients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reminder_id: i32,
    pub person_id: i32,
    pub email: String,
    /// The subject and body filled for this person when queued.
    pub subject: String,
    pub body: String,
    pub state: String,
    pub attempts: i32,
    /// Epoch seconds: not tried before.
    pub next_try_at: i64,
    pub claimed_at: Option<i64>,
    pub sent_at: Option<i64>,
    /// The SMTP server's last answer, or why nothing was sent.
    pub reply: Option<String>,
    /// The secret of the message's unsubscribe link.
    pub unsubscribe_token: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
