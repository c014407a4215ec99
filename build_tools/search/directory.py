"""The directory of the volumes: the volumes and their pages' parts in, ``d/N.txt`` under ``search/`` out.

``d/N.txt`` says which volumes hold each key (under ``#`` and a pair of its name, each place; under
``=``, the endings of the numbers of its pages, so that 3.1415亿元 reads the volumes with a number ending
in 3.1415 rather than every volume with the pairs 3. 14 15 亿元): ``KEY<tab>HEX``, the volumes as a bit
set in hexadecimal, then, for a pair some page holds in many paragraphs, ``,HEX`` of the volumes with a
page that holds it strongly and ``,HEX`` of those with one that holds it more strongly (``parts.strength``):
a query reads those first. A build whose volumes are those of the last keeps its files; one where some
volumes changed rewrites only the shards of the keys they gained, lost or hold otherwise
(``update_directory``).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from build_tools.engine.speedups import enabled
from build_tools.search.files import IndexWriter
from build_tools.search.indexing import PageIndexes
from build_tools.search.parse import normalize, settings, shard_of
from build_tools.search.parts import shards_for
from build_tools.search.volumes import Volume


@dataclass(frozen=True)
class DirectoryState:
    """What a build's directory was made of: its number of shards and each volume's keys (by
    ``volume_keys_name``, the versions of its pages) and places, sorted."""

    shards: int = 0
    volume_keys: tuple[str, ...] = ()
    volume_places: tuple[tuple[str, ...], ...] = ()


def volume_keys_name(volume: Volume) -> str:
    """The cache's name of the keys of ``volume``: the versions of its pages."""
    return "keys-" + hashlib.sha256("\0".join(key for key, _ in volume.summaries).encode()).hexdigest()


def volume_keys(volume: Volume, indexes: PageIndexes) -> list[str]:
    """The pairs, characters and number keys the pages of ``volume`` hold, each with the strength of the page
    that holds it most after a tab where that is over 1 (cached by the pages' versions)."""
    name = volume_keys_name(volume)
    stored = indexes.cache.get(name)
    if isinstance(stored, list):
        indexes.used.add(name)
        return stored
    levels: dict[str, int] = {}
    for key, _ in volume.summaries:
        for entry in indexes.keys(key):
            found_key, level = key_level(entry)
            levels[found_key] = max(level, levels.get(found_key, 0))
    found = sorted(f"{key}\t{level}" if level > 1 else key for key, level in levels.items())
    indexes.cache.put(name, found)
    indexes.used.add(name)
    return found


def key_level(entry: str) -> tuple[str, int]:
    """A key of ``volume_keys`` and its strength: ``生态\t2`` → (生态, 2), ``生态`` → (生态, 1)."""
    key, _, level = entry.partition("\t")
    return key, int(level) if level else 1


def volume_levels(entries: Iterable[str], places: Iterable[str]) -> dict[str, int]:
    """The keys of a volume (``volume_keys``) and of its places' names, each with its strength."""
    levels = dict(map(key_level, entries))
    for place in places:
        for key in place_keys(place):
            levels.setdefault(key, 1)
    return levels


def place_keys(place: str) -> set[str]:
    """The directory's keys of a place's name: ``#`` and each pair of its normalised name (or its one
    character), so that a query's term finds the volumes of the places whose name holds it."""
    name = normalize(place)
    return {"#" + name[i : i + 2] for i in range(len(name) - 1)} or {"#" + name}


def volume_places(volume: Volume) -> set[str]:
    """The places of a volume's pages, and their provinces (湖北省 finds its cities' reports)."""
    return {name for _, summary in volume.summaries for name in (summary.place, summary.province) if name}


def write_directory(
    writer: IndexWriter, volumes: Sequence[Volume], indexes: PageIndexes, before: DirectoryState | None = None
) -> DirectoryState:
    """``d/N.txt``: ``KEY<tab>HEX``, the volumes that hold each key as a bit set in hexadecimal, digit ``i``
    for volumes ``4i``–``4i+3`` (lowest bit first). A place's key ``#XY`` lies in the shard of the pair
    ``XY``, which a query for XY reads anyway. No shards for one volume. ``before``: what the previous
    build wrote into the folder: its files are kept when the volumes are the same, and changed where
    some volumes changed (``update_directory``)."""
    key_names = tuple(map(volume_keys_name, volumes))
    places = tuple(tuple(sorted(volume_places(volume))) for volume in volumes)

    def state(count: int) -> DirectoryState:
        return DirectoryState(count, key_names, places)

    if len(volumes) < 2:
        return state(0)
    names = [f"d/{number}.txt" for number in range(before.shards if before else 0)]
    if before is not None and names and all(writer.is_known(name) for name in names):
        if (before.volume_keys, before.volume_places) == (key_names, places):
            for name in names:
                writer.keep(name)
            return state(before.shards)
        if enabled("directory") and update_directory(writer, volumes, indexes, before, state(before.shards)):
            return state(before.shards)
    held: dict[str, list[int]] = {}  # each key's volumes holding it at all, strongly, more strongly
    for volume in volumes:
        bit = 1 << volume.number
        for key, level in volume_levels(volume_keys(volume, indexes), volume_places(volume)).items():
            sets = held.setdefault(key, [0, 0, 0])
            for at in range(level):
                sets[at] |= bit
    # each line is made as its shard is written, not all at once: there are millions at 10,000 reports
    size = sum(len(key.encode()) + len(sets_text(sets)) + 2 for key, sets in held.items())
    count = shards_for(size, settings()["directory_shard_bytes"])
    shards: list[list[str]] = [[] for _ in range(count)]
    for key in sorted(held):
        shards[shard_of(key.removeprefix("#"), count)].append(key)
    for number, keys in enumerate(shards):
        writer.write(f"d/{number}.txt", shard_text(held, keys))
    return state(count)


def shard_text(held: dict[str, list[int]], keys: Iterable[str]) -> str:
    """The lines of a directory shard: each of ``keys`` with the volumes that hold it (``held``)."""
    return "".join(f"{key}\t{sets_text(held[key])}\n" for key in keys)


def sets_text(sets: Sequence[int]) -> str:
    """A key's sets of volumes (all, strong, stronger) as its line writes them: ``31``, ``31,1``, ``31,11,1``."""
    return ",".join(hex_set(bits) for bits in sets if bits)


def read_sets(text: str) -> list[int]:
    """``sets_text`` read back: always three sets."""
    sets = [bit_set(digits) for digits in text.split(",")]
    return sets + [0] * (3 - len(sets))


def update_directory(
    writer: IndexWriter,
    volumes: Sequence[Volume],
    indexes: PageIndexes,
    before: DirectoryState,
    now: DirectoryState,
) -> bool:
    """The directory ``before`` wrote (its shards all still in the folder), with the keys that changed
    volumes gained or lost, rewritten in only the shards that hold those keys (one changed report
    touches a few of thousands); ``now``: the volumes' keys and places in this build. False when it
    cannot be: the volumes are not as many, a shard or a changed volume's former keys are no longer to
    be read; the caller then makes the directory whole. Nothing is written before every shard to change
    has been read."""
    count = before.shards
    names = [f"d/{number}.txt" for number in range(count)]
    if len(before.volume_keys) != len(volumes):
        return False
    edits: dict[int, list[tuple[str, int, int]]] = {}
    changed = zip(volumes, before.volume_keys, before.volume_places, now.volume_keys, now.volume_places, strict=True)
    for volume, old_name, old_places, name, places in changed:
        if name == old_name and places == old_places:
            continue
        former = indexes.cache.get(old_name)
        if not isinstance(former, list):
            return False
        indexes.used.add(old_name)
        old = volume_levels(former, old_places)
        new = volume_levels(volume_keys(volume, indexes), places)
        bit = 1 << volume.number
        for key in old.keys() | new.keys():
            if old.get(key, 0) != new.get(key, 0):
                edits.setdefault(shard_of(key.removeprefix("#"), count), []).append((key, bit, new.get(key, 0)))
    texts: dict[int, str] = {}
    for number, changes in edits.items():
        text = writer.read_previous(names[number])
        if text is None:
            return False
        held = {key: read_sets(digits) for key, _, digits in (line.partition("\t") for line in text.splitlines())}
        for key, bit, level in changes:
            sets = held.get(key, [0, 0, 0])
            sets = [(bits | bit) if at < level else (bits & ~bit) for at, bits in enumerate(sets)]
            if sets[0]:
                held[key] = sets
            else:
                held.pop(key, None)
        texts[number] = shard_text(held, sorted(held))
    for number, name in enumerate(names):
        if number in texts:
            writer.write(name, texts[number])
        else:
            writer.keep(name)
    return True


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
