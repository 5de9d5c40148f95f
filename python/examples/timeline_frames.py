"""The timeline of the seed articles as a pandas and a polars data frame (docs/python.md).

Reads the five seeds from ``../shared/corpus/seeds`` beside the checkout when they are there,
else the 27 bundled articles of ``examples/corpus``, into a fresh store in a temporary folder.

    python python/examples/timeline_frames.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import hadath

root = Path(__file__).resolve().parents[2]
seeds = root.parent / "shared" / "corpus" / "seeds"
articles = seeds if seeds.is_dir() else root / "examples" / "corpus"
print(f"articles: {articles.relative_to(root.parent) if seeds.is_dir() else articles.relative_to(root)}")

store = hadath.Store(Path(tempfile.mkdtemp()) / "seeds.db")
store.ingest(articles)
timeline = store.timeline()  # a pyarrow.Table, the columns of `hadath export`

# pandas (pip install pandas): events per PLOVER category, and the deadliest events
df = timeline.to_pandas()
print(df.groupby("event_type").size().sort_values(ascending=False).head(5).to_string())
deadliest = df.dropna(subset=["dead"]).sort_values("dead", ascending=False)
print(deadliest[["event_date", "location_name", "event_type", "dead"]].head(5).to_string(index=False))

# polars (pip install polars): assaults by country, with their sources
import polars as pl

events = pl.from_arrow(timeline)
by_country = (
    events.filter(pl.col("event_type") == "ASSAULT")
    .group_by("location_country")
    .agg(pl.len().alias("events"), pl.col("dead").sum(), pl.col("num_sources").max())
    .sort("events", descending=True)
)
print(by_country)
