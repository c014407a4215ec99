"""Tags and keywords: the topics one report shares with others, and the words that are its own.

In: the cleaned text of one report (``str``). Out: ``Keywords``: 5–10 ``tags`` and up to eight ``keywords``.

- A **tag** connects reports: a topic of ``topics.txt`` (乡村振兴, 新能源汽车, 低空经济), a subject several
  reports share, never a word every report uses. The report's topics are ranked by tf × idf, those it
  repeats first; those it names once only make up five; one naming fewer is filled up with its best words that
  three or more reference reports use (but no more than a quarter of them).
- A **keyword** is the report's own (猕猴桃, 五粮液): no topic, a candidate word (below) of no more than 5%
  of the reference reports that it repeats, each time as a word of its own (not 化硅 of 巨化硅氟, nor a piece of a
  tag), or a term of the genre it names once (日光温室), ranked by tf × idf. Its page shows them under the title.

Resources in ``build_tools/resources/tags/``: ``topics.txt`` (a topic per line, with its other forms);
``userdict.txt``, multi-word terms of the genre in jieba's user-dictionary format (``word [freq] [pos]``), kept
whole like the topics (the search segmenter loads it too); ``stopwords.txt``, the genre's generic words (发展, 建设);
``idf.tsv``, document frequencies from real reports (``build_tools/report/idf.py``); ``place_suffixes.txt``,
suffixes of place names (县, 区, 路…), to keep places out.

Segmentation (``segmenting``) uses its own ``rjieba.Jieba`` instance, so changes to jieba's global dictionary, as
Material's search plugin makes, cannot change the tags. A word is a candidate when its part of speech in jieba's
dictionary (or the user dictionary) is a noun or a term, it has two or more Han characters, and it is not a
number, a stop word or a place (a dictionary place name without its 县/市/区, or a word the report writes with a
place suffix). Words that jieba's HMM guesses, absent from both dictionaries, are mostly names of people, firms
and villages, so they are left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from build_tools.folding import HAN_RANGES
from build_tools.report.segmenting import (
    RESOURCE_DIR,
    Segmenter,
    UserTerm,
    read_topics,
    read_user_terms,
    shared_segmenter,
)

STOPWORDS_PATH = RESOURCE_DIR / "stopwords.txt"
IDF_PATH = RESOURCE_DIR / "idf.tsv"
PLACE_SUFFIXES_PATH = RESOURCE_DIR / "place_suffixes.txt"


def jieba_dictionary_path() -> Path:
    """jieba's own dictionary file, found without importing jieba (whose import loads ``pkg_resources``)."""
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).resolve().parent / "dict.txt"


JIEBA_DICT_PATH = jieba_dictionary_path()

MIN_TAGS, MAX_TAGS = 5, 10
MIN_WORD_LENGTH = 2
# Parts of speech (jieba's tag set) that can name a topic: nouns, other proper terms, and user terms.
TOPIC_POS = frozenset({"n", "nz"})
# A word used by more than this share of the reference reports says little about any one of them.
MAX_DOCUMENT_SHARE = 0.25
# A word used by no more than this share of the reference reports can be one report's own keyword.
MAX_KEYWORD_SHARE = 0.05
MAX_KEYWORDS = 8
PLACE_POS = "ns"
# Candidates are ranked in tiers: words the report repeats, then words it names once, then common words.
MIN_REPEATS = 2
REPEATED_TIER, SINGLE_TIER, COMMON_TIER = 0, 1, 2

HAN_WORD = re.compile(f"[{HAN_RANGES}]+")
NUMERAL_CHARACTERS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿点半几多余第")


def read_word_list(path: Path) -> frozenset[str]:
    """Words one per line; ``#`` starts a comment, blank lines are ignored."""
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for word in words if word)


def read_dictionary_pos(path: Path = JIEBA_DICT_PATH) -> dict[str, str]:
    """The part of speech of every word of a jieba dictionary file (``word freq pos`` per line)."""
    pos: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3:
                pos[parts[0]] = parts[2]
    return pos


@dataclass(frozen=True)
class PlaceSuffix:
    """A suffix of place names; ``division`` marks those of administrative divisions (县, 市, 区)."""

    suffix: str
    division: bool


def read_place_suffixes(path: Path = PLACE_SUFFIXES_PATH) -> list[PlaceSuffix]:
    """Suffixes one per line, ``division`` after a space for administrative ones; ``#`` starts a comment."""
    suffixes: list[PlaceSuffix] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            suffixes.append(PlaceSuffix(fields[0], fields[1:] == ["division"]))
    return suffixes


def place_stems(pos: Mapping[str, str], suffixes: Iterable[PlaceSuffix]) -> frozenset[str]:
    """Bare names of the dictionary's places: 射阳 for 射阳县 (stems of two or more characters only)."""
    endings = tuple(item.suffix for item in suffixes if item.division)
    stems: set[str] = set()
    for word, tag in pos.items():
        if tag != PLACE_POS:
            continue
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_WORD_LENGTH:
                stems.add(word[: -len(ending)])
    return frozenset(stems)


@dataclass(frozen=True)
class WordClasses:
    """What the tagger asks of the dictionaries' parts of speech (jieba's, then the user dictionary's):
    ``topic``, the words that can name a topic (nouns and terms); ``not_places``, the words that end in a
    place suffix but are no place (工业区); ``place_stems``, the bare names of places (射阳 for 射阳县);
    ``genre_terms``, the words of the user dictionary (日光温室, 沼气池), the genre's terms.

    Four sets rather than the whole table of 350,000 words: they load several times faster."""

    topic: frozenset[str]
    not_places: frozenset[str]
    place_stems: frozenset[str]
    genre_terms: frozenset[str] = frozenset()

    @classmethod
    def of(cls, pos: Mapping[str, str], user_terms: Iterable[UserTerm], suffixes: Sequence[PlaceSuffix]) -> WordClasses:
        user_terms = tuple(user_terms)
        merged = dict(pos)
        merged.update((term.word, term.pos) for term in user_terms)
        endings = tuple(item.suffix for item in suffixes)
        return cls(
            topic=frozenset(word for word, tag in merged.items() if tag in TOPIC_POS),
            not_places=frozenset(word for word, tag in merged.items() if tag != PLACE_POS and word.endswith(endings)),
            place_stems=place_stems(pos, suffixes),
            genre_terms=frozenset(term.word for term in user_terms),
        )

    @classmethod
    def from_resources(cls) -> WordClasses:
        return cls.of(read_dictionary_pos(), read_user_terms(), read_place_suffixes())


def is_number(word: str) -> bool:
    """Digits or Chinese numerals only (两千, 十一, 2024, ２００１)."""
    return all(char in NUMERAL_CHARACTERS for char in word)


def is_han_word(word: str, min_length: int = MIN_WORD_LENGTH) -> bool:
    return len(word) >= min_length and HAN_WORD.fullmatch(word) is not None


@dataclass(frozen=True)
class IdfTable:
    """Document frequencies of words over ``documents`` reference reports.

    Words missing from the table were seen in fewer reports than the table's cut-off, so they get the idf
    of a word seen once.
    """

    documents: int
    frequencies: Mapping[str, int]

    @property
    def default(self) -> float:
        return idf_of(1, self.documents)

    def idf(self, word: str) -> float:
        return idf_of(self.frequencies.get(word, 1), self.documents)

    def share(self, word: str) -> float:
        """The share of reference reports that use ``word`` (0 for words missing from the table)."""
        return self.frequencies.get(word, 0) / self.documents

    @classmethod
    def read(cls, path: Path = IDF_PATH) -> IdfTable:
        documents = 0
        frequencies: dict[str, int] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "documents":
                documents = int(fields[1])
            elif fields[0] != "word":
                frequencies[fields[0]] = int(fields[1])
        if documents <= 0:
            raise ValueError(f"{path}: no 'documents' line")
        return cls(documents, frequencies)


def idf_of(document_frequency: int, documents: int) -> float:
    """Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1."""
    return math.log((documents + 1) / (document_frequency + 1)) + 1.0


@dataclass(frozen=True)
class ScoredWord:
    word: str
    score: float
    tier: int


def _is_piece(word: str, text: str) -> bool:
    """Whether every time ``text`` writes ``word`` the same Han character stands before it, or after it: a piece
    of a longer name (巨化硅氟, 远海风电), not a word of its own."""
    before: set[str] = set()
    after: set[str] = set()
    position = text.find(word)
    while position >= 0:
        end = position + len(word)
        before.add(text[position - 1] if position > 0 else "")
        after.add(text[end] if end < len(text) else "")
        position = text.find(word, end)
    return any(len(side) == 1 and is_han_word(next(iter(side)), min_length=1) for side in (before, after))


@dataclass(frozen=True)
class Keywords:
    """What one report is about: ``tags``, topics it shares with other reports; ``keywords``, its own words."""

    tags: tuple[str, ...]
    keywords: tuple[str, ...] = ()


class Tagger:
    """Picks the topics a report shares with other government work reports, and the words that are its own."""

    def __init__(
        self,
        segmenter: Segmenter,
        idf: IdfTable,
        stopwords: frozenset[str],
        classes: WordClasses,
        place_suffixes: Sequence[PlaceSuffix] = (),
        topics: Mapping[str, str] | None = None,
    ) -> None:
        self._segmenter = segmenter
        self._idf = idf
        self._stopwords = stopwords
        self._place_suffixes = tuple(item.suffix for item in place_suffixes)
        self._classes = classes
        self._topics = dict(topics or {})
        # a topic is as common as its most common form (八项规定 is mostly written 中央八项规定)
        self._topic_idf: dict[str, float] = {}
        for form, topic in self._topics.items():
            self._topic_idf[topic] = min(self._topic_idf.get(topic, math.inf), idf.idf(form), idf.idf(topic))
        self._weights: dict[str, tuple[float, bool] | None] = {}

    @classmethod
    def from_resources(cls, classes: WordClasses | None = None) -> Tagger:
        """The tagger of the resource files; ``classes``: ``WordClasses.from_resources()``, when the caller
        has it already."""
        return cls(
            shared_segmenter(),
            IdfTable.read(),
            read_word_list(STOPWORDS_PATH),
            WordClasses.from_resources() if classes is None else classes,
            read_place_suffixes(),
            read_topics(),
        )

    def segment(self, text: str) -> list[str]:
        """The shared segmentation, with the genre's user dictionary and the topics."""
        return self._segmenter.segment(text)

    def tags(self, text: str, *, count: int = 8) -> tuple[str, ...]:
        """``count`` (clamped to 5–10) tags of ``text``, best first; fewer only if the text has fewer candidates."""
        return self.describe(text, count=count).tags

    def tags_of_words(self, words: Sequence[str], *, count: int = 8) -> tuple[str, ...]:
        """Tags of an already segmented text (see :meth:`segment`), so a caller can segment once for both."""
        return self.describe_words(words, count=count).tags

    def describe(self, text: str, *, count: int = 8) -> Keywords:
        return self.describe_words(self.segment(text), count=count, text=text)  # tags: ``count``, clamped to 5–10

    def describe_words(self, words: Sequence[str], *, count: int = 8, text: str | None = None) -> Keywords:
        """``describe`` of an already segmented text; ``text`` is its words joined, when the caller has it."""
        text = "".join(words) if text is None else text
        counts = Counter(words)
        wanted = min(max(count, MIN_TAGS), MAX_TAGS)
        # the topics it repeats; those it names once only while they are fewer than five (1960's 社会主义新农村, said
        # once beside 人民公社 forty times, made it a report of the 2005 policy)
        topics = self.topics_of(counts)
        repeated = [topic for topic, tf in topics if tf >= MIN_REPEATS]
        once = [topic for topic, tf in topics if tf < MIN_REPEATS]
        tags = (repeated + once[: max(0, MIN_TAGS - len(repeated))])[:wanted]
        ranked = [scored for scored in self.rank(counts) if scored.word not in self._topics]
        if len(tags) < MIN_TAGS:
            shared = (s.word for s in ranked if s.tier != COMMON_TIER and self._idf.frequencies.get(s.word))
            tags += self.pick(text, shared, MIN_TAGS - len(tags))
        # the report's own words: those it repeats, none a piece of one longer string each time (化硅 of 巨化硅氟,
        # 短剧 of 微短剧, 光源 of 先进光源: a name the dictionary lacks) or of another of its words (大革命 of
        # 文化大革命), and the genre's terms it names once (日光温室); another word named once is as often a passing
        # one (互动式, 低效益, 准备充分) or such a piece as a word of the report's own
        own = [
            s.word for s in ranked
            if self._idf.share(s.word) <= MAX_KEYWORD_SHARE and (
                (s.tier == REPEATED_TIER and not _is_piece(s.word, text))
                or (s.tier == SINGLE_TIER and s.word in self._classes.genre_terms)
            )
        ]
        whole = [  # nor a piece of a tag (大革命 of 文化大革命)
            word for word in own
            if word not in tags and not any(word in other for other in (*own, *tags) if other != word)
        ]
        keywords = self.pick(text, whole, MAX_KEYWORDS)
        return Keywords(tuple(tags), tuple(keywords))

    def topics_of(self, counts: Mapping[str, int]) -> list[tuple[str, int]]:
        """The topics among ``counts`` (word → tf) with their tf, best first: those the report repeats, then those
        it names once; within a tier by tf × idf, ties by topic so the order is stable."""
        found: Counter[str] = Counter()
        for word, tf in counts.items():
            topic = self._topics.get(word)
            if topic is not None:
                found[topic] += tf
        keyed = sorted((tf < MIN_REPEATS, -tf * self._topic_idf[topic], topic) for topic, tf in found.items())
        return [(topic, found[topic]) for _, _, topic in keyed]

    def pick(self, text: str, words: Iterable[str], count: int) -> list[str]:
        """The first ``count`` of ``words`` that are no place names in ``text``."""
        chosen: list[str] = []
        for word in words:
            if len(chosen) == count:
                break
            if not self.is_place_name(word, text):
                chosen.append(word)
        return chosen

    def rank(self, counts: Mapping[str, int]) -> Iterator[ScoredWord]:
        """Candidates among ``counts`` (word → tf), best first.

        Tiers first: words the report repeats, then words it names once, then words common to more than
        a quarter of the reference reports; within a tier by tf × idf, ties by word so the order is stable.
        """
        weights = self._weights
        keyed: list[tuple[int, float, str]] = []
        for word, tf in counts.items():
            weight = weights[word] if word in weights else self.weigh(word)
            if weight is None:
                continue
            idf, common = weight
            tier = COMMON_TIER if common else REPEATED_TIER if tf >= MIN_REPEATS else SINGLE_TIER
            keyed.append((tier, -tf * idf, word))
        keyed.sort()
        for tier, negative_score, word in keyed:
            yield ScoredWord(word, -negative_score, tier)

    def weigh(self, word: str) -> tuple[float, bool] | None:
        """(idf, common) of a candidate word, ``None`` for a word that cannot be a tag; remembered."""
        weight = (self._idf.idf(word), self._idf.share(word) > MAX_DOCUMENT_SHARE) if self.is_candidate(word) else None
        self._weights[word] = weight
        return weight

    def is_place_name(self, word: str, text: str) -> bool:
        """``word`` is followed in ``text`` by a place suffix (射阳 in 射阳县) forming no common noun (工业区)."""
        position = text.find(word)
        while position >= 0:
            after = position + len(word)
            for suffix in self._place_suffixes:
                if text.startswith(suffix, after) and word + suffix not in self._classes.not_places:
                    return True
            position = text.find(word, after)
        return False

    def is_candidate(self, word: str) -> bool:
        """A noun or term of two or more Han characters, known to a dictionary, not a number, stop word or place."""
        return (
            is_han_word(word)
            and word in self._classes.topic
            and not is_number(word)
            and word not in self._stopwords
            and word not in self._classes.place_stems
        )
