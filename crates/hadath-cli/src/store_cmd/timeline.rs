//! `hadath timeline`: the filtered story as a table, Markdown, CSV or JSON; the filter flags
//! that `export` shares.

use super::{open, DbArg};
use anyhow::Result;
use clap::ValueEnum;
use hadath_store::{export, Filter, StoryEvent};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(super) struct FilterArgs {
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
    /// Only events whose point lies in this box: west,south,east,north in decimal degrees
    /// (35,29,43,38 holds Syria).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    bbox: Option<String>,
    /// Which modalities: reported (the default: asserted and future), all, or one of asserted,
    /// future, hypothetical, negated, historical.
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
    pub(super) fn filter(&self, x: &dyn hadath_core::Extract) -> Result<Filter> {
        let spec = hadath_store::FilterSpec {
            actor: self.actor.clone(),
            types: self.types.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            place: self.place.clone(),
            bbox: self.bbox.clone(),
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

pub(super) fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub(super) fn type_label(e: &StoryEvent) -> String {
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
