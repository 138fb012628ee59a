//! The author's side of the question bank: its questions listed by domain and difficulty, and
//! a GIFT or Moodle XML file imported all or nothing (every question it cannot read reported
//! with its line and why; a dry run writes nothing).
use domain::learning::CompetenceDomain;
use domain::learning::authoring::{BankQuery, BankRow};
use domain::learning::gift::parse_gift;
use domain::learning::moodle_xml::parse_moodle_xml;
use domain::learning::question::{ImportProblem, ParsedBank, Problem};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};

use crate::Result;
use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, author_scope, can_author, require};
use crate::author::bank::{self, ImportSummary};
use crate::entity::question;

/// At most this many rows on the bank's page.
const LIST_LIMIT: usize = 1000;
/// The text shown of each question, in characters.
const SHOWN: usize = 240;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BankFormat {
    Gift,
    MoodleXml,
}

impl BankFormat {
    /// `gift` or `xml` (the `format` of the import's URL).
    pub fn parse(text: &str) -> Option<BankFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "gift" | "txt" => Some(BankFormat::Gift),
            "xml" | "moodle" | "moodle_xml" => Some(BankFormat::MoodleXml),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BankFormat::Gift => "gift",
            BankFormat::MoodleXml => "xml",
        }
    }
}

/// The bank as its page lists it: read by every author, a province admin included (its course
/// quizzes draw from it); written by the content team alone.
pub async fn list(db: &impl ConnectionTrait, actor: &Actor, q: &BankQuery) -> Result<Vec<BankRow>> {
    author_scope(actor)?;
    let mut find = question::Entity::find()
        .order_by_asc(question::Column::Domain)
        .order_by_asc(question::Column::Difficulty)
        .order_by_asc(question::Column::Code);
    if let Some(d) = CompetenceDomain::parse(&q.domain) {
        find = find.filter(question::Column::Domain.eq(d.code()));
    }
    if !q.difficulty.trim().is_empty() {
        find = find.filter(question::Column::Difficulty.eq(q.difficulty.trim()));
    }
    let rows = find.all(db).await?;
    Ok(rows
        .iter()
        .take(LIST_LIMIT)
        .map(|r| BankRow {
            code: r.code.clone(),
            domain: CompetenceDomain::parse(&r.domain),
            difficulty: r.difficulty.clone(),
            kind: r.kind.clone(),
            text: bank::draft_of(r)
                .map(|d| d.text.chars().take(SHOWN).collect())
                .unwrap_or_default(),
        })
        .collect())
}

/// Reads a bank file: the questions, and every one that could not be read.
pub fn read(format: BankFormat, bytes: &[u8]) -> ParsedBank {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return whole_file(Problem::Malformed {
            detail: "không phải văn bản UTF-8 (not UTF-8 text)".to_owned(),
        });
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = match format {
        BankFormat::Gift => parse_gift(text),
        BankFormat::MoodleXml => parse_moodle_xml(text),
    };
    if parsed.questions.is_empty() && parsed.problems.is_empty() {
        return whole_file(Problem::Malformed {
            detail: "không có câu hỏi nào (no question)".to_owned(),
        });
    }
    parsed
}

fn whole_file(problem: Problem) -> ParsedBank {
    ParsedBank {
        questions: Vec::new(),
        problems: vec![ImportProblem {
            line: 1,
            title: None,
            problem,
        }],
    }
}

/// Imports a file: with any problem, or on a dry run, nothing is written. `stored` counts the
/// questions added and rewritten (a dry run counts none).
pub async fn import(
    db: &DatabaseConnection,
    actor: &Actor,
    format: BankFormat,
    bytes: &[u8],
    dry_run: bool,
) -> Result<(usize, ImportSummary)> {
    require(can_author(actor))?;
    let parsed = read(format, bytes);
    let accepted = parsed.questions.len();
    if !parsed.problems.is_empty() {
        return Ok((
            0,
            ImportSummary {
                problems: parsed.problems,
                ..Default::default()
            },
        ));
    }
    if dry_run {
        return Ok((accepted, ImportSummary::default()));
    }
    let txn = db.begin().await?;
    let stored = bank::store(&txn, &parsed.questions).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.who(),
            action: "import",
            object_kind: "question_bank",
            object_id: format.as_str().to_owned(),
            before: None,
            after: audit::json(serde_json::json!({
                "questions": accepted,
                "added": stored.added,
                "updated": stored.updated,
                "codes": parsed.questions.iter().map(bank::code_of).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((
        accepted,
        ImportSummary {
            stored,
            problems: Vec::new(),
        },
    ))
}
