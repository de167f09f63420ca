//! The build's constant words folded into the templates before they are compiled: a
//! `{{ t.team }}` or `{{ site.title }}` becomes the text it prints.
//!
//! Every page of a build prints the same theme words and site facts, but Tera looks each of
//! them up again on every page: through every enclosing loop, `set` variable, including
//! template and the page's context before it reaches the global one. A unit page printed over a
//! hundred of them. Folded once here, the words are plain text, written as they are.
//!
//! Only what is certain to print the same is folded: a plain `{{ t.key }}` or
//! `{{ site.a.b }}` (no filter, no whitespace control) whose value is a string, escaped as Tera
//! would escape it. A theme that names anything else `t` or `site` (`set`, `for`, a
//! component's argument) or has a `raw` block is compiled as it is.

use std::borrow::Cow;
use tera::Value;

/// The values a template may name and that every page sees the same: `t` and `site`.
pub(super) struct Constants<'a> {
    roots: [(&'static str, &'a Value); 2],
    /// Whether some template gives `t` or `site` another meaning, or prints text literally.
    off: bool,
}

impl<'a> Constants<'a> {
    /// `t` and `site` as the templates see them, for the theme whose template sources are
    /// `sources`.
    pub(super) fn new<'s>(
        t: &'a Value,
        site: &'a Value,
        sources: impl IntoIterator<Item = &'s str>,
    ) -> Self {
        let off = sources
            .into_iter()
            .any(|source| tags(source).any(redefines_roots));
        Constants {
            roots: [("t", t), ("site", site)],
            off,
        }
    }

    /// `source` with every constant expression replaced by the text it prints; `escaped` when
    /// the template is autoescaped.
    pub(super) fn fold<'s>(&self, source: &'s str, escaped: bool) -> Cow<'s, str> {
        if self.off {
            return Cow::Borrowed(source);
        }
        let mut out = String::new();
        let mut copied = 0;
        let mut rest = 0;
        while let Some(start) = source[rest..].find("{{").map(|i| rest + i) {
            let Some(end) = source[start..].find("}}").map(|i| start + i + 2) else {
                break;
            };
            if let Some(text) = self.text_of(&source[start + 2..end - 2], escaped) {
                out.push_str(&source[copied..start]);
                out.push_str(&text);
                copied = end;
            }
            rest = end;
        }
        if copied == 0 {
            return Cow::Borrowed(source);
        }
        out.push_str(&source[copied..]);
        Cow::Owned(out)
    }

    /// What the expression `inside` a `{{ }}` prints when it is a constant that can stand in
    /// its place as text.
    fn text_of(&self, inside: &str, escaped: bool) -> Option<String> {
        // `{{-` and `-}}` trim the text around them, which a folded text could not do.
        if inside.starts_with('-') || inside.ends_with('-') {
            return None;
        }
        let mut path = inside.trim().split('.');
        let root = path.next()?;
        let mut value = self.roots.iter().find(|(name, _)| *name == root)?.1;
        for key in path {
            if !is_identifier(key) {
                return None;
            }
            value = value
                .as_map()?
                .get(&tera::value::Key::from(key.to_string()))?;
        }
        let text = value.as_str()?;
        let text = if escaped && !value.is_safe() {
            let mut bytes = Vec::with_capacity(text.len());
            tera::escape_html(text, &mut bytes).ok()?;
            String::from_utf8(bytes).ok()?
        } else {
            text.to_string()
        };
        stands_as_text(&text).then_some(text)
    }
}

/// Whether `text`, put in a template's source, is read back as the same text: no brace that
/// could open or close a tag with what is around it, no `%` or `#` at an end that a brace
/// beside it would make a tag of, no space at an end that a neighbouring tag's whitespace
/// control would trim, and no line break, so that a template error names the line it did.
fn stands_as_text(text: &str) -> bool {
    !text.contains(['{', '}'])
        && !text.starts_with(['%', '#'])
        && !text.ends_with(['%', '#'])
        && text.trim() == text
        && !text.contains('\n')
}

fn is_identifier(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The insides of the `{% %}` tags of `source`.
fn tags(source: &str) -> impl Iterator<Item = &str> {
    source.split("{%").skip(1).map(|after| {
        let inside = after.split("%}").next().unwrap_or(after);
        inside.trim_matches(|c: char| c == '-' || c.is_whitespace())
    })
}

/// Whether the tag `inside` gives `t` or `site` a value of its own, or starts a `raw` block
/// (where an expression is text that prints as it is).
fn redefines_roots(inside: &str) -> bool {
    let names_a_root = |words: &str| {
        words
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == "t" || word == "site")
    };
    let (first, rest) = inside
        .split_once(char::is_whitespace)
        .unwrap_or((inside, ""));
    match first {
        "set" | "set_global" => names_a_root(rest.split('=').next().unwrap_or(rest)),
        "for" => names_a_root(rest.split(" in ").next().unwrap_or(rest)),
        "component" | "macro" | "with" => names_a_root(rest),
        "raw" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> (Value, Value) {
        let t = Value::from_serializable(&serde_json::json!({
            "team": "工作队成员",
            "quote": "Tom's <team>",
            "fill": "拨打{name}",
            "spaced": " 前后 ",
        }));
        let site = Value::from_serializable(&serde_json::json!({
            "title": "某县",
            "gov": { "code": "A1" },
            "count": 3,
        }));
        (t, site)
    }

    /// Renders `source` as the template `name`, as it is and folded, with the same values.
    fn both(name: &str, source: &str) -> (String, String) {
        let (t, site) = values();
        let render = |source: &str| {
            let mut tera = tera::Tera::new();
            tera.autoescape_on([".html"]);
            tera.add_raw_template(name, source).unwrap();
            let mut ctx = tera::Context::new();
            ctx.insert("t", &t);
            ctx.insert("site", &site);
            tera.render(name, &ctx).unwrap()
        };
        let constants = Constants::new(&t, &site, [source]);
        let folded = constants.fold(source, name.ends_with(".html"));
        (render(source), render(&folded))
    }

    #[test]
    fn constant_words_are_folded_into_text_that_prints_the_same() {
        let source = "<h2>{{ t.team }}</h2><p>{{t.quote}}</p>{{ site.title }}|{{ site.gov.code }}";
        let (t, site) = values();
        let folded = Constants::new(&t, &site, [source]).fold(source, true);
        assert_eq!(
            folded,
            "<h2>工作队成员</h2><p>Tom&#39;s &lt;team&gt;</p>某县|A1"
        );
        for name in ["page.html", "page.txt"] {
            let (plain, folded) = both(name, source);
            assert_eq!(plain, folded, "{name}");
        }
    }

    #[test]
    fn what_could_print_otherwise_is_left_to_tera() {
        let source = "{{ t.fill }}{{ t.spaced }}x {{- t.team }} {{ t.team -}} y{{ t.team | upper }}\
                      {{ site.count }}{{ t.missing_key }}{{ t[\"team\"] }}{{ site }}{{ root }}";
        let (t, site) = values();
        let folded = Constants::new(&t, &site, [source]).fold(source, true);
        assert_eq!(folded, source);
    }

    #[test]
    fn a_theme_that_names_something_else_t_or_site_is_not_folded() {
        let (t, site) = values();
        for other in [
            "{% set t = 1 %}",
            "{%- set_global site = page -%}",
            "{% for t in list %}{% endfor %}",
            "{% for key, site in map %}{% endfor %}",
            "{% raw %}{{ t.team }}{% endraw %}",
        ] {
            let source = "{{ t.team }}";
            let constants = Constants::new(&t, &site, [source, other]);
            assert_eq!(constants.fold(source, true), source, "{other}");
        }
        let harmless =
            "{% set team = t.team %}{% for m in t %}{% endfor %}{% if site.title %}{% endif %}";
        let constants = Constants::new(&t, &site, [harmless]);
        assert_eq!(constants.fold("{{ t.team }}", true), "工作队成员");
    }
}
