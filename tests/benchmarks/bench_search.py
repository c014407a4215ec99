"""Search benchmark in a real browser: the project's search against Material's own (the anchor).

    /work/main/.venv/bin/python tests/benchmarks/bench_search.py [--corpus] [--cold N]
    /work/main/.venv/bin/python tests/benchmarks/bench_search.py --scale 10000 [--site BUILT_CORPUS_SITE]
    /work/main/.venv/bin/python tests/benchmarks/bench_search.py --pagefind "PYTHON -m pagefind" [--site SITE]

Builds each site twice, with the project's search and with the anchor (Material's ``search`` plugin as
shipped, with jieba, and no theme override), serves it on 127.0.0.1 and types every query of
``tests/fixtures/search-queries.tsv`` for that site into the search box of headless Chromium, as a person
would (type, then a key press). The seed site always; with ``--corpus`` also a site of the 167 reports of
``../shared/corpus`` national+city+province (skipped when absent).

Figures per configuration: build time; recall@5 (an expected report among the first five results);
MRR; section@5 (the expected heading among the sections shown for the expected report, where the fixture
names one); zero-result rate of queries that occur verbatim; queries found nowhere that still return
results; bytes downloaded for search from opening a page until the first results, in a fresh browser
(the search worker, its scripts and index files; median and maximum over ``--cold`` queries); query
latency from the key press to results on screen (the first result, or the final word that there is none;
"正在查找…" is neither), median and p95, with the index already loaded.

``--scale N`` measures the project's search alone on the index of an archive of N reports made of the
corpus site's report pages (``search_archive.py``: each page indexed once, repeated under distinct URLs
and identities, the index written by the project's writer): its size per report, the bytes to the first
results of a sample of queries in a fresh browser, and the latency of every corpus query.

``--pagefind COMMAND`` compares the project's search with Pagefind's on the corpus site
(``search_pagefind.py``), COMMAND running Pagefind (``pip install 'pagefind[extended]'`` in any Python).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from build_tools.search import STORED  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402
from tests.conftest import linked_or_copied  # noqa: E402

QUERIES = ROOT / "tests" / "fixtures" / "search-queries.tsv"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FOLDERS = ("national", "city", "province")
CONFIGURATIONS = ("anchor", "project")
TOP = 5
WARM_UP = "政府"
SEARCH_PATHS = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/", "javascripts/search")
PLACEHOLDER = "键入以开始搜索"
GOALS = {"recall@5": 0.97, "corpus bytes": 300_000, "p95 ms": 100.0}

INSTRUMENT = """() => {
  const SEARCHING = "正在查找…"  // the panel's word while no result is known yet: not an answer
  const input = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  window.__searchKey = null
  window.__searchShown = null
  // the query counts as given when the box's text changes (a key, a paste or an input method's commit)
  input.addEventListener("input", () => { window.__searchKey = performance.now(); window.__searchShown = null }, true)
  new MutationObserver(() => {
    if (window.__searchKey !== null && window.__searchShown === null && meta.textContent !== window.__searchBefore
        && meta.textContent !== SEARCHING)
      window.__searchShown = performance.now()
  }).observe(meta.parentElement, { childList: true, subtree: true, characterData: true })
}"""


@dataclass(frozen=True)
class Query:
    query: str
    site: str
    expected: tuple[str, ...]
    section: str
    category: str
    verbatim: bool


@dataclass(frozen=True)
class Hit:
    """One result: the page's path below the site root and the headings of the sections shown."""

    path: str
    sections: tuple[str, ...]

    @property
    def slug(self) -> str:
        parts = self.path.strip("/").split("/")
        return parts[1] if len(parts) == 2 and parts[0] == "reports" else self.path


@dataclass(frozen=True)
class Answer:
    hits: tuple[Hit, ...]
    count_text: str
    milliseconds: float


def read_queries(path: Path = QUERIES, site: str | None = None) -> list[Query]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header, body = rows[0], rows[1:]
    queries = []
    for row in body:
        fields = dict(zip(header, row, strict=True))
        queries.append(
            Query(
                fields["query"],
                fields["site"],
                tuple(slug for slug in fields["expected"].split(",") if slug),
                fields["section"],
                fields["category"],
                fields["verbatim"] == "yes",
            )
        )
    return [query for query in queries if site is None or query.site == site]


class SearchBox:
    """Material's search box on an open page: types a query like a person and reads the results. With
    ``key_after``, a key (End) follows the query: Material's own search (the anchor) reacts to keys only,
    where the project's searches as an input method commits the text."""

    def __init__(self, page: Any, key_after: bool = False) -> None:
        self.page = page
        self.key_after = key_after
        self.input = page.locator("input.md-search__input")
        label = page.locator("label.md-header__button[for=__search]")
        (label if label.is_visible() else self.input).click()
        page.evaluate(INSTRUMENT)

    def search(self, query: str, timeout_ms: float = 120_000) -> Answer:
        self.clear()
        self.page.evaluate(
            "() => window.__searchBefore = document.querySelector('.md-search-result__meta').textContent"
        )
        self.page.keyboard.insert_text(query)  # as an input method commits text: no key events
        if self.key_after:
            self.page.keyboard.press("End")
        self.page.wait_for_function("() => window.__searchShown !== null", timeout=timeout_ms)
        milliseconds = self.page.evaluate("() => window.__searchShown - window.__searchKey")
        # the project's panel lists the results' titles first, then their paragraphs: wait for those
        self.page.wait_for_function("() => !document.querySelector('.gr-search-pending')", timeout=timeout_ms)
        return Answer(self.hits(), self.page.locator(".md-search-result__meta").inner_text(), milliseconds)

    def clear(self) -> None:
        self.input.fill("")
        self.page.wait_for_function(
            f"() => document.querySelector('.md-search-result__meta').textContent === '{PLACEHOLDER}'"
        )

    def hits(self) -> tuple[Hit, ...]:
        found = self.page.evaluate(
            """() => [...document.querySelectorAll("li.md-search-result__item")].map(item => [
                item.querySelector("a").href,
                [...item.querySelectorAll("article h2")].map(heading => heading.textContent.replaceAll("\u200b", ""))])"""
        )
        base = urlparse(self.page.url)
        hits = []
        for href, sections in found:
            path = unquote(urlparse(href).path)
            hits.append(Hit(path[len(base.path) :] if path.startswith(base.path) else path, tuple(sections)))
        return tuple(hits)


def is_search_request(url: str, base: str) -> bool:
    path = url[len(base) :] if url.startswith(base) else ""
    return path.startswith(SEARCH_PATHS)


def response_bytes(request: Any) -> int:
    """The body size of a finished request (Chromium reports 0 for a worker's script: then its Content-Length)."""
    response = request.response()
    declared = int(response.headers.get("content-length", 0)) if response else 0
    return max(request.sizes()["responseBodySize"], declared)


def cold_bytes(site: Path, queries: Sequence[str], key_after: bool = False) -> list[int]:
    """Search bytes from opening the home page in a fresh browser until the first results, per query."""
    totals = []
    with serve(site) as base:
        for query in queries:
            with chromium() as context:
                page = context.new_page()
                received: list[int] = []

                def finished(request: Any, sizes: list[int] = received) -> None:
                    if is_search_request(request.url, base):
                        try:
                            sizes.append(response_bytes(request))
                        except PlaywrightError:  # it finished as the browser closed, after the answer was counted
                            return

                context.on("requestfinished", finished)  # the context sees the worker's requests too
                page.goto(base, wait_until="domcontentloaded")
                SearchBox(page, key_after).search(query)
                totals.append(sum(received))
    return totals


def warm_answers(site: Path, queries: Sequence[str], key_after: bool = False) -> list[Answer]:
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page, key_after)
        box.search(WARM_UP)
        return [box.search(query) for query in queries]


def reciprocal_rank(query: Query, answer: Answer) -> float:
    for rank, hit in enumerate(answer.hits, start=1):
        if hit.slug in query.expected:
            return 1.0 / rank
    return 0.0


def section_found(query: Query, answer: Answer) -> bool:
    return any(
        hit.slug in query.expected and any(query.section in heading for heading in hit.sections)
        for hit in answer.hits[:TOP]
    )


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(queries: Sequence[Query], answers: Sequence[Answer], cold: Sequence[int]) -> dict[str, float]:
    pairs = list(zip(queries, answers, strict=True))
    expected = [(q, a) for q, a in pairs if q.expected]
    sectioned = [(q, a) for q, a in expected if q.section]
    verbatim = [(q, a) for q, a in pairs if q.verbatim]
    nowhere = [(q, a) for q, a in pairs if q.category == "nowhere"]
    latencies = [a.milliseconds for a in answers]
    return {
        "recall@5": sum(reciprocal_rank(q, a) >= 1 / TOP for q, a in expected) / len(expected),
        "MRR": sum(reciprocal_rank(q, a) for q, a in expected) / len(expected),
        "section@5": sum(section_found(q, a) for q, a in sectioned) / len(sectioned) if sectioned else math.nan,
        "zero-result rate (verbatim)": sum(not a.hits for _, a in verbatim) / max(1, len(verbatim)),
        "nowhere queries with results": sum(bool(a.hits) for _, a in nowhere),
        "bytes to first results, median": statistics.median(cold),
        "bytes to first results, max": max(cold),
        "latency ms, median": statistics.median(latencies),
        "latency ms, p95": percentile(latencies, 0.95),
    }


def misses(queries: Sequence[Query], answers: Sequence[Answer]) -> Iterator[str]:
    for query, answer in zip(queries, answers, strict=True):
        top = [hit.slug for hit in answer.hits[:TOP]]
        if query.expected and reciprocal_rank(query, answer) < 1 / TOP:
            yield f"  miss [{query.category}] {query.query}: expected {','.join(query.expected)}, got {top}"
        elif query.section and not section_found(query, answer):
            yield f"  section [{query.category}] {query.query}: expected under {query.section}"
        elif query.category == "nowhere" and answer.hits:
            yield f"  nowhere [{query.category}] {query.query}: got {top}"


def build(configuration: str, seeds: Path, site_dir: Path) -> float:
    """Builds one configuration in a fresh interpreter; returns its wall time in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, __file__, "--build", configuration, str(seeds), str(site_dir)]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def build_in_process(configuration: str, seeds: Path, site_dir: Path) -> None:
    """The project's mkdocs.yml, or for the anchor the same without the search settings and with the theme
    override less its search (``main.html``, which points Material's search at the project's worker)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.utils import yaml_load

    os.environ["REPORTS_SEEDS_DIR"] = str(seeds)
    overrides: dict[str, Any] = {"site_dir": str(site_dir)}
    if configuration == "anchor":
        os.environ["REPORTS_SEARCH"] = "material"
        raw = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        theme = site_dir.parent / f"{site_dir.name}-theme"
        shutil.copytree(ROOT / raw["theme"]["custom_dir"], theme, dirs_exist_ok=True)
        (theme / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
        overrides["theme"] = {**raw["theme"], "custom_dir": str(theme)}
        overrides["plugins"] = plugin_names(raw["plugins"])  # `search` without the project's settings
    mkdocs_build(load_config(str(ROOT / "mkdocs.yml"), **overrides))


def plugin_names(plugins: Sequence[Any]) -> list[str]:
    return [next(iter(entry)) if isinstance(entry, dict) else entry for entry in plugins]


@contextmanager
def corpus_seeds() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="search-corpus-") as folder:
        for name in CORPUS_FOLDERS:
            for path in sorted((CORPUS / name).glob("*")):
                if path.is_file():
                    linked_or_copied(path, Path(folder) / path.name)
        yield Path(folder)


def search_bytes_on_disk(site: Path) -> int:
    return sum(path.stat().st_size for path in (site / "search").rglob("*") if path.is_file())


def bench_site(name: str, seeds: Path, cold_count: int) -> dict[str, dict[str, float]]:
    queries = read_queries(site=name)
    step = max(1, len(queries) // cold_count)
    sample = [query.query for query in queries[::step][:cold_count]]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix=f"search-{name}-") as folder:
        for configuration in CONFIGURATIONS:
            site = Path(folder) / configuration
            seconds = build(configuration, seeds, site)
            anchor = configuration == "anchor"
            answers = warm_answers(site, [query.query for query in queries], key_after=anchor)
            cold = cold_bytes(site, sample, key_after=anchor)
            results[configuration] = {
                "build seconds": seconds,
                "search files on disk, bytes": search_bytes_on_disk(site),
                **figures(queries, answers, cold),
            }
            print(f"\n== {name} site, {configuration}: {len(queries)} queries")
            for line in misses(queries, answers):
                print(line)
    print(f"\n== {name} site: anchor | project")
    for key in results["project"]:
        anchor, project = results["anchor"][key], results["project"][key]
        print(f"  {key:34} {anchor:>14,.3f} | {project:>14,.3f}")
    return results


def print_goals(results: dict[str, dict[str, dict[str, float]]]) -> None:
    print("\n== goals (project search)")
    for site, by_configuration in results.items():
        project, anchor = by_configuration["project"], by_configuration["anchor"]
        checks = [
            ("recall@5 >= 0.97", project["recall@5"] >= GOALS["recall@5"]),
            ("no verbatim query without results", project["zero-result rate (verbatim)"] == 0),
            ("p95 latency <= 100 ms", project["latency ms, p95"] <= GOALS["p95 ms"]),
            ("build no slower than the anchor's", project["build seconds"] <= anchor["build seconds"]),
        ]
        if site == "corpus":
            checks.append(
                ("<= 300 KB to first results", project["bytes to first results, max"] <= GOALS["corpus bytes"])
            )
        for label, ok in checks:
            print(f"  {site:6} {'PASS' if ok else 'FAIL'}  {label}")


SCALE_QUERIES = ("粮食产量", "发展", "城镇居民人均可支配收入", "我国伟大的人民革命", "襄阳 2024", "港珠澳大桥")


def bench_scale(count: int, site: Path | None, cold_count: int, kept: Path | None = None) -> dict[str, float]:
    """The project's search on the index of ``count`` reports made of the corpus site's pages (in ``kept``
    when given: made there once, measured again on later runs)."""
    from tests.benchmarks.search_archive import archive_index

    with tempfile.TemporaryDirectory(prefix="search-scale-") as folder:
        corpus_site = site
        archive = kept or Path(folder) / "archive"
        start = time.perf_counter()
        originals = 0
        if not (archive / "search" / ("manifest.json" + STORED)).is_file():
            if corpus_site is None:
                corpus_site = Path(folder) / "corpus"
                with corpus_seeds() as seeds:
                    build("project", seeds, corpus_site)
            originals = archive_index(corpus_site, CORPUS / "SOURCES.tsv", count, archive)
        seconds = time.perf_counter() - start
        files = [path for path in (archive / "search").rglob("*") if path.is_file()]
        size = sum(path.stat().st_size for path in files)
        queries = [query.query for query in read_queries(site="corpus")] + list(SCALE_QUERIES)
        cold = cold_bytes(archive, list(SCALE_QUERIES)[:cold_count] + queries[:: max(1, len(queries) // cold_count)][:cold_count])
        answers = warm_answers(archive, queries)
        latencies = [answer.milliseconds for answer in answers]
        results = {
            "reports": count,
            "original pages": originals,
            "index seconds": seconds,
            "index files": len(files),
            "index bytes": size,
            "index bytes per report": size / count,
            "bytes to first results, median": statistics.median(cold),
            "bytes to first results, max": max(cold),
            "latency ms, median": statistics.median(latencies),
            "latency ms, p95": percentile(latencies, 0.95),
        }
    print(f"\n== archive of {count} reports (the corpus pages repeated), project search")
    for query, answer in zip(queries, answers, strict=True):
        if query in SCALE_QUERIES:
            print(f"  {query}: {answer.count_text}, {answer.milliseconds:.0f} ms")
    for key, value in results.items():
        print(f"  {key:34} {value:>16,.1f}")
    print(f"  {'PASS' if results['bytes to first results, max'] <= 200_000 else 'FAIL'}  <= 200 KB to first results")
    print(f"  {'PASS' if results['latency ms, p95'] <= GOALS['p95 ms'] else 'FAIL'}  p95 latency <= 100 ms")
    return results


def all_results(site: Path, queries: Sequence[str]) -> tuple[list[list[str]], list[float]]:
    """The project's whole result list for each query (scrolled to the end) and its latency."""
    lists, latencies = [], []
    with serve(site) as base, chromium() as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        box = SearchBox(page)
        box.search(WARM_UP)
        for query in queries:
            answer = box.search(query)
            latencies.append(answer.milliseconds)
            for _ in range(50):
                shown = page.locator("li.md-search-result__item").count()
                page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
                page.wait_for_timeout(250)
                if page.locator("li.md-search-result__item").count() == shown:
                    break
            lists.append([hit.path for hit in box.hits()])
    return lists, latencies


def bench_pagefind(command: str, site: Path | None, cold_count: int) -> None:
    """The project's search and Pagefind's on the corpus site, side by side."""
    from tests.benchmarks.search_pagefind import QUERIES, compare

    with tempfile.TemporaryDirectory(prefix="search-pagefind-") as folder:
        corpus_site = site
        if corpus_site is None:
            corpus_site = Path(folder) / "corpus"
            with corpus_seeds() as seeds:
                build("project", seeds, corpus_site)
        lists, latencies = all_results(corpus_site, QUERIES)
        cold = cold_bytes(corpus_site, QUERIES[::5])
        results = compare(corpus_site, command, lists, cold, latencies)
    print(f"\n== corpus site, {len(QUERIES)} queries: project | pagefind")
    for key in results["pagefind"]:
        project = results["project"].get(key, math.nan)
        print(f"  {key:34} {project:>14,.3f} | {results['pagefind'][key]:>14,.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="also the site of ../shared/corpus (167 reports)")
    parser.add_argument("--cold", type=int, default=5, help="queries measured in a fresh browser (bytes)")
    parser.add_argument("--scale", type=int, help="only the project's search on an archive of this many reports")
    parser.add_argument("--site", type=Path, help="with --scale: a corpus site already built by the project")
    parser.add_argument("--archive", type=Path, help="with --scale: the folder of the archive, kept for later runs")
    parser.add_argument("--pagefind", metavar="COMMAND", help="compare with Pagefind run by COMMAND on the corpus site")
    parser.add_argument("--build", nargs=3, metavar=("CONFIGURATION", "SEEDS", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build_in_process(args.build[0], Path(args.build[1]), Path(args.build[2]))
        return 0
    if args.scale:
        bench_scale(args.scale, args.site, args.cold, args.archive)
        return 0
    if args.pagefind:
        bench_pagefind(args.pagefind, args.site, args.cold)
        return 0
    results = {"seed": bench_site("seed", ROOT / "seeds", args.cold)}
    if args.corpus:
        if not all((CORPUS / name).is_dir() for name in CORPUS_FOLDERS):
            print("\n../shared/corpus is absent: corpus site skipped")
        else:
            with corpus_seeds() as seeds:
                results["corpus"] = bench_site("corpus", seeds, args.cold)
    print_goals(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
