#!/usr/bin/env python3
"""Read an `hadath export -f parquet` file back with pyarrow (and pandas, where installed) and
check that its columns are typed: DATE for whole days, doubles for coordinates, integers for
counts and ids, lists of strings for lists, a UTC timestamp for when an event last changed.

Usage: hadath export -f parquet -o events.parquet && python3 scripts/check_parquet.py events.parquet
"""
import sys

import pyarrow as pa
import pyarrow.parquet as pq

t = pq.read_table(sys.argv[1])
want = {
    "date_start": pa.date32(), "date_end": pa.date32(), "first_report": pa.date32(), "last_report": pa.date32(),
    "latitude": pa.float64(), "longitude": pa.float64(), "geonameid": pa.int64(), "dead": pa.int64(),
    "event_id": pa.int64(), "quad_class": pa.int64(), "geo_precision": pa.string(), "admin1": pa.string(),
}
want["timestamp"] = pa.timestamp("us", tz="UTC")
bad = [f"{c}: {t.schema.field(c).type}, want {w}" for c, w in want.items() if t.schema.field(c).type != w]
for c in ("actor_name", "actor_code", "recipient_name", "mediator_name", "source_docs", "source_urls"):
    ty = t.schema.field(c).type
    if not (pa.types.is_list(ty) and ty.value_type == pa.string()):
        bad.append(f"{c}: {ty}, want a list of strings")
if bad:
    sys.exit("untyped columns: " + "; ".join(bad))
lat = t.column("latitude").to_pylist()
prec = t.column("geo_precision").to_pylist()
assert all((a is None) == (p is None) for a, p in zip(lat, prec)), "a latitude without a precision"
assert all(a is None or -90 <= a <= 90 for a in lat)
print(f"{t.num_rows} rows, {sum(a is not None for a in lat)} with coordinates; types ok")
