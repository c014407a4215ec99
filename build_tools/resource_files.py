"""Resource files in, parsed data out: the one place that reads ``build_tools/resources``.

Patterns, word lists and tables live there as data; stages ask for them by name and get
the parsed contents, loaded once per process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

PACKAGE = "build_tools.resources"


def resource_text(name: str) -> str:
    """The text of the resource file ``name`` (a path below ``build_tools/resources``)."""
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


# libyaml's parser where PyYAML was built with it (several times faster: the glossary alone took 0.1 s a build)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """``text`` parsed as YAML, safely (no Python objects)."""
    return yaml.load(text, Loader=SAFE_LOADER)


@cache
def load_yaml(name: str) -> Any:
    return parse_yaml(resource_text(name))


@cache
def compiled(name: str, key: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The list of ``{pattern, reason}`` entries under ``key`` of YAML file ``name``, compiled."""
    return tuple((re.compile(entry["pattern"]), entry["reason"]) for entry in load_yaml(name)[key])


@cache
def pattern(name: str, key: str) -> re.Pattern[str]:
    """The single regular expression stored under ``key`` of YAML file ``name``."""
    return re.compile(load_yaml(name)[key])


@cache
def cleaning_reason(key: str) -> str:
    """A reason the cleaning audit gives (``reasons`` of ``cleaning.yaml``), its ``{…}`` fields to fill."""
    return str(load_yaml("cleaning.yaml")["reasons"][key])
