//! The nation: each province's four files generated, its units imported by the national admin;
//! the largest province, loaded last, through the product's import path (one transaction per
//! file, every rule checked, timed: the 100,000-row roster), the others through the bulk path
//! (`super::bulk`). A province whose last file is in already is skipped, so an interrupted load
//! goes on where it stopped.
use std::path::Path;

use anyhow::{Context, Result};
use domain::exchange::Format;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use service::access::authz::Actor;

use crate::province::data::{self, Size};
use crate::province::imports::{self, Timed};

/// The province every database has from its first migration (`m0025`).
const FIRST_CODE: &str = "TINH";

/// One province of the nation and how big it is.
#[derive(Debug, Clone)]
pub struct Share {
    pub code: String,
    pub name: String,
    pub size: Size,
}

/// How the nation is split: the last province is the largest (its roster file has about
/// `largest_rows` rows, a mover taking two), the others share the rest of the people unevenly
/// (from half to one and a half times the mean), and communes and records follow the people.
pub fn shares(
    provinces: usize,
    communes: usize,
    people: usize,
    records: usize,
    largest_rows: usize,
) -> Vec<Share> {
    let largest = (largest_rows * 100 / 105).min(people);
    let weights: Vec<usize> = (0..provinces.saturating_sub(1))
        .map(|i| 50 + (i * 37) % 101)
        .collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    let rest = people - largest;
    let mut staff: Vec<usize> = weights.iter().map(|w| rest * w / total).collect();
    staff.push(largest);
    let counted: usize = staff.iter().sum();
    staff[0] += people - counted;
    let mut out = Vec::with_capacity(provinces);
    let mut communes_left = communes;
    for (i, &s) in staff.iter().enumerate() {
        let last = i + 1 == staff.len();
        let c = if last {
            communes_left
        } else {
            (communes * s / people.max(1)).clamp(1, communes_left)
        };
        communes_left -= c;
        out.push(Share {
            code: code(i),
            name: format!("Tỉnh đo tải {:02}", i + 1),
            size: Size {
                communes: c,
                staff: s,
                records: (records as u128 * s as u128 / people.max(1) as u128) as usize,
                seed: data::SEED + i as u64,
            },
        });
    }
    out
}

/// `TINH` (the first, from the migration), then `T02`, `T03`, …
pub fn code(i: usize) -> String {
    if i == 0 {
        FIRST_CODE.to_owned()
    } else {
        format!("T{:02}", i + 1)
    }
}

/// One province loaded in this run: through the import path (its four files timed), or
/// through the bulk path (its units imported, the rest in so many seconds).
pub struct Loaded {
    pub code: String,
    pub imports: Vec<Timed>,
    pub bulk_seconds: Option<f64>,
}

/// Loads every province not loaded yet, the last (the largest) through the import path and
/// the others through the bulk path unless `imports_only`; then brings the planner's
/// statistics up to date.
pub async fn load(
    db: &DatabaseConnection,
    admin: &Actor,
    shares: &[Share],
    dir: &Path,
    imports_only: bool,
) -> Result<Vec<Loaded>> {
    let mut loaded = Vec::new();
    let started = std::time::Instant::now();
    for (i, share) in shares.iter().enumerate() {
        ensure_province(db, admin, share).await?;
        if is_loaded(db, &share.code).await? {
            continue;
        }
        let by_import = imports_only || i + 1 == shares.len();
        let one = load_one(db, admin, share, &dir.join(&share.code), by_import).await?;
        println!(
            "  {} ({}/{}, {}): {} people in {:.0} s; {:.0} s so far",
            share.code,
            i + 1,
            shares.len(),
            if by_import {
                "import path"
            } else {
                "bulk path"
            },
            share.size.staff,
            one.bulk_seconds
                .unwrap_or_else(|| one.imports.iter().map(|t| t.seconds).sum::<f64>()),
            started.elapsed().as_secs_f64()
        );
        loaded.push(one);
    }
    if !loaded.is_empty() {
        println!("  VACUUM ANALYZE …");
        db.execute_unprepared("VACUUM ANALYZE").await?;
    }
    Ok(loaded)
}

async fn load_one(
    db: &DatabaseConnection,
    admin: &Actor,
    share: &Share,
    dir: &Path,
    by_import: bool,
) -> Result<Loaded> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let files = data::generate(dir, share.size)?;
    let mut steps = vec![("units", Format::Units, &files.units.0)];
    if by_import {
        steps.extend([
            ("roster", Format::Roster, &files.roster.0),
            ("training", Format::Training, &files.training.0),
            ("assessments", Format::Assessment, &files.assessments.0),
        ]);
    }
    let mut imports = Vec::new();
    for (name, format, path) in steps {
        let t = imports::timed(db, admin, Some(&share.code), name, format, path).await;
        imports.push(t.with_context(|| format!("{}: {name}", share.code))?);
    }
    let mut bulk_seconds = None;
    if !by_import {
        let started = std::time::Instant::now();
        let province = service::province::find_by_code(db, &share.code)
            .await?
            .context("the province")?;
        super::bulk::load(db, province.id, &files)
            .await
            .with_context(|| format!("{}: the bulk path", share.code))?;
        bulk_seconds = Some(started.elapsed().as_secs_f64());
    }
    std::fs::remove_dir_all(dir).ok();
    Ok(Loaded {
        code: share.code.clone(),
        imports,
        bulk_seconds,
    })
}

/// Creates the province through the service unless it exists.
async fn ensure_province(db: &DatabaseConnection, admin: &Actor, share: &Share) -> Result<()> {
    if service::province::find_by_code(db, &share.code)
        .await?
        .is_none()
    {
        service::province::create(db, admin, &share.code, &share.name).await?;
    }
    Ok(())
}

/// Whether the province's last file (its assessment results) is in.
async fn is_loaded(db: &DatabaseConnection, code: &str) -> Result<bool> {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM assessment_results r \
        JOIN people p ON p.id = r.person_id JOIN provinces v ON v.id = p.province_id \
        WHERE v.code = $1 LIMIT 1";
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            [code.into()],
        ))
        .await?
        .context("a count")?;
    Ok(row.try_get::<i64>("", "n")? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nation_adds_up_and_the_largest_comes_last() {
        let s = shares(34, 3321, 2_000_000, 20_000_000, 100_000);
        assert_eq!(s.len(), 34);
        assert_eq!(s.iter().map(|x| x.size.staff).sum::<usize>(), 2_000_000);
        assert_eq!(s.iter().map(|x| x.size.communes).sum::<usize>(), 3321);
        let records: usize = s.iter().map(|x| x.size.records).sum();
        assert!((19_990_000..=20_000_000).contains(&records), "{records}");
        let last = &s[33];
        assert_eq!(last.size.staff, 95_238);
        assert!(s[..33].iter().all(|x| x.size.staff < last.size.staff));
        assert!(s.iter().all(|x| x.size.communes >= 1));
        assert_eq!(s[0].code, "TINH");
        assert_eq!(s[1].code, "T02");
        let seeds: std::collections::HashSet<u64> = s.iter().map(|x| x.size.seed).collect();
        assert_eq!(seeds.len(), 34, "each province its own people");
    }
}
