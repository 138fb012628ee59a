//! Community digital teams: the registry of teams by commune, their facilitators, and what
//! a facilitator does for residents.
pub mod facilitation;
pub mod teams;
