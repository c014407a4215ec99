"""Anomaly stage: a report's blocks in, the ``Anomaly``s a reader should be told about out.

Redactions (20xx, xx, **, a year cut to 20), empty quotes, stray characters and the numbers of notes the
source did not carry are found in the text; a numbering that skips (第二 → 第四) or repeats (（二） twice) is
found in the outline. They are recorded, never fixed: the renderer shows each at the place where it occurs.
"""

from __future__ import annotations

import re
from functools import cache

from build_tools.model import Anomaly, Block, Heading, ListBlock, Paragraph
from build_tools.report.headings import chinese_numeral
from build_tools.report.structure import block_paragraphs, structure_rules
from build_tools.resource_files import load_yaml

RULES = "anomalies.yaml"
NUMBER_FORMATS = {
    "part": "第{n}部分",
    "chapter": "{n}、",
    "paren": "（{n}）",
    "ordinal": "第{n}",
    "arabic": "{d}.",
    "arabic-paren": "（{d}）",
}


@cache
def inline_rules() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((entry["kind"], re.compile(entry["pattern"]), entry["note"]) for entry in load_yaml(RULES)["inline"])


def inline_anomalies(paragraph: Paragraph) -> list[Anomaly]:
    found = []
    for kind, regex, note in inline_rules():
        for match in regex.finditer(paragraph.text):
            found.append(Anomaly(kind, paragraph.line_at(match.start()), match.group(), note, match.start()))  # type: ignore[arg-type]
    return found


def numbered(style: str, number: int) -> str:
    return NUMBER_FORMATS.get(style, "{d}").format(n=chinese_numeral(number), d=number)


def numbering_anomalies(blocks: tuple[Block, ...]) -> list[Anomaly]:
    """Skipped and repeated numbers among sibling headings. A number between two headings that opens a
    paragraph, a list's item or a sentence there (an item the outline took for text) is not missing."""
    notes = load_yaml(RULES)
    found: list[Anomaly] = []
    expected: dict[tuple[int, str], int] = {}
    since: dict[tuple[int, str], int] = {}  # where the last heading of each numbering stands
    previous_block: Block | None = None
    for position, block in enumerate(blocks):
        if isinstance(block, Heading) and block.number is not None:
            key = (block.level, block.style)
            for deeper in [k for k in expected if k[0] > block.level]:
                del expected[deeper]
            last = expected.get(key)
            if last is not None and block.number == last:
                text = numbered(block.style, block.number)
                note = notes["numbering_note"].format(text=text, expected=numbered(block.style, last + 1))
                found.append(Anomaly("numbering", block.line, text, note, 0))
                expected[key] = last + 1
            else:
                skipped = range(last + 1, block.number) if last is not None else range(0)
                between = opening_texts(blocks[since.get(key, 0) : position])
                absent = [n for n in skipped if not any(opens_a_sentence(text, block.style, n) for text in between)]
                if absent and previous_block is not None:
                    missing = "、".join(numbered(block.style, n) for n in absent)
                    note = notes["missing_text_note"].format(
                        before=numbered(block.style, last), after=numbered(block.style, block.number), missing=missing
                    )
                    found.append(Anomaly("missing-text", last_line(previous_block), missing, note))
                expected[key] = block.number
            since[key] = position
        previous_block = block
    return found


SENTENCE_OPENERS = "。；！？：”"


def opens_a_sentence(text: str, style: str, number: int) -> bool:
    """Whether the number ``number`` of ``style`` (第五; 2 as 2. or 2、) opens ``text`` or a sentence inside it
    (…也要加大这方面的投入。第五，深入开展…: 2006's 第五 was said to be missing between its headings 第四 and 第六,
    the source running it on in 第四's paragraph)."""
    written = numbered(style, number)
    forms = {written, f"{number}、", f"{number}．"} if style == "arabic" else {written}
    for form in forms:
        at = text.find(form)
        while at >= 0:
            if at == 0 or text[at - 1] in SENTENCE_OPENERS:
                return True
            at = text.find(form, at + 1)
    return False


def opening_texts(blocks: tuple[Block, ...]) -> list[str]:
    """The text of each paragraph and list item of ``blocks``, without its leading spaces."""
    return [paragraph.text.lstrip() for paragraph in block_paragraphs(blocks)]


def last_line(block: Block) -> int:
    if isinstance(block, ListBlock):
        return block.items[-1].line
    return block.paragraph.line


def find_anomalies(blocks: tuple[Block, ...]) -> tuple[Anomaly, ...]:
    """Every anomaly of a report, in reading order. Notes' numbers in the text are lost notes only in a report
    that has no notes and where there are several of them (``min_lost_notes``)."""
    found = numbering_anomalies(blocks)
    paragraphs = block_paragraphs(blocks)
    for paragraph in paragraphs:
        found += inline_anomalies(paragraph)
    lost_notes = [anomaly for anomaly in found if anomaly.kind == "lost-note"]
    has_notes = any(structure_rules().notes_title.match(paragraph.text) for paragraph in paragraphs)
    if has_notes or len(lost_notes) < load_yaml(RULES)["min_lost_notes"]:
        found = [anomaly for anomaly in found if anomaly.kind != "lost-note"]
    return tuple(sorted(found, key=lambda anomaly: (anomaly.line, anomaly.offset or 0)))
