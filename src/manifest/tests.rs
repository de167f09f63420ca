//! Tests of the publishing history and the reprint list.

use super::*;

fn board(id: &str, hash: &str) -> Board {
    Board {
        id: id.into(),
        name: id.into(),
        url: format!("https://example.org/{id}/"),
        hash: hash.into(),
    }
}

fn history(boards: Vec<Board>, reprint: Option<Reprint>) -> History {
    History::from(Manifest {
        base_url: "https://example.org".into(),
        date: "2024-01-01".into(),
        boards,
    })
    .with_reprint(reprint)
}

impl History {
    fn with_reprint(mut self, reprint: Option<Reprint>) -> History {
        self.reprint = reprint;
        self
    }
}

fn site() -> Site {
    let mut diagnostics = Diagnostics::default();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "title = \"t\"\nbase_url = \"https://example.org\"\ndate = 2024-06-01\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content/a")).unwrap();
    std::fs::write(
        dir.path().join("content/a/new.toml"),
        "name = \"N\"\naliases = [\"a/old\"]\n",
    )
    .unwrap();
    crate::build::load_site(dir.path(), &mut diagnostics).expect("site")
}

fn manifest(boards: Vec<Board>) -> Manifest {
    Manifest {
        base_url: "https://example.org".into(),
        date: "2024-06-01".into(),
        boards,
    }
}

#[test]
fn a_first_build_puts_every_board_on_the_list() {
    let r = compare(None, &site(), &manifest(vec![board("a/new", "1")]));
    assert_eq!(r.previous, None);
    assert_eq!(r.boards.len(), 1);
    assert_eq!(r.boards[0].reason, Reason::Added);
}

#[test]
fn changed_moved_and_removed_boards_are_told_apart() {
    let before = history(
        vec![
            board("a/old", "1"),
            board("a/same", "2"),
            board("a/edit", "3"),
            board("a/gone", "4"),
        ],
        None,
    );
    let now = manifest(vec![
        board("a/new", "1"),
        board("a/same", "2"),
        board("a/edit", "X"),
    ]);
    let r = compare(Some(&before), &site(), &now);
    let got: Vec<(&str, Reason, Option<&str>)> = r
        .boards
        .iter()
        .map(|e| (e.id.as_str(), e.reason, e.from.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("a/new", Reason::Moved, Some("a/old")),
            ("a/edit", Reason::Changed, None)
        ]
    );
    assert_eq!(r.removed, vec!["a/gone".to_string()]);
    assert_eq!(r.previous.as_deref(), Some("2024-01-01"));
}

#[test]
fn an_unchanged_rebuild_keeps_the_list_still_to_print() {
    let boards = vec![board("a/new", "1")];
    let first = compare(None, &site(), &manifest(boards.clone()));
    let before = history(boards.clone(), Some(first.clone()));
    let again = compare(Some(&before), &site(), &manifest(boards));
    assert_eq!(again, first);
}

#[test]
fn history_keeps_old_addresses_and_records_aliases() {
    let before = history(vec![board("a/older", "1")], None);
    let site = site();
    let now = manifest(vec![board("a/new", "1")]);
    let reprint = compare(Some(&before), &site, &now);
    let next = next_history(Some(&before), &site, &now, &reprint);
    let paths: Vec<&str> = next.addresses.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, vec!["a/new/", "a/old/", "a/older/"]);
    assert_eq!(next.addresses[1].file, "content/a/new.toml");
}
