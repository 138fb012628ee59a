//! The roster (`danh_sach`): people and their assignments, checked across the file and against the database.
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use domain::exchange::{RosterRow, RowError};
use sea_orm::{ConnectionTrait, Set, TransactionTrait};

use super::parse::{File, Parsed};
use super::write::upsert;
use super::{
    Context, ImportReport, Phase, WRITE_CHUNK, accepted, assignments_of, distinct, people_by_code,
    units_by_code,
};
use crate::Result;
use crate::access::audit::{self, Change};
use crate::entity::{assignment, person, unit};

pub(super) async fn import(ctx: Context<'_>, file: File<'_>) -> Result<ImportReport> {
    let Parsed {
        rows,
        mut errors,
        count,
    } = match ctx.parse(file, RosterRow::parse) {
        Ok(parsed) => parsed,
        Err(report) => return Ok(report),
    };
    ctx.report(Phase::Checking, 0, count);
    let units = units_by_code(ctx.db, ctx.province).await?;
    check_units(&ctx, &rows, &units, &mut errors);
    check_duplicates(&rows, &mut errors);
    let codes = distinct(rows.iter().map(|r| r.staff_code.as_str()));
    let people = people_by_code(ctx.db, ctx.province, &codes).await?;
    let ids: Vec<i32> = people.values().map(|p| p.id).collect();
    let existing = assignments_of(ctx.db, &ids).await?;
    let rows = within_reach(&ctx, rows, &people, &existing, &units, &mut errors);
    check_person_details(&rows, &people, &mut errors);
    check_overlaps(&rows, &people, &existing, &mut errors);
    if let Some(report) = ctx.verdict(count, errors) {
        return Ok(report);
    }
    let txn = ctx.db.begin().await?;
    let recorded = Recorded {
        units: &units,
        people: &people,
        assignments: &existing,
    };
    write(&ctx, &txn, &rows, &recorded).await?;
    txn.commit().await?;
    Ok(accepted(count))
}

/// The unit must exist, and an hr officer may only place people in their own subtree.
fn check_units(
    ctx: &Context<'_>,
    rows: &[RosterRow],
    units: &HashMap<String, unit::Model>,
    errors: &mut Vec<RowError>,
) {
    for r in rows {
        match units.get(&r.unit_code) {
            None => errors.push(RowError::new(r.line, "ma_don_vi", "unknown_unit_code")),
            Some(u) if !ctx.in_scope(u) => {
                errors.push(RowError::new(r.line, "ma_don_vi", "unit_out_of_scope"))
            }
            Some(_) => {}
        }
    }
}

/// Rows about a person who has, or has had, an assignment outside the actor's subtree are
/// refused, and left out of every later check: the refusal is all the file learns of them (not
/// whether its ID number or dates match what is recorded). So are rows about a pseudonymised
/// person: an old spreadsheet must not name them again.
fn within_reach(
    ctx: &Context<'_>,
    rows: Vec<RosterRow>,
    people: &HashMap<String, person::Model>,
    existing: &HashMap<i32, Vec<assignment::Model>>,
    units: &HashMap<String, unit::Model>,
    errors: &mut Vec<RowError>,
) -> Vec<RosterRow> {
    let by_id: HashMap<i32, &unit::Model> = units.values().map(|u| (u.id, u)).collect();
    let (kept, refused): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| {
        people
            .get(&r.staff_code)
            .is_none_or(|p| super::wholly_in_scope(ctx, existing.get(&p.id), &by_id))
    });
    for r in refused {
        errors.push(RowError::new(r.line, "ma_can_bo", "staff_out_of_scope"));
    }
    let (kept, erased): (Vec<_>, Vec<_>) = kept.into_iter().partition(|r| {
        people
            .get(&r.staff_code)
            .is_none_or(|p| p.pseudonymised_at.is_none())
    });
    for r in erased {
        errors.push(RowError::new(r.line, "ma_can_bo", "staff_pseudonymised"));
    }
    kept
}

/// The same (staff code, start date) twice: the file says two things about one assignment.
fn check_duplicates(rows: &[RosterRow], errors: &mut Vec<RowError>) {
    let mut seen = HashMap::new();
    for r in rows {
        if seen
            .insert((r.staff_code.as_str(), r.start), r.line)
            .is_some()
        {
            errors.push(RowError::new(
                r.line,
                "ngay_bat_dau",
                "duplicate_assignment",
            ));
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
fn check_person_details(
    rows: &[RosterRow],
    people: &HashMap<String, person::Model>,
    errors: &mut Vec<RowError>,
) {
    let mut firsts: HashMap<&str, Details<'_>> = HashMap::new();
    for r in rows {
        let d = firsts.entry(r.staff_code.as_str()).or_default();
        let mut agree =
            |slot: &mut Option<&'_ str>, value: Option<&str>, column: &str, code: &str| {
                if let (Some(v), Some(first)) = (value, *slot)
                    && first != v
                {
                    errors.push(RowError::new(r.line, column, code));
                }
            };
        agree(
            &mut d.name,
            Some(&r.full_name),
            "ho_ten",
            "conflicting_name",
        );
        agree(
            &mut d.personal_id,
            r.personal_id.as_deref(),
            "so_dinh_danh",
            "conflicting_personal_id",
        );
        agree(
            &mut d.email,
            r.email.as_deref(),
            "email",
            "conflicting_email",
        );
        agree(
            &mut d.phone,
            r.phone.as_deref(),
            "so_dien_thoai",
            "conflicting_phone",
        );
        fill(&mut d.name, Some(&r.full_name));
        fill(&mut d.personal_id, r.personal_id.as_deref());
        fill(&mut d.email, r.email.as_deref());
        fill(&mut d.phone, r.phone.as_deref());
        let recorded = people
            .get(&r.staff_code)
            .and_then(|p| p.personal_id.as_deref());
        if let (Some(file_id), Some(db_id)) = (r.personal_id.as_deref(), recorded)
            && file_id != db_id
        {
            errors.push(RowError::new(
                r.line,
                "so_dinh_danh",
                "conflicting_personal_id",
            ));
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
        let p = periods
            .entry(r.staff_code.as_str())
            .or_insert_with(|| recorded_periods(people.get(&r.staff_code), existing));
        p.insert(r.start, (r.end, Some(r.line)));
    }
    for p in periods.values() {
        overlaps(p, errors);
    }
}

fn recorded_periods(
    person: Option<&person::Model>,
    existing: &HashMap<i32, Vec<assignment::Model>>,
) -> Periods {
    let recorded = person
        .and_then(|p| existing.get(&p.id))
        .map(Vec::as_slice)
        .unwrap_or_default();
    recorded
        .iter()
        .map(|a| (a.start_date, (a.end_date, None)))
        .collect()
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

/// What the database held before the import.
struct Recorded<'a> {
    units: &'a HashMap<String, unit::Model>,
    people: &'a HashMap<String, person::Model>,
    assignments: &'a HashMap<i32, Vec<assignment::Model>>,
}

/// Chunk by chunk of the file: the people first met in the chunk, then its assignments; only
/// what changes is written, so the same file twice writes nothing the second time.
async fn write(
    ctx: &Context<'_>,
    db: &impl ConnectionTrait,
    rows: &[RosterRow],
    recorded: &Recorded<'_>,
) -> Result<()> {
    // Grouped once, so a file of many thousand people is not scanned once per person.
    let mut by_person: HashMap<&str, Vec<&RosterRow>> = HashMap::new();
    for r in rows {
        by_person.entry(r.staff_code.as_str()).or_default().push(r);
    }
    let mut ids: HashMap<String, i32> = recorded
        .people
        .values()
        .map(|p| (p.staff_code.clone(), p.id))
        .collect();
    let mut seen = HashSet::new();
    for (i, chunk) in rows.chunks(WRITE_CHUNK).enumerate() {
        let people: Vec<person::Model> = chunk
            .iter()
            .filter(|r| seen.insert(r.staff_code.as_str()))
            .map(|r| {
                merged(
                    &by_person[r.staff_code.as_str()],
                    recorded.people.get(&r.staff_code),
                )
            })
            .filter(|want| recorded.people.get(&want.staff_code) != Some(want))
            .collect();
        let mut changes = write_people(ctx, db, people, recorded.people, &mut ids).await?;
        changes.extend(write_assignments(ctx, db, chunk, recorded, &ids).await?);
        audit::record_many(db, changes).await?;
        ctx.report(Phase::Writing, i * WRITE_CHUNK + chunk.len(), rows.len());
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
        province_id: recorded.map_or(0, |p| p.province_id),
        pseudonymised_at: None,
    }
}

/// Upserts people by staff code, noting the ids of new ones; the link to a user account is
/// never the import's to change.
async fn write_people(
    ctx: &Context<'_>,
    db: &impl ConnectionTrait,
    want: Vec<person::Model>,
    recorded: &HashMap<String, person::Model>,
    ids: &mut HashMap<String, i32>,
) -> Result<Vec<Change<'static>>> {
    let active = want.into_iter().map(|p| person::ActiveModel {
        staff_code: Set(p.staff_code),
        full_name: Set(p.full_name),
        personal_id: Set(p.personal_id),
        email: Set(p.email),
        phone: Set(p.phone),
        province_id: Set(ctx.province),
        ..Default::default()
    });
    use person::Column as C;
    let saved = upsert(
        db,
        active.collect(),
        &[C::ProvinceId, C::StaffCode],
        &[C::FullName, C::PersonalId, C::Email, C::Phone],
    )
    .await?;
    Ok(saved
        .into_iter()
        .map(|p| {
            ids.insert(p.staff_code.clone(), p.id);
            let before = recorded.get(&p.staff_code);
            change(
                ctx,
                "person",
                p.id,
                before.and_then(audit::json),
                audit::json(&p),
            )
        })
        .collect())
}

/// Upserts the chunk's assignments by (person, start date) where they differ from what is recorded.
async fn write_assignments(
    ctx: &Context<'_>,
    db: &impl ConnectionTrait,
    chunk: &[RosterRow],
    recorded: &Recorded<'_>,
    ids: &HashMap<String, i32>,
) -> Result<Vec<Change<'static>>> {
    let before_of = |person_id: i32, start: NaiveDate| {
        recorded
            .assignments
            .get(&person_id)
            .and_then(|list| list.iter().find(|a| a.start_date == start))
    };
    let mut active = Vec::new();
    for r in chunk {
        let (person_id, unit_id) = (ids[&r.staff_code], recorded.units[&r.unit_code].id);
        let before = before_of(person_id, r.start);
        let same = before.is_some_and(|a| {
            a.unit_id == unit_id && a.kind == r.kind.as_str() && a.end_date == r.end
        });
        if !same {
            active.push(assignment::ActiveModel {
                person_id: Set(person_id),
                unit_id: Set(unit_id),
                kind: Set(r.kind.as_str().to_owned()),
                start_date: Set(r.start),
                end_date: Set(r.end),
                ..Default::default()
            });
        }
    }
    use assignment::Column as C;
    let saved = upsert(
        db,
        active,
        &[C::PersonId, C::StartDate],
        &[C::UnitId, C::Kind, C::EndDate],
    )
    .await?;
    // A new assignment of someone already on the roster (who may have records) carries their
    // first dates too; people new in this file have no records yet.
    let new_people: Vec<i32> = saved
        .iter()
        .filter(|a| {
            recorded.assignments.contains_key(&a.person_id)
                && before_of(a.person_id, a.start_date).is_none()
        })
        .map(|a| a.person_id)
        .collect();
    crate::hr::first_dates::refresh_new_assignments(db, &new_people).await?;
    Ok(saved
        .into_iter()
        .map(|a| {
            let before = before_of(a.person_id, a.start_date).and_then(audit::json);
            change(ctx, "assignment", a.id, before, audit::json(&a))
        })
        .collect())
}

fn change(
    ctx: &Context<'_>,
    kind: &'static str,
    id: i32,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'static> {
    let action = ctx.action(before.is_none());
    Change {
        actor: ctx.who(),
        action,
        object_kind: kind,
        object_id: id.to_string(),
        before,
        after,
    }
}
