"""Pages of the tracked phrases (新提法): ``PhraseUse`` records in (one small record per report, made in its
worker), Markdown pages out, made in the main process from the records alone.

- ``phrases.md`` (in the navigation): every tracked phrase with the number of reports using it and the
  first year of the national report that does, linked to its page.
- ``phrases/PHRASE.md``: the phrase's use per year, nationally and by level, as a line chart
  (``charts.line_chart``: uses per 10,000 characters) and a table (uses in the national report; reports
  using it / reports, per level); then its newest reports, a line a year, each with its uses and linked to the
  paragraph of its first use, and a link that opens the site's search on the phrase for the rest.
- ``phrase_changes_section``: for a report with a predecessor (the same place, the latest earlier year),
  the tracked phrases new in it and those it dropped, as a section that the site adds to the end of the
  report's page (where the predecessor is known, without rendering the page again) and to the
  comparison page of the two reports.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote

from build_tools.archive.catalogue import LEVELS, NATIONAL_LEVEL
from build_tools.archive.phrases import Changes, PhraseUse, Usage, tracked_phrases, usage
from build_tools.memo import kept
from build_tools.pages.browse import SLUG_UNSAFE, inline_list, link, relative_path, safe
from build_tools.pages.charts import Series, line_chart
from build_tools.pages.render import escape_markdown, escape_plain, front_matter, labels, table

INDEX_PATH = "phrases.md"
PER_CHARACTERS = 10_000
REPORT_WORDS = "政府工作报告"  # what every title ends with: the list of a phrase's users names who gave each
MOST_LISTED = 60  # a phrase's page lists its newest users only, so its size does not grow with the archive
YEARS_BEFORE_FIRST_USE = 5  # archive years a phrase's chart shows before its first use


class Listed(NamedTuple):
    """A report as a phrase's list of reports shows it: its page, who gave it, its year, its uses of the phrase
    and the source line of the paragraph of its first use (``None`` where that is not known)."""

    slug: str
    title: str
    year: int | None
    uses: int
    line: int | None


def listed(use: PhraseUse, phrase: str) -> Listed:
    return Listed(use.slug, use.title, use.year, use.count_of(phrase), use.line_of(phrase))


def first_use(report: Listed) -> str:
    """The page of ``report``, at the paragraph where it first uses the phrase where that is known."""
    return f"reports/{report.slug}.md" + (f"#L{report.line}" if report.line is not None else "")


def user_link(page: str, report: Listed) -> str:
    """A link from ``page`` to the first use of the phrase in ``report``, under its year: who gave it (its
    title without the year and 政府工作报告: 宿州市, 国务院) and its uses, kept on one line with their
    parentheses (a line broke between 4 and 次)."""
    target, _, anchor = first_use(report).partition("#")
    folder = page[: page.rfind("/") + 1]  # the same for every phrase's page: the path is made once a report
    target = relative_path(folder, target) + (f"#{anchor}" if anchor else "")
    uses = labels()["phrases"]["times"].format(n=report.uses)
    return f'[{shown_name(report.title, report.year)}<span class="gr-count">{uses}</span>]({target})'


@lru_cache(maxsize=65536)
def shown_name(title: str, year: int | None) -> str:
    """Who gave a report of ``title``, as a phrase's list of reports names it (Markdown)."""
    name = title.removeprefix(f"{year}年") if year is not None else title
    return escape_markdown(name.removesuffix(REPORT_WORDS) or title)


def users_by_year(page: str, users: Sequence[Listed]) -> str:
    """The reports of ``users`` (newest first), a line of links a year."""
    years: dict[int | None, list[str]] = {}
    for report in users:
        years.setdefault(report.year, []).append(user_link(page, report))
    unknown = labels()["unknown"]["year"]
    return "\n".join(
        f"**{f'{year}年' if year is not None else unknown}**\n\n{inline_list(links)}" for year, links in years.items()
    )


def phrase_path(phrase: str) -> str:
    """The page of ``phrase``: a character no page name holds is spelt by its Unicode name, so that no two
    phrases share a page (人工智能+ is ``phrases/人工智能-plus-sign.md``, beside 人工智能's)."""
    return f"phrases/{safe(''.join(spelt(character) for character in phrase))}.md"


def spelt(character: str) -> str:
    return f"-{unicodedata.name(character, 'mark').lower()}-" if SLUG_UNSAFE.fullmatch(character) else character


def phrase_list(page: str, items: Sequence[tuple[str, int]]) -> str:
    """Phrases with their uses, each linked to its page: 新质生产力（3次）、…"""
    words = labels()["phrases"]
    return "、".join(link(page, phrase_path(p), p) + escape_markdown(words["times"].format(n=n)) for p, n in items)


def phrase_changes_section(found: Changes | None, page: str, *, heading: str = "##") -> str:
    """The new and dropped tracked phrases of a report against its predecessor, as Markdown for ``page``
    (its path in the site, for the links); ``found``: ``archive.phrases.changes(report, before)``, or
    ``None`` for a report with no predecessor in the archive."""
    words = labels()["phrases"]
    if found is None:
        return f"{heading} {words['changes_heading']}\n\n{escape_markdown(words['no_predecessor'])}\n"
    before = found.before
    against = link(page, f"reports/{before.slug}.md", before.title)
    parts = [f"{heading} {words['changes_heading']}\n", words["changes_against"].format(report=against) + "\n"]
    for key, items in (("new", found.new), ("dropped", found.dropped)):
        listed = phrase_list(page, items) if items else escape_markdown(words["none"])
        parts.append(f"**{words[key]}**（{len(items)}）：{listed}\n")
    return "\n".join(parts)


def levels_of(known: Usage) -> list[str]:
    present = {level for level, _ in known.totals}
    return [level for level in LEVELS if level in present] + sorted(present - set(LEVELS))


@kept
def phrase_chart(title: str, lines: tuple[tuple[str, str, tuple[tuple[int, float | None], ...]], ...]) -> str:
    """``line_chart`` of the lines (name, CSS class, points); in a server, the last build's chart while the
    rounded points are the same (an edit of one report seldom moves them)."""
    return line_chart(title, [Series(*line) for line in lines])


def chart_years(years: Sequence[int], used: Collection[int]) -> list[int]:
    """The archive's ``years`` a phrase's chart spans: from ``YEARS_BEFORE_FIRST_USE`` of them before the
    first it is ``used`` in (the rise stays in sight) to the last; a phrase of 2024 drawn from 1954 was a
    line at 0 with its uses squeezed into the chart's right edge."""
    if not used:
        return list(years)
    first = min(used)
    before = [year for year in years if year < first][-YEARS_BEFORE_FIRST_USE:]
    return before + [year for year in years if year >= first]


def phrase_page(phrase: str, known: Usage, tagged: str = "") -> str:
    """The phrase's use per year: a chart of uses per 10,000 characters by level, and a table; then the
    reports using it and ``tagged``, the section listing the reports tagged with it (``pages.tags``). What
    the page shows is gathered here and written by ``written_page``."""
    words = labels()["phrases"]
    levels = levels_of(known)
    used = known.phrases.get(phrase, {})
    years = chart_years(sorted({year for _, year in known.totals}), {year for _, year in used})
    at = {year: number for number, year in enumerate(years)}
    series: list[tuple[str, str, tuple[tuple[int, float | None], ...]]] = []
    for number, level in enumerate(levels):
        # 0 in each year the level has reports in, until the phrase's uses say otherwise; a gap in the others
        totals = [known.totals.get((level, year), (0, 0))[1] for year in years]
        points: list[tuple[int, float | None]] = [
            (year, 0.0 if total else None) for year, total in zip(years, totals, strict=True)
        ]
        for (used_level, year), found in used.items():
            if used_level == level and totals[at[year]]:
                points[at[year]] = (year, round(found.mentions * PER_CHARACTERS / totals[at[year]], 2))
        series.append((level, f"gr-series-{number}", tuple(points)))
    # a phrase no report uses has nothing to chart: a line at 0 across every year would say less than "无"
    chart = phrase_chart(words["chart_title"].format(phrase=phrase), tuple(series)) if used else ""
    header = (words["year"], *(words["level_column"].format(level=level) for level in levels))
    rows: list[tuple[str | tuple[str, Listed | None], ...]] = []
    users = known.users.get(phrase, ())  # newest first
    # a year's national uses link to its report: the list below names the newest users only, the State
    # Council's of earlier years none (改革开放: 2 of 30), and there is at most one a year
    national = {use.year: use for use in reversed(users) if use.level == NATIONAL_LEVEL}  # linked to its first use
    for year in sorted({year for _, year in used}):  # the years it is used in: the others have no row
        cells: list[str | tuple[str, Listed | None]] = []
        for level in levels:
            total, found = known.totals.get((level, year)), used.get((level, year))
            if total is None:
                cells.append("")
            elif level == NATIONAL_LEVEL:
                mentions = words["mentions"].format(n=found.mentions if found else 0)
                report = national.get(year) if found else None
                cells.append((mentions, listed(report, phrase) if report else None))
            else:
                cells.append(f"{found.reports if found else 0}/{total[0]}")
        rows.append((str(year), *cells))
    first = known.first_year(phrase, NATIONAL_LEVEL)
    first_text = words["first_national"].format(year=first) if first is not None else words["never_national"]
    if not any(level == NATIONAL_LEVEL for level, _ in known.totals):  # the seed's five pieces: no national report
        first_text = words["no_national"]
    gap = known.missing_before(first, NATIONAL_LEVEL) if first is not None else None
    if gap is not None:  # it may have been said first in a year the archive lacks
        missing = str(gap[0]) if gap[0] == gap[1] else f"{gap[0]}—{gap[1]}"
        first_text = words["first_national_gap"].format(year=first, missing=missing)
    newest = tuple(listed(use, phrase) for use in users[:MOST_LISTED])
    return written_page(phrase, chart, header, tuple(rows), first_text, newest, len(users), tagged)


def national_cell(page: str, mentions: str, report: Listed | None) -> str:
    """A national report's uses, linked to its first use where the report is known."""
    return link(page, first_use(report), mentions) if report is not None else mentions


@kept
def written_page(
    phrase: str,
    chart: str,
    header: tuple[str, ...],
    rows: tuple[tuple[str | tuple[str, Listed | None], ...], ...],
    first_text: str,
    newest: tuple[Listed, ...],
    users: int,
    tagged: str,
) -> str:
    """A phrase's page from what it shows: a table cell is text, or a national report's uses (linked to its
    first use where the report is known); ``newest`` are the newest of its ``users`` reports. In a server,
    the last build's page while these are the same: an edit of one report changes the pages of the phrases
    it uses and of those whose chart it moves, not every phrase's."""
    words = labels()["phrases"]
    page = phrase_path(phrase)
    cells = [[cell if isinstance(cell, str) else national_cell(page, *cell) for cell in row] for row in rows]
    forms = tracked_phrases().get(phrase, (phrase,))
    counted = words["forms"].format(forms="、".join(forms)) if len(forms) > 1 else words["one_form"]
    listed_text = ""
    if users:
        listed_text = escape_markdown(words["users_note"]) + "\n\n" + users_by_year(page, newest)
    if users > MOST_LISTED:
        listed_text += escape_markdown(words["more_users"].format(shown=MOST_LISTED, reports=users)) + "\n"
    if users:  # every use, with its words around it: the site's search, opened on the phrase (Material reads ?q=)
        listed_text += f"\n[{escape_markdown(words['search_all'])}](?q={quote(phrase)}){{: .gr-search-all }}\n"
    heading = {"title": escape_plain(words["page_title"].format(phrase=phrase))}
    if not users:  # a page that lists nothing is no answer to a search (提法：再就业 came first for 就业)
        heading["search"] = {"exclude": True}
    return "\n".join(
        [
            front_matter(heading),
            f"# {escape_markdown(words['page_title'].format(phrase=phrase))}\n",
            escape_markdown(words["page_intro"].format(reports=users)) + " " + escape_markdown(first_text) + "\n",
            escape_markdown(counted) + "\n",
            f'<div class="gr-chart-box">{chart}</div>\n' if chart else "",
            escape_markdown(words["chart_note"]) + "\n" if chart else "",
            table(list(header), cells) if cells else "",  # unused: the line above says so
            f"## {words['reports_heading']}\n",
            (listed_text or escape_markdown(words["none"])) + "\n",
            tagged,
        ]
    )


def index_page(known: Usage) -> str:
    words = labels()["phrases"]
    rows = []
    for phrase in sorted(tracked_phrases(), key=lambda p: (-len(known.users.get(p, ())), p)):
        first = known.first_year(phrase, NATIONAL_LEVEL)
        reports = len(known.users.get(phrase, ()))
        rows.append([link(INDEX_PATH, phrase_path(phrase), phrase), str(reports), str(first or "")])
    columns = words["index_columns"]
    return "\n".join(
        [
            front_matter({"title": words["index_title"]}),
            f"# {words['index_title']}\n",
            escape_markdown(words["index_intro"]) + "\n",
            words["index_download"] + "\n",
            '<div class="gr-sortable" markdown>\n',
            table([columns["phrase"], columns["reports"], columns["first_national"]], rows),
            "</div>\n",
        ]
    )


def phrase_usage(uses: Sequence[PhraseUse]) -> Usage:
    """Every tracked phrase's use across the reports' records: what the phrase pages and the glossary show."""
    return usage(uses, labels()["unknown"]["level"])


def phrase_pages(known: Usage, tagged: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every page of the tracked phrases (``known``: ``phrase_usage``): the index and one per phrase, used
    or not (the page list stays the same when one report changes, so the site is rebuilt in place), each
    ending with its section of ``tagged`` (phrase → the reports tagged with it: ``tags.phrase_sections``).
    The phrases new and dropped in a report (``phrase_changes_section``) are shown on its page and on its
    comparison page."""
    pages = {INDEX_PATH: index_page(known)}
    for phrase in tracked_phrases():
        pages[phrase_path(phrase)] = phrase_page(phrase, known, (tagged or {}).get(phrase, ""))
    return pages
