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
    pub province_id: i32,
    /// Epoch seconds of the pseudonymisation; such a person is never named or linked again.
    pub pseudonymised_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
