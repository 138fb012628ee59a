//! Password hashing with argon2id, off the async threads and bounded by the cores.
//!
//! The work runs on a few dedicated threads rather than tokio's blocking pool: each argon2 run
//! allocates 19 MiB, and glibc keeps freed memory in the arena of the thread that used it, so
//! hashing spread over the blocking pool's many threads grew the server to hundreds of MiB.
//! With one thread per core, memory stays at a few arenas.
use std::sync::{Arc, Mutex, mpsc};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::Argon2;
use tokio::sync::{OnceCell, oneshot};

use crate::{Error, Result};

/// Hashes and verifies passwords; cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Passwords {
    jobs: mpsc::Sender<Job>,
    dummy: Arc<OnceCell<String>>,
}

type Job = Box<dyn FnOnce() + Send>;

impl Passwords {
    /// `parallel` hashes at most at once: more would only queue on the cores and eat memory
    /// (each argon2 run holds 19 MiB). The threads end when the last clone is dropped.
    pub fn new(parallel: usize) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..parallel.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || work(&queue))
                .expect("a password hashing thread can start");
        }
        Self { jobs, dummy: Arc::new(OnceCell::new()) }
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
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(job());
        });
        self.jobs.send(job).map_err(|_| Error::Internal("password threads stopped".into()))?;
        result.await.map_err(|_| Error::Internal("password job dropped".into()))
    }
}

/// A hashing thread: takes jobs one at a time until every sender is gone.
fn work(queue: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        let next = queue.lock().map(|q| q.recv());
        match next {
            Ok(Ok(job)) => job(),
            _ => return,
        }
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
