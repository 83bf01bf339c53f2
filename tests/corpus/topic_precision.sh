#!/usr/bin/env bash
# Indexes every blog of a corpus folder with a given clubsearch and scores the topics of
# the entries labelled in tests/relevance/topic_labels.toml (tests/corpus/topic_precision.py).
#
#   tests/corpus/topic_precision.sh [--clubsearch BIN] [--dump BIN] [--check] [--misses] [CORPUS_DIR]
#
# BIN defaults to build/cli/clubsearch (give an older build's binary to compare; the
# clubsearch-index beside it works too); CORPUS_DIR to ../shared/corpus. --check fails
# (exit 1) under a precision of 0.9; a missing corpus then skips (exit 77).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
clubsearch="$root/build/cli/clubsearch"
dump="$root/build/tests/dump_records"
flags=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --clubsearch) clubsearch="$2"; shift 2 ;;
    --dump) dump="$2"; shift 2 ;;
    --check|--misses) flags+=("$1"); shift ;;
    *) break ;;
  esac
done
corpus="${1:-$root/../shared/corpus}"
if [[ ! -d "$corpus" ]]; then
  echo "topic_precision.sh: no corpus at $corpus" >&2
  [[ " ${flags[*]-} " == *" --check "* ]] && exit 77
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for blog in "$corpus"/*/; do
  index_blog "$clubsearch" "$dump" "$corpus" "$blog" "$work"
done
python3 "$here/topic_precision.py" "$root/tests/relevance/topic_labels.toml" "$work" "${flags[@]}"
