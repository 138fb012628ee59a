//! The roster (`danh_sach`): people and their assignments, checked across the file and against the database.
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use domain::exchange::{RosterRow, RowError};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};

use super::{Context, ImportReport, assignments_of, distinct, people_by_code, units_by_code};
use crate::audit::{self, Change, Who};
use crate::entity::{assignment, person, unit};
use crate::Result;

pub(super) async fn import(ctx: Context<'_>) -> Result<ImportReport> {
    let (rows, mut errors) = ctx.parse_all(RosterRow::parse);
    let units = units_by_code(ctx.db).await?;
    check_units(&ctx, &rows, &units, &mut errors);
    check_duplicates(&rows, &mut errors);
    let codes = distinct(rows.iter().map(|r| r.staff_code.as_str()));
    let people = people_by_code(ctx.db, &codes).await?;
    let ids: Vec<i32> = people.values().map(|p| p.id).collect();
    let existing = assignments_of(ctx.db, &ids).await?;
    check_person_details(&rows, &people, &mut errors);
    check_overlaps(&rows, &people, &existing, &mut errors);
    if let Some(report) = ctx.verdict(errors) {
        return Ok(report);
    }
    let txn = ctx.db.begin().await?;
    write(&txn, ctx.actor.who(), &rows, &units, &people, &existing).await?;
    txn.commit().await?;
    Ok(ctx.accepted())
}

/// The unit must exist, and an hr officer may only place people in their own subtree.
fn check_units(ctx: &Context<'_>, rows: &[RosterRow], units: &HashMap<String, unit::Model>, errors: &mut Vec<RowError>) {
    for r in rows {
        match units.get(&r.unit_code) {
            None => errors.push(RowError::new(r.line, "ma_don_vi", "unknown_unit_code")),
            Some(u) if !ctx.in_scope(u) => errors.push(RowError::new(r.line, "ma_don_vi", "unit_out_of_scope")),
            Some(_) => {}
        }
    }
}

/// The same (staff code, start date) twice: the file says two things about one assignment.
fn check_duplicates(rows: &[RosterRow], errors: &mut Vec<RowError>) {
    let mut seen = HashMap::new();
    for r in rows {
        if seen.insert((r.staff_code.as_str(), r.start), r.line).is_some() {
            errors.push(RowError::new(r.line, "ngay_bat_dau", "duplicate_assignment"));
        }
    }
}

/// A person's details as the file gives them: the first row that fills a field fixes it.
#[derive(Default)]
struct Details<'a> {
    name: Option<&'a str>,
    personal_id: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

/// Name, ID number, email and phone must agree across a person's rows; the ID number must also
/// agree with the one recorded (a different one means the staff code names someone else).
/// Other details on file are updated by the import.
fn check_person_details(rows: &[RosterRow], people: &HashMap<String, person::Model>, errors: &mut Vec<RowError>) {
    let mut firsts: HashMap<&str, Details<'_>> = HashMap::new();
    for r in rows {
        let d = firsts.entry(r.staff_code.as_str()).or_default();
        let mut agree = |slot: &mut Option<&'_ str>, value: Option<&str>, column: &str, code: &str| {
            if let (Some(v), Some(first)) = (value, *slot)
                && first != v
            {
                errors.push(RowError::new(r.line, column, code));
            }
        };
        agree(&mut d.name, Some(&r.full_name), "ho_ten", "conflicting_name");
        agree(&mut d.personal_id, r.personal_id.as_deref(), "so_dinh_danh", "conflicting_personal_id");
        agree(&mut d.email, r.email.as_deref(), "email", "conflicting_email");
        agree(&mut d.phone, r.phone.as_deref(), "so_dien_thoai", "conflicting_phone");
        fill(&mut d.name, Some(&r.full_name));
        fill(&mut d.personal_id, r.personal_id.as_deref());
        fill(&mut d.email, r.email.as_deref());
        fill(&mut d.phone, r.phone.as_deref());
        let recorded = people.get(&r.staff_code).and_then(|p| p.personal_id.as_deref());
        if let (Some(file_id), Some(db_id)) = (r.personal_id.as_deref(), recorded)
            && file_id != db_id
        {
            errors.push(RowError::new(r.line, "so_dinh_danh", "conflicting_personal_id"));
        }
    }
}

fn fill<'a>(slot: &mut Option<&'a str>, value: Option<&'a str>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// One period of a person: its end, and the file line it comes from (`None`: recorded only).
type Periods = BTreeMap<NaiveDate, (Option<NaiveDate>, Option<usize>)>;

/// A person's periods must not overlap, counting those already recorded: a file row replaces
/// the recorded assignment with the same start date, others stand.
fn check_overlaps(
    rows: &[RosterRow],
    people: &HashMap<String, person::Model>,
    existing: &HashMap<i32, Vec<assignment::Model>>,
    errors: &mut Vec<RowError>,
) {
    let mut periods: HashMap<&str, Periods> = HashMap::new();
    for r in rows {
        let p = periods.entry(r.staff_code.as_str()).or_insert_with(|| recorded_periods(people.get(&r.staff_code), existing));
        p.insert(r.start, (r.end, Some(r.line)));
    }
    for p in periods.values() {
        overlaps(p, errors);
    }
}

fn recorded_periods(person: Option<&person::Model>, existing: &HashMap<i32, Vec<assignment::Model>>) -> Periods {
    let recorded = person.and_then(|p| existing.get(&p.id)).map(Vec::as_slice).unwrap_or_default();
    recorded.iter().map(|a| (a.start_date, (a.end_date, None))).collect()
}

/// Sorted by start, so each period need only be compared with the next: a period includes its
/// start and excludes its end, so an end equal to the next start is no overlap.
fn overlaps(periods: &Periods, errors: &mut Vec<RowError>) {
    let list: Vec<_> = periods.iter().collect();
    for pair in list.windows(2) {
        let (_, (end, line_a)) = pair[0];
        let (start_b, (_, line_b)) = pair[1];
        if end.is_none_or(|e| e > *start_b) {
            // Report on the file's row; two recorded periods that overlap are not this file's doing.
            if let Some(line) = line_b.or(*line_a) {
                errors.push(RowError::new(line, "ngay_bat_dau", "overlapping_period"));
            }
        }
    }
}

async fn write(
    db: &impl ConnectionTrait,
    actor: Who,
    rows: &[RosterRow],
    units: &HashMap<String, unit::Model>,
    people: &HashMap<String, person::Model>,
    existing: &HashMap<i32, Vec<assignment::Model>>,
) -> Result<()> {
    // Grouped once, so a file of many thousand people is not scanned once per person.
    let mut by_person: HashMap<&str, Vec<&RosterRow>> = HashMap::new();
    for r in rows {
        by_person.entry(r.staff_code.as_str()).or_default().push(r);
    }
    let mut ids: HashMap<String, i32> = HashMap::new();
    for r in rows {
        if !ids.contains_key(&r.staff_code) {
            let id = upsert_person(db, actor, &by_person[r.staff_code.as_str()], people.get(&r.staff_code)).await?;
            ids.insert(r.staff_code.clone(), id);
        }
        let person_id = ids[&r.staff_code];
        let unit_id = units[&r.unit_code].id;
        let recorded = existing.get(&person_id).and_then(|list| list.iter().find(|a| a.start_date == r.start));
        upsert_assignment(db, actor, person_id, unit_id, r, recorded).await?;
    }
    Ok(())
}

/// The person's details from all their rows (the first value of each field), over what is recorded.
fn merged(mine: &[&RosterRow], recorded: Option<&person::Model>) -> person::Model {
    let first = |f: fn(&RosterRow) -> Option<&String>| mine.iter().find_map(|r| f(r)).cloned();
    let keep = |f: fn(&person::Model) -> &Option<String>| recorded.and_then(|p| f(p).clone());
    person::Model {
        id: recorded.map_or(0, |p| p.id),
        staff_code: mine[0].staff_code.clone(),
        full_name: mine[0].full_name.clone(),
        personal_id: first(|r| r.personal_id.as_ref()).or_else(|| keep(|p| &p.personal_id)),
        email: first(|r| r.email.as_ref()).or_else(|| keep(|p| &p.email)),
        phone: first(|r| r.phone.as_ref()).or_else(|| keep(|p| &p.phone)),
        user_id: recorded.and_then(|p| p.user_id),
    }
}

async fn upsert_person(
    db: &impl ConnectionTrait,
    actor: Who,
    mine: &[&RosterRow],
    recorded: Option<&person::Model>,
) -> Result<i32> {
    let want = merged(mine, recorded);
    if recorded == Some(&want) {
        return Ok(want.id);
    }
    let active = person::ActiveModel {
        staff_code: Set(want.staff_code.clone()),
        full_name: Set(want.full_name.clone()),
        personal_id: Set(want.personal_id.clone()),
        email: Set(want.email.clone()),
        phone: Set(want.phone.clone()),
        ..Default::default()
    };
    let saved = match recorded {
        Some(p) => person::ActiveModel { id: sea_orm::Unchanged(p.id), ..active }.update(db).await?,
        None => active.insert(db).await?,
    };
    log(db, actor, "person", saved.id, recorded.and_then(audit::json), audit::json(&saved)).await?;
    Ok(saved.id)
}

async fn upsert_assignment(
    db: &impl ConnectionTrait,
    actor: Who,
    person_id: i32,
    unit_id: i32,
    r: &RosterRow,
    recorded: Option<&assignment::Model>,
) -> Result<()> {
    let want = assignment::Model {
        id: recorded.map_or(0, |a| a.id),
        person_id,
        unit_id,
        kind: r.kind.as_str().to_owned(),
        start_date: r.start,
        end_date: r.end,
    };
    if recorded == Some(&want) {
        return Ok(());
    }
    let active = assignment::ActiveModel {
        person_id: Set(person_id),
        unit_id: Set(unit_id),
        kind: Set(want.kind.clone()),
        start_date: Set(r.start),
        end_date: Set(r.end),
        ..Default::default()
    };
    let saved = match recorded {
        Some(a) => assignment::ActiveModel { id: sea_orm::Unchanged(a.id), ..active }.update(db).await?,
        None => active.insert(db).await?,
    };
    log(db, actor, "assignment", saved.id, recorded.and_then(audit::json), audit::json(&saved)).await
}

async fn log(
    db: &impl ConnectionTrait,
    actor: Who,
    kind: &str,
    id: i32,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<()> {
    let action = if before.is_some() { "import_update" } else { "import_create" };
    audit::record(db, Change { actor, action, object_kind: kind, object_id: id.to_string(), before, after }).await
}
