//! Human resources: units, the roster and its people, training and assessment records,
//! each person's first dates, the indicators and dashboard, imports and exports, and linking
//! roster people to accounts.
pub mod dashboard;
pub mod exports;
pub mod first_dates;
pub mod imports;
pub mod indicators;
pub mod link_proposals;
pub mod linking;
pub mod manual_records;
pub mod people;
pub mod person;
pub mod platform_records;
pub mod reminders;
pub mod roster_erasure;
pub mod scope;
pub mod standing;
pub mod units;
