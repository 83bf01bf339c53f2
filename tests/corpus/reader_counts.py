#!/usr/bin/env python3
"""Counts a reader would make of what clubsearch found in a blog's posts.

usage: reader_counts.py CONTENT_DIR RECORDS_JSONL [--label NAME] [--json] [--misses]

--misses lists on stderr each paragraph a count missed. --check exits 1 when a count
is under what a reader accepts: any generic title or footer in an entry, under 90% of
paper posts or 95% of pick paragraphs and bold-titled paragraphs right.

The Markdown is read here on its own, line by line, the way a person skimming the
files would (it shares no code with the indexer); the records are what
`dump_records` printed from the index. Counts:
  posts, entries             documents of each type
  generic titles             entries (and items) titled by a link text that names
                             nothing ("Link to the paper", "here", "pdf", "[1]")
  footer in entries          entries holding "All rights reserved" / "Copyright ©"
  paper posts                posts whose first link is "the paper" ([Link to the
                             paper](…), [paper](…), [pdf](…)): those with an entry
                             titled by the post whose items hold that link
  bold-titled paragraphs     paragraphs whose first line is a bold title ("**Title**"
                             then a line break): an entry with that title
  link paragraphs            in posts of picks (two or more paragraphs starting with a
                             link), every paragraph past the intro (after a heading
                             or a paragraph starting with a link) and outside a
                             heading that holds a link, holding a link that names
                             something: found in an entry's title or text, and that
                             entry's items hold the paragraph's first such link
  arXiv posts                posts whose Markdown links arxiv.org, and those with an
                             entry item from arXiv
  items without source       entry items with an empty source, and items of kind
                             "other"
"""
import json
import re
import sys
from pathlib import Path

GENERIC = {
    "", "link", "here", "this", "that", "it", "paper", "the paper", "this paper", "pdf",
    "arxiv", "code", "the code", "link to the paper", "link to paper", "link to the code",
    "link to the implementation", "implementation", "source", "article", "post",
    "blog post", "read more", "more", "slides", "video", "github", "a link", "this link",
    "click here", "original paper", "paper link", "website", "tweet", "thread",
}
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
FOOTER = re.compile(r"all rights reserved|copyright ©", re.I)


CALL_TO_ACTION = re.compile(r"^(subscribe|sign up|share this|follow me|unsubscribe)\b")


def generic(text):
    t = " ".join(re.sub(r"[*_`]", "", text).split()).strip(" \t\n.:;,!?()[]{}\"'").lower()
    return t in GENERIC or t.isdigit() or bool(CALL_TO_ACTION.match(t))


def words(text):
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def plain(markdown):
    text = LINK.sub(lambda m: m.group(2), markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    return words(re.sub(r"[*_`~]", "", text))


def body_of(text):
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].strip() in ("---", "+++"):
        fence = lines[0].strip()
        for i in range(1, len(lines)):
            if lines[i].strip() == fence:
                return "\n".join(lines[i + 1:])
    return "\n".join(lines)


def paragraphs(body):
    """Top-level paragraphs: blank-line separated blocks outside code fences that are
    prose (not headings, quotes, tables, HTML or list items), each with whether it sits
    under a heading that holds a link (the commentary of a heading entry) and whether
    any heading comes before it."""
    out, block, fenced, under_link, headed = [], [], False, False, False
    for line in body.split("\n") + [""]:
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            block = []
            continue
        if fenced:
            continue
        if line.startswith("#"):
            under_link = "](" in line
            headed = True
            block = []
            continue
        if line.strip():
            block.append(line)
            continue
        if block:
            out.append(("\n".join(block), under_link, headed))
        block = []
    prose = []
    for p, under, headed_ in out:
        first = p.lstrip()
        if first.startswith((">", "|", "<", "- ", "* ", "+ ", "![", "---", "***")) or re.match(r"\d+[.)] ", first):
            continue
        prose.append((p, under, headed_))
    return prose


def web_links(markdown):
    return [(m.group(2), m.group(3)) for m in LINK.finditer(markdown)
            if not m.group(1) and m.group(3).startswith(("http://", "https://"))]


def main():
    args = sys.argv[1:]
    as_json = "--json" in args
    show_misses = "--misses" in args
    check = "--check" in args
    args = [a for a in args if a not in ("--misses", "--check")]
    label = None
    if "--label" in args:
        label = args[args.index("--label") + 1]
        del args[args.index("--label"):args.index("--label") + 2]
    args = [a for a in args if a != "--json"]
    content, records_file = Path(args[0]), Path(args[1])
    records = [json.loads(line) for line in records_file.read_text().splitlines() if line.strip()]
    entries = [r for r in records if r.get("type") == "entry"]
    posts = [r for r in records if r.get("type") == "post"]
    by_path = {}
    for r in entries:
        by_path.setdefault(r["post"]["path"], []).append(r)

    c = {"posts": len(posts), "entries": len(entries)}
    c["generic entry titles"] = sum(generic(r.get("title", "")) for r in entries)
    c["generic item titles"] = sum(generic(i.get("title", "")) for r in entries for i in r.get("items", []))
    c["entries holding a footer"] = sum(bool(FOOTER.search(r.get("commentary", ""))) for r in entries)
    items = [i for r in entries for i in r.get("items", [])]
    c["entry items"] = len(items)
    c["items without source"] = sum(not i.get("source") for i in items)
    c["items of kind other"] = sum(i.get("kind") == "other" for i in items)

    paper_posts = paper_ok = 0
    pick_paragraphs = in_entry = link_on_entry = 0
    bold_picks = bold_found = 0
    arxiv_posts = arxiv_found = 0
    for post in posts:
        path = post["post"]["path"]
        try:
            body = body_of((content / path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        mine = by_path.get(path, [])
        links = web_links(body)
        if any("arxiv.org" in url for _, url in links):
            arxiv_posts += 1
            if any(i.get("source") == "arXiv" for r in mine for i in r.get("items", [])):
                arxiv_found += 1
        paper_links = [url for text, url in links
                       if re.sub(r"[*_`]", "", text).strip(" .:()[]").lower() in
                       ("link to the paper", "link to paper", "paper", "the paper", "pdf", "arxiv", "original paper")]
        # A post about one paper points to it first (a digest may say "a [paper](…)" later).
        if paper_links and links and links[0][1] == paper_links[0]:
            paper_posts += 1
            title = post.get("title", "")
            if any(r.get("title") == title and any(i.get("url") in paper_links for i in r.get("items", []))
                   for r in mine):
                paper_ok += 1
        paras = paragraphs(body)
        for p, _, _ in paras:
            bold = re.match(r"\s*\*\*([^*\n]+)\*\*[ \t]*(?:\\|  )?\n", p + "\n")
            if not bold or "\n" not in p.strip():
                continue
            bold_picks += 1
            title = words(bold.group(1))
            if any(words(r.get("title", "")) == title for r in mine):
                bold_found += 1
        starts = sum(1 for p, _, _ in paras if re.match(r"\s*(\*\*|__)?\[", p) and web_links(p[:400]))
        if starts < 2:
            continue
        texts = [(words(r.get("title", "") + " " + r.get("commentary", "")), r) for r in mine]
        opening = True  # the welcome before the first heading or pick is no pick
        for p, under_link_heading, after_heading in paras:
            opening = opening and not after_heading and not re.match(r"\s*(\*\*|__)?\[", p)
            if under_link_heading or opening:
                continue  # the commentary of a heading entry, or the post's intro
            named = [(t, u) for t, u in web_links(p) if not generic(t)]
            if not named:
                continue
            pick_paragraphs += 1
            key = plain(p)[-40:]
            holder = next((r for text, r in texts if key and key in text), None)
            if holder is None:
                if show_misses:
                    print(f"  miss (not in an entry): {path}: {p[:100]!r}", file=sys.stderr)
                continue
            in_entry += 1
            if any(i.get("url") == named[0][1] for i in holder.get("items", [])) or \
               (p.lstrip().startswith(("**", "__")) and holder.get("items")):
                link_on_entry += 1
            elif show_misses:
                print(f"  miss (link not on its entry {holder.get('title')!r}): {path}: {p[:100]!r}", file=sys.stderr)
    c["paper posts"] = paper_posts
    c["paper posts: one entry titled by the post with the paper"] = paper_ok
    c["arXiv posts"] = arxiv_posts
    c["arXiv posts: an entry item from arXiv"] = arxiv_found
    c["pick paragraphs"] = pick_paragraphs
    c["pick paragraphs: in an entry"] = in_entry
    c["pick paragraphs: first link on that entry"] = link_on_entry
    c["bold-titled paragraphs"] = bold_picks
    c["bold-titled paragraphs: an entry with that title"] = bold_found
    failures = []
    if check:
        def share(part, whole, least):
            if c[whole] and c[part] < least * c[whole]:
                failures.append(f"{part}: {c[part]} of {c[whole]}, under {least:.0%}")
        for zero in ("generic entry titles", "generic item titles", "entries holding a footer"):
            if c[zero]:
                failures.append(f"{zero}: {c[zero]}")
        share("paper posts: one entry titled by the post with the paper", "paper posts", 0.9)
        share("pick paragraphs: first link on that entry", "pick paragraphs", 0.95)
        share("bold-titled paragraphs: an entry with that title", "bold-titled paragraphs", 0.95)
    if as_json:
        print(json.dumps({"label": label or str(content), "counts": c}))
    else:
        print(f"## {label or content}")
        for k, v in c.items():
            print(f"  {k:60} {v}")
    for failure in failures:
        print(f"reader_counts: {label or content}: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
