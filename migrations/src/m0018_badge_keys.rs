//! Certificates as Open Badges 3.0 credentials (issue 19): the Ed25519 keys that sign them (the
//! current one and every retired one, whose public half stays published), and per certificate
//! its place in a revocation status list and the salt of its hashed identifiers.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BadgeKeys {
    Table,
    Id,
    Kid,
    PublicKey,
    PrivateKey,
    Active,
    CreatedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum BadgeEntries {
    Table,
    CertificateId,
    List,
    Position,
    Salt,
}

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Id,
}

fn badge_keys() -> TableCreateStatement {
    Table::create()
        .table(BadgeKeys::Table)
        .if_not_exists()
        .col(pk_auto(BadgeKeys::Id))
        // The key's RFC 7638 thumbprint (base64url): the last part of the JWS `kid`.
        .col(string_uniq(BadgeKeys::Kid))
        // The 32 bytes of the Ed25519 public key, base64url.
        .col(string(BadgeKeys::PublicKey))
        // The 32-byte seed, base64url; NULL once retired, or when the key lives in a file.
        .col(text_null(BadgeKeys::PrivateKey))
        // 1 for the key that signs now, NULL for the others: unique, so there is one.
        .col(integer_null(BadgeKeys::Active).unique_key())
        .col(big_integer(BadgeKeys::CreatedAt))
        .col(big_integer_null(BadgeKeys::RetiredAt))
        .to_owned()
}

fn badge_entries() -> TableCreateStatement {
    Table::create()
        .table(BadgeEntries::Table)
        .if_not_exists()
        .col(integer(BadgeEntries::CertificateId).primary_key())
        // The status list (1, 2, ...) and the bit in it, drawn at random.
        .col(integer(BadgeEntries::List))
        .col(integer(BadgeEntries::Position))
        // The salt of the credential's hashed identifiers, hex.
        .col(string(BadgeEntries::Salt))
        .foreign_key(
            ForeignKey::create()
                .from_col(BadgeEntries::CertificateId)
                .to_tbl(Certificates::Table)
                .to_col(Certificates::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(badge_keys()).await?;
        manager.create_table(badge_entries()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_badge_entries_bit")
                    .table(BadgeEntries::Table)
                    .col(BadgeEntries::List)
                    .col(BadgeEntries::Position)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BadgeEntries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BadgeKeys::Table).to_owned())
            .await
    }
}
