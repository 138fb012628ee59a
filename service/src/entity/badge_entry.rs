//! The `badge_entries` table: a certificate's bit in a status list and its identifiers' salt.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "badge_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub certificate_id: i32,
    pub list: i32,
    pub position: i32,
    pub salt: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
