//! Shared helpers for integration tests: make a site folder from a list of files, build it
//! with the real binary or the library, and read the output back as a user would.
// Helpers are `pub` so that every test crate including this module may use them; each crate
// uses only some.
#![allow(dead_code, unreachable_pub)]

pub(crate) mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) const CONFIG: &str = r#"
title = "测试县公示"
base_url = "https://gongshi.shifan.cn/county"
hotline = "0534-2212345"
issuer = "测试县委组织部"
date = 2024-06-01

[board]
paper = "A4"
tasks = ["宣传政策", "解决困难"]
"#;

/// A site folder in a temporary directory, removed when dropped.
pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
}

impl Site {
    /// `files` are (path relative to the site, contents). A `config.toml` is added unless given.
    pub(crate) fn new(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site { dir };
        if !files.iter().any(|(p, _)| *p == "config.toml") {
            site.write("config.toml", CONFIG);
        }
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Runs the real binary with `args` and `--root <site>`.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        run_in(self.root(), args)
    }

    /// Builds with the binary and panics with its output if the build fails.
    pub(crate) fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", text(&out));
        out
    }

    /// A file of `public/` as text.
    pub(crate) fn public(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub(crate) fn public_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path("public").join(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub(crate) fn public_exists(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }
}

pub(crate) fn run_in(root: &Path, args: &[&str]) -> Output {
    noticeboard()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run noticeboard")
}

/// "Today" for the fixtures, as `SOURCE_DATE_EPOCH`: 2024-06-10, nine days after their
/// publication date, so that a fixture is never stale (tests of staleness set their own).
pub(crate) const FIXTURE_TODAY_EPOCH: &str = "1717977600";

/// The real binary, speaking English (tests of the Chinese messages set NOTICEBOARD_LANG
/// themselves), on the fixtures' today ([`FIXTURE_TODAY_EPOCH`]).
pub(crate) fn noticeboard() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_noticeboard"));
    command
        .env("NOTICEBOARD_LANG", "en")
        .env("SOURCE_DATE_EPOCH", FIXTURE_TODAY_EPOCH);
    command
}

/// stdout and stderr together, for assertions and failure messages.
pub(crate) fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A person record with a valid fictional mobile number.
pub(crate) fn person(name: &str, phone: &str) -> String {
    format!("name = \"{name}\"\ntitle = \"干部\"\norg = \"县直单位\"\nphone = \"{phone}\"\n")
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons.
pub(crate) fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The `href`/`src` values of an HTML page (enough for link checking our own output).
pub(crate) fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// A small photo, as a phone or a clerk's scanner would give it.
pub(crate) fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(30, 40, image::Rgb([200, 100, 50]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg).unwrap();
    bytes.into_inner()
}

/// A phone snapshot of `width` × `height`, noisy so that it does not compress away.
pub(crate) fn photo(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Jpeg).unwrap();
    bytes.into_inner()
}
