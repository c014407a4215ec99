"""Volumes: the pages' summaries in, the pages in their order cut into volumes of about ``volume_pages`` out.

Pages are ordered by their identity (pages without one first, then by level, province, place and year,
newest first); each volume is an index of its own pages (``vN/pages.json``, ``vN/g``, ``vN/u``), so that
a query reads only the volumes that can answer it (``directory``).

Where a volume ends depends on the pages around the cut, not on how many pages come before it
(``cut_volumes``): a report added to the archive, or taken out, changes the volume it falls in and
leaves the others, their files and the directory's bits as they were. Cut every ``volume_pages`` pages,
one page more would have moved every later volume's first page, and a rebuild would have written them
all again.
"""
from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Any

from build_tools.archive.catalogue import level_rank
from build_tools.search.files import VolumeState
from build_tools.search.parse import settings
from build_tools.search.parts import PageSummary, shards_for


def page_order(summary: PageSummary) -> tuple[Any, ...]:
    """Pages without an identity first, then by level, province, place and year (newest first)."""
    known = summary.place is not None or summary.year is not None
    place = (summary.province or "", summary.place or "")
    return (known, level_rank(summary.level), *place, -(summary.year or 0), summary.url)


@dataclass
class Volume:
    """Consecutive pages with an index of their own under ``prefix`` (``v2/``)."""

    number: int
    prefix: str
    summaries: list[tuple[str, PageSummary]]
    counts: tuple[int, int] = (1, 1)
    sizes: tuple[int, int] = (0, 0)

    def shards(self, which: int, written: Container[str] = ()) -> list[tuple[str, int, int]]:
        """The pair (``which`` 0) or character shards of the volume whose paths are not in ``written``."""
        folder = self.prefix + ("u" if which else "g")
        return [(folder, which, n) for n in range(self.counts[which]) if f"{folder}/{n}.txt" not in written]

    def state(self) -> VolumeState:
        return VolumeState(tuple(summary.url for _, summary in self.summaries), self.counts)


def cut_volumes(summaries: Sequence[tuple[str, PageSummary]]) -> list[Volume]:
    """The pages, in order, cut into volumes of about ``volume_pages``: a volume opens at each page whose
    key (a hash of its URL, ``parts.page_key``) is lower than those of the ``volume_pages // 2`` pages on
    either side of it (two such pages are more than that apart) once the volume before holds that many,
    and after twice ``volume_pages`` pages without one (writing a volume's shards takes memory in
    proportion to its pages)."""
    config = settings()
    size = max(1, config["volume_pages"])
    reach, most = max(1, size // 2), 2 * size
    hashes = [int(summary.key, 16) for _, summary in summaries]
    parts: list[list[tuple[str, PageSummary]]] = [[]]
    for number, item in enumerate(summaries):
        around = hashes[max(0, number - reach) : number + reach + 1]
        opens = hashes[number] == min(around) and around.count(hashes[number]) == 1
        if (opens and len(parts[-1]) >= reach) or len(parts[-1]) >= most:
            parts.append([])
        parts[-1].append(item)
    volumes = []
    for number, part in enumerate(parts):
        sizes = (sum(s.pair_bytes for _, s in part), sum(s.character_bytes for _, s in part))
        counts = (shards_for(sizes[0], config["shard_bytes"]), shards_for(sizes[1], config["shard_bytes"]))
        volumes.append(Volume(number, f"v{number}/", part, counts, sizes))
    return volumes
