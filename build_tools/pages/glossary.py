"""The glossary's page and script: the glossary (``resources/glossary.yaml``) and the phrases' use in, the
page's Markdown and ``javascripts/glossary.js`` out.

The page files its terms as a dictionary does, by their pinyin (given with each term; ``collation``), a
heading a letter so that the page's outline leads to each; every term gives its reading, its definition and the
number of reports that use it, linked to its phrase page (which lists its newest users and its use per
year), so the page stays the same size however large the archive grows.
"""

from __future__ import annotations

import json
from itertools import groupby

from build_tools.archive.phrases import Usage
from build_tools.collation import dictionary_key, filed_under
from build_tools.pages.browse import link
from build_tools.pages.phrases import phrase_path
from build_tools.pages.render import escape_markdown, front_matter, labels, table
from build_tools.report.glossary import shared_glossary

PAGE = "glossary.md"


def glossary_page(known: Usage) -> str:
    """Every glossary term under its letter, in pinyin order, with its definition and how many reports
    use it (``known``: the phrases' use, ``phrase_usage``), linked to the term's phrase page."""
    words = labels()
    columns = [words["glossary_columns"][k] for k in ("term", "definition", "reports")]
    terms = sorted(shared_glossary().terms, key=lambda term: dictionary_key(term.pinyin, term.term))
    parts = [
        front_matter({"title": words["glossary_title"]}),
        f"# {words['glossary_title']}\n",
        escape_markdown(words["glossary_intro"]) + "\n",
    ]
    for letter, filed in groupby(terms, key=lambda term: filed_under(term.pinyin)):
        rows = []
        for term in filed:
            count = words["glossary_users"].format(n=len(known.users.get(term.term, ())))
            used = link(PAGE, phrase_path(term.term), count)
            reading = f'<span class="gr-pinyin">{escape_markdown(term.pinyin)}</span>' if term.pinyin else ""
            rows.append([escape_markdown(term.term) + reading, escape_markdown(term.definition), used])
        parts.append(f"## {letter} {{#letter-{letter if letter.isalpha() else 'other'}}}\n")
        parts.append(f'<div class="gr-glossary" markdown>\n\n{table(columns, rows)}\n</div>\n')  # columns alike
    return "\n".join(parts)


def glossary_script() -> str:
    """``javascripts/glossary.js``, which every page loads (and the browser keeps): each glossary term's
    reading and definition by term, from which ``docs/javascripts/term-titles.js`` makes the tooltip of
    each term marked on a report page, so that a page does not carry the definitions itself."""
    definitions = {term.term: [term.pinyin, term.definition] for term in shared_glossary().terms}
    return f"window.grGlossary = {json.dumps(definitions, ensure_ascii=False, sort_keys=True)};\n"
