//! The outside tools the tests drive (Chromium, poppler, zbar, ZXing, ImageMagick, CJK fonts,
//! Java and the npm page checkers), installed on first use.
//!
//! The README's one test command is all a new machine needs: every test that calls an outside
//! tool asks for it here first, and when it is missing and the tests run as root, it is
//! installed (Debian packages with `apt-get`, the page checkers with `npm ci` in
//! `tests/browser`, ZXing with `pip`). Not root, a missing tool fails the test with the exact
//! command to run. A test never skips itself.
//!
//! Installs are serialised across threads and across test binaries (nextest runs them as
//! separate processes) by a lock file in `target/`, and apt waits for dpkg's own lock.
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Every command the tests run, and the Debian package that provides it.
const TOOLS: &[(&str, &str)] = &[
    ("chromium", "chromium"),
    ("pdfinfo", "poppler-utils"),
    ("pdftoppm", "poppler-utils"),
    ("pdftotext", "poppler-utils"),
    ("zbarimg", "zbar-tools"),
    ("convert", "imagemagick"),
    ("fc-list", "fontconfig"),
    ("java", "default-jre-headless"),
    ("node", "nodejs"),
    ("npm", "npm"),
    ("python3", "python3"),
];

/// The npm packages of `tests/browser/package.json` that the tests load.
const NPM_PACKAGES: &[&str] = &["lighthouse", "axe-core", "puppeteer-core", "vnu-jar"];

/// `tests/browser`: the page checkers' npm project.
pub(crate) const BROWSER_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser");

static IN_PROCESS: Mutex<()> = Mutex::new(());

/// Holds the install lock of this process and of every other test process.
struct InstallLock {
    _thread: std::sync::MutexGuard<'static, ()>,
    _file: File,
}

fn install_lock() -> InstallLock {
    let thread = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).expect("target/ for the install lock");
    let file = File::create(dir.join(".test-tools.lock")).expect("the install lock file");
    file.lock().expect("take the install lock");
    InstallLock {
        _thread: thread,
        _file: file,
    }
}

fn on_path(command: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(command))
            .find(|p| p.is_file())
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

fn succeeds(command: &mut Command) -> bool {
    command.status().is_ok_and(|s| s.success())
}

/// Installs Debian packages; fails the test with the command when that is impossible.
fn apt_install(packages: &[&str], why: &str) {
    let line = format!("apt-get install {}", packages.join(" "));
    assert!(
        is_root(),
        "{why}; install with: sudo {line} (the test command installs it itself when run as root)"
    );
    let apt = |args: &[&str]| {
        succeeds(
            Command::new("apt-get")
                .args(["-o", "DPkg::Lock::Timeout=600"])
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    eprintln!("tests: {why}; running `{line}` (first run only)");
    // The package lists of a fresh machine are empty; refresh them once before trying.
    let installed = apt(&["update", "-qq"])
        && apt(&[
            &["install", "-y", "-qq", "--no-install-recommends"],
            packages,
        ]
        .concat()[..]);
    assert!(installed, "`{line}` failed; run it by hand and try again");
}

/// The path of `command`, installing what provides it first if it is missing.
pub(crate) fn require(command: &str) -> PathBuf {
    if let Some(path) = on_path(command) {
        return path;
    }
    let _lock = install_lock();
    if let Some(path) = on_path(command) {
        return path;
    }
    let package = TOOLS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, package)| *package)
        .unwrap_or_else(|| {
            panic!("tests/common/tools.rs does not know how to install `{command}`")
        });
    apt_install(&[package], &format!("`{command}` is missing"));
    on_path(command).unwrap_or_else(|| panic!("`{command}` is still missing after installing it"))
}

/// A Python module (with its PyPI package), installed with pip on first use.
pub(crate) fn require_python_module(module: &str, pip_package: &str) -> PathBuf {
    let python = require("python3");
    let importable = || {
        Command::new(&python)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if importable() {
        return python;
    }
    let _lock = install_lock();
    if importable() {
        return python;
    }
    let line = format!("python3 -m pip install {pip_package}");
    assert!(
        is_root(),
        "the Python module `{module}` is missing; install it with: {line}"
    );
    let has_pip = || succeeds(Command::new(&python).args(["-m", "pip", "--version"]));
    if !has_pip() {
        apt_install(&["python3-pip"], "pip is missing");
    }
    eprintln!("tests: the Python module `{module}` is missing; running `{line}` (first run only)");
    let pip = |extra: &[&str]| {
        succeeds(
            Command::new(&python)
                .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
                .args(extra)
                .arg(pip_package),
        )
    };
    // Debian's own Python refuses system-wide installs unless told this is intended.
    let installed = pip(&[]) || pip(&["--break-system-packages"]);
    assert!(
        installed && importable(),
        "`{line}` failed; run it by hand and try again"
    );
    python
}

/// CJK fonts, so printed boards and screenshots show Chinese text, not boxes.
pub(crate) fn require_cjk_fonts() {
    let fc_list = require("fc-list");
    let installed = || {
        Command::new(&fc_list)
            .arg(":lang=zh")
            .output()
            .is_ok_and(|o| !o.stdout.is_empty())
    };
    if installed() {
        return;
    }
    let _lock = install_lock();
    if !installed() {
        apt_install(&["fonts-noto-cjk"], "no Chinese font is installed");
    }
}

/// `tests/browser/node_modules` with every page checker, installed with `npm ci` from the
/// committed lock file when any is missing.
pub(crate) fn require_node_modules() -> PathBuf {
    let dir = Path::new(BROWSER_DIR);
    let modules = dir.join("node_modules");
    let complete = || {
        NPM_PACKAGES
            .iter()
            .all(|p| modules.join(p).join("package.json").is_file())
    };
    if complete() {
        return modules;
    }
    let npm = require("npm");
    let _lock = install_lock();
    if !complete() {
        eprintln!(
            "tests: installing the page checkers with `npm ci` in tests/browser (first run only)"
        );
        let installed = succeeds(
            Command::new(npm)
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(dir),
        );
        assert!(
            installed && complete(),
            "`npm ci` in tests/browser failed; run: cd tests/browser && npm ci"
        );
    }
    modules
}

/// A rustup component (`rustfmt`, `clippy`) that a cargo subcommand needs, added on first use.
pub(crate) fn require_cargo_component(component: &str, subcommand: &str) {
    let present = || {
        Command::new(env!("CARGO"))
            .args([subcommand, "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if present() {
        return;
    }
    let _lock = install_lock();
    if !present() {
        let line = format!("rustup component add {component}");
        eprintln!("tests: `cargo {subcommand}` is missing; running `{line}` (first run only)");
        let added = succeeds(Command::new("rustup").args(["component", "add", component]));
        assert!(
            added && present(),
            "`{line}` failed; run it by hand and try again"
        );
    }
}
