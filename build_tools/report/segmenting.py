"""Segmentation: text in, its words out (``Segmenter``), with the genre's user dictionary and the topics kept whole.

It uses its own ``rjieba.Jieba`` instance (jieba-rs: jieba's dictionary and algorithm, about twenty times faster
than jieba in Python). Resources in ``build_tools/resources/tags/``: ``userdict.txt``, multi-word terms of the
genre in jieba's user-dictionary format (``word [freq] [pos]``); ``topics.txt``, a topic per line with its other
forms (each kept whole too); ``not_uses.txt``, the words in which a tracked phrase's or a glossary term's characters
stand but which are no use of it (``in_a_word_of_another``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "tags"
USERDICT_PATH = RESOURCE_DIR / "userdict.txt"
TOPICS_PATH = RESOURCE_DIR / "topics.txt"
USER_TERM_POS = "nz"
USERDICT_LINE = re.compile(r"^(?P<word>.+?)(?: (?P<freq>\d+))?(?: (?P<pos>[a-z]+))?$")


@dataclass(frozen=True)
class UserTerm:
    """One line of the user dictionary."""

    word: str
    freq: int | None
    pos: str


def read_user_terms(path: Path = USERDICT_PATH) -> list[UserTerm]:
    """Parse a jieba user dictionary (``word [freq] [pos]`` per line; blank lines ignored)."""
    terms: list[UserTerm] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = USERDICT_LINE.match(line.strip())
        if not match:
            continue
        freq = match["freq"]
        terms.append(UserTerm(match["word"], int(freq) if freq else None, match["pos"] or USER_TERM_POS))
    return terms


def read_topics(path: Path = TOPICS_PATH) -> dict[str, str]:
    """Every form of every topic → its topic (the first word of its line); ``#`` starts a comment."""
    forms: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        for word in words:
            forms.setdefault(word, words[0])
    return forms


class Segmenter:
    """jieba segmentation (precise mode, HMM on) with the genre's user dictionary, on a private instance."""

    def __init__(self, user_terms: Sequence[UserTerm] = ()) -> None:
        import rjieba  # here, not at the top: a process that only assembles the site never segments

        self._jieba = rjieba.Jieba()
        for term in user_terms:
            self._jieba.add_word(term.word, term.freq, term.pos)
        self.user_terms = tuple(user_terms)

    @classmethod
    def from_resources(cls) -> Segmenter:
        """The genre's user dictionary, and every form of every topic as a term, so each stays whole."""
        terms = read_user_terms()
        known = {term.word for term in terms}
        return cls(terms + [UserTerm(form, None, USER_TERM_POS) for form in read_topics() if form not in known])

    def segment(self, text: str) -> list[str]:
        return self._jieba.cut(text, True)


@cache
def shared_segmenter() -> Segmenter:
    """The segmenter of the resource files, made once a process (its dictionary takes a while to load)."""
    return Segmenter.from_resources()


@cache
def not_uses() -> dict[str, tuple[tuple[str, int], ...]]:
    """Each form of ``resources/tags/not_uses.txt`` with the words it stands in that are no use of it, each with
    where in it the form starts."""
    words: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for line in (RESOURCE_DIR / "not_uses.txt").read_text(encoding="utf-8").splitlines():
        form, *others = line.split("#", 1)[0].split() or [""]
        for other in others:
            words[form].append((other, other.index(form)))
    return {form: tuple(found) for form, found in words.items()}


def in_a_word_of_another(text: str, start: int, form: str) -> bool:
    """Whether the use of ``form`` at ``start`` stands in a word that is no use of it (创新发展理念)."""
    return any(text.startswith(word, start - at) for word, at in not_uses().get(form, ()))
