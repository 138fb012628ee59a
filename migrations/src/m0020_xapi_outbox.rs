//! Learning records for a Learning Record Store (issue 19): each xAPI statement is written to
//! this outbox in the transaction that records what it tells (a lesson done, a course
//! completed, an attempt graded, a certificate issued), and a background worker sends it.
//! The statement's id is a UUID v5 of the event, unique here, so an event told twice is one
//! row and a resend is one statement at the LRS.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum XapiOutbox {
    Table,
    Id,
    StatementId,
    UserId,
    Statement,
    State,
    Attempts,
    NextTryAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn outbox() -> TableCreateStatement {
    Table::create()
        .table(XapiOutbox::Table)
        .if_not_exists()
        // The order statements were recorded in: a learner's are sent in this order.
        .col(pk_auto(XapiOutbox::Id))
        .col(string_len_uniq(XapiOutbox::StatementId, 36))
        .col(integer(XapiOutbox::UserId))
        .col(text(XapiOutbox::Statement))
        // `waiting`, `sent` or `failed`.
        .col(string_len(XapiOutbox::State, 8))
        .col(integer(XapiOutbox::Attempts).default(0))
        .col(big_integer(XapiOutbox::NextTryAt))
        // The LRS's status and a short reason, never personal data.
        .col(string_null(XapiOutbox::LastError))
        .col(big_integer(XapiOutbox::CreatedAt))
        .col(big_integer_null(XapiOutbox::SentAt))
        .foreign_key(
            ForeignKey::create()
                .from_col(XapiOutbox::UserId)
                .to_tbl(Users::Table)
                .to_col(Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// What the worker looks for: the waiting statements, oldest first.
fn by_state() -> IndexCreateStatement {
    Index::create()
        .name("idx_xapi_outbox_state")
        .table(XapiOutbox::Table)
        .col(XapiOutbox::State)
        .col(XapiOutbox::Id)
        .if_not_exists()
        .to_owned()
}

/// A learner's earlier statements still waiting hold back their later ones.
fn by_learner() -> IndexCreateStatement {
    Index::create()
        .name("idx_xapi_outbox_user")
        .table(XapiOutbox::Table)
        .col(XapiOutbox::UserId)
        .col(XapiOutbox::Id)
        .if_not_exists()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(outbox()).await?;
        manager.create_index(by_state()).await?;
        manager.create_index(by_learner()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(XapiOutbox::Table).to_owned())
            .await
    }
}
