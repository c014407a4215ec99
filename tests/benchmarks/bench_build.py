"""Build benchmark: the corpus site against the naive baseline, rebuilds, and a scale run.

    /work/main/.venv/bin/python tests/benchmarks/bench_build.py [--skip-serve] [--skip-segmenters]
    /work/main/.venv/bin/python tests/benchmarks/bench_build.py --scale 1000 [10000]

In: the 167 reports of ``../shared/corpus`` national+city+province (the benchmark exits when it is
absent), linked into a temporary folder under unique names. Out: figures printed one per line, each
with the command that produced it.

- Naive baseline: the same cleaned paragraphs as plain Markdown pages (title and paragraphs, no marks,
  no tables), built by plain ``mkdocs build`` with Material and its stock ``search`` plugin (jieba
  importable, so it segments Chinese), in a temporary project of its own: no hook of ours.
- Ours: ``python -m build_tools build`` with an empty cache (cold), then again with the cache filled
  (warm), and the ratio of each to the baseline's wall time.
- Size of each site (bytes and files).
- The same build again in place with nothing changed; then rebuilds after one report changes: one
  paragraph of one report gets new text, three times over, and ``build`` is timed each time; then
  ``python -m build_tools serve`` is timed, for three such changes, from the change until the page it
  serves on 127.0.0.1 shows the new text.
- Segmenters: rjieba (what tagging uses) against jieba with the same user dictionary, over every
  paragraph: time of each and the share of paragraphs cut into the same words.
- ``--scale N [N...]``: the corpus and archives of N reports of distinct identities (``scale_corpus``:
  the corpus, then its reports below the State Council again, each copy with every year in its text
  shifted earlier), each built cold, warm (into an empty folder), again in place, after one report
  changed, after one report was added (a place's report of a year it has none for) and after it was
  taken out again, in the same run; the growth of each build's time against the corpus's, site bytes per
  report, and peak memory.

Memory: each build runs as a child process; "peak" is the largest sum of the proportional set size
(PSS) of the child and all its descendants (worker processes included), sampled every 50 ms from
/proc/PID/smaps_rollup; the sum of their resident sizes (RSS), which counts memory that forked
workers share once per process, is shown beside it. "max single" is the child's ``ru_maxrss`` from
``wait4`` (the largest one process of the tree reached).
Timings are wall-clock times of one run each on this machine, including Python's start-up, with Python's
bytecode cache as a maintainer's machine has it: each build runs without ``PYTHONDONTWRITEBYTECODE``
(which this machine's shell sets), so that the first build writes the project's compiled modules and
the later ones read them, rather than compiling every module again at every build. "CPU" is
the user and system time of the child and of every process it waited for (``wait4``), so the CPU time
of a build divided by the baseline's wall time says how many cores a perfectly parallel build would
need to match the baseline.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from build_tools.engine.inputs import discover  # noqa: E402
from build_tools.engine.pipeline import publish, read_inputs  # noqa: E402
from build_tools.pages.render import escape_markdown  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FOLDERS = ("national", "city", "province")
PYTHON = sys.executable
MARKER = "甲乙丙丁戊己庚辛壬癸基准标记"
SAMPLE_SECONDS = 0.05
SERVE_TIMEOUT = 600
EDITS = 3
ADDED_SHIFT = 99  # the report added to an archive: one of its own with every year 99 earlier, which no copy has
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
NAIVE_CONFIG = """site_name: naive baseline
theme:
  name: material
  language: zh
plugins:
  - search
"""


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    command: str
    seconds: float
    peak_tree_kb: int
    peak_tree_rss_kb: int
    max_single_kb: int
    cpu_seconds: float
    system_seconds: float  # the part of cpu_seconds spent in the kernel (file writes, page faults)
    returncode: int


def shown(command: Sequence[str]) -> str:
    return " ".join(str(part) for part in command)


def tree_memory_kb(root: int) -> tuple[int, int]:
    """(PSS, RSS) of ``root`` and all its descendants summed, in KB (0 for processes already gone).

    RSS counts a page shared by forked workers once per process; PSS splits it among them, so its
    sum is the memory the tree really holds.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    pss = rss = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
            pss += int(fields["Pss"].split()[0])
            rss += int(fields["Rss"].split()[0])
        except (OSError, KeyError, IndexError, ValueError):
            continue
    return pss, rss


def maintainer_environment(**extra: str) -> dict[str, str]:
    """This process's environment as a maintainer's shell has it (Python writes and reads its bytecode
    cache), MkDocs' notice of its next version silenced, and ``extra`` set."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**environment, "NO_MKDOCS_2_WARNING": "1", **extra}


def measure(command: Sequence[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    """Runs ``command`` to its end; wall time, peak memory of its process tree and of its largest process."""
    environment = maintainer_environment(**(env or {}))
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, rss = tree_memory_kb(process.pid)
            peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        print(errors[-3000:], file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(shown(command), seconds, peak[0], peak[1], usage.ru_maxrss, cpu, usage.ru_stime, process.returncode)


def site_size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def corpus_files() -> list[Path]:
    return sorted(path for name in CORPUS_FOLDERS for path in (CORPUS / name).iterdir() if path.is_file())


def link_corpus(folder: Path) -> list[Path]:
    """The corpus reports copied into ``folder`` under unique names (copies, not links: the build does
    not read links that lead out of its input folder)."""
    folder.mkdir(parents=True)
    made = []
    for source in corpus_files():
        target = folder / f"{source.parent.name}-{source.name}"
        shutil.copyfile(source, target)
        made.append(target)
    return made


YEAR = re.compile(r"(?<![0-9０-９.])((?:19|20)[0-9]{2})(?=\s*年|-[01][0-9]-)")


def shifted_years(text: str, shift: int) -> str:
    """``text`` with every year it names (2023年, 2024-01-28) ``shift`` years earlier."""
    return YEAR.sub(lambda found: str(int(found.group(1)) - shift), text)


SENTENCE = re.compile(r"[^。！？]*[。！？]+|[^。！？]+$")
HEADED = re.compile(r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、")


def reordered_sentences(text: str, seed: int) -> str:
    """``text`` with the sentences of each line in another order (the same for the same ``seed``), a
    heading that opens a line (（一）…。) staying first: a copy says what the report says, but its
    paragraphs are not the report's, so that copies next to each other in the archive do not compress
    against each other as no two real reports would."""
    shuffler = random.Random(seed)
    lines = []
    for line in text.split("\n"):
        sentences = SENTENCE.findall(line)
        if len(sentences) > 1 and "".join(sentences) == line:
            kept = 1 if HEADED.match(line) else 0
            rest = sentences[kept:]
            shuffler.shuffle(rest)
            line = "".join(sentences[:kept] + rest)
        lines.append(line)
    return "\n".join(lines)


def scale_corpus(folder: Path, count: int) -> int:
    """``count`` reports of distinct identities in ``folder``: the corpus once, then its reports of
    places below the State Council again and again, each copy ``k`` in a folder of its own with every
    year in its text ``k`` years earlier, so that each place is followed back across the years, and the
    sentences of its paragraphs in another order (``reordered_sentences``). How many were written."""
    sources = corpus_files()
    local = [path for path in sources if path.parent.name != "national"]
    folder.mkdir(parents=True)
    written = 0
    for copy in itertools.count():
        for source in sources if copy == 0 else local:
            if written == count:
                return written
            target = folder / f"copy{copy:03d}" / source.parent.name / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if copy == 0:
                shutil.copyfile(source, target)
            else:
                data = source.read_bytes()
                text = data.decode("utf-8-sig") if source.parent.name != "national-raw-gbk" else data.decode("gb18030")
                target.write_text(reordered_sentences(shifted_years(text, copy), copy), encoding="utf-8")
            written += 1
    return written


def naive_project(seeds: Path, project: Path) -> None:
    """Plain Markdown pages of the cleaned paragraphs of every report, and a stock Material config."""
    publication = publish(discover(seeds).inputs)
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(NAIVE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# 政府工作报告\n", encoding="utf-8")
    for report in publication.reports:
        paragraphs = "\n\n".join(escape_markdown(p.text) for p in report.cleaned.paragraphs)
        page = f"# {escape_markdown(report.title)}\n\n{paragraphs}\n"
        (docs / f"{report.slug}.md").write_text(page, encoding="utf-8")


def ours(seeds: Path, site: Path, cache: Path) -> Run:
    command = [PYTHON, "-m", "build_tools", "build", "--seeds", str(seeds), "--site-dir", str(site)]
    return measure(command, env={"REPORTS_CACHE_DIR": str(cache)})


def report_line(label: str, run: Run) -> None:
    state = "" if run.returncode == 0 else f"  FAILED (exit {run.returncode})"
    print(
        f"{label:34s} {run.seconds:7.1f} s   CPU {run.cpu_seconds:6.1f} s (system {run.system_seconds:4.1f})"
        f"   peak {run.peak_tree_kb / 1024:6.0f} MB PSS"
        f" ({run.peak_tree_rss_kb / 1024:5.0f} MB RSS)   max single {run.max_single_kb / 1024:5.0f} MB{state}"
        f"\n    $ {run.command}"
    )


def change_one_report(seeds: Path, text: str) -> tuple[Path, str]:
    """Replaces the link of one report by a copy whose longest paragraph ends with ``text``; its slug."""
    target = sorted(seeds.iterdir())[0]
    data = target.read_bytes()
    lines = data.decode("utf-8").split("\n")
    longest = max(range(len(lines) // 4, 3 * len(lines) // 4), key=lambda n: len(lines[n]))
    lines[longest] = lines[longest].rstrip("\r") + text + ("\r" if lines[longest].endswith("\r") else "")
    target.unlink()
    target.write_bytes("\n".join(lines).encode("utf-8"))
    slug = publish(read_inputs([target], shown_as=lambda path: f"{seeds.name}/{path.name}")).reports[0].slug
    return target, slug


def edit_again(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until the page at ``url`` contains ``text``, or None after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def serve_rebuild(
    seeds: Path, changed: Path, slug: str, cache: Path, edits: int, environment_extra: dict[str, str] | None = None
) -> tuple[float | None, list[float | None], str]:
    """(seconds to first serve, seconds from each of ``edits`` changes of one report until its page
    shows it, command); ``environment_extra``: variables set for the server besides."""
    port = free_port()
    command = [PYTHON, "-m", "build_tools", "serve", "--seeds", str(seeds), "--port", str(port)]
    environment = maintainer_environment(REPORTS_CACHE_DIR=str(cache), **(environment_extra or {}))
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/reports/{urllib.parse.quote(slug)}/"
        first = wait_for(url, MARKER, SERVE_TIMEOUT)
        if first is None:
            return None, [], shown(command)
        times: list[float | None] = []
        current = MARKER
        for edit in range(edits):
            time.sleep(2)  # let the watcher settle after the last build
            fresh = f"{MARKER}再次{edit}"
            start = time.perf_counter()
            edit_again(changed, current, fresh)
            seen = wait_for(url, fresh, SERVE_TIMEOUT)
            times.append(None if seen is None else time.perf_counter() - start)
            current = fresh
        return first, times, shown(command)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def segmenters(seeds: Path) -> None:
    """rjieba against jieba, both with the tagger's user dictionary, over every cleaned paragraph."""
    import jieba

    from build_tools.report.segmenting import USERDICT_PATH, Segmenter, read_user_terms

    publication = publish(discover(seeds).inputs)
    paragraphs = [p.text for report in publication.reports for p in report.cleaned.paragraphs]
    fast = Segmenter(read_user_terms())
    start = time.perf_counter()
    fast_words = [fast.segment(text) for text in paragraphs]
    fast_seconds = time.perf_counter() - start
    slow = jieba.Tokenizer()
    slow.load_userdict(str(USERDICT_PATH))
    slow.initialize()
    start = time.perf_counter()
    slow_words = [slow.lcut(text, HMM=True) for text in paragraphs]
    slow_seconds = time.perf_counter() - start
    same = sum(a == b for a, b in zip(fast_words, slow_words, strict=True))
    tokens = sum(map(len, slow_words))
    differing = sum(len(set(b) - set(a)) for a, b in zip(fast_words, slow_words, strict=True))
    characters = sum(map(len, paragraphs))
    print(
        f"segmenters over {len(paragraphs)} paragraphs ({characters / 1e6:.1f} M characters):"
        f" rjieba {fast_seconds:.1f} s, jieba {slow_seconds:.1f} s;"
        f" same words in {same / len(paragraphs):.2%} of paragraphs;"
        f" jieba words missing from rjieba's cut of the same paragraph: {differing} of {tokens}"
    )


def corpus_run(work: Path, args: argparse.Namespace) -> None:
    seeds = work / "corpus"
    link_corpus(seeds)
    cache = work / "cache"
    print(f"corpus site: {len(list(seeds.iterdir()))} reports of {CORPUS}; work folder {work}\n")

    naive = work / "naive"
    naive_project(seeds, naive)
    naive_run = measure([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(naive / "mkdocs.yml"), "-d", "site"], cwd=naive)
    report_line("naive baseline (Material + jieba)", naive_run)
    cold = ours(seeds, work / "site-cold", cache)
    report_line("ours, cold (empty cache)", cold)
    warm = ours(seeds, work / "site", cache)
    report_line("ours, warm (cache filled)", warm)
    print(
        f"ratio to the baseline's wall time: cold {cold.seconds / naive_run.seconds:.2f}×,"
        f" warm {warm.seconds / naive_run.seconds:.2f}× (goal ≤ 0.5×)"
    )
    for label, run in (("cold", cold), ("warm", warm)):
        print(
            f"cores a perfectly parallel {label} build would need for 0.5× of the baseline:"
            f" {run.cpu_seconds / (0.5 * naive_run.seconds):.1f} (this machine has {os.cpu_count()})"
        )
    print(
        f"peak memory ratio: cold {cold.peak_tree_kb / naive_run.peak_tree_kb:.2f}×,"
        f" warm {warm.peak_tree_kb / naive_run.peak_tree_kb:.2f}×"
    )
    for label, folder in (("ours", work / "site"), ("naive", naive / "site")):
        size, files = site_size(folder)
        print(f"site size, {label}: {size / 1e6:.1f} MB in {files} files  ({folder})")

    unchanged = ours(seeds, work / "site", cache)
    report_line("again in place, nothing changed", unchanged)
    changed, slug = change_one_report(seeds, MARKER)
    current = ""
    for edit in range(EDITS):
        if edit:
            edit_again(changed, MARKER + current, MARKER + f"{edit}")
            current = f"{edit}"
        rebuild = ours(seeds, work / "site", cache)
        report_line(f"rebuild after one report changed ({edit + 1})", rebuild)
        page = (work / "site" / "reports" / slug / "index.html").read_text(encoding="utf-8")
        print(f"    the changed page shows the new text: {MARKER + current in page} (goal ≤ 2 s)")
    edit_again(changed, MARKER + current, MARKER)
    if not args.skip_serve:
        first, seconds, command = serve_rebuild(seeds, changed, slug, cache, EDITS)
        shown_times = ", ".join("none" if t is None else f"{t:.2f}" for t in seconds)
        print(
            f"live reload: first page served after {first if first is None else round(first, 1)} s;"
            f" change to served page, {EDITS} edits: {shown_times} s (goal ≤ 2 s)\n    $ {command}"
        )
    if not args.skip_segmenters:
        segmenters(seeds)


@dataclass(frozen=True)
class Archive:
    """What one archive's builds measured: cold, warm, in place, after one report changed, after one
    report was added and after it was taken out again; its site."""

    reports: int
    cold: Run
    warm: Run
    in_place: Run
    changed: Run
    added: Run
    taken_out: Run
    size: int
    files: int


def measure_archive(seeds: Path, work: Path, reports: int, label: str, *, only_cold: bool = False) -> Archive:
    cache = work / f"cache-{label}"
    cold = ours(seeds, work / f"site-cold-{label}", cache)
    report_line(f"{label}: cold", cold)
    if only_cold:
        size, files = site_size(work / f"site-cold-{label}")
        print(f"{label}: site {size / 1e6:.1f} MB in {files} files, {size / reports / 1e3:.0f} KB per report (goal ≤ 250)\n")
        return Archive(reports, cold, cold, cold, cold, cold, cold, size, files)
    shutil.rmtree(work / f"site-cold-{label}", ignore_errors=True)
    warm = ours(seeds, work / f"site-{label}", cache)
    report_line(f"{label}: warm (empty folder)", warm)
    in_place = ours(seeds, work / f"site-{label}", cache)
    report_line(f"{label}: again in place", in_place)
    target = next(path for path in sorted(seeds.rglob("*.txt")) if "national" not in str(path))
    lines = target.read_text(encoding="utf-8-sig").split("\n")
    longest = max(range(len(lines) // 4, 3 * len(lines) // 4), key=lambda n: len(lines[n]))
    lines[longest] += MARKER
    target.write_text("\n".join(lines), encoding="utf-8")
    changed = ours(seeds, work / f"site-{label}", cache)
    report_line(f"{label}: one report changed, in place", changed)
    size, files = site_size(work / f"site-{label}")
    print(f"{label}: site {size / 1e6:.1f} MB in {files} files, {size / reports / 1e3:.0f} KB per report (goal ≤ 250)")
    slug = next(
        page.parent.name
        for page in (work / f"site-{label}" / "reports").glob("*/index.html")
        if MARKER in page.read_text(encoding="utf-8")
    )
    first, seconds, command = serve_rebuild(seeds, target, slug, cache, EDITS)
    shown_times = ", ".join("none" if t is None else f"{t:.2f}" for t in seconds)
    print(
        f"{label}: live reload: first page served after {first if first is None else round(first, 1)} s;"
        f" one report changed, to its page served anew, {EDITS} edits: {shown_times} s (goal ≤ 2 s)\n    $ {command}\n"
    )
    # a report of a place already there, in a year it has no report for: same navigation, one report more
    source = next(path for path in sorted(seeds.rglob("*.txt")) if "national" not in str(path))
    added_file = seeds / "added" / source.name
    added_file.parent.mkdir()
    added_file.write_text(shifted_years(source.read_text(encoding="utf-8-sig"), ADDED_SHIFT), encoding="utf-8")
    added = ours(seeds, work / f"site-{label}", cache)
    report_line(f"{label}: one report added, in place", added)
    shutil.rmtree(added_file.parent)
    taken_out = ours(seeds, work / f"site-{label}", cache)
    report_line(f"{label}: that report taken out again, in place", taken_out)
    return Archive(reports, cold, warm, in_place, changed, added, taken_out, size, files)


def scale_run(work: Path, counts: Sequence[int], *, only_cold: bool = False) -> None:
    """The corpus archive and archives of ``counts`` reports built in the same run; growth ratios
    (``only_cold``: one cold build of each, for archives too large to build four times)."""
    base_seeds = work / "corpus"
    base_count = len(link_corpus(base_seeds))
    print(f"scale run: the corpus ({base_count} reports) and {', '.join(map(str, counts))} reports; work folder {work}\n")
    base = measure_archive(base_seeds, work, base_count, f"{base_count} reports", only_cold=only_cold)
    for count in counts:
        seeds = work / f"scale-{count}"
        made = scale_corpus(seeds, count)
        archive = measure_archive(seeds, work, made, f"{made} reports", only_cold=only_cold)
        factor = made / base_count
        if only_cold:
            print(
                f"growth for {factor:.1f}× the reports: cold {archive.cold.seconds / base.cold.seconds:.2f}×;"
                f" peak {archive.cold.peak_tree_kb / 1024:.0f} MB PSS (goal ≤ 2048)\n"
            )
            continue
        print(
            f"growth for {factor:.1f}× the reports: cold {archive.cold.seconds / base.cold.seconds:.2f}×,"
            f" warm {archive.warm.seconds / base.warm.seconds:.2f}× (goal ≤ {factor * 1.1:.1f}×);"
            f" one changed report republished in {archive.changed.seconds:.1f} s (goal ≤ 2 s),"
            f" one added in {archive.added.seconds:.1f} s, taken out in {archive.taken_out.seconds:.1f} s;"
            f" peak {max(archive.cold.peak_tree_kb, archive.warm.peak_tree_kb) / 1024:.0f} MB PSS (goal ≤ 2048)\n"
        )
        shutil.rmtree(seeds, ignore_errors=True)
        for folder in work.glob(f"*{made} reports*"):
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="+", help="build archives of these many reports, and the corpus")
    parser.add_argument("--only-cold", action="store_true", help="with --scale: one cold build of each archive")
    parser.add_argument("--skip-serve", action="store_true", help="do not time the live-reload server")
    parser.add_argument("--skip-segmenters", action="store_true", help="do not compare rjieba with jieba")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        if args.scale:
            scale_run(work, args.scale, only_cold=args.only_cold)
        else:
            corpus_run(work, args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
