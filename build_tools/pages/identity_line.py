"""The line beneath a report's canonical title: a ``Report`` in, one line of Markdown out.

It gives the title the source itself wrote (原题) and each field of the report's identity (year, place,
level, then date, session and speaker where the text states them), and, for a report written in
traditional characters, that its figures, tags, phrases and terms were read in simplified ones; a text that is no
report but speaks of one, what it is, first; a title that a
page holding several reports gave one of them is said to be the page's, not read for year and place. A field
the program inferred rather than read says so and from what (``2024年（据“2023年工作回顾”推定）``); a
field it does not know says ``年份不详``, never a guess.
"""

from __future__ import annotations

import html

from build_tools.model import Identity, Report
from build_tools.pages.render import escape_markdown, labels


def identity_line(report: Report, pieces: int = 1) -> str:
    """原题 · 年份 · 地点 · 层级 [· 日期 · 会议 · 报告人], each inferred value with how, escaped for Markdown;
    ``pieces``: how many reports the report's file held."""
    words = labels()["identity_line"]
    unknown = labels()["unknown"]
    identity = report.identity
    source_title = report.source_title
    named = identity.year is not None or identity.place is not None
    parts = [
        words["source_title"].format(title=source_title)
        if source_title
        else words["no_source_title"] if named else words["title_from_file_name"]
    ]
    if source_title and pieces > 1:  # 武陵源区政府工作报告篇三 of a page of five: the page's label, not evidence
        parts[0] += words["collection_title"].format(pieces=pieces)
    if identity.genre:  # a delegate's speech on a report, which a page of reports collected: said first
        genre = words["inferred"].format(value=identity.genre, how=identity.how("genre"))
        parts.insert(0, words["genre"].format(value=genre))
    year = f"{identity.year}年" if identity.year is not None else None
    place = identity.place
    if place and identity.parent and identity.parent != place:
        # a district or county below a city is named with its province too (安徽省黄山市黄山区), as a city is
        parent = identity.parent
        if identity.province and place != identity.province and not parent.startswith(identity.province):
            parent = identity.province + parent
        place = words["place_in"].format(place=place, parent=parent)
    for name, value in (("year", year), ("place", place), ("level", identity.level)):
        if value is None:
            parts.append(unknown[name])
            continue
        how = identity.how(name)
        shown = words["inferred"].format(value=value, how=how) if how else value
        parts.append(words[name].format(value=shown))
    for name in ("date", "session", "speaker"):
        value = getattr(identity, name)
        if value:
            parts.append(words[name].format(value=value))
        elif name == "date" and identity.how(name):  # a dateline the text gainsays: unknown, and why
            parts.append(words["date_doubted"].format(how=identity.how(name)))
    if report.traditional:
        parts.append(words["traditional"])
    return escape_markdown(words["separator"].join(parts))


def inferred_mark(identity: Identity, field: str) -> str:
    """A small 推定 after a value a list shows (a year, a place) that was inferred, which and how in its tooltip
    (年份据“一、2023年工作回顾”推定); ``""`` for one the report states. The how quotes the report's text, so it is
    escaped, ``|`` too (a table's cells)."""
    how = identity.how(field)
    if not how:
        return ""
    words = labels()
    said = words["inferred_mark_title"].format(field=words["inferred_fields"].get(field, ""), how=how)
    title = html.escape(said, quote=True).replace("|", "&#124;")
    return f'<span class="gr-inferred" title="{title}">{labels()["inferred_mark"]}</span>'

