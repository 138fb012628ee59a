//! The `users` table.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub login: String,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub password_hash: String,
    pub home_unit_id: Option<i32>,
    pub disabled: bool,
    pub consent_at: Option<i64>,
    pub created_at: i64,
    /// The facilitator who registered this resident on their behalf, with their consent.
    pub registered_by: Option<i32>,
    /// When the person deleted their account: their personal data is gone from then on.
    pub erased_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// Someone known by a login and a name only: no contact, no password, no unit, no
    /// consent (a stand-in for an API token, a person in a test).
    pub fn named(id: i32, login: &str, full_name: &str, created_at: i64) -> Self {
        Model {
            id,
            login: login.to_owned(),
            full_name: full_name.to_owned(),
            email: None,
            phone: None,
            password_hash: String::new(),
            home_unit_id: None,
            disabled: false,
            consent_at: None,
            created_at,
            registered_by: None,
            erased_at: None,
        }
    }
}
