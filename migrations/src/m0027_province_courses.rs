//! A course made by a province: `courses.province_id` names it (`NULL`: a national course, as
//! every course made before). Its province's learners find it in the catalogue beside the
//! national ones, and only its province admin (or the national admin and authors) edits it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Courses {
    Table,
    ProvinceId,
}

const INDEX: &str = "ix_courses_province";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // No foreign key: SQLite cannot add one to an existing table, and provinces are never
        // deleted.
        manager
            .alter_table(
                Table::alter()
                    .table(Courses::Table)
                    .add_column(integer_null(Courses::ProvinceId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Courses::Table)
                    .col(Courses::ProvinceId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Courses::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Courses::Table)
                    .drop_column(Courses::ProvinceId)
                    .to_owned(),
            )
            .await
    }
}
