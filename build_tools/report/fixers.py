"""Line repairs: one kept source line in, the line repaired by the small named fixers of
``resources/cleaning.yaml`` (full-width digits, stray half-width punctuation and spaces) out, with the
edits each fixer made, so that ``original_line`` can replay them backwards and the audit can show them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from build_tools.model import AuditEntry, CleanedLine, Edit, LineRepair
from build_tools.resource_files import compiled, load_yaml

PATTERNS = "cleaning.yaml"
MAX_FIXER_ROUNDS = 8

@dataclass(frozen=True)
class Fixer:
    """A named repair: what ``pattern`` finds is replaced, except inside what ``keep`` finds."""

    name: str
    pattern: re.Pattern[str]
    replacement: Callable[[str], str]
    reason: str
    keep: re.Pattern[str] | None = None


def replacement_function(spec: str) -> Callable[[str], str]:
    if spec == "nfkc":
        return lambda text: unicodedata.normalize("NFKC", text)
    if spec == "drop-spaces":
        return lambda text: text.replace(" ", "")
    if spec == "nfkc-wide":
        return lambda text: "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)
    return lambda _text: spec


@cache
def fixers() -> tuple[Fixer, ...]:
    inline = tuple(
        Fixer(f"remove_furniture_{i}", regex, replacement_function(""), reason)
        for i, (regex, reason) in enumerate(compiled(PATTERNS, "furniture_inline"))
    )
    configured = tuple(
        Fixer(
            entry["name"],
            re.compile(entry["pattern"]),
            replacement_function(entry["replace"]),
            entry["reason"],
            re.compile(entry["keep"]) if "keep" in entry else None,
        )
        for entry in load_yaml(PATTERNS)["fixers"]
    )
    return inline + configured


# --- repairs inside a line -------------------------------------------------------------------


def find_edits(fixer: Fixer, text: str) -> tuple[Edit, ...]:
    edits = []
    kept = [found.span() for found in fixer.keep.finditer(text)] if fixer.keep is not None else []
    for found in fixer.pattern.finditer(text):
        if any(start <= found.start() and found.end() <= end for start, end in kept):
            continue
        old = found.group()
        new = fixer.replacement(old)
        if old != new:
            edits.append(Edit(found.start(), found.end(), old, new))
    return tuple(edits)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with each edit's span replaced; edits are sorted and do not overlap."""
    pieces, position = [], 0
    for edit in edits:
        pieces += [text[position : edit.start], edit.new]
        position = edit.end
    return "".join([*pieces, text[position:]])


def undo_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text the edits were applied to, rebuilt from ``text``, the result of applying them."""
    pieces, position, shift = [], 0, 0
    for edit in edits:
        start = edit.start + shift
        if text[start : start + len(edit.new)] != edit.new:
            raise ValueError(f"edit {edit} does not match the repaired text")
        pieces += [text[position:start], edit.old]
        position = start + len(edit.new)
        shift += len(edit.new) - (edit.end - edit.start)
    return "".join([*pieces, text[position:]])


@cache
def any_fixer() -> re.Pattern[str]:
    """A pattern that matches wherever some fixer's pattern does: a line it misses needs no repair."""
    return re.compile("|".join(f"(?:{fixer.pattern.pattern})" for fixer in fixers()))


def repair_line(text: str) -> tuple[str, tuple[LineRepair, ...]]:
    """``text`` after every fixer, and the repairs that were made, in order."""
    if not any_fixer().search(text):  # most lines: no fixer would find anything
        return text, ()
    repairs: list[LineRepair] = []
    for _ in range(MAX_FIXER_ROUNDS):  # again while a pass repairs: a later fixer's removal can expose an earlier's
        before = len(repairs)  # (一、共3页，当前第2页123 then a control character: the pagination ends the line after)
        for fixer in fixers():
            for _ in range(MAX_FIXER_ROUNDS):  # until the fixer finds nothing more (a removal can expose another)
                edits = find_edits(fixer, text)
                if not edits:
                    break
                repairs.append(LineRepair(fixer.name, edits))
                text = apply_edits(text, edits)
        if len(repairs) == before or not any_fixer().search(text):
            break
    return text, tuple(repairs)


def original_line(line: CleanedLine) -> str:
    """Replays the repairs of ``line`` backwards to give the source line."""
    text = line.text
    for repair in reversed(line.repairs):
        text = undo_edits(text, repair.edits)
    return text


def repair_entries(line: CleanedLine) -> list[AuditEntry]:
    reasons = {fixer.name: fixer.reason for fixer in fixers()}
    entries = []
    for repair in line.repairs:
        for edit in repair.edits:
            if edit.new:
                entries.append(AuditEntry("replaced", line.number, edit.old, reasons[repair.fixer], edit.new))
            elif repair.fixer == "trim_whitespace":
                entries.append(AuditEntry("whitespace", line.number, edit.old, reasons[repair.fixer]))
            else:
                entries.append(AuditEntry("removed-text", line.number, edit.old, reasons[repair.fixer]))
    return entries


# --- lines dropped whole ---------------------------------------------------------------------
