//! Learning: the competence framework's domains, courses and their ordered lessons, and what
//! each learner has done (lessons) and completed (courses).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompetenceDomains {
    Table,
    Code,
    NameVi,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
    Code,
    Title,
    Summary,
    Audience,
    Competences,
    CountsAsTraining,
    Published,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Lessons {
    Table,
    Id,
    CourseId,
    Position,
    Title,
    Body,
}

#[derive(DeriveIden)]
enum LessonCompletions {
    Table,
    Id,
    UserId,
    LessonId,
    DoneAt,
}

#[derive(DeriveIden)]
enum CourseCompletions {
    Table,
    Id,
    UserId,
    CourseId,
    CompletedOn,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

/// The six domains of Vietnam's digital competence framework, in the framework's order.
const DOMAINS: [(&str, &str, &str); 6] = [
    (
        "du_lieu",
        "Khai thác dữ liệu và thông tin",
        "Data and information",
    ),
    (
        "giao_tiep",
        "Giao tiếp và hợp tác",
        "Communication and collaboration",
    ),
    (
        "noi_dung",
        "Sáng tạo nội dung số",
        "Digital content creation",
    ),
    ("an_toan", "An toàn", "Safety"),
    ("giai_quyet", "Giải quyết vấn đề", "Problem solving"),
    (
        "tri_tue_nhan_tao",
        "Ứng dụng trí tuệ nhân tạo",
        "Applying artificial intelligence",
    ),
];

fn cascade(
    from: impl IntoIden,
    to_table: impl IntoIden,
    to: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(to_table)
        .to_col(to)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(CompetenceDomains::Table)
            .if_not_exists()
            .col(string(CompetenceDomains::Code).primary_key())
            .col(string(CompetenceDomains::NameVi))
            .col(string(CompetenceDomains::NameEn))
            .col(integer(CompetenceDomains::Position))
            .to_owned(),
        Table::create()
            .table(Courses::Table)
            .if_not_exists()
            .col(pk_auto(Courses::Id))
            .col(string_uniq(Courses::Code))
            .col(string(Courses::Title))
            .col(text(Courses::Summary))
            .col(string(Courses::Audience))
            // Domain codes, comma-separated, in the framework's order.
            .col(string(Courses::Competences))
            .col(boolean(Courses::CountsAsTraining))
            .col(boolean(Courses::Published))
            .col(big_integer(Courses::CreatedAt))
            .col(big_integer(Courses::UpdatedAt))
            .to_owned(),
        Table::create()
            .table(Lessons::Table)
            .if_not_exists()
            .col(pk_auto(Lessons::Id))
            .col(integer(Lessons::CourseId))
            .col(integer(Lessons::Position))
            .col(string(Lessons::Title))
            .col(text(Lessons::Body))
            .foreign_key(&mut cascade(Lessons::CourseId, Courses::Table, Courses::Id))
            .to_owned(),
        Table::create()
            .table(LessonCompletions::Table)
            .if_not_exists()
            .col(pk_auto(LessonCompletions::Id))
            .col(integer(LessonCompletions::UserId))
            .col(integer(LessonCompletions::LessonId))
            .col(big_integer(LessonCompletions::DoneAt))
            .foreign_key(&mut cascade(
                LessonCompletions::UserId,
                Users::Table,
                Users::Id,
            ))
            .foreign_key(&mut cascade(
                LessonCompletions::LessonId,
                Lessons::Table,
                Lessons::Id,
            ))
            .to_owned(),
        Table::create()
            .table(CourseCompletions::Table)
            .if_not_exists()
            .col(pk_auto(CourseCompletions::Id))
            .col(integer(CourseCompletions::UserId))
            .col(integer(CourseCompletions::CourseId))
            .col(date(CourseCompletions::CompletedOn))
            .foreign_key(&mut cascade(
                CourseCompletions::UserId,
                Users::Table,
                Users::Id,
            ))
            .foreign_key(&mut cascade(
                CourseCompletions::CourseId,
                Courses::Table,
                Courses::Id,
            ))
            .to_owned(),
    ]
}

fn unique(name: &str, table: impl IntoIden, cols: [&'static str; 2]) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(table)
        .unique()
        .if_not_exists()
        .col(Alias::new(cols[0]))
        .col(Alias::new(cols[1]))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        // A lesson's place is unique in its course; a learner does a lesson, or completes a course, once.
        manager
            .create_index(unique(
                "uq_lessons_course_position",
                Lessons::Table,
                ["course_id", "position"],
            ))
            .await?;
        manager
            .create_index(unique(
                "uq_lesson_completions_user_lesson",
                LessonCompletions::Table,
                ["user_id", "lesson_id"],
            ))
            .await?;
        manager
            .create_index(unique(
                "uq_course_completions_user_course",
                CourseCompletions::Table,
                ["user_id", "course_id"],
            ))
            .await?;
        let mut insert = Query::insert();
        insert.into_table(CompetenceDomains::Table).columns([
            CompetenceDomains::Code,
            CompetenceDomains::NameVi,
            CompetenceDomains::NameEn,
            CompetenceDomains::Position,
        ]);
        for (i, (code, vi, en)) in DOMAINS.iter().enumerate() {
            insert.values_panic([
                (*code).into(),
                (*vi).into(),
                (*en).into(),
                (i as i32 + 1).into(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CourseCompletions::Table.into_iden(),
            LessonCompletions::Table.into_iden(),
            Lessons::Table.into_iden(),
            Courses::Table.into_iden(),
            CompetenceDomains::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
