#!/usr/bin/env bash
# query_bench.sh: times queries on the synthetic corpus: in process (query::Searcher with
# and without facets beside plain Xapian, clubsearch_query_bench, and the texts the search
# page searches as the last word of each plain-words query is typed) and as whole processes
# (`clubsearch QUERY`, and with `--json` and `--facets`, beside Xapian's `quest` and,
# when given, another clubsearch), and writes the figures as a Markdown report.
#
# Environment (all optional):
#   BUILD_DIR   CMake build directory (default: build-release at the repository root)
#   POSTS       number of synthetic posts (default: 10000)
#   OUT         report file (default: bench/results/query.md at the repository root)
#   QUERIES     query set, one a line (default: bench/queries.txt)
#   RUNS        timed in-process runs of the query set (default: 5)
#   WARMUP      untimed in-process runs before them (default: 1)
#   CLI_RUNS    timed runs of each process per query (default: 10)
#   BASELINE_CLUBSEARCH  another clubsearch binary (an earlier build) timed with --json on
#               the same index, for a comparison in the same run (default: none)
#   PREPARE_ONLY  1: build, generate the corpus and index it, print the index's path and stop
# Relative paths are taken from the current directory.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BUILD_DIR=$(realpath -m -- "${BUILD_DIR:-$ROOT/build-release}")
POSTS=${POSTS:-10000}
OUT=$(realpath -m -- "${OUT:-$ROOT/bench/results/query.md}")
QUERIES=$(realpath -m -- "${QUERIES:-$ROOT/bench/queries.txt}")
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
CLI_RUNS=${CLI_RUNS:-10}
CLI_WARMUP=2
# Targets from the issue.
TARGET_P50_MS=3
TARGET_P99_MS=15
TARGET_CLI_RATIO=1.5
TARGET_FACETS_VS_PLAIN=2  # --json and --facets against the same search without facets
TARGET_FACETS_VS_QUEST=3  # … and against quest (medians of the per-query ratios)
TARGET_AS_YOU_TYPE_P99_MS=20  # the texts searched while a query's last word is typed
BASELINE_CLUBSEARCH=${BASELINE_CLUBSEARCH:-}

QUERY_BENCH=$BUILD_DIR/bench/clubsearch_query_bench
CLUBSEARCH=$BUILD_DIR/cli/clubsearch
# The corpus is index_bench.sh's (same folder, same rules), so either script reuses the
# other's; the index of it is kept beside it.
corpus_paths

WORK=

cleanup() {
  if [[ -n $WORK ]]; then rm -rf -- "$WORK"; fi
  # An interrupted index build leaves only a partial folder, never a cached index.
  rm -rf -- "$DB.partial"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() {
  build_targets clubsearch_bench_corpus clubsearch clubsearch_query_bench
}

# The live generation, as named by the XAPIANDB stub ("glass gen-000001").
generation_dir() {
  local backend name
  read -r backend name <"$DB/XAPIANDB" || die "cannot read $DB/XAPIANDB"
  [[ $backend == glass && $name =~ ^gen-[0-9]+$ && -d $DB/$name ]] ||
    die "unexpected XAPIANDB stub in $DB: '$backend $name'"
  echo "$DB/$name"
}

# The query set, as clubsearch_query_bench reads it: blank lines and # comments skipped.
read_queries() {
  QUERY_LIST=()
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    line=${line#"${line%%[![:space:]]*}"}
    [[ -z $line || $line == \#* ]] && continue
    QUERY_LIST+=("$line")
  done <"$QUERIES"
  ((${#QUERY_LIST[@]} > 0)) || die "$QUERIES holds no queries"
}

run_in_process() {
  log "in process: ${#QUERY_LIST[@]} queries, $WARMUP warm-up and $RUNS timed runs"
  local status=0
  "$QUERY_BENCH" --db "$DB" --queries "$QUERIES" --runs "$RUNS" --warmup "$WARMUP" --as-you-type \
    --summary "$WORK/summary.txt" >"$WORK/in-process.md" 2>"$WORK/in-process.err" || status=$?
  # 1: some queries failed; they are listed in the report and left out of the figures.
  if ((status > 1)); then
    cat -- "$WORK/in-process.err" >&2
    die "clubsearch_query_bench failed"
  fi
}

summary() { awk -v key="$1" '$1 == key { print $2 }' "$WORK/summary.txt"; }

# One word of a command line for hyperfine --shell=none, which splits like a POSIX shell.
shell_word() {
  local quote="'\\''"
  printf "'%s'" "${1//\'/$quote}"
}

# The argument vectors of the processes for query $1. A query starting with '-' would
# be read as an option, so it follows "--" then.
process_commands() {
  local query=$1 separator=()
  [[ $query == -* ]] && separator=(--)
  CS_COMMAND=("$CLUBSEARCH" --db "$DB" "${separator[@]}" "$query")
  JSON_COMMAND=("$CLUBSEARCH" --db "$DB" --json "${separator[@]}" "$query")
  FACETS_COMMAND=("$CLUBSEARCH" --db "$DB" --facets "${separator[@]}" "$query")
  QUEST_COMMAND=(quest -d "$GENERATION" "${separator[@]}" "$query")
  BASELINE_COMMAND=()
  [[ -z $BASELINE_CLUBSEARCH ]] || BASELINE_COMMAND=("$BASELINE_CLUBSEARCH" --db "$DB" --json "${separator[@]}" "$query")
}

# Runs each query once through both processes: both must work (clubsearch exits 1 when
# nothing matches), and the result counts go in the report.
check_processes() {
  local index status last
  CS_RESULTS=()
  QUEST_RESULTS=()
  for index in "${!QUERY_LIST[@]}"; do
    process_commands "${QUERY_LIST[index]}"
    status=0
    "${CS_COMMAND[@]}" >"$WORK/check.out" 2>"$WORK/check.err" || status=$?
    ((status <= 1)) || die "clubsearch failed (exit $status) on '${QUERY_LIST[index]}': $(cat -- "$WORK/check.err")"
    # The last line says how many: "No results for …", "12 results", "about 1,600 results · page 1 …".
    last=$(awk 'NF { last = $0 } END { print last }' "$WORK/check.out")
    CS_RESULTS+=("$(sed -n -e 's/^No results.*/0/p' \
      -e 's/^\(about \)\{0,1\}\([0-9][0-9,]*\) results\{0,1\}\( .*\)\{0,1\}$/\2/p' <<<"$last" | tr -d ,)")
    local with_facets
    for with_facets in JSON_COMMAND FACETS_COMMAND; do
      local -n facet_command=$with_facets
      status=0
      "${facet_command[@]}" >"$WORK/check.out" 2>"$WORK/check.err" || status=$?
      ((status <= 1)) || die "clubsearch failed (exit $status) on '${QUERY_LIST[index]}': $(cat -- "$WORK/check.err")"
      # A search with facets reads the index's facet columns, never builds them.
      [[ ! -s $WORK/check.err ]] || die "clubsearch said on '${QUERY_LIST[index]}': $(cat -- "$WORK/check.err")"
    done
    "${QUEST_COMMAND[@]}" >"$WORK/check.out" 2>"$WORK/check.err" ||
      die "quest failed on '${QUERY_LIST[index]}': $(cat -- "$WORK/check.err")"
    QUEST_RESULTS+=("$(sed -n -e 's/^Exactly \([0-9]*\) match.*/\1/p' \
      -e 's/^Between .* best estimate is \([0-9]*\)$/\1/p' "$WORK/check.out" | sed -n 1p)")
  done
}

# Medians of CLI_RUNS runs per query, in ms, into CS_MS and QUEST_MS, and the mean CPU
# time (user + system) into CS_CPU_MS and QUEST_CPU_MS; the same for `--version` (start
# and exit only) into CS_FLOOR_MS and QUEST_FLOOR_MS.
time_processes_hyperfine() {
  local index csv baseline=()
  CS_MS=()
  QUEST_MS=()
  CS_CPU_MS=()
  QUEST_CPU_MS=()
  JSON_MS=()
  FACETS_MS=()
  BASELINE_MS=()
  for index in "${!QUERY_LIST[@]}"; do
    process_commands "${QUERY_LIST[index]}"
    csv=$WORK/hyperfine-$index.csv
    [[ ${#BASELINE_COMMAND[@]} -eq 0 ]] || baseline=("$(command_line "${BASELINE_COMMAND[@]}")")
    # All of one query's processes in one hyperfine run, so that load on the machine
    # falls on all alike.
    hyperfine_pair "$csv" "$(command_line "${CS_COMMAND[@]}")" "$(command_line "${QUEST_COMMAND[@]}")" \
      "$(command_line "${JSON_COMMAND[@]}")" "$(command_line "${FACETS_COMMAND[@]}")" "${baseline[@]}"
    CS_MS+=("$(csv_median_ms "$csv" 1)")
    QUEST_MS+=("$(csv_median_ms "$csv" 2)")
    CS_CPU_MS+=("$(csv_cpu_ms "$csv" 1)")
    QUEST_CPU_MS+=("$(csv_cpu_ms "$csv" 2)")
    JSON_MS+=("$(csv_median_ms "$csv" 3)")
    FACETS_MS+=("$(csv_median_ms "$csv" 4)")
    [[ ${#baseline[@]} -eq 0 ]] || BASELINE_MS+=("$(csv_median_ms "$csv" 5)")
  done
  csv=$WORK/hyperfine-version.csv
  hyperfine_pair "$csv" "$(command_line "$CLUBSEARCH" --version)" "$(command_line quest --version)"
  CS_FLOOR_MS=$(csv_median_ms "$csv" 1)
  QUEST_FLOOR_MS=$(csv_median_ms "$csv" 2)
}

command_line() {
  local word line=
  for word in "$@"; do line+="${line:+ }$(shell_word "$word")"; done
  printf '%s' "$line"
}

hyperfine_pair() {
  local csv=$1
  shift
  # --ignore-failure: clubsearch exits 1 when nothing matches (check_processes has made
  # sure nothing else fails).
  hyperfine --shell=none --ignore-failure --style none --warmup "$CLI_WARMUP" --runs "$CLI_RUNS" \
    --export-csv "$csv" "$@" >>"$WORK/hyperfine.log" 2>&1 ||
    die "hyperfine failed; see the log: $(tail -n 5 -- "$WORK/hyperfine.log")"
}

# The median of row $2 (1-based, after the header) of a hyperfine CSV, in ms. Fields are
# counted from the end (command, mean, stddev, median, user, system, min, max), since the
# command itself may hold commas.
csv_median_ms() {
  awk -F, -v row="$2" 'NR == row + 1 { printf "%.3f", $(NF - 4) * 1000 }' "$1"
}

# The mean user + system time of row $2, in ms: less disturbed by other work than the
# wall time.
csv_cpu_ms() {
  awk -F, -v row="$2" 'NR == row + 1 { printf "%.3f", ($(NF - 3) + $(NF - 2)) * 1000 }' "$1"
}

# Without hyperfine: the same runs in a loop, timed with date +%s%N (no CPU times).
time_processes_loop() {
  local index
  CS_MS=()
  QUEST_MS=()
  CS_CPU_MS=()
  QUEST_CPU_MS=()
  JSON_MS=()
  FACETS_MS=()
  BASELINE_MS=()
  for index in "${!QUERY_LIST[@]}"; do
    process_commands "${QUERY_LIST[index]}"
    CS_MS+=("$(loop_median_ms "${CS_COMMAND[@]}")")
    QUEST_MS+=("$(loop_median_ms "${QUEST_COMMAND[@]}")")
    JSON_MS+=("$(loop_median_ms "${JSON_COMMAND[@]}")")
    FACETS_MS+=("$(loop_median_ms "${FACETS_COMMAND[@]}")")
    [[ ${#BASELINE_COMMAND[@]} -eq 0 ]] || BASELINE_MS+=("$(loop_median_ms "${BASELINE_COMMAND[@]}")")
  done
  CS_FLOOR_MS=$(loop_median_ms "$CLUBSEARCH" --version)
  QUEST_FLOOR_MS=$(loop_median_ms quest --version)
}

loop_median_ms() {
  local run start end times=()
  for ((run = 0; run < CLI_WARMUP + CLI_RUNS; run++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ((run < CLI_WARMUP)) || times+=("$((end - start))")
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m / 1e6 }'
}

run_processes() {
  GENERATION=$(generation_dir)
  log "processes: checking each query once"
  check_processes
  if try_command hyperfine hyperfine; then
    TIMER="hyperfine $(hyperfine --version | awk '{ print $2 }') (\`--shell=none\`, $CLI_WARMUP warm-up runs, median of $CLI_RUNS)"
    log "processes: hyperfine, $CLI_RUNS runs of each query"
    time_processes_hyperfine
  else
    TIMER="a shell loop with \`date +%s%N\` ($CLI_WARMUP warm-up runs, median of $CLI_RUNS)"
    log "processes: a timing loop, $CLI_RUNS runs of each query"
    time_processes_loop
  fi
}

# Per-process figures over the query set: sum of the medians (the whole set, one process
# per query), median and maximum.
list_stat() {
  printf '%s\n' "$@" | sort -g | awk -v what="$STAT" '
    { v[NR] = $1; sum += $1 }
    END {
      if (what == "sum") printf "%.1f", sum
      else if (what == "median") printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      else printf "%.2f", v[NR]
    }'
}
stat_of() {
  local STAT=$1
  shift
  list_stat "$@"
}

cpu_row() {
  ((${#CS_CPU_MS[@]} > 0)) || return 0
  local cs quest
  cs=$(stat_of sum "${CS_CPU_MS[@]}")
  quest=$(stat_of sum "${QUEST_CPU_MS[@]}")
  printf '| Whole query set, CPU time (user + system), sum of per-query means (ms) | %s | %s | %s× |\n' \
    "$cs" "$quest" "$(calc "$cs / $quest" 2)"
}

# The median over the query set of the per-query ratios of two lists of medians.
median_ratio() {
  local -n numerators=$1 denominators=$2
  local index ratios=()
  for index in "${!numerators[@]}"; do ratios+=("$(calc "${numerators[index]} / ${denominators[index]}" 4)"); done
  stat_of median "${ratios[@]}"
}

# Markdown table text for a query: a code span with pipes escaped.
table_code() { printf '%s%s%s' '`' "${1//|/\\|}" '`'; }

process_rows() {
  local index
  for index in "${!QUERY_LIST[@]}"; do
    printf '| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$((index + 1))" \
      "$(table_code "${QUERY_LIST[index]}")" "$(calc "${CS_MS[index]}" 2)" "$(calc "${JSON_MS[index]}" 2)" \
      "$(calc "${FACETS_MS[index]}" 2)" "$(calc "${QUEST_MS[index]}" 2)" "$(calc "${CS_MS[index]} / ${QUEST_MS[index]}")" \
      "$(calc "${JSON_MS[index]} / ${CS_MS[index]}")" "${CS_RESULTS[index]:-?}" "${QUEST_RESULTS[index]:-?}"
  done
}

# The processes with facets beside the one without and quest, and the baseline if any.
facets_rows() {
  local json_plain facets_plain json_quest facets_quest
  json_plain=$(median_ratio JSON_MS CS_MS)
  facets_plain=$(median_ratio FACETS_MS CS_MS)
  json_quest=$(median_ratio JSON_MS QUEST_MS)
  facets_quest=$(median_ratio FACETS_MS QUEST_MS)
  printf '| `clubsearch --json QUERY` | %s | %s | %s× | %s× |\n' "$(stat_of median "${JSON_MS[@]}")" \
    "$(stat_of max "${JSON_MS[@]}")" "$(calc "$json_plain" 2)" "$(calc "$json_quest" 2)"
  printf '| `clubsearch --facets QUERY` | %s | %s | %s× | %s× |\n' "$(stat_of median "${FACETS_MS[@]}")" \
    "$(stat_of max "${FACETS_MS[@]}")" "$(calc "$facets_plain" 2)" "$(calc "$facets_quest" 2)"
  printf '| `clubsearch QUERY` (no facets) | %s | %s | 1× | %s× |\n' "$(stat_of median "${CS_MS[@]}")" \
    "$(stat_of max "${CS_MS[@]}")" "$(calc "$(median_ratio CS_MS QUEST_MS)" 2)"
  if ((${#BASELINE_MS[@]} > 0)); then
    printf '| baseline `%s --json QUERY` | %s | %s | %s× | %s× |\n' "$BASELINE_CLUBSEARCH" \
      "$(stat_of median "${BASELINE_MS[@]}")" "$(stat_of max "${BASELINE_MS[@]}")" \
      "$(calc "$(median_ratio BASELINE_MS CS_MS)" 2)" "$(calc "$(median_ratio BASELINE_MS QUEST_MS)" 2)"
  fi
}

count_nonzero() {
  local value count=0
  for value in "$@"; do [[ -n $value && $value != 0 ]] && count=$((count + 1)); done
  echo "$count"
}

# The as-you-type target, when the query set has queries of plain words.
as_you_type_row() {
  local p99
  p99=$(summary as_you_type_facets_p99)
  [[ -n $p99 ]] || return 0
  printf '| As you type: p99 at most %s ms with all facets (in process) | %s ms | %s |\n' \
    "$TARGET_AS_YOU_TYPE_P99_MS" "$(calc "$p99" 2)" "$(verdict "$p99 <= $TARGET_AS_YOU_TYPE_P99_MS")"
}

write_report() {
  local facets_p50 facets_p99 cs_sum quest_sum cli_ratio failed json_plain facets_plain json_quest facets_quest
  local typed_failed
  facets_p50=$(summary facets_p50)
  facets_p99=$(summary facets_p99)
  failed=$(summary failed)
  cs_sum=$(stat_of sum "${CS_MS[@]}")
  quest_sum=$(stat_of sum "${QUEST_MS[@]}")
  cli_ratio=$(calc "$cs_sum / $quest_sum" 2)
  json_plain=$(calc "$(median_ratio JSON_MS CS_MS)" 2)
  facets_plain=$(calc "$(median_ratio FACETS_MS CS_MS)" 2)
  json_quest=$(calc "$(median_ratio JSON_MS QUEST_MS)" 2)
  facets_quest=$(calc "$(median_ratio FACETS_MS QUEST_MS)" 2)
  mkdir -p -- "$(dirname -- "$OUT")"
  cat >"$OUT" <<EOF
# Query benchmark

- Date: $STARTED_AT
- Machine: $(machine_description)
- Load average at the start: $LOAD_AT_START; at the end: $(load_average) (other work on the machine slows every figure)
- Commit: $(git_commit); build type: $(build_type)
- Corpus: $(awk '$1 == "posts:" { print $2 }' "$CORPUS/totals.txt") posts, $(awk '$1 == "entries:" { print $2 }' "$CORPUS/totals.txt") entries (seed $SEED), generated by \`clubsearch_bench_corpus\`; index built by \`clubsearch index --full\` ($(du -sb -- "$DB" | awk '{ printf "%.1f", $1 / 1e6 }') MB)
- Queries: ${#QUERY_LIST[@]} from \`$(realpath --relative-to="$ROOT" -- "$QUERIES")\`
- Xapian $(quest --version | awk '{ print $NF }')

## Commands

\`\`\`sh
$QUERY_BENCH --db DB --queries $QUERIES --runs $RUNS --warmup $WARMUP --as-you-type
# for each query Q, timed with $TIMER:
$CLUBSEARCH --db DB Q >/dev/null
$CLUBSEARCH --db DB --json Q >/dev/null
$CLUBSEARCH --db DB --facets Q >/dev/null
quest -d DB/$(basename -- "$GENERATION") Q >/dev/null${BASELINE_CLUBSEARCH:+
$BASELINE_CLUBSEARCH --db DB --json Q >/dev/null}
\`\`\`

DB is \`$DB\`, indexed from \`$CORPUS/site/content\`.

## In process

Each query through \`query::Searcher\` (10 per page, all six facets counted; again
without facets, its total exact when small and else estimated; and without facets but
with an exact total however large, as \`clubsearch QUERY\` asks) and through
plain Xapian on the same database: the default
\`QueryParser\` (default flags and operator OR) with the schema's stemmer and stemming
strategy (stems only, as the index holds them), top 10 with their document data, once
with one exact \`ValueCountMatchSpy\` on the \`source\` slot (check_at_least = the
document count) and once without. Plain Xapian knows none of clubsearch's fields,
synonyms or fallbacks, so field queries and wildcards find other things there (see
the match counts). As you type: the texts searched while the last word of each query of
plain words is typed, from its first two letters, as the search page asks them (all
facets), beside plain Xapian on the same texts.

$(cat -- "$WORK/in-process.md")

## Whole process

Each query as its own process, as a user types it: \`clubsearch --db DB QUERY\` (start,
open, search, print the human-readable results to /dev/null; no options) beside
\`quest -d DB/gen-NNNNNN QUERY\`. quest parses with Xapian's default stemming strategy
("some"), which looks for Z-prefixed stems this index does not hold, so it finds
nothing for most words (results column): its times are those of a search that
matches little, a lower bound for what quest would take on an index it can read.

| | clubsearch | quest | ratio |
|---|---:|---:|---:|
| Whole query set, sum of per-query medians (ms) | $cs_sum | $quest_sum | $(calc "$cs_sum / $quest_sum" 2)× |
| Median query (ms) | $(stat_of median "${CS_MS[@]}") | $(stat_of median "${QUEST_MS[@]}") | $(calc "$(stat_of median "${CS_MS[@]}") / $(stat_of median "${QUEST_MS[@]}")" 2)× |
| Slowest query (ms) | $(stat_of max "${CS_MS[@]}") | $(stat_of max "${QUEST_MS[@]}") | |
$(cpu_row)
| \`--version\`: start and exit only (ms) | $(calc "$CS_FLOOR_MS" 2) | $(calc "$QUEST_FLOOR_MS" 2) | $(calc "$CS_FLOOR_MS / $QUEST_FLOOR_MS" 2)× |
| Queries with results | $(count_nonzero "${CS_RESULTS[@]}") of ${#QUERY_LIST[@]} | $(count_nonzero "${QUEST_RESULTS[@]}") of ${#QUERY_LIST[@]} | |

### With facets

\`--json\` (what scripts and the page's API ask: all facets, so an exact total) and
\`--facets\` (the facets printed under the results) against the same search without
facets and against quest; ratios are medians over the query set of each query's ratio,
all timed in the same hyperfine run per query.

| Process | median query (ms) | slowest query (ms) | ratio to no facets | ratio to quest |
|---|---:|---:|---:|---:|
$(facets_rows)

<details><summary>Per query (median ms, and the number of results each reported)</summary>

| # | Query | clubsearch | --json | --facets | quest | ratio to quest | --json ratio | clubsearch results | quest results |
|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(process_rows)

</details>

## Targets

| Target | Measured | Result |
|---|---|---|
| p99 under $TARGET_P99_MS ms with all facets (in process) | $(calc "$facets_p99" 2) ms | $(verdict "$facets_p99 < $TARGET_P99_MS") |
| p50 under $TARGET_P50_MS ms with all facets (in process) | $(calc "$facets_p50" 2) ms | $(verdict "$facets_p50 < $TARGET_P50_MS") |
| \`clubsearch QUERY\` process within ${TARGET_CLI_RATIO}× of \`quest\` (whole query set) | ${cli_ratio}× | $(verdict "$cli_ratio <= $TARGET_CLI_RATIO") |
| \`clubsearch --json QUERY\` within ${TARGET_FACETS_VS_PLAIN}× of the same without facets (median ratio) | ${json_plain}× | $(verdict "$json_plain <= $TARGET_FACETS_VS_PLAIN") |
| \`clubsearch --facets QUERY\` within ${TARGET_FACETS_VS_PLAIN}× of the same without facets (median ratio) | ${facets_plain}× | $(verdict "$facets_plain <= $TARGET_FACETS_VS_PLAIN") |
| \`clubsearch --json QUERY\` within ${TARGET_FACETS_VS_QUEST}× of \`quest\` (median ratio) | ${json_quest}× | $(verdict "$json_quest <= $TARGET_FACETS_VS_QUEST") |
| \`clubsearch --facets QUERY\` within ${TARGET_FACETS_VS_QUEST}× of \`quest\` (median ratio) | ${facets_quest}× | $(verdict "$facets_quest <= $TARGET_FACETS_VS_QUEST") |
$(as_you_type_row)
EOF
  if ((failed > 0)); then
    printf '\n%s of the queries failed in process and are left out of its figures (see the per-query table).\n' \
      "$failed" >>"$OUT"
  fi
  typed_failed=$(summary as_you_type_failed)
  if ((${typed_failed:-0} > 0)); then
    printf '\n%s of the as-you-type texts failed and are left out of their figures (see their per-text table).\n' \
      "$typed_failed" >>"$OUT"
  fi
  log "report written to $OUT"
}

main() {
  [[ $POSTS =~ ^[1-9][0-9]*$ ]] || die "POSTS must be a positive integer, not '$POSTS'"
  [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
  [[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number, not '$WARMUP'"
  [[ $CLI_RUNS =~ ^[1-9][0-9]*$ ]] || die "CLI_RUNS must be a positive integer, not '$CLI_RUNS'"
  [[ -f $QUERIES ]] || die "no query set at $QUERIES"
  STARTED_AT=$(date -u '+%Y-%m-%d %H:%M UTC')
  LOAD_AT_START=$(load_average)
  ensure_command quest xapian-tools
  build
  prepare_corpus
  prepare_index "$CLUBSEARCH"
  if [[ ${PREPARE_ONLY:-0} == 1 ]]; then
    echo "$DB"
    return
  fi
  read_queries
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-query-bench.XXXXXX")
  run_in_process
  run_processes
  write_report
  cat -- "$OUT"
}

main "$@"
