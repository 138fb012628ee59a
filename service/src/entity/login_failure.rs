//! The `login_failures` table: counted attempts, failed sign-ins and registrations (`kind`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account's login (sign-in) or the login asked for (registration).
    pub login: String,
    pub ip: String,
    pub at: i64,
    /// `sign_in` or `register`.
    pub kind: String,
    /// The known device that made the attempt, when it carried a valid device cookie.
    pub device: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
