//! Access limits (issue 17): the counted attempts of `login_failures` gain a kind (a sign-in or
//! a registration) and the device that made them; the server's keys (the one that signs the
//! "known device" cookie), made once and shared by every process; and, per account, the failed
//! sign-ins its owner has not been told of yet.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Kind,
    Device,
    At,
}

#[derive(DeriveIden)]
enum ServerKeys {
    Table,
    Name,
    Value,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SigninAlerts {
    Table,
    UserId,
    Unseen,
    Shown,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn server_keys() -> TableCreateStatement {
    Table::create()
        .table(ServerKeys::Table)
        .if_not_exists()
        .col(string(ServerKeys::Name).primary_key())
        .col(string(ServerKeys::Value))
        .col(big_integer(ServerKeys::CreatedAt))
        .to_owned()
}

fn signin_alerts() -> TableCreateStatement {
    Table::create()
        .table(SigninAlerts::Table)
        .if_not_exists()
        .col(integer(SigninAlerts::UserId).primary_key())
        .col(integer(SigninAlerts::Unseen).default(0))
        .col(integer(SigninAlerts::Shown).default(0))
        .foreign_key(
            ForeignKey::create()
                .from_col(SigninAlerts::UserId)
                .to_tbl(Users::Table)
                .to_col(Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let add = |col: ColumnDef| {
            Table::alter()
                .table(LoginFailures::Table)
                .add_column(col)
                .to_owned()
        };
        manager
            .alter_table(add(string(LoginFailures::Kind)
                .default("sign_in")
                .to_owned()))
            .await?;
        manager
            .alter_table(add(string_null(LoginFailures::Device)))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failures_kind_at")
                    .table(LoginFailures::Table)
                    .col(LoginFailures::Kind)
                    .col(LoginFailures::At)
                    .to_owned(),
            )
            .await?;
        manager.create_table(server_keys()).await?;
        manager.create_table(signin_alerts()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SigninAlerts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ServerKeys::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_login_failures_kind_at")
                    .table(LoginFailures::Table)
                    .to_owned(),
            )
            .await?;
        for col in [LoginFailures::Device, LoginFailures::Kind] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LoginFailures::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
