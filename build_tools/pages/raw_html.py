"""Python-Markdown extension: blocks of HTML the renderer made, passed through untouched.

In: Markdown in which the renderer wrapped whole blocks of finished HTML between a ``RAW_START``
line and a ``RAW_END`` line. Out: the same Markdown with each such block in Markdown's own store of
raw HTML (``htmlStash``), so that neither the block parser nor the inline patterns read it, and
Markdown's output holds it as it was written.

Why: the body of a report is thousands of paragraphs whose text the renderer has already escaped
and marked up; Python-Markdown's inline processing of them was most of a build's rendering time,
and its own raw-HTML reader parses every tag again. The markers cannot come from a report: source
text reaches a page only escaped (``render.escape_markdown``, ``render.escape_html``), which turns
their ``<`` into ``&lt;``. Headings stay Markdown, for the table of contents.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

RAW_START = "<!-- gr-raw -->"
RAW_END = "<!-- /gr-raw -->"
PRIORITY = 25  # after whitespace normalisation (30), before Markdown's raw-HTML reader (20)


class RawBlocks(Preprocessor):
    """A block may be indented (inside an admonition): its placeholder keeps the start marker's indent."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        start = indent = ""
        for line in lines:
            if block is None:
                if line.strip() == RAW_START:
                    block, start, indent = [], line, line[: len(line) - len(line.lstrip())]
                else:
                    out.append(line)
            elif line.strip() == RAW_END:
                html = "\n".join(part.removeprefix(indent) for part in block)
                out += ["", indent + self.md.htmlStash.store(html), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # no end marker: the lines stay as they were
            out += [start, *block]
        return out


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(RawBlocks(md), "gr_raw_blocks", PRIORITY)


def makeExtension(**kwargs: object) -> RawHtmlExtension:
    return RawHtmlExtension(**kwargs)
