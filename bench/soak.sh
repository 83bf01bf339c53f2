#!/usr/bin/env bash
# bench/soak.sh: load on `clubsearch serve` for a while (600 s by default) as its blog is
# changed and reindexed every second and rebuilt every minute; counts requests, errors,
# answers from a half-updated index, and follows the server's memory.
#
#   bench/soak.sh [SECONDS]
#   BUILD_DIR=build-release POSTS=2000 OUT=/tmp/soak.md bench/soak.sh 60
#
# On loopback only: wrk (the Debian package, installed if missing) asks /api/search for
# the queries of bench/queries.txt with filters and sorts, every request a new search,
# over WRK_CONNECTIONS kept-alive connections, while bench/soak_check.py edits one post
# and adds or deletes another every second (each change followed by POST /api/reindex
# with the token, the path a deploy or the git hooks take), runs `clubsearch index
# --full --queue` on the served index every minute, checks every answer about the two posts
# against what one revision of the index holds, and samples the server's VmRSS.
#
# Environment (all optional):
#   BUILD_DIR        CMake build directory (default: build-release at the repository root)
#   POSTS            synthetic posts in the blog (default: 1000)
#   WRK_THREADS      wrk threads (default: 2)
#   WRK_CONNECTIONS  connections (default: 8)
#   CHECKERS         threads of the checker asking about the two posts (default: 2)
#   OUT              report (default: bench/results/soak.md)
#   CLUBSEARCH       the clubsearch program to soak (default: BUILD_DIR's), e.g. a copy of
#                    an earlier build's cli/ folder to compare with
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

DURATION=${1:-600}
BUILD_DIR=$(realpath -m -- "${BUILD_DIR:-$ROOT/build-release}")
POSTS=${POSTS:-1000}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-8}
CHECKERS=${CHECKERS:-2}
OUT=$(realpath -m -- "${OUT:-$ROOT/bench/results/soak.md}")
QUERIES=$ROOT/bench/queries.txt
corpus_paths

WORK=
WRK_PID=

cleanup() {
  if [[ -n $WRK_PID ]]; then
    kill -TERM "$WRK_PID" 2>/dev/null || true
    wait "$WRK_PID" 2>/dev/null || true
  fi
  stop_server
  if [[ -n $WORK ]]; then rm -rf -- "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The wrk script: each query of the set with one of a few filter and sort suffixes in
# turn, and trailing spaces (which the query layer trims) that make every request a
# search no earlier one asked, so none is answered from the cache.
write_lua() {
  python3 - "$QUERIES" >"$WORK/queries.lua" <<'PY'
import sys, urllib.parse
queries = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
suffixes = ["", "&kind=paper", "&source=arxiv", "&year=2024", "&sort=newest", "&group=1", "&sort=oldest",
            "&section=notes&per_page=20"]
paths = ["/api/search?q=" + urllib.parse.quote_plus(q) + suffixes[i % len(suffixes)] for i, q in enumerate(queries)]
# Later pages of common words.
paths += ["/api/search?q=%s&page=%d" % (q, page) for q in ("model", "training", "evaluation") for page in (2, 5)]
print("paths = {")
for path in paths:
    print('  "%s",' % path.replace("\\", "\\\\").replace('"', '\\"'))
print("}")
print("""counter = 0
setup = function(thread) thread:set("offset", math.random(0, 1000000)) end
init = function() counter = offset * 97 end
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local q, rest = path:match("^([^&]*)(.*)$")
  return wrk.format("GET", q .. string.rep("+", math.floor(counter / #paths) % 900 + 1) .. rest)
end""")
PY
}

# Every path of the wrk script answers 200 before the soak, so that an error in the
# soak is the server's, not a request the API refuses anyway.
check_paths() {
  python3 - "$WORK/queries.lua" "$URL" <<'PY'
import re, sys, urllib.request, urllib.error
paths = re.findall(r'^  "(.*)",$', open(sys.argv[1], encoding="utf-8").read(), re.M)
for path in paths:
    try:
        urllib.request.urlopen(sys.argv[2] + path.replace('\\"', '"').replace("\\\\", "\\"), timeout=30).read()
    except urllib.error.HTTPError as error:
        sys.exit(f"{path}: {error.code} {error.read()[:300]!r}")
print(len(paths))
PY
}

main() {
  [[ $DURATION =~ ^[1-9][0-9]*$ ]] || die "the duration is a number of seconds, not '$DURATION'"
  [[ $POSTS =~ ^[1-9][0-9]*$ ]] || die "POSTS must be a positive integer, not '$POSTS'"
  ensure_command wrk wrk
  build_targets clubsearch_bench_corpus clubsearch clubsearch-index clubsearch-serve
  prepare_corpus
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-soak.XXXXXX")
  local clubsearch=${CLUBSEARCH:-$BUILD_DIR/cli/clubsearch} content=$WORK/site/content db=$WORK/index
  cp -r -- "$CORPUS/site" "$WORK/site"
  # The marker post is in the index from the start (generation 0); the toggled one is not.
  python3 "$ROOT/bench/soak_check.py" --initial --content "$content" --posts "$content/journal-club"
  log "indexing $POSTS posts into $db"
  quietly "$clubsearch" index "$content" --db "$db" --full --quiet
  write_lua
  local token
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  CLUBSEARCH_REINDEX_TOKEN=$token start_server "$clubsearch" "$db" "$WORK" --content "$content"
  URL=${URL%/}
  log "checking every path of the load once"
  local paths
  paths=$(check_paths) || die "a path of the load is refused: $paths"
  local load_start
  load_start=$(load_average)
  log "soak: ${DURATION}s, wrk $WRK_THREADS threads $WRK_CONNECTIONS connections, $CHECKERS checkers, $URL"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$WORK/queries.lua" \
    "$URL" >"$WORK/wrk.txt" &
  WRK_PID=$!
  python3 "$ROOT/bench/soak_check.py" --url "$URL" --token "$token" --clubsearch "$clubsearch" --db "$db" \
    --content "$content" --posts "$content/journal-club" --server-pid "$SERVER_PID" --duration "$DURATION" \
    --checkers "$CHECKERS" >"$WORK/check.json"
  wait "$WRK_PID"
  WRK_PID=
  local load_end
  load_end=$(load_average)
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server ended: $(cat -- "$WORK/server.err")"
  stop_server
  mkdir -p -- "$(dirname -- "$OUT")"
  python3 - "$WORK/wrk.txt" "$WORK/check.json" "$WORK/server.err" >"$WORK/figures.md" <<'PY'
import json, re, sys
wrk = open(sys.argv[1]).read()
check = json.load(open(sys.argv[2]))
server_err = open(sys.argv[3], errors="replace").read().splitlines()
requests = int(re.search(r"(\d+) requests in", wrk).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", wrk)
socket_errors = sum(int(x) for x in socket.groups()) if socket else 0
m = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
non_2xx = int(m.group(1)) if m else 0
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), wrk, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rss = check["rss_kib"]
first, last = rss[0][1] / 1024, rss[-1][1] / 1024
peak = max(r for _, r in rss) / 1024
minute = next((r for t, r in rss if t >= 60), rss[-1][1]) / 1024
half = [r for t, r in rss if t >= rss[-1][0] / 2]
errors = socket_errors + non_2xx + check["errors"] + check["reindex_errors"]
print("| | |\n|---|---:|")
print(f"| load requests (wrk) | {requests} ({rps:.0f}/s, p50 {ms('50%'):.1f} ms, p99 {ms('99%'):.1f} ms) |")
print(f"| load errors: socket / non-2xx | {socket_errors} / {non_2xx} |")
print(f"| checker answers (marker / toggled post) | {check['checks']} ({check['marker_checks']} / {check['toggled_checks']}) |")
print(f"| toggled post answered present / absent | {check['toggled_present_answers']} / {check['toggled_absent_answers']} |")
print(f"| checker errors (failed requests, lost changes) | {check['errors']} |")
print(f"| **half-updated answers** | **{check['half_updated']}** |")
print(f"| answers older than one the same thread had seen | {check['went_back']} |")
print(f"| edits / adds and deletes / POST /api/reindex (refused) | {check['edits']} / {check['toggles']} / {check['reindex_requests']} ({check['reindex_errors']}) |")
run_at_once = ", ".join(str(s) for s in check["full_rebuild_seconds"]) or "-"
print(f"| full rebuilds asked / queued behind a run (seconds of those run at once) | {check['full_rebuilds_asked']} / {check['full_rebuilds_queued']} ({run_at_once}) |")
print(f"| index generations (the first and one per rebuild done) | {check['index_generations']} |")
print(f"| generations written / seen answered | {check['generations_written']} / {check['generations_answered']} |")
print(f"| edit to first answer, median / max (ms) | {check.get('lag_ms_median', '-')} / {check.get('lag_ms_max', '-')} |")
settled = check.get("last_generation_answered_after_s")
print(f"| last edit answered, after the soak's end (s) | {'never (within 300 s)' if settled is None else settled} |")
print(f"| server VmRSS (MiB): start / after 60 s / end / peak | {first:.1f} / {minute:.1f} / {last:.1f} / {peak:.1f} |")
print(f"| server VmRSS over the second half (MiB): min / max | {min(half) / 1024:.1f} / {max(half) / 1024:.1f} |")
print(f"| **errors in all** | **{errors}** |")
failures = [l for l in server_err if "reindex" in l or "error" in l.lower()]
print("\nServer VmRSS (MiB) every minute: " +
      ", ".join(f"{t:.0f} s {r / 1024:.1f}" for t, r in rss if round(t) % 60 < 5 or t == rss[-1][0]))
if failures:
    print("\nThe server's stderr held %d lines about failures; the first:\n" % len(failures))
    print("```\n" + "\n".join(failures[:10]) + "\n```")
if check["examples"]:
    print("\nFirst failed checks:\n\n```")
    for example in check["examples"][:5]:
        print(json.dumps(example)[:1500])
    print("```")
PY
  cat >"$OUT" <<REPORT
# Soak: load while the index is changed every second and rebuilt every minute

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); ${DURATION} s
- Machine: $(machine_description); wrk, the checker, the indexer and the server share it
- Load average at the start: $load_start; at the end: $load_end
- Commit: $(git_commit); build: $(build_type)
- Blog: $POSTS synthetic posts (seed $SEED) and the soak's two posts; index rebuilt from them first
- Load: $paths paths (\`bench/queries.txt\` with filters, sorts, grouping and pages) on \`/api/search\`, every request a new search

## Command

\`\`\`sh
$(realpath --relative-to="$ROOT" -- "$0") $DURATION   # BUILD_DIR=$BUILD_DIR POSTS=$POSTS WRK_CONNECTIONS=$WRK_CONNECTIONS CHECKERS=$CHECKERS
# which runs:
CLUBSEARCH_REINDEX_TOKEN=T clubsearch --db DB serve --listen 127.0.0.1:0 --quiet --content CONTENT
wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${DURATION}s --timeout 10s --latency -s QUERIES.lua URL
bench/soak_check.py --duration $DURATION --checkers $CHECKERS …   # every second: edit, add or delete, POST /api/reindex; every minute: index --full --queue
\`\`\`

## Results

$(cat -- "$WORK/figures.md")

## What is checked

Every second the marker post is edited (generation N: \`soakgenN\` in its title and each of
its three entries' headings, \`soakbodyN\` in their text, \`soakintroN\` in its intro, and a
date in 2023 for an even N, 2024 for an odd one) and the toggled post is added or
deleted, then \`POST /api/reindex\` runs the indexer (queued behind a run in progress);
every minute \`clubsearch index --full --queue\` asks for a rebuild, done at once or by the
run writing the index.
An answer to \`q=soakpin\` is **half-updated** unless it holds exactly the marker post's
four documents, all showing one generation in titles, headings, snippets and dates, with
a year facet of that generation's year counting all four; an answer to \`q=soakdelpin\`
unless it holds none of the toggled post's documents or all three of one generation,
likewise. This is what the index promises: each search reads one committed revision and
that revision's facet columns. An answer older than one the same checker thread had
already seen is counted apart: the server looks for a new revision every 20 ms, so a
searcher opened just before it noticed may answer from the previous one.
REPORT
  cat -- "$OUT"
  grep -q '^| \*\*half-updated answers\*\* | \*\*0\*\* |$' "$OUT" && grep -q '^| \*\*errors in all\*\* | \*\*0\*\* |$' "$OUT" ||
    die "the soak found errors or half-updated answers (see $OUT)"
}

main "$@"
