//! The site's pages besides units and areas (see `tree`), one method per kind: people (page,
//! vCard), the front page, the people list, the coverage report, the ledger, and the pages that
//! change only with the site as a whole.

use super::context::{LinkView, ListedPerson, UnitValues, area_description, area_value};
use super::templates::{PageView, template_error};
use super::writer::Writer;
use super::{RenderError, Renderer, Scope, markdown, vcard};
use crate::coverage::Report;
use rayon::prelude::*;
use std::collections::HashMap;
use tera::{Context, Value};

impl Renderer<'_> {
    /// Each published person's page and vCard.
    pub(super) fn render_people(&self, writer: &Writer, scope: &Scope) -> Result<(), RenderError> {
        let site = self.input.site;
        site.people
            .par_iter()
            .enumerate()
            .zip(self.people.par_iter())
            .filter(|((index, person), _)| person.serving && scope.person(*index))
            .try_for_each(|((index, person), view)| {
                let mut ctx = Context::new();
                match self.person_values.get(index) {
                    Some(value) => ctx.insert_value("person", value.clone()),
                    None => ctx.insert("person", view),
                }
                let description = [view.title.as_deref(), view.org.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                self.page(
                    writer,
                    "person.html",
                    &view.url,
                    &person.name,
                    &description,
                    ctx,
                )?;
                writer.write(
                    &view.vcard,
                    vcard::for_person(site, person, view).as_bytes(),
                )?;
                self.input.progress.inc(1);
                Ok(())
            })
    }

    /// `coverage.json` and the coverage page.
    pub(super) fn render_report(
        &self,
        writer: &Writer,
        report: &Report,
    ) -> Result<(), RenderError> {
        // Written as it is made (at a province's size the JSON is 60 MB), by one thread while
        // the other renders the page: each is one long serial job.
        let json = || {
            writer.write_streamed("coverage.json", |out| {
                serde_json::to_writer_pretty(out, &report.public()).map_err(|e| RenderError::Io {
                    path: "coverage.json".into(),
                    source: e.into(),
                })
            })
        };
        let (json, page) = rayon::join(json, || self.render_report_page(writer, report));
        json.and(page)
    }

    /// The coverage page of `report`.
    fn render_report_page(&self, writer: &Writer, report: &Report) -> Result<(), RenderError> {
        let mut ctx = Context::new();
        let value = Value::from_serializable(report);
        // The page lists each area's gaps: grouped once here, as a template filtering every
        // gap per area would take the square of a province's units. The groups share the
        // report's values of the gaps instead of making them again (a province's were 150 MB).
        let gap_values = value
            .as_map()
            .and_then(|m| m.get(&tera::value::Key::from("gaps")))
            .and_then(Value::as_array)
            .unwrap_or_default();
        let mut gaps_by_area: HashMap<&str, Vec<Value>> = HashMap::new();
        for (gap, gap_value) in report.gaps.iter().zip(gap_values) {
            gaps_by_area
                .entry(gap.area.as_str())
                .or_default()
                .push(gap_value.clone());
        }
        let gaps_by_area: tera::Map = gaps_by_area
            .into_iter()
            .map(|(area, gaps)| (area.to_string().into(), Value::from(gaps)))
            .collect();
        ctx.insert_value("gaps_by_area", Value::from(gaps_by_area));
        ctx.insert_value("report", value);
        let title = self.strings.text("coverage");
        self.list_page(writer, "coverage.html", "coverage/", title, ctx)
    }

    /// The ledger page, when the site publishes its problem ledger.
    pub(super) fn render_ledger(&self, writer: &Writer) -> Result<(), RenderError> {
        let Some(ledger) = crate::worklog::views::ledger_page(self.input.site) else {
            return Ok(());
        };
        let mut ctx = Context::new();
        ctx.insert("ledger", &ledger);
        self.page(
            writer,
            "ledger.html",
            crate::worklog::views::LEDGER_PAGE,
            self.strings.text("log_ledger_title"),
            self.strings.text("log_ledger_intro"),
            ctx,
        )
    }

    /// The front page, showing the units below the root through `unit`.
    pub(super) fn render_front_page(
        &self,
        writer: &Writer,
        unit: &UnitValues<'_>,
    ) -> Result<(), RenderError> {
        let site = self.input.site;
        let root_value = area_value(site, &self.strings, 0, &self.people, &self.area_units, unit)?;
        let mut ctx = Context::new();
        ctx.insert_value("area", root_value);
        ctx.insert(
            "body_html",
            &site.front_body.as_deref().map(markdown::to_html),
        );
        ctx.insert("unit_count", &site.units.len());
        let title = site
            .front_title
            .clone()
            .unwrap_or_else(|| site.config.title.clone());
        let description = site
            .front_description
            .clone()
            .unwrap_or_else(|| area_description(site, &self.strings, &self.area_units, 0));
        self.page(writer, "index.html", "", &title, &description, ctx)
    }

    pub(super) fn render_people_list(&self, writer: &Writer) -> Result<(), RenderError> {
        let site = self.input.site;
        let mut ctx = Context::new();
        let listed: Vec<ListedPerson> = site
            .published_people()
            .map(|i| ListedPerson::from(&*self.people[i]))
            .collect();
        ctx.insert("people", &listed);
        drop(listed);
        let title = self.strings.text("people");
        self.list_page(writer, "people.html", "people/", title, ctx)
    }

    /// Pages that change only with the site as a whole: 404, redirects, sitemap, static files.
    pub(super) fn render_site_wide(&self, writer: &Writer) -> Result<(), RenderError> {
        let page = |template: &str, path: &str, title: &str, description: &str, ctx: Context| {
            self.page(writer, template, path, title, description, ctx)
        };
        let (input, tera, site) = (self.input, &self.tera, self.input.site);
        let people = &self.people;

        let mut ctx = Context::new();
        // The 404 page is served at any depth, so its links start from the site's base path.
        ctx.insert("base_path", &site.config.base_url.path());
        let html = {
            ctx.insert("root", &site.config.base_url.path());
            ctx.insert(
                "page",
                &PageView {
                    kind: "404".into(),
                    path: "404.html".into(),
                    url: site.config.url("404.html"),
                    title: self.strings.text("not_found").into(),
                    description: String::new(),
                },
            );
            tera.render("404.html", &ctx)
                .map_err(|e| template_error(input.theme, "404.html", e))?
        };
        writer.write("404.html", html.as_bytes())?;

        for unit in &site.units {
            for alias in &unit.record.aliases {
                let mut ctx = Context::new();
                ctx.insert(
                    "target",
                    &LinkView {
                        name: unit.name.clone(),
                        url: unit.path(),
                    },
                );
                page("redirect.html", &format!("{alias}/"), &unit.name, "", ctx)?;
            }
        }

        // The front page (the root area) first, then the areas, units and people.
        let mut urls: Vec<String> = site.areas.iter().map(|a| a.url.clone()).collect();
        urls.extend(site.units.iter().map(|u| u.url.clone()));
        urls.extend(
            site.published_people()
                .map(|i| site.config.url(&people[i].url)),
        );
        urls.extend(super::org::urls(site));
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        ctx.insert("root", "");
        let xml = tera
            .render("sitemap.xml", &ctx)
            .map_err(|e| template_error(input.theme, "sitemap.xml", e))?;
        writer.write("sitemap.xml", xml.as_bytes())?;
        for (name, file) in &input.theme.static_files {
            writer.write(name, &file.bytes)?;
        }
        Ok(())
    }
}
