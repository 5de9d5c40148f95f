"""The examples in the docstrings run and print what they say."""

from __future__ import annotations

import doctest

import pytest

import hadath
import hadath.spark

DOCUMENTED = [
    hadath,
    hadath.extract,
    hadath.extract_batch,
    hadath.events_schema,
    hadath.timeline_schema,
    hadath.Extractor,
    hadath.Extractor.actor_names,
    hadath.Store,
    hadath.Store.timeline,
    hadath.spark,
]


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda o: getattr(o, "__qualname__", o.__name__))
def test_docstring_examples(obj):
    doc = obj.__doc__
    assert doc and doc.strip(), f"{obj} has no docstring"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(doc, {}, getattr(obj, "__qualname__", obj.__name__), None, 0)
    assert test.examples, f"{obj} has no example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


def test_every_public_name_is_documented():
    for name in hadath.__all__:
        if name.startswith("__"):
            continue
        assert getattr(hadath, name).__doc__, name


def test_the_pandas_and_polars_example_runs():
    import subprocess
    import sys

    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    from conftest import REPO

    out = subprocess.run(
        [sys.executable, str(REPO / "python" / "examples" / "timeline_frames.py")],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "articles: " in out and "event_type" in out and "location_country" in out
