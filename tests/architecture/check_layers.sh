#!/usr/bin/env bash
# CTest's architecture: the one-way flow ARCHITECTURE.md describes, checked on the code
# and on the programs built from it.
#
#   tests/architecture/check_layers.sh SOURCE_DIR READER_BINARY…
#
# 1. Includes: each folder includes only from the folders below it in the flow
#    (schemas → index → indexer / query → api → page → web / wasm → cli).
# 2. Links: the programs that read an index without writing one (clubsearch, whose
#    `index` command becomes clubsearch-index; clubsearch-serve; the query benchmark)
#    load none of the indexer's parsers (cmark, yaml-cpp, ICU, libpsl).
set -euo pipefail

[[ $# -ge 2 ]] || {
  echo "usage: $0 SOURCE_DIR READER_BINARY..." >&2
  exit 2
}
source_dir=$1
shift
failures=0

fail() {
  echo "architecture: $*" >&2
  failures=$((failures + 1))
}

# Folder → the project folders it may include from.
declare -A allowed=(
  [schemas]="schemas"
  [index]="schemas index"
  [indexer]="schemas index indexer"
  [query]="schemas index query"
  [api]="schemas index query api"
  [page]="schemas index query api page"
  [web]="schemas index query api page web"
  [wasm]="schemas index query api page wasm"
)
for folder in "${!allowed[@]}"; do
  while IFS=: read -r file line include; do
    target=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$include")
    [[ " ${allowed[$folder]} " == *" $target "* ]] ||
      fail "$folder/ may not include $target/: ${file#"$source_dir"/}:$line: $include"
  done < <(grep -rnE '^#include "[a-z_]+/' "$source_dir/$folder" --include='*.h' --include='*.cpp' || true)
done

for binary in "$@"; do
  [[ -x $binary ]] || {
    fail "no program at $binary"
    continue
  }
  for library in libcmark libyaml-cpp libicuuc libicui18n libpsl; do
    if ldd "$binary" | grep -q "$library"; then
      fail "$(basename "$binary") loads $library, a library of the indexer's parsers"
    fi
  done
done

if ((failures > 0)); then
  echo "architecture: $failures problem(s)" >&2
  exit 1
fi
echo "architecture: the flow is one-way, and readers load no parser"
