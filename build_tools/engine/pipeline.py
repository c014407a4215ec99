"""The pipeline: input files in, a ``Publication`` (reports and per-file errors) out.

Composes the stages left to right for each file — decode, split, clean, structure, anomalies,
identity (``archive.identity``), metadata, indicators, tags (these two on the report's reading,
``report.reading``: a report in traditional characters is read in simplified ones) — and collects a
one-line ``InputError`` for a file that cannot be published, so that one bad file never stops the others.
``read_inputs`` alone touches files (those named on the command line; a folder is read by ``engine/inputs.py``).

Each file is processed on its own (``process_input``: name and bytes in, its reports or its error out), so
``publish`` hands the files to a pool of worker processes when there are more than a handful
(``REPORTS_WORKERS`` sets the number; 1 processes them in this process). The result does not depend on
the pool: reports come back in input order. ``publish_cached`` first asks a ``ResultCache``
(``engine.cache``) for each file's result by content hash and processes only the files it lacks;
it can also hand each file's reports to a ``finish`` step in the same worker (the site renders their
pages there) and cache what that makes alongside.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from build_tools.archive.gazetteer import gazetteer
from build_tools.archive.identity import identify
from build_tools.engine.cache import ResultCache, shared_cache, source_version
from build_tools.engine.forked import run_all
from build_tools.engine.time_limit import TooSlow, time_limit
from build_tools.model import InputError, Publication, Report, SourceText
from build_tools.pages.site import ReportPages, all_report_pages, file_pages
from build_tools.report.anomalies import find_anomalies
from build_tools.report.clean import clean
from build_tools.report.decode import DecodeError, decode
from build_tools.report.indicators import extract_indicators
from build_tools.report.metadata import below_input_folder, describe, slug_for, slug_suffix
from build_tools.report.provenance import with_source_spans
from build_tools.report.reading import quoted_as_written, read_as, reading, written_in_traditional
from build_tools.report.segmenting import USERDICT_PATH
from build_tools.report.split import split
from build_tools.report.structure import structure
from build_tools.report.tagging import JIEBA_DICT_PATH, PLACE_SUFFIXES_PATH, Tagger, WordClasses

Input = tuple[str, bytes | OSError]
FileResult = tuple[Report, ...] | InputError
# What a caller makes of one file's reports besides them (the site's pages), in the same worker; one item per report.
Finish = Callable[[tuple[Report, ...]], tuple[Any, ...]]
Outcome = tuple[FileResult, tuple[Any, ...]]


@cache
def tagger() -> Tagger:
    """The tagger, with its own segmenter and resources, loaded once per process."""
    return Tagger.from_resources(word_classes())


def load_resources() -> None:
    """Loads what processing a report reads (the tagger, the gazetteer) into this process. A server does
    so after its first build, whose reports its workers processed, so that its first rebuild, which
    processes the edited report in the server itself, does not."""
    tagger()
    gazetteer()


def word_classes() -> WordClasses:
    """``WordClasses.from_resources()``, kept in the cache (``resources``) by the content of the files it
    reads: loading the pickled sets is several times faster than parsing jieba's dictionary file."""
    store = ResultCache.from_environment("resources", f"word-classes {source_version()}", remember=False)
    if store is None:
        return WordClasses.from_resources()
    sources = b"\0".join(path.read_bytes() for path in (JIEBA_DICT_PATH, USERDICT_PATH, PLACE_SUFFIXES_PATH))
    key = store.key("word-classes", sources)
    classes = store.get(key)
    if not isinstance(classes, WordClasses):
        classes = WordClasses.from_resources()
        store.put(key, classes)
    return classes


def process_source(source: SourceText) -> list[Report]:
    """Every report of one decoded file."""
    collection = split(source)
    pieces, reports = len(collection.reports), []
    for raw in collection.reports:
        cleaned = clean(raw, collection.preamble if raw.index == 1 else ())
        blocks = structure(cleaned.paragraphs)
        traditional = written_in_traditional(cleaned.paragraphs)
        read = reading(cleaned.paragraphs, traditional)
        heading = read_as(cleaned.heading, traditional) if cleaned.heading is not None else None  # 報告 read as 报告
        found = identify(source.path, [paragraph.text for paragraph in read], heading, collection=pieces > 1)
        identity = quoted_as_written(found, read, cleaned.paragraphs)
        about = describe(cleaned, blocks, pieces=pieces, identity=identity)
        words = tagger().describe("\n".join(paragraph.text for paragraph in read))
        reports.append(
            Report(
                source=source.path,
                index=raw.index,
                slug=slug_for(source.path, raw.index, pieces=pieces),
                title=about.title, place=about.place, level=about.level,
                cleaned=cleaned,
                blocks=blocks,
                anomalies=find_anomalies(blocks),
                indicators=with_source_spans(extract_indicators(read, identity.year, blocks), cleaned),
                tags=words.tags,
                identity=identity,
                keywords=tuple(word for word in words.keywords if not gazetteer().resolve(word, None)),  # no place
                traditional=traditional,
                encoding=source.encoding, replaced=source.replaced, damaged=source.damaged,  # how the file was read
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


def process_and_finish(path: str, data: bytes | OSError, finish: Finish | None) -> Outcome:
    """``process_input``, then ``finish`` of its reports (none for an error or without ``finish``), in time."""
    load_resources()  # once a process, outside the limit
    try:
        with time_limit():
            result = process_input(path, data)
            if isinstance(result, InputError) or finish is None:
                return result, ()
            return result, finish(result)
    except TooSlow as error:
        return InputError(path, str(error), "too-slow"), ()
    except Exception as error:  # a fault in rendering must not cost the other reports either
        return InputError(path, f"could not be rendered: {type(error).__name__}: {error}", "internal"), ()


def process_all(inputs: Sequence[Input], workers: int | None = None, finish: Finish | None = None) -> list[Outcome]:
    """``process_and_finish`` of every input, in input order; a pool when ``workers`` (default: automatic) > 1."""
    return run_all(process_and_finish, [(path, data, finish) for path, data in inputs], workers, before_fork=tagger)


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
    return assemble(result for result, _ in process_all(list(inputs), workers))


def is_cacheable(result: FileResult) -> bool:
    """Results that depend only on the file: not a read failure, not a fault that might not recur."""
    return not isinstance(result, InputError) or result.kind not in {"unreadable", "internal", "too-slow"}


@dataclass(frozen=True)
class CachedPublication:
    """``publish_cached``'s answer: the publication, what ``finish`` made of each report (by source and
    index) and how many files were processed rather than taken from the cache."""

    publication: Publication
    finished: dict[tuple[str, int], Any]
    processed: int


def input_keys(inputs: Sequence[Input], cache: ResultCache | None) -> list[str]:
    """Each input's key in ``cache`` (by name and content); ``""`` for a file that could not be read,
    whose failure is never cached, and for every input when there is no cache."""
    return [cache.key(path, data) if cache is not None and isinstance(data, bytes) else "" for path, data in inputs]


def publish_cached(
    inputs: Iterable[Input],
    cache: ResultCache | None,
    *,
    workers: int | None = None,
    finish: Finish | None = None,
    every_file: bool = True,
) -> CachedPublication:
    """``publish(inputs)``, taking each file's outcome from ``cache`` when it has one.

    With ``finish``, each file's reports are also handed to it in the same worker, and what it makes
    is cached with them (its code is part of the cache's version, as all of ``build_tools`` is).
    ``every_file``: ``inputs`` are all the build's files, so the cache may forget (in memory) the results
    of others; a caller that asks for a few of them says False, so that what the build read of the
    others stays remembered for the next build of a server.
    """
    inputs = list(inputs)
    keys = input_keys(inputs, cache)
    outcomes: list[Outcome | None] = [None] * len(inputs)
    if cache is not None:
        outcomes = [stored_outcome(cache.get(key), finish) if key else None for key in keys]
    missing = [number for number, outcome in enumerate(outcomes) if outcome is None]
    for number, outcome in zip(missing, process_all([inputs[n] for n in missing], workers, finish), strict=True):
        outcomes[number] = outcome
        if cache is not None and keys[number] and is_cacheable(outcome[0]):
            cache.put(keys[number], (outcome, finish is not None))
    if cache is not None and every_file:
        cache.retain(set(keys))
    finished: dict[tuple[str, int], Any] = {}
    for outcome in outcomes:
        if outcome is not None and not isinstance(outcome[0], InputError) and outcome[1]:
            finished.update({(r.source, r.index): item for r, item in zip(outcome[0], outcome[1], strict=True)})
    publication = assemble(outcome[0] for outcome in outcomes if outcome is not None)
    return CachedPublication(publication, finished, len(missing))


# One file's outcome without its reports: (source, index, slug) of each report, or the file's error;
# and what ``finish`` made of each report.
Finished = tuple[tuple[tuple[str, int, str], ...] | InputError, tuple[Any, ...]]
Keep = Callable[[tuple[Any, ...]], tuple[Any, ...]]  # what of a file's finished pages the caller keeps
FINISHED_SUFFIX = ".finished"


def finished_of(outcome: Outcome) -> Finished:
    result, made = outcome
    if isinstance(result, InputError):
        return result, ()
    return tuple((report.source, report.index, report.slug) for report in result), made


def process_and_store(
    path: str,
    data: bytes | OSError,
    finish: Finish,
    store: tuple[Path, str] | None,
    key: str,
    keep: Keep | None = None,
) -> Finished:
    """``process_and_finish``, in a worker: the whole outcome goes to the cache (``store``: its folder
    and version) and only what ``finish`` made comes back, so the reports never cross to the caller;
    ``keep`` (``engine.spill``) says what of it comes back."""
    outcome = process_and_finish(path, data, finish)
    finished = finished_of(outcome)
    if store is not None and key and is_cacheable(outcome[0]):
        cache = ResultCache(store[0], store[1], remember=False)
        cache.put(key, (outcome, True))
        cache.put(key + FINISHED_SUFFIX, finished)
    return kept(finished, keep)


def kept(finished: Finished, keep: Keep | None) -> Finished:
    return finished if keep is None or isinstance(finished[0], InputError) else (finished[0], keep(finished[1]))


@dataclass(frozen=True)
class FinishedFiles:
    """``publish_finished``'s answer: what ``finish`` made of every report in input order, the
    (source, index, slug) of each, the files' errors, and how many files were processed."""

    finished: tuple[Any, ...]
    reports: tuple[tuple[str, int, str], ...]
    errors: tuple[InputError, ...]
    processed: int


def publish_finished(
    inputs: Iterable[Input],
    cache: ResultCache | None,
    finish: Finish,
    *,
    workers: int | None = None,
    keep: Keep | None = None,
) -> FinishedFiles:
    """What ``finish`` makes of the reports of ``inputs``, without holding the reports themselves: each
    file is processed (in a pool of processes when there are many) or taken from ``cache``, where its
    whole outcome is stored for ``publish_cached``. Page names are as the files give them: a caller
    that finds two alike (``unique_slugs`` would rename one) uses ``publish_cached`` instead. ``keep``
    is applied to each file's pages as they come (from a worker, or from the cache), so that the
    caller never holds more of them than it keeps."""
    inputs = list(inputs)
    keys = input_keys(inputs, cache)
    found: list[Finished | None] = [None] * len(inputs)
    if cache is not None:
        for number, key in enumerate(keys):
            stored = stored_finished(cache.get(key + FINISHED_SUFFIX)) if key else None
            found[number] = kept(stored, keep) if stored is not None else None
    missing = [number for number, item in enumerate(found) if item is None]
    store = (cache.folder, cache.version) if cache is not None else None
    tasks = [(*inputs[n], finish, store, keys[n], keep) for n in missing]
    for number, item in zip(missing, run_all(process_and_store, tasks, workers, before_fork=tagger), strict=True):
        found[number] = item
        if cache is not None and keep is None and keys[number] and not isinstance(item[0], InputError):
            # what a worker stored, held in this process's memory too (a server's next build asks for it)
            cache.hold(keys[number] + FINISHED_SUFFIX, item)
    if cache is not None:
        cache.retain({key + FINISHED_SUFFIX for key in keys})
    finished: list[Any] = []
    reports: list[tuple[str, int, str]] = []
    errors: list[InputError] = []
    for item in found:
        assert item is not None
        if isinstance(item[0], InputError):
            errors.append(item[0])
        else:
            reports += item[0]
            finished += item[1]
    return FinishedFiles(tuple(finished), tuple(reports), tuple(errors), len(missing))


def store_missing(inputs: Sequence[Input], cache: ResultCache, finish: Finish, *, workers: int | None = None) -> int:
    """Processes the files of ``inputs`` whose finished outcome ``cache`` lacks and stores it there, for
    ``publish_finished`` to find; nothing comes back but how many files were processed."""
    keys = input_keys(inputs, cache)
    missing = [number for number, key in enumerate(keys) if key and not cache.has(key + FINISHED_SUFFIX)]
    store = (cache.folder, cache.version)
    run_all(store_only, [(*inputs[n], finish, store, keys[n]) for n in missing], workers, before_fork=tagger)
    return len(missing)


def store_only(path: str, data: bytes | OSError, finish: Finish, store: tuple[Path, str], key: str) -> None:
    process_and_store(path, data, finish, store, key)


def stored_finished(stored: object) -> Finished | None:
    return stored if isinstance(stored, tuple) and len(stored) == 2 else None  # type: ignore[return-value]


def stored_outcome(stored: object, finish: Finish | None) -> Outcome | None:
    """A cached outcome, if it is one and was finished when ``finish`` is asked for."""
    if not isinstance(stored, tuple) or len(stored) != 2:
        return None
    outcome, was_finished = stored
    return None if finish is not None and not was_finished else outcome


def unique_slugs(reports: list[Report]) -> list[Report]:
    """``reports``, where files whose paths give the same page name each have a short hash of their path
    added to it: a page's name depends on its file's path, never on which other file came first. (Files
    named on the command line may have the same path below different folders: then their whole names.)"""
    sources: dict[str, set[str]] = defaultdict(set)
    for report in reports:  # names that differ only in case are alike: a file system may not tell them apart
        sources[report.slug.casefold()].add(report.source)
    unique = []
    for report in reports:
        alike = sources[report.slug.casefold()]
        if len(alike) > 1:
            whole = len({below_input_folder(source) for source in alike}) < len(alike)
            report = replace(report, slug=f"{report.slug}-{slug_suffix(report.source, whole=whole)}")
        unique.append(report)
    return unique


def site_report_pages(
    inputs: list[Input], keep: Keep | None = None
) -> tuple[list[ReportPages], tuple[InputError, ...], int]:
    """Every report's own pages (``pages.site.file_pages``; the reports themselves stay in the workers and
    the cache; ``keep``: see ``publish_finished``), the files' errors and how many files were processed.
    When two reports would take the same page name, the reports are needed to rename one
    (``unique_slugs``): then they are all read."""
    finished = publish_finished(inputs, shared_cache(), file_pages, keep=keep)
    slugs = [slug.casefold() for _, _, slug in finished.reports]
    if len(set(slugs)) == len(slugs):
        return list(finished.finished), finished.errors, finished.processed
    cached = publish_cached(inputs, shared_cache(), finish=file_pages)
    pages = all_report_pages(cached.publication, cached.finished)
    return pages, cached.publication.errors, cached.processed


def read_inputs(paths: Iterable[Path], shown_as: Callable[[Path], str] = str) -> list[tuple[str, bytes | OSError]]:
    """(name shown to readers, content) of each file named on the command line, or the error that stopped
    reading it. A folder of reports is read by ``engine.inputs.discover``."""
    inputs: list[tuple[str, bytes | OSError]] = []
    for path in paths:
        try:
            inputs.append((shown_as(path), path.read_bytes()))
        except OSError as error:
            inputs.append((shown_as(path), error))
    return inputs


def summary(published: int, errors: Sequence[InputError], files: int, copies: int = 0) -> str:
    """One line: files found (read, or refused unread), reports published, copies of them merged into them
    (the home page counts the reports published), and failures by kind."""
    kinds = Counter(error.kind for error in errors)
    failed = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none"
    merged = f" (and {copies} copies of them merged into them)" if copies else ""
    return f"{files} files found, {published} reports published{merged}, {len(errors)} failed ({failed})"
