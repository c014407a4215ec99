"""Spilling: a report's pages in, the same pages with their bulk kept in a file of the staging folder out.

A report's page (compressed), its Markdown download and its indicator rows are about 70 KB; the site
needs them only when MkDocs reads the page and when the downloads are written. Each report's bulk goes
to one file of the build's staging folder as soon as the report's pages are made (in the worker) or
taken from the cache, and the pages keep ``holding.Stored`` references to it, so that the build holds
a report's records (catalogue entry, phrases, figures across years) and not its bulk. The cache keeps
the pages whole.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from build_tools.holding import PackedText, Stored, store
from build_tools.pages.site import ReportPages

OPEN: dict[tuple[str, int], tuple[BinaryIO, str]] = {}  # each process's file of bulk, by folder


def bulk_file(folder: str) -> tuple[BinaryIO, str]:
    """This process's file of bulk in ``folder`` and its path, made at its first use: one file a process,
    not one a report (making a file took longer than writing a report's pages into it). Appended to
    and flushed after each report, so that another process reads what is stored there at once; the file
    of an earlier build's folder is closed (``mkdocs serve`` builds again in one process)."""
    key = (folder, os.getpid())
    if key not in OPEN:
        for (other, pid), (file, _) in list(OPEN.items()):
            if pid == key[1]:
                file.close()
                del OPEN[(other, pid)]
        descriptor, path = tempfile.mkstemp(dir=folder, suffix=".bulk")
        OPEN[key] = (os.fdopen(descriptor, "wb"), path)
    return OPEN[key]


@dataclass(frozen=True)
class Spill:
    """Puts the bulk of report pages into files of ``folder`` (the build's staging folder)."""

    folder: str

    def __call__(self, made: tuple[Any, ...]) -> tuple[Any, ...]:
        """``made`` (what ``pages.site.file_pages`` made of one file's reports) with their bulk spilled."""
        if not any(isinstance(pages, ReportPages) for pages in made):
            return made
        file, path = bulk_file(self.folder)

        def stored(data: bytes | Stored) -> Stored:
            return data if isinstance(data, Stored) else store(file, path, data)

        spilled = tuple(
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
        file.flush()
        return spilled
