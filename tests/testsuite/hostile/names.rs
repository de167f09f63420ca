//! Names the output cannot hold: `check` must refuse them exactly when `build` cannot write
//! them (issue 20).

use super::one_village;
use crate::common::{Site, person};

/// `check` and `build` of `site`: whether each succeeded, and what each said.
fn check_and_build(site: &Site) -> ((bool, String), (bool, String)) {
    let checked = site.run(&["check"]);
    let built = site.run(&["build"]);
    (
        (checked.status.success(), crate::common::text(&checked)),
        (built.status.success(), crate::common::text(&built)),
    )
}

#[test]
fn a_name_the_output_cannot_hold_fails_check_exactly_when_it_fails_build() {
    let unit = |slug: &str| {
        format!("name = \"长名村\"\nslug = \"{slug}\"\n[[team]]\nperson = \"wang\"\nlead = true\n")
    };
    // At the limit a segment is a folder like any other; one letter more cannot be written.
    for (letters, writable) in [(255, true), (256, false)] {
        let site = one_village();
        site.write("content/长名村.toml", &unit(&"a".repeat(letters)));
        let ((checked, check_said), (built, build_said)) = check_and_build(&site);
        assert_eq!(
            (checked, built),
            (writable, writable),
            "{check_said}\n{build_said}"
        );
        if !writable {
            for said in [&check_said, &build_said] {
                assert!(
                    said.contains("content/长名村.toml:2"),
                    "file and line: {said}"
                );
                assert!(said.contains("shorten it"), "what to do: {said}");
            }
        }
    }

    // Chinese names turn into longer pinyin: 50 characters are 150 bytes on the disk but
    // 300 letters of address; a person's vCard adds `.vcf` to theirs, so 252 letters, a
    // unit's folder name, are too many for a person.
    let site = one_village();
    let stem = "庄".repeat(50);
    site.write(
        &format!("content/{stem}.toml"),
        "name = \"庄村\"\n[[team]]\nperson = \"wang\"\nlead = true\n",
    );
    let person = "庄".repeat(42);
    site.write(&format!("content/people/{person}.toml"), &person_record());
    site.write(
        "content/石桥村.toml",
        &format!("name = \"石桥村\"\n[[team]]\nperson = \"wang\"\nlead = true\n[[team]]\nperson = \"{person}\"\n"),
    );
    let ((checked, check_said), (built, build_said)) = check_and_build(&site);
    assert!(!checked && !built, "{check_said}\n{build_said}");
    for said in [&check_said, &build_said] {
        assert!(said.contains(&format!("content/{stem}.toml")), "{said}");
        assert!(said.contains("300 letters long"), "{said}");
        assert!(
            said.contains(&format!("content/people/{person}.toml")),
            "{said}"
        );
        assert!(
            !said.contains("cannot write"),
            "found before writing: {said}"
        );
    }
    assert!(!site.path("public").exists());

    // Folders of 42 characters each are 252 letters, a name the disk takes; a unit ten of
    // them deep has an address no QR code holds, and an area 17 deep pages deeper than any
    // path the kernel takes.
    for (depth, unit, problem) in [
        (10, true, "the address of this unit is 2569 characters long"),
        (17, false, "bytes long; the system takes at most 4095"),
    ] {
        let site = one_village();
        let folders = vec!["庄".repeat(42); depth].join("/");
        let bottom = match unit {
            true => format!("content/{folders}/底村.toml"),
            false => format!("content/{folders}/_index.toml"),
        };
        site.write(
            &bottom,
            "name = \"底村\"\n[[team]]\nperson = \"wang\"\nlead = true\n",
        );
        let ((checked, check_said), (built, build_said)) = check_and_build(&site);
        assert!(!checked && !built, "{check_said}\n{build_said}");
        for said in [&check_said, &build_said] {
            assert!(said.contains(&format!("{bottom}: ")), "{said}");
            assert!(said.contains(problem), "{said}");
            assert!(
                !said.contains("cannot write"),
                "found before writing: {said}"
            );
        }
    }
}

fn person_record() -> String {
    person("王长名", "13912340009")
}
