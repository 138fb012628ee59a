//! Assessment results keep where they came from (`import`, `manual`, `platform`) and, for one
//! entered by hand, its evidence, as training records already do.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AssessmentResults {
    Table,
    Note,
    Source,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let add = |col: ColumnDef| {
            Table::alter()
                .table(AssessmentResults::Table)
                .add_column(col)
                .to_owned()
        };
        manager
            .alter_table(add(text_null(AssessmentResults::Note)))
            .await?;
        manager
            .alter_table(add(string(AssessmentResults::Source)
                .default("import")
                .to_owned()))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [AssessmentResults::Source, AssessmentResults::Note] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AssessmentResults::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
