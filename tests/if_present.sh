#!/usr/bin/env bash
# Runs a test that needs a folder (the shared corpus) only when the folder is there: CTest
# shows it as Skipped (exit 77, SKIP_RETURN_CODE) instead of a pass that tested nothing.
#
#   tests/if_present.sh DIR COMMAND [ARGUMENT…]
set -euo pipefail
[[ $# -ge 2 ]] || {
  echo "usage: $0 DIR COMMAND [ARGUMENT...]" >&2
  exit 2
}
if [[ ! -d $1 ]]; then
  echo "skipped: $1 is not there"
  exit 77
fi
dir=$1
shift
echo "with $dir"
exec "$@"
