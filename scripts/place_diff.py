#!/usr/bin/env python3
"""Show, for each matched gold event with a place, the engine's location beside the gold (a
development aid for place accuracy).

    python3 scripts/place_diff.py GOLD.json PRED.jsonl [--all]

Prints the misses (and with --all the hits too): the gold place, the engine's location text,
coordinates, precision and reason, and the distance. Uses the scorer's own matching
(../shared/eval/score.py). Refuses a blind set: its misses are not to be read.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
import score  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show_all = "--all" in sys.argv
    gold_path, pred_path = args
    if "blind" in os.path.basename(gold_path):
        sys.exit("refusing to show the misses of a blind set")
    gold = json.load(open(gold_path, encoding="utf-8"))
    pred = score.read_pred(pred_path)
    ok = n = 0
    for g in gold["documents"]:
        pevs = [e for e in pred.get(g["id"], {}).get("events", []) if score.reported(e)]
        used = set()
        for gev in sorted(g["events"], key=lambda x: bool(x.get("optional"))):
            best = None
            for pi, pev in enumerate(pevs):
                if pi not in used and score.event_matches(pev, gev):
                    good = score.date_prefix_ok(pev.get("date"), gev.get("date"))
                    if best is None or (good and not best[1]):
                        best = (pi, good)
            if not best:
                continue
            used.add(best[0])
            gpl = gev.get("place")
            if not gpl or gev.get("optional"):
                continue
            n += 1
            loc = pevs[best[0]].get("location") or {}
            km = None
            if isinstance(loc.get("lat"), (int, float)):
                km = score.km_between(loc["lat"], loc["lon"], gpl["lat"], gpl["lon"])
            hit = km is not None and km <= gpl.get("km", 50)
            ok += hit
            if hit and not show_all:
                continue
            ev = (pevs[best[0]].get("evidence") or {}).get("text", "")
            dist = "none" if km is None else f"{km:.0f}km"
            print(f"{'ok  ' if hit else 'MISS'} {g['id']} {gev['type']} gold={gpl['name']} (km {gpl.get('km', 50)})")
            print(f"     got «{loc.get('text', '')}» {loc.get('name')} {loc.get('precision')} {dist}: {loc.get('reason', '')}")
            print(f"     {ev[:200]}")
    print(f"place accuracy {ok}/{n}")


if __name__ == "__main__":
    main()
