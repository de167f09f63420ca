//! Stage timings for `NOTICEBOARD_TIMINGS=1`: where a build spends its time, printed to stderr,
//! so a slow site can be diagnosed without a profiler.

use std::time::Instant;

pub struct Timings {
    enabled: bool,
    last: Instant,
    stages: Vec<(&'static str, f64)>,
}

impl Timings {
    pub fn from_env() -> Timings {
        Timings {
            enabled: std::env::var_os("NOTICEBOARD_TIMINGS").is_some_and(|v| v != "0"),
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Records the time since the previous stage ended under `stage`.
    pub fn stage(&mut self, stage: &'static str) {
        let now = Instant::now();
        if self.enabled {
            self.stages
                .push((stage, now.duration_since(self.last).as_secs_f64() * 1000.0));
        }
        self.last = now;
    }

    /// Prints the table (only when enabled).
    pub fn report(&self) {
        if !self.enabled {
            return;
        }
        let line: Vec<String> = self
            .stages
            .iter()
            .map(|(name, ms)| format!("{name} {ms:.0} ms"))
            .collect();
        eprintln!("timings: {}", line.join(", "));
    }
}
