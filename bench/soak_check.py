#!/usr/bin/env python3
"""The soak's writer and checker (bench/soak.sh runs it beside wrk).

For DURATION seconds it changes the served blog once a second and reindexes it through
the server (POST /api/reindex with the token), asks for a full rebuild once a minute
(`clubsearch index CONTENT --full --queue`, as a deploy would), and meanwhile asks the server,
from threads of its own, for the two posts it changes, checking every answer against
what one committed revision of the index holds:

- the marker post, edited every second: generation N has the word soakgenN in its title
  and in every entry's heading, soakbodyN in every entry's text and soakintroN in its
  intro, and its date is in 2023 for an even N and 2024 for an odd one (so that an
  edit moves its documents from one year facet to the other). An answer to
  `q=soakpin` must hold exactly its documents (one post document and three entries),
  all of one generation in title, heading, snippet and date, with a year facet of
  one value that is that generation's year and counts every document;
- the toggled post, added on one tick and deleted on the next: an answer to
  `q=soakdelpin` holds none of its documents or all of them (one post document and two
  entries), of one generation, with a year facet that counts them all.

An answer that breaks any of these is "half-updated" and is written out whole. A
generation older than one already seen by the same thread is counted apart ("went
back"): the server looks for a new revision every 20 ms, so an answer from a searcher
opened just before it noticed may be one revision behind. Errors are answers other than
200 and failed connections. The server's VmRSS is sampled every 5 s.

Prints one JSON object of figures on stdout.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

MARKER_ENTRIES = 3
TOGGLED_ENTRIES = 2


def year_of(generation):
    return 2023 if generation % 2 == 0 else 2024


# A post of the soak's at one generation: `pin` in every document of it, its year by the
# generation's parity, and `entries` entries each linking a paper of `series`.
def soak_post(name, pin, entries, month, series, generation):
    year = year_of(generation)
    out = [
        "+++",
        f'title = "Soak {name} soakgen{generation}"',
        f"date = {year}-{month:02d}-1{generation % 10}",
        "+++",
        "",
        f"Intro {pin} soakintro{generation} of a post the soak changes.",
        "",
    ]
    for entry in range(1, entries + 1):
        out += [
            f"#### [Paper {entry} soakgen{generation}](https://arxiv.org/abs/{series}.{entry:05d})",
            "",
            f"Commentary {pin} soakbody{generation} on paper {entry}.",
            "",
        ]
    return "\n".join(out)


def marker_post(generation):
    return soak_post("marker", "soakpin", MARKER_ENTRIES, 3, 2401, generation)


def toggled_post(generation):
    return soak_post("toggled", "soakdelpin", TOGGLED_ENTRIES, 5, 2402, generation)


def write_atomically(path, text):
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8") as out:
        out.write(text)
    os.rename(partial, path)


GENERATION = re.compile(r"soak(?:gen|body|intro)(\d+)")


def generations_in(text):
    return {int(number) for number in GENERATION.findall(text)}


class Soak:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.written = {0: time.monotonic()}  # marker generation -> time written (0: before the soak)
        self.first_seen = {}  # marker generation -> time first answered
        self.generation = 0
        self.toggled_present = False
        self.figures = {
            "checks": 0,
            "marker_checks": 0,
            "toggled_checks": 0,
            "toggled_present_answers": 0,
            "toggled_absent_answers": 0,
            "errors": 0,
            "half_updated": 0,
            "went_back": 0,
            "reindex_requests": 0,
            "reindex_errors": 0,
            "edits": 0,
            "toggles": 0,
            "full_rebuilds_asked": 0,
            "full_rebuilds_queued": 0,
            "full_rebuild_seconds": [],
            "rss_kib": [],
        }
        self.examples = []
        self.generations_seen = set()

    # ------------------------------------------------------------------ the writer
    def reindex(self):
        request = urllib.request.Request(
            self.args.url + "/api/reindex", data=b"", method="POST",
            headers={"Authorization": "Bearer " + self.args.token})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                ok = response.status == 202
        except (urllib.error.URLError, OSError):
            ok = False
        with self.lock:
            self.figures["reindex_requests"] += 1
            if not ok:
                self.figures["reindex_errors"] += 1

    # `index --full --queue`, as a deploy asks for a rebuild while updates stream in: it
    # rebuilds at once, or leaves the rebuild to the run writing the index.
    def full_rebuild(self):
        started = time.monotonic()
        done = subprocess.run(
            [self.args.clubsearch, "--db", self.args.db, "index", self.args.content, "--full", "--queue"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with self.lock:
            if done.returncode == 0:
                self.figures["full_rebuilds_asked"] += 1
                if "queued" in done.stdout:
                    self.figures["full_rebuilds_queued"] += 1
                else:
                    self.figures["full_rebuild_seconds"].append(round(time.monotonic() - started, 2))
            else:
                self.figures["errors"] += 1
                self.example("full rebuild failed", done.returncode, done.stderr[-2000:])

    # The generation the index's stub names (a rebuild makes a new one).
    def note_generation(self):
        try:
            with open(os.path.join(self.args.db, "XAPIANDB")) as stub:
                self.generations_seen.add(stub.read().strip())
        except OSError:
            pass

    def writer(self):
        marker = os.path.join(self.args.posts, "soak-marker.md")
        toggled = os.path.join(self.args.posts, "soak-toggled.md")
        start = time.monotonic()
        tick = 0
        rebuild = None
        while not self.stop.is_set():
            tick += 1
            generation = self.generation + 1
            write_atomically(marker, marker_post(generation))
            if self.toggled_present:
                os.remove(toggled)
            else:
                write_atomically(toggled, toggled_post(generation))
            with self.lock:
                self.generation = generation
                self.written[generation] = time.monotonic()
                self.toggled_present = not self.toggled_present
                self.figures["edits"] += 1
                self.figures["toggles"] += 1
            self.reindex()
            self.note_generation()
            if tick % 60 == 0 and (rebuild is None or not rebuild.is_alive()):
                rebuild = threading.Thread(target=self.full_rebuild, daemon=True)
                rebuild.start()
            self.stop.wait(max(0.0, start + tick - time.monotonic()))
        if rebuild is not None:
            rebuild.join()

    # ----------------------------------------------------------------- the checker
    def example(self, what, *detail):
        if len(self.examples) < 20:
            self.examples.append({"what": what, "detail": [str(d)[:4000] for d in detail]})

    def ask(self, query):
        url = f"{self.args.url}/api/search?q={query}&per_page=20"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status != 200:
                    raise urllib.error.HTTPError(url, response.status, "", None, None)
                return json.load(response)
        except (urllib.error.URLError, OSError, ValueError) as error:
            with self.lock:
                self.figures["errors"] += 1
                self.example("request failed", url, error)
            return None

    # The generation every part of an answer's documents shows, or None with why not.
    @staticmethod
    def one_generation(answer, expected_documents):
        results = answer["results"]
        if answer["total"] != len(results) or len(results) != expected_documents:
            return None, f"{answer['total']} total, {len(results)} results, {expected_documents} expected"
        seen = set()
        years = set()
        for hit in results:
            texts = [hit["title"], hit["post"]["title"]] + [part["text"] for part in hit["snippet"]]
            for text in texts:
                seen |= generations_in(text)
            years.add(int(hit["post"]["date"][:4]))
        if len(seen) != 1:
            return None, f"generations {sorted(seen)}"
        generation = seen.pop()
        if years != {year_of(generation)}:
            return None, f"generation {generation} with dates in {sorted(years)}"
        facet = [(value["value"], value["count"]) for value in answer["facets"].get("year", [])]
        if facet != [(str(year_of(generation)), expected_documents)]:
            return None, f"generation {generation} with year facet {facet}"
        return generation, None

    def checker(self):
        newest = 0
        toggled_newest = 0
        while not self.stop.is_set():
            self.stop.wait(0.01)  # a hundred questions a second at most: the load is wrk's
            answer = self.ask("soakpin")
            if answer is not None:
                generation, why = self.one_generation(answer, 1 + MARKER_ENTRIES)
                now = time.monotonic()
                with self.lock:
                    self.figures["checks"] += 1
                    self.figures["marker_checks"] += 1
                    if generation is None:
                        self.figures["half_updated"] += 1
                        self.example("half-updated marker answer", why, json.dumps(answer))
                    else:
                        self.first_seen.setdefault(generation, now)
                        if generation < newest:
                            self.figures["went_back"] += 1
                        newest = max(newest, generation)
            answer = self.ask("soakdelpin")
            if answer is not None:
                with self.lock:
                    self.figures["checks"] += 1
                    self.figures["toggled_checks"] += 1
                    if answer["total"] == 0 and not answer["results"]:
                        self.figures["toggled_absent_answers"] += 1
                        continue
                generation, why = self.one_generation(answer, 1 + TOGGLED_ENTRIES)
                with self.lock:
                    if generation is None:
                        self.figures["half_updated"] += 1
                        self.example("half-updated toggled answer", why, json.dumps(answer))
                    else:
                        self.figures["toggled_present_answers"] += 1
                        if generation < toggled_newest:
                            self.figures["went_back"] += 1
                        toggled_newest = max(toggled_newest, generation)

    def sample_memory(self):
        while True:
            try:
                with open(f"/proc/{self.args.server_pid}/status") as status:
                    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            except (OSError, StopIteration):
                with self.lock:
                    self.figures["errors"] += 1
                    self.example("the server is gone")
                return
            with self.lock:
                self.figures["rss_kib"].append([round(time.monotonic() - self.started, 1), rss])
            if self.stop.wait(5):
                return

    def run(self):
        self.started = time.monotonic()
        threads = [threading.Thread(target=self.writer)]
        threads += [threading.Thread(target=self.checker) for _ in range(self.args.checkers)]
        threads.append(threading.Thread(target=self.sample_memory))
        for thread in threads:
            thread.start()
        self.stop.wait(self.args.duration)
        self.stop.set()
        for thread in threads:
            thread.join()
        self.settle()
        return self.report()

    # After the last change: the last generation must be answered once the indexer has
    # caught up (a rebuild may still be running on a loaded machine), within 300 s, or a
    # change was lost. How long it took is reported.
    def settle(self):
        ended = time.monotonic()
        deadline = ended + 300
        last = self.generation
        while time.monotonic() < deadline:
            answer = self.ask("soakpin")
            if answer is not None:
                generation, _ = self.one_generation(answer, 1 + MARKER_ENTRIES)
                if generation == last:
                    self.first_seen.setdefault(last, time.monotonic())
                    self.figures["last_generation_answered_after_s"] = round(time.monotonic() - ended, 1)
                    return
            time.sleep(0.2)
        self.figures["errors"] += 1
        self.example("the last generation was not answered within 300 s of the soak's end", last)

    def report(self):
        lags = sorted(self.first_seen[g] - self.written[g] for g in self.first_seen if g in self.written)
        figures = dict(self.figures)
        figures["generations_written"] = self.generation
        figures["generations_answered"] = len(self.first_seen)
        self.note_generation()
        figures["index_generations"] = len(self.generations_seen)
        if lags:
            figures["lag_ms_median"] = round(statistics.median(lags) * 1000)
            figures["lag_ms_max"] = round(lags[-1] * 1000)
        figures["examples"] = self.examples
        return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--token")
    parser.add_argument("--clubsearch")
    parser.add_argument("--db")
    parser.add_argument("--content", required=True, help="the content folder the server indexes")
    parser.add_argument("--posts", required=True, help="the folder of it the two posts are written in")
    parser.add_argument("--server-pid", type=int)
    parser.add_argument("--duration", type=float, default=600)
    parser.add_argument("--checkers", type=int, default=2)
    parser.add_argument("--initial", action="store_true",
                        help="only write the marker post's generation 0 (before the first index) and stop")
    args = parser.parse_args()
    if args.initial:
        write_atomically(os.path.join(args.posts, "soak-marker.md"), marker_post(0))
        return
    missing = [name for name in ("url", "token", "clubsearch", "db", "server_pid") if getattr(args, name) is None]
    if missing:
        parser.error("needed: " + ", ".join("--" + name.replace("_", "-") for name in missing))
    json.dump(Soak(args).run(), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
