"""Compact HTML: a page as the theme wrote it in, the same page as a browser reads it, in fewer bytes, out.

Material's templates indent every line of the navigation and the table of contents, quote every
attribute and close every element. ``minify-html`` (a maintained HTML minifier, in Rust) takes out what
a browser does not need: white space that renders as nothing, the quotes around attribute values that
need none, and the end tags HTML lets a parser infer (``</p>``, ``</li>``, ``</td>``, ``</tr>``): the
corpus site is 324 KB a report, against 343 KB with only the indentation taken out. The document a
browser builds is the same; scripts and styles are left as they are. A ``<`` in the page's title stays
escaped: HTML reads a title as text, but a tool that reads the page as plain text would take a report's
``<a href=…>`` there for a tag. Material's configuration (``<script id="__config">``, in every page) is
written with its Chinese labels as characters rather than ``\\uXXXX`` escapes, which took a third of
its bytes. Links are written with their Chinese characters as themselves (``href="../湖北省/"``), as
HTML allows and every browser reads them, rather than percent-encoded (``%E6%B9%96…``, three times
the bytes); what a URL must keep encoded (``%25``, ``%20``, a ``#`` or ``?`` in a name, spaces and
invisible characters) stays encoded.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import minify_html

TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S)
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# what must stay escaped in JSON inside a script element, as the theme's ``tojson`` escapes it
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


ENCODED_HREF = re.compile(r'(?<=href=")[^"]*%[89A-Fa-f][0-9A-Fa-f][^"]*(?=")')
# bytes 0x80–0xFF: only the UTF-8 of characters outside ASCII, never a character a URL reserves
ENCODED_RUN = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def decoded_run(found: re.Match[str]) -> str:
    """The characters a run of percent-encoded bytes stands for, when it stands for visible characters."""
    try:
        text = bytes.fromhex(found.group().replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return found.group()
    return text if all(character.isprintable() and not character.isspace() for character in text) else found.group()


def readable_href(found: re.Match[str]) -> str:
    return ENCODED_RUN.sub(decoded_run, found.group())


@lru_cache(maxsize=64)
def readable_json(text: str) -> str:
    """The JSON ``text`` with its non-ASCII characters as themselves, still safe inside a script element."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)


def compact_html(html: str) -> str:
    """``html`` minified, with the theme's configuration and its links written readably."""
    config = CONFIG.search(html)
    if config is not None:
        html = html[: config.start(2)] + readable_json(config.group(2)) + html[config.end(2) :]
    html = ENCODED_HREF.sub(readable_href, html)
    html = minify_html.minify(html, keep_html_and_head_opening_tags=True)
    title = TITLE.search(html)
    if title is not None and "<" in title.group(2):
        html = html[: title.start(2)] + title.group(2).replace("<", "&lt;") + html[title.end(2) :]
    return html
