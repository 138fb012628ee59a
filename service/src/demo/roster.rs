//! The demo province's staff: a few dozen people in the demo units with assignments, a mover,
//! a leaver, contract staff, and trainings and assessments spread over the past year, so the
//! dashboard has something true to show. Deterministic and written once.
use chrono::{Days, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::entity::{assessment_result, assignment, person, training_record, user};
use crate::{Result, hr::units};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Thu"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Long", "My", "Nam", "Oanh",
    "Phúc", "Quyên", "Sơn", "Tâm", "Uyên", "Việt", "Xuân", "Yến",
];

/// (unit code, people in it)
const STAFFING: &[(&str, usize)] = &[
    ("T-VPUB", 8),
    ("T-SNV", 8),
    ("T-SKHCN", 6),
    ("T-SKHCN-CDS", 6),
    ("T-SYT", 8),
    ("X-HOABINH", 8),
    ("X-ANPHU", 8),
    ("X-TANLAP", 6),
    ("X-HONNGOC", 6),
];

const KINDS: &[&str] = &[
    "cong_chuc",
    "cong_chuc",
    "can_bo",
    "vien_chuc",
    "cong_chuc",
    "khac",
];

/// One demo person: everything derives from their number and province.
struct Demo {
    n: usize,
    province: i32,
}

impl Demo {
    fn code(&self) -> String {
        format!("DEMO-{:03}", self.n)
    }

    fn name(&self) -> String {
        let n = self.n;
        format!(
            "{} {} {}",
            FAMILY[n % FAMILY.len()],
            MIDDLE[(n / 3) % MIDDLE.len()],
            GIVEN[(n * 7) % GIVEN.len()]
        )
    }

    fn kind(&self) -> &'static str {
        KINDS[self.n % KINDS.len()]
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid demo date")
}

/// Adds the demo staff unless they are there already.
pub async fn seed(db: &(impl ConnectionTrait + TransactionTrait), today: NaiveDate) -> Result<()> {
    let exists = person::Entity::find()
        .filter(person::Column::StaffCode.eq("DEMO-001"))
        .one(db)
        .await?;
    if exists.is_some() {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut n = 0;
    for (unit_code, count) in STAFFING {
        let unit = units::find_by_code(&txn, Some(crate::province::FIRST), unit_code)
            .await?
            .ok_or(crate::Error::NotFound)?;
        for _ in 0..*count {
            n += 1;
            let d = Demo {
                n,
                province: crate::province::FIRST,
            };
            add_person(&txn, &d, unit.id, today).await?;
        }
    }
    link_hr_officer(&txn).await?;
    refresh_first_dates(&txn, crate::province::FIRST).await?;
    txn.commit().await?;
    Ok(())
}

/// The first dates of every person of the province, once their records are written.
async fn refresh_first_dates(db: &impl ConnectionTrait, province: i32) -> Result<()> {
    let ids: Vec<i32> = person::Entity::find()
        .filter(person::Column::ProvinceId.eq(province))
        .all(db)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    crate::hr::first_dates::refresh(db, &ids).await
}

async fn add_person(
    db: &impl ConnectionTrait,
    d: &Demo,
    unit_id: i32,
    today: NaiveDate,
) -> Result<()> {
    let p = person::ActiveModel {
        staff_code: Set(d.code()),
        full_name: Set(d.name()),
        personal_id: Set(Some(format!(
            "0{:02}0{:08}",
            1 + d.n % 95,
            19_850_000 + d.n * 37
        ))),
        email: Set(Some(format!("demo{:03}@hocvuso.example", d.n))),
        phone: Set(None),
        user_id: Set(None),
        province_id: Set(d.province),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let start = day(2023, 1 + (d.n % 12) as u32, 1);
    // Every ninth person left at the end of 2025: they count before, not after.
    let end = d.n.is_multiple_of(9).then(|| day(2026, 1, 1));
    assignment::ActiveModel {
        person_id: Set(p.id),
        unit_id: Set(unit_id),
        kind: Set(d.kind().to_owned()),
        start_date: Set(start),
        end_date: Set(end),
        ..Default::default()
    }
    .insert(db)
    .await?;
    add_records(db, d, p.id, today).await
}

/// The staff of a smaller province: `count` people from number `first` on, spread over its
/// units in turn; written once, with the same records as the first province's.
pub(crate) async fn seed_province(
    db: &(impl ConnectionTrait + TransactionTrait),
    province: i32,
    unit_codes: &[&str],
    first: usize,
    count: usize,
    today: NaiveDate,
) -> Result<()> {
    let txn = db.begin().await?;
    let mut units = Vec::new();
    for code in unit_codes {
        let unit = units::find_by_code(&txn, Some(province), code)
            .await?
            .ok_or(crate::Error::NotFound)?;
        units.push(unit.id);
    }
    for (i, n) in (first..first + count).enumerate() {
        let d = Demo { n, province };
        add_person(&txn, &d, units[i % units.len()], today).await?;
    }
    refresh_first_dates(&txn, province).await?;
    txn.commit().await?;
    Ok(())
}

/// Two in three people trained, at dates spread over the past year; one in three passed the
/// mastery assessment, and a few took it and failed.
async fn add_records(
    db: &impl ConnectionTrait,
    d: &Demo,
    person_id: i32,
    today: NaiveDate,
) -> Result<()> {
    let back = |days: usize| {
        today
            .checked_sub_days(Days::new(days as u64))
            .unwrap_or(today)
    };
    if !d.n.is_multiple_of(3) {
        training_record::ActiveModel {
            person_id: Set(person_id),
            programme_code: Set(if d.n.is_multiple_of(2) {
                "KNS-CC-01"
            } else {
                "KNS-AT-01"
            }
            .to_owned()),
            completed_on: Set(back((d.n * 29) % 360)),
            mode: Set(if d.n.is_multiple_of(4) {
                "truc_tiep"
            } else {
                "truc_tuyen"
            }
            .to_owned()),
            note: Set(None),
            source: Set("import".to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if d.n % 3 == 1 || d.n.is_multiple_of(7) {
        let passed = !d.n.is_multiple_of(7);
        assessment_result::ActiveModel {
            person_id: Set(person_id),
            assessment_code: Set("DG-LCKNS-2026".to_owned()),
            taken_on: Set(back((d.n * 17) % 300)),
            score: Set(if passed {
                80.0 + (d.n % 20) as f64
            } else {
                62.5
            }),
            passed: Set(passed),
            note: Set(None),
            source: Set("import".to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The demo hr officer is on the roster of their own department, linked to their account.
async fn link_hr_officer(db: &impl ConnectionTrait) -> Result<()> {
    let Some(officer) = user::Entity::find()
        .filter(user::Column::Login.eq("nhansu"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let unit = units::find_by_code(db, Some(crate::province::FIRST), "T-SKHCN")
        .await?
        .ok_or(crate::Error::NotFound)?;
    let p = person::ActiveModel {
        staff_code: Set("SKHCN-0001".to_owned()),
        full_name: Set(officer.full_name.clone()),
        personal_id: Set(None),
        email: Set(None),
        phone: Set(None),
        user_id: Set(Some(officer.id)),
        province_id: Set(crate::province::FIRST),
        ..Default::default()
    }
    .insert(db)
    .await?;
    assignment::ActiveModel {
        person_id: Set(p.id),
        unit_id: Set(unit.id),
        kind: Set("cong_chuc".to_owned()),
        start_date: Set(day(2020, 3, 1)),
        end_date: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_people_have_plausible_names_and_twelve_digit_ids() {
        let d = Demo {
            n: 7,
            province: crate::province::FIRST,
        };
        assert_eq!(d.name().split(' ').count(), 3);
        assert_eq!(d.code(), "DEMO-007");
        let id = format!("0{:02}0{:08}", 1 + d.n % 95, 19_850_000 + d.n * 37);
        assert_eq!(id.len(), 12);
    }
}
