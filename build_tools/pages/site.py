"""Site stage: a ``Publication`` in, the generated pages (path → Markdown) and navigation out.

The home page lists every report; each report has its page under ``reports/`` and its cleaning
audit under ``audit/``. Nothing here reads or writes files: the MkDocs hook and the CLI do that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from build_tools.model import Heading, InputError, Publication, Report
from build_tools.pages.render import (
    escape_markdown,
    escape_plain,
    figure_anchor,
    format_value,
    front_matter,
    glossary,
    labels,
    render_audit,
    render_report,
    table,
)
from build_tools.pages.tables import as_csv, as_json, core_category, download_rows


@dataclass(frozen=True)
class SitePages:
    pages: dict[str, str | bytes]
    nav: list[Any]


def report_path(report: Report) -> str:
    return f"reports/{report.slug}.md"


def audit_path(report: Report) -> str:
    return f"audit/{report.slug}.md"


def pieces_per_source(publication: Publication) -> Counter[str]:
    return Counter(report.source for report in publication.reports)


@dataclass(frozen=True)
class ReportPages:
    """Everything the site makes of one report alone: its page, its audit, its downloads and its rows
    of the cross-report pages (home, indicators, glossary). Made per file, in the worker processes,
    and cached with the file's reports; ``build_site`` only puts them together."""

    source: str
    index: int
    slug: str
    title: str
    tags: tuple[str, ...]
    page: str
    audit: str
    csv: bytes
    json: bytes
    index_row: tuple[str, ...]
    comparison_rows: tuple[tuple[str, ...], ...]
    glossary_terms: tuple[str, ...]


def report_pages(report: Report, *, pieces: int) -> ReportPages:
    rows = download_rows([report])
    return ReportPages(
        source=report.source,
        index=report.index,
        slug=report.slug,
        title=report.title,
        tags=report.tags,
        page=render_report(report, pieces=pieces),
        audit=render_audit(report),
        csv=as_csv(rows),
        json=as_json(rows),
        index_row=index_row(report),
        comparison_rows=comparison_rows(report),
        glossary_terms=tuple(glossary().terms_in("\n".join(p.text for p in report.cleaned.paragraphs))),
    )


def file_pages(reports: Sequence[Report]) -> tuple[ReportPages, ...]:
    """``report_pages`` of every report of one file (they are its pieces)."""
    return tuple(report_pages(report, pieces=len(reports)) for report in reports)


def index_row(report: Report) -> tuple[str, ...]:
    unknown = labels()["levels_unknown"]
    return (
        f"[{escape_markdown(report.title)}]({report_path(report)})",
        escape_markdown(report.place or unknown),
        escape_markdown(report.level or unknown),
        str(sum(isinstance(block, Heading) for block in report.blocks)),
        str(len(report.cleaned.paragraphs)),
        str(len(report.anomalies)),
        escape_markdown(report.source),
    )


def index_page(prepared: Sequence[ReportPages], errors: Sequence[InputError], site_name: str) -> str:
    words = labels()
    columns = words["columns"]
    header = [columns[key] for key in ("title", "place", "level", "headings", "paragraphs", "anomalies", "source")]
    parts = [
        front_matter({"title": words["nav_home"]}),
        f"# {escape_markdown(site_name)}\n",
        escape_markdown(words["site_intro"]) + "\n",
        f"## {words['reports_heading']}\n",
        table(header, [list(pages.index_row) for pages in prepared]),
    ]
    if errors:
        parts.append(f"## {words['errors_heading']}\n")
        parts += [f"- {escape_markdown(e.source)}：{escape_markdown(e.problem)}" for e in errors]
    return "\n".join(parts) + "\n"


def comparison_rows(report: Report) -> tuple[tuple[str, ...], ...]:
    """The report's rows of the cross-report page: one per headline indicator category it states."""
    words = labels()
    unknown = words["levels_unknown"]
    by_category: dict[str, dict[str, str]] = {}
    numbered = list(enumerate(report.indicators))
    for kind in ("target", "actual", "estimate"):
        for number, indicator in numbered:
            category = core_category(indicator)
            if category is None or indicator.kind != kind:
                continue
            cells = by_category.setdefault(category, {"kind": kind})
            if cells["kind"] != kind or indicator.role in cells:
                continue
            link = f"reports/{report.slug}.md#{figure_anchor(number)}"
            value = f"{format_value(indicator)}{indicator.unit}{indicator.qualifier or ''}"
            cells[indicator.role] = f"[{escape_markdown(value)}]({link})"
    return tuple(
        (
            f"[{escape_markdown(report.title)}]({report_path(report)})",
            escape_markdown(report.place or unknown),
            escape_markdown(report.level or unknown),
            escape_markdown(category),
            escape_markdown(words["indicator_kinds"][cells["kind"]]),
            cells.get("level", ""),
            cells.get("change", ""),
            cells.get("share", ""),
        )
        for category, cells in by_category.items()
    )


def comparison_page(prepared: Sequence[ReportPages]) -> str:
    """One row per report and headline indicator, sortable in the browser."""
    words = labels()
    columns = words["comparison_columns"]
    header = [columns[k] for k in ("report", "place", "level", "category", "kind", "amount", "change", "share")]
    rows = [list(row) for pages in prepared for row in pages.comparison_rows]
    return "\n".join(
        [
            front_matter({"title": words["comparison_title"]}),
            f"# {words['comparison_title']}\n",
            escape_markdown(words["comparison_intro"]) + "\n",
            words["comparison_downloads"] + "\n",
            '<div class="gr-sortable" markdown>\n',
            table(header, rows),
            "</div>\n",
        ]
    )


def tags_page() -> str:
    words = labels()
    return "\n".join(
        [
            front_matter({"title": words["tags_title"]}),
            f"# {words['tags_title']}\n",
            escape_markdown(words["tags_intro"]) + "\n",
            "<!-- material/tags -->\n",
        ]
    )


def glossary_page(prepared: Sequence[ReportPages]) -> str:
    """Every glossary term with its definition and the reports that use it."""
    words = labels()
    columns = words["glossary_columns"]
    users: dict[str, list[ReportPages]] = {}
    for pages in prepared:
        for term in pages.glossary_terms:
            users.setdefault(term, []).append(pages)
    rows = []
    for term in sorted(glossary().terms, key=lambda t: t.term):
        links = "、".join(f"[{escape_markdown(r.title)}](reports/{r.slug}.md)" for r in users.get(term.term, []))
        rows.append([escape_markdown(term.term), escape_markdown(term.definition), links])
    return "\n".join(
        [
            front_matter({"title": words["glossary_title"]}),
            f"# {words['glossary_title']}\n",
            escape_markdown(words["glossary_intro"]) + "\n",
            table([columns[k] for k in ("term", "definition", "reports")], rows),
        ]
    )


def download_files(prepared: Sequence[ReportPages]) -> dict[str, str | bytes]:
    """The indicator tables of the whole site and of each report, as CSV and JSON.

    The rows of each report are made once: the site's table is the reports' rows in order.
    """
    files: dict[str, str | bytes] = {
        "downloads/indicators.csv": joined_csv([pages.csv for pages in prepared]),
        "downloads/indicators.json": joined_json([pages.json for pages in prepared]),
    }
    for pages in prepared:
        files[f"downloads/{pages.slug}.csv"] = pages.csv
        files[f"downloads/{pages.slug}.json"] = pages.json
    return files


def joined_csv(tables: list[bytes]) -> bytes:
    """``as_csv`` of all the rows of ``tables`` (each ``as_csv`` of some rows): one header, the rows in order."""
    header = as_csv([])
    return header + b"".join(table[len(header) :] for table in tables)


def joined_json(tables: list[bytes]) -> bytes:
    """``as_json`` of all the rows of ``tables`` (each ``as_json`` of some rows), without encoding them again."""
    empty = as_json([])
    opening, closing = b'{\n "indicators": [\n', b"\n ]\n}\n"
    bodies = [table[len(opening) : -len(closing)] for table in tables if table != empty]
    return opening + b",\n".join(bodies) + closing if bodies else empty


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


def assemble_site(prepared: Sequence[ReportPages], errors: Sequence[InputError], *, site_name: str) -> SitePages:
    """The site from the reports' own pages, in order, and the errors of the files that failed."""
    site: dict[str, str | bytes] = {
        "index.md": index_page(prepared, errors, site_name),
        "indicators.md": comparison_page(prepared),
        "tags.md": tags_page(),
        "glossary.md": glossary_page(prepared),
    }
    report_nav, audit_nav = [], []
    for pages in prepared:
        site[f"reports/{pages.slug}.md"] = pages.page
        site[f"audit/{pages.slug}.md"] = pages.audit
        report_nav.append({escape_plain(pages.title): f"reports/{pages.slug}.md"})
        audit_nav.append({escape_plain(pages.title): f"audit/{pages.slug}.md"})
    site.update(download_files(prepared))
    words = labels()
    nav: list[Any] = [
        {words["nav_home"]: "index.md"},
        {words["reports_heading"]: report_nav},
        {words["nav_indicators"]: "indicators.md"},
        {words["nav_tags"]: "tags.md"},
        {words["nav_glossary"]: "glossary.md"},
        {words["nav_audit"]: audit_nav},
    ]
    return SitePages(site, nav)
