//! The `badge_keys` table: the Ed25519 keys that sign Open Badges credentials.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "badge_keys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The RFC 7638 thumbprint of the public key.
    pub kid: String,
    /// The public key, base64url.
    pub public_key: String,
    /// The seed, base64url; `None` once retired or when the key is kept in a file.
    pub private_key: Option<String>,
    /// `Some(1)` for the key that signs now.
    pub active: Option<i32>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
