"""Site stage: a ``Publication`` in, the generated pages (path → Markdown), downloads and navigation out.

Each report has its page under ``reports/`` (with breadcrumbs level › province › place › year) and its
cleaning audit under ``audit/``; the pages across reports (home, levels, provinces, places, years:
``browse``) are made from each report's catalogue entry alone. Downloads are stored once: the
indicators in one compressed CSV per year (``downloads/indicators/YEAR.csv.gz``), the catalogue
(``downloads/catalogue.json``, ``.csv``) and each report's cleaned Markdown (``pages.export``),
compressed (``downloads/SLUG.md.gz``, the catalogue's ``report`` column naming it); the pages' script
saves either as plain ``.csv`` or ``.md``. Nothing here reads or writes files: the MkDocs hook and the
CLI do that.
"""

from __future__ import annotations

import gzip
import html
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from build_tools.archive.catalogue import NATIONAL_LEVEL, CatalogueEntry, catalogue_csv, catalogue_json, entry_of
from build_tools.archive.duplicates import Candidate, sketch
from build_tools.archive.phrases import (
    PHRASE_FIELDS,
    PhraseUse,
    changes,
    phrase_rows,
    phrase_uses,
    predecessors,
    tracked_phrases,
)
from build_tools.archive.series import SeriesFacts, SeriesFigure, series_rows, usable
from build_tools.holding import Joined, PackedText, Stored
from build_tools.memo import kept
from build_tools.model import InputError, Paragraph, Publication, Report
from build_tools.pages.audit import render_audit
from build_tools.pages.browse import (
    Headline,
    Listed,
    breadcrumbs,
    browse,
    place_key,
    within_a_year,
)
from build_tools.pages.comparison import comparison_pages, comparison_rows
from build_tools.pages.export import report_markdown
from build_tools.pages.glossary import glossary_page, glossary_script
from build_tools.pages.home import home_sections
from build_tools.pages.identity_line import identity_line
from build_tools.pages.misnamed import misnamed_notes
from build_tools.pages.phrases import phrase_changes_section, phrase_pages, phrase_usage
from build_tools.pages.render import (
    escape_markdown,
    front_matter,
    labels,
    render_report,
)
from build_tools.pages.series_pages import (
    compare_pages,
    facts_of,
    figure_value,
    figure_year,
    place_sections,
    series_downloads,
)
from build_tools.pages.tables import as_csv, category_name, core_categories, download_rows, indicators_download_path
from build_tools.pages.tags import phrase_sections, tagged_reports, tags_page
from build_tools.pages.years import year_pages
from build_tools.report.reading import read_as


@dataclass(frozen=True)
class SitePages:
    """The generated pages (Markdown: a report's page and audit held compressed) and downloads (bytes,
    or held: ``holding``), by path, the navigation, and the section of each page outside it."""

    pages: dict[str, str | bytes | PackedText | Stored | Joined]
    nav: list[Any]
    parents: dict[str, str] = field(default_factory=dict)


def pieces_per_source(publication: Publication) -> Counter[str]:
    return Counter(report.source for report in publication.reports)


@dataclass(frozen=True)
class ReportPages:
    """Everything the site makes of one report alone: its page, its audit, its downloads and its rows
    of the cross-report pages (home, indicators, glossary). Made per file, in the worker processes,
    and cached with the file's reports; ``build_site`` only puts them together. The build keeps the
    bulk (page, Markdown, indicator rows) in a file rather than in memory (``engine.spill``)."""

    source: str
    index: int
    slug: str
    title: str
    page: PackedText  # held compressed from the worker until MkDocs reads it
    audit: PackedText
    csv: bytes | Stored  # its rows of the indicators' CSV, without the header
    markdown: bytes | Stored  # the cleaned text as Markdown, compressed (``gzipped``): the only copy the site stores
    listed: Listed
    comparison_rows: tuple[tuple[str, ...], ...]
    candidate: Candidate
    phrases: PhraseUse
    merged_into: str | None = None  # the page name of the report this one is a copy of
    series: SeriesFacts | None = None  # its headline figures across years (``pages.series_pages``)
    replaced: int = 0  # bytes of its file that were no text, shown as � (``SourceText.replaced``)
    damaged: int = 0  # characters its file had lost before it came (``SourceText.damaged``)


def report_page(report: Report, entry: CatalogueEntry, *, pieces: int, boxes: str = "", footer: str = "") -> str:
    """The page of ``report``: its breadcrumbs, its title and the line of its identity, then ``boxes`` (Markdown:
    a report's box of sources stands after its title, which a reader and a screen reader's jump to it meet first),
    its text, then ``footer`` (Markdown)."""
    header, below = breadcrumbs(entry, entry.page), identity_line(report, pieces)
    return render_report(report, pieces=pieces, header=header, footer=footer, below_title=below, boxes=boxes)


def report_pages(report: Report, *, pieces: int, extra_text: Sequence[str] = ()) -> ReportPages:
    """The pages of ``report``; ``extra_text``: what only its other copies hold, whose phrases it uses too."""
    entry, identity, facts = entry_of(report), report.identity, facts_of(report)
    text = "\n".join(paragraph.text for paragraph in report.cleaned.paragraphs)
    counted = "\n".join((text, *extra_text))
    counts, first = phrase_uses(read_as(counted, report.traditional))
    return ReportPages(
        source=report.source,
        index=report.index,
        slug=report.slug,
        title=report.title,
        page=PackedText.of(report_page(report, entry, pieces=pieces)),
        audit=PackedText.of(render_audit(report)),
        csv=as_csv(download_rows([report]), header=False),
        markdown=gzipped(report_markdown(report)),
        listed=Listed(entry, headline(facts)),
        comparison_rows=comparison_rows(report, facts),
        candidate=Candidate(identity.place, identity.year, sketch(text), len(report.anomalies), report.source),
        phrases=PhraseUse(
            report.slug, report.title, place_key(entry), identity.year, identity.level, len(counted), counts,
            identity.code, first_lines(report.cleaned.paragraphs, first),
        ),
        series=facts,
        replaced=report.replaced,
        damaged=report.damaged,
    )


def first_lines(paragraphs: Sequence[Paragraph], first: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """(phrase, line of the paragraph) of each phrase's first use at ``first`` (an offset in the paragraphs'
    texts joined by line breaks; one past them is in a copy's text, which has no paragraph here), by phrase."""
    ends = list(accumulate(len(paragraph.text) + 1 for paragraph in paragraphs))
    found = []
    for phrase, offset in sorted(first.items()):
        at = bisect_right(ends, offset)
        if at < len(paragraphs):
            found.append((phrase, paragraphs[at].line))
    return tuple(found)


def gzipped(text: str) -> bytes:
    """``text`` as gzip, the same bytes at every build (no time stamp). Members so made and joined are one
    gzip file of their texts joined (RFC 1952): the archive is joined, never compressed again."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def file_pages(reports: Sequence[Report]) -> tuple[ReportPages, ...]:
    """``report_pages`` of every report of one file (they are its pieces)."""
    return tuple(report_pages(report, pieces=len(reports)) for report in reports)


HEADLINE_KINDS = ("actual", "estimate", "target")  # a result, else an estimate of it (常州's 预计…增长6.8%左右)


def headline(facts: SeriesFacts) -> tuple[Headline, ...]:
    """The report's growth result (else its estimate) and target (rates, in %) of the first headline indicator,
    in the order of ``resources/indicators/core.yaml`` (地区生产总值 first), that it states either of; each the
    year's own as the series across years takes it (``series.usable``: no five-year average, no other year, place or
    part), labelled with the year it is about (2022年国内生产总值实际完成 3%；2023年目标 5%左右, in the 2023
    report). Shown beside the report on its place's page."""
    words = labels()
    first: dict[tuple[str, str], SeriesFigure] = {}
    for figure in facts.figures:
        growth = figure.role == "change" and figure.unit == "%"  # a rate: not 增加1501亿元, not 增长1.71倍
        if growth and figure.kind in HEADLINE_KINDS and usable(figure):
            first.setdefault((figure.category, figure.kind), figure)
    stated = {category for category, _ in first}
    chosen = next((category.name for category in core_categories() if category.name in stated), "")
    shown: list[Headline] = []
    for kind in HEADLINE_KINDS:
        figure = first.get((chosen, kind))
        if kind == "estimate" and (chosen, "actual") in first:
            continue
        if figure is not None:  # each with the year it is about: a result's is the year before the report's
            name = "" if shown else category_name(chosen, facts.level == NATIONAL_LEVEL, figure.subject)
            label = f"{figure_year(figure)}{name}{words['indicator_kinds'][kind]}"
            shown.append(Headline(label, figure_value(figure), figure.link))
    return tuple(shown)


def index_page(
    prepared: Sequence[ReportPages], errors: Sequence[InputError], site_name: str, copies: int = 0, misnamed: str = ""
) -> str:
    """The home page: what the site is, how many reports it holds (and how many files were copies merged into
    them), the ways in, the files that failed, and ``misnamed``, the files named for a place whose text is
    another report that no province's page notes (``misnamed.misnamed_notes``)."""
    words = labels()
    counts = words["home_counts"].format(reports=len(prepared))
    if copies:
        counts += words["home_copies"].format(copies=copies)
    parts = [
        front_matter({"title": words["nav_home"]}),
        f"# {escape_markdown(site_name)}\n",
        escape_markdown(words["site_intro"]) + "\n",
        escape_markdown(counts) + "\n",
        words["texts_and_catalogue"] + "\n",
    ]
    parts += home_sections([pages.listed for pages in prepared], errors)
    return "\n".join(parts + ([misnamed] if misnamed else [])) + "\n"


PHRASES_DOWNLOAD = "downloads/phrases.csv.gz"


@kept
def kept_rows(use: PhraseUse) -> bytes:
    """``phrase_rows``; in a server, the last build's for an unchanged report's record."""
    return phrase_rows(use)


def download_files(prepared: Sequence[ReportPages]) -> dict[str, str | bytes | Stored | Joined]:
    """The indicators of every report, stored once: one compressed CSV per year (each report's rows made
    once, in its worker, and joined here; one gzip member, which browsers can inflate), the catalogue of
    every report (with its tags and own words), every report's use of the tracked phrases (one compressed
    CSV), and each report's cleaned text as Markdown, compressed (one file a report, so that no file grows
    with the archive)."""
    by_year: dict[str, list[bytes | Stored]] = {}
    for pages in prepared:
        by_year.setdefault(indicators_download_path(pages.listed.entry.year), [as_csv([])]).append(pages.csv)
    files: dict[str, str | bytes | Stored | Joined] = {
        path: Joined(tuple(rows), compressed=True) for path, rows in sorted(by_year.items())
    }
    entries: list[CatalogueEntry] = [pages.listed.entry for pages in prepared]
    files["downloads/catalogue.json"] = catalogue_json(entries)
    files["downloads/catalogue.csv"] = catalogue_csv(entries)
    header = ("\ufeff" + ",".join(PHRASE_FIELDS) + "\r\n").encode("utf-8")
    files[PHRASES_DOWNLOAD] = Joined((header, *(kept_rows(pages.phrases) for pages in prepared)), compressed=True)
    files.update({f"downloads/{pages.slug}.md.gz": pages.markdown for pages in prepared})
    return files


def build_site(
    publication: Publication, *, site_name: str, prepared: Mapping[tuple[str, int], ReportPages] | None = None
) -> SitePages:
    """Every generated page and download of the site, and the navigation that lists the pages.

    ``prepared``: see ``all_report_pages``.
    """
    return assemble_site(all_report_pages(publication, prepared), publication.errors, site_name=site_name)


def all_report_pages(
    publication: Publication, prepared: Mapping[tuple[str, int], ReportPages] | None = None
) -> list[ReportPages]:
    """The ``ReportPages`` of every report, in order: those of ``prepared`` (by source and index) when
    made for the report's page name, the others rendered here."""
    pieces = pieces_per_source(publication)
    made = (prepared or {}).get
    pages = []
    for report in publication.reports:
        ready = made((report.source, report.index))
        usable = ready is not None and ready.slug == report.slug
        pages.append(ready if usable else report_pages(report, pieces=pieces[report.source]))
    return pages


@kept
def phrase_changes(current: PhraseUse, previous: PhraseUse, page: str) -> str:
    """The tracked phrases new and dropped in ``current`` against ``previous``, as Markdown for ``page``."""
    found = changes(current, previous)
    return phrase_changes_section(found, page) if found is not None else ""


def copy_address(into: str, title: str) -> str:
    """The page at a merged copy's address: it leads to the report's page (``into``, its page name)."""
    target, shown = html.escape(f"../{into}/"), html.escape(title or into)
    note = html.escape(labels()["merged_moved"])
    return (
        f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>{shown}</title>'
        f'<link rel="canonical" href="{target}"><meta http-equiv="refresh" content="0; url={target}">'
        '<link rel="icon" href="../../assets/images/favicon.png">'
        f'<p>{note}<a href="{target}">{shown}</a></p></html>\n'
    )


def assemble_site(prepared: Sequence[ReportPages], errors: Sequence[InputError], *, site_name: str) -> SitePages:
    """The site from the reports' own pages, in order, and the errors of the files that failed. A report
    merged into another (a copy of it from another source) keeps only its audit page."""
    copies = [pages for pages in prepared if pages.merged_into is not None]
    prepared = [pages for pages in prepared if pages.merged_into is None]
    facts = [pages.series for pages in prepared if pages.series is not None]
    rows = series_rows(facts)
    sections = dict(place_sections(rows, facts))
    misnamed = misnamed_notes([pages.listed for pages in prepared])  # 襄阳.txt, the State Council's
    for path, note in misnamed.sections.items():
        sections[path] = note + "\n" + sections.get(path, "")
    browsing = browse([pages.listed for pages in prepared], sections)
    uses = {pages.phrases.slug: pages.phrases for pages in prepared}

    def phrase_section(current: str, previous: str, page: str) -> str:
        return phrase_changes(uses[current], uses[previous], page) if current in uses and previous in uses else ""

    compared, compare_links = compare_pages(facts, phrase_section)
    known = phrase_usage([pages.phrases for pages in prepared])
    entries = [pages.listed.entry for pages in prepared]
    tagged, tracked = tagged_reports((entry.tags, entry) for entry in entries), tracked_phrases()
    site: dict[str, str | bytes | PackedText | Stored | Joined] = {
        "index.md": index_page(prepared, errors, site_name, len(copies), misnamed.home),
        **browsing.pages,
        **comparison_pages([
            (pages.listed.entry, pages.comparison_rows)
            for pages in sorted(prepared, key=lambda pages: within_a_year(pages.listed.entry))
        ]),
        **year_pages([pages.listed for pages in prepared]),
        "tags.md": tags_page(tagged, tracked),
        "glossary.md": glossary_page(known),
        "javascripts/glossary.js": glossary_script(),
    }
    before = predecessors(uses.values())
    for pages in prepared:
        page = f"reports/{pages.slug}.md"
        previous = before.get(pages.slug)
        new_phrases = phrase_section(pages.slug, previous.slug, page) if previous is not None else ""
        # added here, where the predecessor is known: the page made in the worker is not made again; in a box
        # of their own, which search leaves out (the phrases a report dropped are no words of it)
        across = compare_links.get(page, "") + (f"\n{new_phrases}" if new_phrases else "")
        site[page] = pages.page.plus(f'\n<div class="gr-across" markdown>\n{across}\n</div>\n' if across else "")
        site[f"audit/{pages.slug}.md"] = pages.audit
    for path, page in compared.items():
        site[path] = page
        report = "reports/" + path.removeprefix("compare/")
        if report in browsing.parents:
            browsing.parents[path] = browsing.parents[report]
    titles = {pages.slug: pages.title for pages in prepared}
    for pages in copies:
        site[f"audit/{pages.slug}.md"] = pages.audit
        # the copy's own address leads to the report it was merged into: a page published before a better
        # copy turned up keeps its links, bookmarks and citations
        into = pages.merged_into or ""
        site[f"reports/{pages.slug}/index.html"] = copy_address(into, titles.get(into, ""))
        if f"reports/{pages.merged_into}.md" in browsing.parents:
            browsing.parents[f"audit/{pages.slug}.md"] = browsing.parents[f"reports/{pages.merged_into}.md"]
    site.update(download_files(prepared))
    site.update(phrase_pages(known, phrase_sections(tagged, tracked)))
    site.update(series_downloads(rows))
    words = labels()
    nav: list[Any] = [
        {words["nav_home"]: "index.md"},
        *browsing.nav,
        {words["nav_years"]: "years/index.md"},
        {words["nav_indicators"]: "indicators.md"},
        {words["nav_tags"]: "tags.md"},
        {words["nav_phrases"]: "phrases.md"},
        {words["nav_glossary"]: "glossary.md"},
    ]
    return SitePages(site, nav, browsing.parents)
