//! Password hashing with argon2id, off the async threads and bounded by the cores.
//!
//! The queue is bounded too: at most [`QUEUED_PER_THREAD`] jobs per thread wait or run, and
//! one more is refused at once ([`Error::Busy`], a 503 with Retry-After) rather than queued
//! without end while every waiting request holds a connection and its memory.
//!
//! The work runs on one dedicated thread per core rather than tokio's blocking pool, and each
//! thread keeps argon2's 19 MiB working memory for reuse: allocating it per hash, spread over
//! the blocking pool's many threads, grew the server to hundreds of MiB under a login storm.
use std::cell::RefCell;
use std::sync::{Arc, Mutex, mpsc};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OnceCell, Semaphore, oneshot};

use crate::{Error, Result};

/// Hashes and verifies passwords; cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Passwords {
    jobs: mpsc::Sender<Job>,
    /// One permit per job that may wait or run; a job holds its permit until it is done.
    slots: Arc<Semaphore>,
    dummy: Arc<OnceCell<String>>,
}

/// Jobs per hashing thread that may wait or run at once: a few hundred milliseconds of work.
pub const QUEUED_PER_THREAD: usize = 8;

type Job = Box<dyn FnOnce() + Send>;

impl Passwords {
    /// `parallel` hashes at most at once: more would only queue on the cores and eat memory
    /// (each argon2 run holds 19 MiB). The threads end when the last clone is dropped.
    pub fn new(parallel: usize) -> Self {
        Self::with_queue(parallel, parallel.max(1) * QUEUED_PER_THREAD)
    }

    /// As [`Passwords::new`], with at most `queued` jobs waiting or running at once.
    pub(crate) fn with_queue(parallel: usize, queued: usize) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..parallel.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || work(&queue))
                .expect("a password hashing thread can start");
        }
        Self {
            jobs,
            slots: Arc::new(Semaphore::new(queued.max(1))),
            dummy: Arc::new(OnceCell::new()),
        }
    }

    pub fn for_this_machine() -> Self {
        Self::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        )
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
        let hash = self
            .dummy
            .get_or_try_init(|| self.hash("dummy password for timing"))
            .await?;
        Ok(hash.clone())
    }

    /// Runs `job` on a hashing thread, or refuses at once with [`Error::Busy`] when the queue
    /// is full.
    async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let slot = Arc::clone(&self.slots)
            .try_acquire_owned()
            .map_err(|_| Error::Busy)?;
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let out = job();
            // The slot is free before the caller hears back, so a caller that goes on to
            // hash again never finds its own finished job still holding a place.
            drop(slot);
            let _ = done.send(out);
        });
        self.jobs
            .send(job)
            .map_err(|_| Error::internal("password threads stopped"))?;
        result
            .await
            .map_err(|_| Error::internal("password job dropped"))
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

thread_local! {
    /// argon2's 19 MiB working memory, kept by each hashing thread and reused for every hash,
    /// so hashing allocates nothing and memory stays flat whatever the login rate.
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

fn run_argon2(
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let count = params.block_count();
    BLOCKS.with(|cell| {
        let mut blocks = cell.borrow_mut();
        if blocks.len() < count {
            blocks.resize(count, Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut blocks[..count])
    })
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::internal(e.to_string())
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) with the crate's default cost.
fn hash_blocking(password: &str) -> Result<String> {
    let params = Params::default();
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_buf).map_err(internal)?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    run_argon2(&params, password.as_bytes(), salt_bytes, &mut out).map_err(internal)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(u32::from(Version::V0x13)),
        params: ParamsString::try_from(&params).map_err(internal)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(internal)?),
    };
    Ok(phc.to_string())
}

/// Checks a password against a stored argon2id PHC string, with the cost written in it.
fn verify_blocking(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return false;
    }
    let (Ok(params), Some(salt), Some(expected)) =
        (Params::try_from(&parsed), parsed.salt, parsed.hash)
    else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    // Output's equality is constant-time.
    run_argon2(&params, password.as_bytes(), salt_bytes, &mut out).is_ok()
        && Output::new(&out).is_ok_and(|o| o == expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let pw = Passwords::new(2);
        let hash = pw.hash("một mật khẩu dài").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(pw.verify("một mật khẩu dài", Some(&hash)).await.unwrap());
        assert!(!pw.verify("mot mat khau dai", Some(&hash)).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crate_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let pw = Passwords::new(1);
        let ours = pw.hash("mật khẩu chung 2026").await.unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password("mật khẩu chung 2026".as_bytes(), &parsed)
                .is_ok()
        );
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"mat khau cua crate", &salt)
            .unwrap()
            .to_string();
        assert!(
            pw.verify("mat khau cua crate", Some(&theirs))
                .await
                .unwrap()
        );
        assert!(!pw.verify("mat khau khac", Some(&theirs)).await.unwrap());
        assert!(!pw.verify("x", Some("not a phc string")).await.unwrap());
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let pw = Passwords::with_queue(1, 2);
        let hash = pw.hash("mot mat khau").await.unwrap();
        let (gate, wait) = std::sync::mpsc::channel::<()>();
        // One job holds the thread, one waits: the queue of two is full.
        let held = pw.run(move || wait.recv().ok());
        let queued = pw.verify("mot mat khau", Some(&hash));
        let started = std::time::Instant::now();
        let (held, queued, refused) = tokio::join!(held, queued, async {
            tokio::task::yield_now().await;
            let refused = pw.verify("mot mat khau", Some(&hash)).await;
            gate.send(()).unwrap();
            refused
        });
        assert!(matches!(refused, Err(Error::Busy)), "{refused:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(held.unwrap(), Some(()));
        assert!(queued.unwrap());
        // Once the queue drains, work is taken again.
        assert!(pw.verify("mot mat khau", Some(&hash)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies() {
        let pw = Passwords::new(1);
        assert!(!pw.verify("dummy password for timing", None).await.unwrap());
    }
}
