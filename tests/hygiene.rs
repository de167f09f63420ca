//! The repository's own hygiene, checked by the README's test command so that CI (which runs
//! exactly that command) proves it: the README's commands are what CI runs, and the code is
//! formatted, lint-free and documented without warnings.
//!
//! The lints run in their own target folder (`target/hygiene`): the test command holds the
//! lock of the main one while its tests run.

mod common;

use common::tools;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The commands of the README's first code block (its quick start), comments removed.
fn readme_commands() -> Vec<String> {
    let readme = read("README.md");
    let block = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md opens with a ```sh block of its two commands");
    block
        .lines()
        .map(|line| line.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

/// What `.ci/run` executes: every line that is not a comment, a blank, `set` or `cd`.
fn ci_commands() -> Vec<String> {
    read(".ci/run")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| !line.starts_with("set ") && !line.starts_with("cd "))
        .map(|line| line.strip_prefix("exec ").unwrap_or(line).to_string())
        .collect()
}

#[test]
fn ci_runs_exactly_the_readmes_test_command_and_nothing_before_it() {
    let readme = readme_commands();
    assert_eq!(
        readme.len(),
        2,
        "the README's quick start gives two commands (build the example, run the tests): {readme:?}"
    );
    assert!(
        readme[0].contains(" build"),
        "first: build the example site: {readme:?}"
    );
    assert!(
        readme[1].starts_with("cargo test"),
        "second: run the tests: {readme:?}"
    );
    assert_eq!(
        ci_commands(),
        vec![readme[1].clone()],
        ".ci/run must be the README's test command"
    );
    // The Chinese quick start gives the same two commands.
    let readme_text = read("README.md");
    let chinese = readme_text
        .split("## 快速开始")
        .nth(1)
        .expect("README has a 快速开始 section");
    for command in &readme {
        assert!(
            chinese.contains(command.as_str()),
            "快速开始 lacks `{command}`"
        );
    }
}

/// Runs `cargo ARGS` on this repository in the hygiene target folder.
fn cargo(args: &[&str], extra_env: &[(&str, &str)]) {
    let target: PathBuf = Path::new(ROOT).join("target/hygiene");
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(ROOT)
        .env("CARGO_TARGET_DIR", &target)
        .envs(extra_env.iter().copied())
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "`cargo {}` failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn code_is_formatted() {
    tools::require_cargo_component("rustfmt", "fmt");
    cargo(&["fmt", "--all", "--", "--check"], &[]);
}

#[test]
fn clippy_finds_nothing_in_any_target() {
    tools::require_cargo_component("clippy", "clippy");
    cargo(&["clippy", "--all-targets", "--", "-D", "warnings"], &[]);
}

#[test]
fn api_docs_build_without_warnings() {
    cargo(&["doc", "--no-deps"], &[("RUSTDOCFLAGS", "-D warnings")]);
}
