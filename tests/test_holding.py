"""What a build holds: a report's page packed and its bulk spilled to a file, read back unchanged."""

from __future__ import annotations

import pickle
from pathlib import Path

from mkdocs.config import load_config

from build_tools.build.site_state import BuildState, GeneratedFile, Staging, generated_files
from build_tools.engine.pipeline import publish
from build_tools.engine.spill import Spill
from build_tools.holding import Joined, PackedText, Stored, contents
from build_tools.pages.site import ReportPages, assemble_site, build_site, file_pages
from tests.conftest import ROOT
from tests.test_build_speed import seed_inputs


def test_a_packed_text_gives_back_its_text_and_what_was_added() -> None:
    text = "# 政府工作报告\n\n**镇 \udcff 20xx年\n" * 50
    held = PackedText.of(text).plus("\n[比较](../compare/x.md)\n")
    assert held.text() == text + "\n[比较](../compare/x.md)\n"
    assert len(held.data) < len(text.encode("utf-8", "surrogateescape")) / 4
    assert PackedText.of(text).identity() == PackedText.of(text).identity()
    assert PackedText.of(text).identity() != held.identity() != PackedText.of(text + "x").identity()


def test_mkdocs_reads_a_report_page_as_it_was_made(tmp_path: Path) -> None:
    site = build_site(publish(seed_inputs(), workers=1), site_name="t")
    reports = {path: page for path, page in site.pages.items() if path.startswith(("reports/", "audit/"))}
    assert reports and all(isinstance(page, PackedText) for page in reports.values())
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=True)  # as a build starts; files name their plugin
    staging = Staging()
    staging.reset()
    try:
        builds = BuildState()
        files = {file.src_uri: file for file in generated_files(site, config, builds, staging)}
    finally:
        staging.remove()
    for path, page in reports.items():
        file = files[path]
        assert isinstance(file, GeneratedFile) and file.content_string == page.text()
        file.content_string = ""  # what the hook does once the page is converted
        assert file.content_string == "" and file.packed is None


def held_bytes(value: str | bytes | PackedText | Stored | Joined) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    return value.text().encode("utf-8") if isinstance(value, PackedText) else contents(value)


def test_pages_whose_bulk_is_spilled_make_the_same_site(tmp_path: Path) -> None:
    made = file_pages(publish(seed_inputs(), workers=1).reports)
    spilled = Spill(str(tmp_path))(made[:2]) + Spill(str(tmp_path))(made[2:])  # two files of reports
    assert [file.suffix for file in tmp_path.iterdir()] == [".bulk"]  # one file for the process, not a report
    for pages in spilled:
        assert isinstance(pages, ReportPages)
        assert all(isinstance(part, Stored) for part in (pages.page.data, pages.markdown, pages.csv))
    assert len(pickle.dumps(spilled)) * 4 < len(pickle.dumps(made))
    whole = assemble_site(list(made), (), site_name="t").pages
    light = assemble_site(list(spilled), (), site_name="t").pages
    assert whole.keys() == light.keys()
    assert all(held_bytes(whole[path]) == held_bytes(light[path]) for path in whole)
