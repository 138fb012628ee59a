//! When a roster member was pseudonymised (issue 17, hole 15): from then on no import may name
//! them again and no account may be linked to them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    PseudonymisedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(People::Table)
                    // Epoch seconds; NULL for everyone never pseudonymised.
                    .add_column(big_integer_null(People::PseudonymisedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(People::Table)
                    .drop_column(People::PseudonymisedAt)
                    .to_owned(),
            )
            .await
    }
}
