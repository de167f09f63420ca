//! External tools the end-to-end tests drive (Chromium, poppler, zbar, CJK fonts, npm
//! checkers). On a fresh machine they are installed on first use, as `.ci/run` does, so that
//! the README's one test command works anywhere; where installing is impossible the test fails
//! with the exact command to run. A test never skips itself.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

static INSTALL: Mutex<()> = Mutex::new(());

/// Debian packages behind each command the tests call.
const PACKAGES: &[(&str, &str)] = &[
    ("chromium", "chromium"),
    ("pdfinfo", "poppler-utils"),
    ("pdftoppm", "poppler-utils"),
    ("pdftotext", "poppler-utils"),
    ("zbarimg", "zbar-tools"),
    ("hugo", "hugo"),
    ("java", "default-jre-headless"),
];

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

/// The path of `command`, installing its Debian package first if it is missing.
pub fn require(command: &str) -> PathBuf {
    if let Some(p) = on_path(command) {
        return p;
    }
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = on_path(command) {
        return p;
    }
    let package = PACKAGES
        .iter()
        .find(|(c, _)| *c == command)
        .map_or(command, |(_, p)| *p);
    let hint = format!("install it with: sudo apt-get install {package} (CI does this in .ci/run)");
    assert!(is_root(), "`{command}` is missing; {hint}");
    let ok = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    assert!(
        ok(&["update", "-qq"]) && ok(&["install", "-y", "-qq", "--no-install-recommends", package]),
        "installing {package} failed; {hint}"
    );
    on_path(command)
        .unwrap_or_else(|| panic!("`{command}` still missing after installing {package}"))
}

/// CJK fonts, so printed boards and screenshots show Chinese text, not boxes.
pub fn require_cjk_fonts() {
    let installed = Path::new("/usr/share/fonts/opentype/noto").is_dir()
        && Command::new("fc-list")
            .arg(":lang=zh")
            .output()
            .is_ok_and(|o| !o.stdout.is_empty());
    if installed {
        return;
    }
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    assert!(
        is_root(),
        "CJK fonts are missing; install them with: sudo apt-get install fonts-noto-cjk"
    );
    let status = Command::new("apt-get")
        .args([
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "fonts-noto-cjk",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "installing fonts-noto-cjk failed"
    );
}

/// `tests/browser/node_modules`, installed with npm from the committed package.json if missing.
pub fn require_node_modules() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let modules = dir.join("node_modules");
    if modules.is_dir() {
        return modules;
    }
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if !modules.is_dir() {
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "npm install failed; run: cd tests/browser && npm install"
        );
    }
    modules
}
