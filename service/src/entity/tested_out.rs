//! The `tested_out` table: a lesson a learner skipped by passing its domain's part of the
//! course's placement check, once per learner and lesson; apart from the lessons read.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tested_out")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub lesson_id: i32,
    /// The placement attempt that tested it out.
    pub attempt_id: i32,
    pub at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
