//! The `attempts` table: one learner's attempt at a quiz, open until submitted or timed out.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub quiz_id: i32,
    pub user_id: i32,
    /// `open`, `submitted` or `timed_out`.
    pub status: String,
    pub started_at: i64,
    pub deadline_at: Option<i64>,
    pub submitted_at: Option<i64>,
    pub score: Option<f64>,
    pub passed: Option<bool>,
    /// JSON list of `domain::learning::grading::DomainScore`.
    pub domain_scores: Option<String>,
    /// `user:quiz` while open (unique), NULL once closed.
    pub open_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
