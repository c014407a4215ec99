"""Render stage: processed ``Report``s in, Markdown page text out.

Source text never becomes markup: ``escape_markdown`` turns every character that Markdown or its
extensions would read as syntax (``**``, a leading ``#``, ``1.``, ``-``, ``>``, ``|``, ``<…>``,
``{: …}``) into the character itself. What the pipeline adds — headings, anchors, anomaly marks,
admonitions — is written around the escaped text, never inside it.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from build_tools.archive.catalogue import NATIONAL_LEVEL, province_of
from build_tools.archive.figure_years import figure_years
from build_tools.model import Body, Heading, Indicator, ListBlock, Paragraph, Report
from build_tools.pages.raw_html import RAW_END, RAW_START
from build_tools.pages.tables import category_name, core_category, format_number, grouped, indicators_download_path
from build_tools.report.anomalies import inline_anomalies
from build_tools.report.glossary import shared_glossary
from build_tools.report.indicators import qualifier_places, written_figure
from build_tools.report.reading import read_as
from build_tools.report.structure import block_paragraphs
from build_tools.resource_files import load_yaml

BACKSLASH_ESCAPED = frozenset("\\`*_{}[]()#+-.!")  # Python-Markdown's escapable characters
ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", '"': "&quot;"}
MAX_HEADING_LEVEL = 6
ESCAPES = str.maketrans({**{char: "\\" + char for char in BACKSLASH_ESCAPED}, **ENTITIES})


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders to exactly these characters."""
    return text.translate(ESCAPES)


def escape_html(text: str) -> str:
    """``text`` as HTML content (for blocks that bypass Markdown, see ``raw_html.py``)."""
    return html.escape(text, quote=False)


def escape_plain(text: str) -> str:
    """``text`` for places that are not Markdown, such as attribute values and page titles."""
    return html.escape(text, quote=True)


DETAIL = "detail.html"  # the frame, without sidebars, of the pages reached from a report (theme/detail.html)


@cache
def labels() -> dict[str, Any]:
    return load_yaml("labels.yaml")


@dataclass(frozen=True)
class Mark:
    """Inline markup over ``text[start:end]`` of one paragraph."""

    start: int
    end: int
    css: str | None  # a figure has none: it is known by its anchor (``fig-N``)
    title: str | None  # its tooltip; a figure's and a term's are made in the browser (see their marks)
    anchor: str | None = None
    term: str | None = None  # the glossary term a mark stands for, where the text gives another form of it


def render_inline(text: str, marks: Iterable[Mark], escape: Callable[[str], str] = escape_markdown) -> str:
    """Escaped ``text`` with each mark wrapped around its span; overlapping marks are dropped.

    ``escape``: ``escape_markdown`` for Markdown, ``escape_html`` for HTML that bypasses Markdown.
    """
    out, position = [], 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < position or mark.end <= mark.start:
            continue
        out.append(escape(text[position : mark.start]))
        anchor = f' id="{escape_plain(mark.anchor)}"' if mark.anchor else ""
        css = f' class="{mark.css}"' if mark.css else ""
        term = f' data-term="{escape_plain(mark.term)}"' if mark.term else ""
        title = f' title="{escape_plain(mark.title)}"' if mark.title is not None else ""
        content = escape(text[mark.start : mark.end])
        out.append(f"<mark{anchor}{css}{term}{title}>{content}</mark>")
        position = mark.end
    out.append(escape(text[position:]))
    return "".join(out)


def anomaly_marks(paragraph: Paragraph) -> list[Mark]:
    return [
        Mark(a.offset or 0, (a.offset or 0) + len(a.text), f"gr-anomaly gr-{a.kind}", a.note)
        for a in inline_anomalies(paragraph)
    ]


# libyaml's emitter where PyYAML has it (a fifth of the time of the pure-Python one: a build makes a page's
# front matter for every page of the archive, 1,500 at 1,000 reports), the same YAML read back
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(data: dict[str, Any]) -> str:
    return "---\n" + yaml.dump(data, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False) + "---\n"


def indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


class ReportRenderer:
    """Renders one report's page; its anomalies decide where marks and notes go."""

    def __init__(
        self, report: Report, *, pieces: int, header: str = "", footer: str = "", below_title: str = "", boxes: str = ""
    ) -> None:
        self.report = report
        self.header, self.footer, self.below_title, self.boxes = header, footer, below_title, boxes
        self.pieces = pieces
        self.missing_before = {a.line: a for a in report.anomalies if a.kind == "missing-text"}
        self.numbering_at = {a.line: a for a in report.anomalies if a.kind == "numbering"}
        self.anchored_lines = {block.paragraph.line for block in report.blocks if isinstance(block, Body)} | {
            item.line for block in report.blocks if isinstance(block, ListBlock) for item in block.items
        }
        self.anchor_of_line = {line: p.line for p in report.cleaned.paragraphs for line in p.lines}
        self.term_marks = glossary_marks(block_paragraphs(report.blocks), traditional=report.traditional)

    def page(self) -> str:
        report = self.report
        parts = [front_matter(page_meta(report)), self.header, f"# {escape_markdown(report.title)}\n"]
        if self.below_title:
            parts.append(f"{self.below_title}\n{{: .gr-below-title }}\n")
        if report.keywords:
            keywords = labels()["keywords_line"].format(keywords="、".join(report.keywords))
            parts.append(f"{escape_markdown(keywords)}\n{{: .gr-keywords }}\n")
        if self.boxes:
            parts.append(self.boxes)
        parts.append(self.about())
        if report.anomalies:
            parts.append(self.anomaly_summary())
        if report.indicators:
            parts.append(indicator_box(report))
        return "\n".join([*parts, *self.body(), self.footer])

    def body(self) -> list[str]:
        """Headings as Markdown (for the table of contents); the blocks between them as finished HTML
        that Markdown passes through (``raw_html.py``)."""
        parts: list[str] = []
        between: list[str] = []
        for block in self.report.blocks:
            if isinstance(block, Heading):
                between.append(self.missing_note(block.paragraph))
                parts += raw_block(between)
                between = []
                parts.append(self.heading(block))
            elif isinstance(block, ListBlock):
                between.append(self.list_block(block))
            else:
                between.append(self.missing_note(block.paragraph) + self.paragraph(block))
        return parts + raw_block(between)

    def marks(self, paragraph: Paragraph) -> list[Mark]:
        """Anomalies first, then figures, then glossary terms: a later mark that overlaps is dropped."""
        key = (paragraph.origin, paragraph.start)
        return [*anomaly_marks(paragraph), *figure_marks(self.report, paragraph), *self.term_marks.get(key, [])]

    def about(self) -> str:
        report, words = self.report, labels()
        lines = [line for p in report.cleaned.paragraphs for line in p.lines] or [0]
        source = words["about_source"].format(
            source=report.source, first=min(lines), last=max(lines), index=report.index, pieces=self.pieces
        )
        cleaning = words["about_cleaning"].format(**cleaning_counts(report))
        link = f"[{words['about_audit_link']}](../audit/{report.slug}.md)"
        text = words["about_text_download"].format(markdown=f"../downloads/{report.slug}.md.gz")
        body = f"{escape_markdown(source)}\n\n{escape_markdown(cleaning)} {link}\n\n{text}"
        return f'??? abstract gr-about "{words["about_title"]}"\n\n{indent(body)}\n'

    def anomaly_summary(self) -> str:
        words = labels()
        items = []
        for anomaly in self.report.anomalies:
            kind = words["anomaly_kinds"][anomaly.kind]
            where = words["line_label"].format(line=anomaly.line)
            anchor = self.anchor_of_line.get(anomaly.line, anomaly.line)
            items.append(
                f"- [{escape_markdown(where)}](#L{anchor})：{escape_markdown(kind)} "
                f"“{escape_markdown(anomaly.text)}”——{escape_markdown(anomaly.note)}"
            )
        title = words["anomalies_title"].format(count=len(self.report.anomalies))
        body = escape_markdown(words["anomalies_intro"]) + "\n\n" + "\n".join(items)
        return f'??? warning "{title}"\n\n{indent(body)}\n'

    def heading(self, heading: Heading) -> str:
        marks = self.marks(heading.paragraph)
        numbering = self.numbering_at.get(heading.line)
        if numbering is not None:
            marks.append(Mark(0, len(numbering.text), "gr-anomaly gr-numbering", numbering.note))
        hashes = "#" * min(heading.level + 1, MAX_HEADING_LEVEL)
        anchor = "" if heading.line in self.anchored_lines else f' <span id="L{heading.line}"></span>'
        # a lead dash (——经济运行持续向好。) is the report's text, kept where a reader copies the heading
        return f"{hashes} {render_inline(heading.text, marks)}{anchor}\n"

    def paragraph(self, body: Body) -> str:
        text = render_inline(body.paragraph.text, self.marks(body.paragraph), escape_html)
        return f'<p id="L{body.paragraph.line}">{text}</p>'

    def list_block(self, block: ListBlock) -> str:
        items = [
            f'<li><span id="L{item.line}"></span>{render_inline(item.text, self.marks(item), escape_html)}</li>'
            for item in block.items
        ]
        return "\n".join(["<ul>", *items, "</ul>"])

    def missing_note(self, paragraph: Paragraph) -> str:
        """The note before a paragraph where text is missing (HTML, as Material draws an admonition)."""
        anomaly = self.missing_before.get(paragraph.line)
        if anomaly is None or not paragraph.text or paragraph is not self.first_paragraph_at(paragraph.line):
            return ""
        title = escape_html(labels()["missing_text_title"])
        return (
            f'<div class="admonition warning">\n<p class="admonition-title">{title}</p>\n'
            f"<p>{escape_html(anomaly.note)}</p>\n</div>\n"
        )

    def first_paragraph_at(self, line: int) -> Paragraph | None:
        for block in self.report.blocks:
            if isinstance(block, Heading | Body) and block.paragraph.line == line:
                return block.paragraph
        return None


def glossary_marks(paragraphs: list[Paragraph], *, traditional: bool = False) -> dict[tuple[int, int], list[Mark]]:
    """A mark on the first occurrence of each glossary term on the page, naming the term where the text
    gives another form of it (a report ``traditional`` is searched in simplified characters, and names
    each term it writes otherwise). Its tooltip (term（reading）：definition) is made in the browser from the
    glossary, which every page loads once from ``javascripts/glossary.js`` (``pages.glossary.glossary_script``)."""
    marks: dict[tuple[int, int], list[Mark]] = {}
    texts = [read_as(p.text, traditional) for p in paragraphs]
    for index, start, end, term in shared_glossary().first_occurrences(texts):
        key = (paragraphs[index].origin, paragraphs[index].start)
        other_form = paragraphs[index].text[start:end] != term.term
        marks.setdefault(key, []).append(Mark(start, end, "gr-term", None, term=term.term if other_form else None))
    return marks


def figure_anchor(indicator: Indicator) -> str:
    """fig-LINE-OFFSET (in its paragraph): an address cited stays the figure's as figures before it come and go."""
    return f"fig-{indicator.line}-{indicator.offset}"


def format_value(indicator: Indicator) -> str:
    if indicator.value is None:
        return labels()["redacted_value"]
    return format_number(indicator.value, indicator.value_high)


# the value, its unit and its qualifier side by side, where a phone shows them without scrolling
INDICATOR_COLUMNS = ("subject", "value", "unit", "qualifier", "core", "role", "years", "source")


def figure_title_template(kind: str) -> str:
    """How a row of the indicator table of ``kind`` reads as its figure's tooltip, ``{N}`` standing for the
    text of cell N (``INDICATOR_COLUMNS``) and ``{figure:N,M,…}`` for the figure as written: the text of
    those cells (value, unit, qualifier) unless the qualifier's cell writes it otherwise
    (``qualifier_cell``): ``国民生产总值：9.43亿元（总量，实际完成）``. ``docs/javascripts/figure-titles.js``
    fills it in, so that the page holds each reading once."""
    number = {name: str(n) for n, name in enumerate(INDICATOR_COLUMNS)}
    figure = ",".join(number[name] for name in ("value", "unit", "qualifier"))
    return f"{{{number['subject']}}}：{{figure:{figure}}}（{{{number['role']}}}，{kind}）"


def qualifier_cell(indicator: Indicator) -> str:
    """The qualifier's cell of the indicator table; where the qualifier stands before the number or inside
    the figure, it carries the figure as written (``data-figure``: 超过60%, 1万余亩) for the tooltip."""
    text = escape_html(indicator.qualifier or "")
    if qualifier_places().get(indicator.qualifier or "", "after") == "after":
        return text
    written = written_figure(format_value(indicator), indicator.unit, indicator.qualifier, indicator.span)
    return f'<span data-figure="{escape_plain(written)}">{text}</span>'


def figure_marks(report: Report, paragraph: Paragraph) -> list[Mark]:
    """A highlight on every figure of ``paragraph``, anchored for its row of the table, which gives its
    parsed value as its tooltip (``figure_title_template``)."""
    end = paragraph.start + len(paragraph.text)
    return [
        Mark(start := i.offset - paragraph.start, start + len(i.cleaned_span or i.span), None, None,
             figure_anchor(i))
        for i in report.indicators
        if i.paragraph == paragraph.origin and paragraph.start <= i.offset < end
    ]


def indicator_cells(rows: Iterable[Indicator], national: bool, years: Iterable[str] = ()) -> Iterator[dict[str, str]]:
    """The cells of each row of the indicator table, by column (``INDICATOR_COLUMNS``); ``years``, the years
    each is about (``archive.figure_years``)."""
    roles, about = labels()["indicator_roles"], iter(years)
    for i in rows:
        yield {
            "years": escape_html(next(about, "")),
            "subject": escape_html(i.subject),
            "core": escape_html(category_name(core_category(i) or "", national, i.subject)),
            "value": escape_html(format_value(i)),
            "unit": escape_html(i.unit),
            "role": escape_html(roles["fall" if i.fall and i.role == "change" else i.role]),
            "qualifier": qualifier_cell(i),
            # the figure as the page's text writes it (1998's 7 4 7 7 2 亿元 is 74772亿元 there)
            "source": f'<a href="#{figure_anchor(i)}">{escape_html(i.cleaned_span or i.span)}</a>',
        }


def indicator_box(report: Report) -> str:
    """The collapsible table of a report's indicators, grouped by kind, core indicators first."""
    words = labels()
    columns = words["indicator_columns"]
    header = [columns[key] for key in INDICATOR_COLUMNS]
    parts = [escape_markdown(words["indicators_intro"]) + "\n"]
    year = report.identity.year
    if year is not None and year < words["new_currency_year"]:  # 1954's 325万亿元 are old yuan
        parts.append(escape_markdown(words["old_currency"]) + "\n")
    national, years = report.identity.level == NATIONAL_LEVEL, figure_years(report)
    for kind, rows in grouped(report.indicators):
        kind_name = words["indicator_kinds"][kind or "none"]
        listed = indicator_cells((indicator for _, indicator in rows), national, (years[n] for n, _ in rows))
        cells = ([row[column] for column in INDICATOR_COLUMNS] for row in listed)
        tooltip = f' data-figure-title="{escape_plain(figure_title_template(kind_name))}"'
        parts += raw_block([f"<p><strong>{escape_html(kind_name)}</strong></p>", html_table(header, cells, tooltip)])
    downloads = words["indicator_downloads"].format(csv=f"../{indicators_download_path(report.identity.year)}")
    parts.append(downloads + "\n")
    title = words["indicators_title"].format(count=len(report.indicators))
    return f'??? info gr-indicators "{title}"\n\n{indent(chr(10).join(parts))}\n'


def cleaning_counts(report: Report) -> dict[str, str | int]:
    """What cleaning did, in the audit's kinds (2001's 删除 498 行页面杂项 were 433 lines of the report shown again)."""
    audit, words = report.cleaned.audit, labels()
    kept = {"removed-text", "replaced", "joined", "whitespace", "line-breaks"}  # changes, no lines taken out
    lines = Counter(entry.kind for entry in audit if entry.kind not in kept)
    kinds = "、".join(words["about_lines"].format(kind=words["audit_kinds"][k], count=n) for k, n in lines.items())
    return {
        "dropped": words["about_dropped"].format(lines=kinds) if kinds else words["about_no_lines"],
        "joined": sum(e.kind == "joined" for e in audit),
        "repaired": sum(e.kind in {"removed-text", "replaced"} for e in audit),
    }


def page_meta(report: Report) -> dict[str, Any]:
    """The page's front matter: what the theme, its plugins and the search index read (title, tags, and the
    identity the search filters use), nothing more, since MkDocs parses it at every build."""
    meta: dict[str, Any] = {"title": escape_plain(report.title)}
    if report.tags:
        meta["tags"] = list(report.tags)
    identity = report.identity
    known = {"year": identity.year, "place": identity.place, "level": identity.level, "province": province_of(identity),
             "code": identity.code}
    meta.update({key: value for key, value in known.items() if value is not None})
    return meta


def html_table(header: list[str], rows: Iterable[list[str]], attributes: str = "") -> str:
    """A table as Markdown's tables extension writes it; ``header`` is plain text, ``rows`` finished HTML,
    ``attributes`` those of the table element (finished HTML)."""
    head = "".join(f"<th>{escape_html(cell)}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table{attributes}>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def raw_block(parts: list[str]) -> list[str]:
    """``parts`` of finished HTML between the markers that make Markdown pass them through."""
    html_parts = [part for part in parts if part]
    return [f"{RAW_START}\n" + "\n".join(html_parts) + f"\n{RAW_END}\n"] if html_parts else []


def render_report(
    report: Report, *, pieces: int, header: str = "", footer: str = "", below_title: str = "", boxes: str = ""
) -> str:
    """The page of ``report``; ``header`` (Markdown) stands above its title, ``below_title`` (a line of Markdown)
    under it, ``boxes`` (Markdown) after its keywords, first of the boxes about the page, ``footer`` after its text."""
    renderer = ReportRenderer(report, pieces=pieces, header=header, footer=footer, below_title=below_title, boxes=boxes)
    return renderer.page()


def table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
