"""Search index: the site's rendered pages in, a sharded character-pair index under ``site/search/`` out.

In: ``SearchPage`` records (URL, title, tags and the HTML that Markdown rendered), one per page, as the
MkDocs hook sees them. Out: files written by ``write_index(pages, site_dir)``:

- ``search/manifest.json``: the pages (URL, title, number of its first paragraph, paragraphs, tags,
  boost, key), the shard counts and the ranking settings of ``resources/search.yaml``;
- ``search/g/N.txt``: character pairs → the paragraphs that contain them. For each page with keys in
  the shard, a line ``@PAGE`` (its place in the manifest), then one line per key,
  ``KEY<tab>DELTAS``: the page's own paragraph numbers, delta-encoded;
- ``search/u/N.txt``: the same for single characters, used only by one-character queries;
- ``search/c/KEY.K.json``: the text of the paragraphs of the page with that key, a few at a time, with
  their section.

(The volumes, directory, fold table and places of ``writer``'s docstring besides.) Every file is stored
gzipped under its name plus ``.gz`` (``files``): the browser inflates what it fetches.

Built for rebuilds: each page's part (its lines per shard, its chunks) is made once per version of the
page and cached, a shard is the concatenation of the pages' parts, a shard that changed pages touch is
their previous text with those pages' parts replaced (the other pages are not read), and a file whose
bytes were already written to the folder by the previous build is not written again.

Why pairs of characters: Chinese has no spaces, and a reader types any part of a word (产量 in 粮食产量,
消费价格 in 居民消费价格) or a phrase across words (农民人均纯收入). Every string of two or more characters
is found by intersecting the paragraphs of its pairs; the browser then reads those paragraphs and keeps
only the ones that contain the string verbatim. No dictionary is involved, so index and query cannot
segment differently. A query fetches one shard per distinct pair plus a few text chunks, never the
whole index. ``docs/javascripts/search-worker.js`` is the browser side; it must normalise text exactly as
``normalize`` does here (NFKC per character, lower case) and hash keys as ``shard_of`` does.

The package, by role: ``parse`` (HTML → blocks, normalisation), ``parts`` (one page's part of the index),
``indexing`` (many pages' parts, in workers and the cache), ``files`` (writing and splicing the stored
files), ``volumes`` (the pages cut into volumes), ``directory`` (which volumes hold each key),
``writer`` (the index files).
"""

from build_tools.search.files import STORED, read_index_text
from build_tools.search.indexing import IndexingAhead, read_into_memory
from build_tools.search.parse import (
    ContentParser,
    ParsedPage,
    SearchPage,
    normalize,
    pairs_and_characters,
    parse_page,
    runs,
    settings,
)
from build_tools.search.parts import IndexedPage, page_key
from build_tools.search.writer import WritingAhead, WrittenIndex, read_postings, write_index

__all__ = [
    "STORED",
    "ContentParser",
    "IndexedPage",
    "IndexingAhead",
    "ParsedPage",
    "SearchPage",
    "WritingAhead",
    "WrittenIndex",
    "normalize",
    "page_key",
    "pairs_and_characters",
    "parse_page",
    "read_index_text",
    "read_into_memory",
    "read_postings",
    "runs",
    "settings",
    "write_index",
]
