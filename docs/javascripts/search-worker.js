/*
 * Search worker for Material for MkDocs' search UI, on the index that build_tools/search.py writes to
 * search/. It speaks Material's worker protocol (SETUP → READY, QUERY → RESULT), so the search box,
 * keyboard use, result list and highlighting in the page stay Material's own.
 *
 * A query is split into terms (runs of letters, digits and the word characters of the manifest); a
 * term of two or more characters must occur verbatim. Its candidate paragraphs are the intersection of
 * the postings of its character pairs (one shard file per pair, see build_tools/search.py); pages are ranked by BM25 over those
 * paragraphs, plus title and tag matches; the paragraphs shown are fetched from the text chunks and
 * kept only when they contain the term verbatim. Text is normalised as in build_tools/search.py:
 * NFKC per character, then lower case.
 */

const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

const base = new URL("../search/", self.location.href)
const files = new Map()
const shards = new Map()
let manifest = null
let latest = 0

function fetchJSON(path) {
  if (!files.has(path))
    files.set(path, fetch(new URL(path, base)).then(response => response.ok ? response.json() : {}))
  return files.get(path)
}

function loadManifest() {
  if (!manifest)
    manifest = fetchJSON("manifest.json").then(data => {
      data.averageBlocks = data.blocks / Math.max(1, data.pages.length)
      data.normalizedPages = data.pages.map(([, title, , , tags]) => ({
        title: normalize(title).text,
        tags: tags.map(tag => normalize(tag).text)
      }))
      return data
    })
  return manifest
}

/* ------------------------------------------------------------------------- */

const normalizedCharacters = new Map()

function normalizeCharacter(character) {
  let value = normalizedCharacters.get(character)
  if (value === undefined) {
    value = character.normalize("NFKC").toLowerCase()
    normalizedCharacters.set(character, value)
  }
  return value
}

/* Normalised text, and for each of its code units the range of the original it came from */
function normalize(original) {
  let text = ""
  const starts = []
  const ends = []
  let offset = 0
  for (const character of original) {
    const value = normalizeCharacter(character)
    for (let i = 0; i < value.length; i++) {
      starts.push(offset)
      ends.push(offset + character.length)
    }
    text += value
    offset += character.length
  }
  return { text, starts, ends }
}

function isWordCharacter(character, wordCharacters) {
  return wordCharacters.includes(character) || /[\p{L}\p{N}\p{M}]/u.test(character)
}

/* Distinct runs of word characters of the normalised query */
function terms(query, wordCharacters) {
  const found = []
  let run = ""
  for (const character of normalize(query).text + " ") {
    if (isWordCharacter(character, wordCharacters)) {
      run += character
    } else {
      if (run && !found.includes(run))
        found.push(run)
      run = ""
    }
  }
  return found
}

/* The index keys of a term: its character pairs, or the character itself */
function keysOf(term) {
  const characters = Array.from(term)
  if (characters.length === 1)
    return [{ key: term, folder: "u" }]
  const keys = new Set()
  for (let i = 0; i + 1 < characters.length; i++)
    keys.add(characters[i] + characters[i + 1])
  return [...keys].map(key => ({ key, folder: "g" }))
}

function shardOf(key, shards) {
  let value = 0x811c9dc5
  for (const character of key)
    value = Math.imul(value ^ character.codePointAt(0), 0x01000193) >>> 0
  return value % shards
}

/* A shard's keys → their site-wide paragraph numbers (its text: "@PAGE" lines, then "KEY<tab>DELTAS") */
function fetchShard(path, data) {
  if (!shards.has(path))
    shards.set(path, fetch(new URL(path, base)).then(response => response.ok ? response.text() : "").then(text => {
      const keys = new Map()
      let first = 0
      for (const line of text.split("\n")) {
        if (line.startsWith("@")) {
          first = data.pages[Number(line.slice(1))][2]
          continue
        }
        const tab = line.indexOf("\t")
        if (tab < 0)
          continue
        const key = line.slice(0, tab)
        const ids = keys.get(key) || []
        let id = first
        for (const delta of line.slice(tab + 1).split(","))
          ids.push(id += Number(delta))
        keys.set(key, ids)
      }
      return keys
    }))
  return shards.get(path)
}

async function postings({ key, folder }, data) {
  const count = folder === "g" ? data.pair_shards : data.character_shards
  const shard = await fetchShard(`${folder}/${shardOf(key, count)}.txt`, data)
  return shard.get(key) || []
}

function intersect(lists) {
  lists.sort((a, b) => a.length - b.length)
  let result = lists[0] || []
  for (const list of lists.slice(1)) {
    const next = []
    let j = 0
    for (const id of result) {
      while (j < list.length && list[j] < id)
        j++
      if (list[j] === id)
        next.push(id)
    }
    result = next
  }
  return result
}

/* Index of the last element of sorted `starts` that is ≤ value */
function owner(starts, value) {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle] <= value)
      low = middle
    else
      high = middle - 1
  }
  return low
}

/* ------------------------------------------------------------------------- */

function escapeHTML(value) {
  return value.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`)
}

/* `text` with every occurrence of the terms marked; cut to about `width` characters around the first */
function highlight(text, words, width = Infinity) {
  const { text: normalized, starts, ends } = normalize(text)
  const ranges = []
  for (const word of words)
    for (let at = normalized.indexOf(word); at >= 0; at = normalized.indexOf(word, at + 1))
      ranges.push([starts[at], ends[at + word.length - 1]])
  ranges.sort((a, b) => a[0] - b[0])
  let from = 0
  let to = text.length
  if (text.length > width) {
    const first = ranges.length ? ranges[0][0] : 0
    from = Math.max(0, Math.min(first - Math.floor(width / 3), text.length - width))
    to = Math.min(text.length, from + width)
  }
  let html = from > 0 ? "…" : ""
  let position = from
  for (const [start, end] of ranges) {
    if (start < position || end > to)
      continue
    html += escapeHTML(text.slice(position, start))
    html += `<mark data-md-highlight>${escapeHTML(text.slice(start, end))}</mark>`
    position = end
  }
  return html + escapeHTML(text.slice(position, to)) + (to < text.length ? "…" : "")
}

/* ------------------------------------------------------------------------- */

function bm25(count, blocks, pages, frequency, data) {
  const { k1, b } = data.ranking
  const idf = Math.log(1 + (pages - frequency + 0.5) / (frequency + 0.5))
  const norm = k1 * (1 - b + b * blocks / data.averageBlocks)
  return { idf, score: count ? idf * count * (k1 + 1) / (count + norm) : 0 }
}

/* Per page: the candidate paragraphs of each term, whether its title or tags contain the term */
function candidates(termList, blockLists, data) {
  const firstBlocks = data.pages.map(page => page[2])
  const pages = new Map()
  const entry = index => {
    if (!pages.has(index))
      pages.set(index, { index, blocks: termList.map(() => []), title: [], tags: [] })
    return pages.get(index)
  }
  termList.forEach((term, t) => {
    for (const block of blockLists[t])
      entry(owner(firstBlocks, block)).blocks[t].push(block)
    data.normalizedPages.forEach(({ title, tags }, index) => {
      if (title.includes(term))
        entry(index).title[t] = true
      if (tags.some(tag => tag.includes(term)))
        entry(index).tags[t] = true
    })
  })
  return [...pages.values()]
}

function score(page, termList, data, frequencies) {
  const { title_weight, tag_weight } = data.ranking
  const [, , , blockCount, , boost] = data.pages[page.index]
  let total = 0
  termList.forEach((_, t) => {
    const { idf, score } = bm25(page.blocks[t].length, blockCount, data.pages.length, frequencies[t], data)
    total += score + (page.title[t] ? idf * title_weight : 0) + (page.tags[t] ? idf * tag_weight : 0)
  })
  return total * boost
}

function matches(page, t) {
  return page.blocks[t].length > 0 || !!page.title[t] || !!page.tags[t]
}

async function search(query) {
  const data = await loadManifest()
  const termList = terms(query, data.word_characters)
  if (!termList.length)
    return { items: [] }
  const blockLists = await Promise.all(termList.map(async term =>
    intersect(await Promise.all(keysOf(term).map(key => postings(key, data))))
  ))
  const firstBlocks = data.pages.map(page => page[2])
  let pages = candidates(termList, blockLists, data)
  const frequencies = termList.map((_, t) => pages.filter(page => matches(page, t)).length)
  pages.forEach(page => page.score = score(page, termList, data, frequencies))
  pages.sort((a, b) => b.score - a.score || a.index - b.index)

  /* Read the first paragraphs of the best pages and keep those that contain the terms verbatim */
  const { verified_pages, blocks_per_page, snippet_characters } = data.ranking
  const checked = pages.slice(0, verified_pages)
  const size = data.blocks_per_chunk
  const chunkOf = block => {
    const page = owner(firstBlocks, block)
    return `${data.pages[page][6]}.${Math.floor((block - firstBlocks[page]) / size)}`
  }
  const chunkIds = new Set()
  for (const page of checked)
    for (const blocks of page.blocks)
      for (const block of blocks.slice(0, blocks_per_page))
        chunkIds.add(chunkOf(block))
  const chunks = new Map(await Promise.all([...chunkIds].map(async id => [id, await fetchJSON(`c/${id}.json`)])))
  const blockOf = block => {
    const chunk = chunks.get(chunkOf(block))
    const page = owner(firstBlocks, block)
    const [section, anchor, text] = chunk.blocks[(block - firstBlocks[page]) % size]
    return { section: chunk.sections[section], anchor, text }
  }
  for (const page of checked) {
    page.shown = []
    page.blocks = page.blocks.map((blocks, t) => {
      const verified = blocks.slice(0, blocks_per_page).filter(block => {
        const found = normalize(blockOf(block).text).text.includes(termList[t])
        if (found && !page.shown.includes(block))
          page.shown.push(block)
        return found
      })
      return verified.length ? blocks : []
    })
    page.score = score(page, termList, data, frequencies)
  }

  /* Pages not read are kept only where every term is a single key, so a candidate is a match */
  const exact = termList.map(term => Array.from(term).length <= 2)
  const rest = pages.slice(verified_pages).filter(page => termList.every((_, t) => exact[t] || !matches(page, t)))
  pages = [...checked, ...rest].filter(page => termList.some((_, t) => matches(page, t)))
  pages.sort((a, b) => b.score - a.score || a.index - b.index)

  const items = pages.map(page => {
    const [url, title] = data.pages[page.index]
    const found = termList.filter((_, t) => matches(page, t))
    const termMap = Object.fromEntries(termList.map((term, t) => [term, matches(page, t)]))
    const parent = { location: url, title: highlight(title, found), text: "", score: page.score, terms: termMap }
    const sections = []
    for (const block of (page.shown || []).sort((a, b) => a - b)) {
      const { section, anchor, text } = blockOf(block)
      const snippet = highlight(text, found, snippet_characters)
      if (!anchor) {
        parent.text = parent.text || snippet
        continue
      }
      sections.push({
        location: `${url}#${anchor}`,
        title: highlight(section[1], found),
        text: snippet,
        score: sections.length < 2 ? page.score : page.score * 0.99,
        terms: termMap
      })
    }
    return [parent, ...sections]
  })
  return { items }
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    loadManifest()
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const id = ++latest
    const result = await search(message.data)
    if (id === latest)
      self.postMessage({ type: RESULT, data: result })
  }
})
