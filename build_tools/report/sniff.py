"""Kinds of files that are not text, told from their bytes: a file's content in, what it is (or ``None``) out.

People keep reports in Word, WPS and PDF files, zip archives and scans; such a file is not report
text, and decoding it as text would publish garbage. ``sniff`` names the kind from the file's magic
numbers (``resources/formats.yaml``: zip and the Office Open XML documents inside one, OLE2 compound
files such as .doc and .wps, PDF, RTF, images, archives), whatever the file's name says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from build_tools.resource_files import load_yaml

FORMATS_FILE = "formats.yaml"


@dataclass(frozen=True)
class Format:
    """One kind of file: its name as the build says it, and how its bytes show it."""

    name: str
    magic: tuple[bytes, ...]
    offset: int = 0
    also: bytes = b""
    also_offset: int = 0
    contains: tuple[str, ...] = ()

    def matches(self, data: bytes) -> bool:
        if not any(data.startswith(magic, self.offset) for magic in self.magic):
            return False
        if self.also and not data.startswith(self.also, self.also_offset):
            return False
        return not self.contains or any(contains_name(data, name) for name in self.contains)


def contains_name(data: bytes, name: str) -> bool:
    """Whether ``name`` appears in ``data`` as ASCII (zip member names) or UTF-16LE (OLE2 stream names)."""
    return name.encode("ascii") in data or name.encode("utf-16-le") in data


@cache
def formats() -> tuple[Format, ...]:
    """The kinds of ``resources/formats.yaml``, in the order they are tried."""
    return tuple(
        Format(
            name=entry["name"],
            magic=tuple(bytes.fromhex(magic) for magic in entry["magic"]),
            offset=int(entry.get("offset", 0)),
            also=bytes.fromhex(entry.get("also", "")),
            also_offset=int(entry.get("also_offset", 0)),
            contains=tuple(entry.get("contains", ())),
        )
        for entry in load_yaml(FORMATS_FILE)["formats"]
    )


def sniff(data: bytes) -> Format | None:
    """The kind of file ``data`` is when it is one of the known kinds that are not text, else ``None``."""
    return next((kind for kind in formats() if kind.matches(data)), None)


def not_supported(kind: Format) -> str:
    """The one-line problem of a file of ``kind``."""
    return f"{kind.name}, not plain text: not supported; save it as a text file (.txt) to publish it"
