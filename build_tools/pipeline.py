"""The pipeline: input files in, a ``Publication`` (reports and per-file errors) out.

Composes the stages left to right for each file — decode, split, clean, structure, anomalies,
metadata, indicators, tags — and collects a one-line ``InputError`` for a file that cannot be published, so that
one bad file never stops the others. ``read_inputs`` is the only function here that touches files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from build_tools.anomalies import find_anomalies
from build_tools.clean import clean
from build_tools.decode import DecodeError, decode
from build_tools.indicators import extract_indicators
from build_tools.metadata import describe, slug_for
from build_tools.model import InputError, Publication, Report, SourceText
from build_tools.split import split
from build_tools.structure import structure
from build_tools.tagging import Tagger


@cache
def tagger() -> Tagger:
    """The tagger, with its own segmenter and resources, loaded once per process."""
    return Tagger.from_resources()


def process_source(source: SourceText) -> list[Report]:
    """Every report of one decoded file."""
    collection = split(source)
    pieces = len(collection.reports)
    reports = []
    for raw in collection.reports:
        cleaned = clean(raw, collection.preamble if raw.index == 1 else ())
        blocks = structure(cleaned.paragraphs)
        about = describe(cleaned, blocks, pieces=pieces)
        reports.append(
            Report(
                source=source.path,
                index=raw.index,
                slug=slug_for(source.path, raw.index, pieces=pieces),
                title=about.title,
                place=about.place,
                level=about.level,
                cleaned=cleaned,
                blocks=blocks,
                anomalies=find_anomalies(blocks),
                indicators=extract_indicators(cleaned.paragraphs),
                tags=tagger().tags("\n".join(paragraph.text for paragraph in cleaned.paragraphs)),
            )
        )
    return reports


def process_bytes(path: str, data: bytes) -> list[Report]:
    """Every report of the file ``path`` whose content is ``data``; raises ``DecodeError``."""
    reports = process_source(decode(path, data))
    if not any(report.cleaned.paragraphs for report in reports):
        raise DecodeError(path, "no report text found (empty or only page furniture)", "empty")
    return reports


def publish(inputs: Iterable[tuple[str, bytes | OSError]]) -> Publication:
    """Reports of every input, with one error per input that could not be published."""
    reports: list[Report] = []
    errors: list[InputError] = []
    for path, data in inputs:
        if isinstance(data, OSError):
            errors.append(InputError(path, f"cannot be read: {data.strerror or data}", "unreadable"))
            continue
        try:
            reports += process_bytes(path, data)
        except DecodeError as error:
            errors.append(InputError(path, error.problem, error.kind))
        except Exception as error:  # a fault in a stage must not cost the other reports
            errors.append(InputError(path, f"could not be processed: {type(error).__name__}: {error}", "internal"))
    return Publication(tuple(unique_slugs(reports)), tuple(errors))


def unique_slugs(reports: list[Report]) -> list[Report]:
    """``reports`` with a number added to any page name already taken."""
    taken: set[str] = set()
    unique = []
    for report in reports:
        slug, counter = report.slug, 2
        while slug in taken:
            slug, counter = f"{report.slug}-{counter}", counter + 1
        taken.add(slug)
        unique.append(report if slug == report.slug else replace(report, slug=slug))
    return unique


def input_files(folder: Path) -> list[Path]:
    """Every file of ``folder``, sorted by name (hidden files included, folders skipped)."""
    return sorted(path for path in folder.iterdir() if path.is_file())


def read_inputs(paths: Iterable[Path], shown_as: Callable[[Path], str] = str) -> list[tuple[str, bytes | OSError]]:
    """(name shown to readers, content) of each file, or the error that stopped reading it."""
    inputs: list[tuple[str, bytes | OSError]] = []
    for path in paths:
        try:
            inputs.append((shown_as(path), path.read_bytes()))
        except OSError as error:
            inputs.append((shown_as(path), error))
    return inputs


def summary(publication: Publication, files: int) -> str:
    """One line: files read, reports published, and failures by kind."""
    kinds = Counter(error.kind for error in publication.errors)
    failed = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"
    published, errors = len(publication.reports), len(publication.errors)
    return f"{files} files read, {published} reports published, {errors} failed ({failed})"
