#!/usr/bin/env python3
"""Topic precision on a labelled sample, from the records of clubsearch indexes.

usage: topic_precision.py LABELS_TOML DUMP_DIR [--check] [--misses]

LABELS_TOML is tests/relevance/topic_labels.toml: entries of the corpus named by post
and item URL (or the post's own document), each with the topics a reader files it
under. DUMP_DIR holds BLOG.jsonl, the records dump_records printed from each blog's
index. For every labelled entry found, each topic the index gave it is right when the
label lists it, or when it is one of the post's own tags or categories that is not a
number (the author's labels); anything else is wrong. Prints, per blog: labelled
entries found, topics given, right, precision, recall (the labels' topics given); and
over every entry of each index, how many have no topic at all. --misses lists the wrong topics on stderr; --check exits 1
when the precision over the sample is under 0.9, or when more than a tenth of the
labelled entries are not found (entry layouts changed under the labels: relabel).
"""
import json
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

THRESHOLD = 0.9


def is_number(text):
    return re.fullmatch(r"\s*\d+\s*", text) is not None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv
    misses = "--misses" in sys.argv
    labels = tomllib.loads(Path(args[0]).read_text(encoding="utf-8"))["entry"]
    dumps = Path(args[1])
    records = {}
    for blog in sorted({label["blog"] for label in labels}):
        path = dumps / f"{blog}.jsonl"
        records[blog] = [json.loads(line) for line in path.open(encoding="utf-8")] if path.exists() else []

    per_blog = defaultdict(lambda: {"found": 0, "missing": 0, "given": 0, "right": 0, "labelled": 0, "recalled": 0})
    for label in labels:
        blog, post = label["blog"], label["post"]
        own = next((r for r in records[blog] if r.get("type") == "post" and r["post"]["path"] == post), None)
        if label.get("document") == "post":
            found = own
        else:
            found = next((r for r in records[blog] if r.get("type") == "entry" and r["post"]["path"] == post
                          and any(item.get("url") == label["url"] for item in r.get("items") or [])), None)
        stats = per_blog[blog]
        if found is None:
            stats["missing"] += 1
            print(f"not found: {blog} {post} {label.get('url', '(post)')}", file=sys.stderr)
            continue
        stats["found"] += 1
        author = set()
        if own is not None:
            for tag in (own["post"].get("tags") or []) + (own["post"].get("categories") or []):
                if not is_number(tag):
                    author.add(tag.lower())
        accepted = {t.lower() for t in label["topics"]} | author
        given = {t.lower() for t in found.get("topics") or []}
        stats["labelled"] += len(label["topics"])
        stats["recalled"] += sum(1 for t in label["topics"] if t.lower() in given)
        for topic in found.get("topics") or []:
            stats["given"] += 1
            if topic.lower() in accepted:
                stats["right"] += 1
            elif misses:
                print(f"wrong: {topic!r} on {blog} {post} {label.get('url', '(post)')}", file=sys.stderr)

    print(f"{'blog':32} {'labelled':>8} {'topics':>7} {'right':>6} {'precision':>9} {'recall':>7}   "
          f"{'entries':>7} {'no topic':>8}")
    total = {"found": 0, "missing": 0, "given": 0, "right": 0, "labelled": 0, "recalled": 0}
    for blog in sorted(per_blog):
        stats = per_blog[blog]
        for key in total:
            total[key] += stats[key]
        entries = [r for r in records[blog] if r.get("type") == "entry"]
        bare = sum(1 for r in entries if not r.get("topics"))
        precision = stats["right"] / stats["given"] if stats["given"] else 1.0
        recall = stats["recalled"] / stats["labelled"] if stats["labelled"] else 1.0
        print(f"{blog:32} {stats['found']:>8} {stats['given']:>7} {stats['right']:>6} {precision:>9.3f} "
              f"{recall:>7.3f}   {len(entries):>7} {bare:>8}")
    precision = total["right"] / total["given"] if total["given"] else 1.0
    recall = total["recalled"] / total["labelled"] if total["labelled"] else 1.0
    print(f"{'all':32} {total['found']:>8} {total['given']:>7} {total['right']:>6} {precision:>9.3f} {recall:>7.3f}")
    print("precision: topics given that the label lists or that are the post's own tags (not numbers);\n"
          "recall: the label's topics given; no topic: entries of the whole index without any topic.")
    if total["missing"]:
        print(f"{total['missing']} labelled entries not found in the indexes")
    if check and (precision < THRESHOLD or total["missing"] * 10 > len(labels)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
