//! The `assessment_results` table: a mastery assessment taken on a date, with its score and outcome.
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    pub assessment_code: String,
    pub taken_on: Date,
    pub score: f64,
    pub passed: bool,
    /// The evidence of a result entered by hand.
    pub note: Option<String>,
    /// `import`, `manual` or `platform`.
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
