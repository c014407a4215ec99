"""Search index: the site's rendered pages in, a sharded character-pair index under ``site/search/`` out.

In: ``SearchPage`` records (URL, title, tags and the HTML that Markdown rendered), one per page, as the
MkDocs hook sees them. Out: files written by ``write_index(pages, site_dir)``:

- ``search/manifest.json``: the pages (URL, title, number of its first paragraph, paragraphs, tags,
  boost, key), the shard counts and the ranking settings of ``resources/search.yaml``;
- ``search/g/N.txt``: character pairs → the paragraphs that contain them. For each page with keys in
  the shard, a line ``@PAGE`` (its place in the manifest), then one line per key,
  ``KEY<tab>DELTAS``: the page's own paragraph numbers, delta-encoded;
- ``search/u/N.txt``: the same for single characters, used only by one-character queries;
- ``search/c/KEY.K.json``: the text of the paragraphs of the page with that key, a few at a time, with
  their section.

Built for rebuilds: each page's part (its lines per shard, its chunks) is made once per version of the
page and cached, a shard is the concatenation of the pages' parts, a shard that changed pages touch is
their previous text with those pages' parts replaced (the other pages are not read), and a file whose
bytes were already written to the folder by the previous build is not written again.

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
import html
import json
import math
import operator
import os
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from build_tools.cache import ResultCache, source_version
from build_tools.forked import Forked
from build_tools.pipeline import MIN_FILES_FOR_POOL, pool_context, worker_count
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
    return key_hash(key) % shards


@cache  # keys repeat across pages: a site has far fewer distinct keys than lines
def key_hash(key: str) -> int:
    value = FNV_OFFSET
    for character in key:
        value = ((value ^ ord(character)) * FNV_PRIME) & 0xFFFFFFFF
    return value


# The HTML of a page as tokens: comments and declarations, a start or end tag (slash, name, attributes),
# text, or a "<" that opens no tag. Pages are the HTML that Markdown and the project write.
HTML_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|([^<]+)|<",
    re.S,
)
HTML_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag (its text after the name), names lower-cased, values unescaped."""
    found = {}
    for match in HTML_ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in {'"', "'"}:
            value = value[1:-1]
        found[match.group(1).lower()] = html.unescape(value)
    return found


class ContentParser:
    """Splits rendered page HTML into sections (at headings with an id) and blocks of plain text.

    Reads the tokens of ``HTML_TOKEN``, as the standard library's ``HTMLParser`` would give them to its
    handlers (tag names lower-cased, text and attribute values unescaped) but several times faster; a
    test checks the two give the same blocks.
    """

    def __init__(self, title: str) -> None:
        self.page = ParsedPage([Section("", title)])
        self.open: list[tuple[str, str, list[str]]] = []
        self.skipping: list[str] = []

    def feed(self, text: str) -> None:
        for token in HTML_TOKEN.finditer(text):
            closing, name, attribute_text, data = token.groups()
            if data is not None:
                self.handle_data(html.unescape(data) if "&" in data else data)
            elif name is not None:
                tag = name.lower()
                if closing:
                    self.handle_endtag(tag)
                    continue
                self.handle_starttag(tag, attributes(attribute_text) if "=" in attribute_text else {})
                if attribute_text.rstrip().endswith("/"):
                    self.handle_endtag(tag)
            elif token.group() == "<":
                self.handle_data("<")

    def handle_starttag(self, tag: str, attributes: dict[str, str]) -> None:
        classes = set(attributes.get("class", "").split())
        if self.skipping or tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            self.skipping.append(tag)
            return
        if tag in BLOCK_TAGS:
            self.open.append((tag, attributes.get("id", ""), []))
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
    return parser.page


def is_excluded(url: str) -> bool:
    return any(url.startswith(prefix) for prefix in settings()["exclude"])


def boost_of(url: str) -> float:
    matches = [prefix for prefix in settings()["boost"] if url.startswith(prefix)]
    return settings()["boost"][max(matches, key=len)] if matches else settings()["default_boost"]


def delta_encode(ids: Sequence[int]) -> list[int]:
    return [ids[0], *map(operator.sub, ids[1:], ids[:-1])]


def shards_for(size: int, target_bytes: int) -> int:
    """A power of two that puts about ``target_bytes`` in each shard of an index of ``size`` bytes."""
    return 1 << max(0, math.ceil(math.log2(max(1, size / target_bytes))))


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


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


@dataclass(frozen=True)
class IndexedPage:
    """One page's part of the index, made once per version of the page and cached.

    ``pair_lines`` and ``character_lines`` hold one line per key, ``KEY<tab>DELTAS``: the page's own
    paragraph numbers that contain the key, delta-encoded (``产量\t0,3,1``). ``chunks`` are the JSON
    texts of ``c/KEY.K.json``. Plain strings, not dicts: a page costs a few of them.
    """

    summary: PageSummary
    pair_lines: str
    character_lines: str
    chunks: tuple[str, ...]


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
    pair_ids: dict[str, list[int]] = defaultdict(list)
    character_ids: dict[str, list[int]] = defaultdict(list)
    for number, block in enumerate(parsed.blocks):
        pairs, characters = pairs_and_characters(block.text)
        for pair in pairs:
            pair_ids[pair].append(number)
        for character in characters:
            character_ids[character].append(number)
    blocks = [(block, parsed.sections[block.section]) for block in parsed.blocks]
    pair_lines, character_lines = encoded(pair_ids), encoded(character_ids)
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
    )
    return IndexedPage(summary, pair_lines, character_lines, chunks)


def index_and_store(page: SearchPage, key: str, store: tuple[Path, str] | None) -> IndexedPage | PageSummary:
    """``index_page``; in a worker (``store``: the cache's folder and version), the part goes to the
    cache and only its summary comes back."""
    indexed = index_page(page)
    if store is None:
        return indexed
    cache = ResultCache(store[0], store[1], remember=False)
    cache.put(key, indexed)
    cache.put(key + ".s", indexed.summary)
    return indexed.summary


def index_key(page: SearchPage) -> str:
    """The cache key of ``page``'s part of the index: its URL, title, tags and HTML, and the code's version."""
    digest = hashlib.sha256(f"{source_version()}\0{page.url}\0{page.title}\0{page.tags}\0".encode())
    digest.update(page.html.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# The pages handed to forked indexing workers, which find them here (so that they are not pickled).
PAGES_TO_INDEX: list[tuple[SearchPage, str]] = []


def index_handed(number: int, store: tuple[Path, str] | None) -> IndexedPage | PageSummary:
    page, key = PAGES_TO_INDEX[number]
    return index_and_store(page, key, store)


def indexing_pool(
    pages: Sequence[tuple[SearchPage, str]], store: tuple[Path, str] | None
) -> tuple[ProcessPoolExecutor, Iterator[IndexedPage | PageSummary]] | None:
    """Forked workers started on ``index_and_store`` of each page (``(page, key)``), and their results
    in order; ``None`` when the pages are too few for workers, or this process cannot or could not fork."""
    workers = worker_count(len(pages))
    context = pool_context()
    if workers <= 1 or len(pages) < MIN_FILES_FOR_POOL or context.get_start_method() != "fork":
        return None
    PAGES_TO_INDEX[:] = pages
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        return pool, pool.map(index_handed, range(len(pages)), [store] * len(pages), chunksize=4)
    except OSError:  # no process to be had: the caller indexes the pages itself
        pool.shutdown(wait=False, cancel_futures=True)
        PAGES_TO_INDEX.clear()
        return None


def index_pages(
    pages: Sequence[tuple[SearchPage, str]], cache: ResultCache | MemoryStore
) -> Iterator[IndexedPage | PageSummary]:
    """Each page's part (``(page, key)``), in order; in a pool of processes when there are many and it can
    fork, whose workers store the parts in ``cache`` themselves and give back only their summaries."""
    started = indexing_pool(pages, (cache.folder, cache.version) if isinstance(cache, ResultCache) else None)
    if started is None:
        yield from (index_and_store(page, key, None) for page, key in pages)
        return
    pool, results = started
    try:
        with pool:
            yield from results
    finally:
        PAGES_TO_INDEX.clear()


class IndexingAhead:
    """Pages indexed while the site's templates are rendered: ``start`` hands the pages whose parts the
    cache lacks to forked workers, which store the parts there; ``wait`` returns once they are done, and
    the index then finds every part in the cache. Nothing starts unless the cache can be written and
    processes can be forked; whatever is not done ahead is indexed when the index is written."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.results: Iterator[PageSummary | IndexedPage] = iter(())

    def start(self, pages: Iterable[SearchPage], cache: ResultCache | None) -> int:
        """Starts indexing the pages of ``pages`` the index will need and ``cache`` lacks; how many."""
        self.wait()
        if cache is None or not cache.is_writable():
            return 0
        wanted = [(page, index_key(page)) for page in pages if not is_excluded(page.url)]
        missing = [(page, key) for page, key in wanted if not cache.has(key + ".s")]
        started = indexing_pool(missing, (cache.folder, cache.version))
        if started is None:
            return 0
        self.pool, self.results = started
        return len(missing)

    def wait(self) -> None:
        """Returns once the pages started are indexed (or their workers failed: they are indexed later)."""
        if self.pool is None:
            return
        try:
            for _ in self.results:
                pass
        except Exception:  # a worker that died or failed: what it left undone is indexed by ``write_index``
            pass
        finally:
            self.pool.shutdown(cancel_futures=True)
            self.pool, self.results = None, iter(())
            PAGES_TO_INDEX.clear()


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


class PageIndexes:
    """Each page's part of the index, cached under a key made of its URL, title, tags and HTML, in
    entries that are read separately: ``KEY.s`` its ``PageSummary``, ``KEY`` its lines and chunks (an
    ``IndexedPage``), ``KEY.f0`` and ``KEY.f1`` its pair and its character fragments for the shard
    count last asked for (which changes only when the index grows past a power of two). Only one
    page's parts are in memory at a time."""

    def __init__(self, cache: ResultCache | None) -> None:
        # parts are read back from the cache: one that cannot store them is replaced by memory
        usable = cache is not None and cache.is_writable()
        self.cache: ResultCache | MemoryStore = cache if cache is not None and usable else MemoryStore()
        self.used: set[str] = set()
        self.last: tuple[str, IndexedPage] | None = None  # the page read last: its fragments are asked for together

    def summaries(self, pages: Sequence[SearchPage | tuple[str, str]]) -> list[tuple[str, PageSummary]]:
        """Each page's key and summary; the pages not cached are indexed (in a pool of processes) and stored.

        A page given as ``(url, key)`` was not rendered again: its parts must be in the cache already.
        """
        keys = [index_key(page) if isinstance(page, SearchPage) else page[1] for page in pages]
        self.used.update(key + suffix for key in keys for suffix in ("", ".s", ".f0", ".f1"))
        found = [self.cache.get(key + ".s") for key in keys]
        missing = [number for number, summary in enumerate(found) if not isinstance(summary, PageSummary)]
        lost = [pages[n][0] for n in missing if not isinstance(pages[n], SearchPage)]
        if lost:
            raise LookupError(f"the index of {', '.join(map(str, lost))} is no longer cached")
        made = index_pages([(page, keys[n]) for n in missing if isinstance(page := pages[n], SearchPage)], self.cache)
        for number, part in zip(missing, made, strict=True):
            if isinstance(part, IndexedPage):  # made here: stored here
                self.cache.put(keys[number], part)
                self.cache.put(keys[number] + ".s", part.summary)
                part = part.summary
            found[number] = part
        return [(key, summary) for key, summary in zip(keys, found, strict=True) if isinstance(summary, PageSummary)]

    def page(self, key: str) -> IndexedPage:
        if self.last is not None and self.last[0] == key:
            return self.last[1]
        page = self.cache.get(key)
        if not isinstance(page, IndexedPage):
            raise LookupError(f"the index entry {key} is no longer cached")
        self.last = (key, page)
        return page

    def stored_fragments(self, key: str, which: int, count: int) -> Fragments | None:
        stored = self.cache.get(f"{key}.f{which}")
        if isinstance(stored, tuple) and stored[0] == count:
            return stored[1]
        return None

    def fragments(self, key: str, which: int, count: int) -> Fragments:
        """The page's pair (``which`` 0) or character (1) fragments for ``count`` shards."""
        stored = self.stored_fragments(key, which, count)
        if stored is not None:
            return stored
        page = self.page(key)
        made = fragments(page.character_lines if which else page.pair_lines, count)
        self.cache.put(f"{key}.f{which}", (count, made))
        return made

    def both_fragments(self, key: str, counts: tuple[int, int]) -> tuple[Fragments, Fragments]:
        return self.fragments(key, 0, counts[0]), self.fragments(key, 1, counts[1])

    def finish(self) -> None:
        self.cache.retain(self.used)


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
    changed = changed_shards(summaries, counts, previous, indexes) if writer.previous else None
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
