#!/usr/bin/env bash
# Indexes every blog of a corpus folder with a given clubsearch and prints the counts a
# reader would make of the result (tests/corpus/reader_counts.py), one table per blog.
#
#   tests/corpus/counts.sh [--clubsearch BIN] [--dump BIN] [--check] [CORPUS_DIR]
#
# --check fails (exit 1) when a blog's counts fall under what a reader accepts (see
# reader_counts.py); a missing corpus then skips (exit 77, CTest's skip code).
# BIN defaults to build/cli/clubsearch (run it again with an older build's binary to
# compare); CORPUS_DIR to ../shared/corpus. A blog folder with a `NAME.config.toml`
# beside it is indexed with that site config. Posts are judged as of 2026-11-25.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
clubsearch="$root/build/cli/clubsearch"
dump="$root/build/tests/dump_records"
check=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --clubsearch) clubsearch="$2"; shift 2 ;;
    --dump) dump="$2"; shift 2 ;;
    --check) check=(--check); shift ;;
    *) break ;;
  esac
done
corpus="${1:-$root/../shared/corpus}"
if [[ ! -d "$corpus" ]]; then
  echo "counts.sh: no corpus at $corpus" >&2
  [[ ${#check[@]} -gt 0 ]] && exit 77
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for blog in "$corpus"/*/; do
  name="$(basename "$blog")"
  index_blog "$clubsearch" "$dump" "$corpus" "$blog" "$work"
  python3 "$here/reader_counts.py" "$blog" "$work/$name.jsonl" --label "$name" "${check[@]}" || status=1
done
exit "$status"
