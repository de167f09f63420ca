//! Markdown page bodies rendered to HTML that is safe to put on a public page.
//!
//! Two layers: raw HTML in the source is turned into visible text before
//! rendering (pulldown-cmark has no switch to disable it), and the rendered
//! HTML still goes through ammonia, because Markdown links and images can
//! carry `javascript:` or `data:` URLs on their own.

use std::collections::HashSet;
use std::sync::LazyLock;

use ammonia::{Builder, Url, UrlRelative};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Schemes that links may use: web pages, phone numbers and e-mail.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "tel", "mailto"];

/// The exact `style` values pulldown-cmark writes for table column alignment;
/// nothing else is accepted in a `style` attribute.
const TABLE_ALIGN_STYLES: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(LINK_SCHEMES))
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attribute_values("th", "style", TABLE_ALIGN_STYLES)
        .add_tag_attribute_values("td", "style", TABLE_ALIGN_STYLES)
        .set_tag_attribute_value("img", "loading", "lazy")
        .attribute_filter(|element, attribute, value| {
            let keep = match (element, attribute) {
                ("a", "href") => url_kind(value) != UrlKind::Unusable,
                // `tel:`/`mailto:` are right for links but meaningless as image sources.
                ("img", "src") => matches!(url_kind(value), UrlKind::Web | UrlKind::Relative),
                _ => true,
            };
            keep.then(|| value.into())
        });
    builder
});

/// Renders a Markdown page body (CommonMark, tables, strikethrough) to safe
/// HTML. Headings move down one level because the page template owns the
/// page's only `<h1>`.
pub(crate) fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        // An HTML block that is now text still needs a block around it.
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html)
}

fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum UrlKind {
    /// http or https.
    Web,
    /// Any other scheme (ammonia has already removed those not allowed).
    OtherScheme,
    /// A path on this site.
    Relative,
    /// Neither a valid absolute URL nor a valid relative reference.
    Unusable,
}

/// Classifies `url`, parsing it the way ammonia does so both agree on what
/// counts as relative.
fn url_kind(url: &str) -> UrlKind {
    match Url::parse(url) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => UrlKind::Web,
        Ok(_) => UrlKind::OtherScheme,
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => {
            // A colon before the first `/`, `?` or `#` is a scheme that failed to
            // parse, such as `java%09script:` from `[x](java&#x09;script:…)`;
            // RFC 3986 forbids it in a relative reference, so no real link
            // looks like this.
            let first_segment = url.split(['/', '?', '#']).next().unwrap_or_default();
            if first_segment.contains(':') {
                UrlKind::Unusable
            } else {
                UrlKind::Relative
            }
        }
        Err(_) => UrlKind::Unusable,
    }
}

#[cfg(test)]
mod tests;
