//! `config.toml`: the site's title, address, language, board layout and coverage rules.

use crate::content::source::{self, SourceFile};
use crate::content::spanned::Spanned;
use crate::content::values;
use crate::content::values::{LooseDate, LooseText};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{Phone, PhoneParser, ServicePolicy};
use serde::{Deserialize, Serialize};
use std::path::Path;
use time::Date;

pub(crate) mod campaign;
pub(crate) mod gov;

pub(crate) const FILE_NAME: &str = "config.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum Language {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Language::ZhHans => "zh-Hans",
            Language::En => "en",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum Paper {
    A4,
    A3,
    A2,
}

impl Paper {
    /// Portrait width and height in millimetres.
    pub(crate) fn size_mm(self) -> (u32, u32) {
        match self {
            Paper::A4 => (210, 297),
            Paper::A3 => (297, 420),
            Paper::A2 => (420, 594),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BoardConfig {
    pub paper: Paper,
    pub orientation: Orientation,
    /// `[board].heading`; without one, the theme's `board_heading`.
    pub heading: Option<String>,
    pub tasks: Vec<String>,
}

impl BoardConfig {
    /// Sheet width and height in millimetres, orientation applied.
    pub(crate) fn sheet_mm(&self) -> (u32, u32) {
        let (w, h) = self.paper.size_mm();
        match self.orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rules {
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
pub(crate) struct Config {
    pub title: String,
    pub base_url: BaseUrl,
    pub language: Language,
    pub theme: String,
    pub hotline: Option<Phone>,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub board: BoardConfig,
    pub rules: Rules,
    /// What a government website shows on every page (备案 numbers, site code, …).
    pub gov: gov::Gov,
    /// `[rules.visits]` and `[ledger]`: the work log's rules and what it publishes.
    pub worklog: crate::worklog::Settings,
}

impl Config {
    /// The absolute URL of a site path such as `luquantun/liuzhuang/`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.base_url.as_str(),
            path.trim_start_matches('/')
        )
    }

    /// The host of `base_url`: `example.org` for `https://example.org/wucheng`.
    pub(crate) fn domain(&self) -> &str {
        self.base_url.host()
    }

    pub(crate) fn with_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        self.base_url = BaseUrl::parse(url).map_err(|m| {
            Diagnostic::error("--base-url", m).help(crate::msg!("config-base-url-flag-help"))
        })?;
        Ok(())
    }
}

/// The site's address, `base_url`: an absolute http(s) URL, parsed and normalised once (as
/// the `url` crate does: scheme and host in lowercase, international host names in their
/// ASCII form, other characters percent-encoded), without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    url: url::Url,
    /// The URL's text without its trailing slash: `https://example.org/wucheng`.
    text: String,
}

impl BaseUrl {
    /// Parses what a clerk wrote, or says what is wrong with it.
    pub(crate) fn parse(raw: &str) -> Result<BaseUrl, String> {
        let written = raw.trim();
        let not_absolute = || crate::msg!("config-base-url-not-absolute", url = written);
        let no_host = || crate::msg!("config-base-url-no-host", url = written);
        let (scheme, rest) = written.split_once("://").ok_or_else(not_absolute)?;
        if !["http", "https"].contains(&scheme.to_ascii_lowercase().as_str()) {
            return Err(not_absolute());
        }
        // The url crate reads `https:///x` as the host `x`; a clerk who wrote that left the
        // host out.
        if rest.is_empty() || rest.starts_with('/') || written.contains(char::is_whitespace) {
            return Err(no_host());
        }
        let url = url::Url::parse(written).map_err(|e| {
            crate::msg!(
                "config-base-url-invalid",
                url = written,
                reason = e.to_string()
            )
        })?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(crate::msg!("config-base-url-query", url = written));
        }
        let text = url.as_str().trim_end_matches('/').to_string();
        Ok(BaseUrl { url, text })
    }

    /// The address without a trailing slash: `https://example.org/wucheng`.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The host: `example.org`, or `xn--5nr158fzwg.cn` for an international name.
    pub(crate) fn host(&self) -> &str {
        self.url.host_str().unwrap_or("")
    }

    /// Whether the address cannot be the site's public one: a documentation domain
    /// (`example.org`, `.com`, `.net`, `*.example`, `*.test`, `*.invalid`), `localhost`, or a
    /// loopback, private, link-local or unspecified IP address. A QR code printed with it
    /// leads nowhere a resident's phone can reach.
    pub(crate) fn is_placeholder(&self) -> bool {
        match self.url.host() {
            Some(url::Host::Domain(host)) => {
                let host = host.trim_end_matches('.');
                let under = |name: &str| host == name || host.ends_with(&format!(".{name}"));
                ["example.org", "example.com", "example.net", "localhost"]
                    .iter()
                    .chain(&["example", "test", "invalid", "local"])
                    .any(|name| under(name))
            }
            Some(url::Host::Ipv4(ip)) => {
                ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
            }
            Some(url::Host::Ipv6(ip)) => {
                ip.is_loopback()
                    || ip.is_unspecified()
                    || ip.is_unique_local()
                    || ip.is_unicast_link_local()
            }
            None => true,
        }
    }

    /// The path part with slashes on both ends (`/wucheng/`, or `/`), for pages such as the
    /// 404 page that are served at any depth and so cannot use relative links.
    pub(crate) fn path(&self) -> String {
        match self.url.path().trim_matches('/') {
            "" => "/".to_string(),
            path => format!("/{path}/"),
        }
    }
}

#[derive(Deserialize, Default)]
struct ConfigRecord {
    title: Option<String>,
    base_url: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    theme: Option<String>,
    hotline: Option<Spanned<LooseText>>,
    issuer: Option<String>,
    date: Option<Spanned<LooseDate>>,
    #[serde(default)]
    board: BoardRecord,
    #[serde(default)]
    rules: RulesRecord,
    ledger: Option<crate::worklog::settings::LedgerRecord>,
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
    visits: Option<crate::worklog::settings::VisitRulesRecord>,
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
    "ledger",
];
const KNOWN_BOARD: &[&str] = &["paper", "orientation", "heading", "tasks"];
const KNOWN_RULES: &[&str] = &[
    "min_team",
    "require_lead",
    "max_units_per_person",
    "max_age_days",
    "publish_report",
    "visits",
    "household_coverage",
    "every_org_serves",
    "require",
    "package",
];

/// The `language` a site folder's config.toml sets (Chinese when it sets none), read before
/// anything else so that every message of the run can be in it; `None` without a readable
/// config.toml.
pub(crate) fn peek_language(site: &Path) -> Option<Language> {
    let text = std::fs::read_to_string(site.join(FILE_NAME)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    match table.get("language").and_then(toml::Value::as_str) {
        None => Some(Language::ZhHans),
        Some(code) => crate::messages::parse_language(code),
    }
}

/// Reads `config.toml` from the site folder. Every problem goes into `out`; `None` when the
/// file is missing or too broken to build from.
pub(crate) fn load(
    site: &Path,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Option<(Config, SourceFile)> {
    let path = site.join(FILE_NAME);
    if !path.is_file() {
        out.push(
            Diagnostic::error(
                FILE_NAME,
                crate::msg!(
                    "config-no-file",
                    file = FILE_NAME,
                    site = site.display().to_string()
                ),
            )
            .help(crate::msg!("config-no-file-help")),
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
    let keys = source::Keys {
        known: KNOWN,
        nested: &[
            ("board", KNOWN_BOARD),
            ("rules", KNOWN_RULES),
            ("gov_mark", gov::KNOWN_GOV_MARK),
            ("ledger", crate::worklog::settings::LEDGER_KEYS),
        ],
    };
    let parsed = source::parse_table(&file, &doc)
        .and_then(|table| source::parse_checked(&file, &doc, table, &keys, out));
    let record: ConfigRecord = match parsed {
        Ok(r) => r,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let errors_before = out.errors().count();
    let config = resolve(record, &file, &doc, phones, out);
    config
        .filter(|_| out.errors().count() == errors_before)
        .map(|c| (c, file))
}

fn resolve(
    mut r: ConfigRecord,
    file: &SourceFile,
    doc: &source::Document,
    phones: &PhoneParser,
    out: &mut Diagnostics,
) -> Option<Config> {
    let missing = |field: &str, example: &str| values::missing_field(&file.display, field, example);
    let title = r.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
        out.push(missing("title", "\"示范县干部联系帮包公示\""));
        String::new()
    });
    let base_url = match &r.base_url {
        None => {
            out.push(missing("base_url", "\"https://example.org/county\""));
            None
        }
        Some(v) => BaseUrl::parse(v.get_ref())
            .map_err(|m| {
                out.push(
                    values::error_at(file, doc, v, m).help(crate::msg!("config-base-url-help")),
                )
            })
            .ok(),
    };
    let language = match r.language.as_ref().map(|l| (l, l.get_ref().as_str())) {
        None | Some((_, "zh-Hans" | "zh" | "zh-CN")) => Language::ZhHans,
        Some((_, "en")) => Language::En,
        Some((v, other)) => {
            out.push(
                values::error_at(
                    file,
                    doc,
                    v,
                    crate::msg!("config-unknown-language", value = other),
                )
                .help(crate::msg!("config-unknown-language-help")),
            );
            Language::ZhHans
        }
    };
    let hotline = r.hotline.as_ref().and_then(|v| {
        let parsed = v
            .get_ref()
            .text()
            .ok_or_else(|| crate::msg!("config-hotline-not-text"))
            .and_then(|t| {
                phones
                    .parse(t, ServicePolicy::Accept)
                    .map_err(|e| e.to_string())
            });
        parsed
            .map_err(|m| out.push(values::error_at(file, doc, v, m)))
            .ok()
    });
    let date = r.date.as_ref().and_then(|v| {
        v.get_ref()
            .date("date")
            .map_err(|(message, help)| out.push(values::error_at(file, doc, v, message).help(help)))
            .ok()
    });
    let board = board(r.board, file, doc, out);
    let visits = r.rules.visits.take();
    let issuer = r.issuer.filter(|s| !s.trim().is_empty());
    // Read on their own from the same text: their spans would be lost in a flattened struct.
    let gov_record = source::parse_toml(file, doc)
        .map_err(|d| out.push(d))
        .unwrap_or_default();
    let gov = gov::resolve(
        gov_record,
        issuer.as_deref(),
        r.base_url.as_ref(),
        phones,
        file,
        doc,
        out,
    );
    Some(Config {
        title,
        base_url: base_url?,
        language,
        theme: r.theme.unwrap_or_else(|| "default".to_string()),
        hotline,
        issuer,
        date,
        board,
        worklog: crate::worklog::settings::resolve(visits, r.ledger, file, doc, out),
        rules: rules(r.rules, campaign::resolve(file, doc, out)),
        gov,
    })
}

/// `[board]`: the paper, its orientation, the heading and the tasks.
fn board(
    r: BoardRecord,
    file: &SourceFile,
    doc: &source::Document,
    out: &mut Diagnostics,
) -> BoardConfig {
    let paper = match r
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
                values::error_at(file, doc, v, crate::msg!("config-unknown-paper", value = p))
                    .help(crate::msg!("config-unknown-paper-help")),
            );
            Paper::A4
        }
    };
    let orientation = match r.orientation.as_ref().map(|o| (o, o.get_ref().as_str())) {
        None | Some((_, "portrait")) => Orientation::Portrait,
        Some((_, "landscape")) => Orientation::Landscape,
        Some((v, o)) => {
            out.push(
                values::error_at(
                    file,
                    doc,
                    v,
                    crate::msg!("config-unknown-orientation", value = o),
                )
                .help(crate::msg!("config-unknown-orientation-help")),
            );
            Orientation::Portrait
        }
    };
    BoardConfig {
        paper,
        orientation,
        heading: r.heading,
        tasks: r.tasks.unwrap_or_default(),
    }
}

/// `[rules]`, each rule not written taking its default.
fn rules(r: RulesRecord, campaign: campaign::CampaignRules) -> Rules {
    let defaults = Rules::default();
    Rules {
        min_team: r.min_team.unwrap_or(defaults.min_team),
        require_lead: r.require_lead.unwrap_or(defaults.require_lead),
        max_units_per_person: r
            .max_units_per_person
            .unwrap_or(defaults.max_units_per_person),
        max_age_days: r.max_age_days.unwrap_or(defaults.max_age_days),
        publish_report: r.publish_report.unwrap_or(defaults.publish_report),
        campaign,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_normalized_and_its_path_extracted() {
        let mut c = sample();
        c.with_base_url("https://host.example/county/").unwrap();
        assert_eq!(c.base_url.as_str(), "https://host.example/county");
        assert_eq!(c.base_url.path(), "/county/");
        assert_eq!(c.url("a/b/"), "https://host.example/county/a/b/");
        c.with_base_url("http://127.0.0.1:1111").unwrap();
        assert_eq!(c.base_url.path(), "/");
        assert_eq!(c.base_url.as_str(), "http://127.0.0.1:1111");
        assert!(c.with_base_url("example.org").is_err());
        assert!(c.with_base_url("https:///x").is_err());
        assert!(c.with_base_url("ftp://example.org").is_err());
        assert!(c.with_base_url("https://example.org/a?b").is_err());
        // Normalised once, as the url crate does: host in lowercase and in its ASCII form,
        // other characters percent-encoded.
        c.with_base_url("HTTPS://Example.ORG/县/").unwrap();
        assert_eq!(c.base_url.as_str(), "https://example.org/%E5%8E%BF");
        assert_eq!(c.base_url.path(), "/%E5%8E%BF/");
        c.with_base_url("https://示范县.cn").unwrap();
        assert_eq!(c.base_url.as_str(), "https://xn--5nr158fzwg.cn");
    }

    #[test]
    fn placeholder_addresses_are_known() {
        let placeholder = |url: &str| BaseUrl::parse(url).unwrap().is_placeholder();
        for url in [
            "https://example.org/shifan",
            "http://EXAMPLE.COM",
            "https://www.example.net/x",
            "http://localhost:1111",
            "http://127.0.0.1:1111",
            "http://10.1.2.3",
            "http://192.168.1.10/county",
            "http://172.20.0.1",
            "http://[::1]:8080",
            "https://site.example",
            "http://0.0.0.0",
        ] {
            assert!(placeholder(url), "{url}");
        }
        for url in [
            "https://www.shifan.gov.cn/gongshi",
            "https://示范县.cn",
            "https://example.org.cn",
            "http://8.8.8.8",
            "https://myexample.org",
        ] {
            assert!(!placeholder(url), "{url}");
        }
    }

    fn sample() -> Config {
        Config {
            title: "t".into(),
            base_url: BaseUrl::parse("https://example.org").unwrap(),
            language: Language::ZhHans,
            theme: "default".into(),
            hotline: None,
            issuer: None,
            date: None,
            gov: gov::Gov::default(),
            board: BoardConfig {
                paper: Paper::A4,
                orientation: Orientation::Portrait,
                heading: Some("h".into()),
                tasks: vec![],
            },
            rules: Rules::default(),
            worklog: Default::default(),
        }
    }
}
