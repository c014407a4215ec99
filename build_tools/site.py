"""Site stage: a ``Publication`` in, the generated pages (path → Markdown) and navigation out.

The home page lists every report; each report has its page under ``reports/`` and its cleaning
audit under ``audit/``. Nothing here reads or writes files: the MkDocs hook and the CLI do that.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from build_tools.model import Heading, Publication, Report
from build_tools.render import (
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
from build_tools.tables import as_csv, as_json, core_category, download_rows


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


def index_page(publication: Publication, site_name: str) -> str:
    words = labels()
    columns = words["columns"]
    unknown = words["levels_unknown"]
    rows = []
    for report in publication.reports:
        rows.append(
            [
                f"[{escape_markdown(report.title)}]({report_path(report)})",
                escape_markdown(report.place or unknown),
                escape_markdown(report.level or unknown),
                str(sum(isinstance(block, Heading) for block in report.blocks)),
                str(len(report.cleaned.paragraphs)),
                str(len(report.anomalies)),
                escape_markdown(report.source),
            ]
        )
    header = [columns[key] for key in ("title", "place", "level", "headings", "paragraphs", "anomalies", "source")]
    parts = [
        front_matter({"title": words["nav_home"]}),
        f"# {escape_markdown(site_name)}\n",
        escape_markdown(words["site_intro"]) + "\n",
        f"## {words['reports_heading']}\n",
        table(header, rows),
    ]
    if publication.errors:
        parts.append(f"## {words['errors_heading']}\n")
        parts += [f"- {escape_markdown(e.source)}：{escape_markdown(e.problem)}" for e in publication.errors]
    return "\n".join(parts) + "\n"


def comparison_page(publication: Publication) -> str:
    """One row per report and headline indicator, sortable in the browser."""
    words = labels()
    columns = words["comparison_columns"]
    unknown = words["levels_unknown"]
    rows = []
    for report in publication.reports:
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
        for category, cells in by_category.items():
            rows.append(
                [
                    f"[{escape_markdown(report.title)}]({report_path(report)})",
                    escape_markdown(report.place or unknown),
                    escape_markdown(report.level or unknown),
                    escape_markdown(category),
                    escape_markdown(words["indicator_kinds"][cells["kind"]]),
                    cells.get("level", ""),
                    cells.get("change", ""),
                    cells.get("share", ""),
                ]
            )
    header = [columns[k] for k in ("report", "place", "level", "category", "kind", "amount", "change", "share")]
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


def glossary_page(publication: Publication) -> str:
    """Every glossary term with its definition and the reports that use it."""
    words = labels()
    columns = words["glossary_columns"]
    users: dict[str, list[Report]] = {}
    for report in publication.reports:
        text = "\n".join(p.text for p in report.cleaned.paragraphs)
        for term in glossary().terms_in(text):
            users.setdefault(term, []).append(report)
    rows = []
    for term in sorted(glossary().terms, key=lambda t: t.term):
        links = "、".join(f"[{escape_markdown(r.title)}]({report_path(r)})" for r in users.get(term.term, []))
        rows.append([escape_markdown(term.term), escape_markdown(term.definition), links])
    return "\n".join(
        [
            front_matter({"title": words["glossary_title"]}),
            f"# {words['glossary_title']}\n",
            escape_markdown(words["glossary_intro"]) + "\n",
            table([columns[k] for k in ("term", "definition", "reports")], rows),
        ]
    )


def download_files(publication: Publication) -> dict[str, str | bytes]:
    """The indicator tables of the whole site and of each report, as CSV and JSON.

    The rows of each report are made once: the site's table is the reports' rows in order.
    """
    files: dict[str, str | bytes] = {}
    tables = []
    for report in publication.reports:
        rows = download_rows([report])
        tables.append((report, as_csv(rows), as_json(rows)))
    files["downloads/indicators.csv"] = joined_csv([csv for _, csv, _ in tables])
    files["downloads/indicators.json"] = joined_json([json for _, _, json in tables])
    for report, csv, json in tables:
        files[f"downloads/{report.slug}.csv"] = csv
        files[f"downloads/{report.slug}.json"] = json
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


def build_site(publication: Publication, *, site_name: str) -> SitePages:
    """Every generated page and download of the site, and the navigation that lists the pages."""
    pieces = pieces_per_source(publication)
    pages: dict[str, str | bytes] = {
        "index.md": index_page(publication, site_name),
        "indicators.md": comparison_page(publication),
        "tags.md": tags_page(),
        "glossary.md": glossary_page(publication),
    }
    report_nav, audit_nav = [], []
    for report in publication.reports:
        pages[report_path(report)] = render_report(report, pieces=pieces[report.source])
        pages[audit_path(report)] = render_audit(report)
        report_nav.append({escape_plain(report.title): report_path(report)})
        audit_nav.append({escape_plain(report.title): audit_path(report)})
    pages.update(download_files(publication))
    words = labels()
    nav: list[Any] = [
        {words["nav_home"]: "index.md"},
        {words["reports_heading"]: report_nav},
        {words["nav_indicators"]: "indicators.md"},
        {words["nav_tags"]: "tags.md"},
        {words["nav_glossary"]: "glossary.md"},
        {words["nav_audit"]: audit_nav},
    ]
    return SitePages(pages, nav)
