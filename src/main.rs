//! The command line: parses arguments, calls the library, prints what happened.

mod cli_help;

use anyhow::Context as _;
use clap::{FromArgMatches as _, Parser, Subcommand, ValueEnum};
use noticeboard::diagnostics::Diagnostic;
use noticeboard::{BuildError, BuildMode, BuildOptions};
use noticeboard::{messages, msg};
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
// Every about and help text comes from the catalogue (`cli-about-…`, `cli-arg-…`; see
// cli_help.rs); the comments here only say what each is.
#[command(name = "noticeboard", version)]
struct Cli {
    // The site folder (the one holding config.toml); defaults to the current folder.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // Build the site into public/ (or --output DIR). A failed build changes nothing there.
    Build {
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        // Use this address instead of config.toml's base_url.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        // A draft at config.toml's base_url even when it is a placeholder such as example.org;
        // boards are marked 样稿 (draft) and published.json is not updated.
        #[arg(long, conflicts_with = "base_url")]
        draft: bool,
        // Render every page, not only those that show what changed since the last build.
        #[arg(long)]
        full: bool,
    },
    // Check everything a build reads and audit coverage; writes nothing.
    Check {
        // The output folder whose previous build stands in for a missing published.json;
        // defaults to public/.
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        // Also fail (exit 1) on gaps: units without a team, enough members or a lead,
        // overloaded people, numbers not confirmed for too long or given for two people.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        // Check a draft: a placeholder base_url such as example.org is not an error.
        #[arg(long)]
        draft: bool,
    },
    // Write a small working example site into DIR.
    Init {
        dir: PathBuf,
    },
    // Build, serve on 127.0.0.1 and rebuild + reload the browser on every change.
    Serve {
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        // Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    // Turn an .xlsx or .csv roster into the content tree; safe to run again.
    Import {
        // The roster: .xlsx (or .xls, .ods) or .csv (UTF-8 or GBK).
        roster: PathBuf,
        // The site folder to write into; defaults to --root (or the current folder).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        // Show what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        // Remove units that are no longer in the roster.
        #[arg(long)]
        prune: bool,
        // Import the good rows even when some rows are bad.
        #[arg(long)]
        skip_bad: bool,
    },
    // Build, then print boards into one PDF for the print shop, one sheet per board, with an
    // installed Chrome, Chromium or Edge.
    Print {
        // Units or areas to print (an area prints all its units): a URL path
        // (donghu/liuzhuang), a path under content/ (东湖镇/刘庄村) or a name (刘庄村).
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        // Print every board of the site.
        #[arg(long)]
        all: bool,
        // Print the boards on the reprint list (changed or new since the last build).
        #[arg(long)]
        reprint: bool,
        // The PDF to write.
        #[arg(long, short, value_name = "FILE.pdf")]
        output: PathBuf,
        // The browser program to print with; default: $CHROME, else Chrome, Chromium or Edge
        // found on PATH or where they are usually installed.
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
        // Print drafts, marked 样稿, even when base_url is a placeholder such as example.org.
        #[arg(long)]
        draft: bool,
    },
    // Write the site's roster back out (xlsx, csv), as Popolo JSON, or the audit as a workbook.
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
    // The audit as a workbook: coverage gaps, units not visited in time, people with too few
    // home visits, overdue and undated ledger entries (its words are in the catalogue, under
    // `export --format`'s help).
    AuditXlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// jemalloc, not the system's allocator: glibc kept memory a build had freed (a province's
/// resident set stayed about 550 MB above its heap while rendering, and `malloc_trim` did not
/// return it), and each thread that contended for its heap got an arena of its own. jemalloc
/// keeps the resident set near the heap and is faster here (see docs/performance.md).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: pages freed for a second are given back to the
/// system, pages it has marked unused at once. A build frees its large pieces (the work-log
/// tables once read, the units' views once their pages are written, each list once written)
/// between stages, and the next stage's threads allocate from other arenas: at the default ten
/// seconds a province's freed tables were held through its render. At a tenth of a second the
/// pages' own buffers, freed and allocated again page after page, were given back and faulted
/// in again: a twentieth of a province's first build went to purging them and to the other
/// core flushing its address cache for each purge. At one second the peak is the same
/// (docs/performance.md, fifteenth round). `_RJEM_MALLOC_CONF` in the environment overrides them.
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 37] = b"dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    // The language comes first: `--help` and every message after it speak it.
    let args: Vec<OsString> = std::env::args_os().collect();
    let site = cli_help::root_in(&args).unwrap_or_else(|| PathBuf::from("."));
    messages::use_language_for(&site);
    let matches = cli_help::command().get_matches_from(args);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}{e:#}", msg!("cli-label-error"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let root = match cli.root {
        Some(r) => r,
        None => std::env::current_dir().context(msg!("cli-no-current-folder"))?,
    };
    match cli.command {
        Command::Build {
            output,
            base_url,
            draft,
            full,
        } => Ok(build(root, output, build_mode(base_url, draft), full)),
        Command::Check {
            output,
            strict,
            format,
            draft,
        } => check(
            &root,
            output.as_deref(),
            strict,
            format,
            &build_mode(None, draft),
        ),
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
        } => Ok(import(noticeboard::import::ImportOptions {
            roster,
            into: into.unwrap_or_else(|| root.clone()),
            dry_run,
            prune,
            skip_bad,
            progress: std::io::stderr().is_terminal(),
        })),
        Command::Export { format, output } => export(&root, format, &output),
        Command::Print {
            ids,
            all,
            reprint,
            output,
            browser,
            draft,
        } => Ok(print(noticeboard::print::PrintOptions {
            root,
            names: ids,
            all,
            reprint,
            output,
            browser,
            draft,
            progress: std::io::stderr().is_terminal(),
        })),
        Command::Init { dir } => {
            let n = noticeboard::init::init(&dir)?;
            eprintln!(
                "{}",
                msg!("cli-init-done", files = n, dir = dir.display().to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A preview at `--base-url`, a `--draft`, or the publication.
fn build_mode(base_url: Option<String>, draft: bool) -> BuildMode {
    match (base_url, draft) {
        (Some(base_url), _) => BuildMode::Preview { base_url },
        (None, true) => BuildMode::Draft,
        (None, false) => BuildMode::Publish,
    }
}

fn build(root: PathBuf, output: Option<PathBuf>, mode: BuildMode, full: bool) -> ExitCode {
    let options = BuildOptions {
        root,
        output,
        mode,
        live_reload: None,
        progress: std::io::stderr().is_terminal(),
    };
    if full && let Err(e) = noticeboard::build::forget_last_build(&options) {
        print_error(&e);
        return ExitCode::FAILURE;
    }
    match noticeboard::build(&options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            eprintln!(
                "{}",
                msg!(
                    "cli-built-summary",
                    units = msg!(
                        "cli-built-summary-units",
                        units = summary.units,
                        people = summary.people
                    ),
                    pages = summary.pages,
                    boards = summary.boards,
                    processed = summary.photos_processed,
                    reused = summary.photos_reused,
                    seconds = format!("{:.2}", summary.seconds),
                    output = summary.output.display().to_string()
                )
            );
            if summary.partial {
                eprintln!("{}", msg!("cli-built-partial"));
            }
            eprintln!("{}", summary.reprint_summary());
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_diagnostics(&e.diagnostics());
            print_error(&e);
            if matches!(e, BuildError::Invalid(_)) {
                eprintln!("{}", msg!("cli-output-unchanged"));
            }
            ExitCode::FAILURE
        }
    }
}

fn check(
    root: &Path,
    output: Option<&Path>,
    strict: bool,
    format: Format,
    mode: &BuildMode,
) -> anyhow::Result<ExitCode> {
    let outcome = noticeboard::check(root, output, mode);
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

fn import(options: noticeboard::import::ImportOptions) -> ExitCode {
    use noticeboard::import::ImportError;
    match noticeboard::import::import(&options) {
        Ok(summary) => {
            print_diagnostics(&summary.warnings);
            for bad in &summary.skipped {
                eprintln!("{}", msg!("cli-skipped-row", row = bad.to_string()));
            }
            for line in summary.plan_lines() {
                println!("{line}");
            }
            eprintln!("{}", summary.totals());
            ExitCode::SUCCESS
        }
        Err(e) => {
            match &e {
                ImportError::BadRows { rows, .. } => {
                    for bad in rows {
                        print_error(bad);
                    }
                }
                ImportError::Site { diagnostics, .. } => print_diagnostics(diagnostics),
                _ => {}
            }
            print_error(&e);
            ExitCode::FAILURE
        }
    }
}

fn export(root: &Path, format: ExportKind, output: &Path) -> anyhow::Result<ExitCode> {
    use noticeboard::export::ExportFormat;
    let mut diagnostics = noticeboard::diagnostics::Diagnostics::default();
    let Some(site) = noticeboard::build::load_site(root, &mut diagnostics) else {
        print_diagnostics(&diagnostics.sorted().into_vec());
        print_error(&msg!("cli-export-site-errors"));
        return Ok(ExitCode::FAILURE);
    };
    let format = match format {
        ExportKind::Xlsx => ExportFormat::Xlsx,
        ExportKind::Csv => ExportFormat::Csv,
        ExportKind::Popolo => ExportFormat::Popolo,
        ExportKind::AuditXlsx => ExportFormat::AuditXlsx,
    };
    let written = noticeboard::export::export(&site, format, output)?;
    if format == ExportFormat::AuditXlsx {
        let path = output.display().to_string();
        eprintln!(
            "{}",
            msg!("cli-exported-audit", findings = written.rows, path = path)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let path = output.display().to_string();
    let what = if format == ExportFormat::Popolo {
        "memberships"
    } else {
        "rows"
    };
    let line = msg!(
        "cli-exported",
        rows = written.rows,
        what = what,
        units = written.units,
        people = written.people,
        path = path
    );
    eprintln!("{line}");
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}

/// `error: …` on stderr, the label in the run's language.
fn print_error(e: &dyn std::fmt::Display) {
    eprintln!("{}{e}", msg!("cli-label-error"));
}

/// `noticeboard print`: boards into one PDF for the print shop.
fn print(options: noticeboard::print::PrintOptions) -> ExitCode {
    use noticeboard::print::{PrintError, messages};
    let reprint = options.reprint;
    match noticeboard::print::print(&options) {
        Ok(printed) => {
            print_diagnostics(&printed.build.warnings);
            if printed.boards == 0 {
                eprintln!("{}", messages::nothing_to_print(reprint));
            } else {
                eprintln!(
                    "{}",
                    messages::printed(
                        printed.boards,
                        &printed.paper,
                        &printed.output,
                        printed.seconds
                    )
                );
            }
            ExitCode::SUCCESS
        }
        Err(PrintError::Build(e)) => {
            print_diagnostics(&e.diagnostics());
            print_error(&e);
            ExitCode::FAILURE
        }
        Err(e) => {
            print_error(&e);
            ExitCode::FAILURE
        }
    }
}
