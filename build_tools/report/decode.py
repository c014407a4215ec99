"""Decode stage: the raw bytes of one input file in, a ``SourceText`` out.

Accepts UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one where it is plainly Chinese), and
GB18030 (a superset of GBK and GB2312), also mixed line by line in one file; line ends may be LF, CRLF or CR.
A few bytes no encoding reads, or stray NUL bytes (a download cut in the middle of a character), become
U+FFFD, which the page marks as a suspicious character; more say where the first is. UTF-8 text that was
read as GBK and saved again (乱码: 鍚勪綅浠ｈ〃 for 各位代表) is refused as such (kind ``mojibake``): that reading
lost the bytes it could not read, so it cannot be read back whole. Anything else — a Word,
WPS or PDF document, an archive or an image (told by its bytes: ``sniff.py``, kind ``not-supported``),
another binary file, an HTML document, a file over the size or line-length limits, a file too little of
which is Chinese to be a report (a table of sources, a README: ``min_chinese_share``) — raises
``DecodeError`` with a one-line message that names the file and the problem, and a ``kind`` to count it by.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from build_tools.folding import HAN_RANGES
from build_tools.model import CutLine, SourceText
from build_tools.report.sniff import not_supported, sniff
from build_tools.resource_files import load_yaml

LINE_BREAK = re.compile(r"\r*\n|\r")  # \r\r\n (a CRLF file whose ends were converted again) is one break
SPACED_BREAK = re.compile(r"(?<=[\u4e00-\u9fff，。、；：？！”）》]) (?=\S)")  # a line break written as a space
# a chapter's title (一、2023年工作回顾) that a PDF's text runs on from the sentence before it, up to the space after it
RUN_ON_CHAPTER = re.compile(r"(?<=[。！？])(?=[一二三四五六七八九十]{1,3}、[^ 。，；：]{1,30} )")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK_ENCODINGS = ("utf-8", "gb18030")
# Control characters that never occur in text (tab, line ends and form feed excepted).
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
MAX_BINARY_CONTROL_SHARE = 0.01
# Unassigned, private-use and surrogate code points: what bytes decoded in the wrong encoding become.
NOT_TEXT_CATEGORIES = frozenset({"Cn", "Co", "Cs"})
MAX_NOT_TEXT_SHARE = 0.05
NOT_TEXT_SAMPLE_CHARS = 20_000
HTML_DOCUMENT = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
MIXED = "mixed utf-8/gb18030"
HAN = re.compile(f"[{HAN_RANGES}\uf900-\ufaff\U00020000-\U0003134f]")
WHITESPACE = re.compile(r"\s")
CHINESE_SENTENCE = re.compile(f"[{HAN_RANGES}]{{4}}[^\n]{{0,200}}?[，。]")
MIN_CHINESE_SENTENCES = 3
LOST_AS_GBK = "锟斤拷"  # the bytes of �� read as GBK: a character lost before the text was converted
MAX_UNREADABLE = 8  # bytes no encoding reads, or NUL bytes, that a text may hold, and no more than one in 1,000


def unreadable_allowed(size: int) -> int:
    return min(MAX_UNREADABLE, max(1, size // 1000))


def has_chinese_prose(text: str) -> bool:
    """Whether ``text`` holds ``MIN_CHINESE_SENTENCES`` Chinese sentences (4 Han characters, then ， or 。 on
    the line): a report that quotes much markup is less than ``min_chinese_share`` Han, but still prose."""
    sentences = islice(CHINESE_SENTENCE.finditer(text), MIN_CHINESE_SENTENCES)
    return len(list(sentences)) == MIN_CHINESE_SENTENCES


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_line_chars: int
    min_chinese_share: float = 0.0
    spaced_line_chars: int = 2000
    spaced_line_breaks: int = 20

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits of ``resources/settings.yaml``, overridden by REPORTS_MAX_* and REPORTS_MIN_* variables."""
        settings = load_yaml("settings.yaml")
        return cls(
            int(os.environ.get("REPORTS_MAX_FILE_BYTES") or settings["max_file_bytes"]),
            int(os.environ.get("REPORTS_MAX_LINE_CHARS") or settings["max_line_chars"]),
            float(os.environ.get("REPORTS_MIN_CHINESE_SHARE") or settings["min_chinese_share"]),
            settings["spaced_line_chars"],
            settings["spaced_line_breaks"],
        )


class DecodeError(ValueError):
    """A file that cannot be published, with the kind of problem for the build's summary."""

    def __init__(self, path: str, problem: str, kind: str = "encoding") -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.kind = kind


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
    """Lines of ``text`` split at LF, CRLF or CR only (never at U+2028 or form feeds); CRs before an LF are
    one line end with it, as ``grep -n`` and editors count them (2015's CR CR LF ends made two lines each)."""
    return tuple(LINE_BREAK.split(text))


def cut_spaced_lines(lines: tuple[str, ...], limits: Limits) -> tuple[tuple[str, ...], tuple[CutLine, ...]]:
    """``lines`` with each that is a whole text whose line breaks are written as spaces (at least
    ``spaced_line_chars`` characters, with ``spaced_line_breaks`` or more spaces after a Chinese character
    or mark) cut after each such space, which stays at the end of its piece (cleaning trims it, and says
    so), and before a chapter's title run on from the sentence before it; and where each such line went."""
    out: list[str] = []
    cut: list[CutLine] = []
    for number, line in enumerate(lines, 1):
        breaks = [m.end() for m in SPACED_BREAK.finditer(line)] if len(line) >= limits.spaced_line_chars else []
        if len(breaks) < limits.spaced_line_breaks:
            out.append(line)
            continue
        breaks = sorted({*breaks, *(m.start() for m in RUN_ON_CHAPTER.finditer(line))})
        first = len(out) + 1
        out += [line[start:end] for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True)]
        cut.append(CutLine(number, first, len(out), len(line)))
    return tuple(out), tuple(cut)


LATIN_LETTERS = re.compile("[\u00c0-\u024f]")


def latin_without_han(text: str) -> bool:
    """Whether ``text`` holds accented Latin letters and no Han: in a file of Chinese lines in two encodings,
    GB18030 bytes that happen to be valid UTF-8 too."""
    return bool(LATIN_LETTERS.search(text)) and not HAN.search(text)


def as_gb18030(piece: bytes) -> str | None:
    """``piece`` read as GB18030, where that reads it whole and gives Han characters; else None."""
    try:
        text = piece.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if HAN.search(text) else None


def decode_mixed(data: bytes) -> str | None:
    """Line-by-line decoding of a file whose lines are UTF-8 or GB18030, or None if it is not one."""
    lines = re.split(rb"(\r\n|\r|\n)", data)
    utf8_lines = gb_lines = 0
    out = []
    for piece in lines:
        try:
            text = piece.decode("utf-8")
            gb = as_gb18030(piece) if latin_without_han(text) else None  # 目录 in GB18030 is Ŀ¼ in UTF-8
            if gb is not None:
                text, gb_lines = gb, gb_lines + 1
            else:
                utf8_lines += not piece.isascii()
        except UnicodeDecodeError:
            try:
                text = piece.decode("gb18030")
            except UnicodeDecodeError:
                return None
            gb_lines += 1
        out.append(text)
    return "".join(out) if utf8_lines and gb_lines else None


def utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``data`` as UTF-16 without a byte order mark (its NUL bytes the high halves of ASCII characters), where
    one byte order reads it whole and most of it is Chinese; else None."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        visible = WHITESPACE.sub("", text)
        if visible and len(HAN.findall(visible)) / len(visible) > 0.5:
            return text, f"{encoding} (no BOM)"
    return None


def with_unreadable_bytes(data: bytes) -> tuple[str, str, int] | None:
    """``data`` in the encoding that reads the most of it, each byte it cannot read as U+FFFD (which the page
    marks as a suspicious character), where those are few (``unreadable_allowed``: a stray byte, a download
    cut in the middle of a character); else None. GB18030 is read back in step after each (``RESYNC``)."""
    marked = [encoding for bom, encoding in BOMS if data.startswith(bom)]  # a UTF-16 file cut by one byte
    best = min(
        ((data.decode(encoding, "replace"), encoding) for encoding in marked or FALLBACK_ENCODINGS),
        key=lambda found: found[0].count("\ufffd"),
    )
    if best[0].count("\ufffd") > unreadable_allowed(len(data)):
        return None
    text = data.decode(best[1], RESYNC) if best[1] == "gb18030" else best[0]
    unreadable = text.count("\ufffd")
    return text, f"{best[1]} ({unreadable} unreadable bytes shown as U+FFFD)", unreadable


# GB18030 writes a common character in two bytes: after a stray byte, reading on from the next byte pairs the
# second byte of each character with the first of the next, and gives a run of wrong characters (about 700 of
# a paragraph, until an ASCII byte) that are all valid. After a byte it cannot read, the reading goes on from
# that byte or one of the next ``RESYNC_SKIP``, whichever reads the next ``RESYNC_WINDOW`` bytes as the most
# common characters (GB2312's first level, its punctuation, ASCII), each byte skipped shown as U+FFFD too.
RESYNC = "gb18030-resync"
RESYNC_SKIP = 3
RESYNC_WINDOW = 40
COMMON_FIRST_BYTES = (range(0xB0, 0xD8), range(0xA1, 0xA4))  # GB2312: its 3,755 common characters; punctuation


def common_characters(data: bytes) -> int:
    """How plausible ``data`` read as GB18030 is: its bytes read as common characters, less two for each byte
    it cannot read (a character cut at its end is left out)."""
    score = 0
    for character in codecs.getincrementaldecoder("gb18030")("replace").decode(data, final=False):
        written = character.encode("gb18030", "replace")
        if character == "\ufffd":
            score -= 2
        elif len(written) == 1 or (len(written) == 2 and any(written[0] in first for first in COMMON_FIRST_BYTES)):
            score += len(written)
    return score


def read_in_step(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler ``RESYNC``: U+FFFD for the unreadable byte and each skipped, and where to go on."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    data, end = error.object, error.end
    resume = max(range(end, min(end + RESYNC_SKIP, len(data)) + 1),
                 key=lambda at: (common_characters(data[at : at + RESYNC_WINDOW]), -at))
    return "\ufffd" * (error.end - error.start + resume - end), resume


codecs.register_error(RESYNC, read_in_step)


MOJIBAKE_SAMPLE_CHARS = 4000


def read_back_from_gbk(text: str) -> str:
    """``text`` encoded as GB18030 (GBK) and read as UTF-8, each piece between two U+FFFD on its own (the bytes an
    earlier reading lost are lost); raises ``UnicodeEncodeError`` where a character is not GBK's."""
    return "\ufffd".join(piece.encode("gb18030").decode("utf-8", "replace") for piece in text.split("\ufffd"))


def utf8_read_as_gbk(text: str) -> bool:
    """Whether ``text`` is UTF-8 text that was read as GBK and saved again (鍚勪綅浠ｈ〃 for 各位代表): its
    characters, written in GBK, read as UTF-8 again are mostly Chinese (a Chinese text written in GBK is
    nearly never valid UTF-8)."""
    sample = text[:MOJIBAKE_SAMPLE_CHARS]
    if not HAN.search(sample):
        return False
    try:
        restored = read_back_from_gbk(sample)
    except UnicodeEncodeError:
        return False
    return len(HAN.findall(restored)) >= len(restored) // 3


def first_unreadable(data: bytes) -> str:
    """Where UTF-8 and GB18030 first fail to read ``data``: each one's byte, offset and line (a GB18030 file with
    stray bytes fails UTF-8 at its first byte, GB18030 only at a stray one)."""
    failures = []
    for encoding, name in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            failures.append(f"byte 0x{data[error.start]:02X} at offset {error.start} (line {line}) is not {name}")
    return "; ".join(failures)


def decode_text(path: str, data: bytes) -> tuple[str, str, int]:
    """(text, encoding, bytes shown as U+FFFD) of ``data``; raises ``DecodeError`` when it is in no supported
    encoding."""
    mixed = None
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body = data.removeprefix(codecs.BOM_UTF8)  # Notepad's UTF-8 with GB18030 lines after it (cat a.txt b.txt)
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            mixed = decode_mixed(body)
    if mixed is not None:
        return mixed, MIXED, 0
    try:
        encoding = detect_encoding(data)
        return data.decode(encoding), encoding, 0
    except UnicodeError as error:
        found = with_unreadable_bytes(data)
        if found is not None:
            return found
        where = "" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else f": {first_unreadable(data)}"
        raise DecodeError(path, f"{error}{where}", "encoding") from None


def size_problem(size: int, limits: Limits) -> str | None:
    """What is wrong with a file of ``size`` bytes, if it is over the limit."""
    if size <= limits.max_file_bytes:
        return None
    return (
        f"{size / 1e6:.1f} MB is over the {limits.max_file_bytes / 1e6:g} MB limit for one file"
        " (--max-file-mb or REPORTS_MAX_FILE_BYTES raises it)"
    )


def decode(path: str, data: bytes, limits: Limits | None = None) -> SourceText:
    """Decode ``data`` read from ``path``; raise ``DecodeError`` when it is not report text."""
    limits = limits or Limits.from_settings()
    kind = sniff(data)
    if kind is not None:
        raise DecodeError(path, not_supported(kind), "not-supported")
    problem = size_problem(len(data), limits)
    if problem is not None:
        raise DecodeError(path, problem, "too-large")
    bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    without_bom = None if bom else utf16_without_bom(data)
    nuls = 0 if bom or without_bom else data.count(b"\x00")
    if nuls > unreadable_allowed(len(data)):
        raise DecodeError(path, f"contains {nuls} NUL bytes: a binary file, not report text", "binary")
    text, encoding, replaced = (*without_bom, 0) if without_bom else decode_text(path, data)
    if text.startswith("\ufeff"):
        text = text[1:]
    # what a lossy conversion left before the file came: � as written (beyond those reading put in), and 锟斤拷
    damaged = max(0, text.count("\ufffd") - replaced) + text.count(LOST_AS_GBK)
    if nuls:  # a stray NUL or two in a text: shown as U+FFFD, which the page marks
        text, encoding = text.replace("\x00", "\ufffd"), f"{encoding} ({nuls} NUL bytes shown as U+FFFD)"
        replaced += nuls
    if encoding.startswith("utf-8") and utf8_read_as_gbk(text):  # the reading lost the bytes it could not read
        problem = "UTF-8 text that was read as GBK and saved again (乱码: 鍚勪綅浠ｈ〃 for 各位代表): use the original"
        raise DecodeError(path, problem, "mojibake")
    controls = len(BINARY_CONTROL.findall(text))
    if text and controls / len(text) > MAX_BINARY_CONTROL_SHARE:
        raise DecodeError(path, f"{controls} control characters: a binary file, not report text", "binary")
    sample = text[:NOT_TEXT_SAMPLE_CHARS]
    unassigned = sum(n for char, n in Counter(sample).items() if unicodedata.category(char) in NOT_TEXT_CATEGORIES)
    if sample and unassigned / len(sample) > MAX_NOT_TEXT_SHARE:
        share = f"{unassigned / len(sample):.0%}"
        raise DecodeError(path, f"{share} of the characters are unassigned or private-use: not text", "encoding")
    if HTML_DOCUMENT.match(text):
        raise DecodeError(path, "an HTML document, not report text: save the page's text instead", "html")
    visible_text = WHITESPACE.sub("", text)
    visible, han = len(visible_text), len(visible_text) - len(HAN.sub("", visible_text))
    if visible and han / visible < limits.min_chinese_share and not has_chinese_prose(text):
        share = f"{han / visible:.0%}"
        problem = f"{share} of its characters are Chinese, with no Chinese sentences: not the text of a report"
        raise DecodeError(path, problem, "not-report")
    lines, cut = cut_spaced_lines(split_lines(text), limits)
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    if len(lines[longest]) > limits.max_line_chars:
        problem = (
            f"line {longest + 1} has {len(lines[longest])} characters, over the limit of {limits.max_line_chars}"
            " (--max-line-chars or REPORTS_MAX_LINE_CHARS raises it)"
        )
        raise DecodeError(path, problem, "too-long-line")
    return SourceText(path=path, encoding=encoding, lines=lines, cut=cut, replaced=replaced, damaged=damaged)
