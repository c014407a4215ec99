"""A search index of a synthetic archive, for ``bench_search.py --scale N``: a built corpus site in, the
index of N reports under ``search/`` of a new site folder out.

The report pages of the corpus site (rendered once by the real build) are repeated under distinct URLs
until there are N, each copy with an identity of its own: the original's level and province (from
``../shared/corpus/SOURCES.tsv``), its place (a tenth of the copies keep the original's name, the others
a variant of it, 东营市乙), and a year counted back from the original's (copy k: year − k mod 6). Each
original page is indexed once; its copies share its part of the index, with their own URL, key and
identity, and the index is written by ``build_tools.search.write_index`` as a build writes it. Only the
index is made this way: the report pages themselves are not copied (results link to pages that do not
exist), the home page and the theme's files are the corpus site's.
"""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from build_tools import search
from build_tools.search.parse import number_keys
from build_tools.search.parts import IndexedPage, MemoryStore, index_key, index_page, page_key

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
PROVINCE = re.compile(r"^(.+?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市)")
LEVELS = {"national": "国家", "province": "省", "city": "市"}
VARIANTS = "甲乙丙丁戊己庚辛壬"


class SharedStore(MemoryStore):
    """The parts of the copies of one page, kept once: fragments are shared by the copies of a page."""

    def __init__(self, original: dict[str, str]) -> None:
        super().__init__()
        self.original = original  # a copy's key → its original's key
        self.shared: dict[tuple[str, str, int], Any] = {}

    def is_writable(self) -> bool:
        return True

    def get(self, key: str) -> Any | None:
        name, _, suffix = key.partition(".")
        if suffix in {"f0", "f1"}:
            return self.shared.get((self.original.get(name, name), suffix, 0))
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        name, _, suffix = key.partition(".")
        if suffix in {"f0", "f1"}:
            self.shared[(self.original.get(name, name), suffix, 0)] = value
        else:
            self.entries[key] = value


def report_pages(site: Path) -> list[search.SearchPage]:
    """The report pages of a built site as the hook hands them to the index."""
    pages = []
    for path in sorted(site.glob("reports/*/index.html")):
        text = path.read_text(encoding="utf-8")
        article = ARTICLE.search(text)
        if article:
            title = TITLE.search(text)
            url = f"{path.parent.relative_to(site)}/"
            pages.append(search.SearchPage(url, title.group(1).split(" - ")[0] if title else "", article.group(1)))
    return pages


def identities(sources: Path) -> dict[str, tuple[int, str, str, str]]:
    """Report slug → (year, place, level, province) from the corpus's SOURCES.tsv."""
    found = {}
    with sources.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            slug = Path(row["file"]).stem
            level = LEVELS.get(row["level"], "市")
            region = row["region"] or "全国"
            province = PROVINCE.match(region)
            province_name = province.group(1) if province else region
            place = region[len(province_name) :] or province_name if level == "市" else province_name
            if level == "国家":
                place = province_name = "全国"
            found[slug] = (int(row["year"] or 2024), place, level, province_name)
    return found


def archive_index(site: Path, sources: Path, count: int, folder: Path) -> int:
    """Writes the index of ``count`` reports into ``folder/search`` beside the corpus site's home page and
    assets; returns the number of original pages."""
    originals = report_pages(site)
    known = identities(sources)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "assets", "javascripts", "stylesheets"):
        source = site / name
        if source.is_dir():
            shutil.copytree(source, folder / name, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy(source, folder / name)
    parts = {page.url: index_page(page) for page in originals}
    copies, original = [], {}
    store = SharedStore(original)
    for k in range(count):
        page = originals[k % len(originals)]
        copy_number = k // len(originals)
        slug = page.url.strip("/").split("/")[-1]
        year, place, level, province = known.get(slug, (2024, slug, "市", ""))
        group = copy_number % 10
        name = place if group == 0 or level == "国家" else f"{place}{VARIANTS[group - 1]}"
        url = f"reports/{copy_number:03d}-{slug}/"
        copy = replace(page, url=url, year=year - copy_number // 10, place=name, level=level, province=province)
        copies.append(copy)
        key = index_key(copy)
        part = parts[page.url]
        summary = replace(part.summary, url=url, key=page_key(url), year=copy.year, place=name, level=level,
                          province=province)
        numbers = "\n".join(sorted({*part.number_keys.split("\n"), *number_keys([f"{copy.year}年"])} - {""}))
        store.put(key, IndexedPage(summary, part.pair_lines, part.character_lines, part.chunks, numbers))
        store.put(key + ".s", summary)
        original[key] = index_key(page)
    search.write_index(copies, folder, store)  # type: ignore[arg-type]
    shutil.copy(site / "search" / "search_index.json", folder / "search")  # Material's settings of search
    return len(originals)
