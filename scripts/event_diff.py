#!/usr/bin/env python3
"""Show, document by document, gold events beside the engine's events (a development aid).

    python3 scripts/event_diff.py GOLD.json PRED.jsonl [DOC_ID ...]
    python3 scripts/event_diff.py --direction GOLD.json PRED.jsonl   # only matched events whose sides are wrong
    python3 scripts/event_diff.py --dates GOLD.json PRED.jsonl       # only matched events whose date is wrong

Each gold event is marked `ok` (matched), `MISS` (required, unmatched) or `opt`; each predicted
event `tp`, `dup` or `FP`, using the scorer's own matching (../shared/eval/score.py). Do not run
it on a blind set: its misses are not to be read.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
import score  # noqa: E402


def main():
    args = sys.argv[1:]
    direction = "--direction" in args
    dates = "--dates" in args
    gold_path, pred_path, *only = [a for a in args if a not in ("--direction", "--dates")]
    if "blind" in os.path.basename(gold_path):
        sys.exit("refusing to show the misses of a blind set")
    gold = json.load(open(gold_path, encoding="utf-8"))
    pred = score.read_pred(pred_path)
    for g in gold["documents"]:
        if only and g["id"] not in only:
            continue
        out = pred.get(g["id"], {})
        pevs = [e for e in out.get("events", []) if score.reported(e)]
        used = [None] * len(pevs)
        marks = []
        for gi, gev in sorted(enumerate(g["events"]), key=lambda x: bool(x[1].get("optional"))):
            best = None
            for pi, pev in enumerate(pevs):
                if used[pi] is None and score.event_matches(pev, gev):
                    good = score.date_prefix_ok(pev.get("date"), gev.get("date"))
                    if best is None or (good and not best[1]):
                        best = (pi, good)
            if best:
                used[best[0]] = gi
            marks.append((gi, gev, best))
        if direction:
            show_direction(g, marks, pevs)
            continue
        if dates:
            show_dates(g, out, marks, pevs)
            continue
        print(f"=== {g['id']}  published {g.get('published')}  engine {(out.get('published') or {}).get('date')}")
        for gi, gev, best in sorted(marks):
            tag = "ok  " if best else ("opt " if gev.get("optional") else "MISS")
            side = f"{gev.get('actors', '')}->{gev.get('recipients', '')}" if gev.get("actors") else sorted(gev.get("participants", []))
            print(f"  G{gi} {tag} {gev['type']} {side} {gev.get('date')} dead={gev.get('dead')}  {gev.get('note', '')[:150]}")
        for pi, pev in enumerate(pevs):
            gi = used[pi]
            if gi is not None:
                tag = f"tp G{gi}"
            elif any(score.event_matches(pev, g["events"][m[0]]) for m in marks if m[2]):
                tag = "dup  "
            else:
                tag = "FP   "
            a = [p.get("code") or p.get("text") for p in pev.get("actors", [])]
            r = [p.get("code") or p.get("text") for p in pev.get("recipients", [])]
            trig = (pev.get("trigger") or {}).get("text", "")
            ev = (pev.get("evidence") or {}).get("text", "")
            dead = (pev.get("size") or {}).get("dead")
            print(f"  P{pi} {tag} {pev['type']} {a}->{r} {pev.get('date')} {pev.get('modality')} dead={dead} «{trig}» | {ev[:160]}")
        hidden = [e for e in out.get("events", []) if not score.reported(e)]
        for e in hidden:
            print(f"  -- {e.get('modality')} {e['type']} «{(e.get('trigger') or {}).get('text', '')}»")


def show_direction(g, marks, pevs):
    """Print the matched, directed gold events whose predicted sides fail the scorer's check."""
    for gi, gev, best in marks:
        if not best or gev.get("optional") or not gev.get("actors"):
            continue
        pev = pevs[best[0]]
        pa, pr = score.codes_of(pev.get("actors")), score.codes_of(pev.get("recipients"))
        ga, gr = set(gev["actors"]), set(gev.get("recipients", []))
        if pa & ga and not pa & (gr - ga) and not pr & (ga - gr):
            continue
        trig = (pev.get("trigger") or {}).get("text", "")
        ev = (pev.get("evidence") or {}).get("text", "")
        print(f"{g['id']} G{gi} {gev['type']} gold {sorted(ga)}->{sorted(gr)} got {sorted(pa)}->{sorted(pr)} «{trig}»")
        print(f"    note: {gev.get('note', '')[:160]}")
        print(f"    text: {ev[:240]}")


def show_dates(g, out, marks, pevs):
    """Print the matched, required, dated gold events whose predicted date fails the scorer's check
    (the date accuracy's misses), with the publication dates and the predicted event's evidence."""
    for gi, gev, best in marks:
        if not best or gev.get("optional") or gev.get("date") is None or best[1]:
            continue
        pev = pevs[best[0]]
        trig = (pev.get("trigger") or {}).get("text", "")
        ev = (pev.get("evidence") or {}).get("text", "")
        pub = (out.get("published") or {}).get("date")
        print(f"{g['id']} G{gi} {gev['type']} gold {gev.get('date')} got {pev.get('date')} "
              f"({pev.get('date_source')}) published gold {g.get('published')} engine {pub} «{trig}»")
        print(f"    note: {gev.get('note', '')[:160]}")
        print(f"    text: {ev[:240]}")


if __name__ == "__main__":
    main()
