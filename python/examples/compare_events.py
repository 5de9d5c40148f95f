"""Whether the events of a Spark job (a Parquet folder of ``hadath.events_schema()`` rows) are
the ones ``hadath extract`` wrote for the same articles (JSON Lines), row for row once both are
sorted by document and event.

    python python/examples/compare_events.py /tmp/events.parquet /tmp/articles.cli.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import rows_of  # noqa: E402


def main() -> None:
    events, cli = sys.argv[1], sys.argv[2]
    key = lambda r: (r["doc_id"], r["event"])  # noqa: E731
    got = sorted(pq.read_table(events).to_pylist(), key=key)
    with open(cli, encoding="utf-8") as f:
        expected = sorted((r for line in f for r in rows_of(json.loads(line))), key=key)
    same = got == expected
    print(f"events equal to the CLI's: {same} ({len(got):,} and {len(expected):,} rows)")
    if not same:
        diff = next((i for i, (x, y) in enumerate(zip(got, expected)) if x != y), min(len(got), len(expected)))
        print(f"first difference at row {diff}: {got[diff:diff + 1]} vs {expected[diff:diff + 1]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
