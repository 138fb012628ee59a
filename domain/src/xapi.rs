//! What an admin reads of the xAPI outbox (statements for the Learning Record Store).
use serde::{Deserialize, Serialize};

/// The outbox in numbers, and the statements the LRS refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxSummary {
    /// Whether an LRS is configured (without one, nothing is queued).
    pub lrs_configured: bool,
    pub waiting: u64,
    pub sent: u64,
    pub failed: u64,
    /// When the oldest statement still waiting was recorded (epoch seconds).
    pub oldest_waiting_at: Option<i64>,
    /// How often it was tried.
    pub oldest_waiting_attempts: Option<i32>,
    /// The failed statements, oldest first (at most 100).
    pub failed_statements: Vec<FailedStatement>,
}

/// A statement the LRS refused: no personal data, only its id, verb and the LRS's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedStatement {
    pub statement_id: String,
    /// `completed`, `passed`, `failed` or `earned`.
    pub verb: String,
    pub attempts: i32,
    /// The LRS's status and a short reason.
    pub reason: String,
    pub created_at: i64,
}
