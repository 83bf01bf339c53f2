#!/usr/bin/env bash
# index_bench.sh: times full and one-post incremental indexing by clubsearch, and Xapian's
# scriptindex on the same synthetic posts, and writes the figures as a Markdown report.
#
# Environment (all optional):
#   BUILD_DIR   CMake build directory (default: build at the repository root)
#   POSTS       number of synthetic posts (default: 10000)
#   OUT         report file (default: bench/results/index.md at the repository root)
#   CLUBSEARCH  clubsearch binary to time instead of building $BUILD_DIR/cli/clubsearch
#   BASELINE_CLUBSEARCH  another clubsearch binary (an earlier build) whose full index is
#               timed in the same run, alternating with CLUBSEARCH, FULL_RUNS times each
#   FULL_RUNS   full index runs of each binary (default: 1, or 3 with a baseline); the
#               report gives the median
# Relative paths are taken from the current directory.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BUILD_DIR=$(realpath -m -- "${BUILD_DIR:-$ROOT/build}")
POSTS=${POSTS:-10000}
OUT=$(realpath -m -- "${OUT:-$ROOT/bench/results/index.md}")
INCREMENTAL_RUNS=5
BASELINE_CLUBSEARCH=${BASELINE_CLUBSEARCH:+$(realpath -m -- "$BASELINE_CLUBSEARCH")}
FULL_RUNS=${FULL_RUNS:-$([[ -n $BASELINE_CLUBSEARCH ]] && echo 3 || echo 1)}
# Targets from the issue. "1 GB" is read as 10^9 bytes; GNU time reports KiB.
TARGET_SPEEDUP=2
TARGET_RSS_KIB=976562
TARGET_UPDATE_MS=100

corpus_paths
BUILD_CLUBSEARCH=true
if [[ -n ${CLUBSEARCH:-} ]]; then
  CLUBSEARCH=$(realpath -m -- "$CLUBSEARCH")
  BUILD_CLUBSEARCH=false
else
  CLUBSEARCH=$BUILD_DIR/cli/clubsearch
fi

WORK=
EDITED_POST=

# Puts back the post the incremental runs appended to, so the cached corpus stays the
# generator's output, and removes the databases.
cleanup() {
  if [[ -n $EDITED_POST && -f $WORK/post.orig ]]; then cp -p -- "$WORK/post.orig" "$EDITED_POST"; fi
  if [[ -n $WORK ]]; then rm -rf -- "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() {
  local targets=(clubsearch_bench_corpus)
  if $BUILD_CLUBSEARCH; then targets+=(clubsearch); fi
  build_targets "${targets[@]}"
  [[ -x $CLUBSEARCH ]] || die "no clubsearch binary at $CLUBSEARCH"
}

total() { awk -v key="$1:" '$1 == key { print $2 }' "$CORPUS/totals.txt"; }

# Runs a command under GNU time. Sets WALL_MS (from the clock, to the millisecond) and
# PEAK_KIB; the command's output goes to $WORK/<name>.out.
measure() {
  local name=$1
  shift
  local start end
  start=$(date +%s%N)
  if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>&1; then
    tail -n 20 -- "$WORK/$name.out" >&2
    die "$name failed: $*"
  fi
  end=$(date +%s%N)
  WALL_MS=$(((end - start) / 1000000))
  PEAK_KIB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$name.time")
}

document_count() {
  xapian-delve "$1" 2>/dev/null | awk '/number of documents/ { print $NF }' || true
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# Full index by clubsearch (and, alternating with it, by the baseline), FULL_RUNS times;
# the medians of wall time and peak memory are reported.
run_full_index() {
  local walls=() peaks=() base_walls=() base_peaks=() run
  for ((run = 1; run <= FULL_RUNS; run++)); do
    if [[ -n $BASELINE_CLUBSEARCH ]]; then
      log "baseline clubsearch: full index $run/$FULL_RUNS"
      rm -rf -- "$WORK/baseline-db"
      measure baseline-full "$BASELINE_CLUBSEARCH" index "$CORPUS/site/content" --db "$WORK/baseline-db" \
        --full --quiet
      base_walls+=("$WALL_MS")
      base_peaks+=("$PEAK_KIB")
      BASE_DOCS=$(document_count "$WORK/baseline-db")
      rm -rf -- "$WORK/baseline-db"
    fi
    log "clubsearch: full index $run/$FULL_RUNS"
    rm -rf -- "$WORK/clubsearch-db"
    measure clubsearch-full "$CLUBSEARCH" index "$CORPUS/site/content" --db "$WORK/clubsearch-db" \
      --full --quiet
    walls+=("$WALL_MS")
    peaks+=("$PEAK_KIB")
  done
  CS_WALL_MS=$(median "${walls[@]}")
  CS_PEAK_KIB=$(median "${peaks[@]}")
  CS_ALL_MS=${walls[*]}
  CS_BYTES=$(du -sb -- "$WORK/clubsearch-db" | cut -f1)
  CS_DOCS=$(document_count "$WORK/clubsearch-db")
  if [[ -n $BASELINE_CLUBSEARCH ]]; then
    BASE_WALL_MS=$(median "${base_walls[@]}")
    BASE_PEAK_KIB=$(median "${base_peaks[@]}")
    BASE_ALL_MS=${base_walls[*]}
  fi
}

# Appends a sentence to one post and reindexes, INCREMENTAL_RUNS times; a new sentence
# each time, so every run has a change to find.
run_incremental_updates() {
  # sed, not head: head's early exit would kill sort with SIGPIPE under pipefail.
  EDITED_POST=$(find "$CORPUS/site/content/journal-club" -name '*.md' ! -name _index.md |
    LC_ALL=C sort | sed -n 1p)
  cp -p -- "$EDITED_POST" "$WORK/post.orig"
  local times=() run
  for ((run = 1; run <= INCREMENTAL_RUNS; run++)); do
    log "clubsearch: incremental update $run/$INCREMENTAL_RUNS"
    printf '\nAppended in benchmark run %d: sparse autoencoders revisited.\n' "$run" >>"$EDITED_POST"
    measure "clubsearch-update-$run" "$CLUBSEARCH" index "$CORPUS/site/content" \
      --db "$WORK/clubsearch-db" --quiet
    times+=("$WALL_MS")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  UPDATE_MEDIAN_MS=$(sed -n "$(((INCREMENTAL_RUNS + 1) / 2))p" <<<"$sorted")
  UPDATE_MAX_MS=$(tail -n 1 <<<"$sorted")
  UPDATE_ALL_MS=${times[*]}
}

# scriptindex exits 0 even when it cannot read its input, so the record count it prints
# is checked against the dump's.
run_scriptindex() {
  log "scriptindex: full index"
  measure scriptindex scriptindex --overwrite -s english "$WORK/scriptindex-db" \
    "$ROOT/bench/scriptindex.def" "$CORPUS/scriptindex.dump"
  local added
  added=$(sed -n 's/^records (added, replaced, deleted, skipped) = (\([0-9]*\),.*/\1/p' \
    "$WORK/scriptindex.out")
  [[ $added == "$(total dump_records)" ]] ||
    die "scriptindex added ${added:-no} records, the dump has $(total dump_records)"
  SI_WALL_MS=$WALL_MS
  SI_PEAK_KIB=$PEAK_KIB
  SI_BYTES=$(du -sb -- "$WORK/scriptindex-db" | cut -f1)
  SI_DOCS=$(document_count "$WORK/scriptindex-db")
}

# The baseline's full index beside ours, when one was timed.
baseline_section() {
  [[ -n $BASELINE_CLUBSEARCH ]] || return 0
  cat <<EOF

## Against the baseline (same run, alternating, median of $FULL_RUNS)

| | clubsearch | baseline \`$BASELINE_CLUBSEARCH\` |
|---|---:|---:|
| Wall time (s) | $(calc "$CS_WALL_MS / 1000" 2) | $(calc "$BASE_WALL_MS / 1000" 2) |
| Peak RSS (MiB) | $(calc "$CS_PEAK_KIB / 1024") | $(calc "$BASE_PEAK_KIB / 1024") |
| Documents | ${CS_DOCS:-n/a} | ${BASE_DOCS:-n/a} |
| All runs (ms) | $CS_ALL_MS | $BASE_ALL_MS |

clubsearch / baseline wall time: **$(calc "$CS_WALL_MS / $BASE_WALL_MS" 2)×**
EOF
}

write_report() {
  local posts entries bytes cs_s si_s ratio
  posts=$(total posts)
  entries=$(total entries)
  bytes=$(total markdown_bytes)
  cs_s=$(calc "$CS_WALL_MS / 1000" 2)
  si_s=$(calc "$SI_WALL_MS / 1000" 2)
  ratio=$(calc "$SI_WALL_MS / $CS_WALL_MS" 2)
  mkdir -p -- "$(dirname -- "$OUT")"
  cat >"$OUT" <<EOF
# Indexing benchmark

- Date: $STARTED_AT
- Machine: $(machine_description)
- Load average when the run started: $LOAD_AT_START (other work on the machine slows every figure)
- Commit: $(git_commit); build type: $(build_type)
- Corpus: $posts posts, $entries entries, $(calc "$bytes / 1000000") MB of Markdown (seed $SEED),
  generated by \`clubsearch_bench_corpus\`; the scriptindex dump holds the same
  entries plus one record per post for its intro ($(total dump_records) records)
- $(scriptindex --version)

## Commands

\`\`\`sh
$GENERATOR --out CORPUS/site --posts $POSTS --seed $SEED --scriptindex-dump CORPUS/scriptindex.dump
/usr/bin/time -v $CLUBSEARCH index CORPUS/site/content --db DB --full --quiet
# $INCREMENTAL_RUNS times: append a sentence to one post, then
$CLUBSEARCH index CORPUS/site/content --db DB --quiet
/usr/bin/time -v scriptindex --overwrite -s english SIDB bench/scriptindex.def CORPUS/scriptindex.dump
\`\`\`

CORPUS is \`$CORPUS\`.

## Full index

| | clubsearch | scriptindex |
|---|---:|---:|
| Wall time (s) | $cs_s | $si_s |
| Posts/s | $(calc "$posts * 1000 / $CS_WALL_MS" 0) | $(calc "$posts * 1000 / $SI_WALL_MS" 0) |
| Entries/s | $(calc "$entries * 1000 / $CS_WALL_MS" 0) | $(calc "$entries * 1000 / $SI_WALL_MS" 0) |
| Markdown MB/s | $(calc "$bytes / 1000 / $CS_WALL_MS" 2) | $(calc "$bytes / 1000 / $SI_WALL_MS" 2) |
| Peak RSS (MiB) | $(calc "$CS_PEAK_KIB / 1024") | $(calc "$SI_PEAK_KIB / 1024") |
| Index size (MB) | $(calc "$CS_BYTES / 1000000") | $(calc "$SI_BYTES / 1000000") |
| Documents | ${CS_DOCS:-n/a} | ${SI_DOCS:-n/a} |

scriptindex / clubsearch wall time: **${ratio}×**
$(baseline_section)

## Incremental update (one post edited)

| | ms |
|---|---:|
| Median of $INCREMENTAL_RUNS | $UPDATE_MEDIAN_MS |
| Max of $INCREMENTAL_RUNS | $UPDATE_MAX_MS |

All runs (ms): $UPDATE_ALL_MS

## Targets

| Target | Measured | Result |
|---|---|---|
| Full index at least ${TARGET_SPEEDUP}× faster than scriptindex | ${ratio}× | $(verdict "$SI_WALL_MS >= $TARGET_SPEEDUP * $CS_WALL_MS") |
| Peak RSS of the full index under 1 GB | $(calc "$CS_PEAK_KIB * 1024 / 1000000") MB | $(verdict "$CS_PEAK_KIB < $TARGET_RSS_KIB") |
| One-post incremental update under $TARGET_UPDATE_MS ms (median) | $UPDATE_MEDIAN_MS ms | $(verdict "$UPDATE_MEDIAN_MS < $TARGET_UPDATE_MS") |
EOF
  log "report written to $OUT"
}

main() {
  [[ $POSTS =~ ^[1-9][0-9]*$ ]] || die "POSTS must be a positive integer, not '$POSTS'"
  STARTED_AT=$(date -u '+%Y-%m-%d %H:%M UTC')
  LOAD_AT_START=$(load_average)
  ensure_command /usr/bin/time time
  ensure_command scriptindex xapian-omega
  build
  prepare_corpus
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-index-bench.XXXXXX")
  run_full_index
  run_incremental_updates
  run_scriptindex
  write_report
  cat -- "$OUT"
}

main "$@"
