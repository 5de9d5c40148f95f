#!/usr/bin/env python3
"""Build examples/corpus.jsonl from examples/corpus/*.txt and examples/gold.json.

One JSON object per article, in file-name order, with the fields of the engine's input
(see docs and ../shared/spec/OUTPUT.md): id (the file stem), title (the first line),
text (the whole file, byte for byte, so that offsets agree with the .txt input),
published (from examples/gold.json; the lower bound when the gold gives a range) and
source (the outlet named below). Stdlib only; rerun after editing an article.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "examples", "corpus")
GOLD = os.path.join(ROOT, "examples", "gold.json")
OUT = os.path.join(ROOT, "examples", "corpus.jsonl")

# Invented outlet names (the articles are the team's own writing); agency datelines
# inside a text name the wire style being imitated, not a real source.
SOURCES = {
    "01": "al-Mirsad al-Yamani", "02": "Sada al-Khalij", "03": "al-Bahr al-Ahmar News",
    "04": "Sada al-Khalij", "05": "Bawabat al-Sharq", "06": "Bawabat al-Sharq",
    "07": "Nafidha Suriya", "08": "Nafidha Suriya", "09": "al-Rafidayn al-Yawm",
    "10": "al-Rafidayn al-Yawm", "11": "al-Rafidayn al-Yawm", "12": "al-Maghrib al-Arabi Online",
    "13": "al-Maghrib al-Arabi Online", "14": "al-Maghrib al-Arabi Online", "15": "Nile Wire",
    "16": "Nile Wire", "17": "Nile Wire", "18": "al-Quds Daily Desk", "19": "al-Quds Daily Desk",
    "20": "al-Quds Daily Desk", "21": "Beirut Observer", "22": "Beirut Observer",
    "23": "Sada al-Khalij", "24": "Sada al-Khalij", "25": "al-Quds Daily Desk",
    "26": "Beirut Observer", "27": "al-Mirsad al-Yamani",
}


def main():
    gold = {d["id"]: d for d in json.load(open(GOLD, encoding="utf-8"))["documents"]}
    n = 0
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        for name in sorted(os.listdir(CORPUS)):
            if not name.endswith(".txt"):
                continue
            doc_id = name[:-4]
            with open(os.path.join(CORPUS, name), encoding="utf-8", newline="") as f:
                text = f.read()
            pub = gold.get(doc_id, {}).get("published")
            if isinstance(pub, list):
                pub = pub[0]
            obj = {
                "id": doc_id,
                "title": text.split("\n", 1)[0].strip(),
                "text": text,
                "published": pub,
                "source": SOURCES.get(doc_id[:2], "hadath examples"),
            }
            if pub is None:
                del obj["published"]
                print(f"warning: {doc_id} has no gold publication date", file=sys.stderr)
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} documents to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
