"""Volumes: the pages' summaries in, the pages in their order cut into volumes of ``volume_pages`` out.

Pages are ordered by their identity (pages without one first, then by level, province, place and year,
newest first); each volume is an index of its own pages (``vN/pages.json``, ``vN/g``, ``vN/u``), so that
a query reads only the volumes that can answer it (``directory``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from build_tools.search.files import VolumeState
from build_tools.search.parse import settings
from build_tools.search.parts import PageSummary, shards_for

LEVELS = ("国家", "省", "市", "区县", "乡镇")


def page_order(summary: PageSummary) -> tuple[Any, ...]:
    """Pages without an identity first, then by level, province, place and year (newest first)."""
    known = summary.place is not None or summary.year is not None
    level = LEVELS.index(summary.level) if summary.level in LEVELS else len(LEVELS)
    return (known, level, summary.province or "", summary.place or "", -(summary.year or 0), summary.url)


@dataclass
class Volume:
    """Consecutive pages with an index of their own under ``prefix`` (``v2/``)."""

    number: int
    prefix: str
    summaries: list[tuple[str, PageSummary]]
    counts: tuple[int, int] = (1, 1)
    sizes: tuple[int, int] = (0, 0)

    def shards(self, which: int, written: Iterable[str] = ()) -> list[tuple[str, int, int]]:
        folder = self.prefix + ("u" if which else "g")
        done = set(written)
        return [(folder, which, n) for n in range(self.counts[which]) if f"{folder}/{n}.txt" not in done]

    def state(self) -> VolumeState:
        return VolumeState(tuple(summary.url for _, summary in self.summaries), self.counts)


def cut_volumes(summaries: Sequence[tuple[str, PageSummary]]) -> list[Volume]:
    size = max(1, settings()["volume_pages"])
    config = settings()
    volumes = []
    for number, start in enumerate(range(0, max(1, len(summaries)), size)):
        part = list(summaries[start : start + size])
        sizes = (sum(s.pair_bytes for _, s in part), sum(s.character_bytes for _, s in part))
        counts = (shards_for(sizes[0], config["shard_bytes"]), shards_for(sizes[1], config["shard_bytes"]))
        volumes.append(Volume(number, f"v{number}/", part, counts, sizes))
    return volumes
