"""Metadata stage: a cleaned report, its blocks and its identity in, the title a reader sees out.

The title is canonical when the report's identity knows its year and place (2024年襄阳市政府工作报告,
2024年国务院政府工作报告); otherwise it is what is known and what the source says (襄阳市政府工作报告, the
source's own title). The source's own title stays in ``CleanedReport.heading``. A piece of a collection
(篇一…篇五 of one page) whose year or place is unknown adds its first heading, so that the pieces of one
file are told apart.
Place and level are the identity's (``build_tools/archive/identity.py``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from build_tools.model import Block, CleanedReport, Heading, Identity
from build_tools.resource_files import load_yaml

RULES = "metadata.yaml"
SLUG_UNSAFE = re.compile(r"[^\w-]+")  # \w holds the Han characters
# A page name's longest, in bytes: it names a folder and files (downloads/NAME.md.gz) whose names a file
# system holds to 255 bytes, with a piece's number and a hash added to it (a path of long Chinese folder
# names made one that stopped the build).
MOST_SLUG_BYTES = 150
# Page names that MkDocs takes for a section's own page (reports/index.md is the list of reports).
RESERVED_SLUGS = frozenset({"index", "readme"})


@dataclass(frozen=True)
class ReportMetadata:
    title: str
    place: str | None
    level: str | None


def first_heading(blocks: tuple[Block, ...]) -> str | None:
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            return block.text.removeprefix("——").strip("。：:？? ")
    return None


def title_for(report: CleanedReport, identity: Identity) -> str:
    """2024年襄阳市政府工作报告 when year and place are known (1956年国务院关于国家决算和预算的报告 for a report
    of another genre); else what is known, else the source's title, else its file's name."""
    words = load_yaml(RULES)
    name = words["national_name"] if identity.level == words["national_level"] else identity.place
    known = (f"{identity.year}年" if identity.year else "") + (name or "")
    if known:
        return words["genre_titles"].get(identity.genre, words["title"]).format(known=known)
    return report.heading or PurePath(report.source).stem  # the file's name, as it is: nothing says it is a report


def describe(report: CleanedReport, blocks: tuple[Block, ...], *, pieces: int, identity: Identity) -> ReportMetadata:
    """Title, place and level of ``report``; ``pieces`` is how many reports its file holds."""
    title = title_for(report, identity)
    if pieces > 1 and not (identity.year and identity.place):  # a known year and place tell the pieces apart
        base = report.heading or title
        detail = first_heading(blocks)
        title = f"{base}：{detail}" if detail and detail not in base else base
    return ReportMetadata(title, identity.place, identity.level)


def below_input_folder(source: str) -> tuple[str, ...]:
    """The parts of the path of ``source`` below the input folder. A file of a folder of reports is named
    by the folder's name and its path below it (``seeds/2024/广东/x.txt``); a lone file name is its own."""
    parts = PurePosixPath(source).parts
    return parts[1:] if len(parts) > 1 else parts


def slug_for(source: str, index: int, *, pieces: int) -> str:
    """A file-name-safe, readable page name for report ``index`` of ``source``, made of its path below the
    input folder (``2024-广东-x`` for ``seeds/2024/广东/x.txt``), so that it depends on nothing else."""
    *folders, name = below_input_folder(source)
    parts = (SLUG_UNSAFE.sub("-", part).strip("-.") for part in (*folders, PurePath(name).stem))
    stem = "-".join(part for part in parts if part) or "report"
    if len(stem.encode("utf-8")) > MOST_SLUG_BYTES or stem.casefold() in RESERVED_SLUGS:
        # the path's end names the file best; the hash of the whole path keeps the name its own
        cut = stem.encode("utf-8")[-(MOST_SLUG_BYTES - 9) :].decode("utf-8", "ignore").strip("-")
        stem = f"{cut}-{slug_suffix(source)}"
    return stem if pieces == 1 else f"{stem}-{index}"


def slug_suffix(source: str, *, whole: bool = False) -> str:
    """A short hash of the path of ``source`` below the input folder (``whole``: of its whole name), which
    tells apart files whose paths give the same page name (``a/b.txt`` and ``a-b.txt``, ``x.txt`` and ``x.md``)."""
    path = source if whole else "/".join(below_input_folder(source))
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
