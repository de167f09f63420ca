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

    /// `source` with every constant expression replaced by the text it prints, and every
    /// other constant in a tag by its literal; `escaped` when the template is autoescaped.
    pub(super) fn fold<'s>(&self, source: &'s str, escaped: bool) -> Cow<'s, str> {
        if self.off {
            return Cow::Borrowed(source);
        }
        let mut out = String::with_capacity(source.len());
        let mut changed = false;
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            let close = match rest.as_bytes().get(open + 1) {
                Some(b'{') => "}}",
                Some(b'%') => "%}",
                Some(b'#') => "#}",
                _ => {
                    out.push_str(&rest[..open + 1]);
                    rest = &rest[open + 1..];
                    continue;
                }
            };
            let Some(end) = tag_end(&rest[open..], close).map(|end| open + end) else {
                break;
            };
            out.push_str(&rest[..open]);
            let tag = &rest[open..end];
            let inside = &tag[2..tag.len() - 2];
            if close == "#}" {
                out.push_str(tag);
            } else if let Some(text) = (close == "}}")
                .then(|| self.text_of(inside, escaped))
                .flatten()
            {
                out.push_str(&text);
                changed = true;
            } else if let Cow::Owned(folded) = self.fold_paths(inside) {
                out.push_str(&tag[..2]);
                out.push_str(&folded);
                out.push_str(close);
                changed = true;
            } else {
                out.push_str(tag);
            }
            rest = &rest[end..];
        }
        if !changed {
            return Cow::Borrowed(source);
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// The expressions `inside` a tag with each constant path (`site.board.orientation`,
    /// `t.list_sep`) that names a string, a boolean, a whole number or nothing (`none`)
    /// replaced by its literal.
    fn fold_paths<'s>(&self, inside: &'s str) -> Cow<'s, str> {
        let mut out = String::new();
        let mut copied = 0;
        let bytes = inside.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if matches!(c, b'"' | b'\'' | b'`') {
                i = string_end(bytes, i);
                continue;
            }
            let starts_word = is_word_byte(c)
                && !c.is_ascii_digit()
                && (i == 0 || !(is_word_byte(bytes[i - 1]) || bytes[i - 1] == b'.'));
            if !starts_word {
                i += 1;
                continue;
            }
            let end = path_end(bytes, i);
            if let Some(literal) = self.literal_of(&inside[i..end], &inside[end..]) {
                out.push_str(&inside[copied..i]);
                out.push_str(&literal);
                copied = end;
            }
            i = end;
        }
        if copied == 0 {
            return Cow::Borrowed(inside);
        }
        out.push_str(&inside[copied..]);
        Cow::Owned(out)
    }

    /// The literal of the constant `path` names, when what `follows` it in the tag does not
    /// go on to index or call it.
    fn literal_of(&self, path: &str, follows: &str) -> Option<String> {
        if follows.trim_start().starts_with(['[', '(']) {
            return None;
        }
        let value = self.value_of(path)?;
        if value.is_none() {
            return Some("none".to_string());
        }
        if let Some(b) = value.as_bool() {
            return Some(b.to_string());
        }
        if value.is_u64() || value.is_i64() {
            return value.as_i64().map(|n| n.to_string());
        }
        let text = value.as_str().filter(|_| !value.is_safe())?;
        if text.contains(['{', '}']) {
            return None;
        }
        let mut literal = String::with_capacity(text.len() + 2);
        literal.push('"');
        for c in text.chars() {
            match c {
                '"' => literal.push_str("\\\""),
                '\\' => literal.push_str("\\\\"),
                '\n' => literal.push_str("\\n"),
                '\r' => literal.push_str("\\r"),
                '\t' => literal.push_str("\\t"),
                c => literal.push(c),
            }
        }
        literal.push('"');
        Some(literal)
    }

    /// The value `path` (`t.key`, `site.a.b`) names, if it is one of the constants'.
    fn value_of(&self, path: &str) -> Option<&Value> {
        let mut keys = path.split('.');
        let root = keys.next()?;
        let mut value = self.roots.iter().find(|(name, _)| *name == root)?.1;
        let mut depth = 0;
        for key in keys {
            if !is_identifier(key) {
                return None;
            }
            value = value
                .as_map()?
                .get(&tera::value::Key::from(key.to_string()))?;
            depth += 1;
        }
        (depth > 0).then_some(value)
    }

    /// What the expression `inside` a `{{ }}` prints when it is a constant that can stand in
    /// its place as text.
    fn text_of(&self, inside: &str, escaped: bool) -> Option<String> {
        // `{{-` and `-}}` trim the text around them, which a folded text could not do.
        if inside.starts_with('-') || inside.ends_with('-') {
            return None;
        }
        let value = self.value_of(inside.trim())?;
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

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || !c.is_ascii()
}

/// Where the name and its `.key`s that start at `start` end.
fn path_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    loop {
        while end < bytes.len() && is_word_byte(bytes[end]) {
            end += 1;
        }
        match (bytes.get(end), bytes.get(end + 1)) {
            (Some(b'.'), Some(&next)) if is_word_byte(next) => end += 1,
            _ => return end,
        }
    }
}

/// Where the string literal that opens at `open` ends (after its closing quote), its
/// backslash escapes skipped as Tera's lexer skips them.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where the tag at the start of `text` ends (after `close`), its string literals skipped;
/// none when it does not.
fn tag_end(text: &str, close: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 2;
    while i < bytes.len() {
        if close != "#}" && matches!(bytes[i], b'"' | b'\'' | b'`') {
            i = string_end(bytes, i);
        } else if bytes[i..].starts_with(close.as_bytes()) {
            return Some(i + close.len());
        } else {
            i += 1;
        }
    }
    None
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
            "issuer": null,
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
    fn what_could_print_otherwise_is_left_to_tera_as_an_expression() {
        let source = "{{ t.fill }}{{ t.spaced }}x {{- t.team }} {{ t.team -}} y{{ t.team | upper }}\
                      {{ site.count }}{{ t.missing_key }}{{ t[\"team\"] }}{{ site }}{{ root }}";
        let (t, site) = values();
        let folded = Constants::new(&t, &site, [source]).fold(source, true);
        assert_eq!(
            folded,
            "{{ \"拨打{name}\" }}{{ \" 前后 \" }}x {{- \"工作队成员\" }} {{ \"工作队成员\" -}} \
             y{{ \"工作队成员\" | upper }}{{ 3 }}{{ t.missing_key }}{{ t[\"team\"] }}{{ site }}{{ root }}"
                .replace("{{ \"拨打{name}\" }}", "{{ t.fill }}")
        );
    }

    #[test]
    fn constants_in_tags_become_literals_that_mean_the_same() {
        let source = "{% if site.title == \"某县\" and site.gov.code %}{{ site.count * 2 }}{% endif %}\
                      {% set words = [t.team, t.quote] %}{{ words | join(sep=t.quote) }}\
                      {{ \"site.title\" ~ 'x \\\" t.team' }}{# {{ site.title }} #}\
                      {% if site.missing %}no{% else %}{{ site.gov.code | lower }}{% endif %}\
                      {# 全 #}{% set sitex = 1 %}{{ sitex }}{% if site.issuer %}x{% endif %}{{ site.issuer }}";
        let (t, site) = values();
        let folded = Constants::new(&t, &site, [source]).fold(source, true);
        assert!(
            folded.starts_with("{% if \"某县\" == \"某县\" and \"A1\" %}{{ 3 * 2 }}"),
            "{folded}"
        );
        assert!(folded.contains("{{ \"site.title\" ~ 'x \\\" t.team' }}{# {{ site.title }} #}"));
        assert!(folded.contains("join(sep=\"Tom's <team>\")"), "{folded}");
        assert!(
            folded.ends_with("{% if none %}x{% endif %}{{ none }}"),
            "{folded}"
        );
        for name in ["page.html", "page.txt"] {
            let (plain, folded) = both(name, source);
            assert_eq!(plain, folded, "{name}");
        }
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

    /// No template text makes folding panic: pieces of tags, quotes, escapes and wide
    /// characters put together at random.
    #[test]
    fn any_text_is_folded_without_panicking() {
        let (t, site) = values();
        let constants = Constants::new(&t, &site, [""]);
        let pieces = [
            "{{",
            "}}",
            "{%",
            "%}",
            "{#",
            "#}",
            "{",
            "}",
            "\"",
            "'",
            "`",
            "\\",
            " ",
            "-",
            "t.team",
            "site.gov.code",
            "site.",
            "t",
            ".",
            "[",
            "(",
            "全",
            "覆盖",
            "x",
            "\n",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5_000 {
            let mut source = String::new();
            for _ in 0..next() % 24 {
                source.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let _ = constants.fold(&source, true);
            let _ = constants.fold(&source, false);
        }
    }
}
