#!/usr/bin/env bash
# The Python package's checks, run by .ci/run on a fresh machine: a virtual environment with the
# package built from this checkout (`pip install ./python`), the pytest suite, and the Spark
# tests in local mode (pyspark from PyPI, Java from Debian's default-jre-headless when absent).
# The tests compare with the hadath binary, built here first.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "python/ci.sh: need root to run: $*" >&2; return 1; fi
}
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! command -v java >/dev/null 2>&1; then
  echo "-- no java: installing default-jre-headless"
  apt_install default-jre-headless
fi
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  echo "-- no venv module: installing python3-venv"
  apt_install python3-venv
fi

cargo build --release -q -p hadath-cli
venv=target/python-ci-venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
echo "-- pip install ./python (builds the native module with maturin)"
"$venv/bin/pip" install -q ./python pytest pandas polars duckdb pyspark mypy
"$venv/bin/python" -c "import hadath; print('hadath', hadath.__version__, hadath.extract('قصفت الطائرات مواقع في إدلب أمس', published='2020-02-27')['events'][0]['type'])"

echo "-- pytest (the CLI comparison and Spark are required here, never skipped)"
set +e
HADATH_BIN="$PWD/target/release/hadath" HADATH_REQUIRE_CLI=1 HADATH_REQUIRE_SPARK=1 \
  "$venv/bin/python" -m pytest python/tests -q -p no:cacheprovider -rs
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "python/ci.sh: pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$rc"
