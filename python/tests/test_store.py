"""hadath.Store: ingest, timeline, export, as the CLI does them."""

from __future__ import annotations

import json
import sqlite3

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import hadath
from conftest import CORPUS, REPO, corpus_documents, run_cli


@pytest.fixture
def store(tmp_path) -> hadath.Store:
    s = hadath.Store(tmp_path / "news.db")
    report = s.ingest(CORPUS)
    assert report["added"] == 27 and report["bad"] == 0
    return s


def test_ingest_from_a_path_reports_and_is_idempotent(store):
    again = store.ingest(str(CORPUS))
    assert again["unchanged"] == 27 and again["added"] == 0 and again["events"] == 0
    stats = store.stats()
    assert stats["documents"] == 27 and stats["story_events"] > 50


def test_ingest_from_arrow_and_from_dicts_gives_the_same_timeline(tmp_path, store):
    docs = corpus_documents()
    a = hadath.Store(tmp_path / "a.db")
    a.ingest(pa.Table.from_pylist(docs), jobs=1)
    b = hadath.Store(tmp_path / "b.db")
    b.ingest(iter(docs), commit_every=5)
    # the `timestamp` column says when each store was written: two ingests may straddle a second
    def events(t):
        return t.select([c for c in t.column_names if c != "timestamp"])

    expected = events(store.timeline())
    assert events(a.timeline()).equals(expected)
    assert events(b.timeline()).equals(expected)


def test_bad_records_are_skipped_with_a_warning_naming_them(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text(
        '{"id": "a", "text": "قصفت الطائرات مواقع في إدلب أمس", "published": "16/9/2022"}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    s = hadath.Store(tmp_path / "s.db")
    with pytest.warns(UserWarning) as w:
        report = s.ingest(f)
    messages = [str(x.message) for x in w]
    assert any(m.endswith("docs.jsonl:2: a JSON line must be an object with \"id\" and \"text\"; this one is an array") for m in messages), messages
    assert any('docs.jsonl:1: "published" "16/9/2022" is not a date' in m for m in messages), messages
    assert (report["added"], report["bad"]) == (1, 1)
    with pytest.warns(UserWarning, match=r'item 1 \(id "b"\): the document is empty'):
        r = s.ingest([{"id": "c", "text": "نص آخر"}, {"id": "b", "text": " "}])
    assert (r["added"], r["bad"]) == (1, 1)
    with pytest.raises(TypeError, match="item 0: documents must be dicts"):
        s.ingest([42])
    with pytest.raises(OSError, match="cannot read this path"):
        s.ingest(tmp_path / "missing.jsonl")


def test_timeline_equals_the_cli_export(cli, store, tmp_path):
    out = tmp_path / "cli.parquet"
    run_cli(cli, "export", "--db", str(store.path), "-f", "parquet", "-o", str(out),
            "--type", "ASSAULT,CONSULT", "--from", "2020")
    expected = pq.read_table(out)
    got = store.timeline(type="ASSAULT,CONSULT", from_="2020")
    assert got.num_rows > 5
    assert got.schema == hadath.timeline_schema()
    assert got.to_pylist() == expected.to_pylist()
    assert store.timeline(type=["ASSAULT", "CONSULT"], **{"from": "2020"}).equals(got)


def test_filters_are_validated_in_the_cli_words(cli, store):
    cases = [
        {"from": "2022-13"},
        {"modality": "maybe"},
        {"type": "ATTACK"},
        {"from": "2023", "to": "2022"},
    ]
    for f in cases:
        args = []
        for k, v in f.items():
            args += [f"--{k}", v]
        err = run_cli(cli, "timeline", "--db", str(store.path), *args, check=False).stderr.strip()
        assert err.startswith("hadath: error: "), err
        with pytest.raises(hadath.FilterError) as e:
            store.timeline(**f)
        # The CLI prints the same words (after a date error, anyhow repeats its cause).
        assert err.startswith("hadath: error: " + str(e.value)), (err, str(e.value))
        assert isinstance(e.value, ValueError)
    with pytest.raises(hadath.FilterError) as e:
        store.timeline(**{"from": "2022-13"})
    # The README's words.
    assert str(e.value) == 'from: not a date: "2022-13" (use 2022, 2022-09 or 2022-09-13)'



def test_bbox_keeps_the_events_inside_the_box_as_the_cli_does(cli, store, tmp_path):
    # The Levant and Iraq, west,south,east,north: some of the corpus's events lie there,
    # some elsewhere (Yemen, Libya, Sudan).
    box = "35,29,49,38"
    got = store.timeline(bbox=box)
    every = store.timeline()
    inside = [r for r in every.to_pylist() if r["latitude"] is not None
              and 35 <= r["longitude"] <= 49 and 29 <= r["latitude"] <= 38]
    assert 0 < got.num_rows < every.num_rows
    assert got.to_pylist() == inside
    assert store.timeline(bbox=(35, 29, 49, 38)).equals(got)
    out = tmp_path / "cli.parquet"
    run_cli(cli, "export", "--db", str(store.path), "-f", "parquet", "-o", str(out), "--bbox", box)
    assert got.to_pylist() == pq.read_table(out).to_pylist()
    err = run_cli(cli, "timeline", "--db", str(store.path), "--bbox", "35,29,43", check=False).stderr.strip()
    with pytest.raises(hadath.FilterError) as e:
        store.timeline(bbox="35,29,43")
    assert err.startswith("hadath: error: " + str(e.value)), (err, str(e.value))
    with pytest.raises(TypeError, match="bbox must be"):
        store.timeline(bbox=["west", "south"])


def test_filter_values_and_names(store):
    yem = store.timeline(actor="الحوثيين")
    assert yem.num_rows > 0
    assert set(store.timeline(actor=["Ansar Allah"]).column("event_id").to_pylist()) == set(yem.column("event_id").to_pylist())
    assert store.timeline(limit=3).num_rows == 3
    assert all(n >= 2 for n in store.timeline(min_sources=2).column("num_sources").to_pylist())
    with pytest.raises(ValueError, match="limit must be a whole number, not -1"):
        store.timeline(limit=-1)
    with pytest.raises(TypeError, match='unknown filter "frm"; the filters are: actor, type, from'):
        store.timeline(frm="2020")


def test_export_writes_each_format(store, tmp_path):
    n = store.export(tmp_path / "e.parquet")
    assert n == pq.read_table(tmp_path / "e.parquet").num_rows == store.timeline().num_rows
    assert store.export(tmp_path / "e.csv", "csv", type="ASSAULT") == store.timeline(type="ASSAULT").num_rows
    lines = (tmp_path / "e.jsonl")
    store.export(lines, format="jsonl", limit=2)
    assert len(lines.read_text(encoding="utf-8").splitlines()) == 2
    with pytest.raises(ValueError, match='format must be "parquet", "csv" or "jsonl"'):
        store.export(tmp_path / "e.xlsx", "xlsx")
    assert not list(tmp_path.glob(".hadath-export.*"))


def test_explain(store):
    first = store.timeline(limit=1).column("event_id")[0].as_py()
    x = store.explain(first)
    assert x["event"]["id"] == first and x["members"]
    with pytest.raises(hadath.StoreError, match="no story event 999999"):
        store.explain(999999)


def test_a_foreign_database_is_refused(tmp_path):
    p = tmp_path / "other.db"
    con = sqlite3.connect(p)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    with pytest.raises(hadath.StoreError, match="not a hadath store"):
        hadath.Store(p)
