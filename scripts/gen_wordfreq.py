#!/usr/bin/env python3
"""Write data/ner/wordfreq-ar.tsv: Arabic word frequencies from the wordfreq package's
"large" Arabic list, for the name tagger's common-word features.

    pip install wordfreq          # brings msgpack and the data file
    python3 scripts/gen_wordfreq.py > data/ner/wordfreq-ar.tsv

wordfreq stores its lists as gzipped msgpack: a header, then one list of words per
centibel of frequency (index i holds the words of frequency about 10^(-i/100)). Only words
written wholly in Arabic letters are kept, down to MAX_CB.
"""
import gzip
import os
import sys

from importlib.metadata import version
from importlib.util import find_spec

import msgpack

MAX_CB = 720  # frequency >= 10^-7.2: about 200k Arabic words

# Located without importing wordfreq (which needs more packages than this script does).
pkg = os.path.dirname(find_spec("wordfreq").origin)
path = os.path.join(pkg, "data", "large_ar.msgpack.gz")
with gzip.open(path) as f:
    data = msgpack.unpackb(f.read(), raw=False)

def arabic(w):
    return all("\u0621" <= c <= "\u064a" or c in "\u0671\u067e\u0686\u06a4\u06af\u06cc" for c in w)

print(f"# source: wordfreq {version('wordfreq')} (github.com/rspeer/wordfreq), large_ar list, via scripts/gen_wordfreq.py: Arabic-letter words with frequency >= 10^-{MAX_CB / 100}")
print("# licence: wordfreq's data is CC BY-SA 4.0 (c) Robyn Speer and contributors; built from Wikipedia, OpenSubtitles, news, web and other corpora (see wordfreq's README)")
print("# columns: word, centibels (frequency = 10^(-cb/100); smaller is more common)")
for cb, words in enumerate(data[1:]):
    if cb > MAX_CB:
        break
    for w in sorted(words):
        if arabic(w):
            print(f"{w}\t{cb}")
