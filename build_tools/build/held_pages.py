"""Pages held small between reading and writing: a converted page in, its HTML kept compressed on disk out.

MkDocs reads and converts every page before it writes any, and until the end of the build it keeps each
page's source, its Markdown and its HTML: at 10,000 reports, most of a build's memory. Once a page is
converted (``hold``, the last ``on_page_content``), nothing reads its source or Markdown again, so both
are dropped, and its HTML is compressed with zlib (about a quarter of its size) and appended to one
file of the build's staging folder (by the main process alone: workers that render pages ahead hold
theirs in memory), where it is found by its place (``holding.Stored``);
``give_back`` (``on_page_context``) restores it just before the page is written, and ``release``
(``on_post_page``) drops it once written. The search index reads it from there (``search.SearchPage``),
in the workers that index the pages. Without a folder (``begin`` not called), the HTML is held in memory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from mkdocs.structure.pages import Page

from build_tools.holding import Stored, packed, read, store, unpacked


class HeldPages:
    """The compressed HTML of every page read and not yet written, by source path."""

    def __init__(self) -> None:
        self.held: dict[str, bytes | Stored] = {}
        self.path = ""
        self.file: BinaryIO | None = None
        self.owner = 0  # the process that writes the file: a forked worker holds its pages in memory

    def begin(self, folder: str) -> None:
        """Holds pages in a file of ``folder`` (the build's staging folder) from now on."""
        self.clear()
        self.path = str(Path(folder) / "held-pages")
        self.file = open(self.path, "ab", buffering=0)  # noqa: SIM115 (open until the build ends: ``clear``)
        self.owner = os.getpid()

    def hold(self, page: Page, html: str) -> str:
        """What ``page`` keeps of ``html`` until it is written: nothing, when it is held here."""
        if not html:
            return html
        data = packed(html)
        if self.file is None or os.getpid() != self.owner:
            self.held[page.file.src_uri] = data
        else:
            self.held[page.file.src_uri] = store(self.file, self.path, data)
        page.markdown = ""  # not None: MkDocs gives a page without Markdown no title
        page.file.content_string = ""  # nothing reads a page's source after its conversion
        return ""

    def packed(self, page: Page) -> str | bytes | Stored:
        """``page``'s HTML: compressed when it is held, else as the page has it."""
        return self.held.get(page.file.src_uri) or page.content or ""

    def drop(self, page: Page) -> None:
        """Forgets the HTML of ``page``, which will not be written here (a worker's render, cached)."""
        self.held.pop(page.file.src_uri, None)

    def give_back(self, page: Page) -> None:
        """Restores the HTML of ``page``, about to be written."""
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = unpacked(read(held))

    @staticmethod
    def release(page: Page) -> None:
        """Drops the HTML of ``page``, now written."""
        page.content = None

    def clear(self) -> None:
        self.held.clear()
        if self.file is not None:
            self.file.close()
            self.file = None
