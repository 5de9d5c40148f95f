"""Shared fixtures: the repository, the bundled example corpus, and what the ``hadath`` binary
says about it (the reference the Python results must equal).

The binary is ``$HADATH_BIN``, else ``target/release/hadath`` in the repository; tests that need
it skip with a message when it is absent, unless ``HADATH_REQUIRE_CLI=1`` (CI), which makes its
absence a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"

# Every key the JSON output's events and parties may have, and where extract_batch puts it.
# A key outside these (a new field of the output contract) fails the comparison tests, so that
# the Arrow columns follow the contract.
EVENT_KEYS = {
    "type", "mode", "date", "date_source", "actors", "recipients", "mediators", "location",
    "size", "cumulative", "modality", "attribution", "source", "evidence", "evidence_all",
    "trigger",
}
PARTY_KEYS = {"text", "name", "code", "start", "end", "sector"}
GEO_KEYS = ("lat", "lon", "geonameid", "admin1", "precision", "reason")
SIZE_KEYS = {"dead", "dead_qualifier", "dead_min", "dead_max", "by_side", "injured", "arrested"}


def hadath_bin() -> Path | None:
    p = os.environ.get("HADATH_BIN")
    if p:
        return Path(p)
    p = REPO / "target" / "release" / "hadath"
    return p if p.is_file() else None


@pytest.fixture(scope="session")
def cli() -> Path:
    b = hadath_bin()
    if b is None:
        if os.environ.get("HADATH_REQUIRE_CLI") == "1":
            pytest.fail("HADATH_REQUIRE_CLI=1 but no hadath binary: build it (cargo build --release)")
        pytest.skip("no hadath binary (cargo build --release, or set HADATH_BIN): skipping the comparison with the CLI")
    return b


def run_cli(cli: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, HADATH_CONFIG=os.devnull)
    return subprocess.run(
        [str(cli), *args], capture_output=True, text=True, check=check, env=env
    )


@pytest.fixture(scope="session")
def cli_corpus(cli: Path) -> list[dict[str, Any]]:
    """``hadath extract examples/corpus``, one dict per document, in file order."""
    out = run_cli(cli, "extract", "--no-config", "--quiet", str(CORPUS)).stdout
    return [json.loads(line) for line in out.splitlines()]


def corpus_documents() -> list[dict[str, str]]:
    """The example corpus as the CLI reads it: id the file stem, title the first non-empty line."""
    docs = []
    for p in sorted(CORPUS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        title = next((l.strip() for l in text.splitlines() if l.strip()), None)
        docs.append({"id": p.stem, "text": text, "title": title})
    return docs


def _party(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if p is None:
        return None
    assert set(p) <= PARTY_KEYS, f"new party fields {set(p) - PARTY_KEYS}: add them to the Arrow columns"
    return {k: p.get(k) for k in ("text", "name", "code", "sector", "start", "end")}


def _place(p: dict[str, Any] | None) -> dict[str, Any] | None:
    """An event's location: a party with where it lies (its geo fields sit beside the others)."""
    if p is None:
        return None
    geo = {k: p.get(k) for k in GEO_KEYS}
    party = _party({k: v for k, v in p.items() if k not in GEO_KEYS})
    return {**party, **geo}


def _span(s: dict[str, Any]) -> dict[str, Any]:
    return {"start": s["start"], "end": s["end"], "text": s["text"]}


def rows_of(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows ``extract_batch`` should give for one document of the JSON output, worked out
    here from the JSON independently of the Rust code."""
    published = (doc.get("published") or {}).get("date")
    for i, e in enumerate(doc["events"]):
        assert set(e) <= EVENT_KEYS, f"new event fields {set(e) - EVENT_KEYS}: add them to the Arrow columns"
        size = e.get("size") or {}
        assert set(size) <= SIZE_KEYS, f"new toll fields {set(size) - SIZE_KEYS}"
        yield {
            "doc_id": doc["id"],
            "event": i,
            "published": published,
            "type": e["type"],
            "mode": e.get("mode"),
            "date": e.get("date"),
            "date_source": e.get("date_source"),
            "modality": e["modality"],
            "actors": [_party(p) for p in e["actors"]],
            "recipients": [_party(p) for p in e["recipients"]],
            "mediators": [_party(p) for p in e["mediators"]],
            "location": _place(e.get("location")),
            "dead": size.get("dead"),
            "dead_qualifier": size.get("dead_qualifier"),
            "dead_min": size.get("dead_min"),
            "dead_max": size.get("dead_max"),
            "dead_by_side": [
                {"dead": s["dead"], "code": s.get("code"), "start": s["start"], "end": s["end"], "text": s["text"]}
                for s in size.get("by_side", [])
            ],
            "injured": size.get("injured"),
            "arrested": size.get("arrested"),
            "cumulative_dead": (e.get("cumulative") or {}).get("dead"),
            "cumulative_why": (e.get("cumulative") or {}).get("why"),
            "cumulative_scope": ((e.get("cumulative") or {}).get("scope") or {}).get("text"),
            "attribution": _party(e.get("attribution")),
            "source": _party(e.get("source")),
            "evidence": _span(e["evidence"]),
            "evidence_all": [_span(s) for s in e["evidence_all"]],
            "trigger": _span(e["trigger"]),
        }
