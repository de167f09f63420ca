//! The integration tests that build real fixture sites with the real binary (and, for serve's
//! partial rebuilds, the library) and read the output back as a user would. One test binary,
//! one module per part of the tool, as mdBook does: linking one binary instead of seven saves
//! most of the time `cargo test` spends before running anything. The browser and print tests,
//! which drive Chromium and other tools, are targets of their own (`tests/print.rs`,
//! `tests/residents.rs`).

#[path = "../common/mod.rs"]
mod common;

mod batches;
mod build;
mod campaign;
mod check;
mod clerk_safety;
mod export;
mod gov;
mod help;
mod hostile;
mod import;
mod incremental;
mod manifest;
mod qr_scan;
mod rebuild;
mod serve;
mod worklog;
