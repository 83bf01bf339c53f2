#!/bin/sh
# Links on the shared corpus, as a reader counts them. Indexes every blog with
# CLUBSEARCH_INDEX (a clubsearch-index binary; default: this build's) and its built-in
# source table SOURCES (default: this checkout's schemas/sources.toml; give the one the
# binary was built with), then:
#  1. counts the entries' links (items and mentions) with no source, a bare host for a
#     source, or kind "other";
#  2. indexes each blog again with the table minus the hosts only that blog links to, and
#     counts how many of those held-out links still get a readable source and the kind the
#     full table gives them.
#
#   tests/corpus/link_report.sh [BUILD_DIR] [CORPUS_DIR]
#   MISSES=1 tests/corpus/link_report.sh 2>misses.txt   # the held-out links whose kind differs
#   git show main:schemas/sources.toml >/tmp/main-sources.toml
#   CLUBSEARCH_INDEX=/work/main/build/cli/clubsearch-index SOURCES=/tmp/main-sources.toml \
#     tests/corpus/link_report.sh build
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
corpus=$(cd "${2:-$root/../shared/corpus}" && pwd)
indexer=${CLUBSEARCH_INDEX:-$build/cli/clubsearch-index}
sources=${SOURCES:-$root/schemas/sources.toml}
report=$build/tests/clubsearch_link_report
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/full" "$scratch/held" "$scratch/tables"

# index BLOG_DIR DB [--sources FILE]
index() {
  name=$(basename "$1")
  db=$2
  shift 2
  set -- --db "$db" index "$corpus/$name" --as-of 2026-11-25 --quiet "$@"
  [ -f "$corpus/$name.config.toml" ] && set -- "$@" --site-config "$corpus/$name.config.toml"
  "$indexer" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]  # 1: some files could not be indexed
}

blogs=""
for blog in "$corpus"/*/; do
  name=$(basename "$blog")
  blogs="$blogs $name"
  index "$name" "$scratch/full/$name"
done
echo "indexed with $indexer, table $sources"
# shellcheck disable=SC2086
"$report" index $(for name in $blogs; do echo "$scratch/full/$name"; done)
echo
# shellcheck disable=SC2046
"$report" held-out-tables "$sources" "$scratch/tables" $(for name in $blogs; do echo "$scratch/full/$name"; done) 2>/dev/null
set --
for name in $blogs; do
  index "$name" "$scratch/held/$name" --sources "$scratch/tables/$name.sources.toml"
  set -- "$@" "$sources" "$scratch/tables/$name.sources.toml" "$scratch/full/$name" "$scratch/held/$name"
done
"$report" compare ${MISSES:+--misses} "$@"
