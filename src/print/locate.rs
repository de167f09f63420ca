//! Finding a Chromium-family browser to print with: the one named by `--browser` or `$CHROME`,
//! else the first of the usual program names on `PATH`, else the places installers put
//! Chrome, Chromium and Edge on Linux, Windows and macOS. Windows 10 and 11 ship with Edge,
//! so a clerk's office computer nearly always has one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Program names looked up on `PATH`, most likely first.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where installers put the browsers, by system.
const LINUX: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
    "/usr/bin/microsoft-edge",
    "/opt/microsoft/msedge/msedge",
];
const MACOS: &[&str] = &[
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
];
/// Below `%ProgramFiles%`, `%ProgramFiles(x86)%` and `%LOCALAPPDATA%`.
const WINDOWS: &[&str] = &[
    r"Google\Chrome\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",
    r"Chromium\Application\chrome.exe",
];

/// Where to look, and what was looked at when nothing was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    Browser(PathBuf),
    /// `--browser` or `$CHROME` named a file that is not there.
    Missing {
        named: PathBuf,
        by: &'static str,
    },
    None,
}

/// The browser to print with. `named` is `--browser`; the environment is read for `$CHROME`,
/// `$PATH` and the Windows folders.
pub(crate) fn find(named: Option<&Path>) -> Found {
    let env = |key: &str| std::env::var_os(key);
    find_in(named, &env, &|path: &Path| path.is_file())
}

fn find_in(
    named: Option<&Path>,
    env: &dyn Fn(&str) -> Option<OsString>,
    exists: &dyn Fn(&Path) -> bool,
) -> Found {
    let explicit = named
        .map(|p| (p.to_path_buf(), "--browser"))
        .or_else(|| env("CHROME").map(|p| (PathBuf::from(p), "CHROME")));
    if let Some((path, by)) = explicit {
        // A bare program name is looked up on PATH like any command.
        let resolved = if path.components().count() == 1 && !exists(&path) {
            on_path(&path.to_string_lossy(), env, exists)
        } else {
            Some(path.clone())
        };
        return match resolved.filter(|p| exists(p)) {
            Some(path) => Found::Browser(path),
            None => Found::Missing { named: path, by },
        };
    }
    NAMES
        .iter()
        .find_map(|name| on_path(name, env, exists))
        .or_else(|| installed(env).into_iter().find(|p| exists(p)))
        .map_or(Found::None, Found::Browser)
}

fn on_path(
    name: &str,
    env: &dyn Fn(&str) -> Option<OsString>,
    exists: &dyn Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let paths = env("PATH")?;
    std::env::split_paths(&paths).find_map(|dir| {
        [name.to_string(), format!("{name}.exe")]
            .into_iter()
            .map(|file| dir.join(file))
            .find(|candidate| exists(candidate))
    })
}

/// The install places of every system: a path of another system's form is simply not there.
fn installed(env: &dyn Fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let mut places: Vec<PathBuf> = LINUX.iter().chain(MACOS).map(PathBuf::from).collect();
    if let Some(home) = env("HOME") {
        places.extend(
            MACOS
                .iter()
                .map(|p| Path::new(&home).join(p.trim_start_matches('/'))),
        );
    }
    for root in ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"] {
        if let Some(dir) = env(root) {
            places.extend(WINDOWS.iter().map(|p| Path::new(&dir).join(p)));
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn found(named: Option<&str>, vars: &[(&str, &str)], files: &[&str]) -> Found {
        let vars: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        find_in(
            named.map(Path::new),
            &|key| vars.get(key).cloned(),
            &|path| files.iter().any(|f| f == path),
        )
    }

    #[test]
    fn path_comes_before_install_places_and_names_in_order() {
        assert_eq!(
            found(
                None,
                &[("PATH", "/x/bin")],
                &[
                    "/x/bin/google-chrome",
                    "/x/bin/chromium",
                    "/usr/bin/chromium-browser"
                ]
            ),
            Found::Browser("/x/bin/chromium".into())
        );
    }

    #[test]
    fn install_places_of_each_system_are_searched() {
        assert_eq!(
            found(None, &[("PATH", "/x/bin")], &["/opt/google/chrome/chrome"]),
            Found::Browser("/opt/google/chrome/chrome".into())
        );
        assert_eq!(
            found(
                None,
                &[],
                &["/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"]
            ),
            Found::Browser("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge".into())
        );
        let edge =
            Path::new("C:/Program Files (x86)").join(r"Microsoft\Edge\Application\msedge.exe");
        assert_eq!(
            found(
                None,
                &[("ProgramFiles(x86)", "C:/Program Files (x86)")],
                &[edge.to_str().unwrap()]
            ),
            Found::Browser(edge)
        );
        assert_eq!(found(None, &[("PATH", "/x/bin")], &[]), Found::None);
    }

    #[test]
    fn an_explicit_browser_wins_and_a_wrong_one_is_reported() {
        let files = ["/usr/bin/chromium", "/opt/edge/msedge"];
        assert_eq!(
            found(
                Some("/opt/edge/msedge"),
                &[("CHROME", "/usr/bin/chromium")],
                &files
            ),
            Found::Browser("/opt/edge/msedge".into())
        );
        assert_eq!(
            found(None, &[("CHROME", "/opt/edge/msedge")], &files),
            Found::Browser("/opt/edge/msedge".into())
        );
        assert_eq!(
            found(None, &[("CHROME", "/nowhere/chrome")], &files),
            Found::Missing {
                named: "/nowhere/chrome".into(),
                by: "CHROME"
            }
        );
        // A bare name is a command on PATH.
        assert_eq!(
            found(Some("msedge"), &[("PATH", "/opt/edge")], &files),
            Found::Browser("/opt/edge/msedge".into())
        );
    }
}
