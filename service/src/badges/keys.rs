//! The Ed25519 keys that sign credentials. One key signs at a time (`badge_keys.active`, unique);
//! it is made at first start and kept in the database, or read from a PKCS#8 PEM file when the
//! configuration names one (made there if the file is missing). Rotating retires the current
//! key (its private half is forgotten) and makes a new one; every public key stays published,
//! so a credential signed before a rotation still verifies.
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, spki::der::pem::LineEnding};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use crate::access::audit::{self, Change, Who};
use crate::entity::badge_key;
use crate::{Error, Result, now};

/// Where the signing key lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// In `badge_keys` (the default).
    Database,
    /// In this PKCS#8 PEM file (`HOCVU_BADGE_KEY_FILE`); its public key is recorded in
    /// `badge_keys` like the others.
    File(PathBuf),
}

/// The key that signs, with its thumbprint.
pub struct BadgeKey {
    pub thumbprint: String,
    pub signing: SigningKey,
}

/// A public key as the JWKS publishes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedKey {
    pub thumbprint: String,
    /// The public key, base64url (the JWK's `x`).
    pub x: String,
    pub active: bool,
}

/// The RFC 7638 thumbprint of an Ed25519 public key: SHA-256 of its required JWK members in
/// lexicographic order, base64url.
pub fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// The JWK of a published key, named `kid`.
pub fn jwk(key: &PublishedKey, kid: &str) -> serde_json::Value {
    serde_json::json!({
        "kty": "OKP", "crv": "Ed25519", "x": key.x, "alg": "EdDSA", "use": "sig", "kid": kid,
    })
}

fn fresh() -> SigningKey {
    let mut seed = [0u8; 32];
    rand::rng().fill_bytes(&mut seed);
    SigningKey::from_bytes(&seed)
}

fn public_x(key: &SigningKey) -> String {
    URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes())
}

fn badge_key(signing: SigningKey) -> BadgeKey {
    BadgeKey {
        thumbprint: thumbprint(&public_x(&signing)),
        signing,
    }
}

/// The key that signs now, made if there is none yet (at first start).
pub async fn current(db: &DatabaseConnection, source: &KeySource) -> Result<BadgeKey> {
    match source {
        KeySource::Database => current_in_database(db).await,
        KeySource::File(path) => {
            let key = badge_key(read_or_make_file(path).await?);
            if active_row(db)
                .await?
                .is_none_or(|r| r.kid != key.thumbprint)
            {
                make_active(db, &key, false).await?;
            }
            Ok(key)
        }
    }
}

async fn current_in_database(db: &DatabaseConnection) -> Result<BadgeKey> {
    if let Some(key) = active_row(db).await?.and_then(|r| r.private_key) {
        return seed_key(&key);
    }
    let key = badge_key(fresh());
    // Two processes starting at once: the one written first signs, the other's insert fails.
    let made = make_active(db, &key, true).await;
    match active_row(db).await?.and_then(|r| r.private_key) {
        Some(stored) => seed_key(&stored),
        None => Err(made.err().unwrap_or_else(|| {
            Error::internal("the badge key kept in the database has no private key")
        })),
    }
}

fn seed_key(stored: &str) -> Result<BadgeKey> {
    let seed = URL_SAFE_NO_PAD
        .decode(stored)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| Error::internal("the badge key is malformed"))?;
    Ok(badge_key(SigningKey::from_bytes(&seed)))
}

async fn active_row(db: &impl ConnectionTrait) -> Result<Option<badge_key::Model>> {
    Ok(badge_key::Entity::find()
        .filter(badge_key::Column::Active.eq(1))
        .one(db)
        .await?)
}

/// Retires the active key and makes `key` the active one, in one transaction. The private key
/// is kept in the database only when `keep_private` (the key does not live in a file).
async fn make_active(db: &DatabaseConnection, key: &BadgeKey, keep_private: bool) -> Result<()> {
    let txn = db.begin().await?;
    badge_key::Entity::update_many()
        .col_expr(badge_key::Column::Active, Expr::value(Option::<i32>::None))
        .col_expr(
            badge_key::Column::PrivateKey,
            Expr::value(Option::<String>::None),
        )
        .col_expr(badge_key::Column::RetiredAt, Expr::value(now()))
        .filter(badge_key::Column::Active.eq(1))
        .filter(badge_key::Column::Kid.ne(key.thumbprint.as_str()))
        .exec(&txn)
        .await?;
    let existing = badge_key::Entity::find()
        .filter(badge_key::Column::Kid.eq(key.thumbprint.as_str()))
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut row = badge_key::ActiveModel::from(row);
            row.active = Set(Some(1));
            row.retired_at = Set(None);
            row.update(&txn).await?;
        }
        None => {
            let private = keep_private.then(|| URL_SAFE_NO_PAD.encode(key.signing.to_bytes()));
            badge_key::ActiveModel {
                kid: Set(key.thumbprint.clone()),
                public_key: Set(public_x(&key.signing)),
                private_key: Set(private),
                active: Set(Some(1)),
                created_at: Set(now()),
                retired_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Retires the signing key and makes a new one (written to the file when the key lives in
/// one); audited. The thumbprints before and after.
pub async fn rotate(
    db: &DatabaseConnection,
    source: &KeySource,
    who: Who,
) -> Result<(String, String)> {
    let before = current(db, source).await?.thumbprint;
    let key = badge_key(fresh());
    if let KeySource::File(path) = source {
        write_file(path, &key.signing).await?;
    }
    make_active(db, &key, *source == KeySource::Database).await?;
    let txn = db.begin().await?;
    audit::record(
        &txn,
        Change {
            actor: who,
            action: "rotate",
            object_kind: "badge_key",
            object_id: key.thumbprint.clone(),
            before: Some(serde_json::json!({"kid": before})),
            after: Some(serde_json::json!({"kid": key.thumbprint})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((before, key.thumbprint))
}

/// Every key that ever signed, the active one first, then the newest retired.
pub async fn published(db: &impl ConnectionTrait) -> Result<Vec<PublishedKey>> {
    let rows = badge_key::Entity::find()
        .order_by_desc(badge_key::Column::Active)
        .order_by_desc(badge_key::Column::Id)
        .all(db)
        .await?;
    let mut keys: Vec<PublishedKey> = rows
        .into_iter()
        .map(|r| PublishedKey {
            active: r.active.is_some(),
            thumbprint: r.kid,
            x: r.public_key,
        })
        .collect();
    // NULLs sort first on one engine and last on the other: the active key first on both.
    keys.sort_by_key(|k| !k.active);
    Ok(keys)
}

async fn read_or_make_file(path: &Path) -> Result<SigningKey> {
    match tokio::fs::read_to_string(path).await {
        Ok(pem) => SigningKey::from_pkcs8_pem(&pem).map_err(|_| {
            Error::internal(format!(
                "{} is not an Ed25519 private key in PKCS#8 PEM",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = fresh();
            write_file(path, &key).await?;
            Ok(key)
        }
        Err(e) => Err(Error::internal(format!("{}: {e}", path.display()))),
    }
}

/// Writes the key as PKCS#8 PEM, readable by its owner only, replacing the file at once.
async fn write_file(path: &Path, key: &SigningKey) -> Result<()> {
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| Error::internal(format!("badge key PEM: {e}")))?;
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        use std::io::Write;
        let tmp = path.with_extension("tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(pem.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)
    })
    .await
    .map_err(Error::internal)?
    .map_err(|e| Error::internal(format!("writing the badge key file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thumbprint_is_rfc_8037s_example() {
        // RFC 8037, appendix A.3: the thumbprint of the example Ed25519 public key.
        assert_eq!(
            thumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
