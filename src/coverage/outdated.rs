//! What has gone out of date by today (`SOURCE_DATE_EPOCH`, else the system's date), as
//! opposed to the publication date the rest of the audit judges on: a `date` in config.toml
//! left behind for more than a month, and members still shown whose `until` has passed. A
//! board printed from such a site names people who have moved on, so both are warnings that
//! name what to change, and `check --strict` fails on them.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use serde::Serialize;
use time::Date;

/// A publication date older than this many days before today is stale.
pub(crate) const STALE_AFTER_DAYS: i64 = 30;

/// The findings of [`audit`].
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Outdated {
    /// Today, as judged.
    pub(crate) today: String,
    /// Days the publication date lies before today, when more than [`STALE_AFTER_DAYS`].
    pub(crate) stale_date_days: Option<i64>,
    /// Members current on the publication date whose end date has passed by today.
    pub(crate) ended: Vec<Ended>,
}

/// A member still on a team whose `until` has passed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Ended {
    pub(crate) person: String,
    pub(crate) name: String,
    pub(crate) unit: String,
    pub(crate) unit_name: String,
    /// The record that lists the member.
    pub(crate) file: String,
    pub(crate) until: String,
}

impl Outdated {
    /// How many findings `check --strict` counts.
    pub(crate) fn len(&self) -> usize {
        usize::from(self.stale_date_days.is_some()) + self.ended.len()
    }

    /// The findings as warnings naming the file to change.
    pub(crate) fn warnings(&self, site: &Site) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(days) = self.stale_date_days {
            out.push(
                Diagnostic::warning(
                    crate::config::FILE_NAME,
                    crate::msg!(
                        "check-stale-date",
                        date = site.date.to_string(),
                        days = days,
                        today = self.today.as_str()
                    ),
                )
                .help(crate::msg!(
                    "check-stale-date-help",
                    today = self.today.as_str()
                )),
            );
        }
        for e in &self.ended {
            out.push(
                Diagnostic::warning(
                    &e.file,
                    crate::msg!(
                        "check-ended-member",
                        name = e.name.as_str(),
                        unit = e.unit_name.as_str(),
                        until = e.until.as_str(),
                        today = self.today.as_str()
                    ),
                )
                .help(crate::msg!(
                    "check-ended-member-help",
                    name = e.name.as_str()
                )),
            );
        }
        out
    }
}

/// Judges the site's dates against `today`.
pub(crate) fn audit(site: &Site, today: Date) -> Outdated {
    let days = (today - site.date).whole_days();
    let mut ended = Vec::new();
    for unit in &site.units {
        for a in unit.current_team() {
            if let Some(until) = a.until.filter(|&u| u < today) {
                let person = &site.people[a.person];
                ended.push(Ended {
                    person: person.id.clone(),
                    name: person.name.clone(),
                    unit: unit.id.clone(),
                    unit_name: unit.name.clone(),
                    file: unit.record.source.clone(),
                    until: until.to_string(),
                });
            }
        }
    }
    Outdated {
        today: today.to_string(),
        stale_date_days: (days > STALE_AFTER_DAYS).then_some(days),
        ended,
    }
}
