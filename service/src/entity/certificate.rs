//! The `certificates` table: a completed course or passed mastery assessment, by public code.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub subject_key: String,
    pub user_id: i32,
    pub kind: String,
    pub programme_code: String,
    pub title: String,
    pub issued_on: Date,
    pub score: Option<f64>,
    pub created_at: i64,
    pub revoked_on: Option<Date>,
    pub revoked_reason: Option<String>,
    pub revoked_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
