"""What a build holds until MkDocs reads or copies it: text compressed in memory, bytes in a file.

A report's page is about 140 KB as a Python string and a fifth of that compressed with zlib's fastest
level (well under a millisecond each way); with its downloads (Markdown, indicator rows) a report's
pages weigh about 80 KB even so. The site holds every report's pages from the moment they are
made until MkDocs reads them, so at 10,000 reports they would be most of a build's memory. Held here:

- ``PackedText``: a page's text compressed (``packed``), plus a few lines added after it;
- ``Stored``: bytes kept in a file of the build's staging folder (``engine.spill`` puts them there) by
  their place and digest, read back only when a file is written;
- ``Joined``: a download made of such parts in order (a year's indicator rows behind one header,
  compressed as one gzip member), put together only as it is written.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO


def packed(text: str) -> bytes:
    """``text`` compressed (zlib's fastest level: it is held for the length of a build, not stored)."""
    return zlib.compress(text.encode("utf-8", "surrogateescape"), 1)


def inflated(data: bytes) -> bytes:
    """The UTF-8 bytes of the text that ``packed`` compressed."""
    return zlib.decompress(data)


def unpacked(data: bytes) -> str:
    """The text that ``packed`` compressed."""
    return inflated(data).decode("utf-8", "surrogateescape")


def digest(data: bytes) -> bytes:
    """A short digest of ``data``: what tells a file, a page or a part that changed from one that did not."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True)
class Stored:
    """``length`` bytes at ``start`` of the file ``path``, whose digest is ``digest``."""

    path: str
    start: int
    length: int
    digest: bytes

    def read(self) -> bytes:
        with open(self.path, "rb") as file:
            file.seek(self.start)
            return file.read(self.length)


def store(file: BinaryIO, path: str, data: bytes) -> Stored:
    """Appends ``data`` to ``file``, open for writing at the end of the file ``path``; where it lies."""
    start = file.tell()
    file.write(data)
    return Stored(path, start, len(data), digest(data))


def read(part: bytes | Stored) -> bytes:
    return part if isinstance(part, bytes) else part.read()


def identity(part: bytes | Stored) -> bytes:
    """Bytes that differ whenever ``part``'s bytes do: the bytes held, or the digest of those stored."""
    return part if isinstance(part, bytes) else part.digest


@dataclass(frozen=True)
class PackedText:
    """A page's text held compressed (``data``, in memory or stored), followed by ``suffix``, a few lines
    added as they are."""

    data: bytes | Stored
    suffix: str = ""

    @classmethod
    def of(cls, text: str) -> PackedText:
        return cls(packed(text))

    def text(self) -> str:
        return unpacked(read(self.data)) + self.suffix

    def plus(self, more: str) -> PackedText:
        """This text with ``more`` after it."""
        return PackedText(self.data, self.suffix + more)

    def identity(self) -> bytes:
        """Bytes that differ whenever the text does (a text packs to the same bytes at every build)."""
        return identity(self.data) + b"\0" + self.suffix.encode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Joined:
    """A file made of ``parts`` joined in order, compressed as one gzip member when ``compressed``."""

    parts: tuple[bytes | Stored, ...]
    compressed: bool = False

    def identity(self) -> bytes:
        return digest(b"\0".join([b"gz" if self.compressed else b"", *(identity(part) for part in self.parts)]))

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes a piece at a time, as they are written."""
        if not self.compressed:
            yield from (read(part) for part in self.parts)
            return
        compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip, no name or time stamp
        for part in self.parts:
            yield compressor.compress(read(part))
        yield compressor.flush()

    def contents(self) -> bytes:
        return b"".join(self.chunks())


def contents(value: bytes | Stored | Joined) -> bytes:
    """The whole bytes of a download, however it is held."""
    return value.contents() if isinstance(value, Joined) else read(value)
