"""A Spark job: a folder of articles (JSON Lines or Parquet) in, a Parquet folder of events out.

Each article is a record with ``id`` and ``text``, and ``published``, ``title``, ``url``,
``source`` when known (other names: ``--id``, ``--text``, ``--published``). Events have the
columns of ``hadath.events_schema()``, one row per event.

Local mode on 2 cores::

    python python/examples/spark_events.py examples/corpus.jsonl /tmp/events.parquet --master 'local[2]'

On a cluster, ship the package with the job (docs/spark.md)::

    spark-submit --conf spark.archives=hadath-env.tar.gz#env \\
      --conf spark.pyspark.python=./env/bin/python python/examples/spark_events.py \\
      s3://bucket/articles/ s3://bucket/events/

It prints the articles read, the events written and the articles per second.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Optional

from pyspark.sql import DataFrame, SparkSession

from hadath.spark import extract_events


def read_articles(spark: SparkSession, path: str, fmt: Optional[str] = None) -> DataFrame:
    """The articles at `path` (a file or a folder): Parquet when ``fmt`` says so or the path
    ends in ``.parquet``, else JSON Lines. Every JSON field is read as text (no type guessing:
    dates stay as written, and hadath reads them as ``hadath extract`` does)."""
    if fmt is None:
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") else "json"
    if fmt == "parquet":
        return spark.read.parquet(path)
    return spark.read.option("primitivesAsString", "true").json(path)


def tree_cpu_seconds(pid: int) -> Optional[float]:
    """CPU seconds (user + system) used so far by process `pid` and its descendants, live or
    reaped (Linux ``/proc``; None elsewhere): in local mode, the JVM and its Python workers."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        stats = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        raw = f.read()
                except OSError:
                    continue
                fields = raw[raw.rfind(")") + 2:].split()
                # ppid, utime, stime, cutime, cstime (fields 4, 14-17 of the line)
                stats[int(d)] = (int(fields[1]), *(int(x) for x in fields[11:15]))
    except OSError:
        return None
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        if p not in stats:
            continue
        _, ut, st, cut, cst = stats[p]
        total += ut + st + cut + cst
        todo.extend(c for c, v in stats.items() if v[0] == p)
    return total / tick


def spark_cpu_seconds(spark: SparkSession) -> Optional[float]:
    """CPU seconds of a local-mode Spark's JVM and its Python workers (None when the JVM is
    not a child of this process: a cluster, or a JVM started by spark-submit)."""
    proc = getattr(getattr(spark.sparkContext, "_gateway", None), "proc", None)
    return tree_cpu_seconds(proc.pid) if proc is not None else None


def run(
    spark: SparkSession,
    src: str,
    dest: str,
    *,
    fmt: Optional[str] = None,
    text: str = "text",
    id: str = "id",
    published: str = "published",
) -> dict[str, float]:
    """Extract the events of the articles at `src` into a Parquet folder at `dest`; returns
    the counts and the seconds taken."""
    articles = read_articles(spark, src, fmt).cache()
    n = articles.count()  # read once, before the clock starts
    print(f"{n:,} articles in {articles.rdd.getNumPartitions()} partitions")
    title = "title" if "title" in articles.columns else None
    cpu0 = spark_cpu_seconds(spark)
    start = time.perf_counter()
    events = extract_events(articles, text=text, id=id, published=published, title=title)
    events.write.mode("overwrite").parquet(dest)
    secs = time.perf_counter() - start
    cpu1 = spark_cpu_seconds(spark)
    written = spark.read.parquet(dest).count()
    articles.unpersist()
    cpu = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
    return {"articles": n, "events": written, "seconds": secs, "cpu_seconds": cpu}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="a JSON Lines or Parquet file or folder of articles")
    ap.add_argument("output", help="the Parquet folder to write the events to")
    ap.add_argument("--format", choices=["json", "parquet"], help="the input's format (default: from the name)")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--batch", type=int, default=None, help="spark.sql.execution.arrow.maxRecordsPerBatch")
    ap.add_argument(
        "--split-mb",
        type=int,
        default=None,
        help="spark.sql.files.maxPartitionBytes in MB: smaller input splits, so that a few large files keep every core busy",
    )
    ap.add_argument("--id", default="id")
    ap.add_argument("--text", default="text")
    ap.add_argument("--published", default="published")
    a = ap.parse_args()
    b = SparkSession.builder.appName("hadath events")
    if a.master:
        b = b.master(a.master)
    if a.batch:
        b = b.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(a.batch))
    if a.split_mb:
        b = b.config("spark.sql.files.maxPartitionBytes", f"{a.split_mb}m")
    spark = b.getOrCreate()
    r = run(spark, a.input, a.output, fmt=a.format, text=a.text, id=a.id, published=a.published)
    print(
        f"{r['articles']:,} articles, {r['events']:,} events in {r['seconds']:.1f} s: "
        f"{r['articles'] / r['seconds']:,.0f} articles/s"
    )
    if r["cpu_seconds"] is not None:
        per_million = r["cpu_seconds"] / r["articles"] * 1e6 / 3600
        print(
            f"CPU (JVM and Python workers): {r['cpu_seconds']:.1f} s, "
            f"{per_million:.2f} core-hours per million articles"
        )
    spark.stop()


if __name__ == "__main__":
    main()
