#!/usr/bin/env bash
# CTest's e2e.browser, e2e.static, e2e.static.range and e2e.embed: the browser tests of
# the search page as the server serves it (page.test.mjs) and as a static host does
# (static.test.mjs; range.test.mjs for a large index read in blocks, which takes the
# corpus generator in CLUBSEARCH_BENCH_CORPUS), and of the search box for a blog's theme
# on a Hugo site (embed.test.mjs, which needs Debian's hugo).
#
#   tests/browser/run.sh page|static|range|embed CLUBSEARCH DATA_DIR HOSTILE_SITE_DIR ARTIFACTS_DIR
#
# Checks that Node.js, npm and Chromium are installed (a missing one fails the test
# with a message; it is never skipped), installs playwright-core from
# package-lock.json with `npm ci` when node_modules is missing or older than
# package.json or package-lock.json, then runs the tests on Debian's Chromium
# (/usr/bin/chromium, or $CHROMIUM). No browser is downloaded.
set -euo pipefail

[[ $# -eq 5 && ($1 == page || $1 == static || $1 == range || $1 == embed) ]] || {
  echo "usage: $0 page|static|range|embed CLUBSEARCH DATA_DIR HOSTILE_SITE_DIR ARTIFACTS_DIR" >&2
  exit 2
}
suite=$1
shift
fail() {
  local name=${suite/page/browser}
  echo "e2e.${name/range/static.range} FAILED: $*" >&2
  exit 1
}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

command -v node >/dev/null ||
  fail "node is not installed: install the Debian packages nodejs and npm (quickstart.sh does)"
command -v npm >/dev/null ||
  fail "npm is not installed: install the Debian package npm (quickstart.sh does)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 18)) || fail "Node.js $(node --version) is too old: playwright-core needs 18 or later"
[[ -x $chromium ]] ||
  fail "no Chromium at $chromium: install the Debian package chromium (quickstart.sh does), or set CHROMIUM"
[[ -x $1 ]] || fail "no clubsearch binary at $1: build first (ninja -C build)"
[[ $suite != embed ]] || command -v hugo >/dev/null ||
  fail "hugo is not installed: install the Debian package hugo (quickstart.sh's test set-up does)"

cd "$here"
# One `npm ci` at a time, should two builds' tests run at once (flock on the lock file).
exec 9<package-lock.json
flock 9
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ||
      package.json -nt node_modules/.package-lock.json ]]; then
  echo "==> npm ci in $here"
  npm ci --no-audit --no-fund ||
    fail "npm ci failed in $here (is the npm registry reachable? playwright-core comes from it)"
fi
flock -u 9
exec 9<&-

exec node "$suite.test.mjs" --clubsearch "$1" --data "$2" --hostile "$3" --artifacts "$4" --chromium "$chromium"
