//! The `attempt_items` table: one drawn question of an attempt, its option order and the answer.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub attempt_id: i32,
    pub position: i32,
    pub question_id: i32,
    /// JSON list of stored option indices, in the order shown.
    pub option_order: String,
    /// JSON `domain::learning::grading::Answer`.
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub earned: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::attempt::Entity",
        from = "Column::AttemptId",
        to = "super::attempt::Column::Id"
    )]
    Attempt,
}

impl Related<super::attempt::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attempt.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
