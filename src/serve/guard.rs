//! What serve answers before it looks for a file: only requests addressed to the loopback
//! name it listens on, and only paths that could name a file.
//!
//! The preview binds to 127.0.0.1, but a web page the clerk opens elsewhere can still reach
//! it through a name of its own that resolves to 127.0.0.1 (DNS rebinding) and read the site
//! before it is published. The `Host` a browser sends then names that other site, so anything
//! but a loopback name is refused. A path too long for any file system is not found; handing
//! it to the file system would answer with a server error.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The longest path serve looks up, in bytes; a file name part is at most 255 bytes.
const LONGEST_PATH: usize = 2048;
const LONGEST_NAME: usize = 255;

/// Refuses foreign `Host` names and answers impossible paths with the 404 page.
pub(super) async fn guard(
    State(shared): State<Arc<super::Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if !addressed_to_loopback(request.headers(), shared.port) {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            crate::msg!("serve-foreign-host"),
        )
            .into_response();
    }
    if !could_name_a_file(request.uri().path()) {
        return super::not_found(State(shared)).await;
    }
    next.run(request).await
}

/// Whether `Host` is absent (HTTP/1.0) or a loopback name, with no port or `port`.
fn addressed_to_loopback(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && !p.contains(']') => (name, Some(p)),
        _ => (host, None),
    };
    let port_ok = given_port.is_none_or(|p| p.parse::<u16>() == Ok(port));
    let name = name.to_ascii_lowercase();
    port_ok && matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]")
}

/// Whether `path` is short enough, in whole and in every part, to name a file.
fn could_name_a_file(path: &str) -> bool {
    path.len() <= LONGEST_PATH && path.split('/').all(|part| part.len() <= LONGEST_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, value.parse().unwrap());
        headers
    }

    #[test]
    fn only_loopback_names_on_our_port_are_served() {
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
        ] {
            assert!(addressed_to_loopback(&host(ok), 1111), "{ok}");
        }
        for foreign in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1:8080",
            "127.0.0.1.evil.example:1111",
            "localhost.evil.example",
            "[::1]:80",
        ] {
            assert!(!addressed_to_loopback(&host(foreign), 1111), "{foreign}");
        }
        assert!(addressed_to_loopback(&HeaderMap::new(), 1111));
    }

    #[test]
    fn paths_no_file_system_holds_are_not_looked_up() {
        assert!(could_name_a_file("/donghu/liuzhuang/index.html"));
        assert!(!could_name_a_file(&format!("/{}", "a".repeat(256))));
        assert!(!could_name_a_file(&"/ab".repeat(1_000)));
    }
}
