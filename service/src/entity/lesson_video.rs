//! The `lesson_video` table: a lesson's video, a file kept here or a link, with its captions.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lesson_video")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub lesson_id: i32,
    pub kind: String,
    pub content_hash: String,
    pub content_type: String,
    #[sea_orm(column_type = "Blob")]
    pub data: Vec<u8>,
    pub size: i64,
    pub duration_secs: i64,
    pub link_url: Option<String>,
    pub captions: Option<String>,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
