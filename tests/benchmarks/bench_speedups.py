"""What each piece of the build's speed machinery saves: the corpus site built with all of it, then
with each piece turned off (``REPORTS_SPEEDUPS_OFF``, ``build_tools/engine/speedups.py``).

    /work/main/.venv/bin/python tests/benchmarks/bench_speedups.py [--rounds 1] [--pieces prerender ...]

In: the 167 reports of ``../shared/corpus`` national+city+province (exits when it is absent), copied
into a temporary folder. Out, per configuration: the wall and CPU time of a cold build (empty cache,
empty folder), a warm build (cache filled, empty folder) and a rebuild in place after one report
changed; and whether the site is byte for byte the one built with every piece on. A piece pays when
turning it off makes a build it serves slower by more than the noise between rounds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_tools.engine.speedups import OFF_ENV, PIECES
from tests.benchmarks.bench_build import (
    CORPUS,
    CORPUS_FOLDERS,
    PYTHON,
    Run,
    measure,
)

MARKER = "甲乙丙丁戊己庚辛壬癸提速标记"


def copy_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    made = []
    for name in CORPUS_FOLDERS:
        for source in sorted((CORPUS / name).iterdir()):
            if source.is_file():
                made.append(folder / f"{name}-{source.name}")
                shutil.copyfile(source, made[-1])
    return made


def change_one(files: list[Path]) -> None:
    """Appends the marker to the longest line in the middle half of the first report."""
    target = files[0]
    lines = target.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines) // 4, 3 * len(lines) // 4), key=lambda n: len(lines[n]))
    lines[longest] += MARKER
    target.write_text("\n".join(lines), encoding="utf-8")


def build(seeds: Path, site: Path, cache: Path, off: str) -> Run:
    command = [PYTHON, "-m", "build_tools", "build", "--seeds", str(seeds), "--site-dir", str(site)]
    return measure(command, env={"REPORTS_CACHE_DIR": str(cache), OFF_ENV: off})


def site_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def configuration(work: Path, off: str) -> tuple[list[Run], dict[str, bytes]]:
    """Cold, warm and changed-in-place builds with ``off`` turned off; the site after the cold build."""
    seeds, cache = work / "seeds", work / "cache"
    files = copy_corpus(seeds)
    cold = build(seeds, work / "cold", cache, off)
    warm = build(seeds, work / "warm", cache, off)
    change_one(files)
    rebuild = build(seeds, work / "warm", cache, off)
    return [cold, warm, rebuild], site_bytes(work / "cold")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="times each configuration is measured")
    parser.add_argument("--pieces", nargs="+", choices=PIECES, default=list(PIECES), help="the pieces to turn off")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the development corpus ({CORPUS}) is absent")
        return 0
    configurations = ["", *args.pieces]
    reference: dict[str, bytes] | None = None
    print(f"{'turned off':14s} {'cold s':>8s} {'warm s':>8s} {'rebuild s':>10s}   CPU cold/warm/rebuild   same site")
    for round_number in range(args.rounds):
        for off in configurations:
            with tempfile.TemporaryDirectory(prefix="speedups-") as folder:
                runs, site = configuration(Path(folder), off)
            if reference is None:
                reference = site
            failed = [run for run in runs if run.returncode != 0]
            same = "FAILED" if failed else ("yes" if site == reference else "NO")
            times = "".join(f"{run.seconds:9.1f}" for run in runs)
            cpu = "/".join(f"{run.cpu_seconds:.1f}" for run in runs)
            print(f"{off or '(none)':14s}{times}   {cpu:22s}  {same}   (round {round_number + 1})", flush=True)
    print(f"$ {PYTHON} -m build_tools build --seeds SEEDS --site-dir SITE   with {OFF_ENV}=PIECE, fresh cache per row")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
