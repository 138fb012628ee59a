//! Foundation tables: units, users, roles, sessions, login failures, audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    Code,
    Name,
    Level,
    ParentId,
    Path,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Login,
    FullName,
    Email,
    Phone,
    PasswordHash,
    HomeUnitId,
    Disabled,
    ConsentAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    Id,
    UserId,
    Role,
    UnitId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Login,
    Ip,
    At,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorUserId,
    At,
    Action,
    ObjectKind,
    ObjectId,
    Before,
    After,
}

fn fk(
    from: impl IntoIden,
    to_table: impl IntoIden,
    to: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(to_table)
        .to_col(to)
        .to_owned()
}

fn units() -> TableCreateStatement {
    Table::create()
        .table(Units::Table)
        .if_not_exists()
        .col(pk_auto(Units::Id))
        .col(string_uniq(Units::Code))
        .col(string(Units::Name))
        .col(string(Units::Level))
        .col(integer_null(Units::ParentId))
        .col(string(Units::Path))
        .foreign_key(&mut fk(Units::ParentId, Units::Table, Units::Id))
        .to_owned()
}

fn users() -> TableCreateStatement {
    Table::create()
        .table(Users::Table)
        .if_not_exists()
        .col(pk_auto(Users::Id))
        .col(string_uniq(Users::Login))
        .col(string(Users::FullName))
        .col(string_null(Users::Email))
        .col(string_null(Users::Phone))
        .col(string(Users::PasswordHash))
        .col(integer_null(Users::HomeUnitId))
        .col(boolean(Users::Disabled).default(false))
        .col(big_integer_null(Users::ConsentAt))
        .col(big_integer(Users::CreatedAt))
        .foreign_key(&mut fk(Users::HomeUnitId, Units::Table, Units::Id))
        .to_owned()
}

fn user_roles() -> TableCreateStatement {
    Table::create()
        .table(UserRoles::Table)
        .if_not_exists()
        .col(pk_auto(UserRoles::Id))
        .col(integer(UserRoles::UserId))
        .col(string(UserRoles::Role))
        .col(integer_null(UserRoles::UnitId))
        .col(big_integer(UserRoles::CreatedAt))
        .foreign_key(
            &mut fk(UserRoles::UserId, Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .to_owned(),
        )
        .foreign_key(&mut fk(UserRoles::UnitId, Units::Table, Units::Id))
        .to_owned()
}

fn sessions() -> TableCreateStatement {
    Table::create()
        .table(Sessions::Table)
        .if_not_exists()
        .col(pk_auto(Sessions::Id))
        .col(string_uniq(Sessions::TokenHash))
        .col(integer(Sessions::UserId))
        .col(big_integer(Sessions::CreatedAt))
        .col(big_integer(Sessions::LastSeenAt))
        .col(big_integer(Sessions::ExpiresAt))
        .foreign_key(
            &mut fk(Sessions::UserId, Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .to_owned(),
        )
        .to_owned()
}

fn login_failures() -> TableCreateStatement {
    Table::create()
        .table(LoginFailures::Table)
        .if_not_exists()
        .col(pk_auto(LoginFailures::Id))
        .col(string(LoginFailures::Login))
        .col(string(LoginFailures::Ip))
        .col(big_integer(LoginFailures::At))
        .to_owned()
}

fn audit_log() -> TableCreateStatement {
    Table::create()
        .table(AuditLog::Table)
        .if_not_exists()
        .col(pk_auto(AuditLog::Id))
        .col(integer_null(AuditLog::ActorUserId))
        .col(big_integer(AuditLog::At))
        .col(string(AuditLog::Action))
        .col(string(AuditLog::ObjectKind))
        .col(string(AuditLog::ObjectId))
        .col(text_null(AuditLog::Before))
        .col(text_null(AuditLog::After))
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table).if_not_exists();
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    stmt.to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("idx_units_path", Units::Table, &["path"]),
        index("idx_units_parent", Units::Table, &["parent_id"]),
        index("idx_users_home_unit", Users::Table, &["home_unit_id"]),
        index("idx_user_roles_user", UserRoles::Table, &["user_id"]),
        index("idx_sessions_user", Sessions::Table, &["user_id"]),
        index(
            "idx_login_failures_login",
            LoginFailures::Table,
            &["login", "at"],
        ),
        index("idx_login_failures_ip", LoginFailures::Table, &["ip", "at"]),
        index(
            "idx_audit_object",
            AuditLog::Table,
            &["object_kind", "object_id"],
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            units(),
            users(),
            user_roles(),
            sessions(),
            login_failures(),
            audit_log(),
        ] {
            manager.create_table(table).await?;
        }
        for idx in indexes() {
            manager.create_index(idx).await?;
        }
        // A role is held once per (user, role, unit); NULL units must collide too, hence COALESCE.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX IF NOT EXISTS uq_user_roles \
                 ON user_roles (user_id, role, COALESCE(unit_id, 0))",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "audit_log",
            "login_failures",
            "sessions",
            "user_roles",
            "users",
            "units",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(name)).to_owned())
                .await?;
        }
        Ok(())
    }
}
