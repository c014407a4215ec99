"""Rebuilding in place: what the last build wrote into a site folder in, the files this build must write out.

The command line makes every build a dirty one. ``BuildState`` keeps, per site folder, what the last
build wrote there (in the cache, ``site-state``); when the folder holds the last build of a site with
the same frame (code, settings, navigation: ``frame_of``), MkDocs writes only the generated files whose
bytes or section changed (``GeneratedFile.is_modified``) and the search index only its changed files,
and the files of pages and downloads the build no longer makes (a report taken out of the seeds
folder) are deleted (``BuildState.remove_gone``); otherwise the folder is cleaned first. Reports added
or taken out leave the frame as it is unless they add or remove a province or level of the navigation.
A page that is kept (``BuildState.keeps``) is neither rendered nor written, unless its render logged
warnings, which are then logged again; it is not even read unless the navigation lists it, since the
navigation shows titles that MkDocs takes from reading the pages.
The downloads wait in a temporary folder (``Staging``) rather than in memory until MkDocs copies them.
``unused_theme_files`` names the theme's files that the site never loads, which the hook leaves out.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Container
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from build_tools import search
from build_tools.engine.cache import ResultCache, shared_cache, source_version
from build_tools.engine.speedups import enabled
from build_tools.holding import Joined, PackedText, Stored, digest, identity, read
from build_tools.memo import kept
from build_tools.pages.site import SitePages
from build_tools.resource_files import load_yaml

RENDER_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


@kept
def content_digest(content: str | bytes, section: str) -> bytes:
    """The digest of a generated file's content in its section; in a server, a page kept from the last
    build (``memo``) is not digested again."""
    data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
    return digest(data + b"\0" + section.encode("utf-8", "surrogateescape") if section else data)


@dataclass(frozen=True)
class SiteState:
    """What the last build wrote into one site folder (see ``BuildState``): the frame
    every page depended on, the digest of its home page, of each generated file, and its search index
    (a ``search.WrittenIndex``)."""

    frame: str
    home: bytes
    generated: dict[str, bytes]
    index: Any
    noisy: frozenset[str] = frozenset()  # pages whose render logged warnings


class GeneratedFile(File):
    """A generated page or download that says whether it differs from what the last build wrote.

    In a dirty build (``python -m build_tools build`` and ``serve`` make every build one) MkDocs writes
    only the files that say so; ``BuildState`` has cleaned the folder first unless it holds the last
    build of the same site. Before the writing starts (``on_env``), MkDocs reads the pages that say so:
    all but those kept outside the navigation (``BuildState.skips_reading``).
    """

    modified = True
    packed: PackedText | None = None  # the page's Markdown, held compressed until MkDocs reads it
    state: BuildState

    def is_modified(self) -> bool:
        if not self.state.writing:  # reading: every page but those kept outside the navigation
            return not self.state.skips_reading(self)
        return self.modified or not os.path.isfile(self.abs_dest_path)

    @property
    def content_string(self) -> str:
        return self.packed.text() if self.packed is not None else super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.packed = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]


class BuildState:
    """Decides, per build, whether the site folder holds the last build of the same site (same
    ``frame``: code, settings, navigation); if not, it is cleaned and every file is new. Kept between
    builds in the cache (``site-state``), one entry per site folder."""

    def __init__(self) -> None:
        self.frame = ""
        self.site_dir = Path()
        self.previous: SiteState | None = None
        self.digests: dict[str, bytes] = {}
        self.urls: list[str] = []
        self.writing = False
        self.noisy: set[str] = set()
        self.in_nav: frozenset[str] = frozenset()  # the pages the navigation lists, by source path

    def cache(self) -> ResultCache | None:
        return shared_cache("site-state", "site-state")

    def key(self) -> str:
        return hashlib.sha256(str(self.site_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()

    def begin(self, site_dir: Path) -> None:
        self.site_dir, self.digests, self.writing, self.noisy = site_dir, {}, False, set()
        cache = self.cache()
        stored = cache.get(self.key()) if cache is not None else None
        home = site_dir / "index.html"
        same = (
            enabled("in-place")
            and isinstance(stored, SiteState)
            and stored.frame == self.frame
            and home.is_file()
            and digest(home.read_bytes()) == stored.home
        )
        self.previous = stored if same else None
        if cache is not None:  # a build that fails from here on leaves no record: the next one starts clean
            cache.put(self.key(), None)
        if not same:
            clean_directory(str(site_dir))

    def changed(self, path: str, content: str | bytes, section: str = "") -> bool:
        """Whether ``content``, shown in the navigation's ``section`` (the path of its index page), differs
        from what the last build wrote at ``path``."""
        self.digests[path] = content_digest(content, section)
        return self.previous is None or self.previous.generated.get(path) != self.digests[path]

    def remove_gone(self, config: MkDocsConfig, files: Files) -> int:
        """Deletes what the last build wrote into the folder for pages and downloads this build does not
        make (those of a report taken out of the seeds folder), and the folders it leaves empty; how
        many files. Nothing that another of this build's ``files`` writes is deleted."""
        if self.previous is None:
            return 0
        site = self.site_dir.resolve()
        kept = {os.path.normpath(file.abs_dest_path) for file in files}
        removed = 0
        for path in self.previous.generated.keys() - self.digests.keys():
            target = Path(File.generated(config, path, content="").abs_dest_path)
            if os.path.normpath(target) in kept or not target.is_file():
                continue
            target.unlink()
            removed += 1
            folder = target.parent
            while folder.resolve() != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        return removed

    def keeps(self, file: File) -> bool:
        """Whether ``file`` is a page this build keeps as the last build wrote it, which logged nothing
        when rendered (a page that did is rendered from the cache again, so its warnings are logged)."""
        if not isinstance(file, GeneratedFile) or self.previous is None or file.modified:
            return False
        if file.src_uri in self.previous.noisy:
            self.noisy.add(file.src_uri)
            return False
        return os.path.isfile(file.abs_dest_path)

    def skips_reading(self, file: File) -> bool:
        """Whether MkDocs need not read ``file`` at all: a page this build keeps that the navigation does not
        list (the navigation shows the titles of its pages, which MkDocs takes from reading them)."""
        return file.src_uri not in self.in_nav and self.keeps(file)

    def unchanged_urls(self, rendered: Container[str]) -> list[str]:
        """The pages this build did not render: indexed for search as the last build left them."""
        return [url for url in self.urls if url not in rendered] if self.previous is not None else []

    def finish(self, index: search.WrittenIndex | None) -> None:
        cache = self.cache()
        home = self.site_dir / "index.html"
        if cache is not None and home.is_file():
            state = SiteState(self.frame, digest(home.read_bytes()), self.digests, index, frozenset(self.noisy))
            cache.put(self.key(), state)


def frame_of(site: SitePages, config: MkDocsConfig, search_choice: str) -> str:
    """What every page of the site depends on besides its own content and section: when it changes, all
    are rebuilt. A page's tags are its own content (front matter). The list of pages is not part of it:
    a page shows the navigation (its levels and provinces) and its own section, never the other pages,
    whose links in its content are part of its content."""
    parts = [
        render_version(config),
        str(config.site_url),
        str(config.repo_url),
        search_choice,
        str(config.strict),
        repr(site.nav),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class Staging:
    """A temporary folder for the generated downloads of one build and the reports' bulk
    (``engine.spill``), made as the build starts and removed when it ends."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    def reset(self) -> None:
        self.remove()
        self.folder = Path(tempfile.mkdtemp(prefix="reports-build-"))

    def write(self, path: str, content: bytes | Stored | Joined) -> str:
        """Writes the download ``path`` (a joined one a part at a time) under ``downloads/``, where MkDocs
        copies it from; the reports' bulk (``engine.spill``) lies beside it, under ``bulk/``."""
        assert self.folder is not None
        target = self.folder / "downloads" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as file:
            for chunk in content.chunks() if isinstance(content, Joined) else [read(content)]:
                file.write(chunk)
        return str(target)

    def bulk_folder(self) -> str:
        assert self.folder is not None
        folder = self.folder / "bulk"
        folder.mkdir(exist_ok=True)
        return str(folder)

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def render_version(config: MkDocsConfig) -> str:
    """The code, configuration and package versions that decide what Markdown makes of a page."""
    versions = "".join(f"{name}={metadata.version(name)}\0" for name in RENDER_PACKAGES)
    config_file = Path(config.config_file_path or "")
    settings = config_file.read_bytes() if config_file.is_file() else b""
    return hashlib.sha256(source_version().encode() + versions.encode() + settings).hexdigest()


def generated_files(site: SitePages, config: MkDocsConfig, builds: BuildState, staging: Staging) -> list[GeneratedFile]:
    """The generated pages and downloads as files for MkDocs, each saying whether it must be written: its
    bytes or, for a page outside the navigation, its section (``site.parents``) changed."""
    made = []
    for path, content in site.pages.items():
        compared = content.identity() if isinstance(content, PackedText | Joined) else content
        section = site.parents.get(path, "")
        modified = builds.changed(path, compared if isinstance(compared, str) else identity(compared), section)
        if isinstance(content, PackedText):  # inflated when MkDocs reads it (``content_string``)
            file = GeneratedFile.generated(config, path, content="")
        elif isinstance(content, str):
            file = GeneratedFile.generated(config, path, content=content)
        elif modified or not os.path.isfile(os.path.join(config.site_dir, path)):
            # a download to write waits on disk, not in memory, until MkDocs copies it
            file = GeneratedFile.generated(config, path, abs_src_path=staging.write(path, content))
        else:  # a download the folder already holds as it is: never copied, so its bytes are not kept
            file = GeneratedFile.generated(config, path, content=b"")
            modified = False
        assert isinstance(file, GeneratedFile)
        file.modified, file.state = modified, builds
        if isinstance(content, PackedText):
            file.packed = content
        made.append(file)
    return made


def unused_theme_files(files: Files, config: MkDocsConfig, project_search: bool) -> list[File]:
    """The theme's files that the site never loads (``unused_theme_files`` of ``resources/settings.yaml``):
    with the project's search, Material's own search worker and lunr; always, source maps."""
    unused = load_yaml("settings.yaml")["unused_theme_files"]
    prefixes = tuple(unused["with_project_search"]) if project_search else ()
    endings = tuple(unused["always"])
    docs = Path(config.docs_dir).resolve()
    return [
        file
        for file in files
        if (file.src_uri.startswith(prefixes) or file.src_uri.endswith(endings))
        and file.src_dir is not None
        and Path(file.src_dir).resolve() != docs
    ]
