"""Watching for edits in a server: MkDocs' live-reload server and the folders it must watch in, the same
server told of each edit by the operating system rather than by polling out.

MkDocs' server looks for changes by polling (watchdog's ``PollingObserver``): twice a second it lists
and stats every file of every folder it watches. With 1,000 reports a poll takes about 40 ms, in the
server's own process, where it competes with the rebuild for the interpreter, and it grows with the
archive; an edit also waits up to half a second for the next poll before the rebuild starts.
``watch_natively`` moves the server's watches to watchdog's native observer (inotify on Linux, FSEvents
on macOS, ``ReadDirectoryChangesW`` on Windows), which is told of an edit at once and does nothing
between edits. Where it cannot start (no notifications, or too few of them allowed), the server polls
as before and says so; a folder whose edits send no notifications (some network or container mounts)
can be polled anyway with ``REPORTS_WATCH=poll``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

WATCH_ENV = "REPORTS_WATCH"
log = logging.getLogger("mkdocs.hooks.reports")
# what changes a file or folder, as polling would find it; not a file opened or read (the build reads
# every report, and a server told of that would rebuild for ever)
EDITS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class NativeObserver(Observer):  # type: ignore[misc, valid-type]  # the platform's observer class
    """watchdog's native observer, told of edits only, and started here so that a failure is caught; the
    server's own start then finds it running."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        return super().schedule(
            event_handler, path, recursive=recursive, event_filter=event_filter or EDITS, follow_symlink=follow_symlink
        )

    def start(self) -> None:
        if not self.is_alive():
            super().start()


def watch_natively(server: LiveReloadServer, folders: Iterable[str]) -> LiveReloadServer:
    """``server`` watching what it watched and ``folders`` through a native observer, or, when that
    cannot start or ``REPORTS_WATCH=poll``, by polling as MkDocs set it up."""
    if os.environ.get(WATCH_ENV) == "poll":
        for folder in folders:
            server.watch(folder)
        return server
    polling = server.observer
    watched = [*server._watched_paths, *(os.path.abspath(folder) for folder in folders)]
    native = NativeObserver()
    try:
        watch_with(server, native, watched)
        native.start()
    except OSError as error:
        log.warning(f"the server polls for edits: the system's notifications could not be used ({error})")
        if native.is_alive():
            native.stop()
        watch_with(server, PollingObserver(timeout=polling.timeout), watched)
    return server


def watch_with(server: LiveReloadServer, observer: BaseObserver, paths: Iterable[str]) -> None:
    """``server`` watching ``paths``, and only those, through ``observer`` (not started yet, or started)."""
    server.observer = observer
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path in paths:
        server.watch(path)
