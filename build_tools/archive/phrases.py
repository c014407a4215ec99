"""Tracked phrases across reports: how the vocabulary moves from year to year, place by place.

In: the text of one report (``phrase_counts``, in the report's worker) → a small ``PhraseUse`` record (its
place, year, level, length and the tracked phrases it uses, bounded by the number of tracked phrases).
Out, from the records alone (in the main process): each report's predecessor (``predecessors``: the same
place, the latest earlier year in the archive), the phrases new in a report and those it dropped
(``changes``), and each phrase's use per year and level (``usage``).

The tracked phrases (``tracked_phrases``) are every topic of ``resources/tags/topics.txt`` — the tags'
vocabulary, chosen from the corpus's nouns and terms that three or more reports use and no more than 85% of
them, none generic — and every term of the glossary (``resources/glossary.yaml``), each with its other forms
(规模以上工业 counts for 规上工业). A use is an occurrence of a form in the text that is whole words of it
(segmentation around it finds no word across its ends: 优化工作 holds no 化工), longest form first, so
生活垃圾分类 is not counted again as 垃圾分类.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from sys import intern
from typing import Any

from build_tools.archive.catalogue import level_rank
from build_tools.model import shared_words
from build_tools.report.glossary import shared_glossary
from build_tools.report.segmenting import in_a_word_of_another, read_topics, shared_segmenter

PlaceKey = tuple[str, ...]
WORD_CONTEXT = 8  # characters each side of a use that segmentation reads to find its words


@dataclass(frozen=True)
class PhraseUse:
    """What one report says of the tracked phrases: (phrase, uses) for each it uses, by phrase."""

    slug: str
    title: str
    place: PlaceKey
    year: int | None
    level: str | None
    characters: int
    counts: tuple[tuple[str, int], ...]
    code: str | None = None  # the place's administrative code: users are listed in its order
    first_lines: tuple[tuple[str, int], ...] = ()  # (phrase, line of the paragraph of its first use) in the report
    # the two as mappings, made once a record (a phrase's page looks up its 60 reports' each)
    count_map: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)
    line_map: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "count_map", dict(self.counts))
        object.__setattr__(self, "line_map", dict(self.first_lines))

    @property
    def phrases(self) -> frozenset[str]:
        return frozenset(phrase for phrase, _ in self.counts)

    def count_of(self, phrase: str) -> int:
        """How often the report uses ``phrase``."""
        return self.count_map.get(phrase, 0)

    def line_of(self, phrase: str) -> int | None:
        """The source line of the paragraph of the report's first use of ``phrase``, where it is known."""
        return self.line_map.get(phrase)

    def __reduce__(self) -> tuple[Callable[..., PhraseUse], tuple[Any, ...]]:
        """Pickled as its fields, read back by ``read_back``."""
        fields = (
            self.slug, self.title, self.place, self.year, self.level, self.characters, self.counts, self.code,
            self.first_lines,
        )
        return read_back, fields


def read_back(
    slug: str, title: str, place: PlaceKey, year: int | None, level: str | None, characters: int,
    counts: tuple[tuple[str, int], ...], code: str | None = None, first_lines: tuple[tuple[str, int], ...] = (),
) -> PhraseUse:
    """A record unpickled (from the cache, or from a worker) with its names of phrases, places and levels
    shared with every other record's: each record read back would otherwise hold copies of its own, half
    its size, and the build holds every report's."""
    shared = tuple([(intern(phrase), count) for phrase, count in counts])
    lines = tuple([(intern(phrase), line) for phrase, line in first_lines])
    return PhraseUse(slug, title, shared_words(place), year, shared_words(level), characters, shared, code, lines)


PHRASE_FIELDS = ("report", "phrase", "uses", "first_line")


def phrase_rows(use: PhraseUse) -> bytes:
    """The rows of ``use`` in the download of every report's phrases (``PHRASE_FIELDS``: the report's page name,
    the phrase, its uses, the source line of the paragraph of its first use, empty where it is only in a copy)."""
    rows = [(use.slug, phrase, uses, use.line_of(phrase) or "") for phrase, uses in use.counts]
    if any(mark in use.slug for mark in ',"\r\n'):  # a name CSV must quote (the phrases are the resources' words)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode("utf-8")
    return "".join(f"{slug},{phrase},{uses},{line}\r\n" for slug, phrase, uses, line in rows).encode("utf-8")


@dataclass(frozen=True)
class Changes:
    """The tracked phrases of a report against its predecessor: ``new`` (with their uses) and ``dropped``
    (with their uses in the predecessor), most used first."""

    report: PhraseUse
    before: PhraseUse
    new: tuple[tuple[str, int], ...]
    dropped: tuple[tuple[str, int], ...]


@dataclass
class Use:
    """One phrase in the reports of one level and year: how many use it, and how often."""

    reports: int = 0
    mentions: int = 0


@cache
def tracked_phrases() -> dict[str, tuple[str, ...]]:
    """Every tracked phrase → its forms (the phrase first): the topics, then the glossary's terms."""
    phrases: dict[str, list[str]] = defaultdict(list)
    for form, topic in read_topics().items():
        phrases[topic].append(form)
    for term in shared_glossary().terms:
        for form in term.forms:
            if form not in phrases[term.term]:
                phrases[term.term].append(form)
    return {phrase: tuple(forms) for phrase, forms in phrases.items()}


@cache
def forms_longest_first() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every form of a tracked phrase with the phrases it is a form of (河长制: the topic 河湖长制 and the
    glossary's 河长制), longest form first."""
    phrases: dict[str, list[str]] = defaultdict(list)
    for phrase, forms in tracked_phrases().items():
        for form in forms:
            phrases[form].append(phrase)
    return tuple(sorted(((form, tuple(of)) for form, of in phrases.items()), key=lambda pair: (-len(pair[0]), pair[0])))


def phrase_counts(text: str) -> tuple[tuple[str, int], ...]:
    """(phrase, uses) of every tracked phrase ``text`` uses, by phrase (``phrase_uses``)."""
    return phrase_uses(text)[0]


def phrase_uses(text: str) -> tuple[tuple[tuple[str, int], ...], dict[str, int]]:
    """(phrase, uses) of every tracked phrase ``text`` uses, by phrase, and where in ``text`` each is first used;
    a longer form hides the shorter ones inside it, a form of several phrases counts for each, and a form is used
    only where it is words of the text (``is_words``: 化工 is not in 优化工作, 高铁 not in 提高铁路)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    cut = shared_segmenter().segment
    for form, phrases in forms_longest_first():
        if form not in text:
            continue
        starts = [
            start
            for start in occurrences(text, form)
            if is_words(text, start, start + len(form), cut) and not in_a_word_of_another(text, start, form)
        ]
        if starts:
            for phrase in phrases:
                counts[phrase] = counts.get(phrase, 0) + len(starts)
                first[phrase] = min(first.get(phrase, starts[0]), starts[0])
            pieces, last = [], 0
            for start in starts:  # hidden by as many characters, so that where later forms stand stays true
                pieces += [text[last:start], "\0" * len(form)]
                last = start + len(form)
            text = "".join(pieces) + text[last:]
    return tuple(sorted(counts.items())), first


def occurrences(text: str, form: str) -> Iterator[int]:
    """Where ``form`` starts in ``text``, occurrences not overlapping, as ``str.count`` counts them."""
    start = text.find(form)
    while start >= 0:
        yield start
        start = text.find(form, start + len(form))


def is_words(text: str, start: int, end: int, cut: Callable[[str], list[str]]) -> bool:
    """Whether ``text[start:end]`` is words of ``text`` as segmentation reads the characters around it
    (``WORD_CONTEXT`` each side): not when words of the text run across both its ends and one of them holds
    only one of its characters (优化/工作 has no 化工, 各种/业余 no 种业, 提高/铁路 no 高铁). Across one end is
    still a use (深化改革/开放 has 改革开放, 市场/经济体制 市场经济, and segmentation glues the first character of a
    name to the one before it: 县县通高/铁), and so is a word across both holding two or more characters on
    each side (食品药品/安全监管 has 药品安全)."""
    low = max(0, start - WORD_CONTEXT)
    at, across = low, []
    for word in cut(text[low : min(len(text), end + WORD_CONTEXT)]):
        first, at = at, at + len(word)
        if first < start < at < end:
            across.append(at - start)
        elif start < first < end < at:
            across.append(end - first)
    return len(across) < 2 or min(across) >= 2


def predecessors(uses: Iterable[PhraseUse]) -> dict[str, PhraseUse]:
    """Each report's predecessor by its page name: the report of the same place with the latest earlier
    year. Reports of no known year or place have none."""
    by_place: dict[PlaceKey, list[PhraseUse]] = defaultdict(list)
    for use in uses:
        if use.year is not None and use.place:
            by_place[use.place].append(use)
    found: dict[str, PhraseUse] = {}
    for reports in by_place.values():
        reports.sort(key=lambda use: (use.year or 0, use.slug))
        for before, after in pairwise(reports):
            if before.year != after.year:
                found[after.slug] = before
            elif before.slug in found:  # two reports of one year (two sources kept apart) share a predecessor
                found[after.slug] = found[before.slug]
    return found


def changes(report: PhraseUse, before: PhraseUse) -> Changes:
    """The tracked phrases ``report`` uses and ``before`` did not, and the other way round."""
    ours, theirs = dict(report.counts), dict(before.counts)
    new = sorted(((p, n) for p, n in ours.items() if p not in theirs), key=lambda item: (-item[1], item[0]))
    dropped = sorted(((p, n) for p, n in theirs.items() if p not in ours), key=lambda item: (-item[1], item[0]))
    return Changes(report, before, tuple(new), tuple(dropped))


@dataclass(frozen=True)
class Usage:
    """Every tracked phrase's use: ``totals`` (level, year) → (reports, characters) of the archive;
    ``phrases`` phrase → (level, year) → its ``Use``; ``first`` phrase → the earliest year it is used at
    each level; ``users`` phrase → the reports that use it, newest first (by title within a year)."""

    totals: Mapping[tuple[str, int], tuple[int, int]]
    phrases: Mapping[str, Mapping[tuple[str, int], Use]]
    users: Mapping[str, Sequence[PhraseUse]]

    def first_year(self, phrase: str, level: str) -> int | None:
        years = [year for (at, year) in self.phrases.get(phrase, {}) if at == level]
        return min(years, default=None)

    def missing_before(self, year: int, level: str) -> tuple[int, int] | None:
        """The years (first, last) between ``year`` and the archive's report of ``level`` before it that the
        archive has no report of that level for (乡村振兴's first national use is 2019's: 2018's is missing);
        None when the year before it is there, or no report comes before it."""
        earlier = [at_year for (at, at_year) in self.totals if at == level and at_year < year]
        if not earlier or max(earlier) == year - 1:
            return None
        return max(earlier) + 1, year - 1


def newest_first(use: PhraseUse) -> tuple[int, int, str, str]:
    """Newest year first; within a year by level, then in the order of the places' administrative codes."""
    return -(use.year or 0), level_rank(use.level), use.code or "999999", use.title


def usage(uses: Iterable[PhraseUse], unknown_level: str) -> Usage:
    """One pass over the records: the totals per level and year, and each phrase's use there. Reports of
    no known year count only among a phrase's users."""
    totals: dict[tuple[str, int], tuple[int, int]] = {}
    phrases: dict[str, dict[tuple[str, int], Use]] = defaultdict(dict)
    users: dict[str, list[PhraseUse]] = defaultdict(list)
    for use in sorted(uses, key=newest_first):  # sorted once here, not once for each phrase
        for phrase, _ in use.counts:
            users[phrase].append(use)
        if use.year is None:
            continue
        key = (use.level or unknown_level, use.year)
        reports, characters = totals.get(key, (0, 0))
        totals[key] = (reports + 1, characters + use.characters)
        for phrase, count in use.counts:
            found = phrases[phrase].setdefault(key, Use())
            found.reports += 1
            found.mentions += count
    return Usage(totals, phrases, users)
