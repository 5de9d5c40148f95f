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
    title = "title" if "title" in articles.columns else None
    start = time.perf_counter()
    events = extract_events(articles, text=text, id=id, published=published, title=title)
    events.write.mode("overwrite").parquet(dest)
    secs = time.perf_counter() - start
    written = spark.read.parquet(dest).count()
    articles.unpersist()
    return {"articles": n, "events": written, "seconds": secs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="a JSON Lines or Parquet file or folder of articles")
    ap.add_argument("output", help="the Parquet folder to write the events to")
    ap.add_argument("--format", choices=["json", "parquet"], help="the input's format (default: from the name)")
    ap.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--batch", type=int, default=None, help="spark.sql.execution.arrow.maxRecordsPerBatch")
    ap.add_argument("--id", default="id")
    ap.add_argument("--text", default="text")
    ap.add_argument("--published", default="published")
    a = ap.parse_args()
    b = SparkSession.builder.appName("hadath events")
    if a.master:
        b = b.master(a.master)
    if a.batch:
        b = b.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(a.batch))
    spark = b.getOrCreate()
    r = run(spark, a.input, a.output, fmt=a.format, text=a.text, id=a.id, published=a.published)
    print(
        f"{r['articles']:,} articles, {r['events']:,} events in {r['seconds']:.1f} s: "
        f"{r['articles'] / r['seconds']:,.0f} articles/s"
    )
    spark.stop()


if __name__ == "__main__":
    main()
