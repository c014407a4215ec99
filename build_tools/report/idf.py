"""Build the IDF table of the tagger from a folder of real government work reports.

In: folders of report files (``*.txt``, searched recursively; UTF-8 or GB18030). Out: a TSV file, by default
``build_tools/resources/tags/idf.tsv``: a ``documents`` line with the number of reports, then ``word``, its
document frequency and its idf, sorted by word, for words of two or more Han characters found in at least
``--min-df`` reports. Each file counts as one report. Repeated paragraphs are dropped first (scraped pages
often hold the same text several times), which keeps the count honest should term frequencies be added.

    python -m build_tools idf ../shared/corpus

The segmentation is the tagger's own (jieba with the genre's user dictionary), so the table should be
regenerated after the user dictionary changes. The output depends only on the files' contents.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from build_tools.report.segmenting import Segmenter
from build_tools.report.tagging import IDF_PATH, idf_of, is_han_word, is_number

DEFAULT_MIN_DF = 3
ENCODINGS = ("utf-8-sig", "gb18030")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
HEADER = (
    "# Document frequencies of words in government work reports (政府工作报告), for build_tools/tagging.py.\n"
    "# Made by: python -m build_tools idf {folders} --min-df {min_df}\n"
    "# idf = ln((documents + 1) / (df + 1)) + 1; words in fewer than {min_df} reports get the idf of df = 1.\n"
)


def decode_report(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else GB18030, replacing what neither can read."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(ENCODINGS[-1], errors="replace")


def unique_paragraphs(text: str) -> str:
    """The text's non-blank lines, stripped, each kept only the first time it occurs."""
    seen: dict[str, None] = {}
    for line in LINE_BREAK.split(text):
        stripped = line.strip()
        if stripped:
            seen.setdefault(stripped, None)
    return "\n".join(seen)


def report_files(folders: Iterable[Path]) -> list[Path]:
    """Every ``*.txt`` file under the folders, in a stable order."""
    files: set[Path] = set()
    for folder in folders:
        files.update(path for path in folder.rglob("*.txt") if path.is_file())
    return sorted(files)


def document_frequencies(texts: Iterable[str], segmenter: Segmenter) -> tuple[int, Counter[str]]:
    """The number of texts and, for each word of two or more Han characters, how many texts use it."""
    frequencies: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        words = segmenter.segment(unique_paragraphs(text))
        frequencies.update({word for word in words if is_han_word(word) and not is_number(word)})
    return documents, frequencies


def format_table(documents: int, frequencies: Counter[str], *, min_df: int, folders: Sequence[str]) -> str:
    rows = [f"{word}\t{df}\t{idf_of(df, documents):.4f}\n" for word, df in sorted(frequencies.items()) if df >= min_df]
    header = HEADER.format(folders=" ".join(folders), min_df=min_df)
    return header + f"documents\t{documents}\n" + "word\tdf\tidf\n" + "".join(rows)


def build_table(folders: Sequence[Path], *, min_df: int = DEFAULT_MIN_DF, segmenter: Segmenter | None = None) -> str:
    files = report_files(folders)
    if not files:
        raise ValueError("no *.txt files in " + ", ".join(str(folder) for folder in folders))
    texts = (decode_report(path.read_bytes()) for path in files)
    documents, frequencies = document_frequencies(texts, segmenter or Segmenter.from_resources())
    return format_table(documents, frequencies, min_df=min_df, folders=[folder.as_posix() for folder in folders])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m build_tools idf", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="folders of report files (*.txt)")
    parser.add_argument("--output", type=Path, default=IDF_PATH, help=f"where to write the table ({IDF_PATH.name})")
    parser.add_argument("--min-df", type=int, default=DEFAULT_MIN_DF, help="keep words found in this many reports")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [folder for folder in args.folders if not folder.is_dir()]
    if missing:
        print(f"idf: not a folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    try:
        table = build_table(args.folders, min_df=args.min_df)
    except ValueError as error:
        print(f"idf: {error}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table, encoding="utf-8")
    print(f"idf: wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
