//! `noticeboard serve`: builds into a private folder, serves it on 127.0.0.1, watches the site
//! and rebuilds on every change; open pages reload through server-sent events, and a failed
//! build is shown in the browser and the terminal while the last good build stays served.

use crate::build::{self, BuildMode, BuildOptions};
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::StreamExt;
use futures_util::stream::{self, Stream};
use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};
use parking_lot::Mutex;
use serde::Serialize;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, mpsc};
use tower_http::services::ServeDir;

mod guard;

const LIVE_RELOAD_JS: &str = include_str!("livereload.js");
const WAITING_PAGE: &str = include_str!("waiting.html");
const SCRIPT_PATH: &str = "/__livereload.js";
/// Folders whose files a build reads (besides config.toml at the top).
const SOURCE_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// How to serve a site.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Why `serve` stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is taken or cannot be used.
    #[error(
        "{}",
        crate::msg!("serve-cannot-listen", port = .port.to_string(), reason = .why.to_string())
    )]
    Bind {
        /// The port asked for.
        port: u16,
        /// Why. Not an error `source`: the message already says it, and a source would be
        /// printed a second time after it.
        why: std::io::Error,
    },
    /// A folder cannot be watched.
    #[error(
        "{}",
        crate::msg!("serve-cannot-watch", path = .path.display().to_string(), reason = .message)
    )]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What the browser is told after each build.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Status {
    pub(crate) ok: bool,
    /// Counts builds, so a client can tell that something new happened.
    pub(crate) version: u64,
    pub(crate) errors: Vec<String>,
}

struct Shared {
    root: PathBuf,
    /// The port serve listens on: the only one a request's `Host` may name.
    port: u16,
    output: PathBuf,
    base_url: String,
    status: Mutex<Status>,
    events: broadcast::Sender<Status>,
    /// One build at a time: builds share the staging folder.
    building: tokio::sync::Mutex<()>,
    /// What the last build read and rendered, so the next renders only what changed.
    session: Arc<Mutex<build::Session>>,
}

/// Builds the site into a private folder, serves it on 127.0.0.1 and rebuilds on every
/// change until stopped (Ctrl+C or SIGTERM).
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(options.clone()))
}

async fn run(options: ServeOptions) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(|why| ServeError::Bind {
            port: options.port,
            why,
        })?;
    let address: SocketAddr = listener.local_addr()?;
    let base_url = format!("http://{address}");
    // The preview never touches public/: its URLs point at 127.0.0.1, not at base_url.
    let scratch = tempfile::Builder::new()
        .prefix("noticeboard-serve-")
        .tempdir()?;
    let (events, _) = broadcast::channel(16);
    // Canonical, like the paths the watcher reports, so that they name the same files.
    let watched_root = options.root.canonicalize()?;
    let shared = Arc::new(Shared {
        root: watched_root.clone(),
        port: address.port(),
        output: scratch.path().join("public"),
        base_url: base_url.clone(),
        status: Mutex::new(Status {
            ok: false,
            version: 0,
            errors: Vec::new(),
        }),
        events,
        building: tokio::sync::Mutex::new(()),
        session: Arc::default(),
    });

    // Watching starts before the first build: an edit made while it runs, or right after the
    // address is printed, must not be missed.
    let (changes_tx, changes_rx) = mpsc::channel::<Changed>(64);
    let debouncer = watch(&watched_root, changes_tx)?;
    tokio::spawn(rebuild_on_changes(shared.clone(), changes_rx));
    rebuild(&shared).await;
    println!(
        "{}",
        crate::msg!(
            "serve-serving",
            site = options.root.display().to_string(),
            url = format!("{base_url}/")
        )
    );
    let _ = std::io::stdout().flush();
    if options.open {
        let _ = open::that_detached(format!("{base_url}/"));
    }

    let app = Router::new()
        .route(SCRIPT_PATH, get(live_reload_script))
        .route("/__livereload", get(live_reload_events))
        .route("/__status", get(status))
        .fallback_service(
            ServeDir::new(&shared.output).fallback(get(not_found).with_state(shared.clone())),
        )
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guard::guard,
        ))
        .with_state(shared.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    drop(debouncer);
    println!("{}", crate::msg!("serve-stopped"));
    Ok(())
}

/// A watcher of the site's sources that sends what changed to `changes`. The site folder is
/// watched itself only for config.toml; recursively only the source folders, so that a large
/// public/ never costs watches or setup time.
fn watch(
    root: &Path,
    changes: mpsc::Sender<Changed>,
) -> Result<Debouncer<RecommendedWatcher, RecommendedCache>, ServeError> {
    let watch_error = |path: &Path, e: notify_debouncer_full::notify::Error| ServeError::Watch {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let filter_root = root.to_path_buf();
    let mut debouncer = new_debouncer(
        Duration::from_millis(25),
        None,
        move |result: DebounceEventResult| {
            // An error means the watcher lost track (an overflow): look at everything again.
            let changed = result.map_or(Some(Changed::Unknown), |events| {
                changed(&filter_root, &events)
            });
            if let Some(changed) = changed {
                let _ = changes.blocking_send(changed);
            }
        },
    )
    .map_err(|e| watch_error(root, e))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    for folder in SOURCE_FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&path, e))?;
        }
    }
    Ok(debouncer)
}

/// What a batch of watcher events means for the next build, if anything changed.
fn changed(root: &Path, events: &[DebouncedEvent]) -> Option<Changed> {
    let mut changed = Changed::Files(Vec::new());
    for e in events {
        // Reads raise access events too: only changes may trigger a build, or every build
        // would trigger the next.
        let relevant = e.kind.is_create()
            || e.kind.is_remove()
            || (e.kind.is_modify()
                && !matches!(e.kind, EventKind::Modify(ModifyKind::Metadata(_))));
        let paths: Vec<PathBuf> = e
            .paths
            .iter()
            .filter(|p| is_watched(root, p))
            .cloned()
            .collect();
        if !relevant || paths.is_empty() {
            continue;
        }
        let written = matches!(
            e.kind,
            EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any)
        );
        changed = match (changed, written) {
            (Changed::Files(mut files), true) => {
                files.extend(paths);
                Changed::Files(files)
            }
            _ => Changed::Unknown,
        };
    }
    (!matches!(&changed, Changed::Files(files) if files.is_empty())).then_some(changed)
}

/// Only the site's sources: not the output, the photo cache or editor/VCS files. Only the part
/// below the site folder counts: the site itself may live under a hidden folder.
fn is_watched(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    !inside.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name == "public" || name.starts_with('.') || name.ends_with('~')
    })
}

/// What the watcher saw between two builds.
#[derive(Debug)]
enum Changed {
    /// Only these existing files were written.
    Files(Vec<PathBuf>),
    /// Files were added, removed or renamed, or the watcher lost track.
    Unknown,
}

async fn rebuild_on_changes(shared: Arc<Shared>, mut changes: mpsc::Receiver<Changed>) {
    while let Some(mut changed) = changes.recv().await {
        // Edits arrive in bursts (save + rename + chmod): one build for the whole burst.
        while let Ok(more) = changes.try_recv() {
            changed = match (changed, more) {
                (Changed::Files(mut a), Changed::Files(b)) => {
                    a.extend(b);
                    Changed::Files(a)
                }
                _ => Changed::Unknown,
            };
        }
        if let Changed::Files(files) = changed {
            shared.session.lock().only_changed(files);
        }
        rebuild(&shared).await;
    }
}

async fn rebuild(shared: &Arc<Shared>) {
    let _one_at_a_time = shared.building.lock().await;
    let options = BuildOptions {
        root: shared.root.clone(),
        output: Some(shared.output.clone()),
        mode: BuildMode::Preview {
            base_url: shared.base_url.clone(),
        },
        live_reload: Some(SCRIPT_PATH.to_string()),
        progress: false,
    };
    let started = Instant::now();
    let session = shared.session.clone();
    let result =
        tokio::task::spawn_blocking(move || build::rebuild(&options, &mut session.lock())).await;
    let mut status = shared.status.lock();
    status.version += 1;
    match result {
        Ok(Ok(summary)) => {
            for w in &summary.warnings {
                eprintln!("{w}");
            }
            eprintln!(
                "{}",
                crate::msg!(
                    "serve-built",
                    units = summary.units,
                    pages = summary.pages,
                    ms = started.elapsed().as_millis().to_string()
                )
            );
            if std::env::var_os("NOTICEBOARD_TIMINGS").is_some() {
                eprintln!(
                    "  of which the build itself {:.0} ms",
                    summary.seconds * 1000.0
                );
            }
            status.ok = true;
            status.errors.clear();
        }
        Ok(Err(e)) => {
            let mut errors: Vec<String> = e
                .diagnostics()
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
            errors.push(e.to_string());
            for line in &errors {
                eprintln!("{line}");
            }
            eprintln!("{}", crate::msg!("serve-last-good-build"));
            status.ok = false;
            status.errors = errors;
        }
        Err(join) => {
            status.ok = false;
            status.errors = vec![crate::msg!(
                "serve-build-crashed",
                reason = join.to_string()
            )];
        }
    }
    let _ = shared.events.send(status.clone());
}

async fn live_reload_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        live_reload_js(),
    )
}

/// The live-reload script, its overlay's title in the run's language.
fn live_reload_js() -> String {
    let title = serde_json::to_string(&crate::msg!("serve-overlay-title")).unwrap_or_default();
    LIVE_RELOAD_JS.replace("__OVERLAY_TITLE__", &title)
}

/// The page served while no build has succeeded yet, in the run's language.
fn waiting_page() -> String {
    let escape = |s: String| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    WAITING_PAGE
        .replace("__LANG__", crate::messages::language().code())
        .replace("__TITLE__", &escape(crate::msg!("serve-waiting-title")))
        .replace("__HEADING__", &escape(crate::msg!("serve-waiting-heading")))
        .replace("__TEXT__", &escape(crate::msg!("serve-waiting-text")))
}

async fn status(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let status = shared.status.lock().clone();
    axum::Json(status)
}

async fn live_reload_events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.events.subscribe();
    let current = shared.status.lock().clone();
    // A page opened while the build is broken learns it at once.
    let first = (!current.ok).then(|| Ok(to_event(&current)));
    let updates = stream::unfold(receiver, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(status) => return Some((Ok(to_event(&status)), rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream::iter(first).chain(updates)).keep_alive(KeepAlive::default())
}

fn to_event(status: &Status) -> Event {
    if status.ok {
        Event::default()
            .event("reload")
            .data(status.version.to_string())
    } else {
        Event::default()
            .event("failed")
            .data(serde_json::to_string(&status.errors).unwrap_or_default())
    }
}

/// The site's own 404 page when there is a build; else a page that waits for a good build.
async fn not_found(State(shared): State<Arc<Shared>>) -> Response {
    let page = shared.output.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            bytes,
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            waiting_page(),
        )
            .into_response(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_and_hidden_folders_are_not_watched() {
        let root = Path::new("/tmp/.hidden/site");
        assert!(is_watched(root, &root.join("content/a/b.toml")));
        assert!(is_watched(root, &root.join("config.toml")));
        assert!(!is_watched(root, &root.join("public/index.html")));
        assert!(!is_watched(
            root,
            &root.join(".noticeboard-cache/photos/x.jpg")
        ));
        assert!(!is_watched(root, &root.join("content/.b.toml.swp")));
        assert!(!is_watched(root, Path::new("/elsewhere/content/a.toml")));
    }
}
