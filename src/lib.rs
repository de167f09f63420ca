//! noticeboard: a static-site publisher for public contact-point notice boards (公示牌).
//!
//! The pipeline runs one way, one module per stage: `content` (load files) → `model` (validate
//! and resolve) → [`coverage`] (audit) → `render` (pages, boards, QR codes, vCards; [`photos`])
//! → `output` (atomic write). [`build`](mod@build) ties the stages together; the CLI in `main.rs` only
//! parses arguments. The public surface is what the CLI, the integration tests and the
//! benchmarks use; everything else is `pub(crate)`.

pub mod build;
mod config;
mod content;
pub mod coverage;
pub mod diagnostics;
pub mod export;
pub mod import;
pub mod init;
mod manifest;
mod memory;
pub mod messages;
mod model;
mod output;
pub mod photos;
pub mod print;
mod progress;
mod render;
pub mod serve;
mod timings;
mod validate;
mod worklog;

/// Frees `data` on another thread: a city's model, or a year of visits, takes tens of
/// milliseconds to free, which the caller need not wait for.
pub(crate) fn drop_on_the_side<T: Send + 'static>(data: T) {
    std::thread::spawn(move || drop(data));
}

pub use build::{BuildError, BuildMode, BuildOptions, BuildSummary, build, check};
pub use model::Site;
pub use render::qr;
