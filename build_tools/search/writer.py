"""The index: every page's part in, ``search/`` under the site folder out.

The pages are cut into volumes (``volumes``), each an index of its own pages (``vN/pages.json``,
``vN/g``, ``vN/u``), and ``d/N.txt`` says which volumes hold each key (``directory``), so that a query
reads only the volumes that can answer it, a few at a time. Also written:
``c/`` (each page's text, a few paragraphs a file), ``f/N.txt`` (the fold table by block of code
points), ``places.json`` (each place with its level and province, for the filters) and
``manifest.json`` (settings, the volumes with the range of places and years each holds).

A rebuild writes only the files whose bytes changed (``files``); ``WritingAhead`` writes the whole index
in a forked process while the templates are rendered.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from build_tools import folding as fold
from build_tools.engine.cache import ResultCache
from build_tools.engine.forked import MIN_FILES_FOR_POOL, Forked
from build_tools.engine.speedups import enabled
from build_tools.search.directory import DirectoryState, write_directory
from build_tools.search.files import (
    IndexWriter,
    VolumeState,
    changed_shards,
    read_index_text,
    write_shards,
    write_spliced,
)
from build_tools.search.indexing import PageIndexes
from build_tools.search.parse import SearchPage, is_excluded, settings, shard_of
from build_tools.search.parts import PageSummary, dumps, unpack_pairs
from build_tools.search.volumes import Volume, cut_volumes, page_order


@dataclass(frozen=True)
class WrittenIndex:
    """What ``write_index`` wrote: the manifest, each file's digest, each page's key in the cache and what
    each volume held."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    page_keys: dict[str, str]
    volumes: tuple[VolumeState, ...] = ()
    directory: DirectoryState = field(default_factory=DirectoryState)


def write_volume_shards(
    writer: IndexWriter,
    volumes: Sequence[Volume],
    which: int,
    indexes: PageIndexes,
    spliced: set[int],
) -> dict[str, bytes]:
    """Writes the pair (``which`` 0) or character shards of the volumes that splicing did not write."""
    written: dict[str, bytes] = {}
    for volume in volumes:
        if volume.number in spliced:
            continue
        shards = volume.shards(which)
        written.update(write_shards(writer, volume.summaries, shards, volume.counts, volume.sizes, indexes))
    return written


def places_of(summaries: Sequence[tuple[str, PageSummary]]) -> dict[tuple[str, str, str], str]:
    """Each place (place, level, province) in the order of the pages, with its administrative code (the
    panel lists the places in the order of their codes, as the browsing pages do)."""
    places: dict[tuple[str, str, str], str] = {}
    for _, s in summaries:
        if s.place is not None:
            places.setdefault((s.place, s.level or "", s.province or ""), s.code or "")
    return places


def write_volume_pages(writer: IndexWriter, volume: Volume, place_number: dict[tuple[str, str, str], int]) -> list[Any]:
    """``vN/pages.json``: each page's URL, title, paragraphs, tags, boost, key, year, place, level and
    province ("" where unknown). Returns the volume's entry in the manifest: its number of pages, of pair
    and of character shards, the lowest and highest number of its pages' places in ``places.json`` (-1 for
    none) and the lowest and highest year (0 for none)."""
    rows, places, years = [], [], []
    for _, s in volume.summaries:
        place = place_number.get((s.place, s.level or "", s.province or ""), -1) if s.place is not None else -1
        identity = [s.year or 0, s.place or "", s.level or "", s.province or ""]
        rows.append([s.url, s.title, s.blocks, list(s.tags), s.boost, s.key, *identity])
        if place >= 0:
            places.append(place)
        if s.year:
            years.append(s.year)
    writer.write(f"{volume.prefix}pages.json", dumps({"pages": rows}))
    limits = [min(places, default=-1), max(places, default=-1), min(years, default=0), max(years, default=0)]
    return [len(volume.summaries), volume.counts[0], volume.counts[1], *limits]


def write_index(
    pages: Iterable[SearchPage],
    site_dir: Path,
    cache: ResultCache | None = None,
    previous: WrittenIndex | None = None,
    unchanged: Iterable[str] = (),
    *,
    forked_helper: bool = True,
) -> WrittenIndex:
    """Writes ``site_dir/search/`` and says what it wrote.

    ``cache`` keeps each page's part of the index between builds. ``previous`` is what the last call
    wrote into the same folder: files with the same bytes are not written again, and the pages whose
    URLs are in ``unchanged`` (not rendered this time) are indexed as they were then (those it left out,
    by their URL or their front matter, stay out). Pages are read
    one at a time; what is held for all of them is their shards' text, the size of the index. With many
    pages and ``forked_helper``, a forked process writes the pair shards meanwhile (pointless, and
    costly in memory, where other work runs beside the index).
    """
    config = settings()
    indexes = PageIndexes(cache)
    known = previous.page_keys if previous is not None else {}
    given: list[SearchPage | tuple[str, str]] = [page for page in pages if not is_excluded(page.url)]
    given += [(url, known[url]) for url in unchanged if url in known]  # a page left out before stays out
    summaries = indexes.summaries(sorted(given, key=lambda page: page.url if isinstance(page, SearchPage) else page[0]))
    summaries.sort(key=lambda item: page_order(item[1]))
    volumes = cut_volumes(summaries)
    writer = IndexWriter(site_dir / "search", previous.files if previous is not None else None)
    before = previous.volumes if previous is not None and writer.previous else ()
    spliced: set[int] = set()
    for volume in volumes:
        state = before[volume.number] if volume.number < len(before) else None
        splice = state is not None and enabled("splice")
        changed = changed_shards(volume.summaries, volume.counts, state, known, indexes) if splice else None
        if changed is not None and write_spliced(writer, changed, volume.prefix):
            spliced.add(volume.number)
    write_pairs = partial(write_volume_shards, writer, volumes, 0, indexes, spliced)
    many = len(summaries) >= MIN_FILES_FOR_POOL and len(spliced) < len(volumes)
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
    write_volume_shards(writer, volumes, 1, indexes, spliced)
    earlier = previous.directory if previous is not None and writer.previous else None
    directory = write_directory(writer, volumes, indexes, earlier)
    if helper is not None:
        written = helper.result()
        if isinstance(written, dict):
            writer.written.update(written)
        else:  # the process failed: its shards are written here
            write_pairs()
    for volume in volumes:
        for which in (0, 1):
            for folder, _, shard in volume.shards(which, writer.written):
                writer.keep(f"{folder}/{shard}.txt")
    indexes.finish()
    for block, text in fold.blocks().items():
        writer.write(f"f/{block}.txt", text)
    places = places_of(summaries)
    place_number = {place: number for number, place in enumerate(places)}
    manifest = {
        "volumes": [write_volume_pages(writer, volume, place_number) for volume in volumes],
        "pages": len(summaries),
        "blocks": sum(summary.blocks for _, summary in summaries),
        "places": len(places),
        "directory_shards": directory.shards,
        "fold": sorted(fold.blocks()),
        "fold_version": fold.version(),
        "blocks_per_chunk": config["blocks_per_chunk"],
        "word_characters": config["word_characters"],
        "quotation_marks": config["quotation_marks"],
        "list_marks": config["list_marks"],
        "ranking": config["ranking"],
    }
    writer.write("places.json", dumps({"places": [[*place, code] for place, code in places.items()]}))
    writer.write("manifest.json", dumps(manifest))
    writer.remove_stale()
    page_keys = {summary.url: key for key, summary in summaries}
    volume_states = tuple(volume.state() for volume in volumes)
    return WrittenIndex(manifest, writer.written, page_keys, volume_states, directory)


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


def read_postings(folder: Path, key: str, manifest: dict[str, Any], volume: int = 0) -> list[int]:
    """The paragraph numbers of ``key`` in ``volume`` as the browser reads them from a shard, counted
    across the volume's pages (for tests)."""
    entry = manifest["volumes"][volume]
    name, count = ("g", entry[1]) if len(key) > 1 else ("u", entry[2])
    pages = json.loads(read_index_text(folder, f"v{volume}/pages.json"))["pages"]
    firsts = [sum(page[2] for page in pages[:n]) for n in range(len(pages))]
    text = read_index_text(folder, f"v{volume}/{name}/{shard_of(key, count)}.txt")
    first, ids = 0, []
    for line in text.split("\n"):
        if line.startswith("@"):
            first = firsts[int(line[1:])]
        elif line.startswith(key + "\t") and len(key) > 1:
            ids += [first + number for number, _ in unpack_pairs(line.split("\t")[1])]
        elif line.startswith(key + "\t"):
            local = 0
            for delta in line.split("\t")[1].split(","):
                local += int(delta)
                ids.append(first + local)
    return ids
