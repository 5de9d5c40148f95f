//! The store subcommands: `ingest`, `timeline`, `explain`, `export`. Glue over `hadath-store`.

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use hadath_store::input::{Inputs, Item};
use hadath_store::{export, Filter, Store, StoryEvent, SCHEMA_VERSION};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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

#[derive(clap::Args)]
pub struct FilterArgs {
    /// Only events with this participant (code like ARM, English or Arabic name or alias from
    /// the knowledge base: Houthis, "Ansar Allah", الحوثيين), any role; repeatable.
    #[arg(long, value_name = "WHO")]
    actor: Vec<String>,
    /// Only these PLOVER categories (ASSAULT, CONSULT, …); repeatable or comma-separated.
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',')]
    types: Vec<String>,
    /// Only events on or after this date (2022, 2022-09, 2022-09-13).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only events on or before this date.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only events at this place (English name or country code, substring).
    #[arg(long, value_name = "PLACE")]
    place: Option<String>,
    /// Only events of this modality (asserted, future, hypothetical, negated, historical).
    #[arg(long)]
    modality: Option<String>,
    /// Only events whose reports contain these words (Arabic: diacritics and clitics ignored).
    #[arg(long, short = 't', value_name = "WORDS")]
    text: Option<String>,
    /// Only events reported by at least N documents.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_sources: usize,
    /// At most N events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl FilterArgs {
    /// The filter, validated as the API validates it; actor names resolved by `x`'s
    /// knowledge base.
    fn filter(&self, x: &dyn hadath_core::Extract) -> Result<Filter> {
        let spec = hadath_store::FilterSpec {
            actor: self.actor.clone(),
            types: self.types.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            place: self.place.clone(),
            modality: self.modality.clone(),
            text: self.text.clone(),
            min_sources: self.min_sources,
            limit: self.limit,
        };
        Ok(spec.validate(&|t: &str| x.actor_names(t))?)
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TimelineFormat {
    /// An aligned table for the terminal.
    Table,
    /// A Markdown table.
    Markdown,
    /// CSV with the export's columns.
    Csv,
    /// A JSON array of events.
    Json,
}

pub const TIMELINE_HELP: &str = "\
Examples:
  hadath timeline
  hadath timeline --type ASSAULT --actor ARM --from 2022-09 --to 2022-10
  hadath timeline --text 'اشتباكات' --format markdown
  hadath timeline --min-sources 2 --format json";

#[derive(clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = TimelineFormat::Table)]
    format: TimelineFormat,
}

/// The sentence of a summary, without its date and place.
fn sentence(e: &StoryEvent) -> &str {
    e.summary.rsplit(" · ").next().unwrap_or(&e.summary)
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn type_label(e: &StoryEvent) -> String {
    match &e.mode {
        Some(m) => format!("{}/{m}", e.kind),
        None => e.kind.clone(),
    }
}

pub fn render_table(events: &[StoryEvent]) -> String {
    let head = [
        "ID",
        "DATE",
        "PLACE",
        "TYPE",
        "PARTICIPANTS",
        "TOLL",
        "SRC",
        "SUMMARY",
    ];
    let rows: Vec<[String; 8]> = events
        .iter()
        .map(|e| {
            [
                e.id.to_string(),
                e.date_display(),
                cut(
                    &e.location.as_ref().map(|l| l.label()).unwrap_or_default(),
                    22,
                ),
                type_label(e),
                cut(&e.participants().join(", "), 40),
                e.toll(),
                e.sources.len().to_string(),
                sentence(e).to_string(),
            ]
        })
        .collect();
    let mut w = head.map(|h| h.chars().count());
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(w[i] - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&head.map(String::from));
    for r in &rows {
        out.push_str(&line(r));
    }
    out
}

pub fn render_markdown(events: &[StoryEvent]) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "| # | date | place | type | participants | toll | sources | summary |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for e in events {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            e.id,
            e.date_display(),
            esc(&e.location.as_ref().map(|l| l.label()).unwrap_or_default()),
            type_label(e),
            esc(&e.participants().join(", ")),
            e.toll(),
            e.sources.len(),
            esc(&e.summary),
        ));
    }
    out
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

pub fn timeline(a: TimelineArgs) -> Result<ExitCode> {
    let store = open(&a.db, true)?;
    let events = store.timeline(&a.filter.filter(&hadath_extract::Extractor::default())?)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        TimelineFormat::Table => {
            if events.is_empty() {
                eprintln!("hadath: no events match");
            } else {
                out.write_all(render_table(&events).as_bytes())?;
            }
        }
        TimelineFormat::Markdown => out.write_all(render_markdown(&events).as_bytes())?,
        TimelineFormat::Csv => export::write_csv(&mut out, &events)?,
        TimelineFormat::Json => {
            out.write_all(b"[")?;
            for (i, e) in events.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut out, e)?;
            }
            out.write_all(b"\n]\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The story event's id (the ID column of `hadath timeline`).
    event: i64,
    #[command(flatten)]
    db: DbArg,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

fn parties(v: &serde_json::Value, key: &str) -> String {
    v.get(key)
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .map(|p| {
                    let name = p.get("name").and_then(|x| x.as_str());
                    let code = p.get("code").and_then(|x| x.as_str());
                    let text = p.get("text").and_then(|x| x.as_str()).unwrap_or("");
                    match (name, code) {
                        (Some(n), Some(c)) => format!("{n} ({c})"),
                        (Some(n), None) => n.to_string(),
                        (None, Some(c)) => format!("{text} ({c})"),
                        (None, None) => text.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

pub fn explain(a: ExplainArgs) -> Result<ExitCode> {
    let store = open(&a.db, true)?;
    let x = store.explain(a.event)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if a.json {
        serde_json::to_writer_pretty(&mut out, &x)?;
        out.write_all(b"\n")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &x.event;
    let mut s = String::new();
    s.push_str(&format!(
        "Event {} · {} · CAMEO {}\n{}\n\n",
        e.id,
        type_label(e),
        e.cameo.as_deref().unwrap_or("—"),
        e.summary
    ));
    s.push_str(&format!("  date          {}\n", e.date_display()));
    if let Some(l) = &e.location {
        s.push_str(&format!(
            "  place         {}{}\n",
            l.label(),
            l.code
                .as_ref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        ));
    }
    let ps = |v: &[hadath_store::Party]| {
        v.iter()
            .map(|p| match &p.code {
                Some(c) => format!("{} ({c})", p.label()),
                None => p.label(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (k, v) in [
        ("actors", &e.actors),
        ("recipients", &e.recipients),
        ("mediators", &e.mediators),
    ] {
        if !v.is_empty() {
            s.push_str(&format!("  {k:<13} {}\n", ps(v)));
        }
    }
    if !e.toll().is_empty() {
        s.push_str(&format!(
            "  toll          {} (the lowest figure reported)\n",
            e.toll()
        ));
    }
    s.push_str(&format!(
        "  modality      {}\n  sources       {} documents, {} mentions\n",
        e.modality,
        e.sources.len(),
        e.n_mentions
    ));
    if let Some(ds) = e.disagreements.as_array().filter(|d| !d.is_empty()) {
        s.push_str("\nThe reports disagree:\n");
        for d in ds {
            let field = d.get("field").and_then(|f| f.as_str()).unwrap_or("?");
            let vals: Vec<String> = d
                .get("values")
                .and_then(|v| v.as_array())
                .map(|vs| {
                    vs.iter()
                        .map(|v| {
                            let docs: Vec<&str> = v
                                .get("docs")
                                .and_then(|d| d.as_array())
                                .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                                .unwrap_or_default();
                            format!(
                                "{} ({})",
                                v.get("value").and_then(|x| x.as_str()).unwrap_or("?"),
                                docs.join(", ")
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let rule = match field {
                "dead" | "injured" | "arrested" => " → kept the lowest (ACLED's rule)",
                "date" => " → kept the most reported, most specific",
                "place" => " → kept the most named",
                _ => "",
            };
            s.push_str(&format!("  {field}: {}{rule}\n", vals.join(" vs ")));
        }
    }
    s.push_str("\nReports merged into it:\n");
    for (i, m) in x.members.iter().enumerate() {
        let ev = &m.event;
        let g = |k: &str| ev.get(k).and_then(|v| v.as_str()).unwrap_or("");
        s.push_str(&format!(
            "{:>3}. {}{}{}\n",
            i + 1,
            m.doc_id,
            m.title
                .as_ref()
                .map(|t| format!(" «{}»", cut(t, 70)))
                .unwrap_or_default(),
            m.published
                .as_ref()
                .map(|p| format!(" (published {p})"))
                .unwrap_or_default()
        ));
        let mut line = format!("     {}", g("type"));
        if !g("mode").is_empty() {
            line.push_str(&format!("/{}", g("mode")));
        }
        line.push_str(&format!(
            " · date {}",
            if g("date").is_empty() {
                "none"
            } else {
                g("date")
            }
        ));
        for k in ["actors", "recipients", "mediators"] {
            let v = parties(ev, k);
            if !v.is_empty() {
                line.push_str(&format!(" · {k} {v}"));
            }
        }
        if let Some(n) = ev
            .get("location")
            .and_then(|l| l.get("name").or(l.get("text")))
            .and_then(|n| n.as_str())
        {
            line.push_str(&format!(" · at {n}"));
        }
        for k in ["dead", "injured", "arrested"] {
            if let Some(d) = ev.get("size").and_then(|s| s.get(k)) {
                line.push_str(&format!(" · {k} {d}"));
            }
        }
        s.push_str(&line);
        s.push('\n');
        s.push_str(&format!(
            "     why: {}{}\n",
            m.reason,
            m.score
                .map(|x| format!(" [score {x:.2}]"))
                .unwrap_or_default()
        ));
        for (st, en, text) in &m.evidence {
            s.push_str(&format!(
                "     evidence [{st}–{en}]: «{}»\n",
                cut(text, 160)
            ));
        }
    }
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

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

/// "1 document", "2 documents".
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
