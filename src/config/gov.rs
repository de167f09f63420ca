//! What a Chinese government website must show on every page (政府网站发展指引, 国办发〔2017〕47号):
//! its host organization (主办单位), government-website code (网站标识码), ICP filing number,
//! public-security filing number, the 党政机关网站标识 and a way to contact it; and the
//! national find-error link (我为政府网站找错) carrying the site code.
//!
//! Every value is optional: a site that sets none builds as before. A value that is set but
//! malformed is an error naming config.toml and its line, because a provincial checker flags a
//! wrong filing number as surely as a missing one; a `.gov.cn` site missing the three numbers
//! gets a warning.

use crate::content::source::{Document, SourceFile};
use crate::content::spanned::Spanned;
use crate::content::values;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::validate::phone::{PhoneParser, ServicePolicy};
use serde::{Deserialize, Serialize};

pub(super) const KNOWN_GOV_MARK: &[&str] = &["image", "link"];

/// Province abbreviations that open an ICP or public-security filing number.
const PROVINCES: &str =
    "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台";

#[derive(Deserialize, Default)]
pub(super) struct GovRecord {
    host_org: Option<String>,
    site_code: Option<Spanned<String>>,
    icp: Option<Spanned<String>>,
    police_record: Option<Spanned<String>>,
    gov_mark: Option<Spanned<GovMarkRecord>>,
    contact: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct GovMarkRecord {
    image: Option<String>,
    link: Option<String>,
}

/// The government-website details of a site, as its pages show them.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Gov {
    /// 主办单位: `host_org`, else (on a site with any other of these set) the issuer.
    pub(crate) host_org: Option<String>,
    /// 网站标识码: ten digits (`bm` and eight digits for central departments).
    pub(crate) site_code: Option<String>,
    /// `鲁ICP备12345678号-1`.
    pub(crate) icp: Option<String>,
    /// `鲁公网安备 37142802000123号`.
    pub(crate) police_record: Option<String>,
    /// The fourteen digits of the public-security number, for its lookup link.
    pub(crate) police_code: Option<String>,
    /// The 党政机关网站标识: an image under `static/` and the link it carries.
    pub(crate) gov_mark: Option<GovMark>,
    /// 联系我们: what is shown and where it leads (`mailto:`, `tel:` or a web address).
    pub(crate) contact: Option<Contact>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct GovMark {
    /// Site-relative path of the image, as copied from `static/`.
    pub(crate) image: String,
    pub(crate) link: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Contact {
    pub(crate) text: String,
    pub(crate) href: String,
}

/// Checks and resolves the record; problems go into `out` with their lines.
pub(super) fn resolve(
    record: GovRecord,
    issuer: Option<&str>,
    base_url: Option<&Spanned<String>>,
    phones: &PhoneParser,
    file: &SourceFile,
    doc: &Document,
    out: &mut Diagnostics,
) -> Gov {
    let bad = |out: &mut Diagnostics, value: &Spanned<String>, message: String, help: String| {
        out.push(values::error_at(file, doc, value, message).help(help));
    };
    let site_code = record.site_code.and_then(|v| {
        let code = v.get_ref().trim().to_string();
        if is_site_code(&code) {
            Some(code)
        } else {
            bad(
                out,
                &v,
                crate::msg!("config-bad-site-code", value = &code),
                crate::msg!("config-bad-site-code-help"),
            );
            None
        }
    });
    let icp = record.icp.and_then(|v| {
        let number = v.get_ref().trim().to_string();
        if is_icp(&number) {
            Some(number)
        } else {
            bad(
                out,
                &v,
                crate::msg!("config-bad-icp", value = &number),
                crate::msg!("config-bad-icp-help"),
            );
            None
        }
    });
    let (police_record, police_code) = match record.police_record {
        None => (None, None),
        Some(v) => {
            let number = v.get_ref().trim().to_string();
            match police_digits(&number) {
                Some(digits) => (Some(number), Some(digits)),
                None => {
                    bad(
                        out,
                        &v,
                        crate::msg!("config-bad-police-record", value = &number),
                        crate::msg!("config-bad-police-record-help"),
                    );
                    (None, None)
                }
            }
        }
    };
    let gov_mark = record.gov_mark.and_then(|v| {
        let mark = v.get_ref();
        let image = mark
            .image
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let link = mark
            .link
            .as_deref()
            .map(str::trim)
            .filter(|s| is_web_address(s));
        match (image, link) {
            (Some(image), Some(link)) => Some(GovMark {
                image: image.trim_start_matches('/').to_string(),
                link: link.to_string(),
            }),
            _ => {
                out.push(
                    values::error_at(file, doc, &v, crate::msg!("config-bad-gov-mark"))
                        .help(crate::msg!("config-bad-gov-mark-help")),
                );
                None
            }
        }
    });
    let contact = record.contact.and_then(|v| {
        let text = v.get_ref().trim().to_string();
        match contact_href(&text, phones) {
            Some(href) => Some(Contact { text, href }),
            None => {
                bad(
                    out,
                    &v,
                    crate::msg!("config-bad-contact", value = &text),
                    crate::msg!("config-bad-contact-help"),
                );
                None
            }
        }
    });
    if let Some(url) = base_url
        && is_gov_cn(url.get_ref())
    {
        let missing: Vec<&str> = [
            ("site_code", site_code.is_none()),
            ("icp", icp.is_none()),
            ("police_record", police_record.is_none()),
        ]
        .iter()
        .filter(|(_, missing)| *missing)
        .map(|(key, _)| *key)
        .collect();
        if !missing.is_empty() {
            let (line, column) = values::position(file, doc, url);
            out.push(
                Diagnostic::warning(
                    &file.display,
                    crate::msg!("config-gov-cn-missing", fields = missing.join(", ")),
                )
                .at(Some(line), Some(column))
                .help(crate::msg!("config-gov-cn-missing-help")),
            );
        }
    }
    // The issuer stands in as 主办单位 only on a site that declares itself a government
    // website; elsewhere the footer already names the issuer once.
    let declared = site_code.is_some()
        || icp.is_some()
        || police_record.is_some()
        || gov_mark.is_some()
        || contact.is_some();
    Gov {
        host_org: record
            .host_org
            .filter(|s| !s.trim().is_empty())
            .or_else(|| issuer.filter(|_| declared).map(str::to_string)),
        site_code,
        icp,
        police_record,
        police_code,
        gov_mark,
        contact,
    }
}

fn is_site_code(code: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(code, 10) || code.strip_prefix("bm").is_some_and(|rest| digits(rest, 8))
}

/// `鲁ICP备12345678号`, optionally with `-N` for the site's number under the filing.
fn is_icp(number: &str) -> bool {
    let mut chars = number.chars();
    let Some(province) = chars.next() else {
        return false;
    };
    let Some(rest) = chars.as_str().strip_prefix("ICP备") else {
        return false;
    };
    let Some((digits, suffix)) = rest.split_once('号') else {
        return false;
    };
    PROVINCES.contains(province)
        && (5..=12).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (suffix.is_empty()
            || suffix
                .strip_prefix('-')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// The fourteen digits of `鲁公网安备 37142802000123号`.
fn police_digits(number: &str) -> Option<String> {
    let mut chars = number.chars();
    let province = chars.next()?;
    let rest = chars.as_str().strip_prefix("公网安备")?.trim_start();
    let digits = rest.strip_suffix('号')?.trim();
    (PROVINCES.contains(province)
        && digits.len() == 14
        && digits.bytes().all(|b| b.is_ascii_digit()))
    .then(|| digits.to_string())
}

fn is_web_address(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace)
}

/// Where 联系我们 leads: an e-mail address, a phone number or a web address.
fn contact_href(text: &str, phones: &PhoneParser) -> Option<String> {
    if is_web_address(text) {
        return Some(text.to_string());
    }
    if let Some((user, host)) = text.split_once('@') {
        let plain = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
        return (plain(user) && plain(host) && host.contains('.'))
            .then(|| format!("mailto:{text}"));
    }
    phones
        .parse(text, ServicePolicy::Accept)
        .ok()
        .map(|p| p.tel_uri())
}

/// Whether the site's address is under `.gov.cn`.
fn is_gov_cn(base_url: &str) -> bool {
    let host = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    host == "gov.cn" || host.ends_with(".gov.cn")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes_are_ten_digits_or_bm_and_eight() {
        assert!(is_site_code("3714280001"));
        assert!(is_site_code("bm01000001"));
        assert!(!is_site_code("371428000"));
        assert!(!is_site_code("37142800011"));
        assert!(!is_site_code("37142800a1"));
        assert!(!is_site_code(""));
    }

    #[test]
    fn icp_numbers_follow_the_filing_pattern() {
        assert!(is_icp("鲁ICP备12345678号"));
        assert!(is_icp("鲁ICP备12345678号-1"));
        assert!(is_icp("京ICP备2021012345号-12"));
        assert!(!is_icp("ICP备12345678号"));
        assert!(!is_icp("鲁ICP12345678号"));
        assert!(!is_icp("美ICP备12345678号"));
        assert!(!is_icp("鲁ICP备12345678"));
        assert!(!is_icp("鲁ICP备12345678号-"));
        assert!(!is_icp("鲁ICP备1234号"));
    }

    #[test]
    fn police_numbers_give_their_digits() {
        assert_eq!(
            police_digits("鲁公网安备 37142802000123号").as_deref(),
            Some("37142802000123")
        );
        assert_eq!(
            police_digits("京公网安备11010502030143号").as_deref(),
            Some("11010502030143")
        );
        assert_eq!(police_digits("鲁公网安备 3714280200012号"), None);
        assert_eq!(police_digits("公网安备 37142802000123号"), None);
        assert_eq!(police_digits("鲁公网安备 37142802000123"), None);
    }

    #[test]
    fn contacts_become_links() {
        assert_eq!(
            contact_href("gongshi@shifan.gov.cn", &PhoneParser::default()).as_deref(),
            Some("mailto:gongshi@shifan.gov.cn")
        );
        assert_eq!(
            contact_href("0534-2212345", &PhoneParser::default()).as_deref(),
            Some("tel:+865342212345")
        );
        assert_eq!(
            contact_href("https://www.shifan.gov.cn/lxwm/", &PhoneParser::default()).as_deref(),
            Some("https://www.shifan.gov.cn/lxwm/")
        );
        assert_eq!(contact_href("找办公室", &PhoneParser::default()), None);
    }

    #[test]
    fn gov_cn_hosts_are_recognised() {
        assert!(is_gov_cn("https://www.shifan.gov.cn/gongshi"));
        assert!(is_gov_cn("http://shifan.gov.cn:8080"));
        assert!(!is_gov_cn("https://gov.cn.example.org/"));
        assert!(!is_gov_cn("https://example.org/gov.cn"));
    }
}
