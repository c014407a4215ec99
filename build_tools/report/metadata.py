"""Metadata stage: a cleaned report, its blocks and its identity in, the title a reader sees out.

The title is canonical when the report's identity knows its year and place (2024年襄阳市政府工作报告,
2024年国务院政府工作报告); otherwise it is what is known and what the source says (襄阳市政府工作报告, the
source's own title). The source's own title stays in ``CleanedReport.heading``. A piece of a collection
(篇一…篇五 of one page) adds its first heading, so that the pieces of one file are told apart.
Place and level are the identity's (``build_tools/archive/identity.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from build_tools.model import Block, CleanedReport, Heading, Identity
from build_tools.resource_files import load_yaml

RULES = "metadata.yaml"
SLUG_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff-]+")


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
    """2024年襄阳市政府工作报告 when year and place are known; else what is known, else the source's title."""
    words = load_yaml(RULES)
    name = words["national_name"] if identity.level == words["national_level"] else identity.place
    known = (f"{identity.year}年" if identity.year else "") + (name or "")
    if known:
        return words["title"].format(known=known)
    return report.heading or words["title"].format(known=PurePath(report.source).stem)


def describe(report: CleanedReport, blocks: tuple[Block, ...], *, pieces: int, identity: Identity) -> ReportMetadata:
    """Title, place and level of ``report``; ``pieces`` is how many reports its file holds."""
    title = title_for(report, identity)
    if pieces > 1:
        base = title if identity.year and identity.place else (report.heading or title)
        detail = first_heading(blocks)
        title = f"{base}：{detail}" if detail and detail not in base else base
    return ReportMetadata(title, identity.place, identity.level)


def slug_for(source: str, index: int, *, pieces: int) -> str:
    """A file-name-safe, readable page name for report ``index`` of ``source``."""
    stem = SLUG_UNSAFE.sub("-", PurePath(source).stem).strip("-.") or "report"
    return stem if pieces == 1 else f"{stem}-{index}"
