#!/usr/bin/env python3
"""Validate the hand-written knowledge-base TSV files under data/kb/.

Checks: provenance lines, header row, column counts, codes (ISO 3166-1 alpha-3 shape or an IGO
code), offices and kinds, ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) with from <= to, no tashkeel or
tatweel, no duplicate rows, no duplicate names inside a row, and warns about single-word names that
the lexicon compiler would refuse as stopwords (read from crates/hadath-lexicon/src/compile.rs when
present). Exit status 1 when any error is found.

usage: python3 scripts/check_kb.py [data/kb]
"""
import os
import re
import sys
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "kb")

IGO_CODES = {"UN", "EU", "NATO", "GCC", "AL", "OIC", "AU", "CSTO", "OSCE", "SCO", "OPEC", "IAEA",
             "ICRC", "WHO", "ASEAN", "IMF", "WB"}
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
           "interior_minister", "igo_head", "envoy", "military_chief", "party_leader",
           "group_leader", "speaker", "other"}
ORG_KINDS = {"igo", "igo_organ", "ministry", "government", "military", "security", "party",
             "armed_group", "media", "court", "company", "ngo", "other"}
REGION_KINDS = {"region", "disputed", "sea", "strait", "corridor", "province"}

SPECS = {
    "people": (["name_en", "code", "office", "from", "to", "names_ar"], {"from", "to"}),
    "orgs": (["name_en", "code", "kind", "names_ar"], {"code"}),
    "regions": (["name_en", "code", "kind", "names_ar"], {"code", "kind"}),
    "metonyms": (["code", "names_ar", "note"], {"note"}),
    "titles": (["office", "names_ar"], set()),
}

TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
CODE = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ARABIC = re.compile("[\u0600-\u06ff]")


def fold(s):
    """A rough copy of hadath_text::fold_key, enough to compare against the stopword list."""
    s = TASHKEEL.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه")
    return " ".join(s.split())


def load_stopwords():
    path = os.path.join(ROOT, "crates", "hadath-lexicon", "src", "compile.rs")
    try:
        src = open(path, encoding="utf-8").read()
    except OSError:
        return set()
    m = re.search(r"STOPWORDS: &\[&str\] = &\[(.*?)\];", src, re.S)
    return set(re.findall(r'"([^"]*)"', m.group(1))) if m else set()


def parse_date(s, end):
    m = DATE.match(s)
    if not m:
        raise ValueError(f"bad date {s!r}")
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if m.group(3):
        d = int(m.group(3))
        date(y, mo, d)  # raises on a day that does not exist
    else:
        date(y, mo, 1)
        d = 31 if end else 1
    return (y, mo, d)


def check_file(stem, errors, warnings, stop):
    cols, optional = SPECS[stem]
    path = os.path.join(KB, stem + ".tsv")
    if not os.path.exists(path):
        errors.append(f"{path}: missing")
        return 0
    lines = open(path, encoding="utf-8").read().split("\n")
    if not (lines and lines[0].startswith("# source:")):
        errors.append(f"{path}:1: first line should be '# source: ...'")
    if not (len(lines) > 1 and lines[1].startswith("# licence:")):
        errors.append(f"{path}:2: second line should be '# licence: ...'")
    header = False
    seen_rows = {}
    rows = 0
    for n, line in enumerate(lines, 1):
        where = f"{path}:{n}"
        if line.endswith("\r"):
            errors.append(f"{where}: CR line ending")
            line = line[:-1]
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header:
            header = True
            if cells != cols:
                errors.append(f"{where}: header should be {cols}, found {cells}")
            continue
        if len(cells) != len(cols):
            errors.append(f"{where}: {len(cells)} columns, want {len(cols)}: {line!r}")
            continue
        rows += 1
        row = dict(zip(cols, cells))
        for c in cols:
            if not row[c] and c not in optional:
                errors.append(f"{where}: column {c} is empty")
        if TASHKEEL.search(line):
            errors.append(f"{where}: tashkeel or tatweel in {line!r}")
        key = "\t".join(cells)
        if key in seen_rows:
            errors.append(f"{where}: duplicate of line {seen_rows[key]}")
        seen_rows.setdefault(key, n)
        code = row.get("code", "")
        if code and not (CODE.match(code) or code in IGO_CODES):
            errors.append(f"{where}: bad code {code!r}")
        if stem in ("people", "titles") and row["office"] not in OFFICES:
            errors.append(f"{where}: unknown office {row['office']!r}")
        if stem == "orgs" and row["kind"] not in ORG_KINDS:
            errors.append(f"{where}: unknown org kind {row['kind']!r}")
        if stem == "regions" and row["kind"] and row["kind"] not in REGION_KINDS:
            errors.append(f"{where}: unknown region kind {row['kind']!r}")
        if stem == "people":
            try:
                f = parse_date(row["from"], False) if row["from"] else None
                t = parse_date(row["to"], True) if row["to"] else None
                if f and t and t < f:
                    errors.append(f"{where}: term ends before it starts")
                if f and f > (2026, 12, 31):
                    errors.append(f"{where}: term starts in the future")
            except ValueError as e:
                errors.append(f"{where}: {e}")
        names = [x.strip() for x in row["names_ar"].split("|")]
        if any(not x for x in names):
            errors.append(f"{where}: empty name between '|'")
        folded = [fold(x) for x in names if x]
        dup = {x for x in folded if folded.count(x) > 1}
        if dup:
            warnings.append(f"{where}: names repeated after folding: {sorted(dup)}")
        for x in names:
            if x and not ARABIC.search(x):
                errors.append(f"{where}: name {x!r} has no Arabic letter")
            fx = fold(x)
            if stem != "titles" and " " not in fx and fx in stop:
                warnings.append(f"{where}: single-word name {x!r} is a compiler stopword (ignored)")
    if not header:
        errors.append(f"{path}: no header row")
    if stem == "people":
        check_overlaps(path, lines, warnings)
    return rows


UNIQUE_OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                  "interior_minister", "military_chief", "speaker", "igo_head"}


def check_overlaps(path, lines, warnings):
    """Warn when two different people hold one unique office of one code at the same time
    (up to a month of overlap is tolerated: handovers, and YYYY-MM dates)."""
    terms = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("name_en\t"):
            continue
        c = [x.strip() for x in line.split("\t")]
        if len(c) != 6 or c[2] not in UNIQUE_OFFICES:
            continue
        try:
            f = date(*parse_date(c[3], False)) if c[3] else date(1900, 1, 1)
            t = date(*parse_date(c[4], True)) if c[4] else date(2100, 1, 1)
        except ValueError:
            continue
        terms.setdefault((c[1], c[2]), []).append((f, t, c[0], n))
    for (code, office), ts in sorted(terms.items()):
        ts.sort()
        for i in range(len(ts)):
            for j in range(i + 1, len(ts)):
                a, b = ts[i], ts[j]
                if a[2] == b[2]:
                    continue
                overlap = (min(a[1], b[1]) - max(a[0], b[0])).days
                if overlap > 31:
                    warnings.append(f"{path}:{b[3]}: {office} {code}: {b[2]} overlaps {a[2]} "
                                    f"(line {a[3]}) by {overlap} days")


def main():
    errors, warnings = [], []
    stop = load_stopwords()
    counts = {stem: check_file(stem, errors, warnings, stop) for stem in SPECS}
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("rows:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
