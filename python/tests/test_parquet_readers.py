"""`hadath export -f parquet` read back by pandas, polars and DuckDB without options: whole days
are DATEs, coordinates DOUBLEs, counts integers, lists list columns, the time an event last
changed a UTC timestamp; and the values are the JSON Lines export's."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import CORPUS, run_cli


@pytest.fixture(scope="module")
def exported(cli, tmp_path_factory) -> tuple[Path, list[dict]]:
    d = tmp_path_factory.mktemp("export")
    db = d / "news.db"
    run_cli(cli, "ingest", str(CORPUS), "--db", str(db), "-q")
    out = d / "events.parquet"
    run_cli(cli, "export", "--db", str(db), "-f", "parquet", "-o", str(out))
    lines = run_cli(cli, "export", "--db", str(db), "-f", "jsonl").stdout.splitlines()
    return out, [json.loads(line) for line in lines]


def label(p: dict) -> str:
    return p.get("name") or p.get("code") or p.get("text")


def expected_lists(e: dict) -> dict[str, list | None]:
    """The list columns of one JSON Lines event (none for an empty list)."""
    lists = {
        "actor_name": [label(p) for p in e["actors"]],
        "actor_code": [p.get("code") for p in e["actors"]],
        "recipient_name": [label(p) for p in e["recipients"]],
        "source_docs": e["sources"],
        "source_outlets": e["outlets"],
    }
    return {k: (v or None) for k, v in lists.items()}


def test_duckdb_reads_typed_columns(exported):
    duckdb = pytest.importorskip("duckdb")
    path, events = exported
    con = duckdb.connect()
    src = f"read_parquet('{path}')"
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()}
    assert types["event_id"] == "BIGINT" and types["dead"] == "BIGINT"
    for c in ("date_start", "date_end", "first_report", "last_report"):
        assert types[c] == "DATE", (c, types[c])
    assert types["latitude"] == types["longitude"] == "DOUBLE"
    for c in ("actor_name", "actor_code", "recipient_name", "source_docs", "source_urls"):
        assert types[c] == "VARCHAR[]", (c, types[c])
    assert types["timestamp"] == "TIMESTAMP WITH TIME ZONE"
    assert types["version"] == "VARCHAR"
    rows = {r[0]: r for r in con.execute(
        f"SELECT event_id, actor_name, actor_code, recipient_name, source_docs, source_outlets, "
        f"date_start, latitude FROM {src}").fetchall()}
    assert len(rows) == len(events) > 20
    for e in events:
        r = rows[e["id"]]
        want = expected_lists(e)
        assert list(r[1:6]) == [want[k] for k in ("actor_name", "actor_code", "recipient_name", "source_docs", "source_outlets")]
        assert r[6] == (dt.date.fromisoformat(e["date_first"]) if e["date_first"] else None)
        assert r[7] == e["latitude"]
    # A list column is queryable as a list.
    n = con.execute(f"SELECT count(*) FROM {src} WHERE list_contains(actor_code, 'YEM')").fetchall()[0][0]
    assert n == sum("YEM" in [p.get("code") for p in e["actors"]] for e in events) > 0


def test_polars_reads_typed_columns(exported):
    pl = pytest.importorskip("polars")
    path, events = exported
    df = pl.read_parquet(path)
    s = df.schema
    assert s["event_id"] == pl.Int64 and s["dead"] == pl.Int64
    assert s["date_start"] == pl.Date and s["last_report"] == pl.Date
    assert s["latitude"] == pl.Float64
    assert s["actor_name"] == pl.List(pl.String) and s["source_docs"] == pl.List(pl.String)
    assert s["timestamp"] == pl.Datetime("us", "UTC")
    by_id = {r["event_id"]: r for r in df.iter_rows(named=True)}
    for e in events:
        r = by_id[e["id"]]
        want = expected_lists(e)
        assert {k: r[k] for k in want} == want
        assert r["version"] == e["version"]
        assert r["timestamp"] == dt.datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00"))


def test_pandas_reads_typed_columns(exported):
    pd = pytest.importorskip("pandas")
    path, events = exported
    df = pd.read_parquet(path)
    assert str(df["latitude"].dtype) == "float64"
    assert str(df["timestamp"].dtype).startswith("datetime64[") and str(df["timestamp"].dt.tz) == "UTC"
    by_id = {int(r.event_id): r for r in df.itertuples()}
    for e in events:
        r = by_id[e["id"]]
        assert r.date_start == (dt.date.fromisoformat(e["date_first"]) if e["date_first"] else None)
        names = r.actor_name
        assert (None if names is None else list(names)) == expected_lists(e)["actor_name"]
        assert list(r.source_docs) == e["sources"]
