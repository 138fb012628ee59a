//! "Known device" marks. After a successful sign-in the browser keeps a long-lived cookie
//! `user.device.signature`: the account's id, a random device id, and an HMAC-SHA256 of both
//! under a key the server makes once and keeps in the database (table `server_keys`), so every
//! process agrees and a restart forgets no device. A device that proves it signed in to an
//! account before is not held by that account's lock (someone else's guesses), only by its own.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use sha2_hmac::Sha256;

use crate::entity::server_key;
use crate::{Error, Result, now};

/// How long a browser stays a known device without signing in again.
pub const MARK_MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;
const KEY_NAME: &str = "device_mark";

/// The key that signs device marks.
#[derive(Clone)]
pub struct DeviceKey([u8; 32]);

/// The key, made on first use; two processes making it at once agree on the first one written.
pub async fn key(db: &impl ConnectionTrait) -> Result<DeviceKey> {
    if let Some(k) = stored_key(db).await? {
        return Ok(k);
    }
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    let row = server_key::ActiveModel {
        name: Set(KEY_NAME.to_owned()),
        value: Set(URL_SAFE_NO_PAD.encode(fresh)),
        created_at: Set(now()),
    };
    server_key::Entity::insert(row)
        .on_conflict_do_nothing_on([server_key::Column::Name])
        .exec_without_returning(db)
        .await?;
    stored_key(db)
        .await?
        .ok_or_else(|| Error::internal("the device key was not kept"))
}

async fn stored_key(db: &impl ConnectionTrait) -> Result<Option<DeviceKey>> {
    let Some(row) = server_key::Entity::find_by_id(KEY_NAME).one(db).await? else {
        return Ok(None);
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(&row.value)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| Error::internal("the device key is malformed"))?;
    Ok(Some(DeviceKey(bytes)))
}

impl DeviceKey {
    fn mac(&self, user_id: i32, device: &str) -> Hmac<Sha256> {
        let mut mac =
            <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(format!("device-mark:{user_id}:{device}").as_bytes());
        mac
    }

    /// The device id a mark proves for `user_id`, if its signature holds.
    pub fn verify(&self, mark: &str, user_id: i32) -> Option<String> {
        let mut parts = mark.splitn(3, '.');
        let (user, device, signature) = (parts.next()?, parts.next()?, parts.next()?);
        if user.parse::<i32>().ok()? != user_id || device.is_empty() || device.len() > 64 {
            return None;
        }
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        // verify_slice compares in constant time.
        self.mac(user_id, device)
            .verify_slice(&signature)
            .ok()
            .map(|()| device.to_owned())
    }

    /// A mark for `user_id` on `device`.
    pub fn sign(&self, user_id: i32, device: &str) -> String {
        let signature = self.mac(user_id, device).finalize().into_bytes();
        format!("{user_id}.{device}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// The mark to give a browser that just signed in to `user_id`: the same device id when it
    /// already proved one for this account, a new one otherwise.
    pub fn mark_after_sign_in(&self, user_id: i32, known: Option<&str>) -> String {
        match known {
            Some(device) => self.sign(user_id, device),
            None => self.sign(user_id, &new_device_id()),
        }
    }
}

/// 128 random bits, URL-safe.
fn new_device_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_proves_its_device_for_its_account_only() {
        let key = DeviceKey([7; 32]);
        let mark = key.mark_after_sign_in(5, None);
        let device = key.verify(&mark, 5).expect("its own mark");
        assert_eq!(key.mark_after_sign_in(5, Some(&device)), mark);
        assert_eq!(key.verify(&mark, 6), None, "another account");
        assert_eq!(DeviceKey([8; 32]).verify(&mark, 5), None, "another key");
        let forged = mark.replacen(&device, "AAAAAAAAAAAAAAAAAAAAAA", 1);
        assert_eq!(key.verify(&forged, 5), None);
        assert_eq!(key.verify("5.x", 5), None);
        assert_eq!(key.verify("", 5), None);
    }
}
