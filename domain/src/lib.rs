//! Types and rules shared by the browser and the server; no IO, so it also builds for wasm.

pub mod account;
pub mod audit_view;
pub mod certificate;
pub mod community;
pub mod dates;
pub mod dto;
pub mod error_codes;
pub mod exchange;
pub mod hr;
pub mod indicator;
pub mod lang;
pub mod learning;
pub mod my_data;
pub mod reminders;
pub mod roles;
pub mod token;
pub mod unit;
pub mod xapi;

pub use account::{Email, FieldError, FullName, Login, LoginKind, Phone, check_password};
pub use dto::{Me, RoleGrant, UnitRef, UserRow};
pub use indicator::{Ratio, format_count, format_percent};
pub use lang::Lang;
pub use roles::Role;
pub use unit::UnitLevel;
