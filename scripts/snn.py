#!/usr/bin/env python3
"""SaudiNewsNet articles by a stable id, for the development gold in examples/snn/.

The articles are CC BY-NC-SA: they are read from ../shared at test and benchmark time and never
committed. An article's id is `snn-<day>-<index>`: the day of the zip file it sits in and its
position in that file's JSON array (both fixed by the dataset's pinned commit).

  python3 scripts/snn.py list 2015-07-21 [--grep WORD] [--source aawsat]   # id, source, title
  python3 scripts/snn.py show snn-2015-07-21-0042                           # one article's text
  python3 scripts/snn.py jsonl examples/snn/dev.json > dev.in.jsonl         # engine input for a gold file
"""
import argparse
import signal
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def snn_dir():
    base = os.environ.get("HADATH_SHARED") or os.path.join(HERE, "..", "..", "shared")
    d = os.path.join(base, "arabic-data", "saudinewsnet")
    if not os.path.isdir(d):
        sys.exit(f"SaudiNewsNet is absent: {d} (set HADATH_SHARED to the shared/ folder)")
    return d


_days = {}


def day(d):
    if d not in _days:
        path = os.path.join(snn_dir(), f"{d}.zip")
        if not os.path.exists(path):
            sys.exit(f"no SaudiNewsNet file for {d}: {path}")
        with zipfile.ZipFile(path) as z:
            _days[d] = json.loads(z.read(z.namelist()[0]))
    return _days[d]


def article(aid):
    try:
        _, y, m, dd, i = aid.split("-")
        arts = day(f"{y}-{m}-{dd}")
        return arts[int(i)]
    except (ValueError, IndexError):
        sys.exit(f"{aid}: not an id of the form snn-YYYY-MM-DD-NNNN within its day's file")


def as_doc(aid, a):
    return {
        "id": aid,
        "title": a.get("title") or None,
        "text": ((a.get("title") or "") + "\n\n" + (a.get("content") or "")).strip(),
        "url": a.get("url"),
        "source": a.get("source"),
        # The crawl time is the metadata a user has; in July 2015 it can be a day late.
        "published": (a.get("date_extracted") or "")[:10] or None,
    }


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    ls = sub.add_parser("list")
    ls.add_argument("day")
    ls.add_argument("--grep", action="append", default=[])
    ls.add_argument("--source")
    sh = sub.add_parser("show")
    sh.add_argument("id")
    js = sub.add_parser("jsonl")
    js.add_argument("gold")
    js.add_argument("--published", action="store_true",
                    help="pass the gold's publication date as metadata instead of the crawl date")
    a = p.parse_args()
    if a.cmd == "list":
        for i, art in enumerate(day(a.day)):
            if a.source and art.get("source") != a.source:
                continue
            body = (art.get("title") or "") + " " + (art.get("content") or "")
            if all(g in body for g in a.grep):
                print(f"snn-{a.day}-{i:04d}\t{art.get('source')}\t{len(art.get('content') or '')}\t{art.get('title')}")
    elif a.cmd == "show":
        art = article(a.id)
        print(f"# {a.id}  {art.get('source')}  extracted {art.get('date_extracted')}  {art.get('url')}")
        print(as_doc(a.id, art)["text"])
    else:
        gold = json.load(open(a.gold, encoding="utf-8"))
        for g in gold["documents"]:
            doc = as_doc(g["id"], article(g["id"]))
            if a.published and isinstance(g.get("published"), str):
                doc["published"] = g["published"]
            print(json.dumps({k: v for k, v in doc.items() if v is not None}, ensure_ascii=False))


if __name__ == "__main__":
    main()
