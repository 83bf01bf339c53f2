#!/bin/sh
# Per corpus blog: what `clubsearch index` makes of it (posts indexed, left out, files
# reported, warnings, the generator rules used, one post URL). Rerun with any build to
# compare:  tests/corpus/generator_counts.sh path/to/clubsearch [CORPUS_DIR]
# ("-": a column the binary does not report; "exit": the index run's exit code).
set -eu
binary=${1:?usage: generator_counts.sh CLUBSEARCH_BINARY [CORPUS_DIR]}
corpus=${2:-$(dirname "$0")/../../../shared/corpus}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '| blog | .md files | exit | indexed | entries | drafts | unlisted | empty | future | reported | warnings | rules | newest entry URL |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for blog in "$corpus"/*/; do
  name=$(basename "$blog")
  files=$(find "$blog" -type f \( -name '*.md' -o -name '*.markdown' \) | wc -l)
  code=0
  "$binary" --db "$scratch/$name" index "$blog" --as-of 2026-11-25 --json >"$scratch/$name.json" 2>"$scratch/$name.err" || code=$?
  # The newest dated entry (or post): its URL shows the permalink and anchor rules.
  url=$("$binary" --db "$scratch/$name" --json --limit 1 --sort newest --since 1900 2>/dev/null |
        python3 -c 'import json,sys
try:
    hit = json.load(sys.stdin)["results"][0]
    print(hit.get("entry_url") or hit["post"]["url"])
except Exception: print("-")')
  python3 - "$scratch/$name.json" "$name" "$files" "$url" "$code" <<'PY'
import json, sys
path, name, files, url, code = sys.argv[1:]
r = json.load(open(path))
get = lambda k: str(r[k]) if k in r else "-"
rules = r.get("generator", {})
rules = rules.get("name", "-") if isinstance(rules, dict) else "-"
print("| " + " | ".join([name, files, code, get("indexed"), get("entries"), get("drafts"), get("unlisted"),
      get("empty"), get("future"), str(len(r.get("problems", []))), str(len(r.get("warnings", []))) if "warnings" in r else "-",
      rules, url]) + " |")
PY
done
