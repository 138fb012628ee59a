//! What the database holds for the learners' attempts: the drawn questions (kind and option
//! order, to build the forms) and, after the run, the stored answers.
use std::collections::HashMap;

use anyhow::{Context, Result};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use service::entity::{attempt_item, question};

use super::answers::Item;

/// Rows per `IN (…)` list, well under either engine's limit on bound parameters.
const CHUNK: usize = 500;

async fn rows_of(db: &DatabaseConnection, attempts: &[i32]) -> Result<Vec<attempt_item::Model>> {
    let mut rows = Vec::new();
    for chunk in attempts.chunks(CHUNK) {
        rows.extend(
            attempt_item::Entity::find()
                .filter(attempt_item::Column::AttemptId.is_in(chunk.iter().copied()))
                .order_by_asc(attempt_item::Column::AttemptId)
                .order_by_asc(attempt_item::Column::Position)
                .all(db)
                .await?,
        );
    }
    Ok(rows)
}

/// The questions of each attempt, in order of position.
pub async fn items(db: &DatabaseConnection, attempts: &[i32]) -> Result<HashMap<i32, Vec<Item>>> {
    let rows = rows_of(db, attempts).await?;
    let kinds: HashMap<i32, String> = question::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q.kind))
        .collect();
    let mut out: HashMap<i32, Vec<Item>> = HashMap::new();
    for row in rows {
        let kind = kinds.get(&row.question_id).with_context(|| {
            format!("question {} of attempt {}", row.question_id, row.attempt_id)
        })?;
        out.entry(row.attempt_id).or_default().push(Item {
            position: u32::try_from(row.position)?,
            kind: kind.clone(),
            order: serde_json::from_str(&row.option_order).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The stored answer (JSON) of every (attempt, position).
pub async fn answers(
    db: &DatabaseConnection,
    attempts: &[i32],
) -> Result<HashMap<(i32, u32), Option<String>>> {
    Ok(rows_of(db, attempts)
        .await?
        .into_iter()
        .map(|r| ((r.attempt_id, r.position as u32), r.answer))
        .collect())
}
