"""Any raw text in, a clear result out, nothing lost: real corpus files and a set of bad inputs."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from build_tools.engine.inputs import discover
from build_tools.engine.pipeline import process_bytes, publish, read_inputs
from build_tools.model import Heading
from tests.conftest import CORPUS, ROOT, build_site, linked_or_copied
from tests.gold_structure import normalise

SEED = ROOT / "seeds" / "000_f936ed40faecbb33.txt"
FURNITURE_LEFT_OVER = re.compile(r"【字体|字号】|当前位置|您的位置|<U\+00A0>|^来源[:：]|^(?:打印|收藏|下载|全屏|关闭)$|^分享到")
AGREEING_YEARS = ("2004", "2005", "2015", "2016")


def bad_inputs() -> dict[str, bytes]:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("report.txt", "政府工作报告")
    word = io.BytesIO()
    with zipfile.ZipFile(word, "w") as zipped:
        zipped.writestr("[Content_Types].xml", "<Types/>")
        zipped.writestr("word/document.xml", "<w:document>政府工作报告</w:document>")
    utf8_part = "一、工作回顾\n全年生产总值增长6%。\n".encode()
    gbk_part = "二、今年安排\n粮食产量稳定在1.3万亿斤。\n".encode("gbk")
    return {
        "empty.txt": b"",
        "whitespace.txt": " \n\t\n\u3000\r\n".encode(),
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "document.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\x03endstream",
        "archive.zip": archive.getvalue(),
        "report.docx": word.getvalue(),
        "report.doc": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(1000) + "WordDocument".encode("utf-16-le"),
        "nul.txt": "各位代表：\x00\x00现在报告工作。".encode(),
        "invalid.txt": bytes([0x80, 0x81, 0xFF, 0xFE, 0xFD]) * 200,
        "fake-bom.txt": bytes([0xFF, 0xFE, 0xFD, 0xFD, 0x80, 0xE0]) * 200,
        "page.html": "<!DOCTYPE html><html><head><title>政府工作报告</title></head><body><p>各位代表：</p></body></html>".encode(),
        "huge.txt": ("各位代表：现在我代表市人民政府向大会报告工作。\n" * 720_000).encode(),  # 50 MB
        "one-line.txt": ("全市生产总值增长百分之五，" * 40_000 + "。").encode(),
        "long-line.txt": ("各位代表：现在我代表市人民政府向大会报告工作。一、过去一年工作回顾。全市生产总值增长百分之五。" * 1_000).encode(),
        "mixed.txt": utf8_part + gbk_part,
        "名字 带空格.txt": "各位代表：\n一、工作回顾\n全年粮食产量500万吨。\n".encode(),
        ".hidden-report.txt": "各位代表：\n一、工作回顾\n全年新增就业1万人。\n".encode(),
    }


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-seeds")
    for name, data in bad_inputs().items():
        (folder / name).write_bytes(data)
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


def test_every_bad_input_gives_a_page_or_a_one_line_error_naming_the_file(bad_folder: Path) -> None:
    found = discover(bad_folder)
    inputs = found.inputs
    publication = publish(inputs)
    published = {report.source for report in publication.reports}
    failed = {error.source: error for error in publication.errors}
    for name, _ in inputs:
        assert (name in published) != (name in failed), name
    for error in publication.errors:
        assert "\n" not in error.problem and error.problem
        assert error.kind != "internal", error
    kinds = {Path(source).name: error.kind for source, error in failed.items()}
    assert kinds["empty.txt"] == kinds["whitespace.txt"] == "empty"
    assert kinds["nul.txt"] == "binary"
    not_supported = ("image.png", "archive.zip", "document.pdf", "report.docx", "report.doc")
    assert {kinds[name] for name in not_supported} == {"not-supported"}
    assert failed[f"{bad_folder.name}/report.docx"].problem.startswith("a Word document (.docx), not plain text")
    assert failed[f"{bad_folder.name}/report.doc"].problem.startswith("a Word or WPS document (.doc, .wps)")
    assert kinds["invalid.txt"] == kinds["fake-bom.txt"] == "encoding"
    assert kinds["page.html"] == "html"
    assert {Path(error.source).name: error.kind for error in found.refused} == {"huge.txt": "too-large"}  # unread
    assert kinds["one-line.txt"] == "too-long-line"
    assert {"mixed.txt", "long-line.txt", "名字 带空格.txt", ".hidden-report.txt", SEED.name} <= {
        Path(source).name for source in published
    }


def test_mixed_encodings_decode_line_by_line(bad_folder: Path) -> None:
    report = process_bytes("mixed.txt", (bad_folder / "mixed.txt").read_bytes())[0]
    assert "粮食产量稳定在1.3万亿斤。" in [p.text for p in report.cleaned.paragraphs]


def test_the_build_publishes_the_good_reports_and_summarises_the_failures(bad_folder: Path, tmp_path: Path) -> None:
    result = build_site(bad_folder, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    summary = (
        r"18 files found, 9 reports published, 13 failed "
        r"\(binary 1, empty 2, encoding 2, html 1, not-supported 5, too-large 1, too-long-line 1\)"
    )
    assert re.search(summary, result.stderr), result.stderr[-1500:]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "site" / "reports" / "000_f936ed40faecbb33-5" / "index.html").is_file()
    assert (tmp_path / "site" / "reports" / "名字-带空格" / "index.html").is_file()
    assert (tmp_path / "site" / "reports" / "hidden-report" / "index.html").is_file()
    strict = build_site(bad_folder, tmp_path / "strict", "--strict")
    assert strict.returncode != 0
    assert "huge.txt" in strict.stderr and "Traceback" not in strict.stderr


def test_limits_are_settings(tmp_path: Path) -> None:
    report = tmp_path / "seeds" / "r.txt"
    report.parent.mkdir()
    report.write_text("各位代表：\n一、工作回顾\n" + "全年粮食产量500万吨，" * 100 + "。\n", encoding="utf-8")
    result = build_site(report.parent, tmp_path / "site", "--max-line-chars", "500")
    assert "r.txt: line 3 has" in result.stderr and "over the limit of 500" in result.stderr
    assert "--max-line-chars or REPORTS_MAX_LINE_CHARS raises it" in result.stderr  # the message says how


@pytest.mark.slow
def test_every_corpus_file_publishes_without_furniture(corpus: list[Path]) -> None:
    publication = publish(read_inputs(corpus))
    assert publication.errors == ()
    assert {report.source for report in publication.reports} == {str(path) for path in corpus}
    left_over = [
        (report.source, p.text[:40])
        for report in publication.reports
        for p in report.cleaned.paragraphs
        if FURNITURE_LEFT_OVER.search(p.text)
    ]
    assert left_over == []


@pytest.mark.parametrize("year", AGREEING_YEARS)
def test_a_repeated_page_agrees_with_the_clean_copy_of_the_same_year(year: str) -> None:
    clean_copy, raw_copy = CORPUS / "national" / f"{year}.txt", CORPUS / "national-raw-gbk" / f"{year}.txt"
    if not raw_copy.is_file():
        pytest.skip("../shared/corpus is absent")
    clean_report = process_bytes(str(clean_copy), clean_copy.read_bytes())[0]
    raw_report = process_bytes(str(raw_copy), raw_copy.read_bytes())[0]

    def outline(report):
        return [(b.level, normalise(re.sub("^[—－]+", "", b.text))) for b in report.blocks if isinstance(b, Heading)]

    def figures(report):
        return sorted((i.value or 0.0, i.unit, i.kind or "") for i in report.indicators)

    assert outline(raw_report) == outline(clean_report)
    assert figures(raw_report) == figures(clean_report)


@pytest.mark.slow
def test_the_whole_corpus_builds_as_a_site(corpus: list[Path], tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in corpus:
        linked_or_copied(path, seeds / f"{path.parent.name}-{path.name}")  # a link outside would not be read
    result = build_site(seeds, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr[-2000:]
    # every file is published: as a page of its own, or as a named source of the one page of its report
    catalogue = json.loads((tmp_path / "site" / "downloads" / "catalogue.json").read_text(encoding="utf-8"))
    sources = [source for entry in catalogue["reports"] for source in entry["sources"]]
    assert sorted(sources) == sorted(f"seeds/{path.parent.name}-{path.name}" for path in corpus)
    pages = list((tmp_path / "site" / "reports").glob("*/index.html"))
    moved = [page for page in pages if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:600]]
    assert len(pages) - len(moved) == len(catalogue["reports"])
    assert len(moved) == len(sources) - len(catalogue["reports"])  # each copy's address leads to its report
    assert len(list((tmp_path / "site" / "audit").glob("*/index.html"))) == len(corpus)
    merged = {source: entry["sources"] for entry in catalogue["reports"] for source in entry["sources"]}
    for raw in (path for path in corpus if path.parent.name == "national-raw-gbk"):
        assert f"seeds/national-{raw.name}" in merged[f"seeds/national-raw-gbk-{raw.name}"]  # one report, two sources
    # Three files of city/ hold the State Council's 2024 report, not their city's (their text says 我代表国务院):
    # they are copies of national/2024. No other files merge.
    national_2024 = {"seeds/national-2024.txt", "seeds/city-台州.txt", "seeds/city-襄阳.txt", "seeds/city-贵阳.txt"}
    for group in merged.values():
        years = {source.rsplit("-", 1)[-1] for source in group}
        assert len(group) == 1 or set(group) == national_2024 or (len(group) == 2 and len(years) == 1), group


def test_a_long_path_a_section_s_own_name_and_names_alike_but_for_case_each_get_a_page_of_their_own(
    tmp_path: Path,
) -> None:
    """A path of long Chinese folder names made a page name past the 255 bytes a file name may have, and the
    build stopped with a traceback, publishing nothing; index.txt became reports/index.html, a folder's own
    page, where its catalogue address was a 404; Report.txt and report.txt had pages one file system cannot tell apart."""
    text = "2024年六安市政府工作报告\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n全市地区生产总值增长5.8%。\n"
    seeds = tmp_path / "seeds"
    deep = seeds / ("2024年全国各省市自治区政府工作报告汇编（完整版）" * 2) / "湖北省各地级市州人民政府工作报告全文"
    deep.mkdir(parents=True)
    long_name = "2024年鄂州市人民政府工作报告（全文）——在鄂州市第十届人民代表大会第四次会议上.txt"
    for path in (deep / long_name, seeds / "index.txt", seeds / "Report.txt", seeds / "report.txt"):
        path.write_text(text.replace("六安", path.stem[:2]), encoding="utf-8")
    result = build_site(seeds, tmp_path / "site")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    catalogue = json.loads((tmp_path / "site" / "downloads" / "catalogue.json").read_text(encoding="utf-8"))
    urls = [entry["url"] for entry in catalogue["reports"]]
    assert len(urls) == 4 and len({url.casefold() for url in urls}) == 4
    for url in urls:
        assert (tmp_path / "site" / url / "index.html").is_file(), url
        assert len(url.split("/")[1].encode("utf-8")) <= 160
    assert "reports/index/" not in urls
