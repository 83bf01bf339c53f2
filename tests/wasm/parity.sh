#!/usr/bin/env bash
# CTest's wasm.parity: the static engine (wasm/, run in Node.js) answers exactly what the
# server and the CLI answer, on the sample blog's index exported by `clubsearch
# export-static` (parity.mjs says how it compares).
#
#   tests/wasm/parity.sh CLUBSEARCH SOURCE_DIR
#
# The engine is the one export-static finds beside CLUBSEARCH (the clubsearch_engine
# target puts it there); without it the test is skipped (exit 77).
set -euo pipefail

[[ $# -eq 2 ]] || {
  echo "usage: $0 CLUBSEARCH SOURCE_DIR" >&2
  exit 2
}
clubsearch=$1
source_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
engine_dir=$(dirname "$clubsearch")
if [[ ! -f $engine_dir/clubsearch-engine.js || ! -f $engine_dir/clubsearch-engine.wasm ]]; then
  echo "wasm.parity: skipped: no clubsearch-engine.js and .wasm beside $clubsearch (configure with -DCLUBSEARCH_WASM=ON)"
  exit 77
fi
command -v node >/dev/null || {
  echo "wasm.parity FAILED: node is not installed (the Debian package nodejs; quickstart.sh installs it)" >&2
  exit 1
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-parity.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# Nothing of the machine's own set-up: no config file, no index of the user's.
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data
unset CLUBSEARCH_DB CLUBSEARCH_REINDEX_TOKEN CLUBSEARCH_FAULT_POINT NO_COLOR
mkdir -p "$HOME" "$scratch/cwd"
cd "$scratch/cwd"

"$clubsearch" --db "$scratch/db" index "$source_dir/data" --quiet --as-of 2026-11-25
"$clubsearch" --db "$scratch/db" export-static "$scratch/static"
# A second export of the same revision rewrites nothing.
again=$("$clubsearch" --db "$scratch/db" export-static "$scratch/static")
[[ $again == *"is up to date"* ]] || {
  echo "wasm.parity FAILED: a second export-static rewrote files: $again" >&2
  exit 1
}

node "$here/parity.mjs" --clubsearch "$clubsearch" --db "$scratch/db" \
  --static "$scratch/static" --queries "$source_dir/bench/queries.txt" \
  --relevance "$source_dir/tests/relevance/queries.toml"
