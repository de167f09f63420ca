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
    #[command(
        after_help = "Exit status: 0 when there are no errors (gaps are reported but pass), 1 on any error, and with --strict on any gap too; 2 when the command itself could not run."
    )]
    Check {
        /// Also fail (exit 1) on gaps: units without a team, enough members or a lead,
        /// overloaded people, numbers not confirmed for too long or given for two people.
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
    /// Turn an .xlsx or .csv roster into the content tree; safe to run again.
    Import {
        /// The roster: .xlsx (or .xls, .ods) or .csv (UTF-8 or GBK).
        roster: PathBuf,
        /// The site folder to write into; defaults to --root (or the current folder).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
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
    /// Write the site's roster back out (xlsx, csv), as Popolo JSON, or the audit as a workbook.
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
    /// The audit as a workbook: coverage gaps, units not visited in time, people with too few
    /// home visits, overdue and undated ledger entries.
    AuditXlsx,
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
                    eprintln!(
                        "{}",
                        noticeboard::manifest::summary(&summary.reprint, &summary.output)
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
                    let mut stdout = anstream::stdout().lock();
                    noticeboard::coverage::text::write(report, &mut stdout)?;
                }
            }
            Ok(if report.fails(strict) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Serve { port, open } => {
            noticeboard::serve::serve(&noticeboard::serve::ServeOptions { root, port, open })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            roster,
            into,
            dry_run,
            prune,
            skip_bad,
        } => {
            let options = noticeboard::import::ImportOptions {
                roster,
                into: into.unwrap_or_else(|| root.clone()),
                dry_run,
                prune,
                skip_bad,
                progress: std::io::stderr().is_terminal(),
            };
            match noticeboard::import::import(&options) {
                Ok(summary) => {
                    print_diagnostics(&summary.warnings);
                    for bad in &summary.skipped {
                        eprintln!("skipped: {bad}");
                    }
                    for line in summary.plan_lines() {
                        println!("{line}");
                    }
                    eprintln!("{}", summary.totals());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    use noticeboard::import::ImportError;
                    match &e {
                        ImportError::BadRows { rows, .. } => {
                            for bad in rows {
                                eprintln!("error: {bad}");
                            }
                        }
                        ImportError::Site { diagnostics, .. } => print_diagnostics(diagnostics),
                        _ => {}
                    }
                    eprintln!("error: {e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Export { format, output } => {
            let mut diagnostics = noticeboard::diagnostics::Diagnostics::default();
            let Some(site) = noticeboard::build::load_site(&root, None, &mut diagnostics) else {
                print_diagnostics(&diagnostics.sorted().into_vec());
                eprintln!(
                    "error: the site has errors; fix them and export again (nothing was written)"
                );
                return Ok(ExitCode::FAILURE);
            };
            let format = match format {
                ExportKind::Xlsx => noticeboard::export::ExportFormat::Xlsx,
                ExportKind::Csv => noticeboard::export::ExportFormat::Csv,
                ExportKind::Popolo => noticeboard::export::ExportFormat::Popolo,
                ExportKind::AuditXlsx => noticeboard::export::ExportFormat::AuditXlsx,
            };
            let written = noticeboard::export::export(&site, format, &output)?;
            if format == noticeboard::export::ExportFormat::AuditXlsx {
                let path = output.display().to_string();
                eprintln!(
                    "{}",
                    noticeboard::worklog::messages::exported(written.rows, &path)
                );
                return Ok(ExitCode::SUCCESS);
            }
            let what = if format == noticeboard::export::ExportFormat::Popolo {
                "memberships"
            } else {
                "rows"
            };
            eprintln!(
                "wrote {} {what} ({} units, {} people) to {}",
                written.rows,
                written.units,
                written.people,
                output.display()
            );
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
