#!/usr/bin/env bash
# serve_bench.sh: load-tests `clubsearch serve`'s /api/search with wrk on loopback, on the
# synthetic corpus's index (the one query_bench.sh builds), and writes a Markdown report.
#
# Two runs of the same mixed query set (bench/queries.txt), one request after another
# round-robin over WRK_CONNECTIONS kept-alive connections:
#   repeated  the queries as they are, after an untimed warm-up pass: each is answered
#             from the server's cache of recent answers, as a popular search would be;
#   distinct  every request a search not asked before (the query with a different
#             number of trailing spaces, which the query layer trims): each is searched,
#             facets counted, and serialised, as a cold server would.
#
# Environment (all optional):
#   BUILD_DIR        CMake build directory (default: build-release at the repository root)
#   POSTS            synthetic posts (default: 10000)
#   DURATION         seconds per run (default: 30)
#   WRK_THREADS      wrk threads (default: 2)
#   WRK_CONNECTIONS  connections (default: 8)
#   SERVER_THREADS   searches at once (serve --threads; default: 0, one per core)
#   BASELINE_CLUBSEARCH  another clubsearch binary (an earlier build): its server is run
#                    on the same index after this one's, for a comparison in the same run
#   OUT              report (default: bench/results/serve.md)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BUILD_DIR=$(realpath -m -- "${BUILD_DIR:-$ROOT/build-release}")
POSTS=${POSTS:-10000}
DURATION=${DURATION:-30}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-8}
OUT=$(realpath -m -- "${OUT:-$ROOT/bench/results/serve.md}")
SERVER_THREADS=${SERVER_THREADS:-0}
BASELINE_CLUBSEARCH=${BASELINE_CLUBSEARCH:-}
QUERIES=$ROOT/bench/queries.txt
TARGET_RPS=2000
TARGET_P99_MS=20
corpus_paths

WORK=

cleanup() {
  stop_server
  if [[ -n $WORK ]]; then rm -rf -- "$WORK"; fi
  # An interrupted index build leaves only a partial folder, never a cached index.
  rm -rf -- "$DB.partial"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A wrk script over the query set; with DISTINCT, each request's query gets a number of
# trailing spaces that no earlier request in the run had for that query.
write_lua() {
  local distinct=$1
  python3 - "$QUERIES" "$distinct" >"$WORK/queries-$distinct.lua" <<'PY'
import sys, urllib.parse
queries = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
print("paths = {")
for q in queries:
    path = "/api/search?q=" + urllib.parse.quote_plus(q)
    print('  "%s",' % path.replace("\\", "\\\\").replace('"', '\\"'))
print("}")
print("distinct = %s" % ("true" if sys.argv[2] == "1" else "false"))
print("""counter = 0
setup = function(thread) thread:set("offset", math.random(0, 1000000)) end
init = function() counter = offset * 97 end
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if distinct then path = path .. string.rep("+", math.floor(counter / #paths) % 900 + 1) end
  return wrk.format("GET", path)
end""")
PY
}

# wrk's figures: requests/s, p50 and p99 (ms), requests, errors (socket errors and
# non-2xx answers).
run_wrk() {
  local name=$1 distinct=$2
  log "wrk: $name, ${DURATION}s, $WRK_THREADS threads, $WRK_CONNECTIONS connections"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/queries-$distinct.lua" "$URL" \
    >"$WORK/wrk-$name.txt"
  python3 - "$WORK/wrk-$name.txt" >"$WORK/$name.figures" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
errors = 0
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
if m: errors += sum(int(x) for x in m.groups())
m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if m: errors += int(m.group(1))
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {requests} {errors}")
PY
}

main() {
  [[ $POSTS =~ ^[1-9][0-9]*$ ]] || die "POSTS must be a positive integer, not '$POSTS'"
  [[ $DURATION =~ ^[1-9][0-9]*$ ]] || die "DURATION must be a positive integer"
  ensure_command wrk wrk
  build_targets clubsearch_bench_corpus clubsearch clubsearch-serve
  prepare_corpus
  prepare_index "$BUILD_DIR/cli/clubsearch"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-serve-bench.XXXXXX")
  write_lua 0
  write_lua 1
  local load_start threads=()
  load_start=$(load_average)
  ((SERVER_THREADS == 0)) || threads=(--threads "$SERVER_THREADS")
  # One server's runs: its memory once started, a warm-up pass, the repeated and the
  # distinct run, its memory after them. $1: the clubsearch binary; $2: a name.
  serve_runs() {
    start_server "$1" "$DB" "$WORK" "${threads[@]}"
    read -r "${2}_rss0" "${2}_anon0" "${2}_file0" <<<"$(server_memory)"
    # The repeated run measures the steady state: one short untimed pass first, so that
    # the first answer to each query (a search) is not in its figures.
    log "warm-up: one untimed pass of the query set ($2)"
    wrk -t1 -c1 -d2s -s "$WORK/queries-0.lua" "$URL" >/dev/null
    run_wrk "$2-repeated" 0
    run_wrk "$2-distinct" 1
    read -r "${2}_rss1" "${2}_anon1" "${2}_file1" <<<"$(server_memory)"
    stop_server
  }
  serve_runs "$BUILD_DIR/cli/clubsearch" this
  [[ -z $BASELINE_CLUBSEARCH ]] || serve_runs "$BASELINE_CLUBSEARCH" baseline
  read -r r_rps r_p50 r_p99 r_n r_err <"$WORK/this-repeated.figures"
  read -r d_rps d_p50 d_p99 d_n d_err <"$WORK/this-distinct.figures"
  local baseline_rows=
  if [[ -n $BASELINE_CLUBSEARCH ]]; then
    local b_rps b_p50 b_p99 b_n b_err
    read -r b_rps b_p50 b_p99 b_n b_err <"$WORK/baseline-distinct.figures"
    baseline_rows="| baseline \`$BASELINE_CLUBSEARCH\`: distinct queries | $b_rps | $b_p50 | $b_p99 | $b_n | $b_err |"
  fi
  mkdir -p -- "$(dirname -- "$OUT")"
  cat >"$OUT" <<REPORT
# Server benchmark

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $(nproc) cores, $(memory_gib) RAM; wrk and the server share it
- Load average at the start: $load_start; at the end: $(load_average)
- Commit: $(git_commit); build: $(build_type)
- Index: $DB ($POSTS synthetic posts)
- Queries: $(grep -cv '^\s*\(#\|$\)' "$QUERIES") from \`bench/queries.txt\`, round-robin, on \`/api/search\` (every facet counted)

## Command

\`\`\`sh
clubsearch --db DB serve --listen 127.0.0.1:0 --quiet ${threads[*]}
wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${DURATION}s --latency -s QUERIES.lua URL
\`\`\`

## Results

| Run | Requests/s | p50 (ms) | p99 (ms) | Requests | Errors |
|---|---:|---:|---:|---:|---:|
| repeated queries (answered from the cache, after a warm-up pass) | $r_rps | $r_p50 | $r_p99 | $r_n | $r_err |
| distinct queries (every request searched) | $d_rps | $d_p50 | $d_p99 | $d_n | $d_err |
$baseline_rows

## Server memory

Resident memory of the server process (MiB; anonymous memory, and file pages such as
the mapped facet columns and Xapian's libraries), once started and after the runs above,
with ${SERVER_THREADS/#0/one per core} searching threads and $WRK_CONNECTIONS connections.

| Server | RSS at start | RSS after | anonymous after | file after |
|---|---:|---:|---:|---:|
| this build | $this_rss0 | $this_rss1 | $this_anon1 | $this_file1 |
${BASELINE_CLUBSEARCH:+| baseline | $baseline_rss0 | $baseline_rss1 | $baseline_anon1 | $baseline_file1 |}

| Target | repeated | distinct |
|---|---|---|
| at least $TARGET_RPS requests/s | $(verdict "$r_rps >= $TARGET_RPS") | $(verdict "$d_rps >= $TARGET_RPS") |
| p99 under $TARGET_P99_MS ms | $(verdict "$r_p99 < $TARGET_P99_MS") | $(verdict "$d_p99 < $TARGET_P99_MS") |
| zero errors | $(verdict "$r_err == 0") | $(verdict "$d_err == 0") |

A distinct search costs what query_bench.sh measures in process with all facets
(bench/results/query.md), plus serialising about 30 KB of JSON; with two cores shared
with wrk, that bounds the distinct run.
REPORT
  cat -- "$OUT"
}

main "$@"
