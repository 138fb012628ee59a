//! A fresh database for one run: a SQLite file in the run's folder, or a new PostgreSQL database
//! (created from an admin URL on loopback, dropped at the end); and the admin the imports act as.
use std::path::Path;

use anyhow::{Context, Result, bail};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
    QueryFilter, Set,
};
use service::access::authz::Actor;
use service::entity::{user, user_role};

/// One engine's database for the run.
pub struct Fresh {
    pub engine: &'static str,
    pub db: DatabaseConnection,
    /// For PostgreSQL: the admin URL and the database to drop afterwards.
    drop: Option<(String, String)>,
}

pub async fn sqlite(dir: &Path) -> Result<Fresh> {
    let url = format!("sqlite://{}?mode=rwc", dir.join("province.db").display());
    let db = service::db::connect(&url)
        .await
        .context("opening the SQLite file")?;
    Ok(Fresh {
        engine: "SQLite",
        db,
        drop: None,
    })
}

pub async fn postgres(admin_url: &str) -> Result<Fresh> {
    crate::target::resolve_loopback(&pg_authority(admin_url)?)?;
    let name = format!("hocvu_bench_{}", std::process::id());
    let admin = Database::connect(admin_url)
        .await
        .context("connecting to PostgreSQL")?;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
        .await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    admin.close().await?;
    let db = service::db::connect(&with_database(admin_url, &name))
        .await
        .context("opening the new database")?;
    Ok(Fresh {
        engine: "PostgreSQL",
        db,
        drop: Some((admin_url.to_owned(), name)),
    })
}

impl Fresh {
    /// Closes the connection and drops a PostgreSQL database made for the run.
    pub async fn finish(self) -> Result<()> {
        self.db.close().await?;
        if let Some((admin_url, name)) = self.drop {
            let admin = Database::connect(&admin_url).await?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await?;
            admin.close().await?;
        }
        Ok(())
    }
}

/// An admin account with no usable password (nothing signs in as it), of a province or of the
/// nation, made on first use and kept with the data.
pub async fn admin(
    db: &DatabaseConnection,
    login: &str,
    full_name: &str,
    province_id: Option<i32>,
) -> Result<Actor> {
    let found = user::Entity::find()
        .filter(user::Column::Login.eq(login))
        .one(db)
        .await?;
    let account = match found {
        Some(u) => u,
        None => {
            let u = user::ActiveModel {
                login: Set(login.to_owned()),
                full_name: Set(full_name.to_owned()),
                password_hash: Set("!".into()),
                disabled: Set(false),
                created_at: Set(0),
                ..Default::default()
            }
            .insert(db)
            .await?;
            let role = match province_id {
                Some(_) => domain::Role::ProvinceAdmin,
                None => domain::Role::Admin,
            };
            user_role::ActiveModel {
                user_id: Set(u.id),
                role: Set(role.as_str().into()),
                province_id: Set(province_id),
                created_at: Set(0),
                ..Default::default()
            }
            .insert(db)
            .await?;
            u
        }
    };
    Ok(service::access::authz::load_actor(db, account).await?)
}

/// Refuses a PostgreSQL URL whose host is not a loopback address (SQLite files pass).
pub fn check_loopback(url: &str) -> Result<()> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        crate::target::resolve_loopback(&pg_authority(url)?)?;
    }
    Ok(())
}

/// `host[:port]` of `postgres://[user[:password]@]host[:port]/db[?…]`.
pub(crate) fn pg_authority(url: &str) -> Result<String> {
    let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    else {
        bail!("--pg must be a postgres:// URL");
    };
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    Ok(if host.contains(':') && !host.ends_with(']') {
        host.to_owned()
    } else {
        format!("{host}:5432")
    })
}

/// The same server with another database name.
pub(crate) fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let prefix = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_taken_apart() {
        assert_eq!(
            pg_authority("postgres://postgres@127.0.0.1:5432/postgres").unwrap(),
            "127.0.0.1:5432"
        );
        assert_eq!(
            pg_authority("postgres://u:p@localhost/x?sslmode=disable").unwrap(),
            "localhost:5432"
        );
        assert!(pg_authority("mysql://x").is_err());
        assert_eq!(
            with_database("postgres://u@h:5432/postgres", "b"),
            "postgres://u@h:5432/b"
        );
        assert_eq!(with_database("postgres://u@h", "b"), "postgres://u@h/b");
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "b"),
            "postgres://u@h/b?sslmode=disable"
        );
    }
}
