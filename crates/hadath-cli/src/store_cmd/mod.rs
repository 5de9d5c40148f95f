//! The store subcommands: `ingest`, `story`, `timeline`, `explain`, `export`. Glue over
//! `hadath-store`; one module per command beyond ingest.

mod explain;
mod export;
mod timeline;

pub use explain::{explain, ExplainArgs};
pub use export::{export_cmd, ExportArgs, EXPORT_HELP};
pub use timeline::{timeline, TimelineArgs, TIMELINE_HELP};

use anyhow::{bail, Context, Result};
use hadath_store::input::{Inputs, Item};
use hadath_store::{Filter, Store, SCHEMA_VERSION};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use timeline::render_table;

#[derive(clap::Args)]
pub struct DbArg {
    /// The store file (default: $HADATH_DB, else hadath.db in the current directory).
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
}

impl DbArg {
    fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(hadath_store::default_path)
    }
}

fn open(db: &DbArg, must_exist: bool) -> Result<Store> {
    let path = db.path();
    if must_exist && !path.exists() {
        bail!(
            "{}: no store here; create one with `hadath ingest PATHS… --db {}`",
            path.display(),
            path.display()
        );
    }
    // The read commands (the store must exist) change nothing: a read-only store can be read.
    let store = if must_exist {
        Store::open_read_only(&path)?
    } else {
        Store::open(&path)?
    };
    if let Some(v) = store.migrated_from() {
        eprintln!(
            "hadath: migrated {} from schema version {v} to {SCHEMA_VERSION}",
            path.display()
        );
    }
    Ok(store)
}

pub const INGEST_HELP: &str = "\
Adds documents to the store incrementally, each in one transaction with its extraction and its
part in the story events: a document already stored (same id, url or content) is skipped, a
changed one replaces its old extraction, and an interrupted ingest is finished by running it again.

Examples:
  hadath ingest examples/corpus && hadath timeline
  hadath ingest ../shared/corpus/seeds --db seeds.db";

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files, directories or '-' for standard input (as for `extract`).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// Never show a progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Documents per transaction. Each document is always stored whole or not at all; 1 commits
    /// after every document, more commits less often (faster; a crash loses at most the last
    /// uncommitted documents, which a re-run stores).
    #[arg(long, value_name = "N", default_value_t = 512)]
    commit_every: usize,
    #[command(flatten, next_help_heading = "User data (no recompiling)")]
    config: crate::config::ExtractorArgs,
}

/// CPU seconds (user + system) the calling thread has used, from `/proc/thread-self/stat`
/// (Linux); `None` elsewhere. A steadier figure than wall time on a busy machine.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are
    // fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// The progress bar, counting documents (the bar's length is the input's bytes).
struct Bar {
    pb: Option<indicatif::ProgressBar>,
    docs: std::cell::Cell<u64>,
}

impl hadath_store::driver::Progress for Bar {
    fn advance(&self, docs: u64, bytes: u64) {
        self.docs.set(self.docs.get() + docs);
        if let Some(pb) = &self.pb {
            pb.inc(bytes);
            pb.set_message(plural(self.docs.get() as usize, "document"));
        }
    }

    fn say(&self, msg: &str) {
        match &self.pb {
            Some(pb) => pb.println(msg),
            None => eprintln!("{msg}"),
        }
    }
}

pub fn ingest(a: IngestArgs) -> Result<ExitCode> {
    use hadath_store::driver::{self, Input, Options, Progress};
    if let Some(j) = a.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global()
            .ok();
    }
    let path = a.db.path();
    // Opened once here to report a migration (and fail early on a foreign file).
    drop(open(&a.db, false)?);
    let inputs = Inputs::open(&a.paths)?;
    let bar = Bar {
        pb: crate::progress_bar(inputs.total_bytes, a.quiet),
        docs: std::cell::Cell::new(0),
    };
    let extractor = a.config.extractor()?;
    let start = Instant::now();
    let items = inputs.map(|item: Item| match item.doc {
        Ok(doc) => {
            if let Some(p) = &doc.published_unreadable {
                bar.say(&format!(
                    "hadath: {}: \"published\" {p:?} is not a date (write 2015-07-21, an ISO \
                     date-time or an RFC 2822 date); its date is inferred from the text",
                    item.origin
                ));
            }
            Input::doc(doc, item.bytes)
        }
        Err(error) => Input::Bad {
            origin: item.origin,
            error,
            bytes: item.bytes,
        },
    });
    let opts = Options {
        commit_every: a.commit_every.max(1),
        thread_cpu_seconds: Some(thread_cpu_secs),
        ..Options::default()
    };
    let c = driver::ingest(&path, items, &extractor, &opts, &bar)
        .with_context(|| format!("{}: cannot store documents", path.display()))?;
    if let Some(pb) = &bar.pb {
        pb.finish_and_clear();
    }
    let secs = start.elapsed().as_secs_f64();
    let seen = c.seen();
    let stats = Store::open(&path)?.stats()?;
    eprintln!(
        "hadath: {} in {secs:.1} s ({:.0}/s): {} added, {} replaced, {} unchanged, \
         {} duplicates; {} stored, {} merged into earlier story events",
        plural(seen, "document"),
        seen as f64 / secs.max(1e-9),
        c.added,
        c.replaced,
        c.unchanged,
        c.duplicates,
        plural(c.events, "event"),
        c.merged,
    );
    let cpu = c
        .write_cpu_secs
        .map(|s| format!(", {s:.1} CPU-s"))
        .unwrap_or_default();
    eprintln!(
        "hadath: time: extracting {:.1} s (wall, in parallel), storing {:.1} s{cpu} (one \
         writer, overlapping)",
        c.extract_secs, c.write_secs
    );
    eprintln!(
        "hadath: {} now holds {}, {} ({} with several sources)",
        path.display(),
        plural(stats.documents as usize, "document"),
        plural(stats.story_events as usize, "story event"),
        stats.merged_story_events
    );
    if c.bad > 0 {
        eprintln!(
            "hadath: {} skipped (see the messages above)",
            plural(c.bad, "input")
        );
        return Ok(ExitCode::from(if seen == 0 { 1 } else { 2 }));
    }
    Ok(ExitCode::SUCCESS)
}

pub const STORY_HELP: &str = "\
The main job in one command: ingest the documents into the store (as `hadath ingest`), then print
the whole story as a table (as `hadath timeline`). Re-running it on the same corpus changes
nothing and prints the same timeline.

Examples:
  hadath story examples/corpus
  hadath story ../shared/corpus/seeds --db seeds.db";

/// `hadath story`: ingest, then print the whole timeline.
pub fn story(a: IngestArgs) -> Result<ExitCode> {
    let db = DbArg {
        db: a.db.db.clone(),
    };
    let code = ingest(a)?;
    let store = open(&db, true)?;
    let events = store.timeline(&Filter::default())?;
    if events.is_empty() {
        eprintln!("hadath: the store holds no events");
    } else {
        std::io::stdout()
            .lock()
            .write_all(render_table(&events).as_bytes())?;
    }
    Ok(code)
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod progress_tests {
    use super::Bar;
    use hadath_store::driver::Progress;

    #[test]
    fn the_bar_counts_documents() {
        let bar = Bar {
            pb: Some(indicatif::ProgressBar::hidden()),
            docs: std::cell::Cell::new(0),
        };
        bar.advance(256, 1000);
        bar.advance(3, 10);
        assert_eq!(bar.pb.as_ref().unwrap().message(), "259 documents");
        assert_eq!(bar.pb.as_ref().unwrap().position(), 1010);
    }
}
