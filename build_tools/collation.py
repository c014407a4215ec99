"""Chinese words in a dictionary's order: a word's pinyin in, its sort key or the letter it is filed under out.

A dictionary orders words by their pinyin, syllable by syllable, a syllable's tones in order (yī before
yí before yǐ before yì, the neutral tone last) before the next syllable counts; words of one reading keep
the order of their characters. The reading is given with tone marks (一带一路 ``yī dài yī lù``), as the
glossary's entries give it (``resources/glossary.yaml``; a test checks each against ``pypinyin``).
"""

from __future__ import annotations

import unicodedata

TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}  # macron, acute, caron, grave
NEUTRAL_TONE = 5
OTHER = "#"  # where a word with no reading is filed, before A


def syllables(pinyin: str) -> tuple[tuple[str, int], ...]:
    """Each syllable as (letters, tone): ``yī dài`` → (yi, 1), (dai, 4); ``lǜ`` → (lü, 4)."""
    parts = []
    for syllable in pinyin.lower().split():
        decomposed = unicodedata.normalize("NFD", syllable)
        tone = next((TONE_MARKS[mark] for mark in decomposed if mark in TONE_MARKS), NEUTRAL_TONE)
        letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        parts.append((letters, tone))
    return tuple(parts)


def dictionary_key(pinyin: str, word: str) -> tuple[tuple[tuple[str, int], ...], str]:
    """Sorts ``word``, read ``pinyin``, as a Chinese dictionary would: by letters and tone, syllable by
    syllable, then by its characters."""
    return syllables(pinyin), word


def filed_under(pinyin: str) -> str:
    """The capital letter a word read ``pinyin`` is filed under, or ``#`` when it has no reading."""
    parts = syllables(pinyin)
    if not parts or not parts[0][0][:1].isalpha():
        return OTHER
    letter = parts[0][0][0]
    return "L" if letter == "ü" else letter.upper()
