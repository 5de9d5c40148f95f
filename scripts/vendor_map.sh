#!/usr/bin/env bash
# Vendors the web view's map libraries and base layer into crates/hadath-server/assets/vendor/
# from npm, at pinned versions, each with its licence: Leaflet (BSD-2-Clause), topojson-client
# (ISC) and world-atlas (ISC packaging of Natural Earth's public-domain country outlines).
# `npm pack` checks each tarball against the registry's sha512 integrity, printed below and kept in
# vendor/README.md. The page fetches nothing else: no tiles, no fonts, no CDN.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/crates/hadath-server/assets/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for spec in leaflet@1.9.4 topojson-client@3.1.0 world-atlas@2.0.2; do
  npm pack --silent "$spec" >/dev/null
  echo "$spec $(npm view "$spec" dist.integrity)"
done
for t in *.tgz; do mkdir -p "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done
mkdir -p "$dest"
cp leaflet-1.9.4/package/dist/leaflet.js leaflet-1.9.4/package/dist/leaflet.css "$dest/"
cp leaflet-1.9.4/package/LICENSE "$dest/LICENSE-leaflet.txt"
cp topojson-client-3.1.0/package/dist/topojson-client.min.js "$dest/"
cp topojson-client-3.1.0/package/LICENSE "$dest/LICENSE-topojson-client.txt"
cp world-atlas-2.0.2/package/countries-50m.json "$dest/"
cp world-atlas-2.0.2/package/LICENSE "$dest/LICENSE-world-atlas.txt"
sha256sum "$dest"/*.js "$dest"/*.css "$dest"/*.json | sed "s|$dest/||"
