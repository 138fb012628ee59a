//! The `quizzes` table: a course's quiz or a mastery assessment, with its rules.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "quizzes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub title: String,
    pub course_id: Option<i32>,
    pub mastery: bool,
    pub pass_mark: f64,
    pub floor: f64,
    pub time_limit_seconds: Option<i32>,
    pub max_attempts: Option<i32>,
    pub review: String,
    /// JSON: `[{"domain": "an_toan" | null, "difficulty": "de" | null, "count": 3}]`.
    pub draw_rules: String,
    pub published: bool,
    /// The course's placement check: passing a domain's part tests out its lessons.
    pub placement: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
