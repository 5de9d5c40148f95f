//! `hadath`: Arabic news in, dated PLOVER events out. Glue only: the work is in the library crates.

mod config;
mod output;
mod serve_cmd;
mod store_cmd;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use hadath_extract::render_table;
use hadath_store::input::{Inputs, Item};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "hadath", version, about = "Arabic news in, dated PLOVER events out.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The main job: ingest documents into the store, then print the story's timeline.
    #[command(after_help = store_cmd::STORY_HELP)]
    Story(store_cmd::IngestArgs),
    /// Extract entities, time expressions and events from documents, as JSON Lines or a table.
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Add documents to the store (SQLite), extracting them and merging their events into the story.
    #[command(after_help = store_cmd::INGEST_HELP)]
    Ingest(store_cmd::IngestArgs),
    /// Print the story in date order: date, place, type, participants, toll, sources, summary.
    #[command(after_help = store_cmd::TIMELINE_HELP)]
    Timeline(store_cmd::TimelineArgs),
    /// Show one story event and why its reports were merged.
    Explain(store_cmd::ExplainArgs),
    /// Write story events for analysts: JSON Lines, CSV or Parquet.
    #[command(after_help = store_cmd::EXPORT_HELP)]
    Export(store_cmd::ExportArgs),
    /// Serve the web view and JSON API over the store (127.0.0.1 only unless --bind says otherwise).
    #[command(after_help = serve_cmd::SERVE_HELP)]
    Serve(serve_cmd::ServeArgs),
}

const EXTRACT_HELP: &str = "\
Inputs:
  a .txt file       one document; the file stem is its id, the first non-empty line its title
  a .jsonl file     one document per line: {\"id\", \"text\", \"title\"?, \"published\"?, \"url\"?, \"source\"?}
  a directory       every .txt/.jsonl/.json file under it, sorted by path
  -                 standard input: JSON Lines if it starts with '{', else one text document
                    (its id: stdin- and 16 hex digits of its content hash)
A byte-order mark at the start of a file or of standard input is skipped; FIFOs, sockets and
devices inside a directory are reported and skipped, never read.

Exit status: 0 when every document was processed; 2 when some input was skipped (each one is
reported on stderr with its file and line); 1 when nothing could be done.

Examples:
  hadath extract examples/corpus > out.jsonl
  hadath extract ../shared/corpus/seeds --format table
  cat docs.jsonl | hadath extract - -o out.jsonl
  hadath extract --kb my-people.tsv --triggers my-triggers.tsv docs.jsonl";

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files, directories or '-' for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write to this file instead of standard output (written whole under a unique temporary
    /// name beside it, then renamed into place).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    #[command(flatten, next_help_heading = "User data (no recompiling)")]
    config: config::ExtractorArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// One JSON object per document (the output contract).
    Jsonl,
    /// A document's sentences with what was found in them, for people.
    Table,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Command::Extract(a) => extract(a),
        Command::Ingest(a) => store_cmd::ingest(a),
        Command::Story(a) => store_cmd::story(a),
        Command::Timeline(a) => store_cmd::timeline(a),
        Command::Explain(a) => store_cmd::explain(a),
        Command::Export(a) => store_cmd::export_cmd(a),
        Command::Serve(a) => serve_cmd::serve(a),
    };
    match r {
        Ok(code) => code,
        // `hadath timeline | head`: the reader is gone, nothing is lost (as ripgrep does).
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hadath: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Documents are processed in parallel batches and written in input order.
const BATCH: usize = 256;

fn extract(a: ExtractArgs) -> Result<ExitCode> {
    if let Some(j) = a.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global()
            .ok();
    }
    let mut inputs = Inputs::open(&a.paths)?;
    let progress = progress_bar(inputs.total_bytes, a.quiet);
    let extractor = a.config.extractor()?;

    let mut tmp = match &a.output {
        Some(p) => Some(output::Partial::beside(p)?),
        None => None,
    };
    let mut sink: Box<dyn Write + '_> = match &mut tmp {
        Some(t) => Box::new(std::io::BufWriter::new(t.file())),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };

    let (mut ok, mut skipped) = (0usize, 0usize);
    loop {
        let batch: Vec<Item> = inputs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let rendered: Vec<(String, Result<String, String>, u64)> = batch
            .into_par_iter()
            .map(|item| {
                let r = item.doc.and_then(|doc| {
                    match a.format {
                        // `extract` reads a very long text in windows (bounded memory).
                        Format::Jsonl => {
                            serde_json::to_string(&extractor.extract(&doc)).map(|mut s| {
                                s.push('\n');
                                s
                            })
                        }
                        Format::Table => Ok(render_table(&extractor.analyse(&doc)) + "\n"),
                    }
                    .map_err(|e| format!("cannot serialise the result: {e}"))
                });
                (item.origin, r, item.bytes)
            })
            .collect();
        for (origin, r, bytes) in rendered {
            match r {
                Ok(s) => {
                    sink.write_all(s.as_bytes())
                        .context("cannot write the output")?;
                    ok += 1;
                }
                Err(e) => {
                    skipped += 1;
                    let msg = format!("hadath: skipped {origin}: {e}");
                    match &progress {
                        Some(pb) => pb.println(msg),
                        None => eprintln!("{msg}"),
                    }
                }
            }
            if let Some(pb) = &progress {
                pb.inc(bytes);
                pb.set_message(format!("{} documents", ok + skipped));
            }
        }
    }
    sink.flush().context("cannot write the output")?;
    drop(sink);
    if let Some(tmp) = tmp {
        tmp.finish()?;
    }
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if skipped > 0 {
        eprintln!("hadath: {ok} documents processed, {skipped} skipped (see the messages above)");
        return Ok(ExitCode::from(if ok == 0 { 1 } else { 2 }));
    }
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(total: u64, quiet: bool) -> Option<ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::new(total.max(1));
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {msg} · {binary_bytes_per_sec} · ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(pb)
}
