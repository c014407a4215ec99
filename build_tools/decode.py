"""Decode stage: the raw bytes of one input file in, a ``SourceText`` out.

Accepts UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030 (a superset of GBK and
GB2312); line ends may be LF, CRLF or CR. Anything else raises ``DecodeError`` with a one-line
message that names the file and the problem.
"""

from __future__ import annotations

import codecs
import re

from build_tools.model import SourceText

LINE_BREAK = re.compile(r"\r\n|\r|\n")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK_ENCODINGS = ("utf-8", "gb18030")
# Control characters that never occur in text (tab, line ends and form feed excepted).
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
MAX_BINARY_CONTROL_SHARE = 0.01


class DecodeError(ValueError):
    """A file that is not text in a supported encoding."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def detect_encoding(data: bytes) -> str:
    """The first encoding that decodes ``data`` without error, BOMs first."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    for encoding in FALLBACK_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise UnicodeError("bytes are valid in none of UTF-8, UTF-16 (with BOM) and GB18030")


def split_lines(text: str) -> tuple[str, ...]:
    """Lines of ``text`` split at LF, CRLF or CR only (never at U+2028 or form feeds)."""
    return tuple(LINE_BREAK.split(text))


def decode(path: str, data: bytes) -> SourceText:
    """Decode ``data`` read from ``path``; raise ``DecodeError`` when it is not text."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        nul_free = True
    else:
        nul_free = b"\x00" not in data
    if not nul_free:
        raise DecodeError(path, "contains NUL bytes: a binary file, not report text")
    try:
        encoding = detect_encoding(data)
        text = data.decode(encoding)
    except UnicodeError as error:
        raise DecodeError(path, str(error)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = len(BINARY_CONTROL.findall(text))
    if text and controls / len(text) > MAX_BINARY_CONTROL_SHARE:
        raise DecodeError(path, f"{controls} control characters: a binary file, not report text")
    return SourceText(path=path, encoding=encoding, lines=split_lines(text))
