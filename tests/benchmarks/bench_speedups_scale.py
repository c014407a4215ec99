"""Splice, directory, index-ahead and memo, the speed machinery for large archives, measured on a large archive.

``splice``: a rebuild after one report changed rewrites only the index shards the report touches;
``directory``: such a rebuild rewrites only the directory's shards whose keys its volume gained or lost;
``index-ahead``: a build into an empty folder indexes its pages while the templates are rendered;
``memo``: a server keeps the pages made from unchanged records from one build to the next.

    /work/main/.venv/bin/python tests/benchmarks/bench_speedups_scale.py [--reports 1000] [--rounds 2]

In: an archive of ``--reports`` reports made from ``../shared/corpus`` as the scale benchmark makes it
(``bench_build.scale_corpus``; exits when the corpus is absent), built once to fill the cache. Out, per
round, with the piece on and then off: the wall and CPU time of the builds the piece serves (in place
after one report changed, for ``splice`` and ``directory``; warm into an empty folder, for ``index-ahead``);
for ``memo``, the seconds from each of four edits of one report until the server shows it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.engine.pipeline import publish, read_inputs
from build_tools.engine.speedups import OFF_ENV
from tests.benchmarks.bench_build import CORPUS, MARKER, PYTHON, Run, measure, scale_corpus, serve_rebuild

SERVER_EDITS = 4


def build(seeds: Path, site: Path, cache: Path, off: str) -> Run:
    command = [PYTHON, "-m", "build_tools", "build", "--seeds", str(seeds), "--site-dir", str(site)]
    run = measure(command, env={"REPORTS_CACHE_DIR": str(cache), OFF_ENV: off})
    if run.returncode != 0:
        raise SystemExit(f"build failed (exit {run.returncode}): {run.command}")
    return run


def change(seeds: Path, mark: str) -> None:
    """Adds ``mark`` to the first paragraph of the first report below the State Council."""
    target = next(path for path in sorted(seeds.rglob("*.txt")) if "national" not in str(path))
    lines = target.read_text(encoding="utf-8-sig").split("\n")
    longest = max(range(len(lines) // 4, 3 * len(lines) // 4), key=lambda n: len(lines[n]))
    lines[longest] += mark
    target.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the development corpus ({CORPUS}) is absent")
        return 0
    with tempfile.TemporaryDirectory(prefix="speedups-scale-") as folder:
        work = Path(folder)
        seeds, cache, site = work / "seeds", work / "cache", work / "site"
        made = scale_corpus(seeds, args.reports)
        first = build(seeds, site, cache, "")
        print(f"{made} reports, built once to fill the cache in {first.seconds:.0f} s")
        for round_number in range(args.rounds):
            for off in ("", "splice", "directory"):
                change(seeds, f"提速{round_number}{off}")
                run = build(seeds, site, cache, off)
                print(f"one report changed, in place, {off or '(none)'} off: {run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU", flush=True)
            for off in ("", "index-ahead"):
                shutil.rmtree(work / "fresh", ignore_errors=True)
                run = build(seeds, work / "fresh", cache, off)
                print(f"warm, empty folder, {off or '(none)'} off: {run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU", flush=True)
            target = next(path for path in sorted(seeds.rglob("*.txt")) if "national" not in str(path))  # change()'s
            # named as the walk of the folder names it, so that the page name is the build's
            named = read_inputs([target], shown_as=lambda path: f"{seeds.name}/{path.relative_to(seeds)}")
            slug = publish(named).reports[0].slug
            for off in ("", "memo"):
                change(seeds, MARKER)
                _, times, _ = serve_rebuild(seeds, target, slug, cache, SERVER_EDITS, {OFF_ENV: off})
                shown = ", ".join("—" if seconds is None else f"{seconds:.2f}" for seconds in times)
                print(f"server, one report edited {SERVER_EDITS} times, {off or '(none)'} off: {shown} s", flush=True)
    print(f"$ {PYTHON} -m build_tools build --seeds SEEDS --site-dir SITE   with {OFF_ENV}=PIECE")
    print(f"$ {PYTHON} -m build_tools serve --seeds SEEDS   with {OFF_ENV}=PIECE")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
