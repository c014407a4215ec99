"""The index files: every page's part in, ``search/{manifest.json,g,u,c}`` under the site folder out.

A rebuild writes only the files whose bytes changed, and a shard that changed pages touch is its
previous text with those pages' parts replaced (``write_spliced``); ``WritingAhead`` writes the whole
index in a forked process while the templates are rendered.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from build_tools.engine.cache import ResultCache
from build_tools.engine.forked import MIN_FILES_FOR_POOL, Forked
from build_tools.engine.speedups import enabled
from build_tools.search.indexing import PageIndexes
from build_tools.search.parse import SearchPage, is_excluded, settings, shard_of
from build_tools.search.parts import Fragments, PageSummary, digest, dumps, shards_for


class IndexWriter:
    """Writes the index files under ``folder``, skipping those whose bytes it already wrote there.

    ``previous`` is what the last write into ``folder`` recorded (path → digest); it is trusted only
    while the manifest on disk is the one it recorded, so a cleaned or foreign folder is written whole.
    Files of the previous index that this one does not have are removed.
    """

    def __init__(self, folder: Path, previous: Mapping[str, bytes] | None) -> None:
        self.folder = folder
        self.previous = previous or {}
        manifest = folder / "manifest.json"
        on_disk = manifest.read_bytes() if manifest.is_file() else None
        if on_disk is None or digest(on_disk) != self.previous.get("manifest.json"):
            self.previous = {}
        self.written: dict[str, bytes] = {}
        for name in ("g", "u", "c"):
            (folder / name).mkdir(parents=True, exist_ok=True)

    def write(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        self.written[path] = digest(data)
        if self.previous.get(path) == self.written[path]:
            return
        # overwritten in place, then cut to length: on ext4, truncating 2,855 shard files and filling them
        # again took ten times as long as writing over them
        handle = os.open(os.path.join(self.folder, path), os.O_WRONLY | os.O_CREAT, 0o644)
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
        try:
            data = (self.folder / path).read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if self.previous.get(path) == digest(data) else None

    def keep(self, path: str) -> None:
        """Records ``path`` as written with the bytes the previous build wrote there."""
        self.written[path] = self.previous[path]

    def remove_stale(self) -> None:
        for path in self.previous.keys() - self.written.keys():
            (self.folder / path).unlink(missing_ok=True)


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


def changed_shards(
    summaries: Sequence[tuple[str, PageSummary]],
    counts: tuple[int, int],
    previous: WrittenIndex | None,
    indexes: PageIndexes,
) -> Changes | None:
    """The shards whose text differs from the previous index in the same folder: those where a changed
    page's lines differ from its previous version's. ``None`` (all of them) when the pages, their order
    or the shard counts changed, or a previous version is no longer cached."""
    if previous is None or (previous.manifest["pair_shards"], previous.manifest["character_shards"]) != counts:
        return None
    if [summary.url for _, summary in summaries] != [entry[0] for entry in previous.manifest["pages"]]:
        return None
    changes = Changes({}, (set(), set()))
    for number, (key, summary) in enumerate(summaries):
        old_key = previous.page_keys.get(summary.url)
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


def write_spliced(writer: IndexWriter, changes: Changes) -> bool:
    """Writes each changed shard as its previous text with the changed pages' parts replaced; ``False``
    (some may be written) as soon as a shard file is not as the previous build left it."""
    for folder, which in (("g", 0), ("u", 1)):
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


@dataclass(frozen=True)
class WrittenIndex:
    """What ``write_index`` wrote: the manifest, each file's digest and each page's key in the cache."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    page_keys: dict[str, str]


def write_index(
    pages: Iterable[SearchPage],
    site_dir: Path,
    cache: ResultCache | None = None,
    previous: WrittenIndex | None = None,
    unchanged: Iterable[str] = (),
    *,
    forked_helper: bool = True,
) -> WrittenIndex:
    """Writes ``site_dir/search/{manifest.json,g,u,c}`` and says what it wrote.

    ``cache`` keeps each page's part of the index between builds. ``previous`` is what the last call
    wrote into the same folder: files with the same bytes are not written again, and the pages whose
    URLs are in ``unchanged`` (not rendered this time) are indexed as they were then. Pages are read
    one at a time; what is held for all of them is their shards' text, the size of the index. With many
    pages and ``forked_helper``, a forked process writes the pair shards meanwhile (pointless, and
    costly in memory, where other work runs beside the index).
    """
    config = settings()
    indexes = PageIndexes(cache)
    known = previous.page_keys if previous is not None else {}
    given: list[SearchPage | tuple[str, str]] = [page for page in pages if not is_excluded(page.url)]
    given += [(url, known[url]) for url in unchanged if not is_excluded(url)]
    summaries = indexes.summaries(sorted(given, key=lambda page: page.url if isinstance(page, SearchPage) else page[0]))
    counts = (
        shards_for(sum(summary.pair_bytes for _, summary in summaries), config["shard_bytes"]),
        shards_for(sum(summary.character_bytes for _, summary in summaries), config["shard_bytes"]),
    )
    writer = IndexWriter(site_dir / "search", previous.files if previous is not None else None)
    changed = changed_shards(summaries, counts, previous, indexes) if writer.previous and enabled("splice") else None
    spliced = changed is not None and write_spliced(writer, changed)
    pair_shards, character_shards = (  # the shards still to write: none when splicing wrote the changed ones
        [(folder, which, n) for n in range(counts[which]) if not spliced and f"{folder}/{n}.txt" not in writer.written]
        for folder, which in (("g", 0), ("u", 1))
    )
    sizes = (sum(summary.pair_bytes for _, summary in summaries), sum(s.character_bytes for _, s in summaries))
    write_pairs = partial(write_shards, writer, summaries, pair_shards, counts, sizes, indexes)
    many = len(summaries) >= MIN_FILES_FOR_POOL and bool(pair_shards)
    helper = Forked.start(write_pairs) if forked_helper and many else None
    if helper is None:
        write_pairs()
    for key, summary in summaries:
        chunk_names = [f"c/{summary.key}.{k}.json" for k in range(summary.chunks)]
        if all(writer.is_known(name) for name in chunk_names) and known.get(summary.url) == key:
            for name in chunk_names:
                writer.keep(name)
        else:
            for name, chunk in zip(chunk_names, indexes.page(key).chunks, strict=True):
                writer.write(name, chunk)
    write_shards(writer, summaries, character_shards, counts, sizes, indexes)
    if helper is not None:
        written = helper.result()
        if isinstance(written, dict):
            writer.written.update(written)
        else:  # the process failed: its shards are written here
            write_pairs()
    for folder, which in (("g", 0), ("u", 1)):
        for shard in range(counts[which]):
            if f"{folder}/{shard}.txt" not in writer.written:
                writer.keep(f"{folder}/{shard}.txt")
    indexes.finish()
    first = 0
    manifest_pages = []
    for _, summary in summaries:
        manifest_pages.append(
            [summary.url, summary.title, first, summary.blocks, list(summary.tags), summary.boost, summary.key]
        )
        first += summary.blocks
    manifest = {
        "pages": manifest_pages,
        "blocks": first,
        "blocks_per_chunk": config["blocks_per_chunk"],
        "pair_shards": counts[0],
        "character_shards": counts[1],
        "word_characters": config["word_characters"],
        "ranking": config["ranking"],
    }
    writer.write("manifest.json", dumps(manifest))
    writer.remove_stale()
    return WrittenIndex(manifest, writer.written, {summary.url: key for key, summary in summaries})


class WritingAhead:
    """The whole index of a build into an empty folder, written by a forked process while the templates
    are rendered: ``start`` forks it with the pages; ``result`` waits for it and gives what it wrote,
    provided the pages the build then hands over are those it was given. ``None`` when nothing was
    started, the process failed or the pages differ: the caller writes the index itself, over whatever
    the process left."""

    def __init__(self) -> None:
        self.process: Forked | None = None
        self.pages: list[SearchPage] = []

    def start(self, pages: Iterable[SearchPage], site_dir: Path, cache: ResultCache | None) -> bool:
        self.stop()
        self.pages = sorted(pages, key=lambda page: page.url)
        # the templates are rendered meanwhile: a second process would only compete with them
        self.process = Forked.start(partial(write_index, self.pages, site_dir, cache, forked_helper=False))
        return self.process is not None

    def result(self, pages: Iterable[SearchPage]) -> WrittenIndex | None:
        """What the process wrote, if it wrote the index of ``pages``."""
        if self.process is None:
            return None
        written, given = self.process.result(), self.pages
        self.process, self.pages = None, []
        if not isinstance(written, WrittenIndex) or sorted(pages, key=lambda page: page.url) != given:
            return None
        return written

    def stop(self) -> None:
        """Ends a process still running (a failed build) and forgets it."""
        if self.process is not None:
            self.process.stop()
            self.process, self.pages = None, []


def read_postings(folder: Path, key: str, manifest: dict[str, Any]) -> list[int]:
    """The site-wide paragraph numbers of ``key`` as the browser reads them from a shard (for tests)."""
    name, count = ("g", manifest["pair_shards"]) if len(key) > 1 else ("u", manifest["character_shards"])
    text = (folder / name / f"{shard_of(key, count)}.txt").read_text(encoding="utf-8")
    first, ids = 0, []
    for line in text.split("\n"):
        if line.startswith("@"):
            first = manifest["pages"][int(line[1:])][2]
        elif line.startswith(key + "\t"):
            local = 0
            for delta in line.split("\t")[1].split(","):
                local += int(delta)
                ids.append(first + local)
    return ids
