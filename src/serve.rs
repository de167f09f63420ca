//! `noticeboard serve`: build, serve on 127.0.0.1, rebuild and reload on every change.
//! (Being written: issue 7.)

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub open: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("serve is not available yet")]
    NotYet,
}

pub fn serve(_options: &ServeOptions) -> Result<(), ServeError> {
    Err(ServeError::NotYet)
}
