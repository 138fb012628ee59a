//! Community digital teams and the personal-data rules: teams of a commune with their members,
//! who registered a resident on their behalf, courses a resident was enrolled in, and when an
//! account's personal data was erased.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    CommuneId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    Id,
    TeamId,
    UserId,
    JoinedAt,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    Id,
    UserId,
    CourseId,
    EnrolledBy,
    EnrolledAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    RegisteredBy,
    ErasedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    AssistedBy,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

fn fk(from: impl IntoIden, table: impl IntoIden, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(table)
        .to_col(col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn unique_pair(
    name: &str,
    table: impl IntoIden,
    a: impl IntoIden,
    b: impl IntoIden,
) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(table)
        .col(a)
        .col(b)
        .unique()
        .if_not_exists()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Teams::Table)
                    .if_not_exists()
                    .col(pk_auto(Teams::Id))
                    .col(integer(Teams::CommuneId))
                    .col(string(Teams::Name))
                    .col(big_integer(Teams::CreatedAt))
                    .foreign_key(&mut fk(Teams::CommuneId, Units::Table, Units::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_pair(
                "ux_teams_commune_name",
                Teams::Table,
                Teams::CommuneId,
                Teams::Name,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TeamMembers::Table)
                    .if_not_exists()
                    .col(pk_auto(TeamMembers::Id))
                    .col(integer(TeamMembers::TeamId))
                    .col(integer(TeamMembers::UserId))
                    .col(big_integer(TeamMembers::JoinedAt))
                    .foreign_key(&mut fk(TeamMembers::TeamId, Teams::Table, Teams::Id))
                    .foreign_key(&mut fk(TeamMembers::UserId, Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_pair(
                "ux_team_members_team_user",
                TeamMembers::Table,
                TeamMembers::TeamId,
                TeamMembers::UserId,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .if_not_exists()
                    .col(pk_auto(Enrolments::Id))
                    .col(integer(Enrolments::UserId))
                    .col(integer(Enrolments::CourseId))
                    .col(integer_null(Enrolments::EnrolledBy))
                    .col(big_integer(Enrolments::EnrolledAt))
                    .foreign_key(&mut fk(Enrolments::UserId, Users::Table, Users::Id))
                    .foreign_key(&mut fk(Enrolments::CourseId, Courses::Table, Courses::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique_pair(
                "ux_enrolments_user_course",
                Enrolments::Table,
                Enrolments::UserId,
                Enrolments::CourseId,
            ))
            .await?;
        for col in [Users::RegisteredBy, Users::ErasedAt] {
            let def = match col {
                Users::RegisteredBy => integer_null(col),
                _ => big_integer_null(col),
            };
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(def)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(integer_null(Sessions::AssistedBy))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::AssistedBy)
                    .to_owned(),
            )
            .await?;
        for col in [Users::ErasedAt, Users::RegisteredBy] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Enrolments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TeamMembers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Teams::Table).to_owned())
            .await
    }
}
