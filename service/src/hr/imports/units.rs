//! Units (`don_vi`): codes, names, levels and parents; the tree's paths are rebuilt after writing.
use std::collections::HashMap;

use domain::exchange::{RowError, UnitRow};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use super::parse::{File, Parsed};
use super::{Context, ImportReport, Phase, accepted, units_by_code};
use crate::Result;
use crate::access::audit::{self, Change};
use crate::entity::unit;

pub(super) async fn import(ctx: Context<'_>, file: File<'_>) -> Result<ImportReport> {
    let Parsed {
        rows,
        mut errors,
        count,
    } = match ctx.parse(file, UnitRow::parse) {
        Ok(parsed) => parsed,
        Err(report) => return Ok(report),
    };
    ctx.report(Phase::Checking, 0, count);
    let recorded = units_by_code(ctx.db, ctx.province).await?;
    check_duplicates(&rows, &mut errors);
    let parents = parent_map(&rows, &recorded);
    check_parents(&rows, &recorded, &parents, &mut errors);
    if let Some(report) = ctx.verdict(count, errors) {
        return Ok(report);
    }
    let txn = ctx.db.begin().await?;
    write(&ctx, &txn, &rows, &recorded).await?;
    txn.commit().await?;
    ctx.report(Phase::Writing, count, count);
    Ok(accepted(count))
}

fn check_duplicates(rows: &[UnitRow], errors: &mut Vec<RowError>) {
    let mut seen = std::collections::HashSet::new();
    for r in rows {
        if !seen.insert(r.code.as_str()) {
            errors.push(RowError::new(r.line, "ma_don_vi", "duplicate_unit_code"));
        }
    }
}

/// Each unit's parent code once the file is applied: recorded parents, overridden by the file.
fn parent_map(
    rows: &[UnitRow],
    recorded: &HashMap<String, unit::Model>,
) -> HashMap<String, Option<String>> {
    let by_id: HashMap<i32, &str> = recorded.values().map(|u| (u.id, u.code.as_str())).collect();
    let mut parents: HashMap<String, Option<String>> = recorded
        .values()
        .map(|u| {
            (
                u.code.clone(),
                u.parent_id
                    .and_then(|id| by_id.get(&id))
                    .map(|c| (*c).to_owned()),
            )
        })
        .collect();
    for r in rows {
        // An empty parent cell keeps the recorded parent, so a file without the column cannot
        // tear the tree apart.
        let parent = r
            .parent
            .clone()
            .or_else(|| parents.get(&r.code).cloned().flatten());
        parents.insert(r.code.clone(), parent);
    }
    parents
}

/// A parent must be recorded or defined in the file, and following parents must never lead
/// back to the unit (which would make its subtree infinite).
fn check_parents(
    rows: &[UnitRow],
    recorded: &HashMap<String, unit::Model>,
    parents: &HashMap<String, Option<String>>,
    errors: &mut Vec<RowError>,
) {
    let in_file: std::collections::HashSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    for r in rows {
        let Some(parent) = &r.parent else { continue };
        if !recorded.contains_key(parent) && !in_file.contains(parent.as_str()) {
            errors.push(RowError::new(
                r.line,
                "ma_don_vi_cha",
                "unknown_parent_unit",
            ));
        } else if leads_back(&r.code, parents) {
            errors.push(RowError::new(r.line, "ma_don_vi_cha", "unit_cycle"));
        }
    }
}

fn leads_back(code: &str, parents: &HashMap<String, Option<String>>) -> bool {
    let mut current = parents.get(code).cloned().flatten();
    for _ in 0..=parents.len() {
        match current {
            None => return false,
            Some(c) if c == code => return true,
            Some(c) => current = parents.get(&c).cloned().flatten(),
        }
    }
    true
}

async fn write(
    ctx: &Context<'_>,
    db: &impl ConnectionTrait,
    rows: &[UnitRow],
    recorded: &HashMap<String, unit::Model>,
) -> Result<()> {
    let mut ids: HashMap<String, i32> = recorded.values().map(|u| (u.code.clone(), u.id)).collect();
    // Rows first without parents (a parent may come later in the file), then the parents.
    for r in rows.iter().filter(|r| !recorded.contains_key(&r.code)) {
        let inserted = unit::ActiveModel {
            code: Set(r.code.clone()),
            name: Set(r.name.clone()),
            level: Set(r.level.as_str().to_owned()),
            parent_id: Set(None),
            path: Set(String::new()),
            province_id: Set(ctx.province),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.insert(r.code.clone(), inserted.id);
    }
    let mut changed = Vec::new();
    for r in rows {
        let before = recorded.get(&r.code);
        let parent_id = r
            .parent
            .as_ref()
            .map(|p| ids[p])
            .or_else(|| before.and_then(|b| b.parent_id));
        let same = before.is_some_and(|b| {
            b.name == r.name && b.level == r.level.as_str() && b.parent_id == parent_id
        });
        if !same {
            unit::ActiveModel {
                id: sea_orm::Unchanged(ids[&r.code]),
                name: Set(r.name.clone()),
                level: Set(r.level.as_str().to_owned()),
                parent_id: Set(parent_id),
                ..Default::default()
            }
            .update(db)
            .await?;
            changed.push((ids[&r.code], before.cloned()));
        }
    }
    let all = rebuild_paths(db, ctx.province).await?;
    for (id, before) in changed {
        let after = all.get(&id);
        let action = ctx.action(before.is_none());
        let change = Change {
            actor: ctx.who(),
            action,
            object_kind: "unit",
            object_id: id.to_string(),
            before: before.map(|b| unit_json(&b)),
            after: after.map(unit_json),
        };
        audit::record(db, change).await?;
    }
    Ok(())
}

fn unit_json(u: &unit::Model) -> serde_json::Value {
    serde_json::json!({"code": u.code, "name": u.name, "level": u.level, "parent_id": u.parent_id, "path": u.path})
}

/// Recomputes the materialised path of every unit of the province from its parents and saves
/// those that differ.
async fn rebuild_paths(
    db: &impl ConnectionTrait,
    province: i32,
) -> Result<HashMap<i32, unit::Model>> {
    let root = crate::province::root_path(province);
    let mut all: HashMap<i32, unit::Model> = unit::Entity::find()
        .filter(unit::Column::ProvinceId.eq(province))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let paths: Vec<(i32, String)> = all
        .keys()
        .map(|id| (*id, path_of(&root, *id, &all)))
        .collect();
    for (id, path) in paths {
        let u = all.get_mut(&id).expect("listed above");
        if u.path != path {
            let mut active: unit::ActiveModel = u.clone().into();
            active.path = Set(path.clone());
            active.update(db).await?;
            u.path = path;
        }
    }
    Ok(all)
}

/// `{root}top/…/id/`; the checks above guarantee the parents end at a top unit.
fn path_of(root: &str, id: i32, all: &HashMap<i32, unit::Model>) -> String {
    let mut chain = vec![id];
    let mut current = all.get(&id).and_then(|u| u.parent_id);
    while let Some(p) = current {
        if chain.contains(&p) {
            break;
        }
        chain.push(p);
        current = all.get(&p).and_then(|u| u.parent_id);
    }
    let inner: Vec<String> = chain.iter().rev().map(i32::to_string).collect();
    format!("{root}{}/", inner.join("/"))
}
