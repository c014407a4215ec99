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
its bytes.
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


@lru_cache(maxsize=64)
def readable_json(text: str) -> str:
    """The JSON ``text`` with its non-ASCII characters as themselves, still safe inside a script element."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)


def compact_html(html: str) -> str:
    """``html`` minified, with the theme's configuration written readably."""
    config = CONFIG.search(html)
    if config is not None:
        html = html[: config.start(2)] + readable_json(config.group(2)) + html[config.end(2) :]
    html = minify_html.minify(html, keep_html_and_head_opening_tags=True)
    title = TITLE.search(html)
    if title is not None and "<" in title.group(2):
        html = html[: title.start(2)] + title.group(2).replace("<", "&lt;") + html[title.end(2) :]
    return html
