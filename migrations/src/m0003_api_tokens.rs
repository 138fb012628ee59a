//! API tokens for the province's reporting systems, and the token an audited change was made with.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    Name,
    Hint,
    TokenHash,
    UnitId,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    TokenId,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn fk(
    from: impl IntoIden,
    to_table: impl IntoIden,
    to: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(to_table)
        .to_col(to)
        .to_owned()
}

/// Only the SHA-256 of a token is kept; `hint` is its first characters, to tell tokens apart.
/// A token without a unit covers the whole province. Tokens are revoked, never deleted, so the
/// audit log can always name the one a change was made with.
fn api_tokens() -> TableCreateStatement {
    Table::create()
        .table(ApiTokens::Table)
        .if_not_exists()
        .col(pk_auto(ApiTokens::Id))
        .col(string(ApiTokens::Name))
        .col(string(ApiTokens::Hint))
        .col(string_uniq(ApiTokens::TokenHash))
        .col(integer_null(ApiTokens::UnitId))
        .col(integer(ApiTokens::CreatedBy))
        .col(big_integer(ApiTokens::CreatedAt))
        .col(big_integer_null(ApiTokens::LastUsedAt))
        .col(big_integer_null(ApiTokens::RevokedAt))
        .foreign_key(&mut fk(ApiTokens::UnitId, Units::Table, Units::Id))
        .foreign_key(&mut fk(ApiTokens::CreatedBy, Users::Table, Users::Id))
        .to_owned()
}

fn audit_token_column() -> TableAlterStatement {
    Table::alter()
        .table(AuditLog::Table)
        .add_column(integer_null(AuditLog::TokenId))
        .to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    let index = |name: &str, table: &str, col: &str| {
        Index::create()
            .name(name)
            .table(Alias::new(table))
            .col(Alias::new(col))
            .if_not_exists()
            .to_owned()
    };
    vec![
        // The audit page filters by who and by date.
        index("idx_audit_actor", "audit_log", "actor_user_id"),
        index("idx_audit_token", "audit_log", "token_id"),
        index("idx_audit_at", "audit_log", "at"),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(api_tokens()).await?;
        manager.alter_table(audit_token_column()).await?;
        for idx in indexes() {
            manager.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_audit_actor", "idx_audit_token", "idx_audit_at"] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Alias::new("audit_log"))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(AuditLog::Table)
                    .drop_column(AuditLog::TokenId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ApiTokens::Table).to_owned())
            .await?;
        Ok(())
    }
}
