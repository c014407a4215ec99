from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, build_site
from tests.gold_structure import gold


def inspect(*files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "inspect", *files, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_inspect_prints_one_json_object_with_every_report() -> None:
    result = inspect("seeds/000_f936ed40faecbb33.txt")
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)["reports"]
    assert len(reports) == 5
    for report in reports:
        assert {"title", "source", "outline", "anomalies"} <= report.keys()
        assert report["source"] == "seeds/000_f936ed40faecbb33.txt"
        assert all(set(item) >= {"level", "text"} and item["level"] >= 1 for item in report["outline"])
        assert all(set(item) >= {"kind", "line", "text"} for item in report["anomalies"])
    assert len({report["title"] for report in reports}) == 5


def test_inspect_outline_levels_follow_the_gold_nesting() -> None:
    report = json.loads(inspect("seeds/000_f936ed40faecbb33.txt").stdout)["reports"][0]
    first = gold()["reports"][0]["outline"][0]
    assert report["outline"][0] == {"level": 1, "text": "20xx年主要工作?", "line": 9} or report["outline"][0]["level"] == 1
    assert report["outline"][1]["level"] == 2 and report["outline"][1]["text"].startswith(first["children"][0]["text"])
    assert report["outline"][2]["level"] == 3


def test_inspect_names_a_bad_file_and_still_reports_the_good_ones(tmp_path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"   \n\n")
    result = inspect("seeds/000_f936ed40faecbb33.txt", str(bad))
    assert result.returncode == 1
    assert len(json.loads(result.stdout)["reports"]) == 5
    assert f"{bad}: no report text found" in result.stderr


def test_titles_add_what_each_piece_says_of_itself() -> None:
    reports = json.loads(inspect("seeds/000_f936ed40faecbb33.txt").stdout)["reports"]
    assert reports[0]["title"] == "武陵源区政府工作报告篇一：20xx年主要工作"
    assert reports[4]["title"].endswith("加强和改进政府自身建设")
    assert [report["level"] for report in reports][2:4] == ["区县", "乡镇"]
    assert all(report["place"] is None for report in reports)  # the collection's title is no piece's place


def test_inspect_gives_indicators_and_tags_with_the_documented_fields() -> None:
    reports = json.loads(inspect("seeds/000_f936ed40faecbb33.txt").stdout)["reports"]
    fields = {"subject", "value", "value_high", "unit", "base_value", "base_unit", "role", "fall", "qualifier", "kind",
              "line", "span"}
    first = reports[0]["indicators"]
    assert first and all(set(row) == fields for row in first)
    source = (ROOT / "seeds" / "000_f936ed40faecbb33.txt").read_text(encoding="utf-8").splitlines()
    assert all(row["span"] in source[row["line"] - 1] for report in reports for row in report["indicators"])
    assert {"猕猴桃", "日光温室"} <= set(reports[0]["keywords"])  # its own words; the tags are shared topics
    assert {"新农合", "现代农业"} <= set(reports[0]["tags"])
    assert all(5 <= len(report["tags"]) <= 10 for report in reports)


def test_a_missing_folder_of_reports_builds_nothing_and_fails(tmp_path) -> None:
    """A mistyped folder used to build an empty archive over the site, and exit 0 (a deploy would publish it)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site published before", encoding="utf-8")
    result = build_site(tmp_path / "no-such-folder", site)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "no-such-folder: the folder of reports does not exist" in result.stderr
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site published before"
