"""Time ``hadath.extract_batch`` over a JSON Lines file of articles, and check its rows against
what ``hadath extract`` wrote for the same file (docs/python.md, "Speed").

    cargo run --release -p hadath-extract --example snn_jsonl -- 3000 > /tmp/snn3k.jsonl
    ./target/release/hadath extract -q -j 1 /tmp/snn3k.jsonl > /tmp/snn3k.cli.jsonl
    taskset -c 0 python python/examples/bench_batch.py /tmp/snn3k.jsonl --compare /tmp/snn3k.cli.jsonl

It prints the CPU seconds of the extraction alone (reading the file is not counted), and with
``--compare`` whether every event row equals the CLI's, in order.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pj

import hadath

FIELDS = ["id", "text", "title", "published", "url", "source"]


def read(path: str) -> pa.Table:
    """The articles, every field as text (as the CLI reads them: no type guessing)."""
    schema = pa.schema([(f, pa.string()) for f in FIELDS])
    opts = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")
    return pj.read_json(path, parse_options=opts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl")
    ap.add_argument("--compare", help="hadath extract's output for the same file")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    table = read(a.jsonl)
    mb = sum(len(t.encode()) for t in table.column("text").to_pylist() if t) / 1e6
    hadath.extract("تحميل", id="warm-up")  # the embedded data, built once per process
    cpu, wall = time.process_time(), time.perf_counter()
    events = hadath.extract_batch(table, jobs=a.jobs)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"{table.num_rows:,} documents ({mb:.1f} MB of text), {events.num_rows:,} events: "
        f"{cpu:.2f} s CPU, {wall:.2f} s wall, {mb / cpu:.1f} MB per CPU-second"
    )
    if a.compare:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from conftest import rows_of

        with open(a.compare, encoding="utf-8") as f:
            expected = [r for line in f for r in rows_of(json.loads(line))]
        got = events.to_pylist()
        same = got == expected
        print(f"rows equal to the CLI's, in order: {same} ({len(got):,} and {len(expected):,} rows)")
        if not same:
            bad = next(i for i, (x, y) in enumerate(zip(got, expected)) if x != y) if got and expected else 0
            print(f"first difference at row {bad}")
            sys.exit(1)


if __name__ == "__main__":
    main()
