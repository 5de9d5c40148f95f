#!/usr/bin/env bash
# Reproduce the README's accuracy table. Needs ../shared (the scorer, the seeds' gold, ANERcorp).
#   bash scripts/eval.sh
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared
[ -f "$S/eval/score.py" ] || { echo "../shared is absent: the scorer and the gold live there" >&2; exit 1; }
cargo build --release -q
H=./target/release/hadath
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
score() { python3 "$S/eval/score.py" events "$1" "$2" --json; }
row() { # name gold pred
  score "$2" "$3" | python3 scripts/eval_row.py "$1"
}
echo "| set | event P | event R | event F1 | TP/FP/FN | duplicates/TP | date acc. | dead acc. | actor-code F1 | publication day | place acc. (gold places matched) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
$H extract -q "$S/corpus/seeds" > "$T/seeds.txt.jsonl"
row "seeds, text only (.txt)" "$S/eval/gold/seeds.json" "$T/seeds.txt.jsonl"
python3 scripts/seeds_jsonl.py "$S/corpus/seeds" "$S/eval/gold/seeds.json" > "$T/seeds.jsonl"
$H extract -q "$T/seeds.jsonl" > "$T/seeds.pub.jsonl"
row "seeds, publication date as metadata" "$S/eval/gold/seeds.json" "$T/seeds.pub.jsonl"
$H extract -q examples/corpus.jsonl > "$T/ex.jsonl"
row "regression set (examples/, 27 articles)" examples/gold.json "$T/ex.jsonl"
$H extract -q examples/heldout/corpus.jsonl > "$T/ho.jsonl"
row "held-out set (examples/heldout/, 15 articles)" examples/heldout/gold.json "$T/ho.jsonl"
$H extract -q examples/heldout2/corpus.jsonl > "$T/ho2.jsonl"
row "fresh held-out set (examples/heldout2/, 15 articles)" examples/heldout2/gold.json "$T/ho2.jsonl"
if [ -d "$S/arabic-data/saudinewsnet" ]; then
  # Real articles (issue 14's development set): the gold is committed, the text read from ../shared.
  for set in dev blind; do
    python3 scripts/snn.py jsonl "examples/snn/$set.json" > "$T/snn-$set.in.jsonl"
    $H extract -q "$T/snn-$set.in.jsonl" > "$T/snn-$set.out.jsonl"
  done
  row "SaudiNewsNet dev (examples/snn/dev.json, 44 real articles)" examples/snn/dev.json "$T/snn-dev.out.jsonl"
  row "SaudiNewsNet blind (examples/snn/blind.json, 22 real articles)" examples/snn/blind.json "$T/snn-blind.out.jsonl"
  echo
  echo "Direction, spurious tolls and places on the real articles:"
  for set in dev blind; do
    python3 "$S/eval/score.py" events "examples/snn/$set.json" "$T/snn-$set.out.jsonl" --json \
      | python3 -c "import json,sys; d=json.load(sys.stdin); print('$set', {k: d.get(k) for k in ('direction_accuracy', 'dead_spurious', 'place_accuracy')})"
  done
fi
echo
echo "Direction and places on our own sets:"
for pair in "regression:examples/gold.json:$T/ex.jsonl" "held-out:examples/heldout/gold.json:$T/ho.jsonl" "fresh held-out:examples/heldout2/gold.json:$T/ho2.jsonl"; do
  IFS=: read -r name gold pred <<< "$pair"
  python3 "$S/eval/score.py" events "$gold" "$pred" --json \
    | python3 -c "import json,sys; d=json.load(sys.stdin); print('$name', {k: d.get(k) for k in ('direction_accuracy', 'dead_spurious', 'place_accuracy')})"
done
echo
echo "ANERcorp test split (score.py ner, exact spans), the whole pipeline's entities:"
python3 "$S/eval/score.py" conll2jsonl "$S/arabic-data/anercorp/ANERCorp.txt" --part test > "$T/aner.in.jsonl"
$H extract -q "$T/aner.in.jsonl" > "$T/aner.out.jsonl" 2>/dev/null || true   # 3 sentences are only punctuation: skipped
python3 "$S/eval/score.py" ner "$S/arabic-data/anercorp/ANERCorp.txt" "$T/aner.out.jsonl" --part test
