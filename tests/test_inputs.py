"""Reading the input folder (``build_tools/engine/inputs.py``) and telling non-text files by their bytes
(``build_tools/report/sniff.py``): each case on a small folder, and random trees of files, folders and links."""

from __future__ import annotations

import ast
import io
import os
import socket
import stat
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.engine import inputs
from build_tools.engine.inputs import discover, overlap, read_file
from build_tools.engine.pipeline import publish
from build_tools.report.metadata import slug_suffix
from build_tools.report.sniff import formats, not_supported, sniff
from tests.conftest import ROOT, build_site

MARKER = "MARKER-outside-the-input-folder-7f3a"


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text or f"text of {path.name}", encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``tmp_path/seeds``, with a secret beside it (``tmp_path/outside``)."""
    write(tmp_path / "outside" / "secret.txt", MARKER)
    write(tmp_path / "outside" / "inner" / "deeper.txt", MARKER)
    (tmp_path / "seeds").mkdir()
    return tmp_path / "seeds"


@contextmanager
def opened_paths() -> Iterator[list[str]]:
    """Every path ``os.open`` and ``os.scandir`` are handed while the block runs."""
    seen: list[str] = []
    real_open, real_scandir = os.open, os.scandir

    def recording_open(path: object, *args: object, **kwargs: object) -> int:
        seen.append(os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def recording_scandir(path: object = ".") -> object:
        seen.append(os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    with mock.patch.object(inputs.os, "open", recording_open), mock.patch.object(inputs.os, "scandir", recording_scandir):
        yield seen


def kinds(found: inputs.Discovery) -> dict[str, str]:
    return {error.source: error.kind for error in found.refused}


# Folders of folders


def test_folders_of_folders_are_read_with_their_paths_sorted(tree: Path) -> None:
    write(tree / "2024" / "广东" / "广州.txt", "广州")
    write(tree / "2024" / "襄阳.txt", "襄阳 2024")
    write(tree / "2025" / "襄阳.txt", "襄阳 2025")
    write(tree / "top.txt", "top")
    found = discover(tree)
    assert found.inputs == (
        ("seeds/2024/广东/广州.txt", "广州".encode()),
        ("seeds/2024/襄阳.txt", "襄阳 2024".encode()),
        ("seeds/2025/襄阳.txt", "襄阳 2025".encode()),
        ("seeds/top.txt", b"top"),
    )
    assert found.refused == ()


def test_hidden_files_are_read_and_hidden_folders_are_not(tree: Path) -> None:
    write(tree / ".notes.txt", "hidden file")
    write(tree / ".git" / "config", "a hidden folder")
    write(tree / "a" / ".cache" / "x.txt", "a hidden folder below")
    found = discover(tree)
    assert [name for name, _ in found.inputs] == ["seeds/.notes.txt"]
    assert found.hidden == ("seeds/.git/", "seeds/a/.cache/")  # not read, but named (the log says so)


def test_an_empty_folder_gives_nothing(tree: Path) -> None:
    (tree / "empty" / "folders").mkdir(parents=True)
    assert discover(tree) == inputs.Discovery((), ())


def test_a_missing_input_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        discover(tmp_path / "missing")


def test_the_folder_is_named_as_given_even_through_a_link(tree: Path) -> None:
    write(tree / "a.txt")
    (tree.parent / "reports").symlink_to(tree)
    assert [name for name, _ in discover(tree.parent / "reports").inputs] == ["reports/a.txt"]


def test_excluded_folders_are_never_read(tree: Path) -> None:
    write(tree / "a.txt")
    write(tree / "cache" / "reports" / "entry.txt", MARKER)
    (tree / "into-cache").symlink_to(tree / "cache" / "reports" / "entry.txt")
    with opened_paths() as seen:
        found = discover(tree, exclude=[tree / "cache"])
    assert [name for name, _ in found.inputs] == ["seeds/a.txt"]
    assert kinds(found) == {"seeds/into-cache": "link-excluded"}
    assert not [path for path in seen if "cache" in path]


# Links


def test_a_link_to_a_file_outside_is_named_and_not_read(tree: Path) -> None:
    write(tree / "a.txt")
    (tree / "secret.txt").symlink_to(tree.parent / "outside" / "secret.txt")
    (tree / "absolute.txt").symlink_to("/etc/hostname")
    with opened_paths() as seen:
        found = discover(tree)
    assert [name for name, _ in found.inputs] == ["seeds/a.txt"]
    assert kinds(found) == {"seeds/absolute.txt": "link-outside", "seeds/secret.txt": "link-outside"}
    assert found.refused[0].problem == "a link to a place outside the input folder: not read"
    assert all(Path(path).resolve().is_relative_to(tree) for path in seen)


def test_a_link_to_a_folder_outside_is_named_and_not_walked(tree: Path) -> None:
    (tree / "more").symlink_to(tree.parent / "outside")
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to("../..")
    found = discover(tree)
    assert found.inputs == ()
    assert kinds(found) == {"seeds/more": "link-outside", "seeds/sub/up": "link-outside"}


def test_links_inside_the_folder_are_read_once_under_the_targets_name(tree: Path) -> None:
    write(tree / "2024" / "a.txt", "a")
    (tree / "latest.txt").symlink_to("2024/a.txt")
    (tree / "also-2024").symlink_to("2024")
    (tree / "2024" / "back").symlink_to("..")
    (tree / "2024" / "self").symlink_to(".")
    found = discover(tree)
    assert found == inputs.Discovery((("seeds/2024/a.txt", b"a"),), ())


def test_a_link_to_a_file_the_build_passes_over_is_named_not_dropped(tree: Path) -> None:
    """六安.txt -> README.md (a report saved under the wrong name) was counted and named nowhere: its target
    is housekeeping, which the walk passes over, and a link inside the folder is read as its target."""
    write(tree / "README.md", "2024年六安市政府工作报告")
    (tree / "六安.txt").symlink_to("README.md")
    found = discover(tree)
    assert found.inputs == () and found.ignored == ("seeds/README.md",)
    assert kinds(found) == {"seeds/六安.txt": "link-excluded"}
    assert "README.md" in found.refused[0].problem


def test_a_name_with_control_characters_is_written_out_so_that_it_cannot_fake_lines_of_the_log(tree: Path) -> None:
    """A file named with an escape sequence recoloured the terminal, one with a line break split its warning
    into lines of its own (one of them a fake ## heading)."""
    write(tree / "a\x1b[31m\n## FAKE\u202e.txt", "报告")
    ((name, _),) = discover(tree).inputs
    assert name == "seeds/a\\x1b[31m\\n## FAKE\\u202e.txt" and name.isprintable()


def test_a_name_in_gbk_bytes_is_read_as_chinese(tree: Path) -> None:
    """A zip made on Chinese Windows names its files in GBK: 2024年襄阳市政府工作报告.txt was shown as
    2024��������.txt in the log, on the page and in its audit, and its place was not read from it. Bytes
    that are no Chinese either are still shown as U+FFFD."""
    write(tree / os.fsdecode("2024年襄阳市政府工作报告.txt".encode("gbk")), "报告")
    write(tree / os.fsdecode(b"caf\xe9.txt"), "报告")
    names = sorted(name for name, _ in discover(tree).inputs)
    assert names == ["seeds/2024年襄阳市政府工作报告.txt", "seeds/caf\ufffd.txt"]


def test_dangling_links_and_loops_of_links_are_named(tree: Path) -> None:
    (tree / "gone.txt").symlink_to("nowhere.txt")
    (tree / "ping").symlink_to("pong")
    (tree / "pong").symlink_to("ping")
    (tree / "self").symlink_to("self")
    found = discover(tree)
    assert found.inputs == ()
    assert set(kinds(found).values()) == {"broken-link"}
    assert len(found.refused) == 4
    assert found.refused[0].problem.startswith("a link that leads nowhere")


# Special files


def test_a_fifo_is_named_and_never_opened(tree: Path) -> None:
    os.mkfifo(tree / "pipe")
    write(tree / "a.txt")
    with opened_paths() as seen:
        found = discover(tree)  # opening a pipe nobody writes to would wait for ever
    assert [name for name, _ in found.inputs] == ["seeds/a.txt"]
    assert found.refused == (inputs.InputError("seeds/pipe", "a named pipe (FIFO), not a regular file: never opened",
                                               "special-file"),)
    assert str(tree / "pipe") not in seen


def test_a_socket_is_named_and_never_opened(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)  # a short path: socket addresses are limited to about 100 bytes
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("listening")
        found = discover(tree)
    assert found.refused == (inputs.InputError("seeds/listening", "a socket, not a regular file: never opened",
                                               "special-file"),)


def test_a_device_is_named_and_never_opened(tree: Path) -> None:
    try:
        os.mknod(tree / "null", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except OSError:
        pytest.skip("devices cannot be made here")
    with opened_paths() as seen:
        found = discover(tree)
    assert kinds(found) == {"seeds/null": "special-file"}
    assert found.refused[0].problem == "a character device, not a regular file: never opened"
    assert str(tree / "null") not in seen


def test_a_special_file_swapped_in_before_reading_is_refused_without_waiting(tree: Path) -> None:
    os.mkfifo(tree / "was-a-file.txt")
    refused = read_file("seeds/was-a-file.txt", tree / "was-a-file.txt")
    assert refused == inputs.InputError("seeds/was-a-file.txt", "a named pipe (FIFO), not a regular file: never opened",
                                        "special-file")


# Files that vanish or change


def test_a_file_that_vanishes_is_named_and_the_rest_is_read(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tree / "a.txt", "a")
    write(tree / "b.txt", "b")
    real_read = inputs.read_file

    def deleting_first(name: str, path: Path) -> object:
        if path.name == "a.txt":
            path.unlink()
        return real_read(name, path)

    monkeypatch.setattr(inputs, "read_file", deleting_first)
    found = discover(tree)
    assert found.inputs == (("seeds/b.txt", b"b"),)
    assert found.refused == (inputs.InputError("seeds/a.txt", "vanished during the build (deleted or moved)", "vanished"),)


def test_a_folder_that_vanishes_is_named(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tree / "2024" / "a.txt")
    write(tree / "b.txt", "b")
    real_listing = inputs.Walk.listing

    def removing(walk: inputs.Walk, folder: Path, parts: tuple[str, ...]) -> list[os.DirEntry[str]]:
        if parts == ("2024",):
            (folder / "a.txt").unlink()
            folder.rmdir()
        return real_listing(walk, folder, parts)

    monkeypatch.setattr(inputs.Walk, "listing", removing)
    found = discover(tree)
    assert found.inputs == (("seeds/b.txt", b"b"),)
    assert kinds(found) == {"seeds/2024/": "vanished"}


def test_a_file_written_to_while_it_is_read_is_named(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tree / "a.txt", "first")
    class Growing(io.BufferedReader):
        def read(self, size: int | None = -1) -> bytes:
            with path.open("a", encoding="utf-8") as other:
                other.write(" and more")
            return super().read(size)

    def growing(descriptor: int, *args: object, **kwargs: object) -> io.BufferedReader:
        return Growing(io.FileIO(descriptor, "rb"))

    monkeypatch.setattr(inputs.os, "fdopen", growing)
    assert read_file("seeds/a.txt", path) == inputs.InputError(
        "seeds/a.txt", "changed while the build read it: not published; build again", "changed"
    )


def test_a_file_replaced_by_a_link_before_reading_is_not_followed(tree: Path) -> None:
    (tree / "a.txt").symlink_to(tree.parent / "outside" / "secret.txt")
    refused = read_file("seeds/a.txt", tree / "a.txt")
    assert refused == inputs.InputError("seeds/a.txt", "was replaced by a link during the build: not read", "changed")


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_a_file_or_folder_that_cannot_be_read_is_named(tree: Path) -> None:
    write(tree / "locked.txt").chmod(0)
    (tree / "closed").mkdir()
    (tree / "closed").chmod(0)
    try:
        found = discover(tree)
    finally:
        (tree / "closed").chmod(0o700)
    assert isinstance(dict(found.inputs)["seeds/locked.txt"], PermissionError)
    assert kinds(found) == {"seeds/closed/": "unreadable"}


# The site folder and the input folder


def test_a_site_folder_inside_the_input_folder_or_around_it_is_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    assert overlap(seeds, tmp_path / "site") is None
    assert overlap(seeds, tmp_path / "seeds-site") is None
    inside = overlap(seeds, seeds / "site")
    assert inside == f"the site folder {seeds / 'site'} lies inside the input folder {seeds}: choose a site folder outside it"
    around = overlap(seeds, tmp_path)
    assert around == f"the input folder {seeds} lies inside the site folder {tmp_path}, which the build cleans: move it out"
    assert overlap(seeds, seeds) == f"the site folder {seeds} is the input folder: choose a site folder outside it"
    (tmp_path / "alias").symlink_to(seeds)
    assert overlap(seeds, tmp_path / "alias" / "site") is not None  # the same folder under another name


# Random trees of files, folders and links

NAMES = st.sampled_from(["a", "b", "广东", "襄阳.txt", "x.txt", ".h", ".h.txt"])
TARGETS = st.sampled_from(
    [".", "..", "../..", "../../..", "x.txt", "a", "a/x.txt", "nowhere", "../outside", "../outside/secret.txt",
     "{base}", "{base}/outside", "{base}/outside/secret.txt", "{base}/tree", "{base}/tree/a", "/", "SELF"]
)
NODE = st.tuples(st.lists(NAMES, max_size=3), st.sampled_from(["file", "folder", "link"]), TARGETS)
TREES = st.lists(NODE, max_size=25)


def build_tree(base: Path, nodes: list[tuple[list[str], str, str]]) -> Path:
    """``base/tree`` made of ``nodes`` (path, kind, link target), beside ``base/outside`` with the marker."""
    write(base / "outside" / "secret.txt", MARKER)
    write(base / "outside" / "inner" / "deeper.txt", MARKER)
    root = base / "tree"
    root.mkdir()
    for number, (parts, kind, target) in enumerate(nodes):
        path = root.joinpath(*parts) if parts else root / f"node{number}"
        if os.path.lexists(path) or not parent_is_folder(root, path):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "file":
            path.write_text(f"file {number}", encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        else:
            path.symlink_to(path.name if target == "SELF" else target.format(base=base))
    return root


def parent_is_folder(root: Path, path: Path) -> bool:
    """Whether every folder on the way to ``path`` is a real folder (or not there yet), not a file or link."""
    for parent in reversed(path.relative_to(root).parents):
        where = root / parent
        if os.path.lexists(where) and (where.is_symlink() or not where.is_dir()):
            return False
    return True


def expected_files(root: Path) -> dict[str, bytes]:
    """The regular files below ``root`` outside hidden folders, found without following any link."""
    found = {}
    for folder, folders, files in os.walk(root, followlinks=False):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                found["tree/" + path.relative_to(root).as_posix()] = path.read_bytes()
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_random_trees_are_walked_to_the_end_and_nothing_outside_is_read(nodes: list[tuple[list[str], str, str]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary).resolve()
        root = build_tree(base, nodes)
        with opened_paths() as seen:
            found = discover(root)
        assert dict(found.inputs) == expected_files(root)
        names = [name for name, _ in found.inputs]
        assert names == sorted(names)
        assert not any(MARKER.encode() in content for _, content in found.inputs if isinstance(content, bytes))
        for path in seen:  # every folder listed and every file opened lies inside the tree
            assert Path(path).resolve().is_relative_to(root)
        for error in found.refused:
            link = root / error.source.removeprefix("tree/")
            assert link.is_symlink()
            target = Path(os.path.realpath(link))
            if error.kind == "link-outside":
                assert not target.is_relative_to(root)
            else:
                assert error.kind in {"broken-link", "link-excluded"}


# Files that are not text


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (zipped("[Content_Types].xml", "word/document.xml"), "a Word document (.docx)"),
        (zipped("[Content_Types].xml", "xl/workbook.xml"), "an Excel workbook (.xlsx)"),
        (zipped("[Content_Types].xml", "ppt/presentation.xml"), "a PowerPoint presentation (.pptx)"),
        (zipped("报告.txt"), "a zip archive (.zip)"),
        (OLE2 + "WordDocument".encode("utf-16-le"), "a Word or WPS document (.doc, .wps)"),
        (OLE2 + "Workbook".encode("utf-16-le"), "an Excel workbook (.xls)"),
        (OLE2, "an Office or WPS document (.doc, .wps, .xls)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document (.pdf)"),
        (b"{\\rtf1\\ansi\\ansicpg936 \\'d5\\'fe", "an RTF document (.rtf)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (b"Rar!\x1a\x07\x01\x00", "a RAR archive (.rar)"),
    ],
)
def test_files_that_are_not_text_are_named_by_their_bytes(data: bytes, name: str) -> None:
    kind = sniff(data)
    assert kind is not None and kind.name == name
    assert not_supported(kind) == f"{name}, not plain text: not supported; save it as a text file (.txt) to publish it"


@pytest.mark.parametrize(
    "data",
    [
        "政府工作报告\n各位代表：".encode(),
        "政府工作报告".encode("gb18030"),
        "\ufeff政府工作报告".encode("utf-16"),
        b"PK is how the report begins",
        b"RIFF but not an image",
        b"",
    ],
)
def test_text_is_not_taken_for_another_kind(data: bytes) -> None:
    assert sniff(data) is None


def test_the_magic_numbers_are_data() -> None:
    assert {"a PDF document (.pdf)", "a Word document (.docx)", "a PNG image"} <= {kind.name for kind in formats()}


# The built site


def report_text(place: str, task: str = "推进高标准农田建设。") -> str:
    return (
        f"{place}政府工作报告\n一、过去一年的工作\n{place}生产总值增长6.5%，粮食产量达到120万吨。\n"
        f"二、今年的主要任务\n{task}\n"
    )


def site_text(site: Path) -> bytes:
    return b"\n".join(path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file())


def docx() -> bytes:
    return zipped("[Content_Types].xml", "word/document.xml")


@pytest.fixture(scope="module")
def tree_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A site built from a tree of folders, with links out of it, a pipe, a Word and a PDF file."""
    base = tmp_path_factory.mktemp("tree")
    write(base / "outside" / "secret.txt", report_text("秘密") + MARKER + "\n")
    write(base / "outside" / "more" / "hidden.txt", report_text("另一处") + MARKER + "\n")
    seeds = base / "seeds"
    write(seeds / "2024" / "广东" / "广州.txt", report_text("广州"))
    write(seeds / "2024" / "襄阳.txt", report_text("襄阳二〇二四"))
    write(seeds / "2025" / "襄阳.txt", report_text("襄阳二〇二五"))
    (seeds / "secret.txt").symlink_to(base / "outside" / "secret.txt")
    (seeds / "2024" / "more").symlink_to("../../outside/more")
    (seeds / "latest.txt").symlink_to("2025/襄阳.txt")
    (seeds / "2024" / "广东" / "up").symlink_to("../..")
    (seeds / "gone.txt").symlink_to("nowhere.txt")
    os.mkfifo(seeds / "pipe")
    (seeds / "report.docx").write_bytes(docx())
    (seeds / "report.pdf").write_bytes(b"%PDF-1.7\n" + report_text("扫描").encode())
    write(seeds / ".old" / "2023" / "荆门.txt", report_text("荆门"))  # a hidden folder: not read, but named
    return base, build_site(seeds, base / "site")


def test_the_build_names_every_file_it_refused_and_why(tree_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    base, result = tree_build
    assert result.returncode == 0, result.stderr
    for line in (
        "WARNING -  seeds/2024/more: a link to a place outside the input folder: not read",
        "WARNING -  seeds/gone.txt: a link that leads nowhere (its target is missing, or links lead round in a loop)",
        "WARNING -  seeds/pipe: a named pipe (FIFO), not a regular file: never opened",
        "WARNING -  seeds/report.docx: a Word document (.docx), not plain text: not supported; save it as a text file (.txt) to publish it",
        "WARNING -  seeds/report.pdf: a PDF document (.pdf), not plain text: not supported; save it as a text file (.txt) to publish it",
        "WARNING -  seeds/secret.txt: a link to a place outside the input folder: not read",
        "INFO    -  9 files found, 3 reports published, 6 failed (broken-link 1, link-outside 2, not-supported 2, special-file 1)",
        "INFO    -  1 hidden folders not read (names starting with .): seeds/.old/",
    ):
        assert line in result.stderr, result.stderr
    home = (base / "site" / "index.html").read_text(encoding="utf-8")
    for name in ("seeds/secret.txt", "seeds/2024/more", "seeds/gone.txt", "seeds/pipe", "seeds/report.docx", "seeds/report.pdf"):
        assert name in home
    assert "a link to a place outside the input folder: not read" in home
    assert "a Word document (.docx), not plain text: not supported" in home
    assert "不支持的文件格式，请另存为纯文本（.txt）（a Word document (.docx)" in home  # in Chinese first


def test_nothing_outside_the_input_folder_reaches_the_site(tree_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    base, _ = tree_build
    built = site_text(base / "site")
    assert MARKER.encode() not in built
    assert "秘密".encode() not in built and "另一处".encode() not in built


def test_a_tree_of_folders_publishes_every_report_once_at_an_address_from_its_path(
    tree_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    base, _ = tree_build
    reports = base / "site" / "reports"
    assert sorted(path.name for path in reports.iterdir() if path.is_dir()) == ["2024-广东-广州", "2024-襄阳", "2025-襄阳"]
    assert "襄阳二〇二四生产总值" in (reports / "2024-襄阳" / "index.html").read_text(encoding="utf-8")
    assert "襄阳二〇二五生产总值" in (reports / "2025-襄阳" / "index.html").read_text(encoding="utf-8")
    assert "seeds/2024/广东/广州.txt" in (reports / "2024-广东-广州" / "index.html").read_text(encoding="utf-8")


def test_under_strict_a_refused_file_fails_the_build(tree_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    base, _ = tree_build
    strict = build_site(base / "seeds", base / "strict-site", "--strict")
    assert strict.returncode != 0
    assert "seeds/secret.txt: a link to a place outside the input folder" in strict.stderr


def test_addresses_stay_when_files_of_the_same_name_are_added(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write(seeds / "2024" / "襄阳.txt", report_text("襄阳二〇二四"))
    assert build_site(seeds, tmp_path / "site", "--strict").returncode == 0
    first = (tmp_path / "site" / "reports" / "2024-襄阳" / "index.html").read_text(encoding="utf-8")
    write(seeds / "2023" / "襄阳.txt", report_text("襄阳二〇二三"))
    write(seeds / "2025" / "襄阳.txt", report_text("襄阳二〇二五"))
    # the same page name from another path; texts of their own, or they would be one report found twice
    write(seeds / "2024-襄阳.txt", report_text("又一个襄阳", "新建城市书房十二座，改造背街小巷三十条，开通社区巴士五条线路。"))
    write(seeds / "2024-襄阳" / "0.txt", report_text("还有一个", "实施汉江生态保护修复工程，建成湿地公园三处，关停沿江码头八个。"))
    result = build_site(seeds, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    reports = tmp_path / "site" / "reports"
    alike = sorted(f"2024-襄阳-{slug_suffix(name)}" for name in ("seeds/2024/襄阳.txt", "seeds/2024-襄阳.txt"))
    assert sorted(path.name for path in reports.iterdir() if path.is_dir()) == sorted(
        ["2023-襄阳", "2024-襄阳-0", "2025-襄阳", *alike]
    )
    assert "襄阳二〇二四生产总值" in (reports / f"2024-襄阳-{slug_suffix('seeds/2024/襄阳.txt')}" / "index.html").read_text(encoding="utf-8")
    assert "襄阳二〇二四生产总值" in first


def test_page_names_do_not_depend_on_the_order_of_the_files() -> None:
    inputs = [(f"seeds/{name}", report_text(name[:2]).encode()) for name in ("a/b.txt", "a-b.txt", "a-b.md", "c/a.txt", "a.txt")]
    forward = {report.source: report.slug for report in publish(inputs, workers=1).reports}
    backward = {report.source: report.slug for report in publish(inputs[::-1], workers=1).reports}
    assert forward == backward
    assert forward["seeds/c/a.txt"] == "c-a" and forward["seeds/a.txt"] == "a"
    assert len(set(forward.values())) == 5


def test_an_empty_input_folder_says_so(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    (seeds / "2024").mkdir(parents=True)
    result = build_site(seeds, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert f"WARNING -  {seeds}: the folder of reports holds no files: the site has no reports" in result.stderr
    strict = build_site(seeds, tmp_path / "strict", "--strict")
    assert strict.returncode != 0
    (seeds / "2024" / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    none_published = build_site(seeds, tmp_path / "site")
    assert f"{seeds}: none of its files could be published: the site has no reports" in none_published.stderr


def test_a_site_folder_inside_the_input_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write(seeds / "r.txt", report_text("襄阳"))
    inside = build_site(seeds, seeds / "site")
    assert inside.returncode == 1
    assert f"error: the site folder {seeds / 'site'} lies inside the input folder {seeds}: choose a site folder outside it" in inside.stderr
    assert sorted(path.name for path in seeds.iterdir()) == ["r.txt"]
    around = build_site(seeds, tmp_path)
    assert around.returncode == 1
    assert f"error: the input folder {seeds} lies inside the site folder {tmp_path}, which the build cleans: move it out" in around.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["seeds"]


def test_plain_mkdocs_refuses_a_site_folder_inside_the_input_folder(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write(seeds / "r.txt", report_text("襄阳"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REPORTS_SEEDS_DIR": str(seeds)}
    mkdocs = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "mkdocs"
    result = subprocess.run(
        [str(mkdocs), "build", "-d", str(seeds / "site")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode != 0
    assert "lies inside the input folder" in result.stderr
    assert not (seeds / "site").exists()


def test_the_cache_folder_is_never_read_as_input(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write(seeds / "r.txt", report_text("襄阳"))
    env = {"REPORTS_CACHE_DIR": str(seeds / "cache")}
    with mock.patch.dict(os.environ, env):
        assert build_site(seeds, tmp_path / "site", "--strict").returncode == 0
        assert any((seeds / "cache").rglob("*.pickle"))  # the cache is there, inside the input folder
        again = build_site(seeds, tmp_path / "site", "--strict")
    assert again.returncode == 0, again.stderr
    assert "1 files found, 1 reports published, 0 failed" in again.stderr


ERROR_CALLS = {"InputError": 2, "DecodeError": 2, "refuse": 2}  # the call and the place of its kind


def error_kinds_raised() -> set[str]:
    """Every kind of problem the build's code gives a refused file: the literal kinds of its calls."""
    kinds = {"encoding"}  # InputError's and DecodeError's default
    for path in (Path(__file__).resolve().parent.parent / "build_tools").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ERROR_CALLS:
                continue
            given = [*node.args[ERROR_CALLS[name] : ERROR_CALLS[name] + 1], *(k.value for k in node.keywords if k.arg == "kind")]
            kinds |= {arg.value for arg in given if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    return kinds


def test_every_kind_of_refused_file_is_explained_in_chinese_on_the_home_page() -> None:
    from build_tools.model import InputError
    from build_tools.pages.home import error_text
    from build_tools.pages.render import labels

    kinds = error_kinds_raised()
    assert {"not-report", "not-supported", "link-outside", "special-file", "vanished"} <= kinds  # the scan finds them
    assert kinds <= set(labels()["error_kinds"]), kinds - set(labels()["error_kinds"])
    problem = "8% of its characters are Chinese, with no Chinese sentences: not the text of a report"
    assert error_text(InputError("corpus/SOURCES.tsv", problem, "not-report")) == f"中文太少，不是报告正文（{problem}）"


def test_housekeeping_files_are_not_read_and_are_named(tmp_path: Path) -> None:
    """A Finder's .DS_Store, a .gitkeep and a README in the folder were failed reports (and failed --strict) or,
    for the README, a report titled README政府工作报告; a hidden file of another name is still read."""
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "2024" / ".gitkeep").write_bytes(b"")
    (tmp_path / "README.md").write_text("# 2025年报告待收集", encoding="utf-8")
    (tmp_path / "Readme.TXT").write_text("说明", encoding="utf-8")
    # a list of the reports' sources beside them (the corpus's SOURCES.tsv) was a failed report on the home page
    (tmp_path / "SOURCES.tsv").write_text("file\tlevel\tregion\tyear\ncity/襄阳.txt\tcity\t湖北省襄阳市\t2024\n")
    (tmp_path / "2024" / ".襄阳.txt").write_text("2024年襄阳市政府工作报告", encoding="utf-8")
    found = discover(tmp_path)
    label = tmp_path.name
    assert [name for name, _ in found.inputs] == [f"{label}/2024/.襄阳.txt"]
    assert found.refused == ()
    assert found.ignored == tuple(sorted(
        f"{label}/{name}" for name in ("2024/.DS_Store", "2024/.gitkeep", "README.md", "Readme.TXT", "SOURCES.tsv")
    ))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 300 MB file took the build from 137 MB to 446 MB of memory before it was refused: a file of gigabytes
    would have filled it. Its size is read first."""
    with (tree / "huge.txt").open("wb") as file:
        file.truncate(300_000_000)  # sparse: no disk used
    real_fdopen = inputs.os.fdopen

    def no_big_reads(descriptor: int, mode: str = "rb") -> object:
        opened = real_fdopen(descriptor, mode)
        if inputs.os.fstat(descriptor).st_size > 100_000_000:
            opened.read = lambda *args: pytest.fail("the file over the limit was read")  # type: ignore[method-assign]
        return opened

    monkeypatch.setattr(inputs.os, "fdopen", no_big_reads)
    found = discover(tree)
    refused = {Path(error.source).name: error for error in found.refused}
    assert refused["huge.txt"].kind == "too-large" and "300.0 MB is over the 20 MB limit" in refused["huge.txt"].problem
    assert "huge.txt" not in {Path(name).name for name, _ in found.inputs}
