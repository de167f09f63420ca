//! Build speed and peak memory at county, city and province scale, side by side with Hugo and
//! Zola building the same pages, plus the questions single features raise.
//!
//!     cargo bench --bench scale                 # 3,000 units and the province, with Hugo and Zola
//!     cargo bench --bench scale -- 300 30000    # chosen sizes (units; three people each)
//!     cargo bench --bench scale -- province     # Shandong's size: 64,078 units, 163,680 people
//!     cargo bench --bench scale -- 3000 campaign   # the campaign rules off and on
//!     cargo bench --bench scale -- teams        # one person on 1,000, 2,000 and 5,000 teams
//!     cargo bench --bench scale -- gaps         # check of 40,000 and 200,000 units without a team
//!     cargo bench --bench scale -- serve        # serve's edit latency on 3,000 units
//!     NOTICEBOARD_BENCH_GENERATE=/tmp/site cargo bench --bench scale -- 3000   # only write a site
//!                                               # (and the peers' sites in its hugo/ and zola/)
//!     NOTICEBOARD_BENCH_GENERATE=/tmp/site cargo bench --bench scale -- province
//!     NOTICEBOARD_BENCH_WORKLOG=1 NOTICEBOARD_BENCH_GENERATE=/tmp/site cargo bench --bench scale -- 3000
//!                                               # ... with a year of logs
//!     NOTICEBOARD_BENCH_CAMPAIGN=rules NOTICEBOARD_BENCH_GENERATE=/tmp/site cargo bench --bench scale -- 3000
//!                                               # ... with ranks, organizations, households and rules
//!     NOTICEBOARD_BENCH_SERVE=DIR cargo bench --bench scale   # serve's edit latency on a site
//!
//! Each build runs in a fresh child process into a fresh output folder on a RAM disk
//! (/dev/shm, unless TMPDIR is set); the figure is the median of three runs (one from 30,000
//! units). Peak memory is the child's maximum resident set size (getrusage). The compared site
//! has the campaign's fields and rules and a year of visits and ledger entries (40 visits and 5
//! ledger entries for every 3 units).

#[path = "scale/compare.rs"]
mod compare;
#[path = "scale/measure.rs"]
mod measure;
#[path = "scale/modes.rs"]
mod modes;
#[path = "scale/peers.rs"]
mod peers;
#[path = "scale/site.rs"]
mod site;

use site::{Campaign, Layout};
use std::path::Path;

pub(crate) use site::{ROLES, SURNAMES, person_name, phone, unit_name, write};

fn main() {
    if let Some(target) = std::env::var_os("NOTICEBOARD_BENCH_MEASURE") {
        measure::measure_child(Path::new(&target));
        return;
    }
    // `cargo bench` passes `--bench` to every bench binary.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let has = |word: &str| words.iter().any(|w| w == word);
    let sizes: Vec<usize> = words.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes_or = |default: &[usize]| {
        if sizes.is_empty() {
            default.to_vec()
        } else {
            sizes.clone()
        }
    };
    if let Some(dir) = std::env::var_os("NOTICEBOARD_BENCH_SERVE") {
        let ms = modes::serve_edit_latency(Path::new(&dir));
        println!("serve: a one-file edit visible after {ms} ms (median of 5)");
        return;
    }
    if let Some(dir) = std::env::var_os("NOTICEBOARD_BENCH_GENERATE") {
        let campaign = match std::env::var("NOTICEBOARD_BENCH_CAMPAIGN").as_deref() {
            Ok("fields") => Campaign::Fields,
            Ok("rules") => Campaign::Rules,
            _ => Campaign::None,
        };
        let layout = if has("province") {
            Layout::province()
        } else {
            Layout::flat(sizes_or(&[3_000])[0])
        };
        site::generate_site(Path::new(&dir), &layout, campaign);
        if std::env::var_os("NOTICEBOARD_BENCH_WORKLOG").is_some() {
            site::generate_worklog(Path::new(&dir), &layout);
        }
        for peer in [peers::Peer::Hugo, peers::Peer::Zola] {
            peer.generate(&Path::new(&dir).join(peer.name()), &layout);
        }
        return;
    }
    if has("teams") {
        return modes::one_person_on_many_teams(sizes_or(&[1_000, 2_000, 5_000]));
    }
    if has("gaps") {
        return modes::check_without_teams(sizes_or(&[40_000, 200_000]));
    }
    if has("campaign") {
        return sizes_or(&[3_000])
            .into_iter()
            .for_each(modes::campaign_rules_cost);
    }
    if has("serve") {
        let dir = tempfile::tempdir().unwrap();
        site::generate_site(dir.path(), &Layout::flat(3_000), Campaign::None);
        let ms = modes::serve_edit_latency(dir.path());
        println!("serve, 3,000 units: a one-file edit visible after {ms} ms (median of 5)");
        return;
    }
    let mut layouts: Vec<(String, Layout)> = sizes
        .iter()
        .map(|&units| (format!("{units} units"), Layout::flat(units)))
        .collect();
    if has("province") || words.is_empty() {
        if words.is_empty() {
            layouts.push(("county".into(), Layout::flat(3_000)));
        }
        layouts.push(("province".into(), Layout::province()));
    }
    compare::against_peers(&layouts);
}
