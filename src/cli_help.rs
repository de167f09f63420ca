//! `--help` in the run's language. The command line is declared with clap's derive in
//! `main.rs`; before the arguments are parsed, every about and help text is replaced by the
//! catalogue's: `cli-about-<command>`, `cli-arg-<command>-<argument>` (else `cli-arg-<argument>`
//! for the ones every command has), and the headings `cli-heading-…`. The doc comments in
//! `main.rs` stay as the English the catalogue copies.

use clap::{Command, CommandFactory as _};
use noticeboard::{messages, msg};
use std::ffi::OsString;
use std::path::PathBuf;

/// The site folder that `--root` names, read before clap parses the arguments, so that the
/// site's language already speaks `--help`.
pub(crate) fn root_in(args: &[OsString]) -> Option<PathBuf> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--" {
            return None;
        }
        if arg == "--root" {
            return rest.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--root=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// The command line, its words in the run's language.
pub(crate) fn command() -> Command {
    let mut command = super::Cli::command();
    // Makes the help and version flags and the `help` subcommand, so that their words can be
    // replaced as well.
    command.build();
    localize(command, "noticeboard")
}

/// ` [default: text] [possible values: text, json]` for an option taking a value, as clap
/// would say it, in the run's language; nothing for a flag.
fn values(arg: &clap::Arg) -> String {
    if !arg.get_action().takes_values() {
        return String::new();
    }
    let mut said = String::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        said += &msg!("cli-default", value = defaults.join(", "));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() {
        said += &msg!(
            "cli-possible-values",
            values = choices.join(&msg!("cli-list-separator"))
        );
    }
    said
}

/// One command's words, and those of its subcommands; `name` is the command's own name.
fn localize(mut command: Command, name: &str) -> Command {
    if let Some(about) = messages::lookup(&format!("cli-about-{name}")) {
        command = command.about(about).long_about(None::<&'static str>);
    }
    if name == "check" {
        command = command.after_help(msg!("cli-check-exit-status"));
    }
    let usage = *command.get_styles().get_usage();
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#}{{usage}}\n\n{{all-args}}{{after-help}}",
            msg!("cli-heading-usage")
        ))
        .subcommand_help_heading(msg!("cli-heading-commands"));
    let arguments: Vec<(String, bool, String)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), values(a)))
        .collect();
    for (id, positional, values) in arguments {
        let help = messages::lookup(&format!("cli-arg-{name}-{id}"))
            .or_else(|| messages::lookup(&format!("cli-arg-{id}")))
            .map(|help| help + &values);
        let heading = if positional {
            msg!("cli-heading-arguments")
        } else {
            msg!("cli-heading-options")
        };
        command = command.mut_arg(&id, |arg| {
            let arg = arg.help_heading(heading);
            match help {
                // The default and the choices are in the help, in its language.
                Some(help) => arg
                    .help(help)
                    .long_help(None::<&'static str>)
                    .hide_default_value(true)
                    .hide_possible_values(true),
                None => arg,
            }
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subcommands {
        command = command.mut_subcommand(&sub, |s| localize(s, &sub));
    }
    command
}
