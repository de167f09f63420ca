//! Printing a page to PDF with a headless Chromium, Chrome or Edge, driven over the DevTools
//! protocol (chromiumoxide). One browser and one tab print every batch of a run, in turn.
//!
//! The page decides the paper: boards carry a CSS `@page` rule with their sheet size and no
//! margin, and the print asks Chromium to prefer it, so A3 and A2 boards come out at their size.
//! Background graphics are printed as well, although board.css already asks for its colours
//! to be printed exactly; the PDF is complete whatever the browser's defaults.

use chromiumoxide::cdp::browser_protocol::page::PrintToPdfParams;
use futures_util::StreamExt as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the browser may take to start, and to answer one request (loading a batch of
/// boards, or printing it). A batch of 50 boards prints in a few seconds; the margin is for
/// slow office computers.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(60);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);

#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error("{}", super::messages::browser_failed(.browser, .message))]
    Launch { browser: PathBuf, message: String },
    #[error("{}", super::messages::print_failed(.page, .message))]
    Print { page: PathBuf, message: String },
}

/// A running headless browser with one tab, closed (and its profile removed) when dropped.
pub(crate) struct Browser {
    runtime: tokio::runtime::Runtime,
    browser: Option<chromiumoxide::Browser>,
    page: chromiumoxide::Page,
    handler: tokio::task::JoinHandle<()>,
    /// A fresh profile: nothing of the user's own browser (extensions, settings) is used.
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) fn launch(executable: &Path) -> Result<Browser, BrowserError> {
        let fail = |message: String| BrowserError::Launch {
            browser: executable.to_path_buf(),
            message,
        };
        let profile = tempfile::Builder::new()
            .prefix("noticeboard-print-")
            .tempdir()
            .map_err(|e| fail(crate::msg!("print-no-profile", reason = e.to_string())))?;
        let config = chromiumoxide::BrowserConfig::builder()
            .chrome_executable(executable)
            .new_headless_mode()
            // The browser loads only the boards this run wrote, from local files; Chromium's
            // sandbox cannot start as root (CI, containers) and buys nothing here.
            .no_sandbox()
            .user_data_dir(profile.path())
            .launch_timeout(LAUNCH_TIMEOUT)
            .request_timeout(REQUEST_TIMEOUT)
            .args([
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .build()
            .map_err(fail)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| fail(e.to_string()))?;
        let (browser, page, handler) = runtime.block_on(async {
            let (browser, mut events) = chromiumoxide::Browser::launch(config)
                .await
                .map_err(|e| fail(e.to_string()))?;
            // The connection's events must be read for any request to be answered.
            let handler = tokio::spawn(async move { while events.next().await.is_some() {} });
            let page = browser
                .new_page("about:blank")
                .await
                .map_err(|e| fail(e.to_string()))?;
            Ok::<_, BrowserError>((browser, page, handler))
        })?;
        Ok(Browser {
            runtime,
            browser: Some(browser),
            page,
            handler,
            _profile: profile,
        })
    }

    /// Loads `html` (a local file) and prints it; returns the PDF.
    pub(crate) fn print(&mut self, html: &Path) -> Result<Vec<u8>, BrowserError> {
        let fail = |message: String| BrowserError::Print {
            page: html.to_path_buf(),
            message,
        };
        let url = url::Url::from_file_path(html)
            .map_err(|()| fail(crate::msg!("print-not-absolute")))?
            .to_string();
        let params = PrintToPdfParams {
            print_background: Some(true),
            prefer_css_page_size: Some(true),
            display_header_footer: Some(false),
            margin_top: Some(0.0),
            margin_bottom: Some(0.0),
            margin_left: Some(0.0),
            margin_right: Some(0.0),
            scale: Some(1.0),
            // An outline or a tagged structure would tie the pages to this batch's document.
            generate_tagged_pdf: Some(false),
            generate_document_outline: Some(false),
            ..Default::default()
        };
        let page = &self.page;
        self.runtime.block_on(async {
            page.goto(url).await.map_err(|e| fail(e.to_string()))?;
            // Photos are loaded by now (the load event); fonts may still be settling.
            page.evaluate("document.fonts.ready.then(() => true)")
                .await
                .map_err(|e| fail(e.to_string()))?;
            page.pdf(params).await.map_err(|e| fail(e.to_string()))
        })
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(mut browser) = self.browser.take() {
            self.runtime.block_on(async {
                let _ = browser.close().await;
                let _ = tokio::time::timeout(Duration::from_secs(10), browser.wait()).await;
                // A browser that did not quit in time is ended, so no process outlives the run.
                let _ = browser.kill().await;
            });
        }
        self.handler.abort();
    }
}
