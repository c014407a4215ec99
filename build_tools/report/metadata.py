"""Metadata stage: a cleaned report and its blocks in, what the report says of itself out.

Finds the speaking body ("我代表县人民政府" → level 区县), the place where the report names it, and
composes a title a reader can tell apart from the other reports of the same file: the source's
title, plus the place or the first heading.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from build_tools.model import Block, CleanedReport, Heading
from build_tools.resource_files import load_yaml, pattern

RULES = "metadata.yaml"
SEARCH_PARAGRAPHS = 12
SLUG_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff-]+")


@dataclass(frozen=True)
class ReportMetadata:
    title: str
    place: str | None
    level: str | None


def speaking_body(report: CleanedReport) -> str | None:
    speaker = pattern(RULES, "speaker")
    for paragraph in report.paragraphs[:SEARCH_PARAGRAPHS]:
        found = speaker.search(paragraph.text)
        if found:
            return found.group("body") if found.group("body") is not None else found.group("council")
    return None


def level_of(body: str) -> tuple[str | None, str | None]:
    """(place, level) for a speaking body such as 国务院, 云南省, 县, **镇."""
    levels: dict[str, str] = load_yaml(RULES)["levels"]
    for suffix, level in sorted(levels.items(), key=lambda item: -len(item[0])):
        if body.endswith(suffix):
            name = body[: -len(suffix)]
            hidden = pattern(RULES, "hidden_place").match(name)
            return (None if hidden else body), level
    return None, None


def first_heading(blocks: tuple[Block, ...]) -> str | None:
    for block in blocks:
        if isinstance(block, Heading) and block.level == 1:
            return block.text.removeprefix("——").strip("。：:？? ")
    return None


def describe(report: CleanedReport, blocks: tuple[Block, ...], *, pieces: int) -> ReportMetadata:
    """Title, place and level of ``report``; ``pieces`` is how many reports its file holds."""
    body = speaking_body(report)
    place, level = level_of(body) if body else (None, None)
    spoken_place = place
    base = report.heading or f"{PurePath(report.source).stem}政府工作报告"
    if place is None and pieces == 1:  # a collection's title names the site's topic, not each piece's place
        named = pattern(RULES, "title_place").search(base)
        if named and not pattern(RULES, "hidden_place").match(named.group("place")):
            place = named.group("place")
        elif pattern(RULES, "place_file_name").fullmatch(PurePath(report.source).stem):
            place = PurePath(report.source).stem
    if pieces == 1:
        return ReportMetadata(base, place, level)
    detail = spoken_place or first_heading(blocks)
    title = f"{base}：{detail}" if detail and detail not in base else base
    return ReportMetadata(title, place, level)


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
    return stem if pieces == 1 else f"{stem}-{index}"


def slug_suffix(source: str, *, whole: bool = False) -> str:
    """A short hash of the path of ``source`` below the input folder (``whole``: of its whole name), which
    tells apart files whose paths give the same page name (``a/b.txt`` and ``a-b.txt``, ``x.txt`` and ``x.md``)."""
    path = source if whole else "/".join(below_input_folder(source))
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
