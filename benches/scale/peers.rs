//! The same units and people as a Hugo site and as a Zola site, with templates making
//! equivalent pages: a unit page with its team, tel links and vCard links, area lists with each
//! unit's lead, people pages and a front page listing the areas.

use super::site::Layout;
use super::{ROLES, SURNAMES, person_name, phone, unit_name, write};
use std::fmt::Write as _;
use std::path::Path;

/// A peer site generator: Hugo or Zola.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Peer {
    Hugo,
    Zola,
}

impl Peer {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Peer::Hugo => "hugo",
            Peer::Zola => "zola",
        }
    }

    /// Writes this peer's site for `layout` into `dir`.
    pub(crate) fn generate(self, dir: &Path, layout: &Layout) {
        match self {
            Peer::Hugo => generate_hugo(dir, layout),
            Peer::Zola => generate_zola(dir, layout),
        }
    }

    /// The command that builds the site in `dir` into `output`.
    pub(crate) fn command(
        self,
        program: &Path,
        dir: &Path,
        output: &Path,
    ) -> std::process::Command {
        let mut command = std::process::Command::new(program);
        match self {
            Peer::Hugo => {
                command
                    .arg("--quiet")
                    .arg("--source")
                    .arg(dir)
                    .arg("--destination")
                    .arg(output);
            }
            Peer::Zola => {
                command
                    .arg("--root")
                    .arg(dir)
                    .arg("build")
                    .arg("--output-dir")
                    .arg(output);
            }
        }
        command
    }
}

const HEAD: &str = "<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
const FOOTER: &str = "<footer><a href=\"tel:05342212345\">监督电话 0534-2212345</a> <a href=\"tel:12345\">12345</a></footer></body></html>";

/// Front matter of a unit's team, one table per member, under `key` (`team` or `extra.team`).
fn team_tables(text: &mut String, layout: &Layout, unit: usize, key: &str) {
    for (k, p) in layout.team(unit).enumerate() {
        let _ = write!(
            text,
            "[[{key}]]\nname = \"{}\"\ninitial = \"{}\"\nrole = \"{}\"\ntitle = \"市直机关干部\"\norg = \"市第{}局\"\nphone = \"{}\"\nurl = \"people/p{p:06}/\"\nvcf = \"people/p{p:06}.vcf\"\n",
            person_name(p),
            SURNAMES[p % 16],
            ROLES[k % ROLES.len()],
            p % 40,
            phone(p)
        );
    }
}

fn generate_hugo(hugo: &Path, layout: &Layout) {
    write(
        &hugo.join("hugo.toml"),
        "baseURL = \"https://gongshi.shifan.cn/city/\"\ntitle = \"基准测试市\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n",
    );
    write(
        &hugo.join("layouts/_default/baseof.html"),
        &format!(
            "{HEAD}<title>{{{{ .Title }}}} · {{{{ site.Title }}}}</title><meta name=\"description\" content=\"{{{{ .Description }}}}\"><link rel=\"stylesheet\" href=\"{{{{ \"style.css\" | relURL }}}}\"></head><body><header><a href=\"{{{{ \"\" | relURL }}}}\">{{{{ site.Title }}}}</a></header><main>{{{{ block \"main\" . }}}}{{{{ end }}}}</main>{FOOTER}"
        ),
    );
    write(
        &hugo.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ with .Params.team }}<ul>{{ range . }}<li><span>{{ .initial }}</span><a href=\"{{ .url | relURL }}\">{{ .name }}</a> <span>{{ .role }}</span><p>{{ .title }}</p><p>派出单位：{{ .org }}</p><a href=\"tel:+86{{ .phone }}\">{{ .phone }}</a> <a href=\"{{ .vcf | relURL }}\">保存到通讯录</a></li>{{ end }}</ul>{{ end }}{{ with .Params.phone }}<a href=\"tel:+86{{ . }}\">{{ . }}</a>{{ end }}{{ .Content }}{{ end }}",
    );
    write(
        &hugo.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ with .Params.team }}{{ with index . 0 }} <a href=\"tel:+86{{ .phone }}\">{{ .name }} {{ .phone }}</a>{{ end }}{{ end }}</li>{{ end }}</ul>{{ end }}",
    );
    write(&hugo.join("static/style.css"), "body{font-size:18px}");
    write_pages(hugo, layout, "", "team");
}

fn generate_zola(zola: &Path, layout: &Layout) {
    write(
        &zola.join("config.toml"),
        "base_url = \"https://gongshi.shifan.cn/city\"\ntitle = \"基准测试市\"\ncompile_sass = false\nbuild_search_index = false\ngenerate_feeds = false\n[markdown]\n",
    );
    let base = format!(
        "{HEAD}<title>{{% block title %}}{{% endblock title %}} · {{{{ config.title }}}}</title><link rel=\"stylesheet\" href=\"{{{{ get_url(path='style.css') }}}}\"></head><body><header><a href=\"{{{{ config.base_url }}}}/\">{{{{ config.title }}}}</a></header><main>{{% block main %}}{{% endblock main %}}</main>{FOOTER}"
    );
    write(&zola.join("templates/base.html"), &base);
    write(
        &zola.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block title %}{{ page.title }}{% endblock title %}{% block main %}<h1>{{ page.title }}</h1>{% if page.extra.team %}<ul>{% for m in page.extra.team %}<li><span>{{ m.initial }}</span><a href=\"{{ config.base_url }}/{{ m.url }}\">{{ m.name }}</a> <span>{{ m.role }}</span><p>{{ m.title }}</p><p>派出单位：{{ m.org }}</p><a href=\"tel:+86{{ m.phone }}\">{{ m.phone }}</a> <a href=\"{{ config.base_url }}/{{ m.vcf }}\">保存到通讯录</a></li>{% endfor %}</ul>{% endif %}{% if page.extra.phone %}<a href=\"tel:+86{{ page.extra.phone }}\">{{ page.extra.phone }}</a>{% endif %}{{ page.content | safe }}{% endblock main %}",
    );
    write(
        &zola.join("templates/section.html"),
        "{% extends \"base.html\" %}{% block title %}{{ section.title }}{% endblock title %}{% block main %}<h1>{{ section.title }}</h1><ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href=\"{{ sub.permalink }}\">{{ sub.title }}</a></li>{% endfor %}{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a>{% if p.extra.team %} <a href=\"tel:+86{{ p.extra.team.0.phone }}\">{{ p.extra.team.0.name }} {{ p.extra.team.0.phone }}</a>{% endif %}</li>{% endfor %}</ul>{% endblock main %}",
    );
    write(
        &zola.join("templates/index.html"),
        "{% extends \"section.html\" %}",
    );
    write(&zola.join("static/style.css"), "body{font-size:18px}");
    write(
        &zola.join("content/_index.md"),
        "+++\ntitle = \"基准测试市\"\n+++\n",
    );
    write(
        &zola.join("content/people/_index.md"),
        "+++\ntitle = \"联系人\"\n+++\n",
    );
    write_pages(zola, layout, "[extra]\n", "extra.team");
}

/// Every person, unit and area as a Markdown page with TOML front matter: page-specific fields
/// go after `params` (Zola's `[extra]`; Hugo reads them at the top), the team under `team_key`.
fn write_pages(dir: &Path, layout: &Layout, params: &str, team_key: &str) {
    for p in 0..layout.people {
        write(
            &dir.join(format!("content/people/p{p:06}.md")),
            &format!(
                "+++\ntitle = \"{}\"\n{params}phone = \"{}\"\n+++\n",
                person_name(p),
                phone(p)
            ),
        );
    }
    for u in 0..layout.units {
        let name = unit_name(u);
        let mut text =
            format!("+++\ntitle = \"{name}\"\ndescription = \"{name}的联系干部\"\n{params}");
        team_tables(&mut text, layout, u, team_key);
        text.push_str("+++\n");
        write(
            &dir.join(format!("content/{}/u{u:06}.md", layout.area_path(u))),
            &text,
        );
    }
    for (path, name) in layout.areas() {
        write(
            &dir.join(format!("content/{path}/_index.md")),
            &format!("+++\ntitle = \"{name}\"\n+++\n"),
        );
    }
}
