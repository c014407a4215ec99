"""Reading the input folder (``build_tools/engine/inputs.py``) and telling non-text files by their bytes
(``build_tools/report/sniff.py``): each case on a small folder, and random trees of files, folders and links."""

from __future__ import annotations

import io
import os
import socket
import stat
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
from build_tools.report.sniff import formats, not_supported, sniff

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
    assert [name for name, _ in discover(tree).inputs] == ["seeds/.notes.txt"]


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
