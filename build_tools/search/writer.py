"""The index: every page's part in, ``search/`` under the site folder out.

Pages are ordered by their identity (pages without one first, then by level, province, place and year,
newest first) and cut into volumes of ``volume_pages`` pages; each volume is an index of its own pages
(``vN/pages.json``, ``vN/g``, ``vN/u``), and ``d/N.txt`` says which volumes hold each key (under ``#``
and a pair of its name, each place; under ``=``, the endings of the numbers of its pages, so that
3.1415亿元 reads the volumes with a number ending in 3.1415 rather than every volume with the pairs 3.
14 15 亿元), so that a query reads only the volumes that can answer it, a few at a time. Also written:
``c/`` (each page's text, a few paragraphs a file), ``f/N.txt`` (the fold table by block of code
points), ``places.json`` (each place with its level and province, for the filters) and
``manifest.json`` (settings, the volumes with the range of places and years each holds).

A rebuild writes only the files whose bytes changed (``files``); ``WritingAhead`` writes the whole index
in a forked process while the templates are rendered.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from build_tools import folding as fold
from build_tools.engine.cache import ResultCache
from build_tools.engine.forked import MIN_FILES_FOR_POOL, Forked
from build_tools.engine.speedups import enabled
from build_tools.search.files import (
    IndexWriter,
    VolumeState,
    changed_shards,
    read_index_text,
    write_shards,
    write_spliced,
)
from build_tools.search.indexing import PageIndexes
from build_tools.search.parse import SearchPage, is_excluded, normalize, settings, shard_of
from build_tools.search.parts import PageSummary, dumps, shards_for, unpack_pairs

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


@dataclass(frozen=True)
class WrittenIndex:
    """What ``write_index`` wrote: the manifest, each file's digest, each page's key in the cache and what
    each volume held."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    page_keys: dict[str, str]
    volumes: tuple[VolumeState, ...] = ()
    directory: str = ""  # what the directory was made of (``directory_inputs``)
    volume_keys: tuple[str, ...] = ()  # each volume's ``volume_keys_name``
    volume_places: tuple[tuple[str, ...], ...] = ()  # each volume's places, sorted


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


def volume_keys_name(volume: Volume) -> str:
    """The cache's name of the keys of ``volume``: the versions of its pages."""
    return "keys-" + hashlib.sha256("\0".join(key for key, _ in volume.summaries).encode()).hexdigest()


def volume_keys(volume: Volume, indexes: PageIndexes) -> list[str]:
    """The pairs, characters and number keys the pages of ``volume`` hold (cached by the pages' versions)."""
    name = volume_keys_name(volume)
    stored = indexes.cache.get(name)
    if isinstance(stored, list):
        indexes.used.add(name)
        return stored
    keys: set[str] = set()
    for key, _ in volume.summaries:
        page = indexes.page(key)
        for lines in (page.pair_lines, page.character_lines):
            keys.update(line[: line.index("\t")] for line in lines.split("\n") if lines)
        keys.update(page.number_keys.split("\n") if page.number_keys else ())
    found = sorted(keys)
    indexes.cache.put(name, found)
    indexes.used.add(name)
    return found


def place_keys(place: str) -> set[str]:
    """The directory's keys of a place's name: ``#`` and each pair of its normalised name (or its one
    character), so that a query's term finds the volumes of the places whose name holds it."""
    name = normalize(place)
    return {"#" + name[i : i + 2] for i in range(len(name) - 1)} or {"#" + name}


def volume_places(volume: Volume) -> set[str]:
    return {summary.place for _, summary in volume.summaries if summary.place}


def directory_inputs(volumes: Sequence[Volume]) -> str:
    """A digest of what the directory is made of: each volume's pages (by version) and places."""
    digest = hashlib.sha256()
    for volume in volumes:
        digest.update(f"{volume_keys_name(volume)}\0{sorted(volume_places(volume))}\n".encode())
    return digest.hexdigest()


def write_directory(
    writer: IndexWriter,
    volumes: Sequence[Volume],
    indexes: PageIndexes,
    same_as: WrittenIndex | None = None,
    before: WrittenIndex | None = None,
) -> int:
    """``d/N.txt``: ``KEY<tab>HEX``, the volumes that hold each key as a bit set in hexadecimal, digit ``i``
    for volumes ``4i``–``4i+3`` (lowest bit first). A place's key ``#XY`` lies in the shard of the pair
    ``XY``, which a query for XY reads anyway. Returns the number of shards (none for one volume).
    ``same_as``: the previous build's index, when it wrote the directory of these same volumes into the
    folder; its files are kept. ``before``: the previous build's index otherwise, which ``update_directory``
    may change where only some volumes changed."""
    if len(volumes) < 2:
        return 0
    if same_as is not None:
        count = same_as.manifest.get("directory_shards", 0)
        names = [f"d/{number}.txt" for number in range(count)]
        if count and all(writer.is_known(name) for name in names):
            for name in names:
                writer.keep(name)
            return count
    if same_as is None and before is not None:
        count = update_directory(writer, volumes, indexes, before)
        if count is not None:
            return count
    held: dict[str, int] = {}
    for volume in volumes:
        bit = 1 << volume.number
        for key in volume_keys(volume, indexes):
            held[key] = held.get(key, 0) | bit
        for place in volume_places(volume):
            for key in place_keys(place):
                held[key] = held.get(key, 0) | bit
    # each line is made as its shard is written, not all at once: there are millions at 10,000 reports
    size = sum(len(key.encode()) + len(hex_set(bits)) + 2 for key, bits in held.items())
    count = shards_for(size, settings()["directory_shard_bytes"])
    shards: list[list[str]] = [[] for _ in range(count)]
    for key in sorted(held):
        shards[shard_of(key.removeprefix("#"), count)].append(key)
    for number, keys in enumerate(shards):
        writer.write(f"d/{number}.txt", "".join(f"{key}\t{hex_set(held[key])}\n" for key in keys))
    return count


def update_directory(
    writer: IndexWriter, volumes: Sequence[Volume], indexes: PageIndexes, before: WrittenIndex
) -> int | None:
    """The directory ``before`` wrote, with the keys that changed volumes gained or lost, rewritten in
    only the shards that hold those keys (one changed report touches a few of thousands). ``None`` when
    it cannot be: the volumes are not the same in number, a shard or a changed volume's former keys are
    no longer to be read; the caller then makes the directory whole. Nothing is written before every
    shard to change has been read."""
    count = before.manifest.get("directory_shards", 0)
    names = [f"d/{number}.txt" for number in range(count)]
    if not count or len(before.volume_keys) != len(volumes) or len(before.volume_places) != len(volumes):
        return None
    if not all(writer.is_known(name) for name in names):
        return None
    edits: dict[int, list[tuple[str, int, bool]]] = {}
    for volume, old_name, old_places in zip(volumes, before.volume_keys, before.volume_places, strict=True):
        places = tuple(sorted(volume_places(volume)))
        if volume_keys_name(volume) == old_name and places == old_places:
            continue
        former = indexes.cache.get(old_name)
        if not isinstance(former, list):
            return None
        indexes.used.add(old_name)
        old = set(former).union(*map(place_keys, old_places))
        new = set(volume_keys(volume, indexes)).union(*map(place_keys, places))
        bit = 1 << volume.number
        for key, gained in [*((key, True) for key in new - old), *((key, False) for key in old - new)]:
            edits.setdefault(shard_of(key.removeprefix("#"), count), []).append((key, bit, gained))
    texts: dict[int, str] = {}
    for number, changes in edits.items():
        text = writer.read_previous(names[number])
        if text is None:
            return None
        held = {key: bit_set(digits) for key, _, digits in (line.partition("\t") for line in text.splitlines())}
        for key, bit, gained in changes:
            bits = (held.get(key, 0) | bit) if gained else (held.get(key, 0) & ~bit)
            if bits:
                held[key] = bits
            else:
                held.pop(key, None)
        texts[number] = "".join(f"{key}\t{hex_set(held[key])}\n" for key in sorted(held))
    for number, name in enumerate(names):
        if number in texts:
            writer.write(name, texts[number])
        else:
            writer.keep(name)
    return count


def bit_set(digits: str) -> int:
    """``hex_set`` read back (``31`` → ``0b10011``)."""
    return sum(int(digit, 16) << (4 * place) for place, digit in enumerate(digits))


def hex_set(bits: int) -> str:
    """A set of volumes as hexadecimal digits, lowest volumes first (``0b10011`` → ``31``)."""
    digits = []
    while bits:
        digits.append("0123456789abcdef"[bits & 15])
        bits >>= 4
    return "".join(digits)


def places_of(summaries: Sequence[tuple[str, PageSummary]]) -> list[tuple[str, str, str]]:
    """Each place (place, level, province) in the order of the pages."""
    places: dict[tuple[str, str, str], None] = {}
    for _, s in summaries:
        if s.place is not None:
            places.setdefault((s.place, s.level or "", s.province or ""), None)
    return list(places)


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
    inputs = directory_inputs(volumes)
    same = previous is not None and bool(writer.previous) and previous.directory == inputs
    earlier = previous if previous is not None and writer.previous and enabled("directory") else None
    directory = write_directory(writer, volumes, indexes, previous if same else None, earlier)
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
        "directory_shards": directory,
        "fold": sorted(fold.blocks()),
        "fold_version": fold.version(),
        "blocks_per_chunk": config["blocks_per_chunk"],
        "word_characters": config["word_characters"],
        "ranking": config["ranking"],
    }
    writer.write("places.json", dumps({"places": [list(place) for place in places]}))
    writer.write("manifest.json", dumps(manifest))
    writer.remove_stale()
    page_keys = {summary.url: key for key, summary in summaries}
    volume_states = tuple(volume.state() for volume in volumes)
    return WrittenIndex(
        manifest,
        writer.written,
        page_keys,
        volume_states,
        inputs,
        tuple(volume_keys_name(volume) for volume in volumes),
        tuple(tuple(sorted(volume_places(volume))) for volume in volumes),
    )


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
