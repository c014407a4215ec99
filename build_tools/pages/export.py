"""Export: a processed ``Report`` in, its cleaned text out as plain Markdown or as one JSON record.

- ``report_markdown``: YAML front matter (title, year, date, place, level, speaker, genre where the text is no
  report itself, which of those were inferred and how, sources, tags), then
  the body as plain Markdown: the title as ``#``, the outline as headings one level below it (as on the
  report's page), paragraphs and lists. Nothing else is added (no HTML, anchors, marks or notes), and
  the text is escaped only where Markdown would misread it (``escape_plain_markdown``), so that the file
  reads and diffs as the text itself; redactions (20xx, xx, **) stay as the source wrote them.
- ``report_record``: the identity fields, sources and tags, and every block of text in reading order
  with its kind, heading path and source lines: one line of a JSON-lines file (``record_line``).
- ``published``: the reports as the site publishes them, each with the other copies of it found in other
  files (``archive.duplicates``), whose sources its front matter and record name too.
- ``export_names``: a file name per report, year-place (``2024-襄阳市``) when the report's identity knows
  both, else its page name (which already tells the file and the piece).

Identity fields are read through ``identity_fields`` alone (``report.identity``, as the catalogue gives them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import yaml

from build_tools.archive.catalogue import entry_of
from build_tools.archive.duplicates import Candidate, duplicate_groups, sketch
from build_tools.model import Heading, ListBlock, Paragraph, Report

IDENTITY_FIELDS = ("year", "date", "session", "speaker", "place", "parent", "code", "level", "province")
FRONT_MATTER_FIELDS = ("title", "year", "date", "place", "level", "speaker")
MAX_HEADING_LEVEL = 6
NAME_UNSAFE = re.compile(r"[^\w-]+")  # \w holds the Han characters

# Inline: characters that open emphasis, code, links or escapes anywhere; ``<`` only where it could open a
# tag or an autolink, ``&`` only where it could start a character reference, ``_`` unless it sits inside
# a word (PM_2.5), where neither Python-Markdown nor CommonMark reads it as emphasis.
INLINE = re.compile(
    r"[\\`*\[\]]"
    r"|<(?=[A-Za-z/!?]|[^<> !]+@[^@<> ]+>)"  # a tag, comment or autolink; Python-Markdown's <x@y> mail link
    r"|&(?=#?[A-Za-z0-9]+;)"
    r"|(?<![^\W_])_|_(?![^\W_])"
)
INLINE_ESCAPES = {"<": "&lt;", "&": "&amp;"}
# Line start: a heading, a quote, a list item (1. 1) - + followed by a space or nothing), a rule (---), a
# fence (~~~: CommonMark's, where ``\~`` is no escape for Python-Markdown).
LINE_START = re.compile(r"^(?:[#>]|[-+](?=\s|[-\s]*$)|\d+(?=[.)](?:\s|$))|~(?=~~))")


def escape_plain_markdown(text: str) -> str:
    """One line of text (no line breaks, no leading spaces: a cleaned paragraph) as plain Markdown that
    renders to exactly these characters, escaped only where Markdown would read them as syntax."""
    escaped = INLINE.sub(lambda m: INLINE_ESCAPES.get(m.group(), "\\" + m.group()), text)
    found = LINE_START.match(escaped)
    if found is None:
        return escaped
    if found.group()[0].isdigit():  # 1. → 1\.
        return escaped[: found.end()] + "\\" + escaped[found.end() :]
    if found.group() == "~":
        return "&#126;" + escaped[1:]
    return "\\" + escaped


def escape_heading(text: str) -> str:
    """``escape_plain_markdown`` for a heading's text; a closing ``#`` would be taken for the heading's end."""
    escaped = escape_plain_markdown(text)
    return escaped[:-1] + "\\#" if len(text) > 1 and text.endswith("#") else escaped


def identity_fields(report: Report) -> dict[str, Any]:
    """Title, page name and the identity fields (year, date, session, speaker, place, parent, code,
    level, province, and which were inferred and how) of ``report``; unknown is ``None``."""
    identity = report.identity
    fields: dict[str, Any] = {name: getattr(identity, name) for name in IDENTITY_FIELDS}
    fields["province"] = entry_of(report).province  # a province's own reports lie in it
    fields["inferred"] = dict(identity.inferred)
    return {"title": report.title, "slug": report.slug, **fields}


def source_lines(report: Report) -> tuple[int, int] | None:
    lines = [line for paragraph in report.cleaned.paragraphs for line in paragraph.lines]
    return (min(lines), max(lines)) if lines else None


def sources(report: Report, others: Sequence[Report] = ()) -> list[dict[str, Any]]:
    """Where the report's text comes from: file, piece of the file (1 for a file of one report) and lines;
    then the same of each other copy of it (``published``)."""
    return [
        {"file": copy.source, "piece": copy.index, "lines": list(lines) if (lines := source_lines(copy)) else None}
        for copy in (report, *others)
    ]


def candidate(report: Report) -> Candidate:
    """What duplicate detection compares of ``report``, as the site's pages carry it (``pages.site``)."""
    text = "\n".join(paragraph.text for paragraph in report.cleaned.paragraphs)
    return Candidate(report.identity.place, report.identity.year, sketch(text), len(report.anomalies), report.source)


def published(reports: Sequence[Report]) -> list[tuple[Report, tuple[Report, ...]]]:
    """Each report the site publishes, in order, with the other copies of it (reports of the same place and
    year with nearly the same text, ``archive.duplicates``), which it publishes only as their sources, and
    ``completed`` by them as the site's page is."""
    copies = {group[0]: group[1:] for group in duplicate_groups([candidate(report) for report in reports])}
    skipped = {number for group in copies.values() for number in group}
    return [
        (completed(report, others), others)
        for number, report in enumerate(reports)
        if number not in skipped
        for others in [tuple(reports[n] for n in copies.get(number, ()))]
    ]


def completed(primary: Report, others: Sequence[Report]) -> Report:
    """``primary`` with what another copy states and it does not: each field of its identity it does not know
    or only inferred (the clean copies of 2006–2011 have no dateline; the portal's copy of each gives its
    date, session and speaker), and the title its source gave, when it gave none."""
    identity = primary.identity
    for name in IDENTITY_FIELDS:
        if getattr(identity, name) is not None and identity.how(name) is None:
            continue
        stated = next((o.identity for o in others if getattr(o.identity, name) and not o.identity.how(name)), None)
        if stated is not None:
            inferred = tuple(item for item in identity.inferred if item[0] != name)
            identity = replace(identity, **{name: getattr(stated, name)}, inferred=inferred)
    cleaned = primary.cleaned
    if cleaned.heading is None:
        cleaned = replace(cleaned, heading=next((o.cleaned.heading for o in others if o.cleaned.heading), None))
    return replace(primary, identity=identity, cleaned=cleaned)


Kind = Literal["heading", "paragraph", "item"]


@dataclass(frozen=True)
class TextBlock:
    """One block of a report's text in reading order: a heading (with its outline level), a paragraph or
    a list item; ``path`` is the text of the headings it stands under, outermost first."""

    kind: Kind
    text: str
    path: tuple[str, ...]
    lines: tuple[int, ...]
    level: int | None = None
    list_number: int | None = None  # items of one list share it

    def record(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.level is not None:
            data["level"] = self.level
        data |= {"text": self.text, "path": list(self.path), "lines": list(self.lines)}
        return data


def text_blocks(report: Report) -> Iterator[TextBlock]:
    """Every heading, paragraph and list item of ``report`` with text, in reading order."""
    outline: list[tuple[int, str]] = []
    lists = 0

    def block(kind: Kind, paragraph: Paragraph, path: tuple[str, ...], **extra: Any) -> TextBlock:
        return TextBlock(kind, paragraph.text, path, paragraph.lines, **extra)

    for item in report.blocks:
        if isinstance(item, Heading):
            while outline and outline[-1][0] >= item.level:
                outline.pop()
            path = tuple(text for _, text in outline)
            outline.append((item.level, item.text))
            if item.text:
                yield TextBlock("heading", item.text, path, item.paragraph.lines, level=item.level)
            continue
        path = tuple(text for _, text in outline)
        if isinstance(item, ListBlock):
            lists += 1
            yield from (block("item", p, path, list_number=lists) for p in item.items if p.text)
        elif item.paragraph.text:
            yield block("paragraph", item.paragraph, path)


def markdown_block(block: TextBlock) -> str:
    if block.kind == "heading":
        hashes = "#" * min((block.level or 1) + 1, MAX_HEADING_LEVEL)
        return f"{hashes} {escape_heading(block.text)}"
    if block.kind == "item":
        return f"- {escape_plain_markdown(block.text)}"
    return escape_plain_markdown(block.text)


def front_matter(report: Report, others: Sequence[Report] = ()) -> dict[str, Any]:
    fields = identity_fields(report)
    data = {name: fields[name] for name in FRONT_MATTER_FIELDS}
    if report.identity.genre:  # what the text is when it is no report itself (1956's 关于国家决算和预算的报告)
        data["genre"] = report.identity.genre
    inferred = {name: how for name, how in fields["inferred"].items() if name in data}
    extra = {"inferred": inferred} if inferred else {}  # as the page's 推定: 据“2023年工作回顾”推定
    return data | extra | {"sources": sources(report, others), "tags": list(report.tags)}


def report_markdown(report: Report, others: Sequence[Report] = ()) -> str:
    """The cleaned text of ``report`` as a plain Markdown file with YAML front matter; ``others``: the other
    copies of it, named among its sources."""
    meta = yaml.safe_dump(
        front_matter(report, others), allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=None
    )
    parts = [f"---\n{meta}---", f"# {escape_heading(report.title)}"]
    previous: TextBlock | None = None
    for block in text_blocks(report):
        text = markdown_block(block)
        if previous is not None and block.kind == "item" and previous.list_number == block.list_number:
            parts[-1] += "\n" + text  # items of one list, one line each
        else:
            parts.append(text)
        previous = block
    return "\n\n".join(parts) + "\n"


def report_record(report: Report, others: Sequence[Report] = ()) -> dict[str, Any]:
    """The identity fields, sources, tags and text blocks of ``report`` as one JSON-ready record."""
    return {
        **identity_fields(report),
        "sources": sources(report, others),
        "tags": list(report.tags),
        "paragraphs": [block.record() for block in text_blocks(report)],
    }


def record_line(report: Report, others: Sequence[Report] = ()) -> str:
    """``report_record`` as one line of a JSON-lines file, newline included."""
    return json.dumps(report_record(report, others), ensure_ascii=False, separators=(",", ":")) + "\n"


def export_name(report: Report) -> str:
    """``2024-襄阳市`` when the identity knows the year and the place, else the report's page name."""
    fields = identity_fields(report)
    if fields["year"] and fields["place"]:
        return NAME_UNSAFE.sub("-", f"{fields['year']}-{fields['place']}").strip("-.") or report.slug
    return report.slug


def export_names(reports: Sequence[Report]) -> list[str]:
    """``export_name`` of each report, in order, with a number added to a name already taken."""
    taken: set[str] = set()
    names = []
    for report in reports:
        base = export_name(report)
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}-{counter}", counter + 1
        taken.add(name)
        names.append(name)
    return names
