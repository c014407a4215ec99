"""The years' pages: catalogue entries in, ``years/index.md`` and a page per year out.

A year's page lists its reports by level, then in the order of their places' codes. A year of more reports
than ``year_page_most_reports`` (``resources/settings.yaml``: a real archive holds some 3,000 a year, the
State Council's, 31 provinces', 333 cities' and the counties') keeps on its page the reports of the State
Council and the provinces, and lists those of each province's cities and counties on a page of their own
(``years/2024/湖北省.md``), linked from a table of the provinces with their numbers of reports: no page then
grows with the archive, the largest holding one province's places of one year.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from build_tools.archive.catalogue import LEVELS, NATIONAL, level_rank
from build_tools.pages.browse import (
    Listed,
    crumbs_nav,
    division_codes,
    level_of,
    link,
    official_order,
    page_head,
    place_key,
    province_of,
    report_table,
    safe,
    unknown,
    year_path,
    year_text,
)
from build_tools.pages.render import escape_markdown, labels, table
from build_tools.resource_files import load_yaml

OWN_PAGE_LEVELS = ("国家", "省")  # on a year's page however many reports it has: at most 35 a year
INDEX_PATH = "years/index.md"


def year_province_path(year: int | None, province: str) -> str:
    return year_path(year).removesuffix(".md") + f"/{safe(province)}.md"


def in_order(listed: Sequence[Listed]) -> list[Listed]:
    codes = division_codes(listed)
    return sorted(listed, key=lambda item: (official_order(place_key(item.entry), codes), item.entry.title))


def level_tables(path: str, listed: Sequence[Listed], *, with_province: bool) -> list[str]:
    """A heading and a table a level, each report with its place (its province too, for a city or county,
    where ``with_province``): the year is the page's."""
    by_level: dict[str, list[Listed]] = defaultdict(list)
    for item in listed:
        by_level[level_of(item.entry)].append(item)
    parts = []
    for level in sorted(by_level, key=level_rank):
        lead = "province" if with_province and level not in OWN_PAGE_LEVELS else None
        listed_here = report_table(path, in_order(by_level[level]), with_place=True, lead=lead)
        parts += [f"## {escape_markdown(level)}\n", listed_here]
    return parts


def crumbs(page: str, *more: tuple[str, str]) -> str:
    """首页 › 年份 (› the year …), as links from ``page``."""
    words = labels()
    trail = [("index.md", words["nav_home"]), (INDEX_PATH, words["nav_years"]), *more]
    return crumbs_nav([link(page, target, text) for target, text in trail])


def year_page(year: int | None, listed: Sequence[Listed]) -> str:
    """A year's reports by level, then province."""
    path = year_path(year)
    parts = page_head(year_text(year), labels()["year_intro"].format(count=len(listed)))
    parts.insert(1, crumbs(path))
    return "\n".join(parts + level_tables(path, listed, with_province=True))


def split_year_pages(year: int | None, listed: Sequence[Listed]) -> dict[str, str]:
    """A year of many reports: its page with the reports of the State Council and the provinces and a table of the
    provinces, and a page for each province's cities and counties."""
    words, path = labels(), year_path(year)
    own = [item for item in listed if level_of(item.entry) in OWN_PAGE_LEVELS]
    by_province: dict[str, list[Listed]] = defaultdict(list)
    for item in listed:
        if level_of(item.entry) not in OWN_PAGE_LEVELS:
            by_province[province_of(item.entry)].append(item)
    codes = division_codes(listed)
    provinces = sorted(by_province, key=lambda name: official_order((name, "", name), codes))
    levels = sorted({level_of(item.entry) for items in by_province.values() for item in items}, key=level_rank)
    columns = words["browse_columns"]
    rows = []
    for province in provinces:
        counts = Counter(level_of(item.entry) for item in by_province[province])
        page = year_province_path(year, province)
        rows.append([link(path, page, province), *(str(counts[level] or "") for level in levels)])
    intro = words["year_split_intro"].format(count=len(listed), own=len(own), provinces=len(provinces))
    parts = page_head(year_text(year), intro) + level_tables(path, own, with_province=False)
    parts.insert(1, crumbs(path))
    parts += [f"## {words['year_split_heading']}\n", table([columns["province"], *levels], rows)]
    pages = {path: "\n".join(parts)}
    for province in provinces:
        page = year_province_path(year, province)
        items = by_province[province]
        title = words["year_province_title"].format(year=year_text(year), province=province)
        head = page_head(title, words["year_province_intro"].format(count=len(items)))
        head.insert(1, crumbs(page, (path, year_text(year))))
        pages[page] = "\n".join(head + level_tables(page, items, with_province=False))
    return pages


def years_page(listed: Sequence[Listed]) -> str:
    """Every year with its numbers of reports by level, linked to its page."""
    words, path = labels(), INDEX_PATH
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for item in listed:
        counts[item.entry.year][level_of(item.entry)] += 1
    levels = [level for level in (*LEVELS, unknown("level")) if any(c[level] for c in counts.values())]
    columns = words["browse_columns"]
    rows = [
        [link(path, year_path(year), year_text(year)), *[str(counts[year][level] or "") for level in levels]]
        for year in sorted(counts, key=lambda year: -(year or 0))
    ]
    return "\n".join([*page_head(words["nav_years"], words["years_intro"]), table([columns["year"], *levels], rows)])


def year_pages(listed: Sequence[Listed], most: int | None = None) -> dict[str, str]:
    """The years' index and each year's page (``most``: the most reports a year's page lists itself, by default
    ``year_page_most_reports``), with its provinces' pages where it has more."""
    limit = int(load_yaml("settings.yaml")["year_page_most_reports"]) if most is None else most
    by_year: dict[int | None, list[Listed]] = defaultdict(list)
    for item in listed:
        by_year[item.entry.year].append(item)
    pages = {INDEX_PATH: years_page(listed)}
    for year, items in by_year.items():
        if len(items) > limit and any(province_of(item.entry) != NATIONAL for item in items):
            pages.update(split_year_pages(year, items))
        else:
            pages[year_path(year)] = year_page(year, items)
    return pages
