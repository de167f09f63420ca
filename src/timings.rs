//! Stage timings for `NOTICEBOARD_TIMINGS=1`: where a build spends its time, printed to stderr,
//! so a slow site can be diagnosed without a profiler. Where the system tells it (Linux), each
//! stage also shows how many cores it kept busy, which points at the stages that run alone,
//! and the memory the process held when it ended, which points at what a large site keeps.

use std::time::Instant;

pub(crate) struct Timings {
    enabled: bool,
    last: Instant,
    last_cpu: Option<f64>,
    stages: Vec<Stage>,
}

struct Stage {
    name: &'static str,
    ms: f64,
    cores: Option<f64>,
    /// Resident memory at the stage's end, in MB.
    resident_mb: Option<f64>,
}

impl Timings {
    pub(crate) fn from_env() -> Timings {
        let enabled = std::env::var_os("NOTICEBOARD_TIMINGS").is_some_and(|v| v != "0");
        Timings {
            enabled,
            last: Instant::now(),
            last_cpu: if enabled { cpu_seconds() } else { None },
            stages: Vec::new(),
        }
    }

    /// Records the time since the previous stage ended under `stage`.
    pub(crate) fn stage(&mut self, stage: &'static str) {
        let now = Instant::now();
        if self.enabled {
            let wall = now.duration_since(self.last).as_secs_f64();
            let cpu = cpu_seconds();
            let cores = match (cpu, self.last_cpu) {
                (Some(now), Some(then)) if wall > 0.0 => Some((now - then) / wall),
                _ => None,
            };
            self.stages.push(Stage {
                name: stage,
                ms: wall * 1000.0,
                cores,
                resident_mb: memory_mb("VmRSS:"),
            });
            self.last_cpu = cpu;
        }
        self.last = now;
    }

    /// Prints the table (only when enabled).
    pub(crate) fn report(&self) {
        if !self.enabled {
            return;
        }
        let line: Vec<String> = self
            .stages
            .iter()
            .map(|s| {
                let (name, ms) = (s.name, s.ms);
                let memory = s
                    .resident_mb
                    .map_or(String::new(), |mb| format!(", {mb:.0} MB"));
                match s.cores {
                    Some(cores) if ms >= 50.0 => {
                        format!("{name} {ms:.0} ms ({cores:.1} cores{memory})")
                    }
                    _ => format!("{name} {ms:.0} ms"),
                }
            })
            .collect();
        let peak = memory_mb("VmHWM:").map_or(String::new(), |mb| format!("; peak {mb:.0} MB"));
        eprintln!("timings: {}{peak}", line.join(", "));
    }
}

/// A memory figure of this process from `/proc/self/status` (`VmRSS:` now, `VmHWM:` its
/// peak), in MB.
fn memory_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// The process's user and system CPU time so far, in seconds, from `/proc/self/stat`.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it are plain numbers.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line, counted in clock ticks of 1/100 s
    // on every Linux platform noticeboard builds for.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn cpu_time_grows_with_work() {
        let before = cpu_seconds().expect("/proc/self/stat is readable on Linux");
        let start = Instant::now();
        let mut x = 0u64;
        while start.elapsed().as_millis() < 150 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
        std::hint::black_box(x);
        let after = cpu_seconds().unwrap();
        assert!(after - before >= 0.05, "{before} → {after}");
    }
}
