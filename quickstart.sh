#!/usr/bin/env bash
# Sets up clubsearch on a Debian machine and runs it: installs the missing Debian
# packages, builds, and then either indexes the bundled sample blog and serves its
# search page, printing the URL (`demo`), or runs the whole test suite (`test`). Run as
# root, or as a user with sudo.
set -euo pipefail

usage() {
  echo "usage: $0 demo | test" >&2
  exit 2
}
[[ $# -eq 1 ]] || usage
mode=$1
[[ $mode == demo || $mode == test ]] || usage

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

# Everything the build, the tests and the benchmarks need, all from Debian.
packages=(
  g++ cmake ninja-build pkg-config git
  libxapian-dev xapian-tools libcmark-dev libtomlplusplus-dev libcpp-httplib-dev libcli11-dev
  doctest-dev libyaml-cpp-dev nlohmann-json3-dev libpsl-dev publicsuffix libxxhash-dev
  libicu-dev liburiparser-dev libjemalloc-dev libsqlite3-dev zlib1g-dev python3-jsonschema bibutils
  nodejs npm chromium iproute2 util-linux
)
# The test suite also builds with clang: the sanitizer suite's build is clang's, with
# libFuzzer, so that it fuzzes each target for a while too (tests/fuzz/).
# The embed's browser test builds a Hugo site with Debian's hugo.
test_packages=(clang libclang-rt-14-dev hugo)

# Whether a package, or an installed package that provides it, is there: NodeSource's
# nodejs, for one, provides npm and conflicts with Debian's.
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" && return
  dpkg-query -W -f='${Status}\t${Provides}\n' 2>/dev/null | grep "^install ok installed" | cut -f2 |
    tr ',' '\n' | sed 's/(.*//; s/ //g' | grep -xF "$1" >/dev/null
}

install_missing() {
  local missing=()
  [[ $mode == test ]] && packages+=("${test_packages[@]}")
  for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return
  echo "==> installing ${missing[*]}"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
  local dir=$1
  shift
  echo "==> building in $dir"
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir"
}

install_missing

if [[ $mode == demo ]]; then
  build "$root/build"
  index="$root/build/demo-index"
  echo "==> indexing the sample blog in data/"
  "$root/build/cli/clubsearch" --db "$index" index "$root/data"
  # Port 8080 if it is free, else any free port; the server prints the URL it took.
  listen=127.0.0.1:8080
  if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then listen=127.0.0.1:0; fi
  echo "==> serving the search page (from the terminal: $root/build/cli/clubsearch --db $index 'your words')"
  echo "    open the URL below; stop with Ctrl-C"
  exec "$root/build/cli/clubsearch" --db "$index" serve --listen "$listen"
else
  # The test build includes the WebAssembly engine (wasm/deps.sh installs emscripten and
  # builds its libraries once into build/wasm-deps/), which wasm.parity tests, and the
  # suites under the sanitizers: ASan+UBSan (with the fuzz targets fuzzed for a while) and
  # TSan, each in a build of its own inside build/.
  build "$root/build" -DCLUBSEARCH_WERROR=ON -DCLUBSEARCH_WASM=ON -DCLUBSEARCH_TSAN_SUITE=ON
  echo "==> running the tests"
  cd "$root/build"
  exec ctest --output-on-failure --timeout 1700
fi
