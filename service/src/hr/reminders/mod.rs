//! Reminders by e-mail in HR's own words (issue 20): an officer writes a subject and a body
//! with placeholders for a people list ([`template`]), previews it and queues one message per
//! person with an address ([`queue`]); a background [`sender`] hands them to the SMTP server;
//! every message carries a one-click [`unsubscribe`] link; [`reports`] reads the states back.
pub mod queue;
pub mod reports;
pub mod sender;
pub mod template;
pub mod unsubscribe;
