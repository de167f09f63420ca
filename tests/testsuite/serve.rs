//! `noticeboard serve`: starts on a free loopback port, answers `/`, shows an edit, reports a
//! broken file and recovers from it without a restart, and stops cleanly. Every wait is bounded.

use crate::common::{Site, person};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = crate::common::noticeboard()
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed no address");
        let port = line
            .rsplit("127.0.0.1:")
            .next()
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { child, port }
    }

    /// (status code, body) of a GET on the server.
    fn get(&self, path: &str) -> (u16, String) {
        self.get_from("127.0.0.1", path)
    }

    /// (status code, body) of a GET naming `host` in its `Host` header.
    fn get_from(&self, host: &str, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_string());
        (status, body)
    }

    /// Polls `path` until `ok` holds for its body, for at most 20 seconds.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if ok(&body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; last body:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_shows_edits_reports_errors_recovers_and_stops() {
    let site = Site::new(&[
        ("content/people/a.toml", &person("甲", "13905341201")),
        (
            "content/east/v.toml",
            "name = \"东村\"\n[[team]]\nperson = \"a\"\nlead = true\n",
        ),
    ]);
    let server = Server::start(&site);

    let (status, front) = server.get("/");
    assert_eq!(status, 200);
    assert!(front.contains("东村"), "{front}");
    assert!(
        front.contains("/__livereload.js"),
        "live reload script injected while serving"
    );
    let (status, script) = server.get("/__livereload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    assert_eq!(server.get("/no/such/page/").0, 404);

    // An edit shows up without a restart.
    site.write(
        "content/east/v.toml",
        "name = \"东村新名\"\n[[team]]\nperson = \"a\"\nlead = true\n",
    );
    server.wait_for("/east/v/", "the edited name", |b| b.contains("东村新名"));

    // A broken file is reported (with its path) while the last good build stays served.
    site.write("content/east/v.toml", "name = \"坏\n");
    let status = server.wait_for("/__status", "the error", |b| b.contains("\"ok\":false"));
    assert!(status.contains("content/east/v.toml"), "{status}");
    assert!(
        server.get("/east/v/").1.contains("东村新名"),
        "last good build still served"
    );

    // Fixing it recovers.
    site.write(
        "content/east/v.toml",
        "name = \"东村修好\"\n[[team]]\nperson = \"a\"\nlead = true\n",
    );
    server.wait_for("/east/v/", "the fixed page", |b| b.contains("东村修好"));
    // The page is swapped in a moment before the status is set: wait for it, as for the page.
    server.wait_for("/__status", "the recovered status", |b| {
        b.contains("\"ok\":true")
    });

    // The build never wrote into the site's own public/ folder.
    assert!(!site.public_exists("index.html"));

    // SIGTERM stops it cleanly and quickly.
    let mut server = server;
    let killed = Command::new("kill")
        .arg("-TERM")
        .arg(server.child.id().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
    let start = Instant::now();
    let exit = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "serve exited with {exit}");
}

#[test]
fn serve_starts_even_when_the_first_build_fails() {
    let site = Site::new(&[("content/east/v.toml", "name = ")]);
    let server = Server::start(&site);
    let (status, body) = server.get("/");
    assert_eq!(status, 503);
    assert!(body.contains("/__livereload.js"));
    assert!(server.get("/__status").1.contains("content/east/v.toml"));
    site.write("content/east/v.toml", "name = \"东村\"\n");
    server.wait_for("/", "the first good build", |b| b.contains("东村"));
}

#[test]
fn serve_answers_only_its_own_loopback_name_and_never_fails_on_a_long_path() {
    let site = Site::new(&[
        ("config.toml", crate::common::CONFIG),
        ("content/people/wang.toml", &person("王兴", "13912340001")),
        (
            "content/刘庄村.toml",
            "name = \"刘庄村\"\n[[team]]\nperson = \"wang\"\nlead = true\n",
        ),
    ]);
    let server = Server::start(&site);
    server.wait_for("/", "the first build", |body| body.contains("刘庄村"));
    let own = format!("localhost:{}", server.port);
    assert_eq!(server.get_from(&own, "/").0, 200);
    // DNS rebinding: a page elsewhere reaching the preview through a name of its own.
    for foreign in ["evil.example", &format!("evil.example:{}", server.port)] {
        let (status, body) = server.get_from(foreign, "/");
        assert_eq!(status, 403, "{foreign}");
        assert!(!body.contains("刘庄村"), "{foreign}: {body}");
    }
    let (status, _) = server.get(&format!("/{}", "a".repeat(4_200)));
    assert_eq!(status, 404, "a 4 KB path is simply not found");
    let (status, _) = server.get(&"/ab".repeat(1_500));
    assert_eq!(status, 404);
}

#[test]
fn a_port_in_use_is_reported_once_with_what_to_do() {
    let site = Site::new(&[("config.toml", crate::common::CONFIG)]);
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = crate::common::noticeboard()
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let said = crate::common::text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("--port"), "says what to do: {said}");
    assert_eq!(
        said.matches("os error").count(),
        1,
        "the reason once: {said}"
    );
}
