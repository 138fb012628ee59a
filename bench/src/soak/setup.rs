//! What the soak prepares in the server's database through the service crate before the
//! traffic: learner accounts that sign in over HTTP (one password, hashed once), and a
//! certificate for the readers to verify.
use anyhow::{Context, Result};
use domain::certificate::CertificateKind;
use sea_orm::{DatabaseConnection, TransactionTrait};

use super::readers::Reading;

/// Creates `count` learner accounts `{prefix}-{i}` with `password`, in one transaction;
/// returns their logins and the first one's user id.
pub async fn learners(
    db: &DatabaseConnection,
    prefix: &str,
    count: usize,
    password: &str,
) -> Result<(Vec<String>, i32)> {
    let hash = service::access::password::Passwords::new(1)
        .hash(password)
        .await
        .context("hashing the learners' password")?;
    let txn = db.begin().await?;
    let mut logins = Vec::with_capacity(count);
    let mut first = None;
    for i in 0..count {
        let login = format!("{prefix}-{i:05}");
        let name = format!("Học viên đo bền {i}");
        let id = crate::learners::accounts::insert_learner(&txn, &login, &name, &hash).await?;
        first.get_or_insert(id);
        logins.push(login);
    }
    txn.commit().await?;
    Ok((logins, first.context("no learner accounts")?))
}

/// Issues `holder` the certificate of `course` and returns what readers read: the course, its
/// number of lessons, and the certificate's code.
pub async fn reading(db: &DatabaseConnection, course: &str, holder: i32) -> Result<Reading> {
    let c = service::learn::catalogue::published(db, course)
        .await
        .with_context(|| format!("the published course {course}"))?;
    let lessons = service::learn::catalogue::lessons_of(db, c.id).await?.len();
    let achievement = service::assess::certificates::Achievement {
        kind: CertificateKind::Course,
        subject_id: c.id,
        programme_code: &c.code,
        title: &c.title,
        score: None,
    };
    service::assess::certificates::issue(
        db,
        &service::xapi::Recorder::off(),
        holder,
        &achievement,
        service::today(),
    )
    .await?;
    let certificate = service::assess::certificates::of_user(db, holder)
        .await?
        .into_iter()
        .next()
        .context("the certificate just issued is not found")?
        .code;
    Ok(Reading {
        course: c.code,
        lessons: u32::try_from(lessons)?,
        certificate,
    })
}
