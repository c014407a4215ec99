"""Reading the input folder: a folder in; the files to publish, with their bytes, and the files refused out.

This is the edge of the build that touches the reports: ``discover`` walks the folder and every folder
below it (``2024/广东/…``) and reads each regular file once. A file is named as readers see it: the
folder's name, then its path below the folder (``seeds/2024/广东/x.txt``); the files come sorted by
that name, so the result does not depend on the order the file system lists them in.

What is not read, and why, comes back as ``InputError``s in ``Discovery.refused``, by kind:

- ``link-outside``: a symbolic link whose target lies outside the input folder.
- ``link-excluded``: a link into a hidden folder or an excluded one (the build's cache).
- ``broken-link``: a link that leads nowhere (its target is missing, or links lead round in a loop).
- ``special-file``: a device, named pipe (FIFO) or socket; never opened.
- ``vanished``, ``changed``: a file or folder deleted, replaced or written to while it was read.
- ``unreadable``: a folder that cannot be listed.

Links are never followed while walking, so the walk ends; a link whose target lies inside the folder
adds nothing, since the target is read under its own name. Folders already walked are remembered by
(device, inode), so that a bind mount cannot lead round either. Hidden files are read like any
other, but for the housekeeping files folders collect (``.DS_Store``, ``.gitkeep``, ``README.md``:
``resources/housekeeping.yaml``), which come back by name in ``Discovery.ignored`` for the log to name;
hidden folders (``.git``, ``.cache``) are not walked, nor are the folders in ``exclude``. A
file that exists but cannot be read comes back with its ``OSError`` in place of its bytes, as
``process_input`` of the pipeline expects.

``overlap`` says when the site folder lies inside the input folder or the input inside the site
folder, which the build refuses before it writes anything; ``no_reports`` what a build that publishes
no report says.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from build_tools.model import InputError
from build_tools.report.decode import Limits, size_problem
from build_tools.resource_files import load_yaml

Content = bytes | OSError
# Characters of a file's name that a log line cannot show as they are (controls, line breaks, direction marks)
UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Opening never follows a link (one swapped in since the folder was listed), never waits on a pipe.
OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True)
class Discovery:
    """The files to publish as (name shown to readers, bytes or the error that stopped reading them),
    sorted by name, and the files and folders refused, each with its problem in one line."""

    inputs: tuple[tuple[str, Content], ...]
    refused: tuple[InputError, ...] = ()
    ignored: tuple[str, ...] = ()  # housekeeping files (``is_housekeeping``), named in the log
    hidden: tuple[str, ...] = ()  # hidden folders (.old/), not read, named in the log


def discover(folder: Path, *, exclude: Sequence[Path] = ()) -> Discovery:
    """Every file below ``folder`` that can be published, read, and every one that cannot, named.

    Raises ``OSError`` when ``folder`` itself cannot be listed (missing, not a folder)."""
    walk = Walk(real_path(folder), shown_name(folder), tuple(real_path(path) for path in exclude))
    walk.run()
    inputs: list[tuple[str, Content]] = []
    refused = list(walk.refused)
    for name, path in sorted(walk.files):
        content = read_file(name, path)
        if isinstance(content, InputError):
            refused.append(content)
        else:
            inputs.append((name, content))
    refused.sort(key=lambda error: error.source)
    return Discovery(tuple(inputs), tuple(refused), tuple(sorted(walk.ignored)), tuple(sorted(walk.hidden)))


@cache
def housekeeping() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """The names, stems and suffixes of ``resources/housekeeping.yaml``."""
    entries = load_yaml("housekeeping.yaml")
    stems = frozenset(stem.casefold() for stem in entries["stems"])
    return frozenset(entries["names"]), stems, tuple(suffix.casefold() for suffix in entries["suffixes"])


def is_housekeeping(name: str) -> bool:
    """Whether a file called ``name`` is one a folder collects and never a report (.DS_Store, README.md,
    SOURCES.tsv)."""
    names, stems, suffixes = housekeeping()
    return name in names or name.split(".", 1)[0].casefold() in stems or name.casefold().endswith(suffixes)


def real_path(path: Path) -> Path:
    """``path`` absolute, with every link on the way resolved (as far as it exists)."""
    return Path(os.path.realpath(path))


def shown_name(folder: Path) -> str:
    """The name readers see the folder under: its own, as given (``seeds``), not its link's target's."""
    return printable(Path(os.path.abspath(folder)).name or "/")


WINDOWS_NAME = re.compile(r"[\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")  # what a GBK name reads as


def readable_name(name: str) -> str:
    """``name`` as text: its bytes that are not UTF-8 (kept by Python as lone surrogates) read as GB18030
    where that gives Chinese (a zip made on Chinese Windows names its files in GBK: 2024年襄阳.txt was
    2024��������.txt, its place not read), else shown as U+FFFD."""
    data = name.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        windows = data.decode("gb18030")
    except UnicodeDecodeError:
        windows = ""
    return windows if WINDOWS_NAME.fullmatch(windows) else data.decode("utf-8", "replace")


def printable(name: str) -> str:
    """``readable_name``, with control characters, line breaks and direction overrides written out (\\x1b,
    \\n, \\u202e): a name with them recoloured the terminal or broke one line of the log into several."""
    return UNSHOWABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), readable_name(name))


@dataclass
class Walk:
    """One walk of the folder ``root`` (a real path): the regular files found and what was refused."""

    root: Path
    label: str
    exclude: tuple[Path, ...]
    files: list[tuple[str, Path]] = field(default_factory=list)
    refused: list[InputError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # hidden folders, not walked but named
    seen: set[tuple[int, int]] = field(default_factory=set)

    def run(self) -> None:
        pending: list[tuple[Path, tuple[str, ...]]] = [(self.root, ())]
        while pending:
            folder, parts = pending.pop()
            for entry in self.listing(folder, parts):
                found = self.entry(entry, (*parts, entry.name))
                if found is not None:
                    pending.append(found)

    def name(self, parts: tuple[str, ...]) -> str:
        return "/".join((self.label, *(printable(part) for part in parts)))

    def refuse(self, parts: tuple[str, ...], problem: str, kind: str) -> None:
        self.refused.append(InputError(self.name(parts), problem, kind))

    def listing(self, folder: Path, parts: tuple[str, ...]) -> list[os.DirEntry[str]]:
        """The entries of ``folder``, or none when it was walked already (by device and inode) or cannot be."""
        try:
            identity = os.stat(folder, follow_symlinks=False)
            if (identity.st_dev, identity.st_ino) in self.seen:
                return []
            self.seen.add((identity.st_dev, identity.st_ino))
            with os.scandir(folder) as entries:
                return sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            if not parts:
                raise
            self.refuse_folder(parts, error)
            return []

    def refuse_folder(self, parts: tuple[str, ...], error: OSError) -> None:
        folder = (*parts[:-1], parts[-1] + "/")
        if error.errno == errno.ENOENT:
            self.refuse(folder, "a folder that vanished during the build (deleted or moved)", "vanished")
        elif error.errno in {errno.ENOTDIR, errno.ELOOP}:
            self.refuse(folder, "a folder that was replaced during the build: not read", "changed")
        else:
            self.refuse(folder, f"a folder that cannot be read: {error.strerror or error}", "unreadable")

    def entry(self, entry: os.DirEntry[str], parts: tuple[str, ...]) -> tuple[Path, tuple[str, ...]] | None:
        """Takes note of one entry of a folder; returns a folder still to walk."""
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except FileNotFoundError:
            self.refuse(parts, "vanished during the build (deleted or moved)", "vanished")
            return None
        except OSError:  # cannot even be looked at: reading it will say why
            mode = stat.S_IFREG
        if stat.S_ISLNK(mode):
            self.link(path, parts)
        elif stat.S_ISDIR(mode):
            if self.walked(path, folder=True):
                return path, parts
            if entry.name.startswith(".") and not any(path == excluded for excluded in self.exclude):
                self.hidden.append(self.name(parts) + "/")
        elif stat.S_ISREG(mode) and is_housekeeping(entry.name):
            self.ignored.append(self.name(parts))
        elif stat.S_ISREG(mode):
            if self.walked(path, folder=False):
                self.files.append((self.name(parts), path))
        else:
            self.refuse(parts, special_problem(mode), "special-file")
        return None

    def walked(self, path: Path, *, folder: bool) -> bool:
        """Whether the walk reads ``path`` (a real path inside ``root``): not hidden, not excluded."""
        if any(path == excluded or path.is_relative_to(excluded) for excluded in self.exclude):
            return False
        parts = path.relative_to(self.root).parts
        return not any(part.startswith(".") for part in (parts if folder else parts[:-1]))

    def link(self, path: Path, parts: tuple[str, ...]) -> None:
        """A symbolic link: refused unless its target lies inside the folder, where it is read anyway."""
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing target, or a loop of links
            problem = "a link that leads nowhere (its target is missing, or links lead round in a loop)"
            self.refuse(parts, problem, "broken-link")
            return
        if not (target == self.root or target.is_relative_to(self.root)):
            self.refuse(parts, "a link to a place outside the input folder: not read", "link-outside")
        elif not self.walked(target, folder=target.is_dir()):
            self.refuse(parts, "a link into a hidden folder or the build's cache: not read", "link-excluded")
        elif target.is_file() and is_housekeeping(target.name) and not is_housekeeping(path.name):
            # its target is passed over as a folder's housekeeping, so nothing would read the report it names
            problem = f"a link to {printable(target.name)}, a file the build does not read (README, notes): not read"
            self.refuse(parts, problem, "link-excluded")


def special_problem(mode: int) -> str:
    kind = next((name for test, name in SPECIAL_KINDS if test(mode)), "a special file")
    return f"{kind}, not a regular file: never opened"


def read_file(name: str, path: Path) -> Content | InputError:
    """The bytes of the regular file at ``path``; an ``InputError`` when it vanished, changed or is no
    longer a regular file; the ``OSError`` when it cannot be read."""
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except FileNotFoundError:
        return InputError(name, "vanished during the build (deleted or moved)", "vanished")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return InputError(name, "was replaced by a link during the build: not read", "changed")
        return error
    with os.fdopen(descriptor, "rb") as file:
        try:
            before = os.fstat(descriptor)
            if not stat.S_ISREG(before.st_mode):
                return InputError(name, special_problem(before.st_mode), "special-file")
            too_large = size_problem(before.st_size, Limits.from_settings())
            if too_large is not None:  # refused before it is read: a file of gigabytes would fill the memory
                return InputError(name, too_large, "too-large")
            data = file.read()
            after = os.fstat(descriptor)
        except OSError as error:
            return error
    if len(data) != after.st_size or signature(before) != signature(after):
        return InputError(name, "changed while the build read it: not published; build again", "changed")
    return data


def signature(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


def overlap(folder: Path, site_dir: Path) -> str | None:
    """Why the site cannot be written to ``site_dir`` from the reports of ``folder``, or ``None``: the
    build would read its own output, or clean away its input."""
    inputs, site = real_path(folder), real_path(site_dir)
    if site == inputs:
        return f"the site folder {site_dir} is the input folder: choose a site folder outside it"
    if site.is_relative_to(inputs):
        return f"the site folder {site_dir} lies inside the input folder {folder}: choose a site folder outside it"
    if inputs.is_relative_to(site):
        return f"the input folder {folder} lies inside the site folder {site_dir}, which the build cleans: move it out"
    return None


def no_reports(folder: Path, found: Discovery) -> str:
    """The warning of a build that publishes no report from ``folder``, where ``found`` was found."""
    if not found.inputs and not found.refused:
        return f"{folder}: the folder of reports holds no files: the site has no reports"
    return f"{folder}: none of its files could be published: the site has no reports"
