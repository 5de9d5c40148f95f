#!/usr/bin/env python3
"""Generate crates/hadath-server/assets/country-numeric.json: ISO 3166-1 numeric code -> alpha-3.

The map's country outlines (Natural Earth via world-atlas) are keyed by the numeric code; the
store's places by the alpha-3 code of their country. The codes are facts, read from Debian's
iso-codes package (apt-get install iso-codes).

Usage: python3 scripts/gen_country_numeric.py > crates/hadath-server/assets/country-numeric.json
"""
import json
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_3166-1.json"
codes = {c["numeric"]: c["alpha_3"] for c in json.load(open(SRC, encoding="utf-8"))["3166-1"]}
print(json.dumps(dict(sorted(codes.items())), separators=(",", ":")))
