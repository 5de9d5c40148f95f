#!/usr/bin/env python3
"""One Markdown row of the README's accuracy table from `score.py events --json` on stdin."""
import json
import sys

r = json.load(sys.stdin)


def f(x):
    return "–" if x is None else f"{x:.3f}"


dup = r["duplicates"] / r["tp"] if r["tp"] else 0
cells = [
    sys.argv[1], f(r["event_precision"]), f(r["event_recall"]), f(r["event_f1"]),
    f"{r['tp']}/{r['fp']}/{r['fn']}", f"{dup:.0%}", f(r["event_date_accuracy"]),
    f(r["dead_accuracy"]), f(r["actor_code_f1"]), f(r["published_day_accuracy"]),
    f(r.get("place_accuracy")) + (f" ({r['placed_events']})" if r.get("placed_events") else ""),
]
print("| " + " | ".join(cells) + " |")
