"""Search pages: the HTML that Markdown rendered in, the blocks of text the index points to out.

Normalisation (NFKC per character, lower case, then the fold of traditional and variant characters of
``fold``, quotation marks and the enumeration commas between Han characters left out) and the pairs of
characters every block is indexed by, with their positions, live here; ``docs/javascripts/search-worker.js``
must do exactly the same in the browser.
"""


from __future__ import annotations

import html
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from build_tools.folding import HAN_RANGES
from build_tools.folding import table as fold_table
from build_tools.holding import Stored, inflated, read, unpacked
from build_tools.resource_files import load_yaml

SETTINGS = "search.yaml"
BLOCK_TAGS = frozenset(
    {"p", "li", "tr", "dt", "dd", "pre", "blockquote", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SKIPPED_TAGS = frozenset({"script", "style"})
# Tags whose start ends an open paragraph (HTML's rule for an omitted </p>)
CLOSES_P = frozenset(
    {"p", "div", "details", "nav", "section", "article", "aside", "table", "ul", "ol", "dl", "pre", "blockquote",
     "hr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "form"}
)
VOID_TAGS = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})
CELL_TAGS = frozenset({"td", "th"})
SEPARATOR = "\x00"  # not a word character: what ``word_table`` makes of everything between runs
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


@dataclass(frozen=True)
class SearchPage:
    """One page as MkDocs rendered it: ``url`` relative to the site root, ``html`` the page content, as
    text or compressed (``holding.packed``), in memory or in a file, as the hook holds pages
    (``build.held_pages``); ``content()`` reads it.

    A report's identity, where its front matter gives it: ``year``, ``place`` (襄阳市), ``level`` (国家, 省,
    市, 区县, 乡镇) and ``province``; the search panel filters on them and ranks a query that names them.
    """

    url: str
    title: str
    html: str | bytes | Stored
    tags: tuple[str, ...] = ()
    year: int | None = None
    place: str | None = None
    level: str | None = None
    province: str | None = None
    code: str | None = None  # the place's administrative code, which orders the panel's lists

    def content(self) -> str:
        """The page's HTML, inflated when it is held compressed (read first when it is stored)."""
        return self.html if isinstance(self.html, str) else unpacked(read(self.html))

    def content_bytes(self) -> bytes:
        """The page's HTML as UTF-8 bytes (what its key digests), without a round trip through text."""
        if isinstance(self.html, str):
            return self.html.encode("utf-8", "surrogateescape")
        return inflated(read(self.html))


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
def skipped_classes() -> frozenset[str]:
    return frozenset(settings()["skipped_classes"])


@cache
def quotation_marks() -> frozenset[str]:
    return frozenset(settings()["quotation_marks"])


@cache
def normalize_character(character: str) -> str:
    folded = fold_table()
    marks = quotation_marks()
    return "".join(folded.get(c, c) for c in unicodedata.normalize("NFKC", character).lower() if c not in marks)


@cache
def list_mark() -> re.Pattern[str]:
    """An enumeration comma between two Han characters (碳达峰、碳中和), left out before the text is normalised."""
    return re.compile(f"(?<=[{HAN_RANGES}])[{re.escape(settings()['list_marks'])}](?=[{HAN_RANGES}])")


def unlisted(text: str) -> str:
    """``text`` without the enumeration commas between Han characters."""
    return list_mark().sub("", text)


def normalize(text: str) -> str:
    """NFKC per character, lower case, folded, without quotation marks nor the enumeration commas between Han
    characters (２０２４年ＧＤＰ becomes 2024年gdp, 我國偉大 我国伟大, “十四五”规划 十四五规划, 碳达峰、碳中和
    碳达峰碳中和)."""
    return "".join(normalize_character(character) for character in unlisted(text))


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

    ``unlisted(text).translate(word_table()).split(SEPARATOR)`` gives the runs of ``runs(normalize(text))`` (and empty
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
    for run in unlisted(text).translate(word_table()).split(SEPARATOR):
        if run:
            characters.update(run)
            pairs.update(map(operator.add, run, run[1:]))
    return pairs, characters


NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*")
NUMBER_START = "#"  # not a word character: with a digit, the key of a number's first digit


def pair_positions(text: str) -> tuple[dict[str, list[int]], set[str]]:
    """Each character pair of the word runs of ``text`` (normalised) with the offsets where it starts in
    the normalised text (runs and the separators between them), and the single characters. A string of
    the text is where its pairs start at consecutive offsets. The first digit of each number is also
    ``NUMBER_START`` + the digit at its offset, so that a query that starts with a number (5%左右) is found
    where a number starts, not inside another (25%左右, 4.5%左右)."""
    positions: dict[str, list[int]] = {}
    characters: set[str] = set()
    offset = 0
    for run in unlisted(text).translate(word_table()).split(SEPARATOR):
        characters.update(run)
        for at in range(len(run) - 1):
            positions.setdefault(run[at : at + 2], []).append(offset + at)
        for match in NUMBER.finditer(run):
            if match.start() == 0 or run[match.start() - 1] != ".":
                positions.setdefault(NUMBER_START + match.group()[0], []).append(offset + match.start())
        offset += len(run) + 1
    return positions, characters


NUMBER_KEY_CHARACTERS = 3


def number_keys(texts: Iterable[str]) -> set[str]:
    """The directory's keys of the numbers in ``texts`` (normalised here): ``=`` and each ending of a
    number that starts with a digit and has at least ``NUMBER_KEY_CHARACTERS`` characters (3.1415 gives
    =3.1415, =1415 and =415), and each ending again with the character that follows the number in its
    word, unless a point (3.1415亿元 also gives =3.1415亿, =1415亿 and =415亿). A query's number that
    another character of its term follows (3.1415亿元) ends a number of the text, followed by that
    character, wherever the query occurs, so only volumes with both its keys can hold it."""
    keys = set()
    for text in texts:
        for run in unlisted(text).translate(word_table()).split(SEPARATOR):
            for match in NUMBER.finditer(run):
                number = match.group()
                after = run[match.end()] if match.end() < len(run) and run[match.end()] != "." else ""
                for start in range(len(number) - NUMBER_KEY_CHARACTERS + 1):
                    if number[start] != ".":
                        keys.add("=" + number[start:])
                        if after:
                            keys.add("=" + number[start:] + after)
    return keys


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
        if self.skipping and self.skipping[0] == "p" and tag in CLOSES_P:
            self.skipping.clear()  # a skipped paragraph whose end tag a minified page leaves out ends here
        if self.skipping or tag in SKIPPED_TAGS or classes & skipped_classes():
            if tag not in VOID_TAGS:  # an element with no end tag would never end the skipping
                self.skipping.append(tag)
            return
        if tag in BLOCK_TAGS:
            self.open.append((tag, attributes.get("id", ""), []))
        elif tag in CELL_TAGS and self.open:
            self.open[-1][2].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:  # and the elements inside it left open (a <p> a minified page never ends)
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
            return
        if not self.open or self.open[-1][0] != tag:
            return
        _, anchor, parts = self.open.pop()
        text = " ".join("".join(parts).split())
        if tag in HEADING_TAGS and anchor:
            self.page.sections.append(Section(anchor, text))
        if text:
            section = len(self.page.sections) - 1
            for piece in pieces(text, settings()["block_characters"]):
                self.page.blocks.append(Block(piece, anchor or self.page.sections[section].anchor, section))

    def handle_data(self, data: str) -> None:
        if not self.skipping and self.open:
            self.open[-1][2].append(data)


SENTENCE_END = re.compile(r"[。！？；!?;]")


def pieces(text: str, limit: int) -> list[str]:
    """``text`` cut after the last end of a sentence before every ``limit`` characters (or at the limit,
    where a sentence runs longer): a paragraph of thousands of characters, as some sources give a whole
    report, becomes blocks that a result can show and rank by themselves."""
    cut = []
    while len(text) > limit:
        ends = [match.end() for match in SENTENCE_END.finditer(text, 0, limit)]
        at = ends[-1] if ends and ends[-1] > limit // 3 else limit
        cut.append(text[:at])
        text = text[at:]
    return [*cut, text] if text else cut


def parse_page(page: SearchPage) -> ParsedPage:
    """The page's sections and blocks; for a page found by its title alone, its title as its one block
    (so that the title's pairs are in the directory of its volume)."""
    parser = ContentParser(page.title)
    parser.feed(f"<h1>{html.escape(page.title)}</h1>" if is_title_only(page.url) else page.content())
    return parser.page


def is_title_only(url: str) -> bool:
    return any(url.startswith(prefix) for prefix in settings()["title_only"])


def is_excluded(url: str) -> bool:
    return any(url.startswith(prefix) for prefix in settings()["exclude"])


def boost_of(url: str) -> float:
    matches = [prefix for prefix in settings()["boost"] if url.startswith(prefix)]
    return settings()["boost"][max(matches, key=len)] if matches else settings()["default_boost"]
