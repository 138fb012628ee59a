//! The `lesson_audio` table: a lesson's spoken version, made by the server or recorded by an
//! author, with where its making stands.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lesson_audio")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub lesson_id: i32,
    pub source: String,
    pub content_hash: String,
    pub state: String,
    pub content_type: String,
    #[sea_orm(column_type = "Blob")]
    pub data: Vec<u8>,
    pub size: i64,
    pub duration_ms: i64,
    pub error: Option<String>,
    pub making_ms: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
