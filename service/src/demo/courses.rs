//! The demo courses of `seed-demo`, written in `content/courses/` and built into the binary.
use domain::learning::content::parse_course;
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::{Error, Result, author::authoring};

pub const COURSES: [(&str, &str); 3] = [
    (
        "KNS-DC-01.md",
        include_str!("../../../content/courses/KNS-DC-01.md"),
    ),
    (
        "KNS-CC-01.md",
        include_str!("../../../content/courses/KNS-CC-01.md"),
    ),
    (
        "KNS-AT-01.md",
        include_str!("../../../content/courses/KNS-AT-01.md"),
    ),
];

/// The course the demo's second province made for its residents (a province's own course).
pub const PROVINCE_COURSE: (&str, &str) = (
    "BS-DVC-01.md",
    include_str!("../../../content/courses/province/BS-DVC-01.md"),
);

/// Stores the demo courses, published; running it again brings them up to date in place.
pub async fn seed(db: &(impl ConnectionTrait + TransactionTrait)) -> Result<()> {
    let txn = db.begin().await?;
    for (file, text) in COURSES {
        let src = parse_course(text).map_err(|e| Error::internal(format!("{file}: {e}")))?;
        authoring::upsert_course(&txn, &src, None, true).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Stores the province's own demo course, published.
pub async fn seed_province_course(
    db: &(impl ConnectionTrait + TransactionTrait),
    province: i32,
) -> Result<()> {
    let (file, text) = PROVINCE_COURSE;
    let src = parse_course(text).map_err(|e| Error::internal(format!("{file}: {e}")))?;
    let txn = db.begin().await?;
    authoring::upsert_course(&txn, &src, Some(province), true).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_course_reads_and_has_six_lessons_or_more() {
        for (file, text) in COURSES {
            let c = parse_course(text).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(c.lessons.len() >= 6, "{file}: {} lessons", c.lessons.len());
            assert!(!c.competences.is_empty(), "{file}");
            for l in &c.lessons {
                let words = l.body.split_whitespace().count();
                assert!(words >= 150, "{file}: '{}' has {words} words", l.title);
            }
        }
    }

    #[test]
    fn the_province_course_reads_with_three_full_lessons() {
        let (file, text) = PROVINCE_COURSE;
        let c = parse_course(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(c.lessons.len(), 3, "{file}");
        for l in &c.lessons {
            let words = l.body.split_whitespace().count();
            assert!(words >= 150, "{file}: '{}' has {words} words", l.title);
        }
    }
}
