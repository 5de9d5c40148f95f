#!/usr/bin/env python3
"""Generate data/kb/countries.tsv from country-names-ar (iso-codes + CLDR names).

Usage: python3 scripts/gen_countries.py [SHARED_DIR] > data/kb/countries.tsv

Only facts (names) are taken: for each state its ISO alpha-3 code, its English name and its
Arabic names. Nisba stems are derived by rule and then corrected/extended by the hand-written
tables below (press spellings, broken plurals), so the output is reproducible.
"""
import re
import sys
import unicodedata

SHARED = sys.argv[1] if len(sys.argv) > 1 else "../shared"
SRC = f"{SHARED}/arabic-data/country-names-ar/countries.tsv"

TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")

# Common English names where the ISO name is long-winded.
EN = {
    "BOL": "Bolivia", "COD": "DR Congo", "COG": "Republic of the Congo", "FSM": "Micronesia",
    "GBR": "United Kingdom", "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea",
    "LAO": "Laos", "MDA": "Moldova", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria",
    "TWN": "Taiwan", "TZA": "Tanzania", "USA": "United States", "VEN": "Venezuela",
    "VNM": "Vietnam", "VAT": "Vatican City", "BRN": "Brunei", "CIV": "Ivory Coast",
    "CZE": "Czech Republic", "MKD": "North Macedonia", "FLK": "Falkland Islands",
    "TUR": "Turkey", "CPV": "Cape Verde", "SWZ": "Eswatini",
}

# Press spellings and variants the standard tables lack.
EXTRA = {
    "USA": "الولايات المتحدة|الولايات المتحدة الأمريكية|الولايات المتحدة الأميركية|أمريكا|أميركا|واشنطن الرسمية",
    "RUS": "روسيا الاتحادية|روسيا|الاتحاد الروسي",
    "GBR": "بريطانيا|المملكة المتحدة|بريطانيا العظمى",
    "ARE": "الإمارات|الإمارات العربية المتحدة|دولة الإمارات",
    "SAU": "السعودية|المملكة العربية السعودية|المملكة السعودية",
    "SYR": "سوريا|سورية|الجمهورية العربية السورية",
    "IRN": "إيران|الجمهورية الإسلامية الإيرانية",
    "PSE": "فلسطين|دولة فلسطين|الأراضي الفلسطينية",
    "KOR": "كوريا الجنوبية",
    "PRK": "كوريا الشمالية",
    "AZE": "أذربيجان|أذربايجان|آذربيجان",
    "ARM": "أرمينيا|أرمينية",
    "TUR": "تركيا|تركية|الجمهورية التركية",
    "DEU": "ألمانيا",
    "CHN": "الصين|الصين الشعبية",
    "TWN": "تايوان",
    "CZE": "التشيك|تشيكيا|جمهورية التشيك",
    "CHE": "سويسرا",
    "NLD": "هولندا",
    "MKD": "مقدونيا الشمالية",
    "COD": "الكونغو الديمقراطية|جمهورية الكونغو الديمقراطية",
    "BLR": "بيلاروس|بيلاروسيا|روسيا البيضاء",
    "LBY": "ليبيا",
    "VAT": "الفاتيكان",
    "MAR": "المغرب|المملكة المغربية",
    "JOR": "الأردن|المملكة الأردنية الهاشمية",
    "DZA": "الجزائر",
    "GEO": "جورجيا",
    "MDA": "مولدوفا|مولدافيا",
    "KAZ": "كازاخستان|كازاخستان",
    "KGZ": "قيرغيزستان|قرغيزستان",
    "TJK": "طاجيكستان",
    "TKM": "تركمانستان",
    "UZB": "أوزبكستان",
    "UKR": "أوكرانيا",
    "YEM": "اليمن",
    "SOM": "الصومال",
    "SSD": "جنوب السودان",
    "VNM": "فيتنام",
    "IND": "الهند",
    "PAK": "باكستان",
    "AFG": "أفغانستان",
    "ISR": "إسرائيل",
    "EGY": "مصر|جمهورية مصر العربية",
    "IRQ": "العراق",
    "LBN": "لبنان",
    "BIH": "البوسنة والهرسك|البوسنة",
    "SRB": "صربيا",
    "ESP": "إسبانيا|أسبانيا",
    "AUT": "النمسا",
    "DNK": "الدنمارك|الدانمارك",
    "IRL": "أيرلندا|إيرلندا",
    "USA_": "",
}

# Nisba stems (masculine singular, without the article); the compiler inflects them.
NISBA = {
    "USA": "أمريكي|أميركي", "RUS": "روسي", "GBR": "بريطاني", "ARE": "إماراتي", "SAU": "سعودي",
    "AZE": "أذري|أذربيجاني|أذربايجاني|آذري", "ARM": "أرميني|أرمني", "TUR": "تركي", "FRA": "فرنسي",
    "DEU": "ألماني", "CHN": "صيني", "JPN": "ياباني", "IND": "هندي", "PAK": "باكستاني",
    "AFG": "أفغاني", "IRN": "إيراني", "IRQ": "عراقي", "SYR": "سوري", "LBN": "لبناني",
    "JOR": "أردني", "PSE": "فلسطيني", "ISR": "إسرائيلي", "EGY": "مصري", "LBY": "ليبي",
    "TUN": "تونسي", "DZA": "جزائري", "MAR": "مغربي", "MRT": "موريتاني", "SDN": "سوداني",
    "SOM": "صومالي", "YEM": "يمني", "OMN": "عماني", "QAT": "قطري",
    "KWT": "كويتي", "BHR": "بحريني", "UKR": "أوكراني", "GEO": "جورجي", "KAZ": "كازاخستاني|كازاخي",
    "UZB": "أوزبكستاني|أوزبكي", "TJK": "طاجيكستاني|طاجيكي", "KGZ": "قيرغيزستاني|قرغيزي|قيرغيزي",
    "TKM": "تركمانستاني|تركماني", "BLR": "بيلاروسي", "MDA": "مولدوفي", "POL": "بولندي",
    "CZE": "تشيكي", "SVK": "سلوفاكي", "HUN": "مجري|هنغاري", "ROU": "روماني", "BGR": "بلغاري",
    "SRB": "صربي", "HRV": "كرواتي", "BIH": "بوسني", "GRC": "يوناني", "CYP": "قبرصي",
    "ITA": "إيطالي", "ESP": "إسباني|أسباني", "PRT": "برتغالي", "NLD": "هولندي", "BEL": "بلجيكي",
    "CHE": "سويسري", "AUT": "نمساوي", "SWE": "سويدي", "NOR": "نرويجي", "DNK": "دنماركي",
    "FIN": "فنلندي", "IRL": "أيرلندي|إيرلندي", "CAN": "كندي", "MEX": "مكسيكي", "BRA": "برازيلي",
    "ARG": "أرجنتيني", "CHL": "تشيلي", "COL": "كولومبي", "VEN": "فنزويلي", "CUB": "كوبي",
    "AUS": "أسترالي|استرالي", "NZL": "نيوزيلندي", "KOR": "كوري جنوبي", "PRK": "كوري شمالي",
    "IDN": "إندونيسي", "MYS": "ماليزي", "THA": "تايلاندي", "VNM": "فيتنامي", "PHL": "فلبيني",
    "BGD": "بنغلاديشي", "LKA": "سريلانكي", "NPL": "نيبالي", "MMR": "ميانماري", "ETH": "إثيوبي",
    "ERI": "إريتري", "DJI": "جيبوتي", "KEN": "كيني", "NGA": "نيجيري", "NER": "نيجري",
    "MLI": "", "TCD": "تشادي", "SEN": "سنغالي", "COD": "كونغولي",
    "UGA": "أوغندي", "TZA": "تنزاني", "RWA": "رواندي", "GHA": "غاني", "CMR": "كاميروني",
    "EST": "إستوني", "LVA": "لاتفي", "LTU": "ليتواني", "SVN": "سلوفيني", "ALB": "ألباني",
    "MKD": "مقدوني", "MNE": "مونتينيغري", "ISL": "آيسلندي", "LUX": "لوكسمبورغي", "MLT": "مالطي",
    "VAT": "", "TWN": "تايواني", "MNG": "منغولي", "PER": "بيروفي", "ECU": "إكوادوري",
    "BOL": "بوليفي", "URY": "أوروغوايي", "PRY": "باراغوايي", "SSD": "", "ZAF": "", "NIC": "نيكاراغوي",
}

# Broken plurals and other forms matched as given (with the article where the press uses it).
PLURALS = {
    "RUS": "الروس", "ARM": "الأرمن", "TUR": "الأتراك", "USA": "الأمريكان|الأميركان",
    "GBR": "الإنجليز|الإنكليز", "DEU": "الألمان", "CHN": "الصينيون", "IND": "الهنود",
    "AFG": "الأفغان", "IRN": "الإيرانيون", "GRC": "اليونانيون", "ITA": "الطليان",
    "FRA": "الفرنسيون", "AZE": "الأذريون|الأذربيجانيون", "UKR": "الأوكرانيون",
    "JPN": "اليابانيون", "GEO": "الجورجيون", "KAZ": "الكازاخ", "UZB": "الأوزبك",
    "TJK": "الطاجيك", "TKM": "التركمان", "HUN": "المجريون", "SRB": "الصرب",
    "HRV": "الكروات", "BIH": "البوسنيون", "POL": "البولنديون",
}

# Nisbas that are ordinary words or names: never derived.
BAD_NISBA = {"مالي", "سامي", "مني", "عربي", "جنوبي", "شمالي", "غربي", "شرقي", "وطني", "بحري"}


def clean(s):
    s = TASHKEEL.sub("", s).strip()
    s = re.sub(r"\s+", " ", s)
    s = s.replace(" و ", " و")  # "البوسنة و الهرسك" -> "البوسنة والهرسك"
    return s


def split_names(cell):
    out = []
    for part in re.split(r"،|,| - |\|", cell or ""):
        part = part.strip()
        m = re.match(r"^(.*?)\s*\((.*)\)\s*$", part)
        if m:
            out += [m.group(1), m.group(2)]
        elif part:
            out.append(part)
    return [clean(p) for p in out if clean(p)]


def derive_nisba(name):
    if " " in name:
        return ""
    w = name[2:] if name.startswith("ال") else name
    w = TASHKEEL.sub("", w)
    if w.endswith("يا"):
        n = w[:-1]
    elif w.endswith("ا"):
        n = w[:-1] + "ي"
    elif w.endswith("ية"):
        n = w[:-1]
    elif w.endswith("ي") or w.endswith("ة"):
        return ""
    elif w.endswith("ستان"):
        n = w + "ي"
    else:
        n = w + "ي"
    if n in BAD_NISBA or len(n) <= 3:
        return ""
    return n


def main():
    rows = []
    with open(SRC, encoding="utf-8-sig") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            code = r["alpha3"]
            names = []
            for key in ("name_ar_cldr", "name_ar_isocodes", "cldr_alt_variants", "official_ar_isocodes"):
                for n in split_names(r.get(key, "")):
                    if n not in names:
                        names.append(n)
            for n in split_names(EXTRA.get(code, "")):
                if n not in names:
                    names.append(n)
            nisba = NISBA.get(code)
            if nisba is None:
                nisba = derive_nisba(names[0]) if names else ""
            en = EN.get(code) or r["name_en"].split(",")[0]
            rows.append((en, code, "|".join(names), nisba, PLURALS.get(code, "")))
    print("# source: country-names-ar (iso-codes 4.15 iso_3166-1 Arabic translations; Unicode CLDR 41 territory names), via scripts/gen_countries.py")
    print("# licence: iso-codes LGPL-2.1-or-later; CLDR Unicode License (Unicode-DFS-2016). Facts (names) only; press variants, nisba stems and plurals hand-added.")
    print("# columns: name_en, code (ISO 3166-1 alpha-3), names_ar (| variants), nisba stems (masc. sg., no article; the compiler inflects), plurals (matched as given)")
    print("name_en\tcode\tnames_ar\tnisba\tplurals")
    for r in rows:
        print("\t".join(r))


if __name__ == "__main__":
    main()
