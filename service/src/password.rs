//! Password hashing with argon2id, off the async threads and bounded by the cores.
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::Argon2;
use tokio::sync::{OnceCell, Semaphore};

use crate::{Error, Result};

/// Hashes and verifies passwords; cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    dummy: Arc<OnceCell<String>>,
}

impl Passwords {
    /// `parallel` hashes at most at once: more would only queue on the cores and eat memory
    /// (each argon2 run holds 19 MiB).
    pub fn new(parallel: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(parallel.max(1))), dummy: Arc::new(OnceCell::new()) }
    }

    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2))
    }

    pub async fn hash(&self, password: &str) -> Result<String> {
        let password = password.to_owned();
        self.run(move || hash_blocking(&password)).await?
    }

    /// Verifies against `stored`, or against a dummy hash when there is no account,
    /// so that the answer takes as long either way.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool> {
        let hash = match stored {
            Some(h) => h.to_owned(),
            None => self.dummy_hash().await?,
        };
        let password = password.to_owned();
        let ok = self.run(move || verify_blocking(&password, &hash)).await?;
        Ok(ok && stored.is_some())
    }

    async fn dummy_hash(&self) -> Result<String> {
        let hash = self.dummy.get_or_try_init(|| self.hash("dummy password for timing")).await?;
        Ok(hash.clone())
    }

    async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let _permit = self.permits.acquire().await.map_err(|e| Error::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(job).await.map_err(|e| Error::Internal(e.to_string()))
    }
}

fn hash_blocking(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(e.to_string()))
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let pw = Passwords::new(2);
        let hash = pw.hash("một mật khẩu dài").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(pw.verify("một mật khẩu dài", Some(&hash)).await.unwrap());
        assert!(!pw.verify("mot mat khau dai", Some(&hash)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies() {
        let pw = Passwords::new(1);
        assert!(!pw.verify("dummy password for timing", None).await.unwrap());
    }
}
