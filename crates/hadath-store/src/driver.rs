//! The ingest driver: documents in, extracted in parallel by any [`Extract`], stored by one
//! writer, with progress reported as documents are done. The binary and the Python package
//! share it; it reads no input files (the caller hands it documents).
//!
//! ```
//! use hadath_core::{Document, Output};
//! use hadath_store::driver::{ingest, Input, Options, Quiet};
//! let dir = tempfile::tempdir().unwrap();
//! let db = dir.path().join("h.db");
//! // An extractor that finds nothing (any `Fn(&Document) -> Output` is an `Extract`).
//! let nothing = |d: &Document| -> Output {
//!     serde_json::from_value(serde_json::json!({"id": d.id, "entities": [], "timexes": [],
//!         "events": [], "boilerplate": []})).unwrap()
//! };
//! let docs = vec![Input::doc(Document::new("a", "نص أول"), 10), Input::doc(Document::new("b", "نص أول"), 10)];
//! let r = ingest(&db, docs, &nothing, &Options::default(), &Quiet).unwrap();
//! assert_eq!((r.added, r.duplicates), (1, 1));
//! ```

use crate::{Plan, Prepared, Result, Store};
use hadath_core::{Document, Extract};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// One input: a document, or a record that could not be read (reported and counted).
#[derive(Debug)]
pub enum Input {
    /// A document, with the size of its record (for progress by bytes).
    Doc {
        /// The document.
        doc: Document,
        /// Bytes of input it came from.
        bytes: u64,
    },
    /// A record that is not a document: where it was and why.
    Bad {
        /// Where (`file:line`).
        origin: String,
        /// What is wrong.
        error: String,
        /// Bytes of input it took.
        bytes: u64,
    },
}

impl Input {
    /// A document of `bytes` input bytes.
    pub fn doc(doc: Document, bytes: u64) -> Input {
        Input::Doc { doc, bytes }
    }
}

/// How to ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// Documents per transaction (at least 1).
    pub commit_every: usize,
    /// Documents read, planned and extracted together.
    pub batch: usize,
    /// The calling thread's CPU clock, in seconds, where the platform has one: the driver
    /// reports the writer's CPU time with it.
    pub thread_cpu_seconds: Option<fn() -> Option<f64>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            commit_every: 512,
            batch: 256,
            thread_cpu_seconds: None,
        }
    }
}

/// Where progress goes: called from the reading thread only.
pub trait Progress {
    /// `docs` more documents and `bytes` more input bytes are done (stored, skipped or bad).
    fn advance(&self, docs: u64, bytes: u64);
    /// A message for the user (a skipped record), printed without breaking a progress bar.
    fn say(&self, msg: &str);
}

/// No progress, messages to standard error.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn advance(&self, _: u64, _: u64) {}
    fn say(&self, msg: &str) {
        eprintln!("{msg}");
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Documents new to the store.
    pub added: usize,
    /// Documents that replaced an older version (same id or url).
    pub replaced: usize,
    /// Documents already stored as they are.
    pub unchanged: usize,
    /// Documents whose content is stored under another id.
    pub duplicates: usize,
    /// Records that were not documents.
    pub bad: usize,
    /// Event mentions stored.
    pub events: usize,
    /// Of those, how many joined an existing story event.
    pub merged: usize,
    /// Seconds the writer spent storing.
    pub write_secs: f64,
    /// CPU seconds of the writer thread, when [`Options::thread_cpu_seconds`] tells them.
    pub write_cpu_secs: Option<f64>,
    /// Seconds spent extracting (wall, in parallel).
    pub extract_secs: f64,
}

impl Report {
    /// Documents seen (stored, unchanged or duplicate).
    pub fn seen(&self) -> usize {
        self.added + self.replaced + self.unchanged + self.duplicates
    }

    /// Count a stored document: its plan and its events.
    fn put(&mut self, put: &crate::Put) {
        self.count(&put.plan);
        self.events += put.events;
        self.merged += put.merged;
    }

    fn count(&mut self, plan: &Plan) {
        match plan {
            Plan::New => self.added += 1,
            Plan::Replace { .. } => self.replaced += 1,
            Plan::Unchanged => self.unchanged += 1,
            Plan::Duplicate { .. } => self.duplicates += 1,
        }
    }
}

/// Ingest `inputs` into the store at `path` (created if absent): a document already stored is
/// skipped, a changed one replaces its old extraction, a duplicate of another document's
/// content is counted and not stored.
///
/// The result does not depend on how the input was split across runs: a document first
/// found to duplicate another is looked at again at the end of the run, and stored if the
/// document it duplicated has since changed (so `{a:T}{b:T}` then `{a:T2}{b:T}` stores b).
///
/// # Errors
///
/// [`Store::open`]'s errors when the store cannot be opened (a foreign database or a store of
/// a newer hadath is refused before anything in it changes), and
/// [`Error::Sql`](crate::Error::Sql) when storing fails; documents committed before it stay.
pub fn ingest(
    path: &Path,
    inputs: impl IntoIterator<Item = Input>,
    extractor: &dyn Extract,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<Report> {
    let mut store = Store::open(path)?;
    // A second connection plans (skips stored documents) while the writer writes.
    let planner = Store::open(path)?;
    let commit_every = opts.commit_every.max(1);
    let batch_len = opts.batch.max(1);
    let mut inputs = inputs.into_iter();
    let mut report = Report::default();
    // Documents that duplicated another when looked at: looked at again at the end.
    let mut recheck: Vec<Document> = Vec::new();

    let writer_report = std::thread::scope(|s| -> Result<Report> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(2);
        let (bin, bin_rx) = std::sync::mpsc::channel::<Vec<Prepared>>();
        s.spawn(move || bin_rx.into_iter().for_each(drop));
        let cpu = opts.thread_cpu_seconds;
        let writer = s.spawn(move || -> Result<(Report, Vec<Document>, Store)> {
            let mut w = Report::default();
            let mut dups = Vec::new();
            // Documents received and not yet stored: stored `commit_every` at a time.
            let mut pending: Vec<Prepared> = Vec::new();
            let mut store_some =
                |docs: &[Prepared], w: &mut Report, dups: &mut Vec<Document>| -> Result<()> {
                    let t0 = Instant::now();
                    let puts = store.put_prepared(docs.iter())?;
                    for (put, p) in puts.into_iter().zip(docs) {
                        if matches!(put.plan, Plan::Duplicate { .. }) {
                            // counted when looked at again, at the end
                            dups.push(p.doc.clone());
                            continue;
                        }
                        w.put(&put);
                    }
                    w.write_secs += t0.elapsed().as_secs_f64();
                    Ok(())
                };
            for batch in rx {
                pending.extend(batch);
                let whole = pending.len() / commit_every * commit_every;
                for chunk in pending[..whole].chunks(commit_every) {
                    store_some(chunk, &mut w, &mut dups)?;
                }
                // Freeing the stored documents is left to another thread.
                let rest = pending.split_off(whole);
                bin.send(std::mem::replace(&mut pending, rest)).ok();
            }
            if !pending.is_empty() {
                store_some(&pending, &mut w, &mut dups)?;
            }
            w.write_cpu_secs = cpu.and_then(|f| f());
            Ok((w, dups, store))
        });
        loop {
            let batch: Vec<Input> = inputs.by_ref().take(batch_len).collect();
            if batch.is_empty() {
                break;
            }
            let mut work = Vec::new();
            let (mut skipped_docs, mut skipped_bytes) = (0u64, 0u64);
            for item in batch {
                match item {
                    Input::Bad {
                        origin,
                        error,
                        bytes,
                    } => {
                        report.bad += 1;
                        progress.say(&format!("hadath: skipped {origin}: {error}"));
                        skipped_docs += 1;
                        skipped_bytes += bytes;
                    }
                    Input::Doc { doc, bytes } => match planner.plan(&doc)? {
                        Plan::Unchanged => {
                            report.unchanged += 1;
                            skipped_docs += 1;
                            skipped_bytes += bytes;
                        }
                        Plan::Duplicate { .. } => {
                            recheck.push(doc);
                            skipped_docs += 1;
                            skipped_bytes += bytes;
                        }
                        _ => work.push((doc, bytes)),
                    },
                }
            }
            progress.advance(skipped_docs, skipped_bytes);
            let t0 = Instant::now();
            // Extraction, and the preparation of every row the writer inserts, in parallel.
            let done: Vec<(Prepared, u64)> = work
                .into_par_iter()
                .map(|(doc, bytes)| {
                    let out = extractor.extract(&doc);
                    (Prepared::new(doc, out), bytes)
                })
                .collect();
            report.extract_secs += t0.elapsed().as_secs_f64();
            progress.advance(done.len() as u64, done.iter().map(|d| d.1).sum());
            if tx.send(done.into_iter().map(|d| d.0).collect()).is_err() {
                break; // the writer failed: its error is returned below
            }
        }
        drop(tx);
        let (mut w, dups, mut store) = writer.join().expect("the store writer panicked")?;
        recheck.extend(dups);
        // Duplicates once more, now that every document of the run is stored: one whose
        // original changed in this run is new now.
        for doc in recheck.drain(..) {
            let plan = store.plan(&doc)?;
            if plan.needs_store() {
                let out = extractor.extract(&doc);
                for put in store.put_prepared(std::iter::once(&Prepared::new(doc, out)))? {
                    w.put(&put);
                }
            } else {
                w.count(&plan);
            }
        }
        Ok(w)
    })?;
    // The reading side counted what it skipped (unchanged, bad) and its extraction time.
    Ok(Report {
        unchanged: report.unchanged + writer_report.unchanged,
        bad: report.bad,
        extract_secs: report.extract_secs,
        ..writer_report
    })
}
