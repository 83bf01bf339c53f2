#!/usr/bin/env bash
# The tests that run threads, under ThreadSanitizer (the `sanitizers.tsan` CTest, in a build made
# with -DCLUBSEARCH_TSAN=ON): the searcher pool and the response cache shared by the
# server's threads, the server under requests at once and while the index is updated
# and rebuilt underneath it, reindexing through the server (the indexer started from a
# request, reaped on a thread of its own), slow clients holding connection threads, the
# watcher, and the indexer's parsing and rebuilding threads.
#
#   tests/tsan/run.sh BUILD_DIR
#
# Every process (test programs and the clubsearch programs they start) writes its
# reports to a folder of its own; the run fails when a test fails or any report was
# written, and prints the reports. suppressions.txt holds only what is inside libraries
# that are not built with TSan, each with its reason.
set -uo pipefail
[[ $# -eq 1 ]] || {
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
}
build=$1
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
reports=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-tsan.XXXXXX")
trap 'rm -rf -- "$reports"' EXIT
export TSAN_OPTIONS="log_path=$reports/tsan second_deadlock_stack=1 suppressions=$here/suppressions.txt"

failed=0
run() {
  echo "== $*"
  "$@" || failed=1
}
run "$build/tests/query_tests" --test-suite="searcher pool"
run "$build/tests/web_tests" --test-suite="response cache"
run "$build/tests/e2e_tests" --test-suite=incremental
run "$build/tests/e2e_tests" --test-suite=watch
run "$build/tests/e2e_tests" --test-suite=serve \
  --test-case="requests at once from several clients*,a running server answers with the index as updated*,searches keep being answered*,POST /api/reindex indexes the content*"
run "$build/tests/e2e_tests" --test-suite=hostile \
  --test-case="64 slow or idle clients*,POST /api/reindex as curl sends it*"
run "$build/tests/e2e_tests" --test-suite=hook --test-case="index --queue leaves a locked index*"

shopt -s nullglob
logs=("$reports"/tsan.*)
if ((${#logs[@]} > 0)); then
  echo "ThreadSanitizer reported in ${#logs[@]} process(es):"
  cat -- "${logs[@]}"
  failed=1
fi
exit "$failed"
