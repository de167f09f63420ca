//! noticeboard: a static-site publisher for public contact-point notice boards (公示牌).
//!
//! The pipeline runs one way, one module per stage:
//! [`content`] (load files) → [`model`] (validate and resolve) → [`coverage`] (audit) →
//! [`render`] (pages, boards, QR codes, vCards; [`photos`]) → [`output`] (atomic write).
//! [`build`] ties the stages together; the CLI in `main.rs` only parses arguments.

pub mod build;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostics;
pub mod export;
pub mod import;
pub mod init;
pub mod manifest;
pub mod model;
pub mod output;
pub mod photos;
pub mod progress;
pub mod render;
pub mod serve;
pub mod timings;
pub mod validate;
pub mod worklog;

pub use build::{BuildError, BuildOptions, BuildSummary, build, check};
