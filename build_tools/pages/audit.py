"""Audit page: a processed ``Report`` in, the Markdown page of every change cleaning made to it out.

Each entry of the report's audit is a row (its line linked to the paragraph it belongs to, its kind, the
text dropped or changed, what replaced it, why); entries that repeat the row before them exactly (the
same change made several times on one line) are one row that says how many they are, so that every
change is still counted. Whitespace repairs are counted, not listed.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from build_tools.model import AuditEntry, Report
from build_tools.pages.render import DETAIL, escape_markdown, escape_plain, front_matter, labels, table


def audit_row(report: Report, entry: AuditEntry, paragraph_of_line: dict[int, int]) -> tuple[str, ...]:
    kinds: dict[str, str] = labels()["audit_kinds"]
    where = str(entry.line)
    if entry.line in paragraph_of_line:
        where = f"[{entry.line}](../reports/{report.slug}.md#L{paragraph_of_line[entry.line]})"
    return (
        where,
        escape_markdown(kinds[entry.kind]),
        escape_markdown(entry.text.strip() or repr(entry.text)),
        escape_markdown(entry.replacement),
        escape_markdown(entry.reason),
    )


def render_audit(report: Report) -> str:
    """The page listing every change cleaning made to ``report``."""
    words = labels()
    kinds: dict[str, str] = words["audit_kinds"]
    audit = report.cleaned.audit
    paragraph_of_line = {line: p.line for p in report.cleaned.paragraphs for line in p.lines}
    summary = Counter(entry.kind for entry in audit)
    listed = (audit_row(report, entry, paragraph_of_line) for entry in audit if entry.kind != "whitespace")
    rows = []
    for row, same in groupby(listed):
        count = sum(1 for _ in same)
        times = words["audit_times"].format(count=count) if count > 1 else ""
        rows.append([row[0], row[1] + times, *row[2:]])
    columns = words["audit_columns"]
    parts = [
        front_matter({"title": escape_plain(words["audit_title"].format(title=report.title)), "template": DETAIL}),
        f"# {escape_markdown(words['audit_title'].format(title=report.title))}\n",
        words["audit_report"].format(report=f"[{escape_markdown(report.title)}](../reports/{report.slug}.md)") + "\n",
        escape_markdown(words["audit_intro"]) + "\n",
        f"## {words['audit_summary_heading']}\n",
        table([columns["kind"], "#"], [[escape_markdown(kinds[kind]), str(count)] for kind, count in summary.items()]),
        f"## {words['audit_entries_heading']}\n",
        table([columns[key] for key in ("line", "kind", "text", "replacement", "reason")], rows),
    ]
    if summary.get("whitespace"):
        parts.append(escape_markdown(words["audit_whitespace"].format(count=summary["whitespace"])) + "\n")
    return "\n".join(parts)
