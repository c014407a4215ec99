"""One page's part of the index: a ``SearchPage`` in, its keys, shard lines and text chunks out.

A part is made once per version of the page (``index_key``) and cached; ``fragments`` cuts its lines
by shard, so that a shard is the concatenation of the pages' fragments. A pair's line gives, for each
paragraph, the offsets where the pair starts, so the browser tells a paragraph that holds a string (its
pairs at consecutive offsets) from one that only holds its pairs, without reading its text.
"""
from __future__ import annotations

import hashlib
import json
import math
import operator
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.engine.cache import ResultCache, source_version
from build_tools.folding import version as fold_version
from build_tools.search.parse import (
    Block,
    SearchPage,
    Section,
    boost_of,
    is_title_only,
    key_hash,
    number_keys,
    pair_positions,
    parse_page,
    settings,
)


def delta_encode(ids: Sequence[int]) -> list[int]:
    return [ids[0], *map(operator.sub, ids[1:], ids[:-1])]


HIGH_DIGITS = "0123456789abcdef"
PARAGRAPH_DIGITS = "ghijklmnopqrstuv"
NOT_PARAGRAPHS = str.maketrans("", "", PARAGRAPH_DIGITS)  # deletes the digits that end a paragraph's number
OFFSET_DIGITS = "GHIJKLMNOPQRSTUV"


def packed(number: int, last_digits: str) -> str:
    """``number`` in base 16, most significant digit first: the last digit from ``last_digits`` (which
    ends the number and says what it is), the others from ``HIGH_DIGITS`` (125 as an offset is ``7T``)."""
    digits = last_digits[number & 15]
    number >>= 4
    while number:
        digits = HIGH_DIGITS[number & 15] + digits
        number >>= 4
    return digits


def pack_pairs(entries: Sequence[tuple[int, Sequence[int]]]) -> str:
    """A pair's paragraphs (delta-encoded, ``PARAGRAPH_DIGITS`` last), each followed by the offsets of the
    pair in it (delta-encoded within the paragraph, ``OFFSET_DIGITS`` last)."""
    parts, last = [], 0
    for number, offsets in entries:
        parts.append(packed(number - last, PARAGRAPH_DIGITS))
        parts.extend(packed(delta, OFFSET_DIGITS) for delta in delta_encode(offsets))
        last = number
    return "".join(parts)


def unpack_pairs(text: str) -> list[tuple[int, list[int]]]:
    """The inverse of ``pack_pairs`` (the browser's ``decodePairs``)."""
    entries: list[tuple[int, list[int]]] = []
    value, number = 0, 0
    for character in text:
        if character in PARAGRAPH_DIGITS:
            number += value * 16 + PARAGRAPH_DIGITS.index(character)
            entries.append((number, []))
            value = 0
        elif character in OFFSET_DIGITS:
            offsets = entries[-1][1]
            offsets.append((offsets[-1] if offsets else 0) + value * 16 + OFFSET_DIGITS.index(character))
            value = 0
        else:
            value = value * 16 + HIGH_DIGITS.index(character)
    return entries


def shards_for(size: int, target_bytes: int) -> int:
    """A power of two that puts about ``target_bytes`` in each shard of an index of ``size`` bytes."""
    return 1 << max(0, math.ceil(math.log2(max(1, size / target_bytes))))


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class PageSummary:
    """What the index needs of a page before reading its parts: its manifest entry and sizes.

    ``key`` names the page's chunk files after its URL, so that an unchanged page keeps them when
    other pages change.
    """

    url: str
    title: str
    tags: tuple[str, ...]
    boost: float
    key: str
    blocks: int
    chunks: int
    pair_bytes: int
    character_bytes: int
    year: int | None = None
    place: str | None = None
    level: str | None = None
    province: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class IndexedPage:
    """One page's part of the index, made once per version of the page and cached.

    ``character_lines`` hold one line per character, ``KEY<tab>DELTAS``: the page's own paragraph numbers
    that contain it, delta-encoded (``产\t0,3,1``); ``pair_lines`` the same for pairs, each paragraph
    number followed by the offsets of the pair in it, all delta-encoded as ``packed`` numbers, which need
    no separators (``产量\tgsUJ``: paragraph 0 at offsets 12 and 12 + 30 = 42, ``pack_pairs``). ``chunks``
    are the JSON texts of ``c/KEY.K.json``. ``number_keys`` are the directory's keys of the numbers of
    its paragraphs, title, tags and year (``parse.number_keys``), one a line. Plain strings, not dicts: a
    page costs a few of them.
    """

    summary: PageSummary
    pair_lines: str
    character_lines: str
    chunks: tuple[str, ...]
    number_keys: str


@dataclass(frozen=True)
class Fragments:
    """A page's lines grouped by shard: shard ``s`` is ``text[offsets[s]:offsets[s + 1]]``."""

    shards: int
    text: str
    offsets: array[int]

    def of(self, shard: int) -> str:
        return self.text[self.offsets[shard] : self.offsets[shard + 1]]


def page_key(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def chunk_texts(blocks: Sequence[tuple[Block, Section]], size: int) -> tuple[str, ...]:
    """The blocks of one page, ``size`` at a time, each as the JSON text of a chunk file."""
    chunks = []
    for k in range(0, len(blocks), size):
        sections: list[list[str]] = []
        seen: dict[Section, int] = {}
        rows: list[list[Any]] = []
        for block, section in blocks[k : k + size]:
            if section not in seen:
                seen[section] = len(sections)
                sections.append([section.anchor, section.title])
            rows.append([seen[section], block.anchor, block.text])
        chunks.append(dumps({"sections": sections, "blocks": rows}))
    return tuple(chunks)


def index_page(page: SearchPage) -> IndexedPage:
    """``page``'s part of the index: its paragraphs' pairs and characters, and its text chunks."""
    parsed = parse_page(page)
    pair_ids: dict[str, list[tuple[int, list[int]]]] = defaultdict(list)
    character_ids: dict[str, list[int]] = defaultdict(list)
    for number, block in enumerate(parsed.blocks):
        positions, characters = pair_positions(block.text)
        for pair, offsets in positions.items():
            pair_ids[pair].append((number, offsets))
        for character in characters:
            character_ids[character].append(number)
    blocks = [(block, parsed.sections[block.section]) for block in parsed.blocks]
    pair_lines = "\n".join(f"{pair}\t{pack_pairs(pair_ids[pair])}" for pair in sorted(pair_ids))
    character_lines = encoded(character_ids)
    chunks = chunk_texts(blocks, settings()["blocks_per_chunk"])
    summary = PageSummary(
        url=page.url,
        title=page.title,
        tags=page.tags,
        boost=boost_of(page.url),
        key=page_key(page.url),
        blocks=len(parsed.blocks),
        chunks=len(chunks),
        pair_bytes=lines_size(pair_lines),
        character_bytes=lines_size(character_lines),
        year=page.year,
        place=page.place,
        level=page.level,
        province=page.province,
        code=page.code,
    )
    # the year as the panel matches it to a query's term (2019 or 2019年), whether or not the text says it
    year = f"{page.year}年" if page.year is not None else ""
    texts = [block.text for block in parsed.blocks] + [page.title, *page.tags, year]
    return IndexedPage(summary, pair_lines, character_lines, chunks, "\n".join(sorted(number_keys(texts))))


def index_and_store(page: SearchPage, key: str, store: tuple[Path, str] | None) -> IndexedPage | PageSummary:
    """``index_page``; in a worker (``store``: the cache's folder and version), the part goes to the
    cache and only its summary comes back."""
    indexed = index_page(page)
    if store is None:
        return indexed
    store_part(ResultCache(store[0], store[1], remember=False), key, indexed)
    return indexed.summary


def store_part(cache: ResultCache | MemoryStore, key: str, indexed: IndexedPage) -> None:
    """Puts the page's part in ``cache`` under ``key``: its lines and chunks, its summary (``.s``) and its
    keys (``.k``), each read separately."""
    cache.put(key, indexed)
    cache.put(key + ".s", indexed.summary)
    cache.put(key + ".k", keys_text(indexed))


def keys_text(page: IndexedPage) -> str:
    """The pairs, characters and number keys ``page`` holds, one per line (in no order: the directory
    gathers them into a set): what the directory needs of it (``directory.volume_keys``), without its
    postings; then, after an empty line, the pairs it holds strongly, and after another those it holds more
    strongly (``strength``)."""
    keys: set[str] = set()
    strong: tuple[list[str], list[str]] = ([], [])
    for line in page.pair_lines.split("\n") if page.pair_lines else ():
        pair, _, packed_entries = line.partition("\t")
        keys.add(pair)
        paragraphs = len(packed_entries) - len(packed_entries.translate(NOT_PARAGRAPHS))  # a digit of each ends it
        for at in range(strength(paragraphs) - 1):
            strong[at].append(pair)
    keys.update(line[: line.index("\t")] for line in page.character_lines.split("\n") if page.character_lines)
    keys.update(page.number_keys.split("\n") if page.number_keys else ())
    return "\n\n".join("\n".join(found) for found in (keys, *strong))


def strength(paragraphs: int) -> int:
    """1, 2 or 3: how strongly a page holds a pair it holds in ``paragraphs`` paragraphs, by the thresholds of
    ``strong_paragraphs`` (resources/search.yaml), so that a query reads first the volumes whose pages hold
    its pairs most."""
    return 1 + sum(paragraphs >= least for least in settings()["strong_paragraphs"])


def index_key(page: SearchPage) -> str:
    """The cache key of ``page``'s part of the index: its URL, title, tags, identity and HTML, the code's
    version and the fold table's. The HTML of a page found by its title alone (``is_title_only``) is
    not indexed, so it is not part of the key: such a page whose body changed (a phrase page when any
    report of its years changed) keeps its part, and its volume keeps its files."""
    identity = (page.year, page.place, page.level, page.province, page.code)
    text = f"{source_version()}\0{fold_version()}\0{page.url}\0{page.title}\0{page.tags}\0{identity}\0"
    digest = hashlib.sha256(text.encode())
    if not is_title_only(page.url):
        digest.update(page.content_bytes())
    return digest.hexdigest()


def encoded(postings: dict[str, list[int]]) -> str:
    lines = []
    for key in sorted(postings):
        ids = postings[key]
        lines.append(key + "\t" + ",".join(map(str, delta_encode(ids))))
    return "\n".join(lines)


def lines_size(lines: str) -> int:
    """About the bytes of ``lines`` in shard files (UTF-8)."""
    return len(lines.encode("utf-8")) + 1 if lines else 0


def fragments(lines: str, shards: int) -> Fragments:
    """``lines`` grouped by the shard of each key, each group ending with a newline."""
    grouped: list[list[str]] = [[] for _ in range(shards)]
    for line in lines.split("\n") if lines else ():
        grouped[key_hash(line[: line.index("\t")]) % shards].append(line + "\n")
    offsets = array("i", [0])
    texts = []
    for group in grouped:
        text = "".join(group)
        texts.append(text)
        offsets.append(offsets[-1] + len(text))
    return Fragments(shards, "".join(texts), offsets)


class MemoryStore:
    """A ``ResultCache`` stand-in that keeps entries in memory only (when the cache is off)."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value

    def retain(self, keys: set[str]) -> None:
        pass
