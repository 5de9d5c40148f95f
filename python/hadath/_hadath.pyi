"""Type stubs of hadath's native module (crates/hadath-py). Import ``hadath``, not this."""

import os
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, Union

import pyarrow

__version__: str

StrPath = Union[str, os.PathLike[str]]
#: What ``extract_batch`` and ``Store.ingest`` read: a pyarrow RecordBatch, Table or
#: RecordBatchReader, or any object with ``__arrow_c_stream__`` (polars, pandas data frames).
ArrowInput = Any

class DocumentError(ValueError):
    """A text or row that is not a document; the message names it (``row 3 (id "a7")``)."""

class FilterError(ValueError):
    """A timeline or export filter that was refused, in the CLI's and the API's words."""

class DataError(ValueError):
    """A bad line in a user knowledge-base, trigger or cue file (the file and line are named)."""

class StoreError(Exception):
    """The store failed: not a hadath store, a newer store, a locked or damaged file, …"""

def extract(
    text: str,
    *,
    id: Optional[str] = None,
    title: Optional[str] = None,
    published: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
) -> dict[str, Any]:
    """What one text holds: the dict ``hadath extract`` prints for it."""

def extract_batch(
    batch: ArrowInput,
    *,
    id: str = "id",
    text: str = "text",
    title: Optional[str] = None,
    published: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    errors: Literal["raise", "skip"] = "raise",
    jobs: int = 1,
) -> pyarrow.RecordBatch:
    """The events of many documents, one row per event (schema: ``events_schema()``)."""

def events_schema() -> pyarrow.Schema:
    """The schema of ``extract_batch``'s result."""

def timeline_schema() -> pyarrow.Schema:
    """The schema of ``Store.timeline``'s table: the columns of ``hadath export``."""

class Extractor:
    """An extractor with the user's own data files or options."""

    def __init__(
        self,
        *,
        kb: Sequence[StrPath] = ...,
        triggers: Sequence[StrPath] = ...,
        cues: Sequence[StrPath] = ...,
        no_ner: bool = False,
        ignore_published: bool = False,
    ) -> None: ...
    def extract(
        self,
        text: str,
        *,
        id: Optional[str] = None,
        title: Optional[str] = None,
        published: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def extract_batch(
        self,
        batch: ArrowInput,
        *,
        id: str = "id",
        text: str = "text",
        title: Optional[str] = None,
        published: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
        errors: Literal["raise", "skip"] = "raise",
        jobs: int = 1,
    ) -> pyarrow.RecordBatch: ...
    def actor_names(self, term: str) -> list[str]: ...

#: A filter value: a string, or for ``actor`` and ``type`` a list of strings; an int for
#: ``min_sources`` and ``limit``.
FilterValue = Union[str, Sequence[str], int, Sequence[float], None]

class Store:
    """A hadath store: one SQLite file of documents, extractions and story events."""

    def __init__(self, path: StrPath) -> None: ...
    @property
    def path(self) -> "os.PathLike[str]": ...
    def ingest(
        self,
        documents: Union[StrPath, Sequence[StrPath], ArrowInput, Iterable[Mapping[str, Any]]],
        *,
        id: str = "id",
        text: str = "text",
        title: Optional[str] = None,
        published: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
        extractor: Optional[Extractor] = None,
        jobs: Optional[int] = None,
        commit_every: int = 512,
    ) -> dict[str, int]: ...
    def timeline(self, **filters: FilterValue) -> pyarrow.Table: ...
    def export(
        self,
        path: StrPath,
        format: Literal["parquet", "csv", "jsonl"] = "parquet",
        **filters: FilterValue,
    ) -> int: ...
    def explain(self, event: int) -> dict[str, Any]: ...
    def stats(self) -> dict[str, int]: ...
