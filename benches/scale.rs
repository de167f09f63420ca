//! Build speed and peak memory at township, city and province scale, side by side with Hugo
//! building the same pages, plus how fast `serve` shows a one-file edit.
//!
//!     cargo bench --bench scale                 # 300, 3,000 and 30,000 units
//!     cargo bench --bench scale -- 300 3000     # chosen sizes
//!     cargo bench --bench scale -- 3000 campaign   # the campaign rules off and on
//!     cargo bench --bench scale -- teams        # one person on 1,000, 2,000 and 5,000 teams
//!     cargo bench --bench scale -- gaps         # check of 40,000 and 200,000 units without a team
//!     NOTICEBOARD_BENCH_GENERATE=/tmp/site cargo bench --bench scale -- 3000   # only write a site
//!     NOTICEBOARD_BENCH_WORKLOG=1 cargo bench --bench scale -- 3000   # also with a year of logs
//!     NOTICEBOARD_BENCH_CAMPAIGN=rules NOTICEBOARD_BENCH_GENERATE=/tmp/site cargo bench --bench scale -- 3000
//!                                               # ... with ranks, organizations, households and rules
//!
//! Each build runs in a fresh child process into a fresh output folder; the figure is the
//! median of three runs (one at 30,000 units). Peak memory is the child's maximum resident set
//! size (getrusage). Needs Debian's `hugo` for the comparison column.
//!
//! With `NOTICEBOARD_BENCH_WORKLOG` set, each site is built a second time with a year of work
//! logs (`content/visits/`, `content/ledger/`: 40 visits and 5 ledger entries for every 3
//! units, 40,000 and 5,000 at 3,000 units), and the generator writes them too.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PEOPLE_PER_UNIT: usize = 3;
const UNITS_PER_AREA: usize = 50;
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
];
const PLACES: &[&str] = &[
    "东", "西", "南", "北", "前", "后", "大", "小", "新", "老", "上", "下", "石", "柳", "杨", "李",
];
const ROLES: &[&str] = &["第一书记", "包村干部", "联村民警", "民生代办员", "网格员"];

fn main() {
    if let Some(target) = std::env::var_os("NOTICEBOARD_BENCH_MEASURE") {
        measure_child(Path::new(&target));
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    // NOTICEBOARD_BENCH_SERVE=DIR measures only serve's edit latency on a generated site.
    if let Some(dir) = std::env::var_os("NOTICEBOARD_BENCH_SERVE") {
        let ms = serve_edit_latency(Path::new(&dir));
        println!("serve: a one-file edit visible after {ms} ms (median of 5)");
        return;
    }
    // For profiling: NOTICEBOARD_BENCH_GENERATE=DIR writes the first size's site there and stops
    // (with NOTICEBOARD_BENCH_CAMPAIGN=fields or =rules, a campaign's site).
    let worklog = std::env::var_os("NOTICEBOARD_BENCH_WORKLOG").is_some();
    if let Some(dir) = std::env::var_os("NOTICEBOARD_BENCH_GENERATE") {
        let campaign = match std::env::var("NOTICEBOARD_BENCH_CAMPAIGN").as_deref() {
            Ok("fields") => Campaign::Fields,
            Ok("rules") => Campaign::Rules,
            _ => Campaign::None,
        };
        let units = sizes.first().copied().unwrap_or(3_000);
        generate_site(Path::new(&dir), units, campaign);
        if worklog {
            generate_worklog(Path::new(&dir), units);
        }
        return;
    }
    // `-- teams`: one person on ever more teams; `-- gaps`: `check` of units without a team.
    if std::env::args().skip(1).any(|a| a == "teams") {
        one_person_on_many_teams(if sizes.is_empty() {
            vec![1_000, 2_000, 5_000]
        } else {
            sizes
        });
        return;
    }
    if std::env::args().skip(1).any(|a| a == "gaps") {
        check_without_teams(if sizes.is_empty() {
            vec![40_000, 200_000]
        } else {
            sizes
        });
        return;
    }
    // `-- 3000 campaign`: the same county with the campaign rules off and on.
    if std::env::args().skip(1).any(|a| a == "campaign") {
        for units in if sizes.is_empty() { vec![3_000] } else { sizes } {
            campaign_rules_cost(units);
        }
        return;
    }
    let sizes = if sizes.is_empty() {
        vec![300, 3_000, 30_000]
    } else {
        sizes
    };
    let hugo = which("hugo");
    println!("units  people  noticeboard s  peak MB  files    hugo s  hugo MB  ratio (nb/hugo)");
    let mut serve_site = None;
    // Every site and output stays until the end: deleting tens of thousands of files makes
    // ext4 skip the freed inodes for minutes when allocating new ones, which would slow down
    // whichever build ran next and make the comparison depend on the order of the runs.
    let mut kept = Vec::new();
    for &units in &sizes {
        let dir = tempfile::tempdir().unwrap();
        generate_site(dir.path(), units, Campaign::None);
        let hugo_dir = dir.path().join("hugo");
        if hugo.is_some() {
            generate_hugo(&hugo_dir, dir.path(), units);
        }
        // Each builder writes a fresh output folder per run, alternating, median of three.
        let runs = if units >= 30_000 { 1 } else { 3 };
        let mut nb_runs = Vec::new();
        let mut hugo_runs = Vec::new();
        for run in 0..runs {
            let output = dir.path().join(format!("public-{run}"));
            nb_runs.push(build_measured(dir.path(), &output));
            if let Some(h) = &hugo {
                hugo_runs.push(run_measured(
                    Command::new(h)
                        .arg("--quiet")
                        .arg("--source")
                        .arg(&hugo_dir)
                        .arg("--destination")
                        .arg(dir.path().join(format!("hugo-public-{run}"))),
                ));
            }
        }
        let nb = median(nb_runs);
        let files = count_files(&dir.path().join("public-0"));
        let (hugo_s, hugo_mb) = match hugo_runs.is_empty() {
            false => {
                let m = median(hugo_runs);
                (format!("{:.2}", m.seconds), format!("{:.0}", m.peak_mb))
            }
            true => ("n/a".into(), "n/a".into()),
        };
        let ratio = hugo_s
            .parse::<f64>()
            .map_or("n/a".into(), |h| format!("{:.2}", nb.seconds / h));
        println!(
            "{units:>5}  {:>6}  {:>13.2}  {:>7.0}  {files:>6}  {hugo_s:>7}  {hugo_mb:>7}  {ratio:>6}",
            units * PEOPLE_PER_UNIT,
            nb.seconds,
            nb.peak_mb
        );
        if worklog {
            generate_worklog(dir.path(), units);
            let mut runs = Vec::new();
            for run in 0..3 {
                let output = dir.path().join(format!("public-log-{run}"));
                runs.push(build_measured(dir.path(), &output));
            }
            let with_logs = median(runs);
            println!(
                "{units:>5}  + logs ({} visits, {} ledger rows): {:.2} s (+{:.2} s), {:.0} MB",
                units * VISITS_PER_3_UNITS / 3,
                units * LEDGER_PER_3_UNITS / 3,
                with_logs.seconds,
                with_logs.seconds - nb.seconds,
                with_logs.peak_mb
            );
        }
        if units == 3_000 {
            serve_site = Some(dir.path().to_path_buf());
        }
        kept.push(dir);
    }
    if hugo.is_none() {
        println!("(hugo not found: apt-get install hugo for the comparison)");
    }
    if let Some(dir) = serve_site {
        let ms = serve_edit_latency(&dir);
        println!("serve, 3,000 units: a one-file edit visible after {ms} ms (median of 5)");
    }
}

struct Measured {
    seconds: f64,
    peak_mb: f64,
}

/// The run with the median time (runs vary with the machine's other work).
fn median(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    runs.swap_remove(runs.len() / 2)
}

/// `noticeboard build` of the site at `root` into `output`, measured.
fn build_measured(root: &Path, output: &Path) -> Measured {
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
fn run_measured(command: &mut Command) -> Measured {
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

fn measure_child(program: &Path) {
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

fn person_name(i: usize) -> String {
    format!(
        "{}{}{}",
        SURNAMES[i % 16],
        GIVEN[(i / 16) % 16],
        GIVEN[(i / 256) % 16]
    )
}

fn unit_name(i: usize) -> String {
    format!(
        "{}{}{}村",
        PLACES[i % 16],
        PLACES[(i / 16) % 16],
        PLACES[(i / 256) % 16]
    )
}

fn phone(i: usize) -> String {
    format!("139{:08}", 10_000_000 + i)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// How much of the campaign fields a synthetic site uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Campaign {
    /// Villages, people and teams only.
    None,
    /// Ranks, household counts, organization records, units linked as a whole, enterprises
    /// and schools among the units: every page the campaign adds, but no campaign rule.
    Fields,
    /// The same site with every campaign rule on.
    Rules,
}

const CAMPAIGN_RULES: &str = "[rules]\nhousehold_coverage = 0.8\nevery_org_serves = true\n\n[[rules.require]]\nname = \"县级或科级干部联系\"\nkinds = [\"village\", \"community\"]\nrank = [\"县级\", \"科级\"]\n\n[[rules.require]]\nname = \"民警联村\"\nkinds = [\"village\"]\nrole = [\"联村民警\"]\n\n[[rules.package]]\nname = \"县级领导包联\"\nrank = [\"县级\"]\nkinds = { village = 1, enterprise = 1, school = 1 }\n";

/// A site of `units` villages in areas of 50, three people each, every one on one team; with
/// `campaign`, one unit in ten an enterprise or a school, people with ranks (one in 50 county
/// level), household counts on every member, 40 organization records (two with nobody
/// serving) and one unit in five linked to an organization as a whole.
fn generate_site(root: &Path, units: usize, campaign: Campaign) {
    let rules = if campaign == Campaign::Rules {
        CAMPAIGN_RULES
    } else {
        ""
    };
    write(
        &root.join("config.toml"),
        &format!(
            "title = \"基准测试市\"\nbase_url = \"https://gongshi.shifan.cn/city\"\nhotline = \"0534-2212345\"\nissuer = \"市委组织部\"\ndate = 2026-03-01\n[board]\ntasks = [\"宣传政策\", \"反映心声\", \"解决困难\"]\n{rules}"
        ),
    );
    let with_fields = campaign != Campaign::None;
    for p in 0..units * PEOPLE_PER_UNIT {
        let rank = match p {
            _ if !with_fields => "",
            p if p % 50 == 0 => "rank = \"县级\"\n",
            p if p % 3 == 0 => "rank = \"科级\"\n",
            _ => "rank = \"一般干部\"\n",
        };
        write(
            &root.join(format!("content/people/p{p:06}.toml")),
            &format!(
                "name = \"{}\"\ntitle = \"市直机关干部\"\norg = \"市第{}局\"\nphone = \"{}\"\nchecked = 2026-01-01\n{rank}",
                person_name(p),
                p % 40,
                phone(p)
            ),
        );
    }
    if with_fields {
        for org in 0..42 {
            write(
                &root.join(format!("content/orgs/ju{org:02}.toml")),
                &format!(
                    "name = \"市第{org}局\"\nleader = \"p{org:06}\"\nphone = \"0534-22{:05}\"\n",
                    10_000 + org
                ),
            );
        }
    }
    for u in 0..units {
        let area = u / UNITS_PER_AREA;
        let mut text = format!(
            "name = \"{}\"\nhouseholds = {}\n",
            unit_name(u),
            100 + u % 400
        );
        if with_fields {
            let kind = match u % 20 {
                7 => "enterprise",
                13 => "school",
                _ => "village",
            };
            let _ = writeln!(text, "kind = \"{kind}\"");
            if u % 5 == 0 {
                let _ = writeln!(text, "orgs = [\"市第{}局\"]", u % 40);
            }
        }
        for k in 0..PEOPLE_PER_UNIT {
            let _ = write!(
                text,
                "\n[[team]]\nperson = \"p{:06}\"\nrole = \"{}\"\nlead = {}\n",
                u * PEOPLE_PER_UNIT + k,
                ROLES[k % ROLES.len()],
                k == 0
            );
            if with_fields {
                let _ = writeln!(text, "households = {}", 30 + (u + k) % 20);
            }
        }
        write(
            &root.join(format!("content/area-{area:04}/u{u:06}.toml")),
            &text,
        );
    }
    for area in 0..units.div_ceil(UNITS_PER_AREA) {
        write(
            &root.join(format!("content/area-{area:04}/_index.toml")),
            &format!("name = \"第{area}镇\"\n"),
        );
    }
}

/// Visits and ledger entries for every three units in a year (40,000 and 5,000 at 3,000 units).
const VISITS_PER_3_UNITS: usize = 40;
const LEDGER_PER_3_UNITS: usize = 5;

/// A year of work logs up to the publication date (2026-03-01) for the site of
/// [`generate_site`]: visits by each unit's team, mostly home visits, naming the unit by URL
/// path or by area and unit names; ledger entries of every status, some overdue.
fn generate_worklog(root: &Path, units: usize) {
    use time::{Date, Duration, Month};
    let today = Date::from_calendar_date(2026, Month::March, 1).unwrap();
    let kinds = ["入户", "入户", "入户", "活动", "座谈", "宣讲"];
    let topics = [
        "政策宣传",
        "困难群众走访",
        "安全检查",
        "听取意见建议",
        "产业发展调研",
    ];
    let unit_ref = |u: usize, n: usize| {
        let area = u / UNITS_PER_AREA;
        if n.is_multiple_of(2) {
            format!("area-{area:04}/u{u:06}")
        } else {
            format!("第{area}镇/{}", unit_name(u))
        }
    };
    let visits = units * VISITS_PER_3_UNITS / 3;
    let mut text = String::from("日期,单位,人员,形式,户数,内容\n");
    for n in 0..visits {
        let u = n % units;
        let date = today - Duration::days(((n * 7919) % 365) as i64);
        let (a, b) = (
            u * PEOPLE_PER_UNIT + n % 3,
            u * PEOPLE_PER_UNIT + (n + 1) % 3,
        );
        let kind = kinds[n % kinds.len()];
        let households = if kind == "入户" {
            format!("{}", 3 + n % 9)
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "{date},{},p{a:06}、p{b:06},{kind},{households},{}",
            unit_ref(u, n),
            topics[n % topics.len()]
        );
    }
    write(&root.join("content/visits/走访记录.csv"), &text);
    let categories = [
        "基础设施",
        "就业",
        "社保",
        "教育",
        "医疗",
        "住房",
        "环境",
        "其他",
    ];
    let mut text = String::from("编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n");
    for n in 0..units * LEDGER_PER_3_UNITS / 3 {
        let u = (n * 3) % units;
        let raised = today - Duration::days(((n * 4099) % 360) as i64 + 1);
        let due = raised + Duration::days(30);
        let (status, closed) = match n % 10 {
            0..=5 => (
                "已办结",
                (raised + Duration::days(10)).min(today).to_string(),
            ),
            6 => (
                "已反馈",
                (raised + Duration::days(20)).min(today).to_string(),
            ),
            7 | 8 => ("办理中", String::new()),
            _ => ("待办", String::new()),
        };
        let _ = writeln!(
            text,
            "L{n:06},{},{raised},{},问题摘要{n},p{:06},{due},{status},{closed}",
            unit_ref(u, n),
            categories[n % categories.len()],
            u * PEOPLE_PER_UNIT
        );
    }
    write(&root.join("content/ledger/问题台账.csv"), &text);
}

/// The same units and people as Hugo content, with templates making equivalent pages (unit
/// page with its team and tel links, area lists, people pages).
fn generate_hugo(hugo: &Path, _site: &Path, units: usize) {
    write(
        &hugo.join("hugo.toml"),
        "baseURL = \"https://gongshi.shifan.cn/city/\"\ntitle = \"基准测试市\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n",
    );
    write(
        &hugo.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{{ .Title }} · {{ site.Title }}</title><meta name=\"description\" content=\"{{ .Description }}\"><link rel=\"stylesheet\" href=\"{{ \"style.css\" | relURL }}\"></head><body><header><a href=\"{{ \"\" | relURL }}\">{{ site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main><footer><a href=\"tel:05342212345\">监督电话 0534-2212345</a> <a href=\"tel:12345\">12345</a></footer></body></html>",
    );
    write(
        &hugo.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ with .Params.team }}<ul>{{ range . }}<li><span>{{ .initial }}</span><a href=\"{{ .url | relURL }}\">{{ .name }}</a> <span>{{ .role }}</span><p>{{ .title }}</p><p>派出单位：{{ .org }}</p><a href=\"tel:+86{{ .phone }}\">{{ .phone }}</a> <a href=\"{{ .vcf | relURL }}\">保存到通讯录</a></li>{{ end }}</ul>{{ end }}{{ with .Params.phone }}<a href=\"tel:+86{{ . }}\">{{ . }}</a>{{ end }}{{ .Content }}{{ end }}",
    );
    write(
        &hugo.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ with .Params.team }}{{ with index . 0 }} <a href=\"tel:+86{{ .phone }}\">{{ .name }} {{ .phone }}</a>{{ end }}{{ end }}</li>{{ end }}</ul>{{ end }}",
    );
    write(&hugo.join("static/style.css"), "body{font-size:18px}");
    for p in 0..units * PEOPLE_PER_UNIT {
        write(
            &hugo.join(format!("content/people/p{p:06}.md")),
            &format!(
                "+++\ntitle = \"{}\"\nphone = \"{}\"\n+++\n",
                person_name(p),
                phone(p)
            ),
        );
    }
    for u in 0..units {
        let area = u / UNITS_PER_AREA;
        let mut text = format!(
            "+++\ntitle = \"{}\"\ndescription = \"{}的联系干部\"\n",
            unit_name(u),
            unit_name(u)
        );
        for k in 0..PEOPLE_PER_UNIT {
            let p = u * PEOPLE_PER_UNIT + k;
            let _ = write!(
                text,
                "[[team]]\nname = \"{}\"\ninitial = \"{}\"\nrole = \"{}\"\ntitle = \"市直机关干部\"\norg = \"市第{}局\"\nphone = \"{}\"\nurl = \"people/p{p:06}/\"\nvcf = \"people/p{p:06}.vcf\"\n",
                person_name(p),
                SURNAMES[p % 16],
                ROLES[k % ROLES.len()],
                p % 40,
                phone(p)
            );
        }
        text.push_str("+++\n");
        write(
            &hugo.join(format!("content/area-{area:04}/u{u:06}.md")),
            &text,
        );
    }
    for area in 0..units.div_ceil(UNITS_PER_AREA) {
        write(
            &hugo.join(format!("content/area-{area:04}/_index.md")),
            &format!("+++\ntitle = \"第{area}镇\"\n+++\n"),
        );
    }
}

/// The same county with the campaign rules off and on (and, for scale, without any campaign
/// field): each build in a fresh process into a fresh folder, alternating, median of three;
/// then one build of each with `NOTICEBOARD_TIMINGS=1` for its stages.
fn campaign_rules_cost(units: usize) {
    let variants = [Campaign::None, Campaign::Fields, Campaign::Rules];
    let dirs: Vec<tempfile::TempDir> = variants
        .iter()
        .map(|&campaign| {
            let dir = tempfile::tempdir().unwrap();
            generate_site(dir.path(), units, campaign);
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
fn one_person_on_many_teams(counts: Vec<usize>) {
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
fn check_without_teams(counts: Vec<usize>) {
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

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

fn which(command: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(command))
            .find(|p| p.is_file())
    })
}

/// Starts `serve`, edits one unit file five times and measures until the page shows each edit.
fn serve_edit_latency(root: &Path) -> u128 {
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
