//! The worker that makes spoken lessons: it sweeps once at start, then takes the queue one
//! lesson at a time (speech is made off the async threads, one at a time, so a large course
//! published never takes the server's cores from the learners).
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;

use super::store::{self, Job};
use super::synth::Voice;

pub struct Worker {
    db: DatabaseConnection,
    voice: Voice,
    poll: Duration,
}

impl Worker {
    pub fn new(db: DatabaseConnection, voice: Voice, poll: Duration) -> Self {
        Worker { db, voice, poll }
    }

    /// Runs until its task is stopped.
    pub async fn run(self) {
        if let Err(e) = store::sweep(&self.db).await {
            tracing::warn!(target: "speech", error = %e, "speech sweep failed");
        }
        loop {
            match store::claim(&self.db).await {
                Ok(Some(job)) => self.make(job).await,
                Ok(None) => tokio::time::sleep(self.poll).await,
                Err(e) => {
                    tracing::warn!(target: "speech", error = %e, "speech queue unreadable");
                    tokio::time::sleep(self.poll).await;
                }
            }
        }
    }

    async fn make(&self, job: Job) {
        let started = Instant::now();
        let made = match store::made_before(&self.db, &job).await {
            Ok(Some(clip)) => Ok(clip),
            _ => {
                let (voice, text) = (self.voice.clone(), job.text.clone());
                tokio::task::spawn_blocking(move || voice.speak(&text))
                    .await
                    .unwrap_or_else(|e| Err(format!("speech task failed: {e}")))
            }
        };
        let making_ms = started.elapsed().as_millis() as i64;
        match &made {
            Ok(clip) => {
                tracing::info!(target: "speech", lesson = job.lesson_id, bytes = clip.mp3.len(),
                duration_ms = clip.duration_ms, making_ms, "lesson read aloud")
            }
            Err(why) => {
                tracing::warn!(target: "speech", lesson = job.lesson_id, error = %why, "speech failed")
            }
        }
        if let Err(e) = store::finish(&self.db, &job, made, making_ms).await {
            tracing::warn!(target: "speech", error = %e, "speech not saved");
        }
    }
}
