"""Duplicates: each report's place, year and text sketch in, the groups of files that hold one report out.

The same report is often found in several sources (a clean copy and a raw portal page). Two reports
are one when they name the same place and year and their texts nearly coincide: the share of one
text's shingles (runs of ``SHINGLE`` characters, punctuation and spaces ignored) found in the other
reaches ``SAME_TEXT``. A sketch keeps the ``SKETCH_SIZE`` smallest shingle hashes of a text, so that
comparing two reports costs a few hundred numbers (held as 4-byte words, a kilobyte a report, since
the build holds every report's), and only reports of the same place and year are
compared: the cost grows with the archive, not with its square. Different reports of one place and
year (the pieces of a collection) share few shingles and are never merged.

Of a group, the copy published is the most complete (it holds the largest share of the other copies'
shingles), then the one with the fewest anomalies, then one whose path names the report's year, then
the first by source name; the others' text
is compared paragraph by paragraph (``only_in``), so that what only they hold is shown, not dropped.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from build_tools.folding import fold_text
from build_tools.resource_files import load_yaml

SHINGLE = 8
VARIANT_RUN = 1  # characters in a row that two copies of one paragraph may write otherwise (a variant, a typo)
SKETCH_SIZE = 256
SAME_TEXT = 0.6
NOT_WORD = re.compile(r"[\W_]+")
ZERO_FORMS = str.maketrans({"○": "〇", "零": "〇"})  # the zero of a year written three ways (一九五○, 一九五零)


@dataclass(frozen=True)
class Candidate:
    """What duplicate detection needs of one report: its place and year, text sketch, anomalies and source."""

    place: str | None
    year: int | None
    sketch: bytes  # ``sketch``'s numbers
    anomalies: int
    source: str


def normalized(text: str) -> str:
    """``text`` folded (NFKC, traditional and variant characters to simplified) with spaces and punctuation
    removed: what two copies of a report share, whichever script each was written in."""
    return NOT_WORD.sub("", fold_text(unicodedata.normalize("NFKC", text)).translate(ZERO_FORMS))


def sketch(text: str) -> bytes:
    """The ``SKETCH_SIZE`` smallest hashes of the shingles of ``text``, in order, as 4-byte words."""
    folded = normalized(text)
    hashes = {zlib.crc32(folded[i : i + SHINGLE].encode("utf-8")) for i in range(max(1, len(folded) - SHINGLE + 1))}
    return array("I", sorted(hashes)[:SKETCH_SIZE]).tobytes()


def numbers(packed: bytes) -> array[int]:
    """The hashes of a sketch."""
    return array("I", packed)


def containment(packed_a: bytes, packed_b: bytes) -> float:
    """Estimated share of the shingles of ``a``'s text that ``b``'s text holds too.

    Of the smallest hashes of the union of both sketches, those in ``a``'s sketch are a sample of its
    shingles; the share of them in ``b``'s sketch estimates the share of its shingles in ``b``."""
    a, b = numbers(packed_a), numbers(packed_b)
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    set_a, set_b = set(a), set(b)
    limit = union[-1]
    sample = [value for value in union if value in set_a and value <= limit]
    return sum(value in set_b for value in sample) / len(sample) if sample else 0.0


def same_report(a: Candidate, b: Candidate) -> bool:
    return max(containment(a.sketch, b.sketch), containment(b.sketch, a.sketch)) >= SAME_TEXT


def duplicate_groups(candidates: Sequence[Candidate]) -> list[list[int]]:
    """Groups (indices into ``candidates``, the published copy first) of two or more reports that are one;
    reports of unknown place or year are never grouped."""
    by_key: dict[tuple[str, int], list[int]] = defaultdict(list)
    for number, candidate in enumerate(candidates):
        if candidate.place is not None and candidate.year is not None:
            by_key[(candidate.place, candidate.year)].append(number)
    groups = []
    for members in by_key.values():
        pending = list(members)
        while len(pending) > 1:
            first = pending.pop(0)
            group = [first] + [n for n in pending if same_report(candidates[first], candidates[n])]
            pending = [n for n in pending if n not in group]
            if len(group) > 1:
                groups.append(ordered(group, candidates))
    return sorted(groups)


def ordered(group: list[int], candidates: Sequence[Candidate]) -> list[int]:
    """``group`` with the copy to publish first: most complete, fewest anomalies, first source name."""

    def completeness(number: int) -> float:
        others = [n for n in group if n != number]
        return sum(containment(candidates[n].sketch, candidates[number].sketch) for n in others) / len(others)

    def named_for_it(number: int) -> bool:
        """Whether the file's path names the report's year: a copy filed where it belongs (national/2024.txt)
        rather than under another name (city/台州.txt holding the State Council's report)."""
        candidate = candidates[number]
        return str(candidate.year) in candidate.source

    return sorted(
        group,
        key=lambda n: (-round(completeness(n), 2), candidates[n].anomalies, not named_for_it(n), candidates[n].source),
    )


def only_in(other: Sequence[str], published: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
    """The paragraphs of ``other`` that hold text the ``published`` copy does not hold anywhere, by their
    index: the spans of each (start, end in its characters) that only ``other`` has."""
    whole = normalized("".join(published))
    return {n: spans for n, text in enumerate(other) if (spans := missing_spans(whole, text))}


def missing_spans(whole: str, text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that ``whole`` (``normalized``) does not hold, but for a character written
    otherwise here and there (the variant 啣 for 衔, 擧 for 举, a typo such as 货款 for 贷款; two are a word of
    another meaning, 增长 for 下降, or one left out, 环境保护 for 环境污染): the runs of more than
    ``VARIANT_RUN`` of its characters that no run of ``SHINGLE`` characters found in ``whole`` covers, and
    any such run that holds a digit (a figure written otherwise is another figure) or a negation (基本未完成 for
    基本完成: ``negations``).
    A text too short to tell is held only as a whole."""
    key, where = normalized_positions(text)
    if not key or key in whole:
        return []
    if len(key) < 2 * SHINGLE:
        return [(where[0], where[-1] + 1)]
    covered = [False] * len(key)
    for start in range(len(key) - SHINGLE + 1):
        if key[start : start + SHINGLE] in whole:
            covered[start : start + SHINGLE] = [True] * SHINGLE
    spans, start = [], None
    for position, held in enumerate([*covered, True]):
        if not held and start is None:
            start = position
        elif held and start is not None:
            figure = any(character.isdigit() for character in key[start:position])  # 5.31亿吨 for 53082万吨
            negation = any(character in negations() for character in key[start:position])  # 基本未完成 for 基本完成
            telling = position - start > VARIANT_RUN or figure or negation
            if telling and not variant_at_an_end(whole, key, start, position):
                spans.append((where[start], where[position - 1] + 1))
            start = None
    return spans


@cache
def negations() -> frozenset[str]:
    """The characters that turn a sentence's meaning round (``negations`` in ``resources/settings.yaml``)."""
    return frozenset(str(load_yaml("settings.yaml")["negations"]))


def variant_at_an_end(whole: str, key: str, start: int, end: int) -> bool:
    """Whether the run ``key[start:end]``, which no shingle covers, is the end (or the start) of ``key``
    written as ``whole`` writes it but for at most ``VARIANT_RUN`` characters: a variant fewer than
    ``SHINGLE`` characters from an end leaves the characters after it in no shingle of their own. The run
    is compared character for character with what follows (or precedes) each place ``whole`` holds the
    shingle before (or after) it."""
    if end == len(key) and start >= SHINGLE:
        anchor, run = key[start - SHINGLE : start], key[start:end]
        places = [at + SHINGLE for at in occurrences(whole, anchor)]
    elif start == 0 and end + SHINGLE <= len(key):
        anchor, run = key[end : end + SHINGLE], key[start:end]
        places = [at - len(run) for at in occurrences(whole, anchor) if at >= len(run)]
    else:
        return False
    return any(differing(run, whole[at : at + len(run)]) <= VARIANT_RUN for at in places)


def occurrences(whole: str, part: str, most: int = 16) -> list[int]:
    """Where ``whole`` holds ``part``: its first ``most`` places."""
    found, at = [], whole.find(part)
    while at >= 0 and len(found) < most:
        found.append(at)
        at = whole.find(part, at + 1)
    return found


def differing(one: str, other: str) -> int:
    """How many characters of ``one`` differ from ``other`` at the same place (all, where lengths differ)."""
    if len(one) != len(other):
        return len(one)
    return sum(a != b for a, b in zip(one, other, strict=True))


def normalized_positions(text: str) -> tuple[str, list[int]]:
    """``normalized(text)`` character by character, with the position in ``text`` each comes from."""
    characters, where = [], []
    for position, character in enumerate(text):
        for folded in fold_text(unicodedata.normalize("NFKC", character)).translate(ZERO_FORMS):
            if not NOT_WORD.fullmatch(folded):
                characters.append(folded)
                where.append(position)
    return "".join(characters), where
