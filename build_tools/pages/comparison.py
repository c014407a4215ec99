"""The cross-report comparison of headline indicators: a report in, its rows (made in its worker); every
report's rows in, the comparison pages out.

- ``indicators.md`` (in the navigation): what the comparison holds, the downloads, and one line per year
  with its numbers of reports and rows, linked to the year's page;
- ``indicators/YEAR.md`` (``indicators/unknown.md`` for reports of no known year): one row per report and
  headline indicator of that year, sortable in the browser; for a year of more reports than
  ``year_page_most_reports`` those of the State Council and the provinces, and a page per province
  (``indicators/YEAR/PROVINCE.md``) for its cities' and counties'.

One page per year, so that no page grows with the whole archive: a page holds the reports of one year, or of
one province in one year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from build_tools.archive.catalogue import NATIONAL, NATIONAL_LEVEL, CatalogueEntry
from build_tools.archive.series import SeriesFacts, firsts
from build_tools.model import Report
from build_tools.pages.browse import crumbs_nav, level_of, link, province_of, safe
from build_tools.pages.render import escape_markdown, front_matter, labels, table
from build_tools.pages.series_pages import SERIES_DOWNLOAD, figure_value, figure_year, verdict_rule
from build_tools.pages.tables import category_name, indicators_download_path
from build_tools.pages.years import OWN_PAGE_LEVELS
from build_tools.resource_files import load_yaml

INDEX_PATH = "indicators.md"
COLUMNS = ("place", "level", "category", "kind", "amount", "change", "share")
Rows = tuple[tuple[str, ...], ...]


def comparison_rows(report: Report, facts: SeriesFacts) -> tuple[tuple[str, ...], ...]:
    """The report's rows of the comparison: one per headline indicator category it states, from its figures
    that are the year's own (``facts``: those the series across years takes, ``series.firsts``: a threshold
    passed gives way to the figure stated exactly, 突破4000亿元、达到4211亿元), as Markdown cells whose links are
    written from the site's root (``reports/SLUG.md``)."""
    words = labels()
    unknown = words["unknown"]["level"]
    by_category: dict[str, dict[str, str]] = {}
    chosen = firsts(facts)
    for kind in ("target", "actual", "estimate"):
        for figure in facts.figures:
            if figure.kind != kind or chosen.get((figure.category, figure.role, kind)) is not figure:
                continue
            # the first figure's words name the indicator: 1988's 国民生产总值 is no 国内生产总值
            cells = by_category.setdefault(figure.category, {"kind": kind, "about": "", "subject": figure.subject})
            if cells["kind"] != kind or figure.role in cells:
                continue
            if kind != "target":  # a result is of the year before the page's: its cell says so (2023年实际完成)
                cells["about"] = cells["about"] or figure_year(figure)
            cells[figure.role] = f"[{escape_markdown(figure_value(figure))}]({figure.link})"
    # the year is the page's: the place names the report, linked to it (its title where the place is unknown)
    return tuple(
        (
            f"[{escape_markdown(report.place or report.title)}](reports/{report.slug}.md)",
            escape_markdown(report.level or unknown),
            escape_markdown(category_name(category, report.level == NATIONAL_LEVEL, cells["subject"])),
            escape_markdown(cells["about"] + words["indicator_kinds"][cells["kind"]]),
            cells.get("level", ""),
            cells.get("change", ""),
            cells.get("share", ""),
        )
        for category, cells in by_category.items()
    )


def year_path(year: int | None) -> str:
    return f"indicators/{year if year is not None else 'unknown'}.md"


def from_page(cell: str, depth: int = 1) -> str:
    """A cell written from the root, as seen from a page ``depth`` folders down (``indicators/YEAR.md``: 1): its
    links as many folders up (the text of a cell is escaped, so ``](`` occurs only where a link starts)."""
    return cell.replace("](reports/", "](" + "../" * depth + "reports/")


def province_path(year: int | None, province: str) -> str:
    return year_path(year).removesuffix(".md") + f"/{safe(province)}.md"


def rows_table(rows: Sequence[tuple[str, ...]], depth: int) -> tuple[list[str], list[str]]:
    """The words on the rows and the rows as a sortable table on a page ``depth`` folders down, or no words and
    those saying there are none."""
    words = labels()
    if not rows:  # no table: one without rows would show an empty one
        return [], [escape_markdown(words["comparison_no_rows"]) + "\n"]
    header = [words["comparison_columns"][key] for key in COLUMNS]
    cells = [[from_page(cell, depth) for cell in row] for row in rows]
    intro = escape_markdown(words["comparison_intro"]) + "\n"
    return [intro], ['<div class="gr-sortable" markdown>\n', table(header, cells), "</div>\n"]


def year_page(year: int | None, reports: Sequence[tuple[CatalogueEntry, Rows]], limit: int) -> dict[str, str]:
    """The page of ``year``: every report's rows, or, for a year of more than ``limit`` reports, those of the
    State Council and the provinces and a table of the provinces, each linked to a page of its cities' and
    counties' rows (as ``years.year_pages`` lists the reports)."""
    words, path = labels(), year_path(year)
    title = year_title(year)
    download = indicators_download_path(year)
    links = (
        words["comparison_year_download"].format(name=download.rsplit("/", 1)[1], path=f"../{download}")
        + " · "
        + link(path, INDEX_PATH, words["comparison_all_years"])
        + "\n"
    )
    head = [front_matter({"title": title}), f"# {escape_markdown(title)}\n"]
    split = len(reports) > limit and any(province_of(entry) != NATIONAL for entry, _ in reports)
    if not split:
        intro, listed = rows_table([row for _, rows in reports for row in rows], 1)
        return {path: "\n".join([*head, *intro, links, *listed])}
    own = [row for entry, rows in reports if level_of(entry) in OWN_PAGE_LEVELS for row in rows]
    by_province: dict[str, list[tuple[str, ...]]] = {}
    counts: Counter[str] = Counter()
    for entry, rows in reports:
        if level_of(entry) not in OWN_PAGE_LEVELS:
            by_province.setdefault(province_of(entry), []).extend(rows)
            counts[province_of(entry)] += 1
    columns = words["comparison_years_columns"]
    # in the order of the provinces' codes, as official lists give them, those of no known code last
    code: dict[str, str] = {}
    for entry, _ in reports:
        code[province_of(entry)] = min(code.get(province_of(entry), "99"), (entry.identity.code or "99")[:2])
    provinces = [
        [link(path, province_path(year, province), province), str(counts[province]), str(len(by_province[province]))]
        for province in sorted(by_province, key=lambda province: (code[province], province))
    ]
    heading = f"## {words['year_split_heading']}\n"
    by_place = table([words["browse_columns"]["province"], columns["reports"], columns["rows"]], provinces)
    intro, listed = rows_table(own, 1)
    pages = {path: "\n".join([*head, *intro, links, *listed, heading, by_place])}
    for province, rows in by_province.items():
        page = province_path(year, province)
        shown = words["comparison_province_title"].format(year=year_label(year), province=province)
        crumbs = crumbs_nav([link(page, INDEX_PATH, words["comparison_all_years"]), link(page, path, title)])
        intro, listed = rows_table(rows, 2)
        title_lines = [front_matter({"title": shown}), crumbs, f"# {escape_markdown(shown)}\n"]
        pages[page] = "\n".join([*title_lines, *intro, *listed])
    return pages


def comparison_pages(reports: Sequence[tuple[CatalogueEntry, Rows]], most: int | None = None) -> dict[str, str]:
    """The index and the page of each year, from each report's catalogue entry and rows, in the archive's order
    (``most``: the most reports a year's page lists itself, by default ``year_page_most_reports``)."""
    limit = int(load_yaml("settings.yaml")["year_page_most_reports"]) if most is None else most
    by_year: dict[int | None, list[tuple[CatalogueEntry, Rows]]] = {}
    for entry, rows in reports:
        by_year.setdefault(entry.year, []).append((entry, rows))
    years = sorted(by_year, key=lambda year: (year is None, -(year or 0)))
    counts = {year: len(by_year[year]) for year in years}
    rows_of = {year: [row for _, rows in by_year[year] for row in rows] for year in years}
    pages = {INDEX_PATH: index_page(years, counts, rows_of)}
    for year in years:
        pages.update(year_page(year, by_year[year], limit))
    return pages


def series_columns() -> str:
    """What the columns of ``downloads/series.csv.gz`` hold, its verdicts' codes with their words."""
    words = labels()
    verdicts = "；".join(f"{code} {word}" for code, word in words["series_verdicts"].items())
    before, after = words["series_download_columns"].format(verdicts=verdicts, csv="\0").split("\0")
    download = escape_markdown(before) + link(INDEX_PATH, SERIES_DOWNLOAD, "series.csv.gz") + escape_markdown(after)
    return download + " " + verdict_rule()


def year_label(year: int | None) -> str:
    return f"{year}年" if year is not None else labels()["unknown"]["year"]


def year_title(year: int | None) -> str:
    return labels()["comparison_year_title"].format(year=year_label(year))


def index_page(
    years: Sequence[int | None], counts: dict[int | None, int], rows: dict[int | None, list[tuple[str, ...]]]
) -> str:
    words = labels()
    known = [year for year in years if year is not None]
    example = indicators_download_path(known[0] if known else None)
    downloads = (  # an archive of no report has no file to give as the example
        words["comparison_downloads"].format(example=example.rsplit("/", 1)[1], example_path=example)
        + "\n\n"
        + escape_markdown(words["download_columns"])
        + "\n\n"
        + series_columns()
        + "\n\n"
        + escape_markdown(words["catalogue_columns"])
        if years
        else ""
    )
    columns = words["comparison_years_columns"]
    listed = [
        [
            link(INDEX_PATH, year_path(year), year_label(year)),
            str(counts[year]),
            str(len(rows[year])),
        ]
        for year in years
    ]
    return "\n".join(
        [
            front_matter({"title": words["comparison_title"]}),
            f"# {words['comparison_title']}\n",
            escape_markdown(words["comparison_index_intro"]) + "\n",
            table([columns["year"], columns["reports"], columns["rows"]], listed)
            if listed
            else escape_markdown(words["phrases"]["none"]) + "\n",
            # what each column of the files means, after the years a reader came for
            f"## {words['comparison_downloads_heading']}\n\n{downloads}\n" if downloads else "",
        ]
    )
