//! The `courses` table: a course of the catalogue, published or not.
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub title: String,
    pub summary: String,
    pub audience: String,
    /// Domain codes, comma-separated.
    pub competences: String,
    pub counts_as_training: bool,
    pub published: bool,
    /// The province that made it; `None` for a national course.
    pub province_id: Option<i32>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
