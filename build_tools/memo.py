"""Results kept from one build to the next in a server: a pure function of immutable arguments in, the
same function out, which answers from the last build when it is given the same arguments again.

A server keeps every unchanged report's records in memory (``engine.cache``): at the next build they are
the very objects of the build before. A page made from such records alone (a comparison of two reports,
a place's targets beside its results) is then the page of the build before, and ``kept`` returns it
without making it again. Arguments are matched by equality, so they must be hashable and immutable:
strings, numbers, tuples and frozen dataclasses (equal records give the same page; for the records of
the build before, equality is found by identity at once). Results must not be changed by their callers.

Off unless ``keep_between_builds(True)`` (``engine.cache.remember_between_builds`` says it for a server:
a process that builds once gains nothing and would hold every result); ``next_build()`` starts a build
and forgets the results the build before did not use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import update_wrapper
from typing import Any, Generic, TypeVar

R = TypeVar("R")
KEEPING = {"on": False}


def keep_between_builds(on: bool) -> None:
    KEEPING["on"] = on


class Kept(Generic[R]):
    """``function`` with the results of this build and the last one, by their arguments."""

    def __init__(self, function: Callable[..., R]) -> None:
        self.function = function
        # by the hash of the arguments (each argument hashed once a call): the arguments and the result
        self.last: dict[int, tuple[tuple[Hashable, ...], R]] = {}
        self.now: dict[int, tuple[tuple[Hashable, ...], R]] = {}
        update_wrapper(self, function)

    def __call__(self, *arguments: Any) -> R:
        if not KEEPING["on"]:
            return self.function(*arguments)
        code = hash(arguments)
        for held in (self.now, self.last):
            found = held.get(code)
            if found is not None and found[0] == arguments:
                result = found[1]
                break
        else:
            result = self.function(*arguments)
        self.now[code] = (arguments, result)
        return result

    def next_build(self) -> None:
        self.last, self.now = self.now, {}


EVERY: list[Kept[Any]] = []


def kept(function: Callable[..., R]) -> Kept[R]:
    """``function`` (pure, its arguments immutable), answering from the last build in a server."""
    made = Kept(function)
    EVERY.append(made)
    return made


def next_build() -> None:
    """A build starts: what the last build did not use is forgotten."""
    for made in EVERY:
        made.next_build()
