#!/usr/bin/env bash
# End-to-end test of the web view: `hadath serve` over the seeds' store, driven in Debian's
# headless Chromium by playwright-core (test tooling only; the page itself needs no npm package).
# Installs what it needs (chromium, Arabic fonts, the pinned playwright-core), then runs test.mjs,
# which saves docs/screenshots/*.png. Called by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
echo "== web view end to end (headless Chromium)"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q "Noto Naskh Arabic"; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium fonts-noto-core fonts-dejavu-core >/dev/null
fi

(cd "$here" && npm ci --no-audit --no-fund --silent)
# The binary under test (a no-op when .ci/run's release build is current).
(cd "$root" && cargo build --release -q -p hadath-cli)
cd "$here"
HADATH_BIN="$root/target/release/hadath" node --test test.mjs map.test.mjs
