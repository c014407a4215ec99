"""The text the analysis stages read: a report's cleaned paragraphs in, the paragraphs its figures, tags,
tracked phrases and glossary terms are read from out.

Those stages, and the word lists, units and numerals they use, are written in simplified characters. A
report written in traditional characters (more than ``traditional_share`` of its Han characters have a
simplified form, in ``resources/settings.yaml``) is read with each character in its simplified form
(``folding.simplified_text``: 萬 → 万, 點 → 点, 噸 → 吨); the conversion keeps every offset, so what is
found is shown on the text as the source wrote it. A report in simplified characters is read as it is:
the few traditional characters such a text holds (乾, 拚) are left as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from build_tools.folding import simplified_text, traditional_share
from build_tools.model import Identity, Paragraph
from build_tools.resource_files import load_yaml


@cache
def threshold() -> float:
    return float(load_yaml("settings.yaml")["traditional_share"])


def written_in_traditional(paragraphs: Sequence[Paragraph]) -> bool:
    """Whether the report of ``paragraphs`` is written in traditional characters."""
    return traditional_share("".join(paragraph.text for paragraph in paragraphs)) > threshold()


def read_as(text: str, traditional: bool) -> str:
    """``text`` of a report as the analysis reads it: in simplified characters when ``traditional``."""
    return simplified_text(text) if traditional else text


def reading(paragraphs: Sequence[Paragraph], traditional: bool) -> tuple[Paragraph, ...]:
    """``paragraphs`` as the analysis stages read them (``read_as``)."""
    if not traditional:
        return tuple(paragraphs)
    return tuple(replace(paragraph, text=read_as(paragraph.text, traditional)) for paragraph in paragraphs)


QUOTED = re.compile(r"“([^“”]+)”")


def quoted_as_written(identity: Identity, read: Sequence[Paragraph], written: Sequence[Paragraph]) -> Identity:
    """``identity``, read from ``read`` (``reading``), with the words its notes quote (据“…”推定) as ``written``
    gives them: the conversion keeps every offset, so a quote found in a paragraph read is the same
    stretch of the paragraph as written (据“第一届全國人民代表大會第一次會議”推定, not its simplified form)."""
    if read is written:
        return identity

    def as_written(found: re.Match[str]) -> str:
        for simple, source in zip(read, written, strict=True):
            at = simple.text.find(found.group(1))
            if at >= 0:
                return f"“{source.text[at : at + len(found.group(1))]}”"
        return found.group()

    notes = tuple((name, QUOTED.sub(as_written, note)) for name, note in identity.inferred)
    return replace(identity, inferred=notes)
