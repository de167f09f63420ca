//! The build's progress bar: drawn only in a terminal, and only once a build has run for a
//! second, so small sites and logs stay quiet.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_secs(1);

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// `enabled` is whether stderr is a terminal; `len` counts the steps (pages to render).
    pub(crate) fn new(enabled: bool, len: u64, message: String) -> Progress {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(message);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    pub(crate) fn inc(&self, steps: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(steps);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_even_while_hidden_and_never_draws_when_disabled() {
        let p = Progress::new(true, 10, "pages".to_string());
        p.inc(3);
        assert_eq!(p.bar.as_ref().unwrap().position(), 3);
        assert!(
            !p.shown.load(Ordering::Relaxed),
            "nothing drawn in the first second"
        );
        assert!(Progress::new(false, 10, "pages".to_string()).bar.is_none());
    }
}
