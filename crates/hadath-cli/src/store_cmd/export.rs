//! `hadath export`: the filtered story as JSON Lines, CSV or Parquet.

use super::timeline::FilterArgs;
use super::{open, DbArg};
use anyhow::{bail, Result};
use clap::ValueEnum;
use hadath_store::{export, StoryEvent};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per event.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// Apache Parquet (pandas, polars, DuckDB, Spark).
    Parquet,
}

pub const EXPORT_HELP: &str = "\
One row per story event, PLOVER-style columns plus a CAMEO root code (see docs/store.md).

Examples:
  hadath export --format parquet -o events.parquet
  hadath export --format csv --type ASSAULT > assaults.csv";

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Write to this file (written whole, then renamed into place) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

fn write_export(f: ExportFormat, mut w: impl Write, events: &[StoryEvent]) -> Result<()> {
    match f {
        ExportFormat::Jsonl => export::write_jsonl(w, events)?,
        ExportFormat::Csv => export::write_csv(w, events)?,
        ExportFormat::Parquet => {
            let mut buf = Vec::new();
            export::write_parquet(&mut buf, events)?;
            w.write_all(&buf)?;
            w.flush()?;
        }
    }
    Ok(())
}

pub fn export_cmd(a: ExportArgs) -> Result<ExitCode> {
    let store = open(&a.db, true)?;
    let events = store.timeline(&a.filter.filter(&hadath_extract::Extractor::default())?)?;
    match &a.output {
        Some(p) => {
            let mut part = crate::output::Partial::beside(p)?;
            write_export(a.format, std::io::BufWriter::new(part.file()), &events)?;
            part.finish()?;
            eprintln!("hadath: {} events written to {}", events.len(), p.display());
        }
        None => {
            if a.format == ExportFormat::Parquet && std::io::stdout().is_terminal() {
                bail!("Parquet is binary: give a file with -o FILE, or redirect the output");
            }
            write_export(
                a.format,
                std::io::BufWriter::new(std::io::stdout().lock()),
                &events,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
