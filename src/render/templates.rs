//! The theme's templates compiled once per build, the values every template sees (`site`,
//! `t`, `live_reload`), the frame of every page (`root`, `page`), and template errors that name
//! the file a clerk or designer must open.

use super::boards::board_qr_mm;
use super::codes::Codes;
use super::constants::Constants;
use super::context::PhoneView;
use super::strings::Strings;
use super::theme::Theme;
use super::{RenderError, RenderInput};
use crate::model::Site;
use serde::Serialize;
use tera::{Context, Tera, Value};

#[derive(Serialize)]
pub(super) struct PageView {
    /// What the page is: its template's name without `.html` (`unit`, `area`, `index` …).
    pub(super) kind: String,
    /// Site-relative path of this page.
    pub(super) path: String,
    /// Absolute URL (canonical, link previews).
    pub(super) url: String,
    pub(super) title: String,
    pub(super) description: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    /// The host of `base_url` (page metadata's SiteDomain).
    domain: &'a str,
    language: &'static str,
    hotline: Option<PhoneView>,
    issuer: Option<&'a str>,
    date: String,
    date_display: String,
    board: BoardView<'a>,
    rules: &'a crate::config::Rules,
    publish_report: bool,
    gov: &'a crate::config::gov::Gov,
    /// Not the publication (`--draft`, or a preview at another address): boards are marked.
    draft: bool,
}

#[derive(Serialize)]
struct BoardView<'a> {
    paper: crate::config::Paper,
    orientation: crate::config::Orientation,
    heading: &'a str,
    width_mm: u32,
    height_mm: u32,
    /// The shorter side over 210 mm: 1 on A4, √2 on A3, 2 on A2.
    scale: f64,
    /// Printed side of every board's QR code, quiet zone included, in mm. One size for the
    /// whole site, chosen for its longest unit URL, so that a batch of boards looks alike.
    qr_mm: f64,
}

/// The templates Tera escapes what they print in, by the end of their names.
const AUTOESCAPED: [&str; 3] = [".html", ".xml", ".svg"];

pub(super) fn compile(
    input: &RenderInput,
    codes: &Codes,
    strings: &Strings,
) -> Result<Tera, RenderError> {
    let site = input.site;
    let theme = input.theme;
    let mut tera = Tera::new();
    tera.autoescape_on(AUTOESCAPED);
    // The find-error link carries the page's address as a query value.
    tera.register_filter(
        "urlencode_strict",
        tera_contrib::urlencode::urlencode_strict,
    );
    let mut sources = Vec::with_capacity(theme.templates.len());
    for (name, file) in &theme.templates {
        let text = std::str::from_utf8(&file.bytes).map_err(|_| RenderError::Template {
            origin: file.origin.clone(),
            message: crate::msg!("build-template-not-utf8"),
        })?;
        sources.push((name.as_str(), text));
    }
    let t = Value::from_serializable(strings.table());
    let site_value = Value::from_serializable(&site_view(input, strings, codes));
    let constants = Constants::new(&t, &site_value, sources.iter().map(|(_, text)| *text));
    let sources = sources.into_iter().map(|(name, text)| {
        let escaped = AUTOESCAPED.iter().any(|suffix| name.ends_with(suffix));
        (name, constants.fold(text, escaped))
    });
    tera.add_raw_templates(sources).map_err(|e| {
        let origin = theme
            .templates
            .get(e_template_name(&e))
            .map_or_else(|| "templates".to_string(), |f| f.origin.clone());
        RenderError::Template {
            origin,
            message: error_chain(&e),
        }
    })?;
    let globals = tera.global_context();
    globals.insert_value("t", t);
    globals.insert_value("site", site_value);
    globals.insert("live_reload", &input.live_reload);
    globals.insert("org_count", &site.orgs.len());
    Ok(tera)
}

/// `site` as every template sees it.
fn site_view<'a>(input: &'a RenderInput, strings: &'a Strings, codes: &Codes) -> SiteView<'a> {
    let site = input.site;
    let (width_mm, height_mm) = site.config.board.sheet_mm();
    let scale = f64::from(width_mm.min(height_mm)) / 210.0;
    SiteView {
        title: &site.config.title,
        base_url: site.config.base_url.as_str(),
        domain: site.config.domain(),
        language: site.config.language.code(),
        hotline: site.config.hotline.as_ref().map(PhoneView::from),
        issuer: site.config.issuer.as_deref(),
        date: site.date.to_string(),
        date_display: strings.date(site.date),
        board: BoardView {
            paper: site.config.board.paper,
            orientation: site.config.board.orientation,
            heading: super::boards::heading(site, strings),
            width_mm,
            height_mm,
            scale,
            qr_mm: board_qr_mm(codes.widest(), scale),
        },
        rules: &site.config.rules,
        publish_report: site.config.rules.publish_report,
        gov: &site.config.gov,
        draft: input.draft,
    }
}

fn e_template_name(e: &tera::Error) -> &str {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => r.filename(),
        _ => "",
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!("\n  {s}"));
        source = s.source();
    }
    message
}

pub(super) fn template_error(theme: &Theme, template: &str, e: tera::Error) -> RenderError {
    let name = match e_template_name(&e) {
        "" => template,
        n => n,
    };
    let origin = theme
        .templates
        .get(name)
        .map_or_else(|| name.to_string(), |f| f.origin.clone());
    RenderError::Template {
        origin,
        message: error_chain(&e),
    }
}

/// What every page template gets about itself: its relative `root` and its `page` facts.
pub(super) fn insert_page(
    ctx: &mut Context,
    site: &Site,
    template: &str,
    path: &str,
    title: &str,
    description: &str,
) {
    ctx.insert("root", &relative_root(path));
    ctx.insert(
        "page",
        &PageView {
            kind: template.trim_end_matches(".html").to_string(),
            path: path.to_string(),
            url: site.config.url(path),
            title: title.to_string(),
            description: description.to_string(),
        },
    );
}

/// `../../` for `a/b/`, `./` for the site root, so links work under any sub-path and host.
pub(crate) fn relative_root(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}
