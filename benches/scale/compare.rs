//! noticeboard against Hugo and Zola building the same pages, in the same run, alternated.

use super::measure::{Measured, build_measured, count_files, median, run_measured, which};
use super::peers::Peer;
use super::site::{Campaign, Layout, generate_site, generate_worklog};
use std::path::{Path, PathBuf};

/// How many of the builders are noticeboard's (without and with its caches): the first.
const NOTICEBOARDS: usize = 2;

/// One builder's runs on one site.
struct Builder {
    name: &'static str,
    runs: Vec<Measured>,
    files: usize,
}

/// Where the sites and their outputs go: a RAM disk when there is one, so that the figures are
/// the programs' own work and not the disk's (see docs/performance.md). `TMPDIR` chooses
/// another place.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none()
        && shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

/// Builds each layout's site with noticeboard and every peer found on this machine (Hugo on
/// PATH, Zola on PATH or at `../shared/tools/zola`), alternating which goes first, and prints
/// time, peak memory and files of each, the ratio to the fastest peer and noticeboard's memory
/// per 1,000 units. The site has the campaign's fields and rules and a year of visits and
/// ledger entries, which the peers' pages do not show.
///
/// noticeboard builds twice a round, each into a fresh output folder: `noticeboard` without
/// the caches a build keeps in the site folder (a site's first build: every record read and
/// parsed, the work log resolved, every QR code encoded), and `nb, kept` with the caches the
/// builds before it left, as a user's next `build` has them. The peers keep none.
pub(crate) fn against_peers(layouts: &[(String, Layout)]) {
    let peers: Vec<(Peer, PathBuf)> = [(Peer::Hugo, which("hugo")), (Peer::Zola, zola())]
        .into_iter()
        .filter_map(|(peer, program)| program.map(|p| (peer, p)))
        .collect();
    println!(
        "site           units   people  builder       s  peak MB    files  MB/1k units  ratio to fastest peer"
    );
    for (label, layout) in layouts {
        let dir = scratch();
        generate_site(dir.path(), layout, Campaign::Rules);
        generate_worklog(dir.path(), layout);
        // Files written within 2 s of a build's read are read again by the next.
        std::thread::sleep(std::time::Duration::from_millis(2100));
        for (peer, _) in &peers {
            peer.generate(&dir.path().join(peer.name()), layout);
        }
        let mut builders: Vec<Builder> = ["noticeboard", "nb, kept"]
            .into_iter()
            .chain(peers.iter().map(|(p, _)| p.name()))
            .map(|name| Builder {
                name,
                runs: Vec::new(),
                files: 0,
            })
            .collect();
        // Three rounds at every size: one province build varied by a third from run to run
        // (15.0 to 20.6 s for the same binary within an hour), more than any change measured.
        let runs = 3;
        for run in 0..runs {
            // Each round starts with a different builder, so none always runs on a cooler
            // machine or a warmer page cache.
            let count = builders.len();
            for turn in 0..count {
                let b = (turn + run) % count;
                let output = dir.path().join(format!("out-{b}-{run}"));
                if b == 0 {
                    let _ = std::fs::remove_dir_all(dir.path().join(".noticeboard-cache"));
                }
                let measured = if b < NOTICEBOARDS {
                    build_measured(dir.path(), &output)
                } else {
                    let (peer, program) = &peers[b - NOTICEBOARDS];
                    let site = dir.path().join(peer.name());
                    run_measured(&mut peer.command(program, &site, &output))
                };
                builders[b].runs.push(measured);
                if run == 0 {
                    builders[b].files = count_files(&output);
                }
                // Outputs go at once: a province's would fill the RAM disk.
                let _ = std::fs::remove_dir_all(&output);
            }
        }
        print_site(label, layout, builders);
        print_rebuilds(label, dir.path(), layout);
    }
    if peers.len() < 2 {
        println!(
            "(a peer is missing: apt-get install hugo; Zola is looked for on PATH and at ../shared/tools/zola)"
        );
    }
}

fn print_site(label: &str, layout: &Layout, builders: Vec<Builder>) {
    let medians: Vec<(&str, Measured, usize)> = builders
        .into_iter()
        .map(|b| (b.name, median(b.runs), b.files))
        .collect();
    let fastest_peer = medians[NOTICEBOARDS..]
        .iter()
        .map(|(_, m, _)| m.seconds)
        .min_by(f64::total_cmp);
    for (i, (name, m, files)) in medians.iter().enumerate() {
        let per_1k = m.peak_mb * 1_000.0 / layout.units as f64;
        let ratio = match fastest_peer {
            Some(peer) if i < NOTICEBOARDS => format!("{:.2}", m.seconds / peer),
            _ => String::new(),
        };
        println!(
            "{label:<13}  {:>6}  {:>7}  {name:<11}  {:>6.2}  {:>7.0}  {files:>7}  {per_1k:>11.1}  {ratio}",
            layout.units, layout.people, m.seconds, m.peak_mb
        );
    }
}

/// The Zola binary: on PATH, or the one kept for benchmarks beside this project.
fn zola() -> Option<PathBuf> {
    which("zola").or_else(|| {
        let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/zola");
        kept.is_file().then_some(kept)
    })
}

/// noticeboard's rebuilds after one edit: a full build into a folder, then after each edit the
/// same command again, which renders only the pages that show what changed (the state the
/// last build left in `.noticeboard-cache/builds`).
fn print_rebuilds(label: &str, root: &Path, layout: &Layout) {
    let output = root.join("out-rebuild");
    build_measured(root, &output);
    let middle = layout.units / 2;
    let edits = [
        (
            "a unit renamed",
            root.join(format!(
                "content/{}/u{middle:06}.toml",
                layout.area_path(middle)
            )),
        ),
        (
            "a person renamed",
            root.join(format!("content/people/p{:06}.toml", layout.people / 2)),
        ),
    ];
    // Three one-edit rebuilds each: the edit, its undoing, the edit again; the median.
    for (what, file) in edits {
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = text.replacen("name = \"", "name = \"新", 1);
        assert_ne!(text, edited, "{}", file.display());
        let runs = [&edited, &text, &edited]
            .into_iter()
            .map(|version| {
                std::fs::write(&file, version).unwrap();
                build_measured(root, &output)
            })
            .collect();
        let m = median(runs);
        println!(
            "{label:<13}  rebuild after one edit ({what}): {:.2} s, peak {:.0} MB (median of 3)",
            m.seconds, m.peak_mb
        );
    }
    let _ = std::fs::remove_dir_all(&output);
}
