//! Reminders by e-mail (issue 20): what an HR officer wrote and for whom, one row per person
//! to mail with its delivery state, and the addresses that asked never to be mailed again.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Reminders {
    Table,
    Id,
    /// The form's one-time key: the same form sent twice makes one reminder.
    RequestKey,
    CreatedBy,
    /// The subtree's root the officer chose (NULL: the whole province, the admin only).
    UnitId,
    Indicator,
    Status,
    AsOf,
    CourseTitle,
    Deadline,
    Subject,
    Body,
    /// Epoch seconds: nothing is sent before.
    SendAt,
    CreatedAt,
    /// Epoch seconds when its last recipient was settled (and the sent count audited).
    FinishedAt,
}

#[derive(DeriveIden)]
enum ReminderRecipients {
    Table,
    Id,
    ReminderId,
    PersonId,
    Email,
    Subject,
    Body,
    /// queued, sending (claimed by a sender), sent, failed, skipped (unsubscribed).
    State,
    Attempts,
    NextTryAt,
    ClaimedAt,
    SentAt,
    /// The SMTP server's last answer (or why nothing was sent).
    Reply,
    UnsubscribeToken,
}

#[derive(DeriveIden)]
enum MailUnsubscribes {
    Table,
    Email,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

fn reminders() -> TableCreateStatement {
    Table::create()
        .table(Reminders::Table)
        .if_not_exists()
        .col(pk_auto(Reminders::Id))
        .col(string_uniq(Reminders::RequestKey))
        .col(integer(Reminders::CreatedBy))
        .col(integer_null(Reminders::UnitId))
        .col(string(Reminders::Indicator))
        .col(string(Reminders::Status))
        .col(date(Reminders::AsOf))
        .col(string_null(Reminders::CourseTitle))
        .col(date_null(Reminders::Deadline))
        .col(string(Reminders::Subject))
        .col(text(Reminders::Body))
        .col(big_integer(Reminders::SendAt))
        .col(big_integer(Reminders::CreatedAt))
        .col(big_integer_null(Reminders::FinishedAt))
        .foreign_key(
            ForeignKey::create()
                .from_col(Reminders::CreatedBy)
                .to_tbl(Users::Table)
                .to_col(Users::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from_col(Reminders::UnitId)
                .to_tbl(Units::Table)
                .to_col(Units::Id),
        )
        .to_owned()
}

fn recipients() -> TableCreateStatement {
    Table::create()
        .table(ReminderRecipients::Table)
        .if_not_exists()
        .col(pk_auto(ReminderRecipients::Id))
        .col(integer(ReminderRecipients::ReminderId))
        .col(integer(ReminderRecipients::PersonId))
        .col(string(ReminderRecipients::Email))
        .col(string(ReminderRecipients::Subject))
        .col(text(ReminderRecipients::Body))
        .col(string(ReminderRecipients::State))
        .col(integer(ReminderRecipients::Attempts).default(0))
        .col(big_integer(ReminderRecipients::NextTryAt))
        .col(big_integer_null(ReminderRecipients::ClaimedAt))
        .col(big_integer_null(ReminderRecipients::SentAt))
        .col(text_null(ReminderRecipients::Reply))
        .col(string_uniq(ReminderRecipients::UnsubscribeToken))
        .foreign_key(
            ForeignKey::create()
                .from_col(ReminderRecipients::ReminderId)
                .to_tbl(Reminders::Table)
                .to_col(Reminders::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .from_col(ReminderRecipients::PersonId)
                .to_tbl(People::Table)
                .to_col(People::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn unsubscribes() -> TableCreateStatement {
    Table::create()
        .table(MailUnsubscribes::Table)
        .if_not_exists()
        .col(string(MailUnsubscribes::Email).primary_key())
        .col(big_integer(MailUnsubscribes::CreatedAt))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(reminders()).await?;
        manager.create_table(recipients()).await?;
        manager.create_table(unsubscribes()).await?;
        // One row per person and reminder: the same person is never queued twice.
        manager
            .create_index(
                Index::create()
                    .name("idx_reminder_recipients_person")
                    .table(ReminderRecipients::Table)
                    .col(ReminderRecipients::ReminderId)
                    .col(ReminderRecipients::PersonId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        // What the sender looks for: rows due in a state.
        manager
            .create_index(
                Index::create()
                    .name("idx_reminder_recipients_due")
                    .table(ReminderRecipients::Table)
                    .col(ReminderRecipients::State)
                    .col(ReminderRecipients::NextTryAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MailUnsubscribes::Table.into_iden(),
            ReminderRecipients::Table.into_iden(),
            Reminders::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
