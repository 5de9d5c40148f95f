#!/usr/bin/env python3
"""Resolve the seed date mentions with hadath, dateparser and chrono-node's Arabic locale; print a table.

Called by compare_dates.sh, which installs the two comparators in a temporary directory. Inputs:
the mention list crates/hadath-time/tests/seed_mentions.tsv, the seeds and gold of ../shared.

Scoring: a mention counts as resolved when the tool's value equals the expected one at the
expected granularity. hadath must return the exact TIMEX3 value for the mention's span (date,
month, year, season, decade, duration, week). dateparser and chrono return a date-time: it is
truncated to the expected granularity (day, month or year; the day for a time of day) and
compared; mentions whose value is not a calendar point (durations, seasons, decades) count as
unresolved for them, since they cannot express one.
"""
import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(shared):
    gold = json.load(open(os.path.join(shared, "eval/gold/seeds.json"), encoding="utf-8"))
    anchors = {}
    for d in gold["documents"]:
        p = d["published"]
        anchors[d["id"]] = p[0] if isinstance(p, list) else p
    texts = {i: open(os.path.join(shared, "corpus/seeds", i + ".txt"), encoding="utf-8").read() for i in anchors}
    mentions = []
    for line in open(os.path.join(ROOT, "crates/hadath-time/tests/seed_mentions.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        doc, occ, surface, kind, value = line.rstrip("\n").split("\t")
        mentions.append({"doc": doc, "occ": int(occ), "surface": surface, "type": kind, "value": value})
    return anchors, texts, mentions


def char_span(text, surface, occ):
    pos = -1
    for _ in range(occ):
        pos = text.find(surface, pos + 1)
    return pos, pos + len(surface)


def truncate(value, expected):
    """A datetime truncated to the granularity of the expected value, or None if not comparable."""
    if value is None:
        return None
    e = expected
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[A-Z]{2})?", e):
        return value.strftime("%Y-%m-%d") + (e[10:] if len(e) > 10 else "")
    if re.fullmatch(r"\d{4}-\d{2}", e):
        return value.strftime("%Y-%m")
    if re.fullmatch(r"\d{4}", e):
        return value.strftime("%Y")
    return None


def run_hadath(anchors, texts):
    docs = "".join(json.dumps({"id": i, "text": texts[i], "published": anchors[i]}, ensure_ascii=False) + "\n" for i in texts)
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "hadath-time", "--example", "timexes"],
        input=docs.encode(), capture_output=True, cwd=ROOT, check=True,
    ).stdout.decode()
    res = {}
    for line in out.splitlines():
        d = json.loads(line)
        res[d["id"]] = d["timexes"]
    return res


def hadath_value(timexes, text, m):
    a, b = char_span(text, m["surface"], m["occ"])
    ba = len(text[:a].encode())
    bb = len(text[:b].encode())
    for t in timexes:
        if t["start"] < bb and ba < t["end"]:
            return t["value"]
    return None


def run_dateparser(mentions, anchors):
    import dateparser
    from dateparser.search import search_dates

    vals = []
    for m in mentions:
        base = dt.datetime.fromisoformat(anchors[m["doc"]] + "T12:00:00")
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        v = dateparser.parse(m["surface"], languages=["ar"], settings=settings)
        if v is None:
            found = search_dates(m["surface"], languages=["ar"], settings=settings) or []
            v = found[0][1] if found else None
        vals.append(truncate(v, m["value"]))
    return vals


def run_chrono(mentions, anchors, node_dir):
    script = r"""
const chrono = require('chrono-node');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.map(({text, ref}) => {
  const d = chrono.ar.parseDate(text, new Date(ref + 'T12:00:00Z'));
  return d ? d.toISOString() : null;
});
process.stdout.write(JSON.stringify(out));
"""
    inp = json.dumps([{"text": m["surface"], "ref": anchors[m["doc"]]} for m in mentions], ensure_ascii=False)
    out = subprocess.run(["node", "-e", script], input=inp.encode(), capture_output=True, cwd=node_dir, check=True).stdout
    vals = []
    for m, v in zip(mentions, json.loads(out)):
        vals.append(truncate(dt.datetime.fromisoformat(v.replace("Z", "+00:00")) if v else None, m["value"]))
    return vals


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--node-dir", help="directory whose node_modules holds chrono-node")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--details", action="store_true", help="print every mention")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "corpus/seeds")):
        print(f"note: {args.shared} not found; nothing to compare", file=sys.stderr)
        return 0
    anchors, texts, mentions = load(args.shared)
    h = run_hadath(anchors, texts)
    cols = {"hadath": [hadath_value(h[m["doc"]], texts[m["doc"]], m) for m in mentions]}
    if not args.no_dateparser:
        cols["dateparser"] = run_dateparser(mentions, anchors)
    if args.node_dir:
        cols["chrono-node (ar)"] = run_chrono(mentions, anchors, args.node_dir)
    n = len(mentions)
    if args.details:
        print("| doc | mention | expected | " + " | ".join(cols) + " |")
        print("|---|---|---|" + "---|" * len(cols))
        for k, m in enumerate(mentions):
            cells = [("✓ " if cols[c][k] == m["value"] else "✗ ") + str(cols[c][k]) for c in cols]
            print(f"| {m['doc'][:3]} | {m['surface']} | {m['value']} | " + " | ".join(cells) + " |")
        print()
    kinds = [("calendar dates (day, month, year)", lambda m: truncate(dt.datetime(2000, 1, 1), m["value"]) is not None),
             ("other values (durations, seasons, decades)", lambda m: truncate(dt.datetime(2000, 1, 1), m["value"]) is None),
             ("all", lambda m: True)]
    print("| seed date mentions | n | " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for name, f in kinds:
        idx = [k for k, m in enumerate(mentions) if f(m)]
        cells = []
        for c in cols:
            ok = sum(1 for k in idx if cols[c][k] == mentions[k]["value"])
            cells.append(f"{ok}/{len(idx)} ({100 * ok / max(1, len(idx)):.0f}%)")
        print(f"| {name} | {len(idx)} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
