"""Checks our CSL-JSON against the CSL 1.0.2 specification and expected.json.

    check_csl.py DIR

DIR holds items.json and expected.json (tests/citations/citations_export). No Debian
package ships the CSL data schema (csl-data.json), so this checks the specification's
own facts: the item types of its appendix, the variables it names and their kinds
(standard, number, date, name), and the shape of a date ("date-parts": one or two lists
of year, month, day). Then every record must say what expected.json says. Prints each
problem and exits 1 when there is one.
"""

import json
import sys
from pathlib import Path

# CSL 1.0.2, Appendix III: types.
TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
}

# CSL 1.0.2, Appendix IV: variables, by kind.
STANDARD = {
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority",
    "call-number", "citation-key", "citation-label", "collection-title", "container-title",
    "container-title-short", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre",
    "ISBN", "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "note", "original-publisher",
    "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher",
    "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "source", "status", "title",
    "title-short", "URL", "volume-title", "year-suffix",
}
NUMBER = {
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "issue",
    "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number",
    "printing-number", "section", "supplement-number", "version", "volume",
}
DATE = {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
NAME = {
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
    "director", "editor", "editorial-director", "executive-producer", "guest", "host", "illustrator",
    "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient",
    "reviewed-author", "script-writer", "series-creator", "translator",
}
# Not variables, but fields of the CSL-JSON item itself.
ITEM_FIELDS = {"id", "type", "categories", "custom"}
DATE_FIELDS = {"date-parts", "season", "circa", "literal", "raw", "edtf"}

problems = []


def problem(text):
    problems.append(text)


def check_date(where, value):
    if not isinstance(value, dict) or not value:
        problem(f"{where}: a date is an object, not {value!r}")
        return
    for field in value:
        if field not in DATE_FIELDS:
            problem(f"{where}: {field!r} is not a field of a date")
    parts = value.get("date-parts")
    if parts is None:
        return
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        problem(f"{where}: date-parts holds one date or a range of two: {parts!r}")
        return
    for date in parts:
        if not isinstance(date, list) or not 1 <= len(date) <= 3 or not all(type(n) is int for n in date):
            problem(f"{where}: a date is [year, month, day] as numbers, from the left: {date!r}")
            continue
        if len(date) > 1 and not 1 <= date[1] <= 12:
            problem(f"{where}: month {date[1]}")
        if len(date) > 2 and not 1 <= date[2] <= 31:
            problem(f"{where}: day {date[2]}")


def check_item(index, item, ids):
    where = f"items.json[{index}]"
    if not isinstance(item, dict):
        problem(f"{where}: an item is an object")
        return
    for required in ("id", "type"):
        if required not in item:
            problem(f"{where}: no {required!r}")
    if not isinstance(item.get("id"), (str, int)) or item.get("id") == "":
        problem(f"{where}: id {item.get('id')!r}")
    if item.get("id") in ids:
        problem(f"{where}: id {item.get('id')!r} twice")
    ids.add(item.get("id"))
    if item.get("type") not in TYPES:
        problem(f"{where}: {item.get('type')!r} is not a CSL 1.0.2 type")
    for name, value in item.items():
        if name in ITEM_FIELDS:
            continue
        if name in STANDARD:
            if not isinstance(value, str) or not value.strip():
                problem(f"{where}: {name} is a non-empty string, not {value!r}")
            elif value != " ".join(value.split()):
                problem(f"{where}: {name} has white space to collapse: {value!r}")
        elif name in NUMBER:
            if not isinstance(value, (str, int)) or value == "":
                problem(f"{where}: {name} is a number or a non-empty string, not {value!r}")
        elif name in DATE:
            check_date(f"{where}.{name}", value)
        elif name in NAME:
            problem(f"{where}: {name}: we know no names and must not write any")
        else:
            problem(f"{where}: {name!r} is not a CSL 1.0.2 variable")


def main():
    folder = Path(sys.argv[1])
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    items = json.loads((folder / "items.json").read_text(encoding="utf-8"))
    if not isinstance(items, list):
        problem("items.json: CSL-JSON is an array of items")
        items = []
    ids = set()
    for index, item in enumerate(items):
        check_item(index, item, ids)
    if len(items) != len(expected):
        problem(f"items.json: {len(items)} items, {len(expected)} written")
    for want, item in zip(expected, items):
        if not isinstance(item, dict):
            continue
        key = want["key"]
        found = {
            "key": item.get("id"),
            "title": item.get("title"),
            "url": item.get("URL", ""),
            "doi": item.get("DOI", ""),
            "arxiv": str(item.get("number", "")).removeprefix("arXiv:"),
            "year": str(item.get("issued", {}).get("date-parts", [[""]])[0][0]),
            "accessed": "-".join(f"{n:02d}" for n in item.get("accessed", {}).get("date-parts", [[]])[0]),
        }
        for field, value in found.items():
            if value != want[field]:
                problem(f"items.json: {key}: {field} {value!r}, expected {want[field]!r}")
        if want["arxiv"] and (item.get("type"), item.get("publisher")) != ("article", "arXiv"):
            problem(f"items.json: {key}: an arXiv preprint is an article published by arXiv")

    for text in problems:
        print(text)
    if problems:
        print(f"CSL-JSON: {len(problems)} problem(s)")
        return 1
    print(f"CSL-JSON: {len(items)} items of CSL 1.0.2 types and variables, as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
