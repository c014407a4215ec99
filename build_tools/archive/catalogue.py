"""The catalogue: processed reports in, one ``CatalogueEntry`` per published report out, and the
catalogue as data files (``downloads/catalogue.json`` with key ``reports``, ``downloads/catalogue.csv``
in UTF-8 with BOM).

An entry is what the archive's pages need to place a report: its page, title, who gave it, where and
when (``model.Identity``), the files it came from and its counts. Entries are made per report (in the
worker that processes its file) and are small, so that the pages across reports are made from entries
alone and never hold the reports themselves.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from build_tools.model import Identity, Report

LEVELS = ("国家", "省", "市", "区县", "乡镇")
NATIONAL_LEVEL = LEVELS[0]  # the State Council's reports
NATIONAL = "全国"
FIELDS = (
    "report",
    "url",
    "title",
    "source_title",
    "year",
    "date",
    "place",
    "parent",
    "province",
    "code",
    "level",
    "session",
    "speaker",
    "genre",
    "inferred",
    "sources",
    "paragraphs",
    "indicators",
    "tags",
    "keywords",
)


@dataclass(frozen=True)
class CatalogueEntry:
    """One published report as the archive lists it. ``page`` is its Markdown path in the site
    (``reports/SLUG.md``), ``url`` the address of its page relative to the site's root."""

    slug: str
    page: str
    url: str
    title: str
    source_title: str
    identity: Identity
    sources: tuple[str, ...]
    paragraphs: int
    indicators: int
    tags: tuple[str, ...] = ()  # the topics it shares with other reports
    keywords: tuple[str, ...] = ()  # its own words

    @property
    def year(self) -> int | None:
        return self.identity.year

    @property
    def place(self) -> str | None:
        return self.identity.place

    @property
    def level(self) -> str | None:
        return self.identity.level

    @property
    def province(self) -> str | None:
        """The province the report's place lies in; ``None`` for the State Council's reports and when unknown."""
        return province_of(self.identity)


def province_of(identity: Identity) -> str | None:
    """The province ``identity``'s place lies in (the place itself for a province); ``None`` when unknown."""
    return identity.province or (identity.place if identity.level == "省" else None)


def entry_of(report: Report, *, sources: Sequence[str] = ()) -> CatalogueEntry:
    """The catalogue entry of ``report``; ``sources`` are every input file merged into it (default: its own)."""
    return CatalogueEntry(
        slug=report.slug,
        page=f"reports/{report.slug}.md",
        url=f"reports/{report.slug}/",
        title=report.title,
        source_title=report.cleaned.heading or "",
        identity=report.identity,
        sources=tuple(sources) or (report.source,),
        paragraphs=len(report.cleaned.paragraphs),
        indicators=len(report.indicators),
        tags=report.tags,
        keywords=report.keywords,
    )


def record(entry: CatalogueEntry) -> dict[str, object]:
    """The entry as the downloads give it: plain values, ``None`` for what is unknown."""
    identity = entry.identity
    return {
        "report": entry.slug,
        "url": entry.url,
        "title": entry.title,
        "source_title": entry.source_title,
        "year": identity.year,
        "date": identity.date,
        "place": identity.place,
        "parent": identity.parent,
        "province": entry.province,
        "code": identity.code,
        "level": identity.level,
        "session": identity.session,
        "speaker": identity.speaker,
        "genre": identity.genre,
        "inferred": {field: how for field, how in identity.inferred},
        "sources": list(entry.sources),
        "paragraphs": entry.paragraphs,
        "indicators": entry.indicators,
        "tags": list(entry.tags),
        "keywords": list(entry.keywords),
    }


def catalogue_json(entries: Iterable[CatalogueEntry]) -> bytes:
    """``{"reports": [...]}``, one compact line per report."""
    lines = [json.dumps(record(entry), ensure_ascii=False, separators=(",", ":")) for entry in entries]
    return ('{"reports":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def catalogue_csv(entries: Iterable[CatalogueEntry]) -> bytes:
    """The catalogue as CSV, UTF-8 with BOM so that spreadsheet programs read the Chinese; lists (sources, tags,
    keywords) are joined with ``;`` and the inferred fields written ``field:how``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        row = record(entry)
        row["sources"] = ";".join(entry.sources)
        row["tags"], row["keywords"] = ";".join(entry.tags), ";".join(entry.keywords)
        row["inferred"] = ";".join(f"{field}:{how}" for field, how in entry.identity.inferred)
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def level_rank(level: str | None) -> int:
    """Where ``level`` stands among the levels, national first; unknown last."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)
