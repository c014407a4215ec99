"""Search index: the site's rendered pages in, a sharded character-pair index under ``site/search/`` out.

In: ``SearchPage`` records (URL, title, tags and the HTML that Markdown rendered), one per page, as the
MkDocs hook sees them. Out: files written by ``write_index(pages, site_dir)``:

- ``search/manifest.json``: the pages (URL, title, first paragraph, paragraphs, tags, boost), the shard
  counts and the ranking settings of ``resources/search.yaml``;
- ``search/g/N.json``: character pairs → the paragraphs that contain them (sorted ids, delta-encoded);
- ``search/u/N.json``: the same for single characters, used only by one-character queries;
- ``search/c/P.K.json``: the text of the paragraphs of page P, a few at a time, with their section.

Why pairs of characters: Chinese has no spaces, and a reader types any part of a word (产量 in 粮食产量,
消费价格 in 居民消费价格) or a phrase across words (农民人均纯收入). Every string of two or more characters
is found by intersecting the paragraphs of its pairs; the browser then reads those paragraphs and keeps
only the ones that contain the string verbatim. No dictionary is involved, so index and query cannot
segment differently. A query fetches one shard per distinct pair plus a few text chunks, never the
whole index. ``docs/javascripts/search-worker.js`` is the browser side; it must normalise text exactly as
``normalize`` does here (NFKC per character, lower case) and hash keys as ``shard_of`` does.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import shutil
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from build_tools.cache import ResultCache, source_version
from build_tools.resource_files import load_yaml

SETTINGS = "search.yaml"
BLOCK_TAGS = frozenset(
    {"p", "li", "tr", "dt", "dd", "pre", "blockquote", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SKIPPED_TAGS = frozenset({"script", "style"})
SKIPPED_CLASSES = frozenset({"headerlink"})
CELL_TAGS = frozenset({"td", "th"})
SEPARATOR = "\x00"  # not a word character: what ``word_table`` makes of everything between runs
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


@dataclass(frozen=True)
class SearchPage:
    """One page as MkDocs rendered it: ``url`` relative to the site root, ``html`` the page content."""

    url: str
    title: str
    html: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table row or heading: the unit the index points to."""

    text: str
    anchor: str
    section: int


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str


@dataclass
class ParsedPage:
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@cache
def settings() -> dict[str, Any]:
    return load_yaml(SETTINGS)


@cache
def normalize_character(character: str) -> str:
    return unicodedata.normalize("NFKC", character).lower()


def normalize(text: str) -> str:
    """NFKC per character, then lower case (full-width ２０２４ and ＧＤＰ become 2024 and gdp)."""
    return "".join(normalize_character(character) for character in text)


def is_word_character(character: str) -> bool:
    return character in settings()["word_characters"] or unicodedata.category(character)[0] in "LNM"


def runs(text: str) -> Iterator[str]:
    """Maximal runs of word characters of normalised ``text``; everything else separates them."""
    start = None
    for position, character in enumerate(text):
        if is_word_character(character):
            if start is None:
                start = position
        elif start is not None:
            yield text[start:position]
            start = None
    if start is not None:
        yield text[start:]


class WordTable(dict[int, str]):
    """``str.translate`` table: a character to its normalised form, with ``SEPARATOR`` for non-word characters.

    ``text.translate(word_table()).split(SEPARATOR)`` gives the runs of ``runs(normalize(text))`` (and empty
    strings between separators); each character is looked up once per process.
    """

    def __missing__(self, code: int) -> str:
        normalized = normalize_character(chr(code))
        value = "".join(c if is_word_character(c) else SEPARATOR for c in normalized)
        self[code] = value
        return value


@cache
def word_table() -> WordTable:
    return WordTable()


def pairs_and_characters(text: str) -> tuple[set[str], set[str]]:
    """The character pairs and the single characters of the word runs of ``text`` (normalised)."""
    pairs: set[str] = set()
    characters: set[str] = set()
    for run in text.translate(word_table()).split(SEPARATOR):
        if run:
            characters.update(run)
            pairs.update(map(operator.add, run, run[1:]))
    return pairs, characters


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over the key's code points, modulo ``shards`` (the worker computes the same)."""
    value = FNV_OFFSET
    for character in key:
        value = ((value ^ ord(character)) * FNV_PRIME) & 0xFFFFFFFF
    return value % shards


class ContentParser(HTMLParser):
    """Splits rendered page HTML into sections (at headings with an id) and blocks of plain text."""

    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage([Section("", title)])
        self.open: list[tuple[str, str, list[str]]] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self.skipping or tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            self.skipping.append(tag)
            return
        if tag in BLOCK_TAGS:
            self.open.append((tag, attributes.get("id") or "", []))
        elif tag in CELL_TAGS and self.open:
            self.open[-1][2].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if not self.open or self.open[-1][0] != tag:
            return
        _, anchor, parts = self.open.pop()
        text = " ".join("".join(parts).split())
        if tag in HEADING_TAGS and anchor:
            self.page.sections.append(Section(anchor, text))
        if text:
            section = len(self.page.sections) - 1
            self.page.blocks.append(Block(text, anchor or self.page.sections[section].anchor, section))

    def handle_data(self, data: str) -> None:
        if not self.skipping and self.open:
            self.open[-1][2].append(data)


def parse_page(page: SearchPage) -> ParsedPage:
    parser = ContentParser(page.title)
    parser.feed(page.html)
    parser.close()
    return parser.page


def is_excluded(url: str) -> bool:
    return any(url.startswith(prefix) for prefix in settings()["exclude"])


def boost_of(url: str) -> float:
    matches = [prefix for prefix in settings()["boost"] if url.startswith(prefix)]
    return settings()["boost"][max(matches, key=len)] if matches else settings()["default_boost"]


def delta_encode(ids: Sequence[int]) -> list[int]:
    return [ids[0], *map(operator.sub, ids[1:], ids[:-1])]


def estimated_size(key: str, deltas: list[int]) -> int:
    """About the bytes of ``"key":[deltas]`` in a shard."""
    return len(key) * 3 + 6 + sum(map(len, map(str, deltas))) + len(deltas)


def shard_count(postings: dict[str, Sequence[int]], target_bytes: int) -> int:
    """A power of two that puts about ``target_bytes`` of JSON in each shard."""
    return shards_for(sum(estimated_size(key, delta_encode(ids)) for key, ids in postings.items()), target_bytes)


def shards_for(size: int, target_bytes: int) -> int:
    return 1 << max(0, math.ceil(math.log2(max(1, size / target_bytes))))


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(data), encoding="utf-8")


def write_shards(folder: Path, postings: dict[str, Sequence[int]], target_bytes: int) -> int:
    """Writes the postings in shards of about ``target_bytes``, keys in sorted order; returns the count.

    One shard's deltas are made at a time, so that memory holds the compact postings and one shard only.
    """
    keys = sorted(postings)
    shards = shards_for(sum(estimated_size(key, delta_encode(postings[key])) for key in keys), target_bytes)
    grouped: list[list[str]] = [[] for _ in range(shards)]
    for key in keys:
        grouped[shard_of(key, shards)].append(key)
    for number, shard_keys in enumerate(grouped):
        write_json(folder / f"{number}.json", {key: delta_encode(postings[key]) for key in shard_keys})
    return shards


def write_chunks(folder: Path, page: int, blocks: Sequence[tuple[Block, Section]], size: int) -> None:
    """The blocks of one page, ``size`` at a time, as ``folder/PAGE.K.json``."""
    for k in range(0, len(blocks), size):
        sections: list[list[str]] = []
        seen: dict[Section, int] = {}
        rows: list[list[Any]] = []
        for block, section in blocks[k : k + size]:
            if section not in seen:
                seen[section] = len(sections)
                sections.append([section.anchor, section.title])
            rows.append([seen[section], block.anchor, block.text])
        write_json(folder / f"{page}.{k // size}.json", {"sections": sections, "blocks": rows})


def parse_cached(page: SearchPage, cache: ResultCache | None, used: set[str]) -> ParsedPage:
    """``parse_page(page)``, from ``cache`` when it holds the same page (keyed by URL, title and HTML)."""
    if cache is None:
        return parse_page(page)
    digest = hashlib.sha256(f"{source_version()}\0{page.url}\0{page.title}\0".encode())
    digest.update(page.html.encode("utf-8", "surrogateescape"))
    key = digest.hexdigest()
    used.add(key)
    parsed = cache.get(key)
    if not isinstance(parsed, ParsedPage):
        parsed = parse_page(page)
        cache.put(key, parsed)
    return parsed


def build_index(
    pages: Iterable[SearchPage], chunks: Path, cache: ResultCache | None = None
) -> tuple[list[list[Any]], dict[str, array[int]], dict[str, array[int]]]:
    """The manifest's pages and the pair and character postings; writes the text chunks into ``chunks``.

    With a ``cache``, each page's parsed text is taken from it when the page has not changed.
    """
    manifest_pages: list[list[Any]] = []
    count = 0  # blocks so far: the number of the next one
    # Arrays of machine integers: a posting costs 4 bytes instead of a pointer and an int object.
    pair_postings: dict[str, array[int]] = defaultdict(lambda: array("i"))
    character_postings: dict[str, array[int]] = defaultdict(lambda: array("i"))
    used: set[str] = set()
    for page in sorted(pages, key=lambda item: item.url):
        if is_excluded(page.url):
            continue
        parsed = parse_cached(page, cache, used)
        manifest_pages.append([page.url, page.title, count, len(parsed.blocks), list(page.tags), boost_of(page.url)])
        for number, block in enumerate(parsed.blocks, start=count):
            pairs, characters = pairs_and_characters(block.text)
            for pair in pairs:
                pair_postings[pair].append(number)
            for character in characters:
                character_postings[character].append(number)
        count += len(parsed.blocks)
        page_blocks = [(block, parsed.sections[block.section]) for block in parsed.blocks]
        write_chunks(chunks, len(manifest_pages) - 1, page_blocks, settings()["blocks_per_chunk"])
    if cache is not None:
        cache.retain(used)
    return manifest_pages, pair_postings, character_postings


def write_index(pages: Iterable[SearchPage], site_dir: Path, cache: ResultCache | None = None) -> dict[str, Any]:
    """Writes ``site_dir/search/{manifest.json,g,u,c}`` and returns the manifest (``cache``: see ``build_index``)."""
    config = settings()
    folder = site_dir / "search"
    for name in ("g", "u", "c"):
        shutil.rmtree(folder / name, ignore_errors=True)
    manifest_pages, pair_postings, character_postings = build_index(pages, folder / "c", cache)
    manifest = {
        "pages": manifest_pages,
        "blocks": sum(page[3] for page in manifest_pages),
        "blocks_per_chunk": config["blocks_per_chunk"],
        "pair_shards": write_shards(folder / "g", pair_postings, config["shard_bytes"]),
        "character_shards": write_shards(folder / "u", character_postings, config["shard_bytes"]),
        "word_characters": config["word_characters"],
        "ranking": config["ranking"],
    }
    write_json(folder / "manifest.json", manifest)
    return manifest
