"""The type stubs (hadath/_hadath.pyi, py.typed) describe the API: mypy accepts good calls and
flags bad ones. Skips without mypy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GOOD = """
import pyarrow as pa
import hadath
d: dict = hadath.extract("نص", published="2020-01-01")
b: pa.RecordBatch = hadath.extract_batch(pa.table({"id": ["a"], "text": ["نص"]}), errors="skip", jobs=2)
s = hadath.Store("x.db")
t: pa.Table = s.timeline(type="ASSAULT", limit=3)
n: int = s.export("x.parquet", "csv", actor=["YEM"])
r: dict = s.ingest([{"id": "a", "text": "نص"}], jobs=1)
x = hadath.Extractor(kb=["people.tsv"], no_ner=True)
names: list[str] = x.actor_names("اليمن")
"""

BAD = """
import hadath
hadath.extract(42)
hadath.extract("نص", "positional-id")
hadath.extract_batch(None, errors="ignore")
hadath.Store("x.db").export("x", format="xlsx")
"""


def mypy(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    f = tmp_path / "snippet.py"
    f.write_text(code, encoding="utf-8")
    here = Path(__file__).resolve().parents[1]
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-incremental", str(f), str(here / "hadath" / "spark.py")],
        capture_output=True, text=True,
    )


def test_the_stubs_accept_good_calls_and_flag_bad_ones(tmp_path):
    pytest.importorskip("mypy")
    good = mypy(tmp_path, GOOD)
    assert good.returncode == 0, good.stdout
    bad = mypy(tmp_path, BAD)
    assert bad.stdout.count("error:") == 4, bad.stdout
