"""hadath.extract_batch: documents in as Arrow, one row per event out."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pyarrow as pa
import pytest

import hadath
from conftest import corpus_documents, rows_of

IDLIB = "قصفت الطائرات مواقع في إدلب أمس"


def corpus_table() -> pa.Table:
    return pa.Table.from_pylist(corpus_documents())


def test_the_schema_is_declared_and_kept():
    s = hadath.events_schema()
    assert s.names == [
        "doc_id", "event", "published", "type", "mode", "date", "date_source", "modality",
        "actors", "recipients", "mediators", "location", "dead", "dead_qualifier",
        "dead_min", "dead_max", "dead_by_side", "injured", "arrested", "cumulative_dead", "cumulative_why",
        "cumulative_scope", "attribution", "source", "evidence",
        "evidence_all", "trigger",
    ]
    party = pa.struct([
        pa.field("text", pa.string(), nullable=False), ("name", pa.string()), ("code", pa.string()),
        ("sector", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
    ])
    assert s.field("actors").type == pa.list_(pa.field("item", party, nullable=False))
    place = pa.struct(list(party) + [
        ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()),
        ("admin1", pa.string()), ("precision", pa.string()), ("reason", pa.string()),
    ])
    assert s.field("location").type == place
    assert s.field("attribution").type == party
    assert s.field("dead").type == pa.int64()
    assert s.field("event").type == pa.int32()
    assert s.field("evidence").type.field("start").type == pa.int64()
    out = hadath.extract_batch(corpus_table().slice(0, 2))
    assert isinstance(out, pa.RecordBatch)
    assert out.schema == s
    empty = hadath.extract_batch(pa.table({"id": ["x"], "text": ["لا شيء هنا"]}))
    assert empty.num_rows == 0 and empty.schema == s


def test_rows_equal_the_cli_row_for_row(cli, cli_corpus):
    out = hadath.extract_batch(corpus_table())
    expected = [r for doc in cli_corpus for r in rows_of(doc)]
    assert len(expected) > 50
    assert out.to_pylist() == expected


def test_a_table_of_several_batches_and_renamed_columns():
    docs = corpus_documents()
    t = pa.Table.from_pylist([{"key": d["id"], "body": d["text"], "headline": d["title"]} for d in docs])
    chunked = pa.Table.from_batches(t.to_batches(max_chunksize=5))
    assert chunked.num_rows == len(docs) and len(chunked.to_batches()) > 1
    out = hadath.extract_batch(chunked, id="key", text="body", title="headline")
    whole = hadath.extract_batch(pa.Table.from_pylist(docs))
    assert out.equals(whole)
    with pytest.raises(ValueError, match=r'column "id": no such column \(the batch has "key", "body", "headline"\)'):
        hadath.extract_batch(t)


def test_threads_give_the_same_rows():
    t = corpus_table()
    assert hadath.extract_batch(t, jobs=2).equals(hadath.extract_batch(t))


def test_polars_and_pandas_frames_are_read_through_arrow():
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    docs = corpus_documents()[:4]
    expected = hadath.extract_batch(pa.Table.from_pylist(docs))
    assert hadath.extract_batch(pl.DataFrame(docs)).equals(expected)
    assert hadath.extract_batch(pa.Table.from_pandas(pd.DataFrame(docs))).equals(expected)


def test_published_as_text_date_or_timestamp():
    base = {"id": ["a"], "text": [IDLIB]}
    as_text = hadath.extract_batch(pa.table({**base, "published": ["2020-02-27"]}))
    as_date = hadath.extract_batch(pa.table({**base, "published": pa.array([dt.date(2020, 2, 27)])}))
    # 2020-02-26 23:30 UTC is 01:30 on the 27th in Damascus (UTC+2 in February 2020).
    ts = pa.array([dt.datetime(2020, 2, 26, 23, 30, tzinfo=dt.timezone.utc)], pa.timestamp("us", tz="Asia/Damascus"))
    as_ts = hadath.extract_batch(pa.table({**base, "published": ts}))
    for out in (as_text, as_date, as_ts):
        assert out.column("published").to_pylist() == ["2020-02-27"]
        assert out.column("date").to_pylist() == ["2020-02-26"]
    with pytest.raises(ValueError, match='column "published": holds Float64'):
        hadath.extract_batch(pa.table({**base, "published": [1.5]}))


def test_bad_rows_raise_naming_the_row_or_are_skipped_with_a_warning():
    t = pa.table({
        "id": ["a", "b", None, "d"],
        "text": [IDLIB, "   ", IDLIB, None],
    })
    with pytest.raises(hadath.DocumentError, match=r'^row 1 \(id "b"\): the document is empty'):
        hadath.extract_batch(t)
    with pytest.warns(UserWarning, match=r'skipped 3 rows .*row 2: no "id" field.*row 3 \(id "d"\): no "text" field'):
        out = hadath.extract_batch(t, errors="skip")
    assert out.column("doc_id").to_pylist() == ["a"]
    with pytest.raises(ValueError, match='errors must be "raise" or "skip"'):
        hadath.extract_batch(t, errors="ignore")


def test_the_gil_is_released_while_extracting():
    t = pa.concat_tables([corpus_table()] * 30)
    start = time.perf_counter()
    hadath.extract_batch(t)
    alone = time.perf_counter() - start
    gaps = []
    worker = threading.Thread(target=hadath.extract_batch, args=(t,))
    last = time.perf_counter()
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    # Holding the GIL for the whole extraction would stop this loop for about `alone`.
    assert alone > 0.2, "too little work to tell"
    assert max(gaps) < alone / 2, (max(gaps), alone)
