"""Command line: ``python -m build_tools build|serve|inspect|export|idf``.

- ``build [--seeds DIR] [--site-dir DIR] [--strict]``: the whole pipeline plus the MkDocs build. When the
  site folder holds the last build of the same site, only the pages and files that changed are
  written again (see ``BuildState`` in ``mkdocs_hook.py``).
- ``serve [--seeds DIR] [--port N]``: the same site on 127.0.0.1 with live reload, rebuilt the same way.
- ``inspect FILE... --json``: what the pipeline makes of each file, as one JSON object.
- ``export [--seeds DIR] --to DIR [--format md|jsonl]``: the cleaned text of every report, as one Markdown
  file per report or as one JSON-lines file ``reports.jsonl`` (``pages.export``); the only writer of those files.
- ``idf FOLDER... [--output PATH]``: regenerate the IDF table the tagger uses.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.engine import ahead
from build_tools.engine.speedups import enabled

if TYPE_CHECKING:
    from build_tools.model import Identity, Publication, Report

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = PROJECT_ROOT / "mkdocs.yml"
SEEDS_ENV = "REPORTS_SEEDS_DIR"
LEAD_DASH = re.compile("^(?:——|—|－－)")


def outline(report: Report) -> list[dict[str, Any]]:
    from build_tools.model import Heading

    return [
        {"level": block.level, "text": LEAD_DASH.sub("", block.text).rstrip("。"), "line": block.line}
        for block in report.blocks
        if isinstance(block, Heading)
    ]


def identity_json(identity: Identity) -> dict[str, Any]:
    """Who gave the report, where and when; ``inferred`` lists what was inferred rather than stated, and how."""
    fields = ("year", "date", "session", "speaker", "place", "parent", "code", "level", "province")
    return {
        **{name: getattr(identity, name) for name in fields},
        "inferred": [{"field": name, "how": how} for name, how in identity.inferred],
    }


def report_json(report: Report) -> dict[str, Any]:
    from build_tools.pages.tables import indicator_record

    return {
        "title": report.title,
        "source_title": report.source_title,
        "source": report.source,
        "index": report.index,
        "slug": report.slug,
        **identity_json(report.identity),
        "outline": outline(report),
        "anomalies": [{"kind": a.kind, "line": a.line, "text": a.text} for a in report.anomalies],
        "indicators": [indicator_record(indicator) for indicator in report.indicators],
        "tags": list(report.tags),
        "keywords": list(report.keywords),
        "paragraphs": len(report.cleaned.paragraphs),
    }


def series_json(publication: Publication) -> list[dict[str, Any]]:
    """One row per place, headline indicator, role and year over the reports given (``archive/series.py``)."""
    from build_tools.archive.series import series_rows
    from build_tools.archive.series_files import row_record
    from build_tools.pages.series_pages import facts_of

    return [row_record(row) for row in series_rows(facts_of(report) for report in publication.reports)]


def publication_json(publication: Publication) -> dict[str, Any]:
    return {
        "reports": [report_json(report) for report in publication.reports],
        "errors": [{"source": e.source, "problem": e.problem, "kind": e.kind} for e in publication.errors],
        "series": series_json(publication),
    }


def command_inspect(args: argparse.Namespace) -> int:
    from build_tools.engine.pipeline import publish, read_inputs

    apply_limits(args)
    publication = publish(read_inputs(Path(name) for name in args.files))
    if args.json:
        json.dump(publication_json(publication), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for report in publication.reports:
            print(f"{report.source} #{report.index}: {report.title}")
            for item in outline(report):
                print("  " * item["level"] + item["text"])
    for error in publication.errors:
        print(f"error: {error.source}: {error.problem}", file=sys.stderr)
    return 1 if publication.errors else 0


class DirtyBuildNotices(logging.Filter):
    """Drops MkDocs' notices about dirty builds: here every build is one, and the hook cleans the site
    folder itself whenever it does not hold the last build of the same site (``BuildState``)."""

    NOTICES = ("A 'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.NOTICES)


def mkdocs_logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(DirtyBuildNotices())


def apply_limits(args: argparse.Namespace) -> None:
    """Hands the limits given on the command line to the pipeline (which MkDocs runs in its hook)."""
    if args.max_file_mb is not None:
        os.environ["REPORTS_MAX_FILE_BYTES"] = str(int(args.max_file_mb * 1_000_000))
    if args.max_line_chars is not None:
        os.environ["REPORTS_MAX_LINE_CHARS"] = str(args.max_line_chars)


def command_build(args: argparse.Namespace) -> int:
    from build_tools.engine.inputs import overlap

    problem = overlap(Path(args.seeds), Path(args.site_dir))
    if problem is not None:  # refused before anything is written
        print(f"error: {problem}", file=sys.stderr)
        return 1
    apply_limits(args)
    os.environ[SEEDS_ENV] = str(Path(args.seeds).resolve())
    if enabled("ahead"):  # the reports are processed while MkDocs loads (engine/ahead.py)
        ahead.start(Path(args.seeds))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    mkdocs_logging()
    try:
        config = load_config(str(CONFIG_FILE), site_dir=str(Path(args.site_dir).resolve()), strict=args.strict)
        build(config, dirty=True)
    except MkDocsException as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        ahead.wait()
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    os.environ[SEEDS_ENV] = str(Path(args.seeds).resolve())
    mkdocs_logging()
    serve(
        str(CONFIG_FILE),
        dev_addr=f"127.0.0.1:{args.port}",
        livereload=True,
        build_type="dirty",
        watch=[str(Path(args.seeds))],
    )
    return 0


def command_export(args: argparse.Namespace) -> int:
    from build_tools.engine.cache import cache_root, shared_cache
    from build_tools.engine.inputs import discover
    from build_tools.engine.pipeline import publish_cached
    from build_tools.pages.export import export_names, published, record_line, report_markdown

    apply_limits(args)
    try:
        found = discover(Path(args.seeds), exclude=[cache_root()])
    except OSError as error:
        print(f"error: {args.seeds}: {error.strerror or error}", file=sys.stderr)
        return 1
    publication = publish_cached(found.inputs, shared_cache()).publication
    reports = published(publication.reports)  # copies of one report from several files: one report
    target = Path(args.to)
    target.mkdir(parents=True, exist_ok=True)
    if args.format == "jsonl":
        lines = "".join(record_line(report, others) for report, others in reports)
        (target / "reports.jsonl").write_text(lines, encoding="utf-8", newline="\n")
    else:
        names = [f"{name}.md" for name in export_names([report for report, _ in reports])]
        for name, (report, others) in zip(names, reports, strict=True):
            (target / name).write_text(report_markdown(report, others), encoding="utf-8", newline="\n")
        others = [path for path in target.glob("*.md") if path.name not in set(names)]
        if others:  # left by an earlier export: to a diff they would look as if still exported
            print(f"note: {len(others)} other .md files in {target} were not written now", file=sys.stderr)
    print(f"{len(reports)} reports exported to {target}")
    errors = sorted((*found.refused, *publication.errors), key=lambda error: error.source)
    for error in errors:
        print(f"error: {error.source}: {error.problem}", file=sys.stderr)
    return 1 if errors and args.strict else 0


def command_idf(args: argparse.Namespace) -> int:
    from build_tools.report import idf

    return idf.main([*args.folders, *(["--output", args.output] if args.output else [])])


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="run the pipeline and build the site")
    build.add_argument("--seeds", default=str(PROJECT_ROOT / "seeds"), help="folder of raw reports")
    build.add_argument("--site-dir", default=str(PROJECT_ROOT / "site"), help="where the site is written")
    build.add_argument("--strict", action="store_true", help="fail on any file that cannot be published")
    build.add_argument("--max-file-mb", type=float, help="largest input file, in MB (default 20)")
    build.add_argument("--max-line-chars", type=int, help="longest input line, in characters (default 100,000)")
    build.set_defaults(run=command_build)
    serve = commands.add_parser("serve", help="serve the site on 127.0.0.1 with live reload")
    serve.add_argument("--seeds", default=str(PROJECT_ROOT / "seeds"), help="folder of raw reports")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=command_serve)
    inspect = commands.add_parser("inspect", help="print what the pipeline makes of files")
    inspect.add_argument("files", nargs="+")
    inspect.add_argument("--json", action="store_true", help="one JSON object {reports: [...]}")
    inspect.add_argument("--max-file-mb", type=float, help="largest input file, in MB (default 20)")
    inspect.add_argument("--max-line-chars", type=int, help="longest input line, in characters")
    inspect.set_defaults(run=command_inspect)
    export = commands.add_parser("export", help="write the cleaned text of every report (Markdown or JSON lines)")
    export.add_argument("--seeds", default=str(PROJECT_ROOT / "seeds"), help="folder of raw reports")
    export.add_argument("--to", required=True, help="folder the files are written to")
    export.add_argument("--format", choices=("md", "jsonl"), default="md", help="md: a file per report (default)")
    export.add_argument("--strict", action="store_true", help="fail on any file that cannot be published")
    export.add_argument("--max-file-mb", type=float, help="largest input file, in MB (default 20)")
    export.add_argument("--max-line-chars", type=int, help="longest input line, in characters")
    export.set_defaults(run=command_export)
    idf = commands.add_parser("idf", help="regenerate the IDF table from folders of reports")
    idf.add_argument("folders", nargs="+")
    idf.add_argument("--output")
    idf.set_defaults(run=command_idf)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))
