#!/usr/bin/env python3
"""Turn a directory of .txt documents into engine JSONL input, with the publication date taken
from a gold file (seeds.json schema) when one is given. Generated at run time, never committed.

    python3 scripts/seeds_jsonl.py ../shared/corpus/seeds ../shared/eval/gold/seeds.json > seeds.jsonl
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    pub = {}
    if len(sys.argv) > 2:
        gold = json.load(open(sys.argv[2], encoding="utf-8"))
        for g in gold["documents"]:
            p = g.get("published")
            if isinstance(p, list):
                p = p[0]
            if p:
                pub[g["id"]] = p
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"):
            continue
        doc_id = name[:-4]
        text = open(os.path.join(d, name), encoding="utf-8").read()
        title = next((l.strip() for l in text.splitlines() if l.strip()), None)
        rec = {"id": doc_id, "text": text, "title": title}
        if doc_id in pub:
            rec["published"] = pub[doc_id]
        print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main()
