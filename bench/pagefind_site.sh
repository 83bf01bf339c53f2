#!/usr/bin/env bash
# The benchmarks' synthetic blog as a static site searched by Pagefind, the static search
# clubsearch is compared with (bench/static_bench.mjs --pagefind): its posts built into
# HTML pages by Debian's hugo (one page per post, the post's Markdown as Hugo renders it,
# marked data-pagefind-body), then indexed by Pagefind (npm `pagefind`, pinned in
# bench/pagefind/package-lock.json; `npm ci` there when it is missing).
#
#   bench/pagefind_site.sh CORPUS OUT
#   e.g. bench/pagefind_site.sh /tmp/corpus-1000 /tmp/pagefind-1000
#
# CORPUS is what clubsearch_bench_corpus wrote (its content/ is read); OUT gets the built
# site, with Pagefind's files in OUT/pagefind/. Prints the HTML pages' and Pagefind's
# sizes.
set -euo pipefail

[[ $# -eq 2 ]] || {
  echo "usage: $0 CORPUS OUT" >&2
  exit 2
}
corpus=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
content=$corpus/content
[[ -d $content ]] || content=$corpus/site/content
[[ -d $content ]] || {
  echo "$0: no content/ or site/content/ in $corpus" >&2
  exit 2
}
command -v hugo >/dev/null || {
  echo "$0: hugo is not installed (the Debian package hugo)" >&2
  exit 1
}
if [[ ! -x $here/pagefind/node_modules/.bin/pagefind ]]; then
  (cd "$here/pagefind" && npm ci --no-audit --no-fund)
fi

site=$(mktemp -d "${TMPDIR:-/tmp}/pagefind-site.XXXXXX")
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/layouts/_default"
cat >"$site/hugo.toml" <<TOML
baseURL = "https://journal.example.org/"
title = "Synthetic Journal Club"
contentDir = "$content"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
# One page per post: its title and its Markdown as Hugo renders it, which Pagefind reads.
cat >"$site/layouts/_default/single.html" <<'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main data-pagefind-body><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}</main></body></html>
HTML
cat >"$site/layouts/_default/list.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body></body></html>
HTML
rm -rf "$out"
hugo --source "$site" --destination "$out" --quiet --noBuildLock --cacheDir "$site/cache" >/dev/null
"$here/pagefind/node_modules/.bin/pagefind" --site "$out" --silent
pages=$(find "$out" -name index.html -not -path "$out/pagefind/*" | wc -l)
echo "$out: $pages HTML pages ($(du -sb --exclude=pagefind "$out" | cut -f1) bytes), Pagefind's files $(du -sb "$out/pagefind" | cut -f1) bytes"
