//! The `people` table: roster members, one per staff code.
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub staff_code: String,
    pub full_name: String,
    pub personal_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub user_id: Option<i32>,
    /// The earliest training on record, kept by `crate::firsts`; not part of the roster.
    #[serde(skip)]
    pub first_trained_on: Option<Date>,
    /// The earliest passed mastery assessment on record, kept by `crate::firsts`.
    #[serde(skip)]
    pub first_mastered_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
