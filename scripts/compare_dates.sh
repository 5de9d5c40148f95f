#!/usr/bin/env bash
# Compare hadath's date resolution on the seed mentions with dateparser (pip) and chrono-node's
# Arabic locale (npm), installed in a temporary directory. Usage: scripts/compare_dates.sh [--details]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet dateparser
(cd "$tmp" && npm install --silent --no-save --prefix "$tmp" chrono-node@2 >/dev/null 2>&1)
"$tmp/venv/bin/python" -c 'import dateparser; print("dateparser", dateparser.__version__)'
node -e "console.log('chrono-node', require('$tmp/node_modules/chrono-node/package.json').version)"
cd "$root"
cargo build -q --release -p hadath-time --example timexes
"$tmp/venv/bin/python" "$root/scripts/compare_dates.py" --node-dir "$tmp" "$@"
