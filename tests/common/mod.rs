//! Shared helpers for integration tests: make a site folder from a list of files, build it
//! with the real binary or the library, and read the output back as a user would.
// Helpers are `pub` so that every test crate including this module may use them; each crate
// uses only some.
#![allow(dead_code, unreachable_pub)]

pub mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const CONFIG: &str = r#"
title = "测试县公示"
base_url = "https://example.org/county"
hotline = "0534-2212345"
issuer = "测试县委组织部"
date = 2024-06-01

[board]
paper = "A4"
tasks = ["宣传政策", "解决困难"]
"#;

/// A site folder in a temporary directory, removed when dropped.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// `files` are (path relative to the site, contents). A `config.toml` is added unless given.
    pub fn new(files: &[(&str, &str)]) -> Site {
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

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Runs the real binary with `args` and `--root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.root(), args)
    }

    /// Builds with the binary and panics with its output if the build fails.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", text(&out));
        out
    }

    /// A file of `public/` as text.
    pub fn public(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn public_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path("public").join(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn public_exists(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }
}

pub fn run_in(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_noticeboard"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run noticeboard")
}

/// stdout and stderr together, for assertions and failure messages.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A person record with a valid fictional mobile number.
pub fn person(name: &str, phone: &str) -> String {
    format!("name = \"{name}\"\ntitle = \"干部\"\norg = \"县直单位\"\nphone = \"{phone}\"\n")
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
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
pub fn links(html: &str) -> Vec<String> {
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
