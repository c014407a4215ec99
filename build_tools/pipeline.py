"""The pipeline: input files in, a ``Publication`` (reports and per-file errors) out.

Composes the stages left to right for each file — decode, split, clean, structure, anomalies,
metadata, indicators, tags — and collects a one-line ``InputError`` for a file that cannot be published, so that
one bad file never stops the others. ``read_inputs`` is the only function here that touches files.

Each file is processed on its own (``process_input``: name and bytes in, its reports or its error out), so
``publish`` hands the files to a pool of worker processes when there are more than a handful
(``REPORTS_WORKERS`` sets the number; 1 processes them in this process). The result does not depend on
the pool: reports come back in input order. ``publish_cached`` first asks a ``ResultCache``
(``build_tools/cache.py``) for each file's result by content hash and processes only the files it lacks.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import cache
from pathlib import Path

from build_tools.anomalies import find_anomalies
from build_tools.cache import ResultCache
from build_tools.clean import clean
from build_tools.decode import DecodeError, decode
from build_tools.indicators import extract_indicators
from build_tools.metadata import describe, slug_for
from build_tools.model import InputError, Publication, Report, SourceText
from build_tools.provenance import with_source_spans
from build_tools.split import split
from build_tools.structure import structure
from build_tools.tagging import Tagger

Input = tuple[str, bytes | OSError]
FileResult = tuple[Report, ...] | InputError
WORKERS_ENV = "REPORTS_WORKERS"
MIN_FILES_FOR_POOL = 8


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
                indicators=with_source_spans(extract_indicators(cleaned.paragraphs), cleaned),
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


def process_input(path: str, data: bytes | OSError) -> FileResult:
    """The reports of one input file, or the one error that keeps it from being published."""
    if isinstance(data, OSError):
        return InputError(path, f"cannot be read: {data.strerror or data}", "unreadable")
    try:
        return tuple(process_bytes(path, data))
    except DecodeError as error:
        return InputError(path, error.problem, error.kind)
    except Exception as error:  # a fault in a stage must not cost the other reports
        return InputError(path, f"could not be processed: {type(error).__name__}: {error}", "internal")


def worker_count(files: int) -> int:
    """Processes to use for ``files`` files: ``REPORTS_WORKERS``, else one per core, none for a handful."""
    configured = os.environ.get(WORKERS_ENV)
    if configured:
        return max(1, int(configured))
    if files < MIN_FILES_FOR_POOL:
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def input_size(item: Input) -> int:
    return len(item[1]) if isinstance(item[1], bytes) else 0


def pool_context() -> multiprocessing.context.BaseContext:
    """``fork`` (workers start with the loaded resources) unless threads run here, as in ``mkdocs serve``."""
    single_threaded = threading.active_count() == 1
    method = "fork" if single_threaded and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def process_in_pool(inputs: Sequence[Input], workers: int) -> list[FileResult]:
    """``process_input`` of every input in ``workers`` processes, largest files first, results in input order."""
    results: list[FileResult | None] = [None] * len(inputs)
    largest_first = sorted(range(len(inputs)), key=lambda number: -input_size(inputs[number]))
    try:
        with ProcessPoolExecutor(min(workers, len(inputs)), mp_context=pool_context()) as pool:
            futures: dict[int, Future[FileResult]] = {n: pool.submit(process_input, *inputs[n]) for n in largest_first}
            for number, future in futures.items():
                results[number] = future.result()
    except BrokenProcessPool:
        pass  # a worker died (killed, out of memory): the files it left undone are processed here
    return [result if result is not None else process_input(*inputs[n]) for n, result in enumerate(results)]


def process_all(inputs: Sequence[Input], workers: int | None = None) -> list[FileResult]:
    """``process_input`` of every input, in input order; a pool when ``workers`` (default: automatic) > 1."""
    count = worker_count(len(inputs)) if workers is None else workers
    if count <= 1 or len(inputs) <= 1:
        return [process_input(path, data) for path, data in inputs]
    return process_in_pool(inputs, count)


def assemble(results: Iterable[FileResult]) -> Publication:
    """The ``Publication`` of per-file results in input order: all reports, then all errors."""
    reports: list[Report] = []
    errors: list[InputError] = []
    for result in results:
        if isinstance(result, InputError):
            errors.append(result)
        else:
            reports += result
    return Publication(tuple(unique_slugs(reports)), tuple(errors))


def publish(inputs: Iterable[Input], *, workers: int | None = None) -> Publication:
    """Reports of every input, with one error per input that could not be published."""
    return assemble(process_all(list(inputs), workers))


def is_cacheable(result: FileResult) -> bool:
    """Results that depend only on the file: not a read failure, not a fault that might not recur."""
    return not isinstance(result, InputError) or result.kind not in {"unreadable", "internal"}


def publish_cached(
    inputs: Iterable[Input], cache: ResultCache | None, *, workers: int | None = None
) -> tuple[Publication, int]:
    """``publish(inputs)``, taking each file's result from ``cache`` when it has one; also the files processed."""
    inputs = list(inputs)
    if cache is None:
        return publish(inputs, workers=workers), len(inputs)
    keys = [cache.key(path, data) if isinstance(data, bytes) else "" for path, data in inputs]
    results: list[FileResult | None] = [cache.get(key) if key else None for key in keys]
    missing = [number for number, result in enumerate(results) if result is None]
    for number, result in zip(missing, process_all([inputs[n] for n in missing], workers), strict=True):
        results[number] = result
        if keys[number] and is_cacheable(result):
            cache.put(keys[number], result)
    cache.retain(set(keys))
    return assemble(result for result in results if result is not None), len(missing)


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
