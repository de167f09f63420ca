//! What the file system lets a build write. Every segment of an address becomes a folder of
//! the output (and a person's also a file, `people/<id>.vcf`), and the kernel refuses a name
//! longer than NAME_MAX and a path longer than PATH_MAX. Names are Chinese in `content/` but
//! pinyin in the output: 60 characters (180 bytes, a file name the disk accepts) can make 360
//! letters. These limits are checked with the model, in `check` as in `build`, so that `check`
//! passes only when the build can write every page, and the error names the record to rename
//! instead of the build failing half way through a page it cannot write.

use super::{Site, resolve_person_slug};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The longest file or folder name in bytes: ext4, XFS and btrfs refuse longer ones with
/// ENAMETOOLONG (NTFS and APFS count 255 characters, which for an ASCII segment is the same).
pub(crate) const NAME_MAX: usize = 255;

/// The longest path, in bytes with its closing NUL, that Linux takes in one system call.
pub(crate) const PATH_MAX: usize = 4096;

/// The extension of a person's vCard, written beside their folder (`people/<id>.vcf`).
pub(crate) const VCARD_SUFFIX: &str = ".vcf";

/// An example of a short address for `name`: the pinyin of its first few characters.
pub(crate) fn short_example(name: &str) -> String {
    let head: String = name.chars().take(4).collect();
    match super::slug::slugify(&head) {
        s if s.is_empty() || s.len() > 40 => "cun".to_string(),
        s => s,
    }
}

/// Reports every page whose path in the output would be longer than the kernel takes, when
/// the build writes into a folder whose own path is `prefix` bytes long. Each page is named
/// by the record (or folder) it comes from; a page's path only grows with the folders above
/// it, so the deepest record is the one to shorten.
pub(crate) fn check_paths(site: &Site, prefix: usize, out: &mut Diagnostics) {
    // The `/` after the folder and the closing NUL take two bytes of PATH_MAX.
    let room = PATH_MAX.saturating_sub(prefix + 2);
    let mut report = |length: usize, file: &str| {
        if length > room {
            out.push(
                Diagnostic::error(
                    file,
                    crate::msg!(
                        "model-path-too-long",
                        length = prefix + 1 + length,
                        max = PATH_MAX - 1
                    ),
                )
                .help(crate::msg!("model-path-too-long-help")),
            );
        }
    };
    for unit in &site.units {
        // `board.html` and `index.html` are the longest names in a unit's folder.
        let longest = std::iter::once(&unit.id)
            .chain(&unit.record.aliases)
            .map(|id| id.len() + "/board.html".len())
            .max()
            .unwrap_or(0);
        report(longest, &unit.record.source);
    }
    // An area's folder holds `boards.html` when any unit lies below it, else only its page.
    let mut with_boards = vec![false; site.areas.len()];
    for unit in &site.units {
        let mut area = Some(unit.area);
        while let Some(index) = area.filter(|&i| !with_boards[i]) {
            with_boards[index] = true;
            area = site.areas[index].parent;
        }
    }
    for (area, boards) in site.areas.iter().zip(with_boards).skip(1) {
        let name = if boards {
            "/boards.html"
        } else {
            "/index.html"
        };
        report(area.id.len() + name.len(), &area.source);
    }
    for person in site.people.iter().filter(|p| p.serving) {
        let slug = resolve_person_slug(&person.id);
        report(
            "people/".len() + slug.len() + "/index.html".len(),
            &person.source,
        );
    }
    for org in site.orgs.iter() {
        let file = org
            .source
            .clone()
            .or_else(|| org.people.first().map(|&p| site.people[p].source.clone()));
        if let Some(file) = file {
            report("orgs/".len() + org.id.len() + "/index.html".len(), &file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_example_is_a_few_syllables_of_the_name() {
        assert_eq!(
            short_example("庄庄庄庄庄庄庄庄"),
            "zhuangzhuangzhuangzhuang"
        );
        assert_eq!(short_example("——"), "cun");
    }
}
