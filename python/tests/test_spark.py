"""hadath.spark on Apache Spark in local mode: the events equal the CLI's.

Needs pyspark and Java; skips with a message without them, unless ``HADATH_REQUIRE_SPARK=1``
(CI), which makes their absence a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

import hadath
from conftest import REPO, corpus_documents, rows_of

pytestmark = pytest.mark.spark


def _require(what: str) -> None:
    if os.environ.get("HADATH_REQUIRE_SPARK") == "1":
        pytest.fail(f"HADATH_REQUIRE_SPARK=1 but {what}")
    pytest.skip(f"{what}: skipping the Spark tests")


@pytest.fixture(scope="module")
def spark():
    if importlib.util.find_spec("pyspark") is None:
        _require("pyspark is not installed")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        _require("no Java (apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession

    # The workers run this interpreter, which has hadath installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("hadath tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small Arrow batches, so that a worker sees several and keeps its extractor.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")
        .getOrCreate()
    )
    yield s
    s.stop()


def _rows(df):
    return sorted(
        (r.asDict(recursive=True) for r in df.collect()),
        key=lambda r: (r["doc_id"], r["event"]),
    )


def test_events_equal_the_cli(spark, cli, cli_corpus):
    from hadath.spark import events_schema, extract_events

    docs = [(d["id"], d["text"], d["title"]) for d in corpus_documents()]
    df = spark.createDataFrame(docs, "id string, text string, title string").repartition(3)
    events = extract_events(df, title="title")
    assert events.schema == events_schema()
    expected = sorted((r for d in cli_corpus for r in rows_of(d)), key=lambda r: (r["doc_id"], r["event"]))
    assert _rows(events) == expected


def test_the_example_job_over_a_jsonl_folder(spark, cli, tmp_path):
    sys.path.insert(0, str(REPO / "python" / "examples"))
    try:
        import spark_events
    finally:
        sys.path.pop(0)
    src = tmp_path / "articles"
    src.mkdir()
    shutil.copy(REPO / "examples" / "corpus.jsonl", src / "part-0.jsonl")
    r = spark_events.run(spark, str(src), str(tmp_path / "events.parquet"))
    import pyarrow.parquet as pq
    from conftest import run_cli
    import json

    cli_out = run_cli(cli, "extract", "--no-config", "--quiet", str(REPO / "examples" / "corpus.jsonl")).stdout
    expected = sorted((row for l in cli_out.splitlines() for row in rows_of(json.loads(l))), key=lambda x: (x["doc_id"], x["event"]))
    got = sorted(pq.read_table(tmp_path / "events.parquet").to_pylist(), key=lambda x: (x["doc_id"], x["event"]))
    assert r["articles"] == 27 and r["events"] == len(expected)
    assert got == expected
    # The same articles as a Parquet folder.
    parquet = tmp_path / "articles.parquet"
    parquet.mkdir()
    import pyarrow as pa

    rows = [json.loads(l) for l in (REPO / "examples" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), parquet / "part-0.parquet")
    r = spark_events.run(spark, str(parquet), str(tmp_path / "events2.parquet"))
    got = sorted(pq.read_table(tmp_path / "events2.parquet").to_pylist(), key=lambda x: (x["doc_id"], x["event"]))
    assert r["articles"] == 27 and got == expected


def test_a_bad_row_fails_the_job_naming_it_or_is_skipped(spark):
    from hadath.spark import extract_events

    df = spark.createDataFrame([("a", "قصفت الطائرات مواقع في إدلب أمس"), ("e", " ")], "id string, text string")
    assert [r.doc_id for r in extract_events(df).collect()] == ["a"]
    with pytest.raises(Exception, match=r'row \d+ \(id "e"\): the document is empty'):
        extract_events(df.coalesce(1), errors="raise").collect()
    with pytest.raises(ValueError, match="no column 'body'"):
        extract_events(df, text="body")
