#!/usr/bin/env python3
"""Validate the events-stage data: data/events/triggers.tsv, data/events/cues.tsv,
examples/gold.json, examples/corpus/*.txt and examples/corpus.jsonl.

Stdlib only. Exits non-zero on errors; warnings are printed but do not fail.
Usage: python3 scripts/check_events_data.py [--quiet]
"""
import datetime
import json
import os
import re
import sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def read_vocabulary():
    """The categories and each category's modes, from their one definition in hadath-core."""
    src = open(os.path.join(ROOT, "crates/hadath-core/src/vocab.rs"), encoding="utf-8").read()

    def words(enum):
        block = re.search(r"vocabulary! \{[^{]*?\b" + enum + r", .*?\{(.*?)\n    \}", src, re.S)
        return dict(re.findall(r"(\w+) = \"([^\"]+)\"", block.group(1)))

    cats, modes = words("Category"), words("Mode")
    table = src[src.index("const MODES_OF"):src.index("];", src.index("const MODES_OF"))]
    of = {}
    for cat, listed in re.findall(r"Category::(\w+),\s*&\[(.*?)\]", table, re.S):
        of[cats[cat]] = {modes[m] for m in re.findall(r"Mode::(\w+)", listed)}
    return list(cats.values()), of


CATEGORIES, MODES = read_vocabulary()
POS = {"verb", "noun", "light"}
ROLES = {"active", "passive", "symmetric", "host"}
CUE_KINDS = {"future", "negated", "hypothetical", "attribution", "location", "mediator", "host",
             "question", "generic", "opinion", "casualty", "historical"}
CASUALTY_NOTES = {"dead", "injured", "arrested", "missing", "displaced", "captured"}
IGOS = {"UN", "EU", "NATO", "GCC", "AL", "OIC", "AU", "CSTO", "OSCE", "SCO", "OPEC", "IAEA", "ICRC",
        "WHO", "ASEAN", "IMF", "WB"}
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC = re.compile("[\u0600-\u06ff]")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def read_tsv(path, header):
    """Rows (line number, fields) after the provenance lines and the header row."""
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines[0].startswith("# source:"):
        err(f"{path}:1: first line must be '# source: ...'")
    if len(lines) < 2 or not lines[1].startswith("# licence:"):
        err(f"{path}:2: second line must be '# licence: ...'")
    seen_header = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            if fields != header:
                err(f"{path}:{n}: header must be {header!r}, got {fields!r}")
            seen_header = True
            continue
        if len(fields) != len(header):
            err(f"{path}:{n}: {len(fields)} columns, want {len(header)}")
            continue
        if any(x != x.strip() for x in fields):
            err(f"{path}:{n}: a field has leading/trailing spaces")
        rows.append((n, fields))
    if not seen_header:
        err(f"{path}: no header row")
    return rows


def check_forms(path, n, forms):
    out = []
    for form in forms.split("|"):
        if not form:
            err(f"{path}:{n}: empty form (stray '|')")
            continue
        if TASHKEEL.search(form):
            err(f"{path}:{n}: tashkeel/tatweel in form {form!r}")
        if form != form.strip() or "  " in form:
            err(f"{path}:{n}: spacing in form {form!r}")
        if not ARABIC.search(form):
            err(f"{path}:{n}: form {form!r} has no Arabic letter")
        toks = form.split(" ")
        if any(len(t) == 1 for t in toks):
            err(f"{path}:{n}: form {form!r} has a one-letter token (write the clitic on its word)")
        out.append(form)
    return out


def check_triggers(path):
    rows = read_tsv(path, ["category", "mode", "pos", "roles", "forms", "example"])
    per_cat = Counter()
    forms_n = 0
    where = defaultdict(list)
    for n, (cat, mode, pos, roles, forms, ex) in rows:
        if cat not in CATEGORIES:
            err(f"{path}:{n}: unknown category {cat!r}")
            continue
        if mode != "-" and mode not in MODES.get(cat, set()):
            err(f"{path}:{n}: mode {mode!r} is not a mode of {cat}")
        if pos not in POS:
            err(f"{path}:{n}: pos {pos!r} not in {sorted(POS)}")
        if roles not in ROLES:
            err(f"{path}:{n}: roles {roles!r} not in {sorted(ROLES)}")
        fs = check_forms(path, n, forms)
        if len(fs) != len(set(fs)):
            warn(f"{path}:{n}: repeated form in one row")
        if pos == "verb" and all(" " in x for x in fs):
            warn(f"{path}:{n}: pos verb but every form is multiword (light?)")
        for x in fs:
            where[x].append((cat, n))
        forms_n += len(fs)
        if not ARABIC.search(ex):
            err(f"{path}:{n}: example must be an Arabic sentence")
        per_cat[cat] += 1
    for cat in CATEGORIES:
        if not per_cat[cat]:
            err(f"{path}: no row for {cat}")
    cross = {f: v for f, v in where.items() if len({c for c, _ in v}) > 1}
    return {"rows": len(rows), "forms": forms_n, "per_category": dict(per_cat),
            "forms_in_several_categories": len(cross)}, cross


def check_cues(path):
    rows = read_tsv(path, ["cue", "kind", "forms", "note"])
    per_kind = Counter()
    forms_n = 0
    for n, (cue, kind, forms, note) in rows:
        if kind not in CUE_KINDS:
            err(f"{path}:{n}: unknown kind {kind!r}")
        if not cue:
            err(f"{path}:{n}: empty cue")
        # prefixes like سـ / بـ are cues too: allow a one-letter token only when it ends in tatweel-free form
        for form in forms.split("|"):
            if not form:
                err(f"{path}:{n}: empty form")
            elif TASHKEEL.sub("", form) != form and form not in ("سـ", "بـ", "لـ"):
                err(f"{path}:{n}: tashkeel/tatweel in form {form!r}")
            elif not ARABIC.search(form) and not (kind == "question" and form == "?"):
                err(f"{path}:{n}: form {form!r} has no Arabic letter")
        if kind == "casualty" and note.split()[0].rstrip(";,:") not in CASUALTY_NOTES:
            err(f"{path}:{n}: a casualty cue's note must start with one of {sorted(CASUALTY_NOTES)}")
        per_kind[kind] += 1
        forms_n += len(forms.split("|"))
    return {"rows": len(rows), "forms": forms_n, "per_kind": dict(per_kind)}


def valid_date(s):
    if not isinstance(s, str) or not DATE_RE.match(s):
        return False
    parts = [int(x) for x in s.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def valid_code(c):
    return isinstance(c, str) and (c in IGOS or re.fullmatch(r"[A-Z]{3}", c) is not None)


def check_gold(path, corpus_dir):
    g = json.load(open(path, encoding="utf-8"))
    if set(g) != {"about", "documents"}:
        err(f"{path}: top-level keys must be about, documents")
    ids = []
    n_ev = Counter()
    req = opt = 0
    for d in g.get("documents", []):
        did = d.get("id")
        ids.append(did)
        extra = set(d) - {"id", "published", "codes", "codes_optional", "events"}
        if extra:
            err(f"{path}: {did}: unknown keys {sorted(extra)}")
        pub = d.get("published")
        if isinstance(pub, list):
            if len(pub) != 2 or not all(valid_date(x) and len(x) == 10 for x in pub) or pub[0] > pub[1]:
                err(f"{path}: {did}: bad published range {pub}")
        elif not (valid_date(pub) and len(pub) == 10):
            err(f"{path}: {did}: bad published {pub!r}")
        for k in ("codes", "codes_optional"):
            for c in d.get(k, []):
                if not valid_code(c):
                    err(f"{path}: {did}: bad code {c!r} in {k}")
        if set(d.get("codes", [])) & set(d.get("codes_optional", [])):
            err(f"{path}: {did}: a code is both required and optional")
        allc = set(d.get("codes", [])) | set(d.get("codes_optional", []))
        if not d.get("events"):
            warn(f"{path}: {did}: no events")
        for i, e in enumerate(d.get("events", [])):
            tag = f"{path}: {did}: event {i}"
            extra = set(e) - {"type", "date", "participants", "location", "dead", "dead_alternatives",
                              "optional", "note"}
            if extra:
                err(f"{tag}: unknown keys {sorted(extra)}")
            t = e.get("type")
            ts = t if isinstance(t, list) else [t]
            if not ts or any(x not in CATEGORIES for x in ts):
                err(f"{tag}: bad type {t!r}")
            if "date" in e and not valid_date(e["date"]):
                err(f"{tag}: bad date {e['date']!r}")
            if "date" in e and isinstance(pub, str) and e["date"][:len(pub)] > pub and not e.get("optional"):
                warn(f"{tag}: date {e['date']} after publication {pub} (a planned event?)")
            ps = e.get("participants")
            if not isinstance(ps, list):
                err(f"{tag}: participants must be a list")
                ps = []
            for c in ps:
                if not valid_code(c):
                    err(f"{tag}: bad participant code {c!r}")
                elif c not in allc:
                    err(f"{tag}: participant {c} missing from the document's codes")
            if "dead" in e and not (isinstance(e["dead"], int) and e["dead"] >= 0):
                err(f"{tag}: dead must be a non-negative integer")
            if "dead_alternatives" in e:
                if "dead" not in e or not all(isinstance(x, int) for x in e["dead_alternatives"]):
                    err(f"{tag}: dead_alternatives needs dead and integers")
            if "optional" in e and e["optional"] is not True:
                err(f"{tag}: optional must be true when present")
            if not e.get("note"):
                err(f"{tag}: every event needs an English note")
            if e.get("optional"):
                opt += 1
            else:
                req += 1
            for x in ts[:1]:
                n_ev[x] += 0 if e.get("optional") else 1
    dup = [x for x, k in Counter(ids).items() if k > 1]
    if dup:
        err(f"{path}: duplicate ids {dup}")
    files = sorted(f[:-4] for f in os.listdir(corpus_dir) if f.endswith(".txt"))
    if sorted(ids) != files:
        err(f"{path}: ids {sorted(set(ids) ^ set(files))} do not match {corpus_dir}")
    return {"documents": len(ids), "required_events": req, "optional_events": opt,
            "required_by_first_type": dict(sorted(n_ev.items()))}


def check_corpus(corpus_dir, jsonl):
    words = {}
    for f in sorted(os.listdir(corpus_dir)):
        if not f.endswith(".txt"):
            continue
        if not re.fullmatch(r"\d\d_[a-z0-9-]+\.txt", f):
            err(f"{corpus_dir}/{f}: file name must be NN_short-topic.txt")
        text = open(os.path.join(corpus_dir, f), encoding="utf-8").read()
        lines = text.split("\n")
        if not lines[0].strip():
            err(f"{f}: first line must be the title")
        if "\n\n" not in text:
            err(f"{f}: paragraphs must be separated by blank lines")
        if "\r" in text:
            err(f"{f}: CR line endings")
        n = len(re.findall(r"\S+", "\n".join(lines[1:])))
        words[f[:-4]] = n
        if not 120 <= n <= 350:
            warn(f"{f}: {n} words in the body (want 120-350)")
    if os.path.exists(jsonl):
        seen = set()
        for k, line in enumerate(open(jsonl, encoding="utf-8"), 1):
            if not line.strip():
                continue
            o = json.loads(line)
            for key in ("id", "title", "text", "published", "source"):
                if key not in o:
                    err(f"{jsonl}:{k}: missing {key}")
            i = o.get("id")
            seen.add(i)
            p = os.path.join(corpus_dir, f"{i}.txt")
            if not os.path.exists(p):
                err(f"{jsonl}:{k}: no file for id {i}")
            elif open(p, encoding="utf-8").read() != o.get("text"):
                err(f"{jsonl}:{k}: text differs from {p} (rerun scripts/make_examples_jsonl.py)")
            elif o.get("title") != o["text"].split("\n", 1)[0].strip():
                err(f"{jsonl}:{k}: title is not the file's first line")
        if seen != set(words):
            err(f"{jsonl}: ids differ from the .txt files: {sorted(seen ^ set(words))}")
    else:
        err(f"{jsonl} missing")
    return {"files": len(words), "body_words_min": min(words.values(), default=0),
            "body_words_max": max(words.values(), default=0)}


def main():
    quiet = "--quiet" in sys.argv
    report = {}
    trig = os.path.join(ROOT, "data/events/triggers.tsv")
    cues = os.path.join(ROOT, "data/events/cues.tsv")
    gold = os.path.join(ROOT, "examples/gold.json")
    corpus = os.path.join(ROOT, "examples/corpus")
    jsonl = os.path.join(ROOT, "examples/corpus.jsonl")
    cross = {}
    if os.path.exists(trig):
        report["triggers"], cross = check_triggers(trig)
    else:
        err(f"{trig} missing")
    if os.path.exists(cues):
        report["cues"] = check_cues(cues)
    else:
        err(f"{cues} missing")
    if os.path.isdir(corpus):
        report["corpus"] = check_corpus(corpus, jsonl)
        if os.path.exists(gold):
            report["gold"] = check_gold(gold, corpus)
        else:
            err(f"{gold} missing")
    else:
        err(f"{corpus} missing")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if not quiet and cross:
        print(f"note: {len(cross)} forms appear under several categories (the extractor disambiguates):")
        for f, v in sorted(cross.items())[:40]:
            print(f"    {f}: " + ", ".join(f"{c}@{n}" for c, n in v))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
