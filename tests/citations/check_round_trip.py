"""Checks what bibutils read back from our citation files against expected.json.

    check_round_trip.py DIR

DIR holds what tests/citations/round_trip.sh made: expected.json (citations_export), the
files items.bib and items.ris, and MODS XML as bibutils read them: bib.xml (bib2xml, the
BibTeX reader), biblatex.xml (biblatex2xml, the reader that knows eprint and urldate),
ris.xml (ris2xml), with each reader's messages in *.err. Every record must come back, in
order, under its key, with its title, URL, DOI or arXiv id, year and month. Prints each problem
and exits 1 when there is one.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MODS = "{http://www.loc.gov/mods/v3}"

problems = []


def problem(text):
    problems.append(text)


def read_mods(path):
    """One dict per <mods> record: key, title, url, doi, arxiv, year, accessed."""
    records = []
    root = ET.parse(path).getroot()
    for mods in root.iter(MODS + "mods"):
        record = {"key": mods.get("ID", "")}
        info = next((t for t in mods.findall(MODS + "titleInfo") if t.get("type") is None), None)
        title = info.findtext(MODS + "title", "") if info is not None else ""
        subtitle = info.findtext(MODS + "subTitle") if info is not None else None
        # bibutils splits a title at its first colon into title and subtitle.
        record["title"] = title + (": " + subtitle if subtitle else "")
        record["url"] = mods.findtext(f"{MODS}location/{MODS}url", "")
        identifiers = {i.get("type"): (i.text or "") for i in mods.findall(MODS + "identifier")}
        record["doi"] = identifiers.get("doi", "")
        record["arxiv"] = identifiers.get("arXiv", identifiers.get("eprint", ""))
        issued = mods.findtext(f"{MODS}originInfo/{MODS}dateIssued", "")
        record["year"] = issued[:4]
        record["month"] = issued[:7]  # BibTeX has no day
        record["accessed"] = mods.findtext(f"{MODS}originInfo/{MODS}dateCaptured", "")
        records.append(record)
    return records


def bibtex_quotes(text):
    # bibutils reads a straight double quote in BibTeX as TeX would typeset it, curly.
    return text.replace("\u201c", '"').replace("\u201d", '"')


def compare(reader, records, expected, fields, title=lambda text: text):
    if len(records) != len(expected):
        problem(f"{reader}: {len(records)} records read back, {len(expected)} written")
    for want, got in zip(expected, records):
        if got["key"] != want["key"]:
            problem(f"{reader}: record {want['key']!r} came back as {got['key']!r}")
            continue
        for field in fields:
            wanted, found = want[field], got[field]
            if field == "title":
                wanted, found = title(wanted), title(found)
            if wanted != found:
                problem(f"{reader}: {want['key']}: {field} {found!r}, expected {wanted!r}")


def check_messages(reader, path, count, tolerated=None):
    """A reader says how many references it processed, and nothing it did not understand
    but what `tolerated` matches."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if f"Processed {count} references" not in text:
        problem(f"{reader}: did not process {count} references: {text.strip()!r}")
    for line in text.splitlines():
        if tolerated and re.search(tolerated, line):
            continue
        if re.search(r"Did not recognize|[Ee]rror|[Ww]arning", line):
            problem(f"{reader}: {line.strip()}")


def parse_ris(path):
    """Our own reading of the RIS file: its structure, and the fields bibutils drops."""
    raw = path.read_bytes().decode("utf-8")
    if "\n" in raw.replace("\r\n", ""):
        problem("items.ris: a line does not end with CR LF")
    records, current = [], None
    for number, line in enumerate(raw.split("\r\n"), 1):
        if line == "":
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        if not match:
            problem(f"items.ris:{number}: not a RIS line: {line!r}")
            continue
        tag, value = match.groups()
        if tag == "TY":
            if current is not None:
                problem(f"items.ris:{number}: TY before the ER of the record above")
            current = {}
        elif current is None:
            problem(f"items.ris:{number}: {tag} outside a record")
        elif tag == "ER":
            records.append(current)
            current = None
        elif value.strip() == "":
            problem(f"items.ris:{number}: empty {tag}")
        else:
            current.setdefault(tag, []).append(value)
    if current is not None:
        problem("items.ris: the last record has no ER")
    return records


def main():
    folder = Path(sys.argv[1])
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    count = len(expected)

    bib = read_mods(folder / "bib.xml")
    check_messages("bib2xml", folder / "bib.err", count)
    # bibutils' BibTeX reader keeps eprint only for @article: the BibLaTeX reader checks it.
    compare("bib2xml", bib, expected, ["title", "url", "doi", "year", "month"], bibtex_quotes)

    biblatex = read_mods(folder / "biblatex.xml")
    # Its BibLaTeX reader does not know the month macros (jan, ...) that biber and BibTeX
    # define, and says so; it reads them all the same, which the month checks.
    check_messages("biblatex2xml", folder / "biblatex.err", count, "Non-numeric BibTeX elements")
    compare("biblatex2xml", biblatex, expected, ["title", "url", "doi", "arxiv", "year", "month", "accessed"],
            bibtex_quotes)

    ris = read_mods(folder / "ris.xml")
    check_messages("ris2xml", folder / "ris.err", count)
    # bibutils 7.2 drops RIS's DO tag and reads Y2 (the access date) as a second date: the
    # DOI and the access date are checked on our own reading of the file below.
    compare("ris2xml", ris, expected, ["title", "url", "arxiv", "year", "month"])

    ris_records = parse_ris(folder / "items.ris")
    if len(ris_records) != count:
        problem(f"items.ris: {len(ris_records)} records, {count} written")
    for want, got in zip(expected, ris_records):
        if got.get("ID") != [want["key"]]:
            problem(f"items.ris: ID {got.get('ID')}, expected {want['key']!r}")
        doi = [want["doi"]] if want["doi"] else None
        if got.get("DO") != doi:
            problem(f"items.ris: {want['key']}: DO {got.get('DO')}, expected {doi}")
        accessed = [want["accessed"].replace("-", "/") + "/"] if want["accessed"] else None
        if got.get("Y2") != accessed:
            problem(f"items.ris: {want['key']}: Y2 {got.get('Y2')}, expected {accessed}")

    for text in problems:
        print(text)
    if problems:
        print(f"round trip: {len(problems)} problem(s)")
        return 1
    print(f"round trip: {count} records back from bib2xml, biblatex2xml and ris2xml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
