"""Results kept from one build to the next in a server: a pure function of immutable arguments in, the
same function out, which answers from the last build when it is given the same arguments again.

A server keeps every unchanged report's records in memory (``engine.cache``): at the next build they are
the very objects of the build before. A page made from such records alone (a comparison of two reports,
a place's targets beside its results) is then the page of the build before, and ``kept`` returns it
without making it again. Arguments are matched by value when they are strings, numbers, ``None`` or
tuples of those, and otherwise by identity (each entry holds its arguments, so no other object can take
their identity while it is kept). Results must not be changed by their callers.

Off unless ``keep_between_builds(True)`` (``engine.cache.remember_between_builds`` says it for a server:
a process that builds once gains nothing and would hold every result); ``next_build()`` starts a build
and forgets the results the build before did not use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import update_wrapper
from typing import Any, Generic, TypeVar

R = TypeVar("R")
VALUES = (str, int, float, bool, type(None))
KEEPING = {"on": False}


def keep_between_builds(on: bool) -> None:
    KEEPING["on"] = on


def token(argument: Any) -> Hashable:
    """What an argument is matched by: its value (strings, numbers, tuples of them) or its identity."""
    if isinstance(argument, VALUES):
        return argument
    if isinstance(argument, tuple):
        return tuple(token(item) for item in argument)
    return ("id", id(argument))


class Kept(Generic[R]):
    """``function`` with the results of this build and the last one, by their arguments' tokens."""

    def __init__(self, function: Callable[..., R]) -> None:
        self.function = function
        self.last: dict[Hashable, tuple[tuple[Any, ...], R]] = {}
        self.now: dict[Hashable, tuple[tuple[Any, ...], R]] = {}
        update_wrapper(self, function)

    def __call__(self, *arguments: Any) -> R:
        if not KEEPING["on"]:
            return self.function(*arguments)
        key = token(arguments)
        held = self.now.get(key) or self.last.get(key)
        result = held[1] if held is not None else self.function(*arguments)
        self.now[key] = (arguments, result)
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
