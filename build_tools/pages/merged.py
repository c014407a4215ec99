"""One report from several sources: the published copy and the other copies (``model.Report``s) in, the
report's pages out, naming every source and showing each paragraph that only another copy holds, or the
text that only it holds in a paragraph both have, marked, with some of the text around it.

The other copies keep their cleaning audits (linked from the page) but get no report page of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from build_tools.archive.catalogue import entry_of
from build_tools.archive.duplicates import only_in
from build_tools.archive.identity import file_place_names
from build_tools.holding import PackedText
from build_tools.model import Heading, Report
from build_tools.pages.browse import Listed
from build_tools.pages.export import completed, report_markdown
from build_tools.pages.render import escape_markdown, indent, labels
from build_tools.pages.site import ReportPages, gzipped, headline, report_page, report_pages

CONTEXT = 30  # characters of the text shown either side of what only one copy has
WHOLE_SHARE = 0.9  # a paragraph that only one copy has in this share of it is shown whole, unmarked
ELIDED = "……"
Missing = dict[int, list[tuple[int, int]]]  # a copy's paragraphs, by index, and the spans of each only it holds


def misnamed(report: Report, place: str | None) -> str:
    """What a source's file name says of it when it names a place other than the report's (city/台州.txt holding
    the State Council's report), or ``""``."""
    if not place:
        return ""
    named = [name for name in file_place_names(report.source) if name not in place and place not in name]
    return labels()["merged_file_named"].format(name=named[0]) if named else ""


def sources_note(primary: Report, others: Sequence[Report], missing: Sequence[tuple[Report, Missing]]) -> str:
    """The box naming every source of the report, the one published first, each with its audit, and what a file
    name says of the source that the text does not; whether the others hold text it does not (``missing``)."""
    words = labels()
    items = [
        f"- {escape_markdown(report.source)}{escape_markdown(words['merged_used']) if report is primary else ''}"
        f"{escape_markdown(misnamed(report, primary.identity.place))}"
        f"（[{words['about_audit_link']}](../audit/{report.slug}.md)）"
        for report in (primary, *others)
    ]
    intro = words["merged_intro"] if any(spans for _, spans in missing) else words["merged_agree"]
    body = escape_markdown(intro) + "\n\n" + "\n".join(items)
    return f'??? note gr-sources "{words["merged_title"].format(count=1 + len(others))}"\n\n{indent(body)}\n'


def heading_before(report: Report, line: int) -> str | None:
    """The text of the last heading above source line ``line`` of ``report``."""
    found = None
    for block in report.blocks:
        if isinstance(block, Heading):
            if block.line > line:
                break
            found = block.text
    return found


def marked_text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` (escaped) with the ``spans`` only its copy has marked: the whole of it where they are all of
    it, else each span with ``CONTEXT`` characters of the text around it, the rest elided (……)."""
    if sum(end - start for start, end in spans) >= len(text.strip()) * WHOLE_SHARE:
        return escape_markdown(text)
    parts, shown_to = [], 0
    for start, end in spans:
        lead = max(shown_to, start - CONTEXT)
        if lead > shown_to:
            parts.append(ELIDED)
        parts.append(escape_markdown(text[lead:start]) + f"<mark>{escape_markdown(text[start:end])}</mark>")
        shown_to = end
    tail = min(len(text), shown_to + CONTEXT)
    parts.append(escape_markdown(text[shown_to:tail]) + (ELIDED if tail < len(text) else ""))
    return "".join(parts)


def missing_from(primary: Report, others: Sequence[Report]) -> list[tuple[Report, Missing]]:
    """Each other copy with what of it the published copy does not hold (``duplicates.only_in``)."""
    published = [paragraph.text for paragraph in primary.cleaned.paragraphs]
    return [(other, only_in([paragraph.text for paragraph in other.cleaned.paragraphs], published)) for other in others]


def only_in_others(missing_by_copy: Sequence[tuple[Report, Missing]]) -> str:
    """A section per other copy with the paragraphs that only it holds, where it holds them."""
    words = labels()
    parts = []
    for other, missing in missing_by_copy:
        paragraphs = other.cleaned.paragraphs
        if not missing:
            continue
        items = []
        for number, spans in missing.items():
            paragraph = paragraphs[number]
            where = words["line_label"].format(line=paragraph.line)
            after = heading_before(other, paragraph.line)
            place = f"{where}，{words['merged_after'].format(heading=after)}" if after else where
            items.append(f"- （{escape_markdown(place)}）{marked_text(paragraph.text, spans)}")
        title = words["merged_only_title"].format(source=other.source, count=len(missing))
        parts.append(f'??? warning "{escape_markdown(title)}"\n\n{indent(chr(10).join(items))}\n')
    if not parts:
        return ""
    intro = escape_markdown(words["merged_only_intro"])
    return f"\n## {words['merged_only_heading']}\n\n{intro}\n\n" + "\n".join(parts)


def merged_pages(primary: Report, others: Sequence[Report], *, pieces: int) -> ReportPages:
    """The pages of ``primary`` as the one report all of ``others`` are copies of (``completed`` by them)."""
    primary = completed(primary, others)
    entry = entry_of(primary, sources=[primary.source, *(other.source for other in others)])
    missing = missing_from(primary, others)
    boxes = sources_note(primary, others, missing)
    page = report_page(primary, entry, pieces=pieces, boxes=boxes, footer=only_in_others(missing))
    # the phrases a report uses are those of every copy: 2011's 新能源汽车, only in its portal's copy, was "dropped"
    extra = [other.cleaned.paragraphs[number].text[start:end] for other, spans_by in missing
             for number, spans in spans_by.items() for start, end in spans]
    own = report_pages(primary, pieces=pieces, extra_text=extra)
    markdown = gzipped(report_markdown(primary, others))
    return replace(own, page=PackedText.of(page), listed=Listed(entry, headline(own.series)), markdown=markdown)
