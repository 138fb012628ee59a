//! Anonymous readers: the home page, the catalogue, a course, its lessons, and a certificate
//! verified by its code (page and API), one after another with a short pause.
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::session::Session;
use super::tally::Tally;
use crate::target::Target;

/// What readers read.
#[derive(Clone, Debug)]
pub struct Reading {
    pub course: String,
    pub lessons: u32,
    pub certificate: String,
}

impl Reading {
    /// The pages of one round, each with its kind.
    pub fn round(&self, t: &Target, lesson: u32) -> Vec<(&'static str, String)> {
        let c = &self.course;
        vec![
            ("reader home", t.join("/")),
            ("reader catalogue", t.join("/khoa-hoc")),
            ("reader course", t.join(&format!("/khoa-hoc/{c}"))),
            (
                "reader lesson",
                t.join(&format!("/khoa-hoc/{c}/bai/{lesson}")),
            ),
            ("reader courses api", t.join("/api/v1/courses")),
            (
                "reader certificate",
                t.join(&format!("/xac-minh/{}", self.certificate)),
            ),
            (
                "reader certificate api",
                t.join(&format!("/api/v1/certificates/{}", self.certificate)),
            ),
        ]
    }
}

/// One reader until `end`, pausing `pause` after each page.
pub async fn run(t: Target, tally: Arc<Tally>, reading: Reading, pause: Duration, end: Instant) {
    let mut me = Session::new(&t, tally);
    for n in 0u32.. {
        let lesson = n % reading.lessons.max(1) + 1;
        for (kind, path) in reading.round(&t, lesson) {
            if Instant::now() >= end {
                return;
            }
            me.get(kind, &path).await;
            tokio::time::sleep(pause).await;
        }
    }
}
