//! The benchmark's single-question modes: the campaign rules off and on, one person on many
//! teams, `check` of units without a team, and `serve`'s edit latency.

use super::measure::{Measured, build_measured, count_files, median, run_measured};
use super::site::{
    Campaign, Layout, UNITS_PER_AREA, generate_site, person_name, phone, unit_name, write,
};
use std::io::{BufRead, BufReader, Read, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The same county with the campaign rules off and on (and, for scale, without any campaign
/// field): each build in a fresh process into a fresh folder, alternating, median of three;
/// then one build of each with `NOTICEBOARD_TIMINGS=1` for its stages.
pub(crate) fn campaign_rules_cost(units: usize) {
    let variants = [Campaign::None, Campaign::Fields, Campaign::Rules];
    let dirs: Vec<tempfile::TempDir> = variants
        .iter()
        .map(|&campaign| {
            let dir = tempfile::tempdir().unwrap();
            generate_site(dir.path(), &Layout::flat(units), campaign);
            dir
        })
        .collect();
    let mut runs: Vec<Vec<Measured>> = variants.iter().map(|_| Vec::new()).collect();
    for run in 0..3 {
        for (dir, measured) in dirs.iter().zip(&mut runs) {
            measured.push(run_measured(
                Command::new(env!("CARGO_BIN_EXE_noticeboard"))
                    .arg("build")
                    .arg("--root")
                    .arg(dir.path())
                    .arg("--output")
                    .arg(dir.path().join(format!("public-{run}"))),
            ));
        }
    }
    println!("{units} units: campaign   build s  peak MB  files");
    let medians: Vec<Measured> = runs.into_iter().map(median).collect();
    for ((campaign, dir), m) in variants.iter().zip(&dirs).zip(&medians) {
        let files = count_files(&dir.path().join("public-0"));
        println!(
            "  {:<8}  {:>8.2}  {:>7.0}  {files:>6}",
            format!("{campaign:?}"),
            m.seconds,
            m.peak_mb
        );
    }
    println!(
        "  rules on / rules off: {:.3}",
        medians[2].seconds / medians[1].seconds
    );
    for (campaign, dir) in variants.iter().zip(&dirs) {
        let out = Command::new(env!("CARGO_BIN_EXE_noticeboard"))
            .arg("build")
            .arg("--root")
            .arg(dir.path())
            .arg("--output")
            .arg(dir.path().join("public-timed"))
            .env("NOTICEBOARD_TIMINGS", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stages = stderr
            .lines()
            .find(|l| l.starts_with("timings:"))
            .unwrap_or("");
        println!("  {campaign:?} {stages}");
    }
}

/// A county leader linked to every village: build time and peak memory against the number of
/// teams one person is on. Memory per team should stay flat.
pub(crate) fn one_person_on_many_teams(counts: Vec<usize>) {
    println!("teams  build s  peak MB  MB per 1,000 teams");
    for teams in counts {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("config.toml"),
            "title = \"基准测试县\"\nbase_url = \"https://gongshi.shifan.cn/county\"\ndate = 2026-03-01\n",
        );
        write(
            &root.join("content/people/leader.toml"),
            "name = \"王县长\"\ntitle = \"县长\"\norg = \"县政府\"\nphone = \"13900000000\"\n",
        );
        write(&root.join("content/zhen/_index.toml"), "name = \"东镇\"\n");
        for i in 0..teams {
            write(
                &root.join(format!("content/people/p{i}.toml")),
                &format!("name = \"{}\"\nphone = \"{}\"\n", person_name(i), phone(i)),
            );
            write(
                &root.join(format!("content/zhen/c{i}.toml")),
                &format!(
                    "name = \"{}\"\n[[team]]\nperson = \"leader\"\nrole = \"包村领导\"\nlead = true\n[[team]]\nperson = \"p{i}\"\nrole = \"第一书记\"\n",
                    unit_name(i)
                ),
            );
        }
        let m = build_measured(root, &root.join("public"));
        println!(
            "{teams:>5}  {:>7.2}  {:>7.0}  {:>17.0}",
            m.seconds,
            m.peak_mb,
            m.peak_mb * 1_000.0 / teams as f64
        );
    }
}

/// `check` of a site whose units have no team at all: every unit is a gap.
pub(crate) fn check_without_teams(counts: Vec<usize>) {
    println!("units without a team  check s  peak MB");
    for units in counts {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("config.toml"),
            "title = \"基准测试省\"\nbase_url = \"https://gongshi.shifan.cn/province\"\ndate = 2026-03-01\n",
        );
        for i in 0..units {
            let area = i / UNITS_PER_AREA;
            if i % UNITS_PER_AREA == 0 {
                write(
                    &root.join(format!("content/a{area}/_index.toml")),
                    &format!("name = \"{}镇\"\n", unit_name(area)),
                );
            }
            write(
                &root.join(format!("content/a{area}/u{i}.toml")),
                &format!("name = \"{}\"\n", unit_name(i)),
            );
        }
        let mut command = Command::new(env!("CARGO_BIN_EXE_noticeboard"));
        command.arg("check").arg("--root").arg(root);
        let m = run_measured(&mut command);
        println!("{units:>20}  {:>7.2}  {:>7.0}", m.seconds, m.peak_mb);
    }
}

/// Starts `serve`, edits one unit file five times and measures until the page shows each edit.
pub(crate) fn serve_edit_latency(root: &Path) -> u128 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_noticeboard"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    let port: u16 = line
        .rsplit("127.0.0.1:")
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let unit = root.join("content/area-0000/u000000.toml");
    let original = std::fs::read_to_string(&unit).unwrap();
    let mut samples = Vec::new();
    for round in 0..5 {
        let marker = format!("改名{round}村");
        std::fs::write(&unit, original.replacen(&unit_name(0), &marker, 1)).unwrap();
        let start = Instant::now();
        loop {
            if get(port, "/area-0000/u000000/").contains(&marker) {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "edit never showed"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        samples.push(start.elapsed().as_millis());
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = child.kill();
    let _ = child.wait();
    // Left as found, so the measurement can be repeated on the same site.
    std::fs::write(&unit, original).unwrap();
    samples.sort();
    samples[samples.len() / 2]
}

fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}
