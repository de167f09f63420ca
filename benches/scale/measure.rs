//! Running a build in a child process and measuring its time and peak memory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

pub(crate) struct Measured {
    pub seconds: f64,
    pub peak_mb: f64,
}

/// The run with the median time (runs vary with the machine's other work).
pub(crate) fn median(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    runs.swap_remove(runs.len() / 2)
}

/// `noticeboard build` of the site at `root` into `output`, measured.
pub(crate) fn build_measured(root: &Path, output: &Path) -> Measured {
    run_measured(
        Command::new(env!("CARGO_BIN_EXE_noticeboard"))
            .arg("build")
            .arg("--root")
            .arg(root)
            .arg("--output")
            .arg(output),
    )
}

/// Runs `command` under a copy of this binary that reports the child's peak memory.
pub(crate) fn run_measured(command: &mut Command) -> Measured {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let start = Instant::now();
    let out = Command::new(std::env::current_exe().unwrap())
        .env("NOTICEBOARD_BENCH_MEASURE", &program)
        .args(&args)
        .output()
        .unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{program:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kb: f64 = stdout
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("maxrss_kb "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    Measured {
        seconds,
        peak_mb: kb / 1024.0,
    }
}

pub(crate) fn measure_child(program: &Path) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Command::new(program)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        std::process::exit(1);
    }
    // SAFETY: getrusage only writes into the struct we pass.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    println!("maxrss_kb {}", usage.ru_maxrss);
}

pub(crate) fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

pub(crate) fn which(command: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(command))
            .find(|p| p.is_file())
    })
}
