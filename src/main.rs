//! The command line: parses arguments, calls the library, prints what happened.

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use noticeboard::diagnostics::Diagnostic;
use noticeboard::{BuildError, BuildOptions};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "noticeboard",
    version,
    about = "Publish contact-point notice boards (公示牌) as a static site and printable sheets"
)]
struct Cli {
    /// The site folder (the one holding config.toml); defaults to the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output DIR). A failed build changes nothing there.
    Build {
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Use this address instead of config.toml's base_url.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check everything a build reads and audit coverage; writes nothing.
    Check {
        /// Also fail (exit 1) on coverage gaps, not only on errors.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write a small working example site into DIR.
    Init { dir: PathBuf },
    /// Build, serve on 127.0.0.1 and rebuild + reload the browser on every change.
    Serve {
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Turn an .xlsx or .csv roster into the content tree.
    Import {
        roster: PathBuf,
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
        /// Show what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Remove units that are no longer in the roster.
        #[arg(long)]
        prune: bool,
        /// Import the good rows even when some rows are bad.
        #[arg(long)]
        skip_bad: bool,
    },
    /// Write the site's roster back out (xlsx, csv) or as Popolo JSON.
    Export {
        #[arg(long, value_enum)]
        format: ExportKind,
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportKind {
    Xlsx,
    Csv,
    Popolo,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let root = match cli.root {
        Some(r) => r,
        None => std::env::current_dir().context("cannot read the current folder")?,
    };
    match cli.command {
        Command::Build { output, base_url } => {
            let options = BuildOptions {
                root: root.clone(),
                output,
                base_url,
                live_reload: None,
                progress: std::io::stderr().is_terminal(),
            };
            match noticeboard::build(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings);
                    eprintln!(
                        "built {} units, {} people: {} pages, {} boards, photos {} processed / {} reused in {:.2}s → {}",
                        summary.units,
                        summary.people,
                        summary.pages,
                        summary.boards,
                        summary.photos_processed,
                        summary.photos_reused,
                        summary.seconds,
                        summary.output.display()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    print_diagnostics(&e.diagnostics());
                    eprintln!("error: {e}");
                    if matches!(e, BuildError::Invalid(_)) {
                        eprintln!("the previous output (if any) was left unchanged");
                    }
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Check { strict, format } => {
            let outcome = noticeboard::check(&root);
            let report = &outcome.report;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(report)?),
                Format::Text => {
                    print_diagnostics(&outcome.diagnostics.clone().into_vec());
                    for gap in &report.gaps {
                        println!("gap: {} ({}): {}", gap.unit, gap.file, gap.message);
                    }
                    for o in &report.overloaded {
                        println!(
                            "overloaded: {} ({}) is on {} current teams: {}",
                            o.name,
                            o.person,
                            o.units.len(),
                            o.units.join(", ")
                        );
                    }
                    for s in &report.stale {
                        println!(
                            "stale: {} ({}): phone last confirmed {} ({} days ago)",
                            s.name, s.person, s.checked, s.days
                        );
                    }
                    let t = &report.totals;
                    println!(
                        "{} units, {} covered ({:.1}%), {} without gaps; {} people",
                        t.units, t.covered, t.percent_covered, t.complete, t.people
                    );
                }
            }
            let failed = outcome.diagnostics.has_errors() || (strict && !report.gaps.is_empty());
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Serve { port, open } => {
            noticeboard::serve::serve(&noticeboard::serve::ServeOptions { root, port, open })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { roster, into, dry_run, prune, skip_bad } => {
            let options = noticeboard::import::ImportOptions {
                roster,
                into,
                dry_run,
                prune,
                skip_bad,
                progress: std::io::stderr().is_terminal(),
            };
            let summary = noticeboard::import::import(&options)?;
            print_diagnostics(&summary.warnings);
            eprintln!(
                "{} created, {} changed, {} kept, {} removed{}",
                summary.created.len(),
                summary.changed.len(),
                summary.kept.len(),
                summary.removed.len(),
                if dry_run { " (dry run: nothing written)" } else { "" }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, output } => {
            let mut diagnostics = noticeboard::diagnostics::Diagnostics::default();
            let Some(site) = noticeboard::build::load_site(&root, None, &mut diagnostics) else {
                print_diagnostics(&diagnostics.into_vec());
                return Ok(ExitCode::FAILURE);
            };
            let format = match format {
                ExportKind::Xlsx => noticeboard::export::ExportFormat::Xlsx,
                ExportKind::Csv => noticeboard::export::ExportFormat::Csv,
                ExportKind::Popolo => noticeboard::export::ExportFormat::Popolo,
            };
            noticeboard::export::export(&site, format, &output)?;
            eprintln!("wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let n = noticeboard::init::init(&dir)?;
            eprintln!(
                "wrote {n} files into {}; build it with: noticeboard build --root {}",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_diagnostics(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}
