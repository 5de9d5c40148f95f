#!/usr/bin/env python3
"""How many asserted events have a place with coordinates, by precision, and the most frequent
place resolutions (for the geo doc's list, to be checked by eye).

    hadath extract -q CORPUS.jsonl | python3 scripts/placed_share.py [TOP]
"""
import collections
import json
import sys


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    n = placed = 0
    by_prec = collections.Counter()
    res = collections.Counter()
    for line in sys.stdin:
        doc = json.loads(line)
        for e in doc.get("events", []):
            if e.get("modality", "asserted") != "asserted":
                continue
            n += 1
            loc = e.get("location") or {}
            if isinstance(loc.get("lat"), (int, float)):
                placed += 1
                by_prec[loc.get("precision")] += 1
                res[(loc.get("text", ""), loc.get("name"), loc.get("code"), loc.get("precision"),
                     loc.get("lat"), loc.get("lon"))] += 1
    share = placed / n if n else 0.0
    print(f"asserted events {n}, placed {placed} ({share:.1%}); by precision {dict(by_prec)}")
    print(f"| # | count | text | place | code | precision | lat, lon |")
    print("|---|---|---|---|---|---|---|")
    for i, ((text, name, code, prec, lat, lon), c) in enumerate(res.most_common(top), 1):
        print(f"| {i} | {c} | {text} | {name} | {code} | {prec} | {lat}, {lon} |")


if __name__ == "__main__":
    main()
