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


KeySets = tuple[set[str], set[str], set[str]]  # keys held at all, strongly, more strongly (``parts.strength``)


def volume_keys(volume: Volume, indexes: PageIndexes) -> list[list[str]]:
    """The pairs, characters and number keys the pages of ``volume`` hold, those a page holds strongly, and those
    one holds more strongly, each sorted (cached by the pages' versions)."""
    name = volume_keys_name(volume)
    stored = indexes.cache.get(name)
    if isinstance(stored, list) and len(stored) == 3 and all(isinstance(keys, list) for keys in stored):
        indexes.used.add(name)
        return stored
    found: KeySets = (set(), set(), set())
    for key, _ in volume.summaries:
        for gathered, keys in zip(found, indexes.keys(key), strict=True):
            gathered.update(keys)
    sorted_keys = [sorted(keys) for keys in found]
    indexes.cache.put(name, sorted_keys)
    indexes.used.add(name)
    return sorted_keys


def volume_sets(keys: Sequence[Sequence[str]], places: Iterable[str]) -> KeySets:
    """The keys of a volume (``volume_keys``), with those of its places' names among the keys held at all."""
    every = set(keys[0]).union(*map(place_keys, places))
    return every, set(keys[1]), set(keys[2])


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
    held: tuple[dict[str, int], ...] = ({}, {}, {})  # each key's volumes holding it at all, strongly, more strongly
    for volume in volumes:
        bit = 1 << volume.number
        sets = volume_sets(volume_keys(volume, indexes), volume_places(volume))
        for volumes_of, keys in zip(held, sets, strict=True):
            for key in keys:
                volumes_of[key] = volumes_of.get(key, 0) | bit
    # each line is made as its shard is written, not all at once: there are millions at 10,000 reports
    size = sum(len(key.encode()) + len(sets_text(sets_of(held, key))) + 2 for key in held[0])
    count = shards_for(size, settings()["directory_shard_bytes"])
    shards: list[list[str]] = [[] for _ in range(count)]
    for key in sorted(held[0]):
        shards[shard_of(key.removeprefix("#"), count)].append(key)
    for number, keys in enumerate(shards):
        writer.write(f"d/{number}.txt", shard_text({key: sets_of(held, key) for key in keys}))
    return state(count)


def shard_text(lines: dict[str, Sequence[int]]) -> str:
    """The lines of a directory shard: each key, in order, with its sets of volumes (``sets_text``)."""
    return "".join(f"{key}\t{sets_text(lines[key])}\n" for key in sorted(lines))


def sets_of(held: Sequence[dict[str, int]], key: str) -> list[int]:
    """A key's volumes holding it at all, strongly and more strongly, from ``held`` (a dict of each)."""
    return [volumes_of.get(key, 0) for volumes_of in held]


def sets_text(sets: Sequence[int]) -> str:
    """A key's sets of volumes (all, strong, stronger) as its line writes them: ``31``, ``31,1``, ``31,11,1``."""
    return ",".join(hex_set(bits) for bits in sets if bits)


def read_sets(text: str) -> list[int]:
    """A line's sets of volumes read back: always three."""
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
        old = volume_sets(former, old_places)
        new = volume_sets(volume_keys(volume, indexes), places)
        bit = 1 << volume.number
        for key in set.union(*(before ^ after for before, after in zip(old, new, strict=True))):
            level = sum(key in keys for keys in new)
            edits.setdefault(shard_of(key.removeprefix("#"), count), []).append((key, bit, level))
    texts: dict[int, str] = {}
    for number, changes in edits.items():
        text = writer.read_previous(names[number])
        if text is None:
            return False
        lines = {key: read_sets(digits) for key, _, digits in (line.partition("\t") for line in text.splitlines())}
        for key, bit, level in changes:
            sets = [(bits | bit) if at < level else (bits & ~bit) for at, bits in enumerate(lines.get(key, [0, 0, 0]))]
            if sets[0]:
                lines[key] = sets
            else:
                lines.pop(key, None)
        texts[number] = shard_text(lines)
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
