"""Sections for pages outside the navigation: the navigation, the site's pages and ``parents`` (page path →
the index page of its section, from ``pages.browse``) in; each such page's ``parent`` set out.

Reports, audits, places and years are not in the navigation, so that its size does not grow with the
archive. Given a parent, a page opens the sidebar at its section (Material marks the section active
through ``Page.parent``), so that a reader still sees where in the archive the page stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def sections_by_index(items: Iterable[object]) -> dict[str, Section]:
    """Every section of ``items``, by the path of its index page (its first child)."""
    found: dict[str, Section] = {}
    for item in items:
        if isinstance(item, Section):
            first = item.children[0] if item.children else None
            if isinstance(first, Page):
                found[first.file.src_uri] = item
            found.update(sections_by_index(item.children))
    return found


def attach_to_sections(nav: Navigation, files: Files, parents: Mapping[str, str]) -> int:
    """Gives each page outside ``nav`` that ``parents`` names the section it belongs to; how many."""
    sections = sections_by_index(nav.items)
    attached = 0
    for file in files.documentation_pages():
        page = file.page
        section = sections.get(parents.get(file.src_uri, ""))
        if page is not None and page.parent is None and section is not None:
            page.parent = section
            attached += 1
    return attached
