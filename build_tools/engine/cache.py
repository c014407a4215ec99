"""Content-hash cache of per-file pipeline results: (name, bytes) in, the pickled result out.

The same store also keeps the HTML that MkDocs rendered for each page (``kind="pages"``, used by the
MkDocs hook); its keys are made by the hook from the page's Markdown and everything else the render reads.

The key of an entry is the SHA-256 of the file's content, the name readers see it under (reports
take their source and page name from it) and ``code_version()``: a hash of every module and resource
of ``build_tools``, the settings that the environment overrides and the versions of the segmenters.
A change to any of those gives new keys, so an entry can never be stale; old entries are simply no
longer asked for.

Entries live in ``REPORTS_CACHE_DIR/KIND/`` (default ``.cache/reports/`` and ``.cache/pages/`` in the
project root), one file each, written to a temporary name and renamed into place so that a reader never
sees half a file.
An entry that cannot be read or unpickled, or that holds another key, counts as a miss.
``REPORTS_CACHE=off`` turns the cache off. Reading an entry refreshes its time; ``prune`` deletes
those unused for ``cache_keep_days`` (``resources/settings.yaml``), which the build does once a day.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from build_tools.engine.speedups import enabled
from build_tools.memo import keep_between_builds
from build_tools.resource_files import load_yaml

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = PACKAGE_DIR.parent / ".cache"
FOLDER_ENV = "REPORTS_CACHE_DIR"
SWITCH_ENV = "REPORTS_CACHE"
# Environment variables that change what the pipeline makes of a file (see decode.Limits).
SETTINGS_ENV = ("REPORTS_MAX_FILE_BYTES", "REPORTS_MAX_LINE_CHARS")
PACKAGES = ("jieba", "rjieba")
FORMAT = b"reports-cache 1"
DAY_SECONDS = 86400.0


@cache
def source_version() -> str:
    """A hash of the code and resources of ``build_tools``, Python's version and the segmenters' versions."""
    digest = hashlib.sha256(FORMAT)
    digest.update(sys.version.encode())
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in PACKAGES:
        digest.update(f"{name}={package_version(name)}\0".encode())
    return digest.hexdigest()


def code_version() -> str:
    """``source_version()`` with the settings that the environment overrides."""
    digest = hashlib.sha256(source_version().encode())
    for name in SETTINGS_ENV:
        digest.update(f"\0{name}={os.environ.get(name, '')}".encode())
    return digest.hexdigest()


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def cache_root() -> Path:
    """The folder of the cache (``REPORTS_CACHE_DIR``, else ``.cache/`` in the project root); the input
    folder's walk leaves it out, so that it is never read as input."""
    return Path(os.environ.get(FOLDER_ENV) or DEFAULT_ROOT)


def entry_key(name: str, data: bytes, version: str) -> str:
    """The key of the result for ``data`` shown to readers as ``name``."""
    digest = hashlib.sha256(version.encode())
    digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class ResultCache:
    """Pickled results in ``folder``, one file per key, and in memory those of the latest build."""

    folder: Path
    version: str
    remember: bool = True  # keep results in memory too, for the next build of this process
    memory: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_environment(
        cls, kind: str = "reports", version: str | None = None, *, remember: bool = True
    ) -> ResultCache | None:
        """The cache of ``kind`` the environment asks for, or ``None`` when ``REPORTS_CACHE=off``."""
        if os.environ.get(SWITCH_ENV, "").lower() in {"off", "0", "no", "false"}:
            return None
        folder = cache_root() / kind
        return cls(folder, version or code_version(), remember)

    def key(self, name: str, data: bytes) -> str:
        return entry_key(name, data, self.version)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        """The stored result of ``key``, or ``None`` when absent, unreadable or not this key's."""
        if key in self.memory:
            return self.memory[key]
        path = self.path(key)
        try:
            stored_key, result = pickle.loads(path.read_bytes())
        except Exception:  # a missing, truncated or foreign entry is a miss, never an error
            return None
        if stored_key != key:
            return None
        with suppress(OSError):
            os.utime(path)  # used now: ``prune`` keeps it
        if self.remember:
            self.memory[key] = result
        return result

    def has(self, key: str) -> bool:
        """Whether ``key`` has an entry (in memory, or a file that ``get`` will try to read)."""
        return key in self.memory or self.path(key).is_file()

    def is_writable(self) -> bool:
        """Whether entries can be stored (the folder can be made and written to)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.folder):
                return True
        except OSError:
            return False

    def retain(self, keys: set[str]) -> None:
        """Forgets, in memory only, every result but those of ``keys``."""
        for key in self.memory.keys() - keys:
            del self.memory[key]

    def hold(self, key: str, result: Any) -> None:
        """Keeps ``result``, which another process stored under ``key``, in memory (when it remembers)."""
        if self.remember:
            self.memory[key] = result

    def put(self, key: str, result: Any) -> None:
        """Stores ``result`` under ``key``; a cache that cannot be written is skipped silently."""
        if self.remember:
            self.memory[key] = result
        target = self.path(key)
        try:
            payload = pickle.dumps((key, result), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a result that does not pickle is kept in memory only
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, target)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def prune(root: Path, keep_seconds: float, *, now: float | None = None) -> int:
    """Deletes the entries under ``root`` that no build has read or written for ``keep_seconds``; returns
    how many. At most once a day (the time of the last pruning is the mtime of ``root/pruned``)."""
    now = time.time() if now is None else now
    marker = root / "pruned"
    try:
        if now - marker.stat().st_mtime < DAY_SECONDS:
            return 0
    except OSError:
        pass
    removed = 0
    for path in root.glob("*/*/*"):
        try:
            if path.suffix in {".pickle", ".tmp"} and now - path.stat().st_mtime > keep_seconds:
                path.unlink()
                removed += 1
        except OSError:
            continue
    with suppress(OSError):
        root.mkdir(parents=True, exist_ok=True)
        marker.touch()
        os.utime(marker, (now, now))
    return removed


def prune_shared() -> int:
    """``prune`` of the folder the environment's caches live in, by ``cache_keep_days`` of the settings."""
    if os.environ.get(SWITCH_ENV, "").lower() in {"off", "0", "no", "false"}:
        return 0
    days = float(load_yaml("settings.yaml")["cache_keep_days"])
    return prune(Path(os.environ.get(FOLDER_ENV) or DEFAULT_ROOT), days * DAY_SECONDS)


SHARED: dict[tuple[Path, str], ResultCache] = {}
# Whether shared caches keep results in memory: worth it only for a process that builds again (a server).
REMEMBERING = {"on": False}


def remember_between_builds(on: bool) -> None:
    """Makes the shared caches created from now on keep the latest build's results in memory, and the
    pages made from them (``memo``)."""
    REMEMBERING["on"] = on
    keep_between_builds(on and enabled("memo"))


def remembering() -> bool:
    """Whether the shared caches keep the latest build's results in memory (``mkdocs serve``)."""
    return REMEMBERING["on"]


def shared_cache(kind: str = "reports", version: str | None = None) -> ResultCache | None:
    """The cache the environment asks for, the same object for every build of this process (``mkdocs serve``)."""
    fresh = ResultCache.from_environment(kind, version, remember=REMEMBERING["on"])
    if fresh is None:
        return None
    return SHARED.setdefault((fresh.folder, fresh.version), fresh)
