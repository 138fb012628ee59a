//! Reminders by e-mail as the pages and the server exchange them: what an officer writes, what
//! the preview shows, and each recipient's delivery state.
use serde::{Deserialize, Serialize};

/// The placeholders a reminder's subject and body may hold, each filled per recipient:
/// - `{ho_ten}`: the person's full name on the roster;
/// - `{don_vi}`: the name of the unit the person works in on the list's date;
/// - `{khoa_hoc}`: the course title the officer typed in the form (required when used);
/// - `{han}`: the deadline the officer chose, written `dd/mm/yyyy` (required when used).
pub const PLACEHOLDERS: &[&str] = &["ho_ten", "don_vi", "khoa_hoc", "han"];

/// What the compose form sends: the people list's filter, the text and when to send.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderDraft {
    /// The form's one-time key (a fresh UUID per form): sending the same form twice makes
    /// one reminder.
    pub key: String,
    pub unit: String,
    pub as_of: String,
    pub status: String,
    pub indicator: String,
    pub subject: String,
    pub body: String,
    /// What `{khoa_hoc}` becomes.
    pub course: String,
    /// `YYYY-MM-DD`: what `{han}` becomes.
    pub deadline: String,
    /// `YYYY-MM-DDTHH:MM` in Vietnam's time; empty: now.
    pub send_at: String,
}

/// Someone the list selects who has no e-mail address (or asked not to be mailed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreachable {
    pub staff_code: String,
    pub full_name: String,
    pub unit_name: String,
    pub phone: Option<String>,
    /// True when the address asked never to be mailed again; false: no address at all.
    pub unsubscribed: bool,
}

/// What the compose page shows before sending: the list's reach and one filled message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderPreview {
    /// Whether the server can send at all (an SMTP server is configured).
    pub smtp_configured: bool,
    /// A fresh one-time key for the send form ([`ReminderDraft::key`]).
    pub key: String,
    pub reachable: u64,
    pub unreachable: Vec<Unreachable>,
    /// The first reachable person's message, when the text was given.
    pub sample: Option<SampleMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleMessage {
    pub full_name: String,
    pub subject: String,
    pub body: String,
}

/// A recipient's delivery state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Queued,
    /// Claimed by a sender: being handed to the SMTP server.
    Sending,
    Sent,
    Failed,
    /// The address asked not to be mailed after the reminder was queued.
    Skipped,
}

impl DeliveryState {
    pub const ALL: &'static [DeliveryState] = &[
        DeliveryState::Queued,
        DeliveryState::Sending,
        DeliveryState::Sent,
        DeliveryState::Failed,
        DeliveryState::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sending => "sending",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Skipped => "skipped",
        }
    }

    pub fn parse(text: &str) -> Option<DeliveryState> {
        DeliveryState::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == text)
    }
}

/// One reminder in the officer's list, with its recipients' states counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSummary {
    pub id: i32,
    pub subject: String,
    /// `dd/mm/yyyy HH:MM:SS` in Vietnam's time.
    pub send_at: String,
    pub created_at: String,
    pub unit_name: Option<String>,
    pub queued: u64,
    pub sent: u64,
    pub failed: u64,
    pub skipped: u64,
}

/// One recipient of a reminder and what became of their message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientState {
    pub staff_code: String,
    pub full_name: String,
    pub email: String,
    pub state: DeliveryState,
    pub attempts: i32,
    /// The SMTP server's answer, when it refused or was unreachable.
    pub reply: Option<String>,
    pub sent_at: Option<String>,
}

/// A reminder with every recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderDetail {
    pub summary: ReminderSummary,
    pub recipients: Vec<RecipientState>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back() {
        for s in DeliveryState::ALL {
            assert_eq!(DeliveryState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(DeliveryState::parse("lost"), None);
    }
}
