"""Browsing the archive: catalogue entries in, the pages across reports (levels, provinces, cities,
places) and the navigation out (the home page's ways in are ``home``'s, the years' pages ``years``').

The navigation is a hierarchy whose size does not grow with the archive: the home page, one section
per level of government whose index page lists the provinces and whose children are the provinces at
that level (at most 35), the years, and the site's other pages. Places, years, reports and audits are
not in it: each is linked from the pages above it and from its breadcrumbs, and ``parents`` names the
section the sidebar opens for it. Every page's size grows with what it lists, never with the square of
the archive.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from build_tools.archive.catalogue import LEVELS, NATIONAL, CatalogueEntry, level_rank
from build_tools.pages.identity_line import inferred_mark
from build_tools.pages.render import escape_markdown, escape_plain, front_matter, labels, table

SLUG_UNSAFE = re.compile(r"[^\w-]+")  # \w holds the Han characters
NEWEST = 20


@dataclass(frozen=True)
class Headline:
    """One headline figure of a report, as its place page shows it: label, value and the link to its sentence."""

    label: str
    text: str
    link: str


@dataclass(frozen=True)
class Listed:
    """A report as the browsing pages list it: its catalogue entry and headline figures."""

    entry: CatalogueEntry
    headline: tuple[Headline, ...] = ()


@dataclass
class Browse:
    """The browsing pages (path → Markdown), the navigation, and the section each page outside the
    navigation belongs to (page path → the index page of its section)."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)


def unknown(what: str) -> str:
    return labels()["unknown"][what]


def safe(name: str) -> str:
    return SLUG_UNSAFE.sub("-", name).strip("-") or "-"


def level_of(entry: CatalogueEntry) -> str:
    return entry.level if entry.level in LEVELS else unknown("level")


def province_of(entry: CatalogueEntry) -> str:
    if entry.level == "国家" or entry.place == NATIONAL:
        return NATIONAL
    return entry.province or unknown("province")


def place_key(entry: CatalogueEntry) -> tuple[str, str, str]:
    """(province, parent below the province or "", place): one place, wherever its name repeats."""
    province = province_of(entry)
    place = entry.place or unknown("place")
    if province == NATIONAL or place == province:
        return province, "", place
    parent = entry.identity.parent or ""
    return province, "" if parent == province else parent, place


def division_codes(listed: Iterable[Listed]) -> dict[tuple[str, str, str], str]:
    """The administrative code of each place of ``listed`` and of its province (its code's first two
    digits, then 0000), as far as their identities give one."""
    codes: dict[tuple[str, str, str], str] = {}
    for item in listed:
        code = item.entry.identity.code
        if code:
            key = place_key(item.entry)
            codes.setdefault(key, code)
            codes.setdefault((key[0], "", key[0]), code[:2] + "0000")
    return codes


def official_order(key: tuple[str, str, str], codes: Mapping[tuple[str, str, str], str]) -> tuple[object, ...]:
    """Where place ``key`` stands in the lists: 全国 first, then the provinces in the order of their
    administrative codes (北京 11, 天津 12, … 新疆 65), as official lists and yearbooks give them, each
    province's places after it in the order of theirs; a division whose code is unknown after the others
    of its kind, by name."""
    province, unknown_code = (key[0], "", key[0]), "999999"
    return (key[0] != NATIONAL, codes.get(province, unknown_code), key[0], codes.get(key, unknown_code), key[2], key[1])


def place_path(key: tuple[str, str, str]) -> str:
    province, parent, place = key
    parts = [province] if place == province else [province, parent, place] if parent else [province, place]
    return "places/" + "/".join(safe(part) for part in parts) + "/index.md"


def level_path(level: str) -> str:
    return f"levels/{safe(level)}/index.md"


def level_province_path(level: str, province: str) -> str:
    return f"levels/{safe(level)}/{safe(province)}.md"


def year_path(year: int | None) -> str:
    return f"years/{year if year is not None else safe(unknown('year'))}.md"


def link(source: str, target: str, text: str) -> str:
    """A Markdown link from the page ``source`` to the page ``target`` (both paths in the site)."""
    return f"[{escape_markdown(text)}]({relative_path(source, target)})"


def inline_list(links: Sequence[str], *, whole: bool = False) -> str:
    """Markdown links as a list that reads as one line (class ``gr-inline-list``: items side by side, 、 between
    them), so that a screen reader still announces a list of so many items; ``whole``: no item breaks across
    lines (河北省（1） broke before its count)."""
    items = "\n".join(f"- {item}" for item in links)
    classes = "gr-inline-list gr-whole-items" if whole else "gr-inline-list"
    return f'<div class="{classes}" markdown>\n\n{items}\n\n</div>\n'


@lru_cache(maxsize=65536)
def relative_path(source: str, target: str) -> str:
    """``target`` as seen from the folder of ``source`` (both normalised paths in the site, no ``..``):
    what ``posixpath.relpath`` gives, without its calls to ``abspath`` (a build makes ~60 links a report)."""
    folder = source.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(folder) and common < len(parts) - 1 and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:])


def year_text(year: int | None) -> str:
    return f"{year}年" if year is not None else unknown("year")


def within_a_year(entry: CatalogueEntry) -> tuple[object, ...]:
    """Where a report stands among those of its year: by level, then in the order of the places'
    administrative codes (``official_order``), those of no known code last."""
    return (level_rank(level_of(entry)), entry.identity.code or "999999", entry.title, entry.slug)


def newest_first(listed: Iterable[Listed]) -> list[Listed]:
    """Newest year first; within a year as ``within_a_year``."""
    return sorted(listed, key=lambda item: (-(item.entry.year or 0), *within_a_year(item.entry)))


def province_page(province: str) -> str:
    """The page of a province: its own reports, its places and their reports, its figures."""
    return place_path((province, "", province))


def parent_page(key: tuple[str, str, str]) -> str:
    """The page of the city a district is in (``key``'s parent), which lists the districts with reports."""
    return place_path((key[0], "", key[1]))


def crumbs_nav(crumbs: Sequence[str]) -> str:
    """The breadcrumbs' links as the navigation landmark a screen reader names 路径."""
    return '<nav class="gr-breadcrumbs" aria-label="路径" markdown>' + " › ".join(crumbs) + "</nav>\n"


def breadcrumbs(entry: CatalogueEntry, page: str) -> str:
    """首页 › level › province › place › year, as links from ``page`` (the province's to its own page, which lists
    its places of every level, not only those of the report's)."""
    words = labels()
    level, key = level_of(entry), place_key(entry)
    crumbs = [link(page, "index.md", words["nav_home"]), link(page, level_path(level), level)]
    if key[0] != NATIONAL:
        crumbs.append(link(page, province_page(key[0]), key[0]))
    if key[1]:  # a district's city, whose page lists its districts
        crumbs.append(link(page, parent_page(key), key[1]))
    if key[2] != key[0] or key[0] == NATIONAL:
        crumbs.append(link(page, place_path(key), key[2]))
    crumbs.append(link(page, year_path(entry.year), year_text(entry.year)))
    return crumbs_nav(crumbs)


def report_rows(page: str, listed: Sequence[Listed], *, with_place: bool, lead: str | None) -> list[list[str]]:
    rows = []
    for item in listed:
        entry = item.entry
        figures = "；".join(link(page, h.link, f"{h.label} {h.text}") for h in item.headline)
        title = link(page, entry.page, entry.title)
        if lead != "year":  # the year is the page's (a year's page), though this report's may have been inferred
            title += inferred_mark(entry.identity, "year")
        row = [title, figures]
        if with_place:
            place = link(page, place_path(place_key(entry)), place_key(entry)[2])
            row.insert(0, place + inferred_mark(entry.identity, "place"))
        if lead == "province":
            row.insert(0, link(page, level_province_path(level_of(entry), province_of(entry)), province_of(entry)))
        elif lead == "year":
            year = link(page, year_path(entry.year), year_text(entry.year))
            row.insert(0, year + inferred_mark(entry.identity, "year"))
        rows.append(row)
    return rows


def report_table(page: str, listed: Sequence[Listed], *, with_place: bool = False, lead: str | None = "year") -> str:
    """The reports of ``listed``, a row each: the column ``lead`` names (their year, their province on a
    year's page, or none), their place when ``with_place``, title and headline figures."""
    columns = labels()["browse_columns"]
    header = [*([columns[lead]] if lead else []), *([columns["place"]] if with_place else [])]
    header += [columns["report"], columns["headline"]]
    return table(header, report_rows(page, listed, with_place=with_place, lead=lead))


def page_head(title: str, intro: str = "") -> list[str]:
    parts = [front_matter({"title": escape_plain(title)}), f"# {escape_markdown(title)}\n"]
    return parts + ([escape_markdown(intro) + "\n"] if intro else [])


def place_page(
    key: tuple[str, str, str], listed: Sequence[Listed], below: Sequence[Listed] = (), section: str = ""
) -> str:
    """A place's reports by year, newest first, with their headline figures, then ``section`` (its headline
    indicators across years, ``series_pages``). A province's page says how many reports the archive holds of
    it and of the places within it, and lists those places with their years (``below``: their reports) above
    its own figures, so that none is found only at the foot of a long page."""
    words, path = labels(), place_path(key)
    first = listed[0].entry if listed else below[0].entry if below else None
    parts = page_head(key[2])
    if first is not None:
        crumbs = [link(path, "index.md", words["nav_home"])]
        if listed:  # a province without reports of its own is under no level (贵州省 was under 市)
            crumbs.append(link(path, level_path(level_of(first)), level_of(first)))
        if key[0] not in (NATIONAL, key[2]):
            crumbs.append(link(path, province_page(key[0]), key[0]))
        if key[1]:
            crumbs.append(link(path, parent_page(key), key[1]))
        parts.insert(1, crumbs_nav(crumbs))  # above the title, as on a report's page (and above a phone's outline box)
    if below:
        places = len({place_key(item.entry) for item in below})
        counts = {"count": len(listed) + len(below), "own": len(listed), "places": places, "below": len(below)}
        intro = words["province_intro" if key[2] == key[0] else "city_intro"]
        parts.append(escape_markdown(intro.format(**counts)) + "\n")
    if listed:
        parts += [f"## {words['place_reports_heading']}\n", report_table(path, newest_first(listed))]
    if below:
        parts += [f"## {words['place_below_heading']}\n", places_table(path, below, key[2])]
    if section:
        parts.append(section)
    return "\n".join(parts)


def places_table(path: str, listed: Sequence[Listed], own: str = "") -> str:
    """The places of ``listed``, in the order of their codes, each with its years linked to its reports (and
    the city it is in, where any is below a city other than ``own``, the place whose page lists them)."""
    by_place: dict[tuple[str, str, str], list[Listed]] = defaultdict(list)
    for item in listed:
        by_place[place_key(item.entry)].append(item)
    columns, codes = labels()["browse_columns"], division_codes(listed)
    rows = []
    for key in sorted(by_place, key=lambda key: official_order(key, codes)):
        reports = newest_first(by_place[key])
        shown = Counter(year_text(item.entry.year) for item in reports)
        years = " ".join(  # a year two reports share (年份不详 of several) gives their titles: links that say apart
            link(path, item.entry.page, year_text(item.entry.year) if shown[year_text(item.entry.year)] == 1
                 else item.entry.title) + inferred_mark(item.entry.identity, "year")
            for item in reports
        )
        parent = link(path, parent_page(key), key[1]) if key[1] else ""
        rows.append([link(path, place_path(key), key[2]), parent, years])
    if any(parent not in ("", own) for _, parent, _ in by_place):
        return table([columns["place"], columns["parent"], columns["years"]], rows)
    # places right below the province (cities, or the province itself): a parent column would be empty
    return table([columns["place"], columns["years"]], [[place, years] for place, _, years in rows])


def level_province_page(level: str, province: str, listed: Sequence[Listed]) -> str:
    """The places of one level in one province, each with its years linked to its reports."""
    words, path = labels(), level_province_path(level, province)
    parts = page_head(f"{province} · {level}", words["level_province_intro"].format(count=len(listed)))
    parts.insert(1, crumbs_nav([link(path, "index.md", words["nav_home"]), link(path, level_path(level), level)]))
    whole = link(path, province_page(province), words["province_page_link"].format(province=province))
    return "\n".join([*parts, places_table(path, listed), whole + "\n"])


def level_page(level: str, listed: Sequence[Listed]) -> str:
    """A level's provinces with their numbers of places and reports."""
    words, path = labels(), level_path(level)
    parts = page_head(level, words["level_intro"].format(count=len(listed)))
    parts.insert(1, crumbs_nav([link(path, "index.md", words["nav_home"])]))
    by_province: dict[str, list[Listed]] = defaultdict(list)
    for item in listed:
        by_province[province_of(item.entry)].append(item)
    columns, codes = words["browse_columns"], division_codes(listed)
    rows = []
    for province in sorted(by_province, key=lambda name: official_order((name, "", name), codes)):
        items = by_province[province]
        national = province == NATIONAL
        target = place_path(place_key(items[0].entry)) if national else level_province_path(level, province)
        places = len({place_key(item.entry) for item in items})
        rows.append([link(path, target, province), str(places), str(len(items))])
    parts.append(table([columns["province"], columns["places"], columns["reports"]], rows))
    return "\n".join(parts)


def browse(listed: Sequence[Listed], sections: Mapping[str, str] | None = None) -> Browse:
    """Every browsing page but the home page, the level sections of the navigation, and the parents;
    ``sections`` adds a section to place pages (place page path → Markdown)."""
    extra = sections or {}
    made = Browse()
    by_place: dict[tuple[str, str, str], list[Listed]] = defaultdict(list)
    by_level: dict[str, list[Listed]] = defaultdict(list)
    for item in listed:
        by_place[place_key(item.entry)].append(item)
        by_level[level_of(item.entry)].append(item)
    codes = division_codes(listed)
    below: dict[tuple[str, str, str], list[Listed]] = defaultdict(list)  # a province's or a city's places
    for key in by_place:
        if key[2] != key[0]:
            below[(key[0], "", key[0])] += by_place[key]
        if key[1]:
            below[(key[0], "", key[1])] += by_place[key]
    for key in sorted(by_place.keys() | below.keys()):  # a province's or city's page, even if only its places have any
        section = extra.get(place_path(key), "")
        made.pages[place_path(key)] = place_page(key, by_place.get(key, []), below.get(key, []), section)
    for level in sorted(by_level, key=level_rank):
        items = by_level[level]
        made.pages[level_path(level)] = level_page(level, items)
        section: list[Any] = [level_path(level)]
        by_province: dict[str, list[Listed]] = defaultdict(list)
        for item in items:
            by_province[province_of(item.entry)].append(item)
        for province in sorted(by_province, key=lambda name: official_order((name, "", name), codes)):
            if province == NATIONAL:
                continue
            page = level_province_path(level, province)
            made.pages[page] = level_province_page(level, province, by_province[province])
            section.append({escape_plain(province): level_province_path(level, province)})
        made.nav.append({level: section})
        for item in items:
            made.parents[place_path(place_key(item.entry))] = level_path(level)
            made.parents[item.entry.page] = level_path(level)
            made.parents[f"audit/{item.entry.slug}.md"] = level_path(level)
    return made
