//! Single sign-on (issue 19): an account bound to a person at an OpenID provider, by the
//! provider's issuer and the subject it names them by. One binding per (issuer, subject), and
//! one per account and issuer.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SsoIdentities {
    Table,
    Id,
    UserId,
    Issuer,
    Subject,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn sso_identities() -> TableCreateStatement {
    Table::create()
        .table(SsoIdentities::Table)
        .if_not_exists()
        .col(pk_auto(SsoIdentities::Id))
        .col(integer(SsoIdentities::UserId))
        .col(string(SsoIdentities::Issuer))
        .col(string(SsoIdentities::Subject))
        .col(big_integer(SsoIdentities::CreatedAt))
        .col(big_integer(SsoIdentities::LastUsedAt))
        .foreign_key(
            ForeignKey::create()
                .from_col(SsoIdentities::UserId)
                .to_tbl(Users::Table)
                .to_col(Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn unique(name: &str, cols: [SsoIdentities; 2]) -> IndexCreateStatement {
    let [a, b] = cols;
    Index::create()
        .name(name)
        .table(SsoIdentities::Table)
        .col(a)
        .col(b)
        .unique()
        .if_not_exists()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(sso_identities()).await?;
        manager
            .create_index(unique(
                "idx_sso_identities_subject",
                [SsoIdentities::Issuer, SsoIdentities::Subject],
            ))
            .await?;
        manager
            .create_index(unique(
                "idx_sso_identities_user",
                [SsoIdentities::UserId, SsoIdentities::Issuer],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SsoIdentities::Table).to_owned())
            .await
    }
}
