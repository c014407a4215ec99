"""Pages across years: a report in, its ``SeriesFacts`` out (in the worker); the ``SeriesFacts`` of every
report in, the series sections of the place pages, the comparison pages and the series downloads out.

- ``facts_of(report)``: the small record of one report that the series and comparison pages need.
- ``place_sections(rows, facts)``: per place page, a section per headline indicator with its chart of
  target against result over the years (inline SVG, ``charts.line_chart``, when they span enough years to
  draw: ``chart_min_years`` in ``resources/series.yaml``) beside its table, every value
  linked to its sentence.
- ``compare_pages(facts)``: for each report whose place has an earlier report in the archive, a page
  ``compare/SLUG.md`` setting it beside that predecessor (targets raised, lowered, new, dropped; length;
  outline), and the links the two report pages get to it.
- ``series_downloads(rows)``: ``downloads/series.csv.gz`` (CSV, UTF-8 with BOM, gzip), linked from each
  place's section.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import pairwise

from build_tools.archive.catalogue import NATIONAL, NATIONAL_LEVEL, entry_of
from build_tools.archive.series import (
    PlaceKey,
    SeriesFacts,
    SeriesFigure,
    SeriesRow,
    Source,
    chosen_reports,
    first_target,
    rules,
    series_facts,
)
from build_tools.archive.series_files import series_csv
from build_tools.archive.series_rules import measures_differ, measures_named
from build_tools.archive.verdicts import ceilings, in_base
from build_tools.holding import Joined
from build_tools.memo import kept
from build_tools.model import Heading, Report
from build_tools.pages.browse import link, place_key, place_path, relative_path
from build_tools.pages.charts import Series, line_chart
from build_tools.pages.raw_html import RAW_END, RAW_START
from build_tools.pages.render import (
    DETAIL,
    escape_markdown,
    escape_plain,
    figure_anchor,
    front_matter,
    labels,
    table,
)
from build_tools.pages.tables import category_name, core_categories, core_category, format_number, series_name
from build_tools.report.indicators import written_figure
from build_tools.resource_files import load_yaml

SERIES_DOWNLOAD = "downloads/series.csv.gz"


def facts_of(report: Report) -> SeriesFacts:
    outline = [block.text for block in report.blocks if isinstance(block, Heading) and block.level == 1]
    return series_facts(
        report,
        place_key=place_key(entry_of(report)),
        category_of=core_category,
        link_of=lambda number: f"reports/{report.slug}.md#{figure_anchor(report.indicators[number])}",
        outline=outline,
    )


def role_name(role: str) -> str:
    return labels()["series_roles"][role]


def series_title(indicator: str, role: str, national: bool, unit: str) -> str:
    """The heading of a series: 国内生产总值（增速，%）, or its own name where it has one, 城镇失业率（%）."""
    named = series_name(indicator, role)
    if named is not None:
        return f"{named}（{unit}）" if unit else named
    name = category_name(indicator, national)
    return f"{name}（{role_name(role)}，{unit}）" if unit else f"{name}（{role_name(role)}）"


def cell(page: str, text: str, found: Source | None) -> str:
    return link(page, found.link, text) if found and text else escape_markdown(text)


def row_cells(page: str, row: SeriesRow) -> list[str]:
    words = labels()
    target = format_number(row.target, row.target_high)
    target = written_figure(target, row.unit, row.qualifier) if target else ""
    actual = written_figure(format_number(row.actual), row.unit, row.actual_qualifier) if row.actual is not None else ""
    notes = []
    subjects = [found.subject for found in (row.target_source, row.actual_source) if found]
    # 1987–1993's GNP; the two unemployment rates; the 1990s' retail prices (not 社会消费品零售总额's own 零售)
    notes += [words["series_subject_notes"][measure] for measure in measures_named(row.indicator, tuple(subjects))]
    if len(subjects) == 2 and measures_differ(row.indicator, subjects[0], subjects[1]):  # no verdict either
        notes.append(words["series_measures_differ"].format(target=subjects[0], actual=subjects[1]))
    if row.actual_estimate:
        notes.append(words["series_estimate"])
    for value, found in row.revised:
        notes.append(link(page, found.link, words["series_revised"].format(value=format_number(value), unit=row.unit)))
    return [
        str(row.year),
        cell(page, target, row.target_source),
        cell(page, actual, row.actual_source),
        escape_markdown(words["series_verdicts"][row.verdict]),
        "；".join(notes),
    ]


def chart(title: str, rows: Sequence[SeriesRow], years: Iterable[int]) -> str:
    """Target against result over ``years`` from the first year with a figure to the last (those without
    one are gaps); values in the rows' most common unit, which ``title`` names (the axis labels stay
    short), a row in another unit of the same base converted (9500亿元 is 0.95 on a chart of 万亿元)."""
    units = Counter(row.unit for row in rows if row.unit)
    unit = units.most_common(1)[0][0] if units else ""
    to_unit = in_base(1.0, unit)
    by_year = {row.year: row for row in rows if in_base(1.0, row.unit)[1] == to_unit[1]}
    charted = [year for year, row in by_year.items() if row.target is not None or row.actual is not None]
    first, last = (min(charted), max(charted)) if charted else (0, 0)
    span = sorted(year for year in set(years) | {row.year for row in rows} if first <= year <= last)
    words = labels()

    def value(row: SeriesRow, value_of: str) -> float | None:
        found = getattr(row, value_of)
        return None if found is None else in_base(found, row.unit)[0] / to_unit[0]

    def points(value_of: str) -> tuple[tuple[int, float | None], ...]:
        return tuple((year, value(by_year[year], value_of) if year in by_year else None) for year in span)

    lines = [
        Series(words["series_target"], "gr-target", points("target")),
        Series(words["series_actual"], "gr-actual", points("actual")),
    ]
    return line_chart(title, lines)


def place_sections(rows: Sequence[SeriesRow], facts: Iterable[SeriesFacts]) -> dict[str, str]:
    """Place page path → its section of headline indicators across years (Markdown)."""
    report_years: dict[PlaceKey, set[int]] = defaultdict(set)
    for item in facts:
        if item.year is not None:
            report_years[item.place_key].add(item.year)
    by_place: dict[PlaceKey, list[SeriesRow]] = defaultdict(list)
    for row in rows:
        by_place[row.place_key].append(row)
    return {
        place_path(key): place_section(key, tuple(found), tuple(sorted(report_years[key])))
        for key, found in by_place.items()
    }


@cache
def verdict_rule() -> str:
    """How a target and its result are judged, in the words of ``series_verdict_rule`` (Markdown): CPI's 0.2% for
    3%左右 is 完成, GDP's 6.9% for 7%左右 接近目标, and nothing on the page said why."""
    rules = load_yaml("series.yaml")
    return escape_markdown(labels()["series_verdict_rule"].format(
        ceilings="、".join(rules["ceiling_categories"]),
        qualifiers="".join(f"“{word}”" for word in rules["ceiling_qualifiers"]),
        band=f"{ceilings().about_band:g}",
    ))


@kept
def place_section(key: PlaceKey, rows: tuple[SeriesRow, ...], years: tuple[int, ...]) -> str:
    """One place's section: a chart and a table per headline indicator and role, over ``years`` (those of
    its reports) and the years of its rows."""
    words = labels()
    columns = words["series_columns"]
    header = [columns[k] for k in ("year", "target", "actual", "verdict", "note")]
    series: dict[tuple[str, str], list[SeriesRow]] = defaultdict(list)
    for row in rows:
        series[(row.indicator, row.role)].append(row)
    order = [category.name for category in core_categories()]
    page = place_path(key)
    download = words["series_download"].format(csv=relative_path(page, SERIES_DOWNLOAD))
    parts = [f"## {words['series_heading']}\n", escape_markdown(words["series_intro"]) + " " + download + "\n",
             verdict_rule() + "\n"]
    for indicator, role in sorted(series, key=lambda pair: (order.index(pair[0]), pair[1])):
        found = series[(indicator, role)]
        if not any(row.target is not None or row.actual is not None for row in found):
            continue
        units = Counter(row.unit for row in found if row.unit).most_common(1)
        title = series_title(indicator, role, key[0] == NATIONAL, units[0][0] if units else "")
        charted = {row.year for row in found if row.target is not None or row.actual is not None}
        svg = chart(f"{key[2]} {title}", found, years) if len(charted) >= rules().chart_min_years else ""
        parts += [
            f"### {escape_markdown(title)}\n",
            '<div class="gr-series" markdown>\n',
            f'<div class="gr-series-chart" markdown>\n\n{RAW_START}\n{svg}\n{RAW_END}\n\n</div>\n' if svg else "",
            '<div class="gr-series-table" markdown>\n',
            table(header, [row_cells(page, row) for row in reversed(found)]),  # the newest year first
            "</div>\n</div>\n",
        ]
    return "\n".join(parts)


def series_downloads(rows: Sequence[SeriesRow]) -> dict[str, Joined]:
    """Every place's targets and results as one CSV, compressed with gzip (pandas reads it as it is; the
    pages' script saves it as plain CSV). Compressed as it is written, so a rebuild whose series are
    the same compares the CSV with the last build's and writes nothing."""
    return {SERIES_DOWNLOAD: Joined((series_csv(rows),), compressed=True)}


def compare_path(slug: str) -> str:
    return f"compare/{slug}.md"


def change_word(before: SeriesFigure | None, after: SeriesFigure | None) -> str:
    words = labels()["compare_changes"]
    if before is None:
        return words["new"]
    if after is None:
        return words["dropped"]
    if before.unit != after.unit or before.value is None or after.value is None:
        return words["other_unit"]
    if after.value > before.value:
        return words["raised"]
    if after.value < before.value:
        return words["lowered"]
    if (before.value_high, before.qualifier) != (after.value_high, after.qualifier):
        return words["same_value_reworded"]  # 1200万人左右 → 1200万人以上, 5% → 5–5.5%
    return words["same"]


def figure_value(figure: SeriesFigure) -> str:
    """A headline figure as the tables show it: 8%左右, 8–9%, 74772亿元, 高于7%."""
    return written_figure(format_number(figure.value, figure.value_high), figure.unit, figure.qualifier)


def figure_year(figure: SeriesFigure) -> str:
    """The year a figure is about as a label's head (2022年: a result's is the year before its report's), or
    nothing where it is not known."""
    return f"{figure.year}年" if figure.year is not None else ""


def figure_text(page: str, figure: SeriesFigure | None) -> str:
    return link(page, figure.link, figure_value(figure)) if figure is not None else ""


# (slug of a report, slug of its predecessor, path of the page) → Markdown of the phrases new and dropped
PhraseSection = Callable[[str, str, str], str]


def no_phrases(current: str, previous: str, page: str) -> str:
    return ""


@kept
def compare_page(current: SeriesFacts, previous: SeriesFacts, phrases: str = "") -> str:
    """The comparison of ``current`` with its predecessor ``previous``; ``phrases``: the Markdown of the
    phrases new and dropped between them."""
    words = labels()
    page = compare_path(current.slug)
    title = words["compare_title"].format(year=current.year, previous=previous.year, place=current.place_key[2])
    columns = words["compare_columns"]
    parts = [
        front_matter({"title": escape_plain(title), "template": DETAIL}),
        f"# {escape_markdown(title)}\n",
        escape_markdown(words["compare_intro"]) + "\n",
        f"{link(page, previous.page, previous.title)} → {link(page, current.page, current.title)}\n",
        f"## {words['compare_targets_heading']}\n",
    ]
    order = [category.name for category in core_categories()]
    pairs = {(f.category, f.role) for item in (current, previous) for f in item.figures if f.kind == "target"}
    rows = []
    for category, role in sorted(pairs, key=lambda pair: (order.index(pair[0]), pair[1])):
        before, after = first_target(previous, category, role), first_target(current, category, role)
        if before is None and after is None:
            continue
        # each year's words name the measure: 1993's 国民生产总值 beside 1994's 国内生产总值
        named = series_name(category, role)  # 城镇失业率, or the indicator's name with the role's
        names = named or "／".join(dict.fromkeys(
            category_name(category, current.level == NATIONAL_LEVEL, figure.subject)
            for figure in (before, after) if figure is not None
        )) + f"（{role_name(role)}）"
        rows.append([
            escape_markdown(names),
            figure_text(page, before), figure_text(page, after), escape_markdown(change_word(before, after)),
        ])
    header = [columns["indicator"], f"{previous.year}年", f"{current.year}年", columns["change"]]
    parts.append(table(header, rows) if rows else escape_markdown(words["compare_no_targets"]) + "\n")
    if phrases:
        parts.append(phrases)
    change = (current.characters - previous.characters) / previous.characters * 100 if previous.characters else 0.0
    parts += [
        f"## {words['compare_length_heading']}\n",
        escape_markdown(words["compare_length"].format(
            previous=previous.year, before=previous.characters, current=current.year,
            after=current.characters, change=f"{change:+.0f}",
        )) + "\n",
        f"## {words['compare_outline_heading']}\n",
    ]
    length = max(len(previous.outline), len(current.outline))
    outline = [
        [str(n + 1), *(escape_markdown(i.outline[n]) if n < len(i.outline) else "" for i in (previous, current))]
        for n in range(length)
    ]
    parts.append(table([columns["number"], f"{previous.year}年", f"{current.year}年"], outline) if outline else "")
    return "\n".join(parts)


def compare_pages(
    facts: Iterable[SeriesFacts], phrase_section: PhraseSection = no_phrases
) -> tuple[dict[str, str], dict[str, str]]:
    """(compare page path → Markdown, report page path → the links its page gets to its comparisons);
    ``phrase_section`` gives the Markdown of the phrases new and dropped between two reports."""
    words = labels()
    pages: dict[str, str] = {}
    links: dict[str, list[str]] = defaultdict(list)
    for by_year in chosen_reports(facts).values():
        years = sorted(by_year)
        for before, after in pairwise(years):
            current, previous = by_year[after], by_year[before]
            path = compare_path(current.slug)
            pages[path] = compare_page(current, previous, phrase_section(current.slug, previous.slug, path))
            links[current.page].append(link(current.page, path, words["compare_with_previous"].format(year=before)))
            links[previous.page].append(link(previous.page, path, words["compare_with_next"].format(year=after)))
    footers = {page: f"\n## {words['compare_heading']}\n\n" + " · ".join(items) + "\n" for page, items in links.items()}
    return pages, footers
