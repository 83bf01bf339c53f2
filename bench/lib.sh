# shellcheck shell=bash
# bench/lib.sh: what the benchmark scripts share. Each sources it (it is not run on its
# own) right after `set -euo pipefail`:
#
#   source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
#
# It sets ROOT (the repository) and SEED, and gives: log and die, Debian package
# installation, quiet build steps, the synthetic corpus and its index (made once per
# build directory and reused by every script), a server on a free port, the machine
# and commit for a report, and number formatting. Functions read BUILD_DIR and POSTS,
# which the script sets first.

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
SEED=1
BENCH_NAME=$(basename -- "$0" .sh)
SERVER_PID=

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# ---------------------------------------------------------------------------------
# Packages and builds

# Installs the Debian package $2 when the command $1 is missing.
ensure_command() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return
  log "installing the Debian package $package (for $command)"
  local sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "$package" >/dev/null
}

# Like ensure_command, but going without the command when it cannot be installed.
try_command() {
  command -v "$1" >/dev/null && return
  (ensure_command "$@") 2>/dev/null || log "$1 is not available; going on without it"
  command -v "$1" >/dev/null
}

# Runs a build step quietly; its output is shown only when it fails.
quietly() {
  local output
  if ! output=$("$@" 2>&1); then
    tail -n 40 <<<"$output" >&2
    die "failed: $*"
  fi
}

# Builds the targets given in BUILD_DIR, configured as Release first if it has no cache.
build_targets() {
  if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
    log "configuring $BUILD_DIR (Release)"
    quietly cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  log "building $*"
  quietly cmake --build "$BUILD_DIR" --target "$@"
}

# ---------------------------------------------------------------------------------
# The synthetic corpus and its index

# Sets where they are for POSTS posts: GENERATOR (clubsearch_bench_corpus), CORPUS (its
# output: site/, scriptindex.dump, totals.txt) and DB (clubsearch's index of it).
corpus_paths() {
  GENERATOR=$BUILD_DIR/bench/clubsearch_bench_corpus
  CORPUS=$BUILD_DIR/bench-corpus-$POSTS-seed$SEED
  DB=$BUILD_DIR/bench-index-$POSTS-seed$SEED
}

# Generates into a temporary directory and renames it, so an interrupted run never
# leaves a half-written corpus that later runs would reuse. A corpus older than the
# generator binary is made again.
prepare_corpus() {
  if [[ -f $CORPUS/totals.txt && $CORPUS/totals.txt -nt $GENERATOR ]]; then
    log "reusing the corpus in $CORPUS"
    return
  fi
  log "generating $POSTS posts into $CORPUS"
  rm -rf -- "$CORPUS" "$CORPUS.partial"
  mkdir -p -- "$CORPUS.partial"
  "$GENERATOR" --out "$CORPUS.partial/site" --posts "$POSTS" --seed "$SEED" \
    --scriptindex-dump "$CORPUS.partial/scriptindex.dump" >"$CORPUS.partial/totals.txt"
  mv -- "$CORPUS.partial" "$CORPUS"
}

# The index ($1: the clubsearch binary) is reused when it is newer than the corpus and
# this clubsearch can read it (same schema version); otherwise it is built again, in a
# temporary folder renamed when complete.
prepare_index() {
  local clubsearch=$1
  if [[ -f $DB/XAPIANDB && $DB/XAPIANDB -nt $CORPUS/totals.txt ]] &&
    "$clubsearch" --db "$DB" stats >/dev/null 2>&1; then
    log "reusing the index in $DB"
    return
  fi
  log "indexing the corpus into $DB"
  rm -rf -- "$DB" "$DB.partial"
  quietly "$clubsearch" index "$CORPUS/site/content" --db "$DB.partial" --full --quiet
  mv -- "$DB.partial" "$DB"
}

# ---------------------------------------------------------------------------------
# A server

# Starts `$1 --db $2 serve --listen 127.0.0.1:0 --quiet`, its output in folder $3, and
# waits (30 s at most) for the URL it prints: sets SERVER_PID and URL.
start_server() {
  local clubsearch=$1 db=$2 dir=$3
  shift 3
  # Any further arguments are the serve command's (--threads N).
  "$clubsearch" --db "$db" serve --listen 127.0.0.1:0 --quiet "$@" >"$dir/server.out" 2>"$dir/server.err" &
  SERVER_PID=$!
  for _ in $(seq 300); do
    URL=$(grep -o 'http://[^ ]*' "$dir/server.out" 2>/dev/null || true)
    [[ -n $URL ]] && return
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server ended: $(cat -- "$dir/server.err")"
    sleep 0.1
  done
  die "the server printed no URL: $(cat -- "$dir/server.err")"
}

# The resident memory of the server start_server started (it is `clubsearch serve`'s own
# process, which becomes clubsearch-serve): "RSS ANON FILE" in MiB.
server_memory() {
  awk '/^VmRSS/ { rss = $2 } /^RssAnon/ { anon = $2 } /^RssFile/ { file = $2 }
       END { printf "%.1f %.1f %.1f", rss / 1024, anon / 1024, file / 1024 }' "/proc/$SERVER_PID/status"
}

# Stops the server start_server started, if any (SIGTERM, then waits for it).
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# ---------------------------------------------------------------------------------
# Reports

# "2 cores, <CPU model>, 7.8 GiB RAM, Linux 6.1.0-…"
machine_description() {
  echo "$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(memory_gib) RAM, $(uname -sr)"
}
memory_gib() { awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
build_type() { sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt"; }

# The commit measured, marked when the working tree has other changes.
git_commit() {
  local commit
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) || {
    echo unknown
    return
  }
  # The report being written is not a change to the code measured.
  if [[ -n $(git -C "$ROOT" status --porcelain -- . ":(exclude)bench/results" 2>/dev/null) ]]; then
    commit+=" (with uncommitted changes)"
  fi
  echo "$commit"
}

# Formats with awk: bash has no floating point. calc EXPRESSION [DECIMALS]
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# PASS when the awk condition holds, else FAIL.
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }
