//! Writing many rows at once: one multi-row upsert per chunk, returning the rows as stored.
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryTrait};

use crate::Result;

type ModelOf<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::Model;
type ColumnOf<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::Column;

/// Inserts `rows`, or, where a row with the same unique `key` exists, sets its `update` columns
/// (the others, such as the id, stay): one statement on both engines (`ON CONFLICT … DO UPDATE
/// … RETURNING`). Every row given comes back as stored, in no particular order. The caller keeps
/// `rows` to a few hundred with distinct keys, as PostgreSQL refuses to touch one row twice.
pub(super) async fn upsert<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    key: &[ColumnOf<A>],
    update: &[ColumnOf<A>],
) -> Result<Vec<ModelOf<A>>>
where
    A: ActiveModelTrait,
{
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let on_conflict = OnConflict::columns(key.iter().copied())
        .update_columns(update.iter().copied())
        .to_owned();
    let mut stmt = A::Entity::insert_many(rows)
        .on_conflict(on_conflict)
        .into_query();
    stmt.returning_all();
    let stmt = db.get_database_backend().build(&stmt);
    Ok(ModelOf::<A>::find_by_statement(stmt).all(db).await?)
}
