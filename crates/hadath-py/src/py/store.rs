//! `hadath.Store`: ingest through the store's driver, timeline and export with the one
//! validated filter (`hadath_store::FilterSpec::validate`), as the CLI and the API do.

use super::PyExtractor;
use super::{batches, columns, read_documents, to_dict_json, unreadable_date, warn, DEFAULT};
use crate::Error;
use arrow_pyarrow::IntoPyArrow;
use hadath_core::Document;
use hadath_store::driver::{self, Input, Options, Progress};
use hadath_store::{export, Filter, FilterSpec, Store};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The filters `timeline` and `export` take: the API's names (`text` also as the API's `q`,
/// `from` also as `from_`, since `from` is a Python keyword).
const FILTERS: &[&str] = &[
    "actor",
    "type",
    "from",
    "to",
    "place",
    "bbox",
    "modality",
    "text",
    "min_sources",
    "limit",
];

/// Messages of the driver (skipped records), kept to be issued as Python warnings once the
/// driver is done (it runs without the GIL).
#[derive(Default)]
struct Messages(Mutex<Vec<String>>);

impl Messages {
    fn push(&self, m: String) {
        if let Ok(mut v) = self.0.lock() {
            v.push(m);
        }
    }

    fn take(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    }
}

impl Progress for Messages {
    fn advance(&self, _: u64, _: u64) {}
    fn say(&self, msg: &str) {
        self.push(msg.to_string());
    }
}

/// A list of strings from a string (comma-separated lists stay one value: the filter splits
/// types itself) or a sequence of strings.
fn strings(k: &str, v: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if v.is_none() {
        return Ok(Vec::new());
    }
    if v.is_instance_of::<PyString>() {
        return Ok(vec![v.extract::<String>()?]);
    }
    v.extract::<Vec<String>>()
        .map_err(|_| PyTypeError::new_err(format!("{k} must be a string or a list of strings")))
}

fn one(k: &str, v: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if v.is_none() {
        return Ok(None);
    }
    v.extract::<String>()
        .map(Some)
        .map_err(|_| PyTypeError::new_err(format!("{k} must be a string")))
}

/// A box on the map: the CLI's `west,south,east,north` string, or four numbers.
fn bbox(k: &str, v: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if v.is_none() || v.is_instance_of::<PyString>() {
        return one(k, v);
    }
    let bad = |_| PyTypeError::new_err(format!("{k} must be \"west,south,east,north\" or numbers"));
    let n: Vec<f64> = v.extract().map_err(bad)?;
    Ok(Some(
        n.iter().map(f64::to_string).collect::<Vec<_>>().join(","),
    ))
}

/// A whole number ≥ 0, in the API's words when it is not one.
fn number(k: &str, v: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    if v.is_none() {
        return Ok(None);
    }
    match v.extract::<i64>() {
        Ok(n) if n >= 0 && !v.is_instance_of::<pyo3::types::PyBool>() => {
            Ok(Some(usize::try_from(n).unwrap_or(usize::MAX)))
        }
        _ => Err(Error::Argument(format!("{k} must be a whole number, not {}", v.repr()?)).into()),
    }
}

/// The filter of the keyword arguments, validated as the CLI and the API validate theirs,
/// actor names resolved by the embedded knowledge base.
pub(super) fn filter(kw: Option<&Bound<'_, PyDict>>) -> PyResult<Filter> {
    let mut spec = FilterSpec {
        min_sources: 1,
        ..FilterSpec::default()
    };
    if let Some(kw) = kw {
        for (k, v) in kw.iter() {
            let k: String = k.extract()?;
            match k.as_str() {
                "actor" => spec.actor = strings(&k, &v)?,
                "type" | "types" => spec.types = strings(&k, &v)?,
                "from" | "from_" => spec.from = one(&k, &v)?,
                "to" => spec.to = one(&k, &v)?,
                "place" => spec.place = one(&k, &v)?,
                "bbox" => spec.bbox = bbox(&k, &v)?,
                "modality" => spec.modality = one(&k, &v)?,
                "text" | "q" => spec.text = one(&k, &v)?,
                "min_sources" => spec.min_sources = number(&k, &v)?.unwrap_or(1),
                "limit" => spec.limit = number(&k, &v)?,
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "unknown filter {k:?}; the filters are: {}",
                        FILTERS.join(", ")
                    )))
                }
            }
        }
    }
    let x = &*DEFAULT;
    Ok(spec
        .validate(&|t: &str| x.actor_names(t))
        .map_err(Error::from)?)
}

/// Whether `v` names files: a string, bytes or an `os.PathLike`.
fn is_path(v: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(v.is_instance_of::<PyString>()
        || v.is_instance_of::<pyo3::types::PyBytes>()
        || v.hasattr("__fspath__")?)
}

/// What `ingest` was given, read into the driver's inputs (paths are read as the driver goes).
enum Source {
    Paths(Vec<PathBuf>),
    Docs(Vec<Input>),
}

/// A dict's documents: its keys are the column names.
fn dict_docs(items: &Bound<'_, PyAny>, cols: &crate::input::Columns) -> PyResult<Vec<Input>> {
    let mut out = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let d = item.cast::<PyDict>().map_err(|_| {
            PyTypeError::new_err(format!(
                "item {i}: documents must be dicts with \"id\" and \"text\" (or paths, or an Arrow table)"
            ))
        })?;
        let get = |name: &str| -> PyResult<Option<String>> {
            match d.get_item(name)? {
                None => Ok(None),
                Some(v) if v.is_none() => Ok(None),
                Some(v) => Ok(Some(v.str()?.to_string())),
            }
        };
        let id = get(&cols.id.name)?;
        let text = match d.get_item(&cols.text.name)? {
            Some(v) if !v.is_none() => Some(v.extract::<String>().map_err(|_| {
                PyTypeError::new_err(format!("item {i}: \"text\" must be a string"))
            })?),
            _ => None,
        };
        let origin = match &id {
            Some(id) => format!("item {i} (id {id:?})"),
            None => format!("item {i}"),
        };
        let bad = |e: hadath_core::DocumentError| Input::Bad {
            origin: origin.clone(),
            error: e.to_string(),
            bytes: 0,
        };
        out.push(match (id, text) {
            (_, None) => bad(hadath_core::DocumentError::MissingText),
            (None, _) => bad(hadath_core::DocumentError::MissingId),
            (Some(id), Some(text)) => {
                let published = get(&cols.published.name)?;
                match Document::from_fields(
                    id,
                    text,
                    get(&cols.title.name)?,
                    published.as_deref(),
                    get(&cols.url.name)?,
                    get(&cols.source.name)?,
                ) {
                    Ok(doc) => {
                        let n = doc.text.len() as u64;
                        Input::doc(doc, n)
                    }
                    Err(e) => bad(e),
                }
            }
        });
    }
    Ok(out)
}

fn source(py: Python<'_>, v: &Bound<'_, PyAny>, cols: &crate::input::Columns) -> PyResult<Source> {
    if is_path(v)? {
        return Ok(Source::Paths(vec![v.extract::<PathBuf>()?]));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        let all_paths = v
            .try_iter()?
            .map(|x| x.and_then(|x| is_path(&x)))
            .collect::<PyResult<Vec<bool>>>()?;
        if !all_paths.is_empty() && all_paths.iter().all(|&p| p) {
            return Ok(Source::Paths(v.extract::<Vec<PathBuf>>()?));
        }
    }
    if v.hasattr("__arrow_c_stream__")? || v.hasattr("__arrow_c_array__")? {
        let input = batches(v)?;
        let (docs, bad) = py.detach(|| read_documents(&input, cols))?;
        let mut items: Vec<Input> = bad
            .into_iter()
            .map(|r| Input::Bad {
                origin: r.origin,
                error: r.error,
                bytes: 0,
            })
            .collect();
        items.extend(docs.into_iter().map(|d| {
            let n = d.text.len() as u64;
            Input::doc(d, n)
        }));
        return Ok(Source::Docs(items));
    }
    Ok(Source::Docs(dict_docs(v, cols)?))
}

/// A hadath store: one SQLite file of documents, their extractions and the story events
/// that reports of one happening are merged into (the file ``hadath ingest --db`` writes).
/// Opening creates the file, or checks and migrates the one there; another program's
/// database or a newer store's raises ``hadath.StoreError`` before anything changes.
///
/// >>> import hadath, tempfile, os
/// >>> store = hadath.Store(os.path.join(tempfile.mkdtemp(), "news.db"))
/// >>> report = store.ingest([{"id": "a1", "text": "قصفت الطائرات مواقع في إدلب أمس",
/// ...                         "published": "2020-02-27"}])
/// >>> report["added"], report["events"]
/// (1, 1)
/// >>> store.timeline(type="ASSAULT").column("location_name").to_pylist()
/// ['Idlib']
#[pyclass(module = "hadath", name = "Store", frozen)]
pub struct PyStore {
    path: PathBuf,
}

fn run<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T, Error> {
    match jobs {
        None => Ok(f()),
        Some(j) => rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| Error::Argument(format!("jobs: cannot start {j} threads: {e}"))),
    }
}

fn open_read(path: &Path) -> Result<Store, Error> {
    Ok(Store::open_read_only(path)?)
}

#[pymethods]
impl PyStore {
    #[new]
    fn new(path: PathBuf) -> PyResult<Self> {
        // Create it, or check (and migrate) what is there, before anything else is asked.
        Store::open(&path).map_err(Error::from)?;
        Ok(PyStore { path })
    }

    /// The store file, as given.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// Add documents, as ``hadath ingest`` does: extract them (on all cores, or `jobs`
    /// threads), store each with its extraction in one transaction, merge their events into
    /// story events. A document stored already is skipped, a changed one replaces its old
    /// version, a duplicate of another's content is counted and not stored.
    ///
    /// `documents` is a path or a list of paths (``.txt`` files, ``.jsonl`` files, folders,
    /// read as the CLI reads them), a ``pyarrow`` table or batch (columns as for
    /// ``extract_batch``), or an iterable of dicts with the same keys. Records that are not
    /// documents are skipped with a warning naming them (file and line, or row). Returns the
    /// counts: ``added``, ``replaced``, ``unchanged``, ``duplicates``, ``bad``, ``events``,
    /// ``merged``. `extractor` is a ``hadath.Extractor`` with the user's data.
    #[pyo3(signature = (documents, *, id = "id".to_string(), text = "text".to_string(), title = None, published = None, url = None, source = None, extractor = None, jobs = None, commit_every = 512))]
    #[allow(clippy::too_many_arguments)]
    fn ingest<'py>(
        &self,
        py: Python<'py>,
        documents: &Bound<'py, PyAny>,
        id: String,
        text: String,
        title: Option<String>,
        published: Option<String>,
        url: Option<String>,
        source: Option<String>,
        extractor: Option<PyRef<'py, PyExtractor>>,
        jobs: Option<usize>,
        commit_every: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let cols = columns(id, text, title, published, url, source);
        let src = self::source(py, documents, &cols)?;
        let x = match &extractor {
            Some(e) => e.inner.clone(),
            None => DEFAULT.clone(),
        };
        let opts = Options {
            commit_every: commit_every.max(1),
            ..Options::default()
        };
        let messages = Messages::default();
        let path = self.path.clone();
        let report = py.detach(|| -> Result<driver::Report, Error> {
            // Documents whose `published` is not a date are kept; say so, as the CLI does.
            let note = |origin: &str, d: &Document| {
                if let Some(p) = &d.published_unreadable {
                    messages.push(unreadable_date(origin, p));
                }
            };
            match src {
                Source::Paths(paths) => run(jobs, || -> Result<driver::Report, Error> {
                    // Read as the driver goes (the reader is not Send: built on this thread).
                    let inputs = hadath_store::input::Inputs::open(&paths)?;
                    let items = inputs.map(|item| match item.doc {
                        Ok(doc) => {
                            note(&item.origin, &doc);
                            Input::doc(doc, item.bytes)
                        }
                        Err(error) => Input::Bad {
                            origin: item.origin,
                            error,
                            bytes: item.bytes,
                        },
                    });
                    Ok(driver::ingest(&path, items, &x, &opts, &messages)?)
                })?,
                Source::Docs(items) => {
                    for i in &items {
                        if let Input::Doc { doc, .. } = i {
                            note(&format!("document {:?}", doc.id), doc);
                        }
                    }
                    run(jobs, || driver::ingest(&path, items, &x, &opts, &messages))?
                        .map_err(Error::from)
                }
            }
        })?;
        for m in messages.take() {
            warn(py, &m)?;
        }
        let d = PyDict::new(py);
        d.set_item("added", report.added)?;
        d.set_item("replaced", report.replaced)?;
        d.set_item("unchanged", report.unchanged)?;
        d.set_item("duplicates", report.duplicates)?;
        d.set_item("bad", report.bad)?;
        d.set_item("events", report.events)?;
        d.set_item("merged", report.merged)?;
        Ok(d)
    }

    /// The story events in date order as a ``pyarrow.Table``, with the columns of
    /// ``hadath export`` (``hadath.timeline_schema()``, ``docs/export.md``).
    ///
    /// Filters, as for ``hadath timeline`` and the API, validated the same way (a bad one
    /// raises ``hadath.FilterError``, a ``ValueError``, in their words): ``actor`` (a code,
    /// an English or Arabic name or alias; a string or a list), ``type`` (PLOVER categories;
    /// a list or comma-separated), ``from`` / ``to`` (``2022``, ``2022-09``, ``2022-09-13``;
    /// ``from_`` also works, since ``from`` is a Python keyword), ``place``, ``bbox`` (a box
    /// on the map: ``"35,29,43,38"`` or ``(35, 29, 43, 38)``, west, south, east, north), ``modality``,
    /// ``text`` (Arabic words the reports contain), ``min_sources``, ``limit``.
    ///
    /// >>> import hadath, tempfile, os
    /// >>> store = hadath.Store(os.path.join(tempfile.mkdtemp(), "news.db"))
    /// >>> store.timeline(**{"from": "2022-13"})
    /// Traceback (most recent call last):
    /// ...
    /// hadath.FilterError: from: not a date: "2022-13" (use 2022, 2022-09 or 2022-09-13)
    #[pyo3(signature = (**filters))]
    fn timeline<'py>(
        &self,
        py: Python<'py>,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let f = filter(filters)?;
        let path = self.path.clone();
        let batch = py.detach(|| -> Result<_, Error> {
            let events = open_read(&path)?.timeline(&f)?;
            crate::timeline::batch(&events)
        })?;
        let schema = batch.schema();
        let table = arrow_pyarrow::Table::try_new(vec![batch], schema).map_err(Error::Arrow)?;
        table.into_pyarrow(py)
    }

    /// Write the story events to `path` as ``hadath export`` does: ``"parquet"``, ``"csv"``
    /// or ``"jsonl"``, the same filters as ``timeline``; the file is written whole, then moved
    /// into place. Returns the number of events written.
    #[pyo3(signature = (path, format = "parquet", **filters))]
    fn export(
        &self,
        py: Python<'_>,
        path: PathBuf,
        format: &str,
        filters: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<usize> {
        let f = filter(filters)?;
        let format = match format {
            "parquet" | "csv" | "jsonl" => format.to_string(),
            other => {
                return Err(Error::Argument(format!(
                    "format must be \"parquet\", \"csv\" or \"jsonl\", not {other:?}"
                ))
                .into())
            }
        };
        let store = self.path.clone();
        Ok(py.detach(|| -> Result<usize, Error> {
            let events = open_read(&store)?.timeline(&f)?;
            write_whole(&path, |w| match format.as_str() {
                "parquet" => export::write_parquet(w, &events),
                "csv" => export::write_csv(w, &events),
                _ => export::write_jsonl(w, &events),
            })?;
            Ok(events.len())
        })?)
    }

    /// One story event and every report merged into it, with why (``hadath explain --json``).
    fn explain<'py>(&self, py: Python<'py>, event: i64) -> PyResult<Bound<'py, PyAny>> {
        let path = self.path.clone();
        let x = py.detach(|| -> Result<_, Error> { Ok(open_read(&path)?.explain(event)?) })?;
        to_dict_json(py, &x)
    }

    /// What the store holds: documents, entities, events, story events, … as a dict.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let path = self.path.clone();
        let s = py.detach(|| -> Result<_, Error> { Ok(open_read(&path)?.stats()?) })?;
        to_dict_json(py, &s)
    }

    fn __repr__(&self) -> String {
        format!("hadath.Store({:?})", self.path.display().to_string())
    }
}

/// Write `path` whole: into a temporary file beside it, renamed into place when done (a reader
/// never sees half a file), as the CLI writes its outputs.
fn write_whole(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> hadath_store::Result<()>,
) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let file_err = |error| Error::File {
        path: path.display().to_string(),
        error,
    };
    let mut b = tempfile::Builder::new();
    b.prefix(".hadath-export.").suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // the mode an ordinary File::create gives (0600 is tempfile's default)
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = b.tempfile_in(dir).map_err(file_err)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        std::io::Write::flush(&mut w).map_err(file_err)?;
    }
    tmp.persist(path).map_err(|e| file_err(e.error))?;
    Ok(())
}
