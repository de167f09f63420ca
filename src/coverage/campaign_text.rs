//! The campaign findings that are not about one unit, in `check`'s text report: people short
//! of their package and organizations nobody of which serves, each with the file to open and
//! in plain words. (The `require` and `households` gaps are listed under their area with the
//! other gaps.)

use super::Report;
use super::text::{GAP, HEADING};
use crate::model::Kind;
use crate::msg;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub(super) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let findings = &report.campaign;
    if findings.is_empty() {
        return Ok(());
    }
    writeln!(out, "{HEADING}{}{HEADING:#}", msg!("campaign-text-heading"))?;
    let package = msg!("campaign-label-package");
    let idle = msg!("campaign-label-idle-org");
    let width = package.chars().count().max(idle.chars().count());
    for p in &findings.packages {
        writeln!(
            out,
            "  {GAP}{package:<width$}{GAP:#}  {}: {}",
            p.file,
            msg!(
                "campaign-package-line",
                name = &p.name,
                package = &p.package,
                missing = missing(&p.missing)
            )
        )?;
    }
    for o in &findings.idle_orgs {
        writeln!(
            out,
            "  {GAP}{idle:<width$}{GAP:#}  {}: {}",
            o.file,
            msg!("campaign-idle-org-line", org = &o.org)
        )?;
    }
    writeln!(out)
}

/// "1 school and 2 villages".
pub(crate) fn missing(kinds: &BTreeMap<Kind, usize>) -> String {
    let parts: Vec<String> = kinds
        .iter()
        .map(|(kind, &n)| msg!("campaign-missing-kind", kind = kind.as_str(), n = n))
        .collect();
    parts.join(&msg!("campaign-and"))
}

#[cfg(test)]
mod tests {
    use super::super::campaign::{IdleOrg, PackageGap};
    use super::super::empty;
    use super::*;
    use crate::config::Language;
    use crate::messages::{Arg, text_in};

    #[test]
    fn names_people_and_offices_with_their_files_in_plain_words() {
        let mut report = empty(time::macros::date!(2024 - 06 - 01));
        report.campaign.packages.push(PackageGap {
            person: "wang-xing".into(),
            package: "县级领导包联".into(),
            missing: [(Kind::School, 1), (Kind::Village, 2)]
                .into_iter()
                .collect(),
            name: "王兴".into(),
            file: "content/people/wang-xing.toml".into(),
            page: None,
        });
        report.campaign.idle_orgs.push(IdleOrg {
            org: "县水利局".into(),
            page: "orgs/shuiliju/".into(),
            file: "content/orgs/shuiliju.toml".into(),
        });
        let mut bytes = Vec::new();
        write(&report, &mut bytes).unwrap();
        let text = anstream::adapter::strip_str(&String::from_utf8(bytes).unwrap()).to_string();
        assert!(text.contains("content/people/wang-xing.toml: "), "{text}");
        assert!(
            text.contains("王兴") && text.contains("县级领导包联"),
            "{text}"
        );
        assert!(
            !text.contains("wang-xing:") && !text.contains(" = "),
            "{text}"
        );
        assert!(text.contains("content/orgs/shuiliju.toml: "), "{text}");
        assert!(text.contains("县水利局"), "{text}");
    }

    #[test]
    fn missing_kinds_are_counted_in_words_in_both_languages() {
        let english = text_in(
            Language::En,
            "campaign-missing-kind",
            &[("kind", Arg::from("school")), ("n", Arg::from(2usize))],
        );
        assert_eq!(english, "2 schools");
        let one = text_in(
            Language::En,
            "campaign-missing-kind",
            &[("kind", Arg::from("village")), ("n", Arg::from(1usize))],
        );
        assert_eq!(one, "1 village");
        let chinese = text_in(
            Language::ZhHans,
            "campaign-missing-kind",
            &[("kind", Arg::from("school")), ("n", Arg::from(1usize))],
        );
        assert_eq!(chinese, "1所学校");
    }
}
