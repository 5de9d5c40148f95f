#!/usr/bin/env python3
"""Generate data/kb/cities.tsv from world-cities-ar (Wikidata labels via
github.com/jamsshhayd/world-cities-translations, CC BY 4.0).

Usage: python3 scripts/gen_cities.py [SHARED_DIR] > data/kb/cities.tsv

Filtering (the source is noisy): strip administrative prefixes (ولاية، محافظة، مدينة، بلدية،
مقاطعة), drop labels that are not place names (Latin letters, more than three words, words such as
جماعة/نادي), drop names that are common Arabic words or given names (the stopword list of
crates/hadath-lexicon/src/compile.rs plus the list below), names equal to a state name, names of
two letters or less, and towns under MIN_POP; of two cities with one name the larger is kept.
Outside the Arab world, a one-word name of a town under 1-2 million is also dropped when it reads
as something commoner (the frequencies of data/ner/wordfreq-ar.tsv): a common noun once the article
or a possessive is added (صحراء، طيور، انقسام), a common word after a clitic letter (بوجه = ب + وجه,
بوكان = ب + وكان), or a person's name of the crate's name lists (هاميلتون، لينكولن).
"""
import json
import re
import sys

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared"
SRC = f"{SHARED}/arabic-data/world-cities-ar/world-cities.jsonl"
COUNTRIES = f"{SHARED}/arabic-data/country-names-ar/countries.tsv"
OURS = "data/kb/countries.tsv"
MIN_POP = 100000

TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
PREFIXES = ("ولاية ", "منطقة ", "محافظة ", "مدينة ", "بلدية ", "مقاطعة ", "إمارة ", "قضاء ", "ناحية ")
NOT_PLACE = ("جماعة", "نادي", "فريق", "حزب", "شركة", "جامعة", "مجلس", "منطقة", "إقليم", "جزيرة", "نهر", "جبل",
             "مطار", "ميناء", "دائرة", "مركز", "كرة", "قائمة")
# Given names and common words that are also town names somewhere (folded forms).
COMMON = set("""
فرح عباس حسن حسين علي عمر سعيد كريم جميل منصور ناصر نصر امل نور سلام رحمه بركه حمزه مريم فاطمه زينب
يوسف موسي عيسي ابراهيم اسماعيل اسحاق يعقوب داود سليمان ادم نوح هود صالح شعيب لوط محمود خليل ماجد سلطان
عثمان بكر طارق زياد وليد هشام هاني سامي رامي فادي شادي نبيل عادل جمال كمال فيصل فهد خالد سعد راشد حمد
قاسم هاشم عزيز رشيد مجيد حميد فريد سعاد ليلي سلمي هدي منى ريم دنيا هند مالك ملك شريف امين حكيم رحيم
عدن سيناء الطور الحسكه الرقه حماه ادلب تل كفر قريه عين بئر دير باب دار سوق جسر حصن قلعه برج راس نبع بحر
ماري اولا وسط شرق غرب جنوب شمال الوسطي الشرقيه الغربيه الجنوبيه الشماليه سيدي ابو ام بني بن بنت اخ
العين المدينه العاصمه الخليل الكرك الزرقاء الشارقه دبي عجمان قطر صور صيدا زحله طرابلس جبيل
موريتانيا تشاد النيجر مالي
""".split())
COMMON -= {"عدن", "دبي", "الشارقه", "عجمان", "الخليل", "طرابلس", "صيدا", "صور", "زحله", "جبيل", "حماه", "ادلب", "الحسكه", "الرقه", "الكرك", "الزرقاء"}
COMMON |= set("انسان كاليفورنيا بورصه بورصة الخمس الزاويه معرفه سولانا دراس بيرا اراد القائم سيرجي نانسي بلد سلامه القوقاز ماري جون جوزيف بول بيتر مارك ميشيل ديفيد دانيال اندرو مايكل روبرت ريتشارد توماس هنري لويس شارل فيكتوريا اليزابيث ايفان اوليغ ايغور بوريس سيرجيو كارلوس خوان خوسيه ماريا انا صوفيا اولغا تيريزا فرانسيس الكسندر الكسندريا سان سانتا".split())
COMMON |= set("انثي ذكر غابه جورج هور تور الست بدر طاهر مسعد جان روسه جوهر مينا ليرا كيل اوس شين هاله بابل سنط طريف صافي سيرا بازو مايا ميلا يارا نيكي مورا فوره باري".split())
# Important places the source lacks or labels oddly (facts: name, country, rough population).
EXTRA = [
    ("London", "GBR", "لندن", 9000000), ("Prague", "CZE", "براغ|براغا", 1300000), ("Kyiv", "UKR", "كييف", 2900000),
    ("Sanaa", "YEM", "صنعاء", 2500000), ("New Delhi", "IND", "نيودلهي|نيو دلهي", 250000), ("Kabul", "AFG", "كابول", 4000000),
    ("Bishkek", "KGZ", "بشكيك", 1000000), ("Mosul", "IRQ", "الموصل", 1500000), ("Riyadh", "SAU", "الرياض", 7000000),
    ("Stepanakert", "AZE", "ستيباناكيرت|ستيبانكيرت|خانكندي", 55000), ("Shusha", "AZE", "شوشا|شوشي", 4000),
    ("Abu Dhabi", "ARE", "أبوظبي|أبو ظبي", 1500000), ("Geneva", "CHE", "جنيف", 200000),
]
# Ambiguous between a city and a common word / other sense even so: keep out.
COMMON |= {"صور", "العين", "المدينه"}


def fold(s):
    s = TASHKEEL.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه")):
        s = s.replace(a, b)
    return " ".join(s.split())


ARAB = set("ARE BHR COM DJI DZA EGY IRQ JOR KWT LBN LBY MAR MRT OMN PSE QAT SAU SDN SOM SYR TUN YEM".split())
COMMON_CB = 560  # centibels: a word written more often than 10^-5.6


def word_freqs():
    """Folded word -> centibels (smaller is commoner), from the crate's wordfreq extract."""
    out = {}
    try:
        for line in open("data/ner/wordfreq-ar.tsv", encoding="utf-8"):
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) >= 2 and c[1].isdigit():
                w = fold(c[0])
                out[w] = min(out.get(w, 9999), int(c[1]))
    except OSError:
        pass
    return out


def person_words():
    out = set()
    for name in ("given-names-foreign", "given-names-arabic", "surnames"):
        try:
            for line in open(f"data/ner/{name}.txt", encoding="utf-8"):
                if not line.startswith("#"):
                    out.update(fold(w) for w in line.split())
        except OSError:
            pass
    return out


def reads_as_other(key, pop, code, wf, persons):
    """Why a one-word town name outside the Arab world is more likely another word, or None."""
    if " " in key or code in ARAB or pop >= 2000000:
        return None
    cb = wf.get(key, 9999)
    if key.startswith("ال"):
        forms = [key[2:]]
    else:
        forms = ["ال" + key, key + "ه", key + "ها", key + "هم"]
        if key.endswith("ه"):
            forms += [key[:-1] + "ته", key[:-1] + "تها"]
    other = min(wf.get(f, 9999) for f in forms)
    if other <= COMMON_CB and other < cb:
        return "common noun"
    if len(key) > 3 and key[0] in "بولفك":
        rest = wf.get(key[1:], 9999)
        if rest <= COMMON_CB and rest < cb:
            return "clitic + common word"
    if key in persons and pop < 1000000:
        return "person's name"
    return None


def stopwords():
    try:
        src = open("crates/hadath-lexicon/src/compile.rs", encoding="utf-8").read()
    except OSError:
        return set()
    m = re.search(r"pub const STOPWORDS: &\[&str\] = &\[(.*?)\];", src, re.S)
    return set(re.findall(r'"([^"]+)"', m.group(1))) if m else set()


def main():
    stop = stopwords() | COMMON
    code_of, state_names = {}, set()
    with open(COUNTRIES, encoding="utf-8-sig") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            code_of[r["name_en"]] = r["alpha3"]
            code_of[r["name_en"].split(",")[0]] = r["alpha3"]
            state_names.add(fold(r["name_ar_cldr"]))
    try:
        for line in open(OURS, encoding="utf-8"):
            if line.startswith("#") or line.startswith("name_en"):
                continue
            c = line.rstrip("\n").split("\t")
            code_of[c[0]] = c[1]
            for n in c[2].split("|"):
                state_names.add(fold(n))
    except OSError:
        pass
    code_of.update({"United States": "USA", "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "South Korea": "KOR",
                    "North Korea": "PRK", "Vietnam": "VNM", "Venezuela": "VEN", "Bolivia": "BOL", "Tanzania": "TZA",
                    "Taiwan": "TWN", "Laos": "LAO", "Moldova": "MDA", "Czech Republic": "CZE", "Palestine": "PSE",
                    "Macedonia": "MKD", "Ivory Coast": "CIV", "Democratic Republic of the Congo": "COD",
                    "Republic of the Congo": "COG", "Brunei": "BRN", "Turkey": "TUR", "Kosovo": "XKX",
                    "Cape Verde": "CPV", "Swaziland": "SWZ", "East Timor": "TLS", "Micronesia": "FSM",
                    "Vatican City": "VAT", "Hong Kong": "HKG", "Macau": "MAC", "Curacao": "CUW",
                    "Palestinian Territory": "PSE", "Palestinian Territory Occupied": "PSE", "United Kingdom": "GBR"})
    # Words of people's names (given names, surnames) are not city names here.
    try:
        for line in open("data/kb/people.tsv", encoding="utf-8"):
            if line.startswith("#") or line.startswith("name_en"):
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) >= 6:
                for n in c[5].split("|"):
                    stop.update(fold(n).split())
    except OSError:
        pass
    wf, persons = word_freqs(), person_words()
    best = {}
    skipped = 0
    for line in open(SRC, encoding="utf-8-sig"):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        r = json.loads(line)
        code = code_of.get(r.get("Country") or "")
        pop = int(r.get("Population") or 0)
        ar = TASHKEEL.sub("", (r.get("CityNameAr") or "").strip())
        ar = re.sub(r"\s*\(.*?\)\s*", " ", ar).strip()
        for p in PREFIXES:
            if ar.startswith(p):
                ar = ar[len(p):].strip()
        key = fold(ar)
        if (not code or code == "XKX" or pop < MIN_POP or not ar or re.search(r"[A-Za-z0-9,،]", ar)
                or len(ar.split()) > 3 or any(w in ar.split() for w in NOT_PLACE)
                or len(key.replace(" ", "")) <= 2 or key in stop or key in state_names
                or (key.startswith("ال") and key[2:] in stop)):
            skipped += 1
            continue
        en = (r.get("CityNameEn") or "").strip()
        if len(key.replace(" ", "")) <= 3 and pop < 300000:
            skipped += 1
            continue
        if reads_as_other(key, pop, code, wf, persons):
            skipped += 1
            continue
        if key not in best or pop > best[key][3]:
            best[key] = (en, code, ar, pop)
    for en, code, ar, pop in EXTRA:
        key = fold(ar.split("|")[0])
        best[key] = (en, code, ar, pop)
    print("# source: world-cities-ar = github.com/jamsshhayd/world-cities-translations (commit 4f746eb), Data/world-cities.jsonl: city names from Wikidata, via scripts/gen_cities.py")
    print("# licence: CC BY 4.0, (c) jamsshhayd/world-cities-translations contributors; underlying Wikidata labels CC0. Filtered and prefix-stripped (population >= %d, common words and state names dropped)." % MIN_POP)
    print("name_en\tcode\tnames_ar\tpopulation")
    for key, (en, code, ar, pop) in sorted(best.items(), key=lambda kv: (-kv[1][3], kv[0])):
        print(f"{en}\t{code}\t{ar}\t{pop}")
    print(f"kept {len(best)}, skipped {skipped}", file=sys.stderr)


if __name__ == "__main__":
    main()
