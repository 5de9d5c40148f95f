"""hadath: Arabic news in, dated PLOVER events out.

One text to the dict ``hadath extract`` prints::

    >>> import hadath
    >>> doc = hadath.extract("قصفت الطائرات مواقع في إدلب أمس", published="2020-02-27")
    >>> [e["type"] for e in doc["events"]]
    ['ASSAULT']

Many documents (a ``pyarrow`` table or batch, a polars or pandas data frame) to one Arrow
record batch of events, one row per event: ``hadath.extract_batch``. The store, its timeline
and exports: ``hadath.Store``. On a Spark cluster: ``hadath.spark.extract_events``.

The extractor over the embedded data is built once per process, on first use. Errors are
exceptions naming the document and the problem: ``DocumentError`` (a text that is not a
document), ``FilterError`` (a bad timeline filter; both are ``ValueError``), ``DataError``
(a bad line in the user's data files), ``StoreError``.
"""

from ._hadath import (
    DataError,
    DocumentError,
    Extractor,
    FilterError,
    Store,
    StoreError,
    __version__,
    events_schema,
    extract,
    extract_batch,
    timeline_schema,
)

__all__ = [
    "DataError",
    "DocumentError",
    "Extractor",
    "FilterError",
    "Store",
    "StoreError",
    "__version__",
    "events_schema",
    "extract",
    "extract_batch",
    "timeline_schema",
]
