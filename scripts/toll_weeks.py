#!/usr/bin/env python3
"""Sum the asserted, day-dated ASSAULT dead by ISO week over `hadath extract` output, and list the
largest tolls (a check by eye that no event carries a war's total).

    python3 scripts/toll_weeks.py OUT.jsonl [TOP]

Counts `size.dead` only; `cumulative` tolls (a war's total, a count too large for one
happening) are counted apart. Reports of one happening in several articles are summed once per
article here: the store's story events (`hadath story`) merge them.
"""
import collections
import datetime
import json
import sys


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    weeks = collections.Counter()
    events = collections.Counter()
    cumulative = collections.Counter()
    largest = []
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        for e in doc.get("events", []):
            if e.get("type") != "ASSAULT" or e.get("modality", "asserted") != "asserted":
                continue
            date = e.get("date") or ""
            if len(date) < 10 or not date[:10].replace("-", "").isdigit():
                continue
            y, w, _ = datetime.date.fromisoformat(date[:10]).isocalendar()
            key = f"{y}-W{w:02d}"
            dead = (e.get("size") or {}).get("dead")
            if dead:
                weeks[key] += dead
                events[key] += 1
                largest.append((dead, doc["id"], e["evidence"]["text"][:90]))
            if e.get("cumulative"):
                cumulative[e["cumulative"]["why"]] += 1
    print("| ISO week | asserted ASSAULT events with a toll | sum of size.dead |")
    print("|---|---|---|")
    for k in sorted(weeks):
        print(f"| {k} | {events[k]} | {weeks[k]} |")
    print(f"\ncumulative tolls kept apart: {dict(cumulative)}")
    print(f"\nlargest per-event tolls:")
    for dead, doc, ev in sorted(largest, reverse=True)[:top]:
        print(f"  {dead:6d}  {doc}  {ev}")


if __name__ == "__main__":
    main()
