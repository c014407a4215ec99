"""Glossary of policy terms: which terms a text uses, and where each is first used.

In: ``build_tools/resources/glossary.yaml`` (a list of entries: ``term``, ``definition``, optional
``aliases`` and ``pinyin``, the term's reading with tone marks, a syllable a character) and report texts
(``str``). Out: the terms found, as :class:`GlossaryTerm`, with their first occurrence as (text index,
start, end) so a renderer can explain each term once, where it first appears.

Matching is on exact text: at each position the longest form (term or alias) wins, and matches never
overlap, so 新型农村合作医疗 is one match rather than also containing a shorter term; a form standing in a word
that is no use of it (``resources/tags/not_uses.txt``: 百千万工程 in 十百千万工程) is no match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.report.segmenting import in_a_word_of_another
from build_tools.resource_files import parse_yaml

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "resources" / "glossary.yaml"


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    pinyin: str = ""  # the term's reading, a syllable a character: 一带一路 yī dài yī lù

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its aliases: every text that counts as a use of it."""
        return (self.term, *self.aliases)


def parse_entries(entries: object, source: str = "glossary") -> list[GlossaryTerm]:
    """Validate the loaded YAML: a list of mappings with a non-empty ``term`` and ``definition``."""
    if not isinstance(entries, list):
        raise ValueError(f"{source}: expected a list of entries")
    terms: list[GlossaryTerm] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("definition"):
            raise ValueError(f"{source}: entry {number} needs a term and a definition")
        aliases = entry.get("aliases") or []
        definition, pinyin = str(entry["definition"]).strip(), str(entry.get("pinyin") or "")
        terms.append(GlossaryTerm(str(entry["term"]), definition, tuple(map(str, aliases)), pinyin))
    return terms


def duplicate_forms(terms: Sequence[GlossaryTerm]) -> list[str]:
    """Forms claimed by more than one entry (an error: a match must name one term)."""
    seen: set[str] = set()
    duplicates: list[str] = []
    for term in terms:
        for form in term.forms:
            if form in seen:
                duplicates.append(form)
            seen.add(form)
    return duplicates


class Glossary:
    """Terms and the matcher that finds them in text."""

    def __init__(self, terms: Sequence[GlossaryTerm]) -> None:
        duplicates = duplicate_forms(terms)
        if duplicates:
            raise ValueError(f"glossary: forms listed twice: {', '.join(duplicates)}")
        self.terms: tuple[GlossaryTerm, ...] = tuple(terms)
        self._by_form = {form: term for term in terms for form in term.forms}
        # Longest form first, so the alternation prefers 新型农村合作医疗 over any shorter form at one position.
        forms = sorted(self._by_form, key=lambda form: (-len(form), form))
        self._pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    @classmethod
    def from_resources(cls, path: Path = GLOSSARY_PATH) -> Glossary:
        entries = parse_yaml(path.read_text(encoding="utf-8"))
        return cls(parse_entries(entries, str(path)))

    def __len__(self) -> int:
        return len(self.terms)

    def matches(self, text: str) -> Iterator[tuple[int, int, GlossaryTerm]]:
        """Every use of a term in ``text`` as (start, end, term), left to right, longest first, no overlaps."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            if not in_a_word_of_another(text, match.start(), match.group()):  # 百千万工程 in 十百千万工程
                yield match.start(), match.end(), self._by_form[match.group()]

    def first_occurrences(self, texts: Sequence[str]) -> list[tuple[int, int, int, GlossaryTerm]]:
        """(text index, start, end, term) for the first occurrence of each term across the texts,
        longest match first, non-overlapping."""
        found: list[tuple[int, int, int, GlossaryTerm]] = []
        seen: set[str] = set()
        for index, text in enumerate(texts):
            for start, end, term in self.matches(text):
                if term.term not in seen:
                    seen.add(term.term)
                    found.append((index, start, end, term))
        return found

    def terms_in(self, text: str) -> set[str]:
        """The (canonical) terms that ``text`` uses."""
        return {term.term for _, _, term in self.matches(text)}


@cache
def shared_glossary() -> Glossary:
    """The glossary of the resource files, read once a process."""
    return Glossary.from_resources()
