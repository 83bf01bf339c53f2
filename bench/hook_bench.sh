#!/usr/bin/env bash
# hook_bench.sh: the time from `git commit` of one new post to a running `clubsearch
# serve` returning it, on a git repository of the synthetic corpus (the one
# query_bench.sh generates) with `clubsearch hook install`ed, and writes a Markdown
# report. The repository, the index and the server are copies in a temporary folder.
#
# Environment (all optional):
#   BUILD_DIR  CMake build directory (default: build-release at the repository root)
#   POSTS      synthetic posts (default: 10000)
#   COMMITS    timed commits (default: 9)
#   OUT        report (default: bench/results/hook.md)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BUILD_DIR=$(realpath -m -- "${BUILD_DIR:-$ROOT/build-release}")
POSTS=${POSTS:-10000}
COMMITS=${COMMITS:-9}
OUT=$(realpath -m -- "${OUT:-$ROOT/bench/results/hook.md}")
TARGET_MS=500
corpus_paths
WORK=

cleanup() {
  stop_server
  # An interrupted index build leaves only a partial folder, never a cached index.
  rm -rf -- "$DB.partial"
  # The hooks' background runs may still be writing the copy: let them finish first.
  if [[ -n $WORK ]]; then
    for _ in $(seq 100); do pgrep -f -- "--db $WORK/db index" >/dev/null || break; sleep 0.1; done
    rm -rf -- "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

main() {
  [[ $POSTS =~ ^[1-9][0-9]*$ ]] || die "POSTS must be a positive integer, not '$POSTS'"
  [[ $COMMITS =~ ^[1-9][0-9]*$ ]] || die "COMMITS must be a positive integer"
  command -v git >/dev/null || die "git is needed"
  local clubsearch=$BUILD_DIR/cli/clubsearch
  build_targets clubsearch_bench_corpus clubsearch clubsearch-serve
  prepare_corpus
  prepare_index "$clubsearch"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/clubsearch-hook-bench.XXXXXX")
  log "copying the corpus into a git repository and the index beside it"
  cp -r -- "$CORPUS/site" "$WORK/blog"
  cp -r -- "$DB" "$WORK/db"
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=bench \
    GIT_COMMITTER_EMAIL=bench@example.org GIT_CONFIG_NOSYSTEM=1
  git -C "$WORK/blog" init -q
  git -C "$WORK/blog" add -A
  git -C "$WORK/blog" commit -q -m "the corpus"
  # The copied index was built from the same files: bring it up to date with the copy's
  # paths before timing (the first run after a move re-reads signatures).
  "$clubsearch" --db "$WORK/db" index "$WORK/blog" --quiet
  "$clubsearch" --db "$WORK/db" hook install --repo "$WORK/blog" >/dev/null

  start_server "$clubsearch" "$WORK/db" "$WORK"

  log "timing $COMMITS commits, each of one new post, until the server returns it"
  python3 - "$WORK/blog" "$URL" "$COMMITS" >"$WORK/times.txt" <<'PY'
import json, os, subprocess, sys, time, urllib.request
blog, url, commits = sys.argv[1], sys.argv[2], int(sys.argv[3])
posts = os.path.join(blog, "content", "journal-club")
def total(word):
    with urllib.request.urlopen(f"{url}api/search?q={word}&per_page=1") as response:
        return json.load(response)["total"]
for i in range(commits):
    word = f"hookbench{i}zq"
    with open(os.path.join(posts, f"hook-bench-{i}.md"), "w") as post:
        post.write(f'+++\ntitle = "Hook bench {i}"\ndate = 2026-11-{10 + i:02d}\n+++\n\n'
                   f"#### [A {word} paper](https://example.org/{word})\n\nThe {word} commentary.\n")
    subprocess.run(["git", "-C", blog, "add", "-A"], check=True)
    started = time.perf_counter()
    subprocess.run(["git", "-C", blog, "commit", "-q", "-m", word], check=True)
    committed = time.perf_counter()
    while total(word) < 1:
        if time.perf_counter() - started > 30:
            sys.exit(f"{word}: not found after 30 s")
        time.sleep(0.002)
    found = time.perf_counter()
    print(f"{(found - started) * 1000:.1f} {(committed - started) * 1000:.1f}")
    time.sleep(0.5)  # let the run finish before the next commit
PY
  local summary
  summary=$(sort -n "$WORK/times.txt" | awk '{ t[NR] = $1; c += $2 } END {
    printf "%.0f %.0f %.0f %.0f", t[int((NR + 1) / 2)], t[1], t[NR], c / NR }')
  read -r median low high commit_ms <<<"$summary"
  mkdir -p -- "$(dirname -- "$OUT")"
  cat >"$OUT" <<REPORT
# Hook benchmark: git commit to the running server returning the post

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $(nproc) cores; load average at the end: $(load_average)
- Commit: $(git_commit); build: $(build_type)
- Repository: the synthetic corpus ($POSTS posts) in git, its index, \`clubsearch hook install\`ed,
  and \`clubsearch serve\` on the index

## Command

\`\`\`sh
BUILD_DIR=$(realpath --relative-to="$ROOT" "$BUILD_DIR") bench/hook_bench.sh
\`\`\`

Each of $COMMITS commits adds one new post; the time runs from just before \`git commit\`
until \`/api/search\` on the running server returns the post (polled every 2 ms). It
holds the commit itself (the post-commit hook starts \`clubsearch index --queue\` in the
background and returns), the incremental index run, and the server noticing the new
revision.

## Results

| | ms |
|---|---:|
| median | $median |
| fastest | $low |
| slowest | $high |
| \`git commit\` alone (mean) | $commit_ms |

| Target | Measured | Result |
|---|---|---|
| commit to found under $TARGET_MS ms (median) | $median ms | $(verdict "$median < $TARGET_MS") |

Every sample (ms, commit to found):
$(awk '{ printf "%s ", $1 }' "$WORK/times.txt")
REPORT
  cat -- "$OUT"
}

main "$@"
