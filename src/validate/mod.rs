//! Checks on single values: phone numbers, and identifiers that must never be published.

pub mod idnumber;
pub mod phone;
