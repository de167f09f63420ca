//! The residents' pages, checked the way residents' phones and public-service audits see them.
//!
//! The example site (config.toml and content/ at the repository root) is built into a temporary
//! folder and served on 127.0.0.1; then real tools judge it: Lighthouse (mobile profile) and
//! axe-core in Debian's chromium, the Nu HTML checker on every generated page, and a headless
//! browser that types into the search box and measures the unit page on phone-sized screens.
//!
//! Those tools come from npm and Debian; the first run installs them (common::tools) or, when
//! not run as root, fails naming the command to run. Nothing is skipped.
//!
//! The checks take turns (see [`TURN`]): Lighthouse measures time, and a browser or a build
//! running beside it on a 2-core machine would make its performance score a lottery.

mod common;

use common::{Site, person, text};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::tools::{self, BROWSER_DIR};

/// One check at a time: the browser checks, and the builds of the others, which would
/// otherwise compete with Lighthouse for the CPU while it measures.
static TURN: Mutex<()> = Mutex::new(());

fn take_turn() -> MutexGuard<'static, ()> {
    // A check that failed while holding the lock poisons it; the next check may still run.
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

// ---------------------------------------------------------------------------------------------
// The example site, built and served.

/// The example site built into a temporary folder and served on 127.0.0.1 until dropped.
struct Served {
    _dir: tempfile::TempDir,
    public: PathBuf,
    base: String,
    server: Option<Server>,
}

impl Served {
    fn example() -> Served {
        let dir = tempfile::tempdir().expect("temp dir");
        let public = dir.path().join("public");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = common::run_in(
            root,
            &["build", "--draft", "--output", public.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "building the example site failed:\n{}",
            text(&out)
        );
        let server = Server::start(public.clone());
        let base = format!("http://{}/", server.addr);
        Served {
            _dir: dir,
            public,
            base,
            server: Some(server),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The front page, the first area page and the first unit page linked from it, as
    /// site-relative paths: what a resident who scanned nothing would click through.
    fn sample_pages(&self) -> [String; 3] {
        let front = read(&self.public.join("index.html"));
        let area = first_link(&front, "class=\"area-links\"").expect("front page links an area");
        let area_page = read(&self.public.join(&area).join("index.html"));
        let unit = first_link(&area_page, "class=\"unit-link\"").expect("area page links a unit");
        // Links are relative to the area page.
        let unit = normalize(&format!("{area}{unit}"));
        [String::new(), area, unit]
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop();
        }
    }
}

/// A small static file server for the built site: loopback only, one thread per connection,
/// folders answer with their index.html, unknown paths with 404.html and status 404, as a
/// static host would.
struct Server {
    addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Server {
    fn start(root: PathBuf) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || serve_one(stream, &root));
            }
        });
        Server { addr, stop, thread }
    }

    fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        let _ = self.thread.join();
    }
}

fn serve_one(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers: nothing in them changes the answer.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));

    let mut file = None;
    if !path.split('/').any(|segment| segment == "..") {
        let mut candidate = root.join(path.trim_start_matches('/'));
        if candidate.is_dir() {
            candidate = candidate.join("index.html");
        }
        file = candidate.is_file().then_some(candidate);
    }
    let (status, file) = match file {
        Some(f) => ("200 OK", f),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: max-age=600\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "vcf" => "text/vcard; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------------
// The tools.

/// The browser, the npm page checkers and Java, installed on first use (see common::tools).
/// Returns the browser the checkers drive.
fn require_browser_tools() -> PathBuf {
    tools::require_node_modules();
    tools::require("java");
    tools::require_cjk_fonts();
    match std::env::var_os("CHROME_PATH") {
        Some(path) => PathBuf::from(path),
        None => tools::require("chromium"),
    }
}

/// Runs `node SCRIPT ARGS` in tests/browser and returns its JSON answer; gives up after
/// `limit`, killing the script and its browser.
fn node(script: &str, args: &[String], limit: Duration) -> Value {
    let chrome = require_browser_tools();
    let child = Command::new(tools::require("node"))
        .env("CHROME_PATH", chrome)
        .arg(script)
        .args(args)
        .current_dir(BROWSER_DIR)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start node ({e}): install Node.js 20 or later (`apt-get install nodejs npm`)")
        });
    let output = wait_with_limit(child, limit, script);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "tests/browser/{script} failed ({}):\n{stderr}\n{stdout}",
        output.status
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("tests/browser/{script} printed no JSON ({e}):\n{stdout}\n{stderr}")
    })
}

fn wait_with_limit(
    mut child: std::process::Child,
    limit: Duration,
    what: &str,
) -> std::process::Output {
    // Read both pipes on threads so that a chatty tool cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for child") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}; it was stopped");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    std::process::Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers over the generated HTML.

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first href after `marker` in `html`.
fn first_link(html: &str, marker: &str) -> Option<String> {
    let rest = &html[html.find(marker)?..];
    let start = rest.find("href=\"")? + 6;
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_string())
}

/// Resolves `./` and `../` in a site-relative path.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every generated HTML page made from the residents' templates (not the printable boards or
/// the coverage report), as (site-relative path, text).
fn resident_pages(public: &Path) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = walkdir::WalkDir::new(public)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(public).unwrap();
            (rel.to_string_lossy().replace('\\', "/"), read(e.path()))
        })
        .filter(|(rel, _)| {
            !rel.ends_with("board.html")
                && !rel.ends_with("boards.html")
                && !rel.starts_with("coverage/")
        })
        .collect();
    pages.sort();
    pages
}

/// The value of `<meta property|name="key" content="…">`, unescaped enough for comparisons.
fn meta(html: &str, key: &str) -> Option<String> {
    ["property", "name"].iter().find_map(|attr| {
        let marker = format!("<meta {attr}=\"{key}\" content=\"");
        let start = html.find(&marker)? + marker.len();
        let end = html[start..].find('"')?;
        Some(html[start..start + end].replace("&amp;", "&"))
    })
}

// ---------------------------------------------------------------------------------------------
// The checks that drive a browser.

/// Lighthouse's performance score varies from run to run (its guidance is to take the median
/// of several); the other categories do not. A page under the performance bar is measured twice
/// more and judged on the median of the three runs.
const PERFORMANCE_RUNS: usize = 3;

#[test]
fn lighthouse_scores_front_area_and_unit_pages_on_a_phone() {
    require_browser_tools();
    let _turn = take_turn();
    let site = Served::example();
    let urls: Vec<String> = site.sample_pages().iter().map(|p| site.url(p)).collect();
    let lighthouse = |urls: &[String]| -> Vec<Value> {
        let reports = node("lighthouse.mjs", urls, Duration::from_secs(300));
        let reports = reports.as_array().cloned().expect("one report per page");
        assert_eq!(reports.len(), urls.len());
        reports
    };
    let score = |report: &Value, category: &str| report["scores"][category].as_i64().unwrap_or(-1);
    let mut reports = lighthouse(&urls);

    let slow: Vec<String> = reports
        .iter()
        .filter(|r| score(r, "performance") < 95)
        .map(|r| r["url"].as_str().unwrap_or("").to_string())
        .collect();
    if !slow.is_empty() {
        let mut runs: Vec<Vec<Value>> = vec![];
        for _ in 1..PERFORMANCE_RUNS {
            runs.push(lighthouse(&slow));
        }
        for report in reports.iter_mut() {
            let Some(i) = slow.iter().position(|u| report["url"] == u.as_str()) else {
                continue;
            };
            let mut all: Vec<i64> = runs
                .iter()
                .map(|run| score(&run[i], "performance"))
                .collect();
            all.push(score(report, "performance"));
            all.sort_unstable();
            report["scores"]["performance"] = all[all.len() / 2].into();
            report["performance_runs"] = all.into();
        }
    }

    let mut problems = Vec::new();
    for report in &reports {
        let url = report["url"].as_str().unwrap_or("?");
        for (category, minimum) in [
            ("accessibility", 100),
            ("best-practices", 100),
            ("seo", 90),
            ("performance", 95),
        ] {
            if score(report, category) < minimum {
                let failing: Vec<String> = report["failing"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|a| a["category"] == category)
                    .map(|a| format!("{} ({}) {}", a["id"], a["score"], a["value"]))
                    .collect();
                problems.push(format!(
                    "{url}: {category} {} < {minimum} (runs: {}); audits below full marks: {}",
                    score(report, category),
                    report["performance_runs"],
                    failing.join(", ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn axe_finds_no_violation_on_the_residents_pages() {
    require_browser_tools();
    let _turn = take_turn();
    let site = Served::example();
    let mut pages: Vec<String> = site.sample_pages().to_vec();
    pages.extend(["people/".to_string(), "people/wang-xing/".to_string()]);
    let urls: Vec<String> = pages.iter().map(|p| site.url(p)).collect();
    let reports = node("axe.mjs", &urls, Duration::from_secs(180));
    let mut problems = Vec::new();
    for report in reports.as_array().expect("one report per page") {
        let url = report["url"].as_str().unwrap_or("?");
        assert_eq!(report["status"], 200, "{url} did not load");
        for v in report["violations"].as_array().into_iter().flatten() {
            problems.push(format!(
                "{url}: {} ({}) {} at {}",
                v["id"], v["impact"], v["help"], v["targets"]
            ));
        }
        for e in report["errors"].as_array().into_iter().flatten() {
            problems.push(format!("{url}: console error {e}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nu_html_checker_finds_no_error_in_any_generated_page() {
    require_browser_tools();
    let _turn = take_turn();
    let site = Served::example();
    let jar = Path::new(BROWSER_DIR).join("node_modules/vnu-jar/build/dist/vnu.jar");
    let child = Command::new(tools::require("java"))
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "text"])
        .arg(&site.public)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start java ({e}): install a Java runtime (`apt-get install default-jre-headless`)")
        });
    let out = wait_with_limit(child, Duration::from_secs(180), "the Nu HTML checker");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the Nu HTML checker found errors:\n{report}"
    );
    // It read the pages: boards included.
    let pages = walkdir::WalkDir::new(&site.public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > 20, "only {pages} pages were generated");
}

#[test]
fn search_box_finds_a_village_by_pinyin_initials_as_you_type() {
    require_browser_tools();
    let _turn = take_turn();
    let site = Served::example();
    // The page the queries are about.
    let liuzhuang = resident_pages(&site.public)
        .into_iter()
        .find(|(_, html)| html.contains("<h1>刘庄村</h1>"))
        .map(|(rel, _)| rel.trim_end_matches("index.html").to_string())
        .expect("the example site has 刘庄村");
    // 王兴 leads 刘庄村; his mobile ends in 1201.
    let answer = node(
        "search.mjs",
        &[
            site.url(""),
            "lz".into(),
            "liuzhuang".into(),
            "刘庄".into(),
            "1201".into(),
            "zzzq".into(),
            // 曾国范: 曾 is read zeng as a surname (the pinyin data says ceng).
            "zgf".into(),
            "zengguofan".into(),
            // 重阳村: 重 is read chong here, zhong elsewhere; either finds it.
            "chongyang".into(),
            "zhongyang".into(),
            "cy".into(),
            // A role typed in characters finds the teams that have one.
            "民警".into(),
            "第一书记".into(),
        ],
        Duration::from_secs(120),
    );
    let searches = answer["searches"].as_array().expect("searches");
    let names = |i: usize| -> Vec<String> {
        searches[i]["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r["name"].as_str().unwrap_or("").to_string())
            .collect()
    };

    // Initials: the village comes first, and a village that does not spell l-z is not listed.
    let lz = &searches[0]["results"][0];
    assert_eq!(lz["name"], "刘庄村", "typing lz: {}", searches[0]);
    assert_eq!(
        normalize(lz["href"].as_str().unwrap()),
        normalize(&liuzhuang),
        "typing lz leads to the village's page"
    );
    assert!(
        !names(0).iter().any(|n| n == "张庄村"),
        "张庄村 (zzc) matched lz: {:?}",
        names(0)
    );
    assert_eq!(names(1).first().map(String::as_str), Some("刘庄村"));
    assert_eq!(names(2).first().map(String::as_str), Some("刘庄村"));
    // The last digits of the lead's phone find him, and through him his village.
    assert!(
        names(3).iter().any(|n| n == "王兴") && names(3).iter().any(|n| n == "刘庄村"),
        "typing 1201: {:?}",
        names(3)
    );
    // Nothing found says so, in words.
    assert!(names(4).is_empty());
    assert!(
        !searches[4]["status"].as_str().unwrap_or("").is_empty(),
        "an empty result says so"
    );
    assert!(
        searches[0]["status"].as_str().unwrap_or("").contains('1'),
        "the status line counts the results: {}",
        searches[0]["status"]
    );
    // Readings people use: the surname's reading, and every reading of a 多音字.
    for (i, query) in [(5, "zgf"), (6, "zengguofan")] {
        assert_eq!(
            names(i).first().map(String::as_str),
            Some("曾国范"),
            "typing {query}: {:?}",
            names(i)
        );
    }
    for (i, query) in [(7, "chongyang"), (8, "zhongyang"), (9, "cy")] {
        assert!(
            names(i).iter().any(|n| n == "重阳村"),
            "typing {query}: {:?}",
            names(i)
        );
    }
    assert_eq!(names(7).first().map(String::as_str), Some("重阳村"));
    // Roles: the units whose teams have a police officer, each result saying who and in what role.
    let lines = |i: usize| -> Vec<String> {
        searches[i]["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r["text"].as_str().unwrap_or("").to_string())
            .collect()
    };
    for (village, officer) in [("重阳村", "单丽（联村民警）"), ("刘庄村", "（联村民警）")]
    {
        assert!(
            lines(10)
                .iter()
                .any(|l| l.contains(village) && l.contains(officer)),
            "typing 民警 lists {village} with {officer}: {:?}",
            lines(10)
        );
    }
    for village in ["刘庄村", "石桥村", "重阳村"] {
        assert!(
            names(11).iter().any(|n| n == village),
            "typing 第一书记 lists {village}: {:?}",
            names(11)
        );
    }
    assert_eq!(answer["errors"], serde_json::json!([]), "console errors");
}

#[test]
fn unit_page_fits_phone_screens_without_horizontal_scrolling() {
    require_browser_tools();
    let _turn = take_turn();
    let site = Served::example();
    let [_, _, unit] = site.sample_pages();
    let answer = node("layout.mjs", &[site.url(&unit)], Duration::from_secs(120));
    let mut problems = Vec::new();
    for screen in answer["screens"].as_array().expect("screens") {
        let name = screen["screen"].as_str().unwrap_or("?");
        if screen["scrollWidth"].as_i64() > screen["clientWidth"].as_i64() {
            problems.push(format!(
                "{name}: the page is {} px wide on a {} px screen; sticking out: {}",
                screen["scrollWidth"], screen["clientWidth"], screen["sticking"]
            ));
        }
        let calls = screen["calls"].as_array().cloned().unwrap_or_default();
        if calls.is_empty() {
            problems.push(format!("{name}: no tap-to-call button"));
        }
        for call in calls {
            if call["width"].as_i64() < Some(60) || call["height"].as_i64() < Some(60) {
                problems.push(format!(
                    "{name}: the call button {} is {}×{} px, under 60×60",
                    call["text"], call["width"], call["height"]
                ));
            }
        }
        if name == "360x800" && screen["smallestText"]["px"].as_f64() < Some(18.0) {
            problems.push(format!(
                "{name}: text under 18 px: {}",
                screen["smallestText"]
            ));
        }
    }
    for e in answer["errors"].as_array().into_iter().flatten() {
        problems.push(format!("console error {e}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Checks on the generated files alone (no browser).

#[test]
fn unit_page_weighs_at_most_30_kb_before_photos() {
    let _turn = take_turn();
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = common::run_in(
        root,
        &["build", "--draft", "--output", public.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out));
    let front = read(&public.join("index.html"));
    let area = first_link(&front, "class=\"area-links\"").unwrap();
    let area_html = read(&public.join(&area).join("index.html"));
    let unit = normalize(&format!(
        "{area}{}",
        first_link(&area_html, "class=\"unit-link\"").unwrap()
    ));
    let page_dir = public.join(&unit);
    let html = read(&page_dir.join("index.html"));

    // The page and every stylesheet and script it loads.
    let mut total = html.len();
    let mut parts = vec![format!("{unit}index.html {} B", html.len())];
    for (marker, attr) in [
        ("<link rel=\"stylesheet\"", "href=\""),
        ("<script", "src=\""),
    ] {
        let mut rest = html.as_str();
        while let Some(i) = rest.find(marker) {
            rest = &rest[i + marker.len()..];
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            if let Some(start) = tag.find(attr) {
                let src = &tag[start + attr.len()..];
                let src = &src[..src.find('"').unwrap_or(src.len())];
                let file = page_dir.join(src);
                let bytes = std::fs::read(&file)
                    .unwrap_or_else(|e| panic!("{unit}: {src} does not load: {e}"));
                let css = String::from_utf8_lossy(&bytes);
                assert!(
                    !css.contains("@font-face") && !css.contains("@import"),
                    "{src} downloads fonts or more styles"
                );
                total += bytes.len();
                parts.push(format!("{src} {} B", bytes.len()));
            }
        }
    }
    assert!(
        total <= 30 * 1024,
        "the unit page weighs {total} B of HTML, CSS and JS (limit 30 KB): {}",
        parts.join(", ")
    );
    // Every image except the first member's photo waits until it is scrolled to.
    let images: Vec<&str> = html
        .match_indices("<img ")
        .map(|(i, _)| &html[i..])
        .collect();
    for (n, img) in images.iter().enumerate() {
        let tag = &img[..img.find('>').unwrap()];
        if n > 0 || !tag.contains("class=\"photo\"") {
            assert!(tag.contains("loading=\"lazy\""), "not lazy: {tag}");
        }
        assert!(
            tag.contains("width=\"") && tag.contains("height=\"") && tag.contains("alt=\""),
            "an image needs a size (no layout shift) and alt text: {tag}"
        );
    }
}

/// A small site whose every value is known: an area with its own hotline, a unit that
/// overrides it, a member whose assignment ended, and private-looking fields that must not
/// leave the pages for the index.
fn known_site() -> Site {
    Site::new(&[
        (
            "content/people/wang-xing.toml",
            &person("王兴", "139 0534 1201"),
        ),
        (
            "content/people/li-hua.toml",
            "name = \"李华\"\ntitle = \"镇农业办主任\"\nphone = \"138 0534 2202\"\noffice_phone = \"0534-2213002\"\n",
        ),
        (
            "content/people/old-hand.toml",
            &person("旧人", "137 0534 9999"),
        ),
        (
            "content/鲁权屯镇/_index.toml",
            "name = \"鲁权屯镇\"\nhotline = \"0534-2219876\"\n",
        ),
        (
            "content/鲁权屯镇/刘庄村.toml",
            "name = \"刘庄村\"\nhouseholds = 312\naddress = \"鲁权屯镇刘庄村村委会\"\naliases = [\"old/liuzhuang\"]\n\
             [[team]]\nperson = \"wang-xing\"\nrole = \"第一书记\"\nlead = true\ncovers = [\"1组\", \"2组\"]\n\
             [[team]]\nperson = \"li-hua\"\nrole = \"包村干部\"\n\
             [[team]]\nperson = \"old-hand\"\nuntil = 2020-01-01\n",
        ),
        (
            "content/鲁权屯镇/东关社区.toml",
            "name = \"东关社区\"\nkind = \"community\"\nhotline = \"0534-2210000\"\n\
             [[team]]\nperson = \"li-hua\"\nlead = true\n",
        ),
    ])
}

#[test]
fn search_index_holds_names_pinyin_initials_and_last_digits_only() {
    let _turn = take_turn();
    let site = known_site();
    site.build_ok();
    let raw = site.public("search.json");
    let index: Value = serde_json::from_str(&raw).expect("search.json is JSON");
    assert_eq!(index["v"], 2);

    let places = index["places"].as_array().unwrap();
    let people = index["people"].as_array().unwrap();
    let place = |name: &str| {
        places
            .iter()
            .find(|p| p["n"] == name)
            .unwrap_or_else(|| panic!("{name} is not in search.json: {raw}"))
    };
    let village = place("刘庄村");
    assert_eq!(village["k"], "village");
    assert_eq!(village["a"], "鲁权屯镇");
    assert_eq!(village["u"], "luquantunzhen/liuzhuangcun/");
    assert_eq!(village["p"], "liu zhuang cun");
    assert_eq!(village["i"], "lzc");
    // The page the entry points at exists.
    assert!(site.public_exists("luquantunzhen/liuzhuangcun/index.html"));
    let area = place("鲁权屯镇");
    assert_eq!(
        (area["k"].as_str(), area["i"].as_str()),
        (Some("township"), Some("lqtz"))
    );
    assert_eq!(place("东关社区")["k"], "community");

    // The current team, by reference into `people`, with roles; the member whose assignment
    // ended is not on it (they keep their own person page, and so their own entry).
    let team: Vec<(String, Option<String>)> = village["m"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let who = &people[m[0].as_u64().unwrap() as usize];
            (
                who["n"].as_str().unwrap().to_string(),
                m[1].as_str().map(String::from),
            )
        })
        .collect();
    assert_eq!(
        team,
        [
            ("王兴".to_string(), Some("第一书记".to_string())),
            ("李华".to_string(), Some("包村干部".to_string()))
        ]
    );
    let li = people.iter().find(|p| p["n"] == "李华").unwrap();
    assert_eq!(li["p"], "li hua");
    assert_eq!(li["i"], "lh");
    assert_eq!(li["u"], "people/li-hua/");
    assert_eq!(
        li["d"],
        serde_json::json!(["2202", "3002"]),
        "mobile and office, last four digits"
    );
    assert_eq!(index["kinds"]["village"], "村");

    // Nothing beyond what search needs: no full numbers, no households, addresses or covers.
    for private in [
        "13805342202",
        "138 0534 2202",
        "0534-2213002",
        "2213002",
        "312",
        "村委会",
        "1组",
        "tel:",
    ] {
        assert!(!raw.contains(private), "search.json holds {private}: {raw}");
    }
    // Every name it holds is on the pages.
    for entry in places.iter().chain(people) {
        let url = entry["u"].as_str().unwrap();
        let page = site.public(&format!("{url}index.html"));
        assert!(page.contains(entry["n"].as_str().unwrap()), "{url}");
    }
}

#[test]
fn every_residents_page_has_the_basics() {
    let _turn = take_turn();
    let site = known_site();
    site.build_ok();
    let public = site.path("public");
    let pages = resident_pages(&public);
    assert!(
        pages.len() >= 8,
        "pages: {:?}",
        pages.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    for (rel, html) in &pages {
        let has = |needle: &str| html.contains(needle);
        assert!(has("<html lang=\"zh-Hans\""), "{rel}: lang");
        assert!(
            has("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            "{rel}: viewport"
        );
        assert!(
            meta(html, "description").is_some_and(|d| !d.is_empty()),
            "{rel}: description"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{rel}: one h1");
        assert!(
            has("class=\"skip\" href=\"#main\"") && has("<main id=\"main\""),
            "{rel}: skip link"
        );
        for landmark in ["<header", "<nav", "<main", "<footer"] {
            assert!(has(landmark), "{rel}: {landmark}");
        }
        assert!(has("rel=\"icon\""), "{rel}: favicon");
        // The supervision hotline and 12345, in the footer of every page.
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(footer.contains("href=\"tel:12345\""), "{rel}: 12345");
        assert!(
            footer.contains("href=\"tel:+86534"),
            "{rel}: supervision hotline"
        );
        // Link previews: title, description, and an image that exists in the output.
        for key in ["og:title", "og:description", "og:url", "og:image"] {
            assert!(
                meta(html, key).is_some_and(|v| !v.is_empty()),
                "{rel}: {key}"
            );
        }
        let image = meta(html, "og:image").unwrap();
        let image = image
            .strip_prefix("https://gongshi.shifan.cn/county/")
            .unwrap_or_else(|| panic!("{rel}: og:image {image} is not on the site"));
        assert!(
            public.join(image).is_file(),
            "{rel}: og:image {image} does not exist"
        );
        // No web fonts.
        assert!(
            !has("fonts.googleapis") && !has("@font-face"),
            "{rel}: web font"
        );
    }

    // A unit page: the lead's call button comes first, the unit's own hotline in the footer.
    let unit = site.public("luquantunzhen/liuzhuangcun/index.html");
    let main = &unit[unit.find("<main").unwrap()..unit.find("</main>").unwrap()];
    let first_call = &main[main.find("href=\"tel:").unwrap()..];
    assert!(
        first_call.starts_with("href=\"tel:+8613905341201\""),
        "lead first: {first_call:.80}"
    );
    assert!(main[..main.find("href=\"tel:").unwrap()].contains("<h1>刘庄村</h1>"));
    let footer = |html: &str| html[html.find("<footer").unwrap()..].to_string();
    assert!(
        footer(&unit).contains("tel:+865342219876"),
        "the area's hotline applies to 刘庄村"
    );
    assert!(
        footer(&site.public("luquantunzhen/dongguanshequ/index.html"))
            .contains("tel:+865342210000"),
        "a unit's own hotline overrides the area's"
    );
    assert!(
        footer(&site.public("index.html")).contains("tel:+865342212345"),
        "the site's hotline"
    );
    // WeChat previews of a unit show its name and its QR code.
    assert_eq!(meta(&unit, "og:title").as_deref(), Some("刘庄村"));
    assert!(
        meta(&unit, "og:image")
            .unwrap()
            .ends_with("luquantunzhen/liuzhuangcun/qr.png")
    );
    // Printing a unit page gives a clean sheet (its stylesheet has print rules).
    assert!(unit.contains("assets/style.css"));
    assert!(read(&public.join("assets/style.css")).contains("@media print"));
    // An old address forwards to the unit, and is a page like any other (checked above).
    let moved = site.public("old/liuzhuang/index.html");
    assert!(
        moved.contains("url=../../luquantunzhen/liuzhuangcun/"),
        "{moved}"
    );
}

#[test]
fn pages_list_their_units_without_javascript() {
    let _turn = take_turn();
    let site = known_site();
    site.build_ok();
    for (page, root) in [("index.html", "./"), ("luquantunzhen/index.html", "../")] {
        let html = site.public(page);
        for unit in [
            "luquantunzhen/liuzhuangcun/",
            "luquantunzhen/dongguanshequ/",
        ] {
            assert!(
                html.contains(&format!("href=\"{root}{unit}\"")),
                "{page} does not link {unit}"
            );
        }
        // The lead's number is right there in the list.
        assert!(
            html.contains("href=\"tel:+8613905341201\""),
            "{page}: lead's number"
        );
        // The search box is only a shortcut: hidden when scripts are off.
        assert!(html.contains("<noscript><style>.search { display: none; }</style></noscript>"));
        assert!(html.contains("assets/search.js\" defer"));
    }
}
