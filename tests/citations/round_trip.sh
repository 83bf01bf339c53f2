#!/usr/bin/env bash
# CTest's citations.round_trip and citations.csl: our citation files as other programs
# read them.
#
#   tests/citations/round_trip.sh bibutils CITATIONS_EXPORT
#   tests/citations/round_trip.sh csl CITATIONS_EXPORT
#
# citations_export writes the fixtures (hostile titles included) as BibTeX, RIS and
# CSL-JSON with what each record must hold. `bibutils` reads them back with Debian's
# bibutils (bib2xml, biblatex2xml, ris2xml) and checks every record (check_round_trip.py);
# `csl` checks the CSL-JSON against the CSL 1.0.2 specification (check_csl.py). Fails,
# never skips, when bibutils or python3 is missing: quickstart.sh installs them.
set -euo pipefail

[[ $# -eq 2 && ($1 == bibutils || $1 == csl) ]] || {
  echo "usage: $0 bibutils|csl CITATIONS_EXPORT" >&2
  exit 2
}
mode=$1
export_program=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

command -v python3 >/dev/null || {
  echo "round trip: python3 is missing" >&2
  exit 1
}
"$export_program" "$scratch"

if [[ $mode == csl ]]; then
  exec python3 "$here/check_csl.py" "$scratch"
fi

for reader in bib2xml biblatex2xml ris2xml; do
  command -v "$reader" >/dev/null || {
    echo "round trip: $reader is missing (Debian's bibutils: quickstart.sh installs it)" >&2
    exit 1
  }
done
bib2xml "$scratch/items.bib" >"$scratch/bib.xml" 2>"$scratch/bib.err"
biblatex2xml "$scratch/items.bib" >"$scratch/biblatex.xml" 2>"$scratch/biblatex.err"
ris2xml "$scratch/items.ris" >"$scratch/ris.xml" 2>"$scratch/ris.err"
python3 "$here/check_round_trip.py" "$scratch"
