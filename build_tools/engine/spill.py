"""Spilling: a report's pages in, the same pages with their bulk kept in a file of the staging folder out.

A report's page (compressed), its Markdown download, its JSON line and its indicator rows are about
90 KB; the site needs them only when MkDocs reads the page and when the downloads are written. Each
report's bulk goes to one file of the build's staging folder as soon as the report's pages are made
(in the worker) or taken from the cache, and the pages keep ``holding.Stored`` references to it, so
that the build holds a report's records (catalogue entry, phrases, figures across years) and not its
bulk. The cache keeps the pages whole.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from typing import Any

from build_tools.holding import PackedText, Stored, store
from build_tools.pages.site import ReportPages


@dataclass(frozen=True)
class Spill:
    """Puts the bulk of report pages into files of ``folder`` (the build's staging folder)."""

    folder: str

    def __call__(self, made: tuple[Any, ...]) -> tuple[Any, ...]:
        """``made`` (what ``pages.site.file_pages`` made of one file's reports) with their bulk spilled."""
        if not any(isinstance(pages, ReportPages) for pages in made):
            return made
        descriptor, path = tempfile.mkstemp(dir=self.folder, suffix=".bulk")
        with os.fdopen(descriptor, "wb") as file:

            def stored(data: bytes | Stored) -> Stored:
                return data if isinstance(data, Stored) else store(file, path, data)

            return tuple(
                replace(
                    pages,
                    page=PackedText(stored(pages.page.data), pages.page.suffix),
                    markdown=stored(pages.markdown),
                    csv=stored(pages.csv),
                )
                if isinstance(pages, ReportPages)
                else pages
                for pages in made
            )
