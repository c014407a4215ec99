"""Shared fixtures: the project's paths, the development corpus (when present), the sample report alone in a
folder of its own (``SAMPLE_SEEDS``) and a site built from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"  # the sample the gold standard describes


def seed_folder(parent: Path) -> Path:
    """A folder named ``seeds`` in ``parent`` holding the sample report alone: the tests read it, not whatever
    archive ``seeds/`` holds once reports are added to it."""
    folder = parent / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, folder / SEED.name)
    return folder


SAMPLE_SEEDS = seed_folder(Path(tempfile.mkdtemp(prefix="sample-")))
CORPUS_FOLDERS = ("national", "national-raw-gbk", "city", "province")


def corpus_files() -> list[Path]:
    """Every file of the development corpus, or [] when ../shared/corpus is absent."""
    if not CORPUS.is_dir():
        return []
    return sorted(path for folder in CORPUS_FOLDERS for path in (CORPUS / folder).glob("*") if path.is_file())


def linked_or_copied(source: Path, target: Path) -> None:
    """``source`` at ``target`` as a hard link, or a copy across file systems: a symbolic link to a file
    outside the input folder would not be read."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is absent")
    return files


def build_site(seeds: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Runs the real CLI build (pipeline plus MkDocs) and returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "build_tools", "build", "--seeds", str(seeds), "--site-dir", str(site_dir), *extra]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    site = tmp_path_factory.mktemp("seed-site")
    result = build_site(SAMPLE_SEEDS, site, "--strict")
    assert result.returncode == 0, result.stderr
    yield site
