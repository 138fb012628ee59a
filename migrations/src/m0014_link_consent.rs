//! Links hr proposes between a roster member and an account: nothing of the account is linked
//! until its holder accepts (issue 17). One row per roster member: the latest proposal and what
//! became of it (`proposed`, `accepted`, `refused`); a refused one keeps no account.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LinkProposals {
    Table,
    Id,
    PersonId,
    UserId,
    Status,
    ProposedByUser,
    ProposedByToken,
    ProposedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn link_proposals() -> TableCreateStatement {
    Table::create()
        .table(LinkProposals::Table)
        .if_not_exists()
        .col(pk_auto(LinkProposals::Id))
        .col(integer(LinkProposals::PersonId))
        // The account asked to accept; none when no account has the address hr typed (hr is
        // not told) and once the holder refused.
        .col(integer_null(LinkProposals::UserId))
        .col(string(LinkProposals::Status))
        .col(integer_null(LinkProposals::ProposedByUser))
        .col(integer_null(LinkProposals::ProposedByToken))
        .col(big_integer(LinkProposals::ProposedAt))
        .col(big_integer_null(LinkProposals::DecidedAt))
        .foreign_key(
            ForeignKey::create()
                .from_col(LinkProposals::PersonId)
                .to_tbl(People::Table)
                .to_col(People::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .from_col(LinkProposals::UserId)
                .to_tbl(Users::Table)
                .to_col(Users::Id)
                .on_delete(ForeignKeyAction::SetNull),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(link_proposals()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_link_proposals_person")
                    .table(LinkProposals::Table)
                    .col(LinkProposals::PersonId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_link_proposals_user")
                    .table(LinkProposals::Table)
                    .col(LinkProposals::UserId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LinkProposals::Table).to_owned())
            .await
    }
}
