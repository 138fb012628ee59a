//! The words of a learner's data download (`GET /api/v1/me/data?format=csv`): the service
//! lays the facts out, the app's i18n gives these words in the reader's language.

/// Headings and section names of the CSV; each fact is one row (section, what, when, result).
#[derive(Debug)]
pub struct MyDataLabels {
    pub headings: [&'static str; 4],
    pub account: &'static str,
    pub login: &'static str,
    pub full_name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub commune: &'static str,
    pub consent: &'static str,
    pub roles: &'static str,
    pub staff_record: &'static str,
    pub enrolment: &'static str,
    pub lesson_done: &'static str,
    /// "lesson" in `KNS-DC-01 lesson 3 — title`.
    pub lesson: &'static str,
    pub course_completed: &'static str,
    pub attempt: &'static str,
    pub practice: &'static str,
    pub certificate: &'static str,
    pub revoked: &'static str,
}
