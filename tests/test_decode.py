from __future__ import annotations

import codecs

import pytest

from build_tools.report.decode import DecodeError, Limits, decode

TEXT = "政府工作报告\n一、经济发展\n国内生产总值增长５%。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_supported_encodings_decode_to_the_same_lines(data: bytes, encoding: str) -> None:
    source = decode("a.txt", data)
    assert source.encoding == encoding
    assert source.lines == tuple(TEXT.split("\n"))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\r\r\n"])
def test_every_line_end_splits_lines(newline: str) -> None:
    assert decode("a.txt", TEXT.replace("\n", newline).encode()).lines == tuple(TEXT.split("\n"))


def test_unicode_line_separators_inside_a_line_are_not_line_ends() -> None:
    assert decode("a.txt", "甲\u2028乙\x0c丙".encode()).lines == ("甲\u2028乙\x0c丙",)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x00\x00\x00\rIHDR\x00\x00\x00\x10", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not plain text: not supported"),
        (b"%PDF-1.4\n" + "政府工作报告".encode(), "a PDF document (.pdf), not plain text: not supported"),
        (bytes(range(0x80, 0x100)) * 4, "valid in none"),
        (b"ab\x01\x02\x03\x04\x05\x06\x07\x08" * 10, "control characters"),
    ],
)
def test_bytes_that_are_not_text_raise_an_error_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(DecodeError) as raised:
        decode("seeds/bad file.txt", data)
    assert str(raised.value).startswith("seeds/bad file.txt: ")
    assert problem in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_file_too_little_of_which_is_chinese_is_refused_as_no_report() -> None:
    sources = "path\tlevel\tregion\tyear\ncity/东营.txt\tcity\t山东省东营市\t2024\n" * 20
    with pytest.raises(DecodeError) as raised:
        decode("corpus/SOURCES.tsv", sources.encode())
    assert raised.value.kind == "not-report"
    assert str(raised.value) == (
        "corpus/SOURCES.tsv: 18% of its characters are Chinese, with no Chinese sentences: not the text of a report"
    )
    markup = "<script>alert('x')</script><img src=x onerror=alert(1)>" * 3
    quoting = f"各位代表：\n现在，我代表市人民政府报告工作。{markup}\n国内生产总值增长5.2%，{markup}\n粮食产量稳定增长。\n"
    assert decode("2024.txt", quoting.encode()).lines[1].startswith("现在")  # prose, among much markup


def test_a_line_of_a_mixed_file_whose_gb18030_bytes_are_valid_utf_8_too_is_read_as_gb18030() -> None:
    """目录 in GB18030 is C4BF C2BC, which UTF-8 reads as Ŀ¼: the 1955 report's table of contents began so."""
    data = "各位代表：\n".encode() + "目录\n一、国家在过渡时期的总任务\n".encode("gb18030")
    assert decode("1955.txt", data).lines == ("各位代表：", "目录", "一、国家在过渡时期的总任务", "")


REPORT = "2024年铜陵市政府工作报告\n各位代表：\n" + "全市地区生产总值增长5.8%，经济运行稳中向好。\n" * 60


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_stray_byte_or_a_cut_character_is_shown_as_unreadable_not_the_whole_report_refused(encoding: str) -> None:
    """One 0xFF in a report, a download cut in the middle of its last character, or one NUL refused the whole
    report; each is now U+FFFD, which the page marks as a suspicious character."""
    data = REPORT.encode(encoding)
    middle = data.index("经济".encode(encoding))
    for damaged in (data[:middle] + b"\xff" + data[middle:], data + "国".encode(encoding)[:1],
                    data[:middle] + b"\x00" + data[middle:]):
        source = decode("铜陵.txt", damaged)
        text = "\n".join(source.lines)
        assert text.count("\ufffd") == 1, source.encoding
        assert text.replace("\ufffd", "") == REPORT
        assert source.replaced == 1  # and the report's audit page says so (test_archive)
    assert decode("铜陵.txt", data).replaced == 0


def test_a_utf8_file_with_a_byte_order_mark_and_gb18030_lines_after_it_is_read_line_by_line() -> None:
    """Notepad's UTF-8 (with its byte order mark) and a GB18030 file joined (cat a.txt b.txt) was refused,
    the message pointing at a UTF-8 line, where the same lines without the mark were read."""
    first = "2024年咸宁市政府工作报告\n各位代表：\n" + "全市地区生产总值增长6%，经济运行稳中向好。\n" * 20
    second = "全市就业保持稳定，居民收入稳步增长。\n" * 20
    source = decode("咸宁.txt", codecs.BOM_UTF8 + first.encode("utf-8") + second.encode("gb18030"))
    assert "\n".join(source.lines) == first + second
    assert source.replaced == 0


def test_a_stray_byte_inside_a_gb18030_character_costs_that_character_not_the_rest_of_its_line() -> None:
    """A 0xFF between the two bytes of a character put the GB18030 reading out of step: the rest of the line
    (about 700 characters of 宜昌's paragraph) was published as valid but wrong characters (事项全面落地 read
    事��钊媛涞芈), its figures lost and the audit claiming full-width digits the file does not hold."""
    line = "94个重大事项全面落地落实。流域综合治理和统筹发展、城市和产业集中高质量发展取得新进展，地区生产总值增长6.2%。"
    text = "2024年宜昌市政府工作报告\n各位代表：\n" + line * 3 + "\n" + "全市经济运行稳中向好，就业保持稳定。\n" * 200
    data = text.encode("gb18030")
    middle = data.index("项".encode("gb18030")) + 1
    source = decode("宜昌.txt", data[:middle] + b"\xff" + data[middle:])
    read = "\n".join(source.lines)
    assert read.replace("\ufffd\ufffd\ufffd", "项", 1) == text
    assert source.replaced == 3  # the character's two bytes and the stray one, each shown as U+FFFD


def test_a_utf16_file_cut_by_one_byte_loses_its_last_character_only() -> None:
    """A UTF-16 file missing its last byte was refused whole, the message blaming its byte-order mark (byte 0xFF
    at offset 0 is not UTF-8)."""
    for encoding in ("utf-16-le", "utf-16-be"):
        data = REPORT.encode("utf-16")[:-1] if encoding == "utf-16-le" else codecs.BOM_UTF16_BE + REPORT.encode(encoding)[:-1]
        source = decode("黄石.txt", data)
        assert "\n".join(source.lines) == REPORT[:-1] + "\ufffd" and source.replaced == 1, encoding


def test_utf16_without_a_byte_order_mark_is_read() -> None:
    """Its NUL bytes, the high halves of the digits and line ends, called it a binary file."""
    for encoding in ("utf-16-le", "utf-16-be"):
        assert "\n".join(decode("黄石.txt", REPORT.encode(encoding)).lines) == REPORT


def test_a_file_of_many_unreadable_bytes_says_where_the_first_is() -> None:
    data = REPORT.encode("utf-8")
    damaged = data[:100] + b"\xff\xfe\xff" * 40 + data[100:]
    with pytest.raises(DecodeError) as raised:
        decode("坏.txt", damaged)
    assert "byte 0xFF at offset 100 (line 3) is not UTF-8" in str(raised.value)


def test_utf8_text_read_as_gbk_and_saved_again_is_refused_as_such() -> None:
    """鍚勪綅浠ｈ〃 for 各位代表 was published as a page of garbage under the file name's place, said to be written in
    traditional characters."""
    mojibake = REPORT.encode("utf-8").decode("gbk", "replace")
    with pytest.raises(DecodeError) as raised:
        decode("安顺_乱码.txt", mojibake.encode("utf-8"))
    assert raised.value.kind == "mojibake"
    assert "read as GBK and saved again" in str(raised.value)
    assert decode("安顺.txt", REPORT.encode("utf-8")).lines[0] == "2024年铜陵市政府工作报告"


def test_a_gb18030_file_with_stray_bytes_says_where_they_are() -> None:
    """9 stray bytes in a GB18030 file: the message named its first byte, valid GB18030, as not UTF-8, and not the
    stray byte that made it unreadable."""
    data = REPORT.encode("gb18030")
    damaged = data[:60] + b"\xff" * 3 + data[60:120] + b"\xff" * 3 + data[120:180] + b"\xff" * 3 + data[180:]
    with pytest.raises(DecodeError) as raised:
        decode("鄂州.txt", damaged, Limits(max_file_bytes=10**7, max_line_chars=10**6))
    message = str(raised.value)
    assert "is not UTF-8" in message and "byte 0xFF at offset 60 (line " in message and "is not GB18030" in message
