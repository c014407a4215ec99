"""Where each tag leads: every report's tags and catalogue entry in, the tags' lists and index out.

A tag is a topic several reports share (``report.tagging``); almost every tag is also a tracked phrase,
whose page (``pages.phrases``) already shows the topic's use by year and the reports using it. There a
section (``tagged_section``, anchor ``#tagged``) lists the reports tagged with it, newest first. The few
tags that are not tracked phrases (words a report with few topics was tagged with) are listed in sections
of the tags page itself. The tags page (``tags.md``) is a sortable table of every tag with the number of
its reports, linked to its list.

Each list shows at most ``MOST_LISTED`` reports, as a phrase page does, so no page grows with the
archive: the tags page with the number of tags, each list not at all. ``tag_links`` gives a page's tags
as links for the theme's tag chips (Material's ``partials/tags.html``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from build_tools.archive.catalogue import CatalogueEntry
from build_tools.pages.browse import inline_list, link, relative_path, safe, unknown, within_a_year
from build_tools.pages.phrases import MOST_LISTED, phrase_path  # a tag's list is as long as a phrase's
from build_tools.pages.render import escape_markdown, escape_plain, front_matter, labels, table

INDEX_PATH = "tags.md"
ANCHOR = "tagged"


@dataclass(frozen=True)
class TagLink:
    """A tag chip as Material's ``partials/tags.html`` reads it: its name and the URL of its list."""

    name: str
    url: str
    hidden: bool = False


def tagged_reports(reports: Iterable[tuple[Sequence[str], CatalogueEntry]]) -> dict[str, list[CatalogueEntry]]:
    """Each tag → the reports tagged with it (``reports``: each report's tags and entry), newest first
    (``newest_first``)."""
    found: dict[str, list[CatalogueEntry]] = defaultdict(list)
    for tags, entry in reports:
        for tag in tags:
            found[tag].append(entry)
    return {tag: sorted(entries, key=newest_first) for tag, entries in sorted(found.items())}


def newest_first(entry: CatalogueEntry) -> tuple[object, ...]:
    """Newest year first; within a year as the archive's lists order them (``browse.within_a_year``)."""
    return -(entry.year or 0), *within_a_year(entry)


def list_path(tag: str, tracked: Collection[str]) -> str:
    """The page holding the list of ``tag``'s reports: its phrase page, or the tags page."""
    return phrase_path(tag) if tag in tracked else INDEX_PATH


def anchor_of(tag: str, tracked: Collection[str]) -> str:
    return ANCHOR if tag in tracked else f"tag-{safe(tag)}"


def tag_links(tags: Iterable[str], tracked: Collection[str]) -> list[TagLink]:
    """A page's tags as chips, each linked to its list (URLs from the site's root); both escaped, since
    the theme's template writes them as they are."""
    links = []
    for tag in tags:
        url = f"{list_path(tag, tracked).removesuffix('.md')}/#{anchor_of(tag, tracked)}"
        links.append(TagLink(escape_plain(tag), escape_plain(url)))
    return links


def tagged_list(tag: str, page: str, entries: Sequence[CatalogueEntry]) -> str:
    """The newest ``MOST_LISTED`` reports tagged ``tag``, as a Markdown paragraph of links from ``page``."""
    words = labels()["tags"]
    listed = inline_list([link(page, entry.page, entry.title) for entry in entries[:MOST_LISTED]])
    if len(entries) > MOST_LISTED:
        listed += escape_markdown(words["more"].format(shown=MOST_LISTED, reports=len(entries), tag=tag)) + "\n"
    return listed


def tagged_section(
    tag: str, page: str, entries: Sequence[CatalogueEntry], *, anchor: str = ANCHOR, level: str = "##"
) -> str:
    """A section of ``page`` listing the reports tagged ``tag``, its heading of ``level``."""
    words = labels()["tags"]
    heading = escape_markdown(words["section"].format(tag=tag))
    intro = escape_markdown(words["section_intro"].format(reports=len(entries)))
    return f"{level} {heading} {{#{anchor}}}\n\n{intro}\n\n{tagged_list(tag, page, entries)}"


def phrase_sections(tagged: Mapping[str, Sequence[CatalogueEntry]], tracked: Collection[str]) -> dict[str, str]:
    """Each tracked phrase that is some report's tag → the section its page ends with."""
    return {
        tag: tagged_section(tag, phrase_path(tag), entries)
        for tag, entries in tagged.items()
        if tag in tracked
    }


def tags_page(tagged: Mapping[str, Sequence[CatalogueEntry]], tracked: Collection[str]) -> str:
    """The tags page: every tag with its number of reports, linked to its list; then the lists of the tags
    that have no phrase page."""
    words = labels()["tags"]
    rows = []
    for tag, entries in sorted(tagged.items(), key=lambda item: (-len(item[1]), item[0])):
        target = f"{relative_path(INDEX_PATH, list_path(tag, tracked))}#{anchor_of(tag, tracked)}"
        rows.append([f"[{escape_markdown(tag)}]({target})", str(len(entries)), str(entries[0].year or unknown("year"))])
    columns = words["columns"]
    parts = [
        front_matter({"title": words["title"]}),
        f"# {words['title']}\n",
        escape_markdown(words["intro"]) + "\n",
        '<div class="gr-sortable" markdown>\n',
        table([columns["tag"], columns["reports"], columns["newest"]], rows) if rows else words["none"] + "\n",
        "</div>\n",
    ]
    others = [(tag, entries) for tag, entries in tagged.items() if tag not in tracked]
    if others:
        parts.append(f"## {words['others_heading']}\n")
        parts.append(escape_markdown(words["others_intro"]) + "\n")
        for tag, entries in others:
            parts.append(tagged_section(tag, INDEX_PATH, entries, anchor=anchor_of(tag, tracked), level="###"))
    return "\n".join(parts)
