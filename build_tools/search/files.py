"""Writing index files: shard texts in, files under ``site/search/`` out, only those whose bytes changed.

Every file is stored gzipped, under its name plus ``.gz`` (``v3/g/12.txt`` is ``v3/g/12.txt.gz``): the
index is about half the size, and the browser inflates what it fetches (fflate's ``gunzipSync``,
``docs/javascripts/search-gunzip.js``); ``read_index_text`` reads one back. ``IndexWriter`` writes a
file only when its text differs from what the previous build wrote there; ``write_shards`` writes shards
a group at a time; a shard that changed pages touch is its previous text with those pages' parts
replaced (``changed_shards``, ``write_spliced``). Paths are relative to ``search/``; a volume's shards
are under its folder (``v3/g/N.txt``).
"""
from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.holding import digest
from build_tools.search.indexing import PageIndexes
from build_tools.search.parse import settings
from build_tools.search.parts import Fragments, PageSummary

STORED = ".gz"  # the suffix of every index file on disk
COMPRESSION_LEVEL = 6  # level 9 saves 0.1% more at half again the time


def compressed(data: bytes) -> bytes:
    """``data`` as gzip, the same bytes at every build (no time stamp)."""
    return gzip.compress(data, COMPRESSION_LEVEL, mtime=0)


def read_index_text(folder: Path, path: str) -> str:
    """The text of index file ``path`` (as the writer names it: ``manifest.json``) under ``folder``."""
    return gzip.decompress((folder / (path + STORED)).read_bytes()).decode("utf-8")


def stored_text(file: Path) -> str | None:
    """The text a stored index file holds, or ``None`` when it is missing or not an index file."""
    try:
        return gzip.decompress(file.read_bytes()).decode("utf-8")
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError):
        return None


class IndexWriter:
    """Writes the index files under ``folder``, skipping those whose bytes it already wrote there.

    ``previous`` is what the last write into ``folder`` recorded (path → digest); it is trusted only
    while the manifest on disk is the one it recorded, so a cleaned or foreign folder is written whole.
    Files of the previous index that this one does not have are removed.
    """

    def __init__(self, folder: Path, previous: Mapping[str, bytes] | None) -> None:
        self.folder = folder
        self.previous = previous or {}
        on_disk = stored_text(folder / ("manifest.json" + STORED))
        if on_disk is None or digest(on_disk.encode("utf-8")) != self.previous.get("manifest.json"):
            self.previous = {}
        self.written: dict[str, bytes] = {}
        self.folders: set[str] = set()

    def write(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        self.written[path] = digest(data)
        if self.previous.get(path) == self.written[path]:
            return
        data = compressed(data)
        parent = os.path.dirname(path)
        if parent not in self.folders:
            (self.folder / parent).mkdir(parents=True, exist_ok=True)
            self.folders.add(parent)
        # overwritten in place, then cut to length: on ext4, truncating 2,855 shard files and filling them
        # again took ten times as long as writing over them
        handle = os.open(os.path.join(self.folder, path + STORED), os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.ftruncate(handle, len(data))
        finally:
            os.close(handle)

    def is_known(self, path: str) -> bool:
        """Whether the previous build wrote ``path`` here (and the folder still holds its index)."""
        return path in self.previous

    def read_previous(self, path: str) -> str | None:
        """The text the previous build wrote at ``path``, if the file still holds it."""
        text = stored_text(self.folder / (path + STORED))
        if text is None:
            return None
        return text if self.previous.get(path) == digest(text.encode("utf-8")) else None

    def keep(self, path: str) -> None:
        """Records ``path`` as written with the bytes the previous build wrote there."""
        self.written[path] = self.previous[path]

    def remove_stale(self) -> None:
        for path in self.previous.keys() - self.written.keys():
            (self.folder / (path + STORED)).unlink(missing_ok=True)


def shard_texts(
    summaries: Sequence[tuple[str, PageSummary]],
    shards: Sequence[tuple[str, int, int]],
    counts: tuple[int, int],
    indexes: PageIndexes,
) -> Iterator[tuple[str, str]]:
    """(path, text) of each of ``shards`` (folder, pair or character, number): for every page with keys
    in it, ``@PAGE`` (its place in the manifest), then that page's lines."""
    parts: dict[tuple[str, int, int], list[str]] = {shard: [] for shard in shards}
    kinds = sorted({which for _, which, _ in shards})
    for number, (key, _) in enumerate(summaries):
        page_fragments = {which: indexes.fragments(key, which, counts[which]) for which in kinds}
        for shard, shard_parts in parts.items():
            fragment = page_fragments[shard[1]].of(shard[2])
            if fragment:
                shard_parts.append(f"@{number}\n{fragment}")
    for (folder, _, number), shard_parts in parts.items():
        yield f"{folder}/{number}.txt", "".join(shard_parts)


@dataclass(frozen=True)
class Changes:
    """How this index differs from the previous one in the same folder: the pages whose lines changed
    (place in the manifest → their current fragments), and the pair and the character shards where
    they did."""

    pages: dict[int, tuple[Fragments, Fragments]]
    shards: tuple[set[int], set[int]]


@dataclass(frozen=True)
class VolumeState:
    """What the previous build wrote for one volume: its pages' URLs in order and its shard counts."""

    urls: tuple[str, ...]
    counts: tuple[int, int]


def changed_shards(
    summaries: Sequence[tuple[str, PageSummary]],
    counts: tuple[int, int],
    previous: VolumeState | None,
    page_keys: Mapping[str, str],
    indexes: PageIndexes,
) -> Changes | None:
    """The shards whose text differs from the previous index in the same folder: those where a changed
    page's lines differ from its previous version's (``page_keys``: URL → the key it had then). ``None``
    (all of them) when the pages, their order or the shard counts changed, or a previous version is no
    longer cached."""
    if previous is None or previous.counts != counts:
        return None
    if tuple(summary.url for _, summary in summaries) != previous.urls:
        return None
    changes = Changes({}, (set(), set()))
    for number, (key, summary) in enumerate(summaries):
        old_key = page_keys.get(summary.url)
        if old_key == key:
            continue
        old = [indexes.stored_fragments(old_key, which, counts[which]) if old_key else None for which in (0, 1)]
        if old[0] is None or old[1] is None:
            return None
        now = changes.pages[number] = indexes.both_fragments(key, counts)
        for which in (0, 1):
            differs = (shard for shard in range(counts[which]) if old[which].of(shard) != now[which].of(shard))
            changes.shards[which].update(differs)
    return changes


PAGE_LINE = re.compile(r"^@(\d+)\n", re.M)


def write_spliced(writer: IndexWriter, changes: Changes, prefix: str) -> bool:
    """Writes each changed shard (under ``prefix``, the volume's folder) as its previous text with the
    changed pages' parts replaced; ``False`` (some may be written) as soon as a shard file is not as the
    previous build left it."""
    for folder, which in ((prefix + "g", 0), (prefix + "u", 1)):
        for shard in sorted(changes.shards[which]):
            path = f"{folder}/{shard}.txt"
            old = writer.read_previous(path)
            if old is None:
                return False
            writer.write(path, spliced_shard(old, which, shard, changes.pages))
    return True


def spliced_shard(old: str, which: int, shard: int, pages: Mapping[int, tuple[Fragments, Fragments]]) -> str:
    """The text of a shard whose previous text is ``old``, with the parts of the changed ``pages``
    (place in the manifest → their fragments) replaced by their current lines: what ``shard_texts``
    gives, without reading the pages that did not change."""
    text = old
    for number, fragments in sorted(pages.items()):
        fragment = fragments[which].of(shard)
        start, end = part_span(text, number)
        text = text[:start] + (f"@{number}\n{fragment}" if fragment else "") + text[end:]
    return text


def part_span(text: str, number: int) -> tuple[int, int]:
    """Where the part of page ``number`` (its ``@`` line and its lines) is in a shard's text, or the empty
    span where it would go. ``@`` starts page lines only, never a key."""
    start = text.find(f"@{number}\n")
    if start >= 0:
        end = text.find("@", start + 1)
        return start, len(text) if end < 0 else end
    for match in PAGE_LINE.finditer(text):
        if int(match.group(1)) > number:
            return match.start(), match.start()
    return len(text), len(text)


def write_shards(
    writer: IndexWriter,
    summaries: Sequence[tuple[str, PageSummary]],
    shards: Sequence[tuple[str, int, int]],
    counts: tuple[int, int],
    sizes: tuple[int, int],
    indexes: PageIndexes,
) -> dict[str, bytes]:
    """Writes ``shards`` (folder, pair or character, number) a few at a time, so that memory holds only
    their text; what it wrote (path → digest)."""
    size = sum(sizes[which] // counts[which] for _, which, _ in shards)
    groups = max(1, -(-size // settings()["shard_group_bytes"]))
    for group in range(groups):
        for path, text in shard_texts(summaries, shards[group::groups], counts, indexes):
            writer.write(path, text)
    return {path: writer.written[path] for path in (f"{folder}/{number}.txt" for folder, _, number in shards)}
