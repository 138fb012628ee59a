//! A deterministic province: units, roster, training records and assessment results, written as
//! the SPEC's CSV files (rows are streamed to disk, never held in memory).
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{Duration, NaiveDate};

use super::names::{self, ASSESSMENTS, DEPARTMENTS, PROGRAMMES, Rng};

/// How big a province to make.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub communes: usize,
    pub staff: usize,
    /// Training records and assessment results together, about.
    pub records: usize,
    /// The generator's seed: the same seed makes the same files.
    pub seed: u64,
}

/// The four files, with their data-row counts.
pub struct DataSet {
    pub units: (PathBuf, usize),
    pub roster: (PathBuf, usize),
    pub training: (PathBuf, usize),
    pub assessments: (PathBuf, usize),
}

/// The province bench's seed.
pub const SEED: u64 = 20_250_701;

pub fn generate(dir: &Path, size: Size) -> Result<DataSet> {
    let mut rng = Rng::new(size.seed);
    let (units_path, units) = write_units(dir, size.communes)?;
    let people = people(&mut rng, &units, size.staff);
    let roster = write_roster(dir, &units, &people)?;
    let per_person = size.records as f64 / size.staff.max(1) as f64;
    let training = write_training(dir, &mut rng, size.staff, per_person * 0.6)?;
    let assessments = write_assessments(dir, &mut rng, size.staff, per_person * 0.4)?;
    Ok(DataSet {
        units: (units_path, units.len()),
        roster,
        training,
        assessments,
    })
}

/// A unit: code and level, as people are placed in them.
struct Unit {
    code: String,
    commune: bool,
}

fn create(dir: &Path, name: &str, header: &str) -> Result<(PathBuf, BufWriter<File>)> {
    let path = dir.join(name);
    let mut out = BufWriter::new(File::create(&path)?);
    writeln!(out, "{header}")?;
    Ok((path, out))
}

/// Departments (`tinh`, top level) with their sub-units, and communes (`xa`, top level).
fn write_units(dir: &Path, communes: usize) -> Result<(PathBuf, Vec<Unit>)> {
    let (path, mut out) = create(dir, "don_vi.csv", "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha")?;
    let mut units = Vec::new();
    for (code, name, subs) in DEPARTMENTS {
        writeln!(out, "{code},{name},tinh,")?;
        units.push(Unit {
            code: (*code).to_owned(),
            commune: false,
        });
        for (sub, sub_name) in *subs {
            writeln!(out, "{sub},{sub_name},tinh,{code}")?;
            units.push(Unit {
                code: (*sub).to_owned(),
                commune: false,
            });
        }
    }
    for i in 0..communes {
        // Five-digit codes like those of the national list of administrative units.
        let code = format!("X{:05}", 25_000 + i * 7);
        writeln!(out, "{code},{},xa,", names::commune_name(i))?;
        units.push(Unit {
            code,
            commune: true,
        });
    }
    out.flush()?;
    Ok((path, units))
}

/// One person: where and as what they work, and whether they moved or left.
struct Person {
    code: String,
    name: String,
    kind: &'static str,
    unit: usize,
    start: NaiveDate,
    /// A move to another unit on a date, or leaving on a date.
    change: Change,
    personal_id: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

enum Change {
    None,
    Moved(NaiveDate, usize),
    Left(NaiveDate),
}

fn day(rng: &mut Rng, from: NaiveDate, days: u64) -> NaiveDate {
    from + Duration::days(rng.below(days) as i64)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn people(rng: &mut Rng, units: &[Unit], staff: usize) -> Vec<Person> {
    let provincial: Vec<usize> = (0..units.len()).filter(|&i| !units[i].commune).collect();
    let communes: Vec<usize> = (0..units.len()).filter(|&i| units[i].commune).collect();
    (0..staff)
        .map(|i| {
            let pool = if rng.chance(25) || communes.is_empty() {
                &provincial
            } else {
                &communes
            };
            let unit = *rng.pick(pool);
            let kind = match rng.below(100) {
                0..=19 => "can_bo",
                20..=59 => "cong_chuc",
                60..=89 => "vien_chuc",
                _ => "khac",
            };
            let start = if rng.chance(5) {
                day(rng, date(2025, 1, 1), 500)
            } else {
                day(rng, date(2012, 1, 1), 4700)
            };
            let later = day(rng, date(2025, 3, 1), 600).max(start + Duration::days(30));
            let change = match rng.below(100) {
                0..=4 => Change::Moved(later, *rng.pick(pool)),
                5..=7 => Change::Left(later),
                _ => Change::None,
            };
            let code = format!("CB{:06}", i + 1);
            let personal_id = rng.chance(80).then(|| {
                format!(
                    "0{:02}{}{:02}{:06}",
                    79,
                    rng.below(4),
                    rng.below(100),
                    rng.below(1_000_000)
                )
            });
            let email = rng
                .chance(60)
                .then(|| format!("{}@tinh.gov.vn", code.to_lowercase()));
            let phone = rng
                .chance(50)
                .then(|| format!("09{:08}", rng.below(100_000_000)));
            Person {
                code,
                name: names::person_name(rng),
                kind,
                unit,
                start,
                change,
                personal_id,
                email,
                phone,
            }
        })
        .collect()
}

/// Vietnamese headings, semicolons and DD/MM/YYYY, as Excel saves in a Vietnamese locale.
fn write_roster(dir: &Path, units: &[Unit], people: &[Person]) -> Result<(PathBuf, usize)> {
    let header = "Mã cán bộ;Họ và tên;Mã đơn vị;Loại;Ngày bắt đầu;Ngày kết thúc;Số định danh cá nhân;Email;Số điện thoại";
    let (path, mut out) = create(dir, "danh_sach.csv", header)?;
    let mut rows = 0;
    let vn = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    for p in people {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let tail = format!(
            "{};{};{}",
            opt(&p.personal_id),
            opt(&p.email),
            opt(&p.phone)
        );
        let (end, next) = match p.change {
            Change::None => (String::new(), None),
            Change::Left(d) => (vn(d), None),
            Change::Moved(d, unit) => (vn(d), Some((d, unit))),
        };
        writeln!(
            out,
            "{};{};{};{};{};{end};{tail}",
            p.code,
            p.name,
            units[p.unit].code,
            p.kind,
            vn(p.start)
        )?;
        rows += 1;
        if let Some((d, unit)) = next {
            writeln!(
                out,
                "{};{};{};{};{};;{tail}",
                p.code,
                p.name,
                units[unit].code,
                p.kind,
                vn(d)
            )?;
            rows += 1;
        }
    }
    out.flush()?;
    Ok((path, rows))
}

/// Distinct indices below `n`, about `avg` of them (never more than `n`).
fn some_of(rng: &mut Rng, n: usize, avg: f64) -> Vec<usize> {
    let k = (rng.below((2.0 * avg).round() as u64 + 1) as usize).min(n);
    let mut all: Vec<usize> = (0..n).collect();
    for i in 0..k {
        let j = i + rng.below((n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all
}

fn write_training(dir: &Path, rng: &mut Rng, staff: usize, avg: f64) -> Result<(PathBuf, usize)> {
    let (path, mut out) = create(
        dir,
        "boi_duong.csv",
        "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu",
    )?;
    let mut rows = 0;
    for i in 0..staff {
        for p in some_of(rng, PROGRAMMES.len(), avg) {
            let mode = if rng.chance(70) {
                "truc_tuyen"
            } else {
                "truc_tiep"
            };
            let note = if rng.chance(10) {
                "Lớp tập trung tại tỉnh"
            } else {
                ""
            };
            writeln!(
                out,
                "CB{:06},{},{},{mode},{note}",
                i + 1,
                PROGRAMMES[p],
                day(rng, date(2025, 1, 1), 730)
            )?;
            rows += 1;
        }
    }
    out.flush()?;
    Ok((path, rows))
}

fn write_assessments(
    dir: &Path,
    rng: &mut Rng,
    staff: usize,
    avg: f64,
) -> Result<(PathBuf, usize)> {
    let (path, mut out) = create(
        dir,
        "danh_gia.csv",
        "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat",
    )?;
    let mut rows = 0;
    for i in 0..staff {
        for a in some_of(rng, ASSESSMENTS.len(), avg) {
            let score = 30.0 + rng.below(701) as f64 / 10.0;
            let passed = if score >= 80.0 { "1" } else { "0" };
            writeln!(
                out,
                "CB{:06},{},{},{score:.1},{passed}",
                i + 1,
                ASSESSMENTS[a],
                day(rng, date(2025, 1, 1), 730)
            )?;
            rows += 1;
        }
    }
    out.flush()?;
    Ok((path, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_province_is_the_same_every_time_and_has_the_asked_size() {
        let size = Size {
            communes: 9,
            staff: 200,
            records: 2000,
            seed: SEED,
        };
        let (a, b) = (tempdir("a"), tempdir("b"));
        let (da, db) = (generate(&a, size).unwrap(), generate(&b, size).unwrap());
        for (x, y) in [
            (&da.roster.0, &db.roster.0),
            (&da.training.0, &db.training.0),
            (&da.assessments.0, &db.assessments.0),
        ] {
            assert_eq!(std::fs::read(x).unwrap(), std::fs::read(y).unwrap());
        }
        assert_eq!(da.units.1, 10 + 9);
        assert!(
            da.roster.1 > 200 && da.roster.1 < 230,
            "movers add a row: {}",
            da.roster.1
        );
        let records = da.training.1 + da.assessments.1;
        assert!((1500..2500).contains(&records), "{records}");
        let roster = std::fs::read_to_string(&da.roster.0).unwrap();
        assert!(roster.contains(";khac;"));
        std::fs::remove_dir_all(a).ok();
        std::fs::remove_dir_all(b).ok();
    }

    fn tempdir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hocvu-bench-test-{}-{tag}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
