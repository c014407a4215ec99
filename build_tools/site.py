"""Site stage: a ``Publication`` in, the generated pages (path → Markdown) and navigation out.

The home page lists every report; each report has its page under ``reports/`` and its cleaning
audit under ``audit/``. Nothing here reads or writes files: the MkDocs hook and the CLI do that.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from build_tools.model import Heading, Publication, Report
from build_tools.render import escape_markdown, escape_plain, front_matter, labels, render_audit, render_report, table


@dataclass(frozen=True)
class SitePages:
    pages: dict[str, str]
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
        front_matter({"title": escape_plain(site_name)}),
        f"# {escape_markdown(site_name)}\n",
        escape_markdown(words["site_intro"]) + "\n",
        f"## {words['reports_heading']}\n",
        table(header, rows),
    ]
    if publication.errors:
        parts.append(f"## {words['errors_heading']}\n")
        parts += [f"- {escape_markdown(e.source)}：{escape_markdown(e.problem)}" for e in publication.errors]
    return "\n".join(parts) + "\n"


def build_site(publication: Publication, *, site_name: str) -> SitePages:
    """Every generated page of the site and the navigation that lists them."""
    pieces = pieces_per_source(publication)
    pages = {"index.md": index_page(publication, site_name)}
    report_nav, audit_nav = [], []
    for report in publication.reports:
        pages[report_path(report)] = render_report(report, pieces=pieces[report.source])
        pages[audit_path(report)] = render_audit(report)
        report_nav.append({escape_plain(report.title): report_path(report)})
        audit_nav.append({escape_plain(report.title): audit_path(report)})
    words = labels()
    nav: list[Any] = [
        {words["nav_home"]: "index.md"},
        {words["reports_heading"]: report_nav},
        {words["nav_audit"]: audit_nav},
    ]
    return SitePages(pages, nav)
