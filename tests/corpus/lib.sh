# Sourced by the corpus reports (counts.sh, topic_precision.sh).

# index_blog CLUBSEARCH DUMP CORPUS BLOG WORK
# Indexes the blog folder BLOG of CORPUS with CLUBSEARCH into WORK/NAME (judging posts as
# of 2026-11-25, with CORPUS/NAME.config.toml as its site config when there is one) and
# writes its stored records, one JSON object per line, to WORK/NAME.jsonl with DUMP. The
# indexer's messages go to WORK/NAME.log; a run that reports files still leaves an index.
index_blog() {
  local clubsearch=$1 dump=$2 corpus=$3 blog=$4 work=$5
  local name
  name="$(basename "$blog")"
  local args=(index "$blog" --db "$work/$name" --as-of 2026-11-25 --quiet)
  [[ -f "$corpus/$name.config.toml" ]] && args+=(--site-config "$corpus/$name.config.toml")
  "$clubsearch" "${args[@]}" 2>"$work/$name.log" || true
  "$dump" "$work/$name" >"$work/$name.jsonl"
}
