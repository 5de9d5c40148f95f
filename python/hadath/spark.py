"""hadath on Apache Spark: a DataFrame of articles in, a DataFrame of events out.

``extract_events`` runs ``hadath.extract_batch`` over the DataFrame's Arrow batches with
``DataFrame.mapInArrow`` and a declared schema (``events_schema``, the same columns as
``hadath.events_schema()``). Each Python worker process builds its extractor once, on its
first batch, and keeps it for every later batch and task it runs (Spark reuses Python
workers: ``spark.python.worker.reuse``, on by default). Needs pyspark 3.5 or newer, and the
``hadath`` package installed where the workers run (``docs/spark.md``: ``spark.archives``).

    >>> from hadath.spark import extract_events                      # doctest: +SKIP
    >>> articles = spark.read.json("articles/")                       # doctest: +SKIP
    >>> events = extract_events(articles, published="date")           # doctest: +SKIP
    >>> events.groupBy("type").count().show()                         # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Literal, Optional, Sequence

import pyarrow

import hadath

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["events_schema", "extract_events"]

#: Extractors built in this worker process, by configuration (``None``: the embedded data,
#: which ``hadath.extract_batch`` keeps in the native module).
_EXTRACTORS: dict[tuple, hadath.Extractor] = {}


def events_schema() -> "StructType":
    """The Spark schema of ``extract_events``' DataFrame: ``hadath.events_schema()`` in
    Spark's types (strings, longs, ints, arrays and structs)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(hadath.events_schema())


def _extractor(config: Optional[tuple]) -> Optional[hadath.Extractor]:
    if config is None:
        return None
    x = _EXTRACTORS.get(config)
    if x is None:
        kb, triggers, cues, no_ner, ignore_published = config
        x = hadath.Extractor(
            kb=list(kb),
            triggers=list(triggers),
            cues=list(cues),
            no_ner=no_ner,
            ignore_published=ignore_published,
        )
        _EXTRACTORS[config] = x
    return x


def _events(
    batches: Iterator[pyarrow.RecordBatch],
    columns: dict[str, Any],
    config: Optional[tuple],
    errors: Literal["raise", "skip"],
) -> Iterator[pyarrow.RecordBatch]:
    """The function each Python worker runs: one output batch per input batch."""
    x = _extractor(config)
    run = hadath.extract_batch if x is None else x.extract_batch
    for batch in batches:
        out = run(batch, errors=errors, jobs=1, **columns)
        if out.num_rows:
            yield out


def extract_events(
    df: "DataFrame",
    text: str = "text",
    id: str = "id",
    published: Optional[str] = "published",
    title: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    *,
    errors: Literal["raise", "skip"] = "skip",
    kb: Sequence[str] = (),
    triggers: Sequence[str] = (),
    cues: Sequence[str] = (),
    no_ner: bool = False,
    ignore_published: bool = False,
) -> "DataFrame":
    """The events of the articles in `df`, one row per event, with ``hadath.events_schema()``'s
    columns (``doc_id`` is the article's id).

    `text`, `id`, `published`, `title`, `url`, `source` name `df`'s columns (``published`` is
    read when `df` has it; pass ``None`` to leave it out; the others are read when named).
    Only those columns travel to the Python workers. A row that is not a document (no text,
    no id, no letters) gives no events (``errors="skip"``; ``"raise"`` fails the task, naming
    the row). `kb`, `triggers`, `cues` are paths of user data files that must exist on every
    worker; `no_ner`, `ignore_published` as for ``hadath.Extractor``.

    The Arrow batch size is Spark's ``spark.sql.execution.arrow.maxRecordsPerBatch`` (10,000
    rows by default): each batch is extracted on one core, in the worker's memory.
    """
    names = set(df.columns)
    for what, name in (("text", text), ("id", id)):
        if name not in names:
            raise ValueError(f"{what}: the DataFrame has no column {name!r} (it has {sorted(names)})")
    fields: dict[str, str] = {"id": id, "text": text}
    for field, named in (("title", title), ("url", url), ("source", source)):
        if named is not None:
            if named not in names:
                raise ValueError(f"{field}: the DataFrame has no column {named!r}")
            fields[field] = named
    if published is not None:
        if published in names:
            fields["published"] = published
        elif published != "published":
            raise ValueError(f"published: the DataFrame has no column {published!r}")
    # The worker sees the selected columns under their own names.
    keep = list(dict.fromkeys(fields.values()))
    columns = dict(fields)
    default = not (kb or triggers or cues or no_ner or ignore_published)
    config = None if default else (tuple(kb), tuple(triggers), tuple(cues), no_ner, ignore_published)
    if errors not in ("skip", "raise"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')

    def run(batches: Iterator[pyarrow.RecordBatch]) -> Iterator[pyarrow.RecordBatch]:
        return _events(batches, columns, config, errors)

    return df.select(*keep).mapInArrow(run, events_schema())
