//! The Python bindings: `hadath._hadath`, re-exported by `python/hadath/__init__.py`. The
//! Python-facing documentation (docstrings, `.pyi` stubs) lives in `python/hadath/`.

mod store;

use crate::events::EventRows;
use crate::input::{documents, Column, Columns, Rejected};
use crate::{extract_all, Error};
use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, IntoPyArrow, ToPyArrow};
use hadath_core::Document;
use hadath_extract::Extractor;
use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyAny;
use std::sync::LazyLock;

pyo3::create_exception!(
    hadath,
    DocumentError,
    PyValueError,
    "A text or row that is not a document (no id, no text, no letters or digits); the message \
     names it (`row 3 (id \"a7\")`, `document \"a7\"`) and says what is wrong."
);
pyo3::create_exception!(
    hadath,
    FilterError,
    PyValueError,
    "A timeline or export filter that was refused, in the words of the CLI and the API."
);
pyo3::create_exception!(
    hadath,
    DataError,
    PyValueError,
    "A bad line in a user knowledge-base, trigger or cue file; the message names the file and \
     the line."
);
pyo3::create_exception!(
    hadath,
    StoreError,
    PyException,
    "The store failed: not a hadath store, a store of a newer hadath, a locked or damaged file, \
     no such story event."
);

/// The extractor over the embedded data: built on first use, once per process, shared by every
/// call (and every thread) after.
static DEFAULT: LazyLock<Extractor> = LazyLock::new(Extractor::default);

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        let msg = e.to_string();
        match e {
            Error::Document { .. } => DocumentError::new_err(msg),
            Error::Filter(_) | Error::Store(hadath_store::Error::Filter(_)) => {
                FilterError::new_err(msg)
            }
            Error::Data(_) => DataError::new_err(msg),
            Error::File { .. } | Error::Store(hadath_store::Error::Input { .. }) => {
                PyOSError::new_err(msg)
            }
            Error::Store(hadath_store::Error::NoInputs(_)) => PyValueError::new_err(msg),
            Error::Store(_) => StoreError::new_err(msg),
            Error::Column { .. } | Error::Argument(_) | Error::Arrow(_) => {
                PyValueError::new_err(msg)
            }
        }
    }
}

/// Issue a Python `UserWarning` (shown once per place by default, as Python does).
fn warn(py: Python<'_>, msg: &str) -> PyResult<()> {
    let category = py.get_type::<pyo3::exceptions::PyUserWarning>();
    let text = std::ffi::CString::new(msg.replace('\0', " "))
        .unwrap_or_else(|_| c"hadath: a warning".to_owned());
    PyErr::warn(py, category.as_any(), &text, 2)
}

/// The warning for a `published` value that is not a date, in the CLI's words.
fn unreadable_date(origin: &str, value: &str) -> String {
    format!(
        "{origin}: \"published\" {value:?} is not a date (write 2015-07-21, an ISO date-time or \
         an RFC 2822 date); its date is inferred from the text"
    )
}

/// Warn about documents whose `published` could not be read: every one when few, else the
/// first three and a count.
fn warn_dates(py: Python<'_>, docs: &[Document]) -> PyResult<()> {
    let bad: Vec<&Document> = docs
        .iter()
        .filter(|d| d.published_unreadable.is_some())
        .collect();
    let shown: Vec<String> = bad
        .iter()
        .take(3)
        .map(|d| {
            unreadable_date(
                &format!("document {:?}", d.id),
                d.published_unreadable.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    match bad.len() {
        0 => Ok(()),
        1..=3 => shown.iter().try_for_each(|m| warn(py, m)),
        n => warn(
            py,
            &format!(
                "{n} documents have a \"published\" that is not a date, e.g. {}",
                shown[0]
            ),
        ),
    }
}

/// A value as Python objects: `json.loads` of its JSON (for an extraction, what `hadath extract`
/// prints for the document).
fn to_dict_json<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let s = serde_json::to_string(v)
        .map_err(|e| Error::Argument(format!("cannot serialise the result: {e}")))?;
    py.import("json")?.call_method1("loads", (s,))
}

/// One document from keyword arguments; `id` defaults to `doc-` and 16 hex digits of the
/// content hash (the CLI names a text on standard input `stdin-…` the same way).
fn document(
    text: String,
    id: Option<String>,
    title: Option<String>,
    published: Option<&str>,
    url: Option<String>,
    source: Option<String>,
) -> Result<Document, Error> {
    let (id, given) = match id {
        Some(id) => (id, true),
        None => (String::new(), false),
    };
    let origin = if given {
        format!("document {id:?}")
    } else {
        "the text".to_string()
    };
    let mut doc = Document::from_fields(id, text, title, published, url, source).map_err(|e| {
        Error::Document {
            origin,
            why: e.to_string(),
        }
    })?;
    if !given {
        doc.id = format!("doc-{}", &hadath_store::content_hash(&doc)[..16]);
    }
    Ok(doc)
}

fn extract_one<'py>(py: Python<'py>, x: &Extractor, doc: Document) -> PyResult<Bound<'py, PyAny>> {
    warn_dates(py, std::slice::from_ref(&doc))?;
    let out = py.detach(|| x.extract(&doc));
    to_dict_json(py, &out)
}

/// The record batches of a pyarrow RecordBatch, Table or RecordBatchReader, or of any object
/// with the Arrow PyCapsule stream interface (`__arrow_c_stream__`: polars and pandas data
/// frames among them).
fn batches(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if obj.hasattr("__arrow_c_stream__")? {
        let t = arrow_pyarrow::Table::from_pyarrow_bound(obj)?;
        return Ok(t.into_inner().0);
    }
    Ok(vec![RecordBatch::from_pyarrow_bound(obj)?])
}

/// The column names a caller gave: `id` and `text` must be there; the others must be there
/// when named, and are read when present under their own name otherwise.
fn columns(
    id: String,
    text: String,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    source: Option<String>,
) -> Columns {
    let pick = |given: Option<String>, default: &str| match given {
        Some(n) => Column::named(n),
        None => Column::optional(default),
    };
    Columns {
        id: Column::named(id),
        text: Column::named(text),
        title: pick(title, "title"),
        published: pick(published, "published"),
        url: pick(url, "url"),
        source: pick(source, "source"),
    }
}

/// What to do with a row that is not a document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    Raise,
    Skip,
}

impl OnError {
    fn parse(s: &str) -> Result<OnError, Error> {
        match s {
            "raise" => Ok(OnError::Raise),
            "skip" => Ok(OnError::Skip),
            other => Err(Error::Argument(format!(
                "errors must be \"raise\" or \"skip\", not {other:?}"
            ))),
        }
    }
}

/// Documents of the batches, rows counted over all of them; the rejected rows apart.
fn read_documents(
    input: &[RecordBatch],
    cols: &Columns,
) -> Result<(Vec<Document>, Vec<Rejected>), Error> {
    let (mut docs, mut bad) = (Vec::new(), Vec::new());
    let mut row = 0;
    for b in input {
        for d in documents(b, cols, row)? {
            match d {
                Ok(d) => docs.push(d),
                Err(r) => bad.push(r),
            }
        }
        row += b.num_rows();
    }
    Ok((docs, bad))
}

fn warn_skipped(py: Python<'_>, bad: &[Rejected]) -> PyResult<()> {
    if bad.is_empty() {
        return Ok(());
    }
    let first: Vec<String> = bad.iter().take(3).map(|r| r.to_string()).collect();
    let more = if bad.len() > 3 {
        format!("; and {} more", bad.len() - 3)
    } else {
        String::new()
    };
    warn(
        py,
        &format!(
            "hadath: skipped {} rows that are not documents: {}{more}",
            bad.len(),
            first.join("; ")
        ),
    )
}

#[allow(clippy::too_many_arguments)]
fn extract_batch_with<'py>(
    py: Python<'py>,
    x: &Extractor,
    batch: &Bound<'py, PyAny>,
    cols: Columns,
    errors: &str,
    jobs: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let on_error = OnError::parse(errors)?;
    let input = batches(batch)?;
    let (docs, bad) = py.detach(|| read_documents(&input, &cols))?;
    drop(input);
    if let (OnError::Raise, Some(r)) = (on_error, bad.first()) {
        return Err(Error::Document {
            origin: r.origin.clone(),
            why: r.error.clone(),
        }
        .into());
    }
    warn_skipped(py, &bad)?;
    warn_dates(py, &docs)?;
    let out = py.detach(|| -> Result<RecordBatch, Error> {
        let outs = extract_all(x, &docs, jobs)?;
        let mut rows = EventRows::default();
        outs.iter().for_each(|o| rows.push(o));
        rows.finish()
    })?;
    out.to_pyarrow(py)
}

/// An extractor with the user's own data or options; ``hadath.extract`` and
/// ``hadath.extract_batch`` use the embedded data.
///
/// `kb`: knowledge-base files in the format of ``data/kb/*.tsv``, named after their kind
/// (``people.tsv``, ``my-orgs.tsv``); `triggers`, `cues`: rows in the format of
/// ``data/events/triggers.tsv`` and ``cues.tsv``; `no_ner` skips the name tagger;
/// `ignore_published` infers publication dates from the text. A bad line raises
/// ``hadath.DataError`` naming the file and line. Build it once and reuse it.
///
/// >>> import hadath
/// >>> x = hadath.Extractor(no_ner=True)
/// >>> [e["type"] for e in x.extract("قصفت الطائرات مواقع في إدلب أمس")["events"]]
/// ['ASSAULT']
#[pyclass(module = "hadath", name = "Extractor", frozen)]
pub struct PyExtractor {
    pub(crate) inner: Extractor,
}

fn read_files(paths: Vec<std::path::PathBuf>) -> Result<Vec<(String, String)>, Error> {
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            std::fs::read_to_string(&p)
                .map(|text| (name, text))
                .map_err(|error| Error::File {
                    path: p.display().to_string(),
                    error,
                })
        })
        .collect()
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (*, kb = Vec::new(), triggers = Vec::new(), cues = Vec::new(), no_ner = false, ignore_published = false))]
    fn new(
        kb: Vec<std::path::PathBuf>,
        triggers: Vec<std::path::PathBuf>,
        cues: Vec<std::path::PathBuf>,
        no_ner: bool,
        ignore_published: bool,
    ) -> PyResult<Self> {
        let config = hadath_extract::Config {
            kb: read_files(kb)?,
            triggers: read_files(triggers)?,
            cues: read_files(cues)?,
            no_ner,
            ignore_published,
        };
        let inner = Extractor::new(&config).map_err(Error::from)?;
        Ok(PyExtractor { inner })
    }

    /// As ``hadath.extract``, with this extractor's data.
    #[pyo3(signature = (text, *, id = None, title = None, published = None, url = None, source = None))]
    #[allow(clippy::too_many_arguments)]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        id: Option<String>,
        title: Option<String>,
        published: Option<String>,
        url: Option<String>,
        source: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let doc = document(text, id, title, published.as_deref(), url, source)?;
        extract_one(py, &self.inner, doc)
    }

    /// As ``hadath.extract_batch``, with this extractor's data.
    #[pyo3(signature = (batch, *, id = "id".to_string(), text = "text".to_string(), title = None, published = None, url = None, source = None, errors = "raise", jobs = 1))]
    #[allow(clippy::too_many_arguments)]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        batch: &Bound<'py, PyAny>,
        id: String,
        text: String,
        title: Option<String>,
        published: Option<String>,
        url: Option<String>,
        source: Option<String>,
        errors: &str,
        jobs: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cols = columns(id, text, title, published, url, source);
        extract_batch_with(py, &self.inner, batch, cols, errors, jobs)
    }

    /// The knowledge base's names and codes for an actor term, as the filters resolve it.
    ///
    /// >>> import hadath
    /// >>> "YEM" in hadath.Extractor().actor_names("اليمن")
    /// True
    fn actor_names(&self, term: &str) -> Vec<String> {
        self.inner.actor_names(term)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// What one text holds: the dict `hadath extract` prints for it (entities, time expressions,
/// events, boilerplate; offsets in code points).
///
/// `published` (``2020-02-28``, an ISO date-time or an RFC 2822 date) resolves relative dates
/// ("yesterday"); one that is not a date is ignored with a warning and the date is inferred
/// from the text. `id` defaults to ``doc-`` and 16 hex digits of the text's content hash.
/// Raises ``hadath.DocumentError`` for a text without letters or digits.
///
/// >>> import hadath
/// >>> doc = hadath.extract("قصفت الطائرات مواقع في إدلب أمس", id="a1", published="2020-02-27")
/// >>> [(e["type"], e["date"], e["location"]["name"]) for e in doc["events"]]
/// [('ASSAULT', '2020-02-26', 'Idlib')]
#[pyfunction]
#[pyo3(signature = (text, *, id = None, title = None, published = None, url = None, source = None))]
fn extract<'py>(
    py: Python<'py>,
    text: String,
    id: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    source: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let doc = document(text, id, title, published.as_deref(), url, source)?;
    extract_one(py, &DEFAULT, doc)
}

/// The events of many documents as one ``pyarrow.RecordBatch``, one row per event (schema:
/// ``hadath.events_schema()``), without a Python object per row; the GIL is released while it
/// works.
///
/// `batch` is a ``pyarrow.RecordBatch`` or ``Table`` (or any object with the Arrow stream
/// interface: polars and pandas data frames) with a column per field: `id` and `text` (names
/// changed by keyword), and `title`, `published`, `url`, `source` read when present (or named).
/// A row that is not a document (no text, no id, no letters) raises ``hadath.DocumentError``
/// naming its row and id, or with ``errors="skip"`` is left out with a warning. `jobs` threads
/// extract (1: this thread only, what a Spark worker wants).
///
/// >>> import pyarrow as pa, hadath
/// >>> docs = pa.table({"id": ["a1"], "text": ["قصفت الطائرات مواقع في إدلب أمس"],
/// ...                  "published": ["2020-02-27"]})
/// >>> events = hadath.extract_batch(docs)
/// >>> events.select(["doc_id", "type", "date"]).to_pylist()
/// [{'doc_id': 'a1', 'type': 'ASSAULT', 'date': '2020-02-26'}]
#[pyfunction]
#[pyo3(signature = (batch, *, id = "id".to_string(), text = "text".to_string(), title = None, published = None, url = None, source = None, errors = "raise", jobs = 1))]
#[allow(clippy::too_many_arguments)]
fn extract_batch<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    id: String,
    text: String,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    source: Option<String>,
    errors: &str,
    jobs: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let cols = columns(id, text, title, published, url, source);
    extract_batch_with(py, &DEFAULT, batch, cols, errors, jobs)
}

/// The ``pyarrow.Schema`` of ``extract_batch``'s result: one row per event.
///
/// >>> import hadath
/// >>> hadath.events_schema().names[:4]
/// ['doc_id', 'event', 'published', 'type']
#[pyfunction]
fn events_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    crate::events::schema().as_ref().clone().into_pyarrow(py)
}

/// The ``pyarrow.Schema`` of ``Store.timeline``'s table: the columns of ``hadath export``.
///
/// >>> import hadath
/// >>> hadath.timeline_schema().names[:3]
/// ['event_id', 'event_date', 'date_precision']
#[pyfunction]
fn timeline_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    crate::timeline::schema().as_ref().clone().into_pyarrow(py)
}

/// hadath's native module: Arabic news in, dated PLOVER events out. Import `hadath`, not this.
#[pymodule]
mod _hadath {
    #[pymodule_export]
    use super::{
        events_schema, extract, extract_batch, timeline_schema, DataError, DocumentError,
        FilterError, PyExtractor, StoreError,
    };

    #[pymodule_export]
    use super::store::PyStore;

    #[pymodule_init]
    fn init(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
