//! The question bank: questions stored from drafts (an author's form or an imported file),
//! their domain and difficulty read from the draft's category (`an_toan/de`), keyed by code.
use domain::learning::CompetenceDomain;
use domain::learning::question::{ImportProblem, QuestionDraft};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::entity::question;
use crate::{Error, Result, now};

pub use domain::learning::authoring::DIFFICULTIES;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub added: usize,
    pub updated: usize,
}

/// What an import did: questions stored, and those the file could not give.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ImportSummary {
    pub stored: Stored,
    pub problems: Vec<ImportProblem>,
}

/// `(domain, difficulty)` from a category path; an unknown domain is empty, a missing
/// difficulty is `vua` (medium).
pub(crate) fn classify(category: Option<&str>) -> (String, String) {
    let mut parts = category
        .unwrap_or_default()
        .split('/')
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let domain = parts
        .clone()
        .find_map(CompetenceDomain::parse)
        .map_or(String::new(), |d| d.code().to_owned());
    let difficulty = parts
        .find(|p| DIFFICULTIES.contains(p))
        .unwrap_or("vua")
        .to_owned();
    (domain, difficulty)
}

/// The question's code: its title, or a short digest of its text when it has none.
pub(crate) fn code_of(q: &QuestionDraft) -> String {
    match q.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.chars().take(64).collect(),
        None => {
            let digest = Sha256::digest(q.text.as_bytes());
            format!(
                "Q-{}",
                digest
                    .iter()
                    .take(5)
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            )
        }
    }
}

/// Adds each draft, or rewrites the question with the same code.
pub async fn store(db: &impl ConnectionTrait, drafts: &[QuestionDraft]) -> Result<Stored> {
    let mut out = Stored::default();
    for q in drafts {
        let code = code_of(q);
        let (domain, difficulty) = classify(q.category.as_deref());
        let data = serde_json::to_string(q).map_err(|e| Error::internal(e))?;
        match question::Entity::find()
            .filter(question::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
        {
            Some(existing)
                if existing.data == data
                    && existing.domain == domain
                    && existing.difficulty == difficulty => {}
            Some(existing) => {
                let mut row = question::ActiveModel::from(existing);
                row.domain = Set(domain);
                row.difficulty = Set(difficulty);
                row.kind = Set(q.kind.as_str().to_owned());
                row.data = Set(data);
                row.update(db).await?;
                out.updated += 1;
            }
            None => {
                let row = question::ActiveModel {
                    code: Set(code),
                    domain: Set(domain),
                    difficulty: Set(difficulty),
                    kind: Set(q.kind.as_str().to_owned()),
                    data: Set(data),
                    created_at: Set(now()),
                    ..Default::default()
                };
                row.insert(db).await?;
                out.added += 1;
            }
        }
    }
    Ok(out)
}

pub fn draft_of(row: &question::Model) -> Result<QuestionDraft> {
    serde_json::from_str(&row.data)
        .map_err(|e| Error::internal(format!("question {}: {e}", row.code)))
}
