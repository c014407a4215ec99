"""Text held compressed: a string in, its zlib bytes out and back; ``PackedText``, a page kept so.

A report's page is about 140 KB as a Python string and a fifth of that compressed with zlib's fastest
level (well under a millisecond each way). The site holds every report's page from the moment the
workers make it until MkDocs reads it, and every page's HTML from its conversion until it is written
(``build.held_pages``): held compressed, an archive of 10,000 reports needs a fifth of the memory.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass


def packed(text: str) -> bytes:
    """``text`` compressed (zlib's fastest level: it is held for the length of a build, not stored)."""
    return zlib.compress(text.encode("utf-8", "surrogateescape"), 1)


def unpacked(data: bytes) -> str:
    """The text that ``packed`` compressed."""
    return zlib.decompress(data).decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class PackedText:
    """A page's text held compressed (``data``), followed by ``suffix``, a few lines added as it is."""

    data: bytes
    suffix: str = ""

    @classmethod
    def of(cls, text: str) -> PackedText:
        return cls(packed(text))

    def text(self) -> str:
        return unpacked(self.data) + self.suffix

    def plus(self, more: str) -> PackedText:
        """This text with ``more`` after it."""
        return PackedText(self.data, self.suffix + more)

    def identity(self) -> bytes:
        """Bytes that differ whenever the text does (the text packs to the same bytes at every build)."""
        return self.data + b"\0" + self.suffix.encode("utf-8", "surrogateescape")
