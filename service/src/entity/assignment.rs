//! The `assignments` table: a person in a unit with a kind over a period (start included, end excluded).
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub unit_id: i32,
    pub kind: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    /// The person's earliest training on record, kept by `crate::firsts`; not part of the roster.
    #[serde(skip)]
    pub first_trained_on: Option<Date>,
    /// The person's earliest passed mastery assessment on record, kept by `crate::firsts`.
    #[serde(skip)]
    pub first_mastered_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
