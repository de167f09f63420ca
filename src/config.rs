//! `config.toml`: the site's title, address, language, board layout and coverage rules.

use crate::content::source::{self, SourceFile};
use crate::content::values;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{self, Phone};
use serde::{Deserialize, Serialize};
use std::path::Path;
use time::Date;
use toml::{Spanned, Value};

pub mod campaign;
pub mod gov;

pub const FILE_NAME: &str = "config.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Language {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhHans => "zh-Hans",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Paper {
    A4,
    A3,
    A2,
}

impl Paper {
    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (u32, u32) {
        match self {
            Paper::A4 => (210, 297),
            Paper::A3 => (297, 420),
            Paper::A2 => (420, 594),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardConfig {
    pub paper: Paper,
    pub orientation: Orientation,
    pub heading: String,
    pub tasks: Vec<String>,
}

impl BoardConfig {
    /// Sheet width and height in millimetres, orientation applied.
    pub fn sheet_mm(&self) -> (u32, u32) {
        let (w, h) = self.paper.size_mm();
        match self.orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Rules {
    pub min_team: usize,
    pub require_lead: bool,
    pub max_units_per_person: usize,
    pub max_age_days: i64,
    /// Whether the build publishes `coverage.json` and the coverage page.
    pub publish_report: bool,
    /// `[[rules.require]]`, `[[rules.package]]`, `household_coverage`, `every_org_serves`.
    #[serde(flatten)]
    pub campaign: campaign::CampaignRules,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            min_team: 2,
            require_lead: true,
            max_units_per_person: 3,
            max_age_days: 365,
            publish_report: true,
            campaign: campaign::CampaignRules::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, without a trailing slash: `https://example.org/wucheng`.
    pub base_url: String,
    pub language: Language,
    pub theme: String,
    pub hotline: Option<Phone>,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub board: BoardConfig,
    pub rules: Rules,
    /// What a government website shows on every page (备案 numbers, site code, …).
    pub gov: gov::Gov,
}

impl Config {
    /// The absolute URL of a site path such as `luquantun/liuzhuang/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The host of `base_url`: `example.org` for `https://example.org/wucheng`.
    pub fn domain(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        after_scheme.split(['/', '?', '#']).next().unwrap_or("")
    }

    /// The path part of `base_url` with slashes on both ends (`/wucheng/`), for pages such as
    /// the 404 page that are served at any depth and so cannot use relative links.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        let path = after_scheme.split_once('/').map_or("", |(_, p)| p);
        if path.is_empty() {
            "/".to_string()
        } else {
            format!("/{}/", path.trim_matches('/'))
        }
    }

    pub fn with_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        self.base_url = normalize_base_url(url).map_err(|m| {
            Diagnostic::error("--base-url", m)
                .help("give an absolute URL like https://example.org/county")
        })?;
        Ok(())
    }
}

#[derive(Deserialize, Default)]
struct ConfigRecord {
    title: Option<String>,
    base_url: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    theme: Option<String>,
    hotline: Option<Spanned<Value>>,
    issuer: Option<String>,
    date: Option<Spanned<Value>>,
    #[serde(default)]
    board: BoardRecord,
    #[serde(default)]
    rules: RulesRecord,
}

#[derive(Deserialize, Default)]
struct BoardRecord {
    paper: Option<Spanned<String>>,
    orientation: Option<Spanned<String>>,
    heading: Option<String>,
    tasks: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
struct RulesRecord {
    min_team: Option<usize>,
    require_lead: Option<bool>,
    max_units_per_person: Option<usize>,
    max_age_days: Option<i64>,
    publish_report: Option<bool>,
}

const KNOWN: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "hotline",
    "issuer",
    "date",
    "board",
    "rules",
    "host_org",
    "site_code",
    "icp",
    "police_record",
    "gov_mark",
    "contact",
];
const KNOWN_BOARD: &[&str] = &["paper", "orientation", "heading", "tasks"];
const KNOWN_RULES: &[&str] = &[
    "min_team",
    "require_lead",
    "max_units_per_person",
    "max_age_days",
    "publish_report",
    "household_coverage",
    "every_org_serves",
    "require",
    "package",
];

/// The `language` a site folder's config.toml sets (Chinese when it sets none), read before
/// anything else so that every message of the run can be in it; `None` without a readable
/// config.toml.
pub fn peek_language(site: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(site.join(FILE_NAME)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    match table.get("language").and_then(Value::as_str) {
        None => Some(Language::ZhHans),
        Some(code) => crate::messages::parse_language(code),
    }
}

/// Reads `config.toml` from the site folder. Every problem goes into `out`; `None` when the
/// file is missing or too broken to build from.
pub fn load(site: &Path, out: &mut Diagnostics) -> Option<(Config, SourceFile)> {
    let path = site.join(FILE_NAME);
    if !path.is_file() {
        out.push(
            Diagnostic::error(FILE_NAME, format!("no {FILE_NAME} in {}", site.display())).help(
                "run noticeboard in your site folder, pass --root DIR, or create one with `noticeboard init DIR`",
            ),
        );
        return None;
    }
    let file = match SourceFile::read(&path, FILE_NAME.to_string()) {
        Ok(f) => f,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    crate::content::scan_for_identifiers(&file, out);
    let doc = source::Document {
        toml: &file.text,
        toml_offset: 0,
        body: None,
    };
    source::check_keys(
        &file,
        &doc,
        KNOWN,
        &[
            ("board", KNOWN_BOARD),
            ("rules", KNOWN_RULES),
            ("gov_mark", gov::KNOWN_GOV_MARK),
        ],
        out,
    );
    let record: ConfigRecord = match source::parse_toml(&file, &doc) {
        Ok(r) => r,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let errors_before = out.errors().count();
    let config = resolve(record, &file, &doc, out);
    (out.errors().count() == errors_before).then_some((config, file))
}

fn resolve(
    r: ConfigRecord,
    file: &SourceFile,
    doc: &source::Document,
    out: &mut Diagnostics,
) -> Config {
    let missing = |field: &str, example: &str| {
        Diagnostic::error(&file.display, format!("`{field}` is missing"))
            .help(format!("add a line such as {field} = {example}"))
    };
    let title = r.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
        out.push(missing("title", "\"示范县干部联系帮包公示\""));
        String::new()
    });
    let base_url = match &r.base_url {
        None => {
            out.push(missing("base_url", "\"https://example.org/county\""));
            String::new()
        }
        Some(v) => normalize_base_url(v.get_ref()).unwrap_or_else(|m| {
            out.push(values::error_at(file, doc, v, m).help(
                "write the full address the site will have, like \"https://example.org/county\"",
            ));
            String::new()
        }),
    };
    let language = match r.language.as_ref().map(|l| (l, l.get_ref().as_str())) {
        None | Some((_, "zh-Hans" | "zh" | "zh-CN")) => Language::ZhHans,
        Some((_, "en")) => Language::En,
        Some((v, other)) => {
            out.push(
                values::error_at(file, doc, v, format!("unknown language `{other}`"))
                    .help("use \"zh-Hans\" (Chinese) or \"en\" (English)"),
            );
            Language::ZhHans
        }
    };
    let hotline = r.hotline.as_ref().and_then(|v| {
        let parsed = values::text(v.get_ref())
            .ok_or_else(|| "`hotline` must be a phone number in quotes".to_string())
            .and_then(|t| phone::parse_hotline(&t).map_err(|e| e.to_string()));
        parsed
            .map_err(|m| out.push(values::error_at(file, doc, v, m)))
            .ok()
    });
    let date = r.date.as_ref().and_then(|v| {
        values::date(file, doc, "date", v)
            .map_err(|d| out.push(d))
            .ok()
    });
    let paper = match r
        .board
        .paper
        .as_ref()
        .map(|p| (p, p.get_ref().to_ascii_uppercase()))
    {
        None => Paper::A4,
        Some((_, p)) if p == "A4" => Paper::A4,
        Some((_, p)) if p == "A3" => Paper::A3,
        Some((_, p)) if p == "A2" => Paper::A2,
        Some((v, p)) => {
            out.push(
                values::error_at(file, doc, v, format!("unknown paper size `{p}`"))
                    .help("use \"A4\", \"A3\" or \"A2\""),
            );
            Paper::A4
        }
    };
    let orientation = match r
        .board
        .orientation
        .as_ref()
        .map(|o| (o, o.get_ref().as_str()))
    {
        None | Some((_, "portrait")) => Orientation::Portrait,
        Some((_, "landscape")) => Orientation::Landscape,
        Some((v, o)) => {
            out.push(
                values::error_at(file, doc, v, format!("unknown orientation `{o}`"))
                    .help("use \"portrait\" or \"landscape\""),
            );
            Orientation::Portrait
        }
    };
    let defaults = Rules::default();
    let heading = r.board.heading.unwrap_or_else(|| match language {
        Language::ZhHans => "干部联系服务群众公示牌".to_string(),
        Language::En => "Contact board".to_string(),
    });
    let issuer = r.issuer.filter(|s| !s.trim().is_empty());
    // Read on their own from the same text: their spans would be lost in a flattened struct.
    let gov_record = source::parse_toml(file, doc)
        .map_err(|d| out.push(d))
        .unwrap_or_default();
    let gov = gov::resolve(
        gov_record,
        issuer.as_deref(),
        r.base_url.as_ref(),
        file,
        doc,
        out,
    );
    Config {
        title,
        base_url,
        language,
        theme: r.theme.unwrap_or_else(|| "default".to_string()),
        hotline,
        issuer,
        date,
        board: BoardConfig {
            paper,
            orientation,
            heading,
            tasks: r.board.tasks.unwrap_or_default(),
        },
        rules: Rules {
            min_team: r.rules.min_team.unwrap_or(defaults.min_team),
            require_lead: r.rules.require_lead.unwrap_or(defaults.require_lead),
            max_units_per_person: r
                .rules
                .max_units_per_person
                .unwrap_or(defaults.max_units_per_person),
            max_age_days: r.rules.max_age_days.unwrap_or(defaults.max_age_days),
            publish_report: r.rules.publish_report.unwrap_or(defaults.publish_report),
            campaign: campaign::resolve(file, doc, out),
        },
        gov,
    }
}

fn normalize_base_url(raw: &str) -> Result<String, String> {
    let url = raw.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`base_url` = \"{url}\" is not an absolute http(s) address"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(format!("`base_url` = \"{url}\" has no host name"));
    }
    Ok(url.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_normalized_and_its_path_extracted() {
        let mut c = sample();
        c.with_base_url("https://host.example/county/").unwrap();
        assert_eq!(c.base_url, "https://host.example/county");
        assert_eq!(c.base_path(), "/county/");
        assert_eq!(c.url("a/b/"), "https://host.example/county/a/b/");
        c.with_base_url("http://127.0.0.1:1111").unwrap();
        assert_eq!(c.base_path(), "/");
        assert!(c.with_base_url("example.org").is_err());
        assert!(c.with_base_url("https:///x").is_err());
    }

    fn sample() -> Config {
        Config {
            title: "t".into(),
            base_url: "https://example.org".into(),
            language: Language::ZhHans,
            theme: "default".into(),
            hotline: None,
            issuer: None,
            date: None,
            board: BoardConfig {
                paper: Paper::A4,
                orientation: Orientation::Portrait,
                heading: "h".into(),
                tasks: vec![],
            },
            rules: Rules::default(),
            gov: gov::Gov::default(),
        }
    }
}
