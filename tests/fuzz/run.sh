#!/usr/bin/env bash
# Fuzzing clubsearch's parsers with libFuzzer (Debian's clang and libclang-rt-dev).
#
#   tests/fuzz/run.sh TARGET SECONDS [BUILD_DIR]   fuzz one target (post, search, api,
#                                                  site_config) for SECONDS; JOBS=N runs
#                                                  N processes (libFuzzer's -fork)
#   tests/fuzz/run.sh bounded SECONDS BUILD_DIR    each target for SECONDS (the fuzz.bounded
#                                                  test); 77 when clang or libFuzzer is missing
#   tests/fuzz/run.sh replay TARGET PROGRAM        the target's seeds and reproducers through
#                                                  its replay program (fuzz.replay.TARGET)
#
# BUILD_DIR (default: build/fuzz) is a clang build with -DCLUBSEARCH_FUZZ=ON, configured
# here when missing. The corpus grows in BUILD_DIR/corpus/TARGET, seeded from data/ and
# tests/fixtures/; a crash's input is written to BUILD_DIR/crashes/TARGET/. A reproducer
# goes to tests/fuzz/regressions/TARGET/, which every replay runs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
targets=(post search api site_config)

usage() {
  sed -n '3,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# The files a target starts from: what the project's own tests feed the same code.
seeds() {
  case $1 in
    post) echo "$root/data/content $root/tests/fixtures" ;;
    search) echo "$here/seeds/search" ;;
    api) echo "$here/seeds/api" ;;
    site_config)
      echo "$root/data/config.toml $root/tests/fixtures/sites/zola/config.toml" \
        "$root/tests/fixtures/sites/hugo/config $root/tests/fixtures/sites/jekyll/_config.yml" \
        "$root/tests/fixtures/hostile-site/config.toml $root/tests/fixtures/pasted-links-site/config.toml"
      ;;
    *)
      echo "run.sh: no fuzz target '$1' (${targets[*]})" >&2
      exit 2
      ;;
  esac
  [[ -d $here/regressions/$1 ]] && echo "$here/regressions/$1"
  return 0
}

# The longest input a target takes: a post file, or a request target the server reads.
max_len() {
  case $1 in
    post) echo 65536 ;;
    site_config) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

fuzzer_available() {
  command -v clang++ >/dev/null &&
    compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null
}

build() {
  local dir=$1
  shift
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  if [[ ! -f $dir/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCLUBSEARCH_FUZZ=ON -DCLUBSEARCH_SANITIZER_SUITE=OFF -DCLUBSEARCH_WERROR=ON "${launcher[@]}" >/dev/null
  fi
  cmake --build "$dir" --parallel 2 --target "${@/#/fuzz_}"
}

# Runs the built target for `seconds`; its corpus starts as a copy of the seeds.
fuzz() {
  local dir=$1 target=$2 seconds=$3
  local corpus=$dir/corpus/$target crashes=$dir/crashes/$target
  mkdir -p "$corpus" "$crashes"
  local seed
  for seed in $(seeds "$target"); do
    if [[ -d $seed ]]; then
      find "$seed" -type f -size -$(($(max_len "$target") / 1024))k -exec cp -n -t "$corpus" {} + 2>/dev/null || true
    else
      cp -n "$seed" "$corpus/"
    fi
  done
  local options=()
  [[ -f $here/$target.dict ]] && options+=(-dict="$here/$target.dict")
  local parallel=()
  [[ ${JOBS:-1} -gt 1 ]] && parallel=(-fork="$JOBS" -ignore_crashes=0)
  echo "==> fuzzing $target for ${seconds}s (corpus $corpus)"
  # The search index is built in LLVMFuzzerInitialize; libFuzzer's own time-out per input
  # is 10 s: bounded work per request is a promise of the server. A crash, leak or
  # time-out exits 1 (libFuzzer's own 77 would read as "skipped" to CTest).
  "$dir/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
    -error_exitcode=1 -timeout_exitcode=1 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" "${options[@]}" "${parallel[@]}" "$corpus"
}

[[ $# -ge 1 ]] || usage
case $1 in
  replay)
    [[ $# -eq 3 ]] || usage
    # shellcheck disable=SC2046
    exec "$3" $(seeds "$2")
    ;;
  bounded)
    [[ $# -eq 3 ]] || usage
    if ! fuzzer_available; then
      echo "fuzz.bounded: clang++ or libFuzzer (libclang-rt-14-dev) is not installed: skipped" >&2
      exit 77
    fi
    start=$SECONDS
    # Known leaks inside Xapian's parser are not CI failures (lsan.supp says why).
    export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    build "$3" "${targets[@]}"
    echo "==> the fuzz build took $((SECONDS - start))s"
    for target in "${targets[@]}"; do fuzz "$3" "$target" "$2"; done
    echo "==> built and fuzzed in $((SECONDS - start))s"
    ;;
  *)
    [[ $# -ge 2 && $# -le 3 ]] || usage
    fuzzer_available || {
      echo "run.sh: clang++ and libFuzzer (libclang-rt-14-dev) are needed" >&2
      exit 1
    }
    seeds "$1" >/dev/null
    dir=${3:-$root/build/fuzz}
    build "$dir" "$1"
    fuzz "$dir" "$1" "$2"
    ;;
esac
