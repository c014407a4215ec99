/*
 * Search worker for the site's search panel, on the index that build_tools/search/ writes to search/.
 * Material's search box sends it the query (SETUP → READY, QUERY); the results go to the panel of
 * javascripts/search-panel.js (PANEL messages), which shows them, asks for more as the reader scrolls
 * (MORE) and sets the filters (FILTER).
 *
 * Every index file is fetched gzipped (NAME.gz) and inflated here, with fflate's gunzipSync
 * (search-gunzip.js).
 *
 * Text is normalised as in build_tools/search/parse.py: NFKC per character, lower case, without the
 * manifest's quotation marks (“十四五”规划 is 十四五规划) nor its list marks between Han characters (碳达峰、
 * 碳中和 is 碳达峰碳中和), then folded with OpenCC's table
 * (search/f/BLOCK.txt: one line per class of characters, the one they fold to first), fetched only for
 * the blocks of code points the query's characters fall in. A query is split into terms
 * (runs of letters, digits and the manifest's word characters); a result is a page where every term
 * occurs: in a paragraph (a term of two or more characters is a run of its pairs at consecutive offsets,
 * which the pair postings give), in the title, the tags, or the page's place or year.
 *
 * The index is cut into volumes of pages (search/vN/); search/d/N.txt says which volumes hold each key.
 * A query reads the volumes that can answer it two at a time: until it has a screen of results and has
 * read the first few volumes (all of a small site), then further as the reader scrolls. The count is final once every
 * such volume has been read; until then the panel says "at least".
 */

const SETUP = 0
const READY = 1
const QUERY = 2
const PANEL = 100
const FILTER = 101
const MORE = 102
const FACETS = 103

importScripts("search-gunzip.js")  /* the global fflate */

const base = new URL("../search/", self.location.href)
const files = new Map()
const foldMap = new Map()
const foldBlocks = new Set()
let manifest = null
let quotationMarks = ""
let listMarks = ""
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/
let filters = {}
let current = null
let latest = 0

/* ------------------------------------------------------------------------- */

let fetched = 0

/* The text of index file `path`: stored gzipped as path + ".gz" (build_tools/search/files.py) and
   inflated here; a server that already inflated it (Content-Encoding: gzip) gives the text itself */
function fetchText(path) {
  if (!files.has(path))
    files.set(path, fetch(new URL(path + ".gz", base)).then(async response => {
      if (!response.ok)
        return ""
      const bytes = await response.arrayBuffer()
      fetched += bytes.byteLength
      return new TextDecoder().decode(inflated(bytes))
    }))
  return files.get(path)
}

function inflated(buffer) {
  const bytes = new Uint8Array(buffer)
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? fflate.gunzipSync(bytes) : bytes
}

async function fetchJSON(path) {
  const text = await fetchText(path)
  return text ? JSON.parse(text) : {}
}

function loadManifest() {
  if (!manifest)
    manifest = fetchJSON("manifest.json").then(data => {
      let first = 0
      data.volumeFirst = data.volumes.map(([count]) => (first += count) - count)
      data.foldBlocks = new Set(data.fold)
      quotationMarks = data.quotation_marks
      listMarks = data.list_marks
      return data
    })
  return manifest
}

/* ------------------------------------------------------------------------- */

/* The fold classes of the blocks of the characters of `text` */
async function loadFold(text, data) {
  const wanted = new Set()
  for (const character of text.normalize("NFKC").toLowerCase()) {
    const block = character.codePointAt(0) >> 9
    if (data.foldBlocks.has(block) && !foldBlocks.has(block))
      wanted.add(block)
  }
  await Promise.all([...wanted].map(async block => {
    const lines = await fetchText(`f/${block}.txt`)
    for (const line of lines.split("\n")) {
      const [target, ...others] = Array.from(line)
      for (const character of others)
        foldMap.set(character, target)
    }
    foldBlocks.add(block)
  }))
}

function normalizeCharacter(character) {
  const code = character.charCodeAt(0)
  if (code >= 0x4e00 && code <= 0x9fff)  /* a CJK unified ideograph is its own NFKC and lower case */
    return foldMap.get(character) || character
  let value = ""
  for (const c of character.normalize("NFKC").toLowerCase())
    if (!quotationMarks.includes(c))
      value += foldMap.get(c) || c
  return value
}

/* Normalised text, and for each of its code units the range of the original it came from. Characters
   whose block is not loaded are left as they are: none of them folds to a character of the query. */
function normalize(original) {
  let text = ""
  const starts = []
  const ends = []
  let offset = 0
  const characters = Array.from(original)
  characters.forEach((character, at) => {
    const listed = listMarks.includes(character) && HAN.test(characters[at - 1] || "") &&
      HAN.test(characters[at + 1] || "")  /* 碳达峰、碳中和 is 碳达峰碳中和, as in parse.py */
    const value = listed ? "" : normalizeCharacter(character)
    for (let i = 0; i < value.length; i++) {
      starts.push(offset)
      ends.push(offset + character.length)
    }
    text += value
    offset += character.length
  })
  return { text, starts, ends }
}

function isWordCharacter(character, wordCharacters) {
  return wordCharacters.includes(character) || /[\p{L}\p{N}\p{M}]/u.test(character)
}

/* A year typed against a name, as readers type a place and a year (襄阳2024, 2024年襄阳市): the
   name and the year, each a term of its own; any other run is one term (9.43亿元, 2035年远景目标) */
const YEAR_AFTER = /^([^0-9]{2,}?)((?:19|20)[0-9]{2}年?)$/u
const YEAR_BEFORE = /^((?:19|20)[0-9]{2})(年?)([^0-9年].+)$/u

/* The title's words after a year (2024年政府工作报告, 湖北省2026年政府工作报告) name every report: the year and
   the place are the query */
const TITLE_AFTER_YEAR = /^(.*(?:19|20)[0-9]{2}.*?)(?:人民)?(?:政府)?工作报告$/u

function yearApart(run, isPlace) {
  const titled = TITLE_AFTER_YEAR.exec(run)
  if (titled)
    run = titled[1]
  const after = YEAR_AFTER.exec(run)
  if (after)
    return [after[1], after[2]]
  const before = YEAR_BEFORE.exec(run)
  return before && isPlace(before[3]) ? [before[1] + before[2], before[3]] : [run]
}

/* Whether a run after a year may name a place: short, ending in a level's word or two to four characters */
function placeLike(text) {
  return /^[\p{Script=Han}]{2,8}$/u.test(text) && (/[省市县区州盟旗]$/u.test(text) || text.length <= 4)
}

/* Whether a run after a year names a place of the archive (襄阳, 襄阳市; search/places.json): 2023年工作回顾 and
   2035年远景目标 are runs of their own, found as typed, not a year and a place */
function placeOfArchive(list) {
  return text => placeLike(text) && list.some(([name]) => name.startsWith(text))
}

/* Distinct runs of word characters of the normalised query */
function terms(query, wordCharacters, isPlace = placeLike) {
  const found = []
  let run = ""
  for (const character of normalize(query).text + " ") {
    if (isWordCharacter(character, wordCharacters)) {
      run += character
    } else {
      for (const term of run ? yearApart(run, isPlace) : [])
        if (!found.includes(term))
          found.push(term)
      run = ""
    }
  }
  return found
}

function shardOf(key, shards) {
  let value = 0x811c9dc5
  for (const character of key)
    value = Math.imul(value ^ character.codePointAt(0), 0x01000193) >>> 0
  return value % shards
}

/* A shard's text as key → [[page, entries]] (entries still encoded) */
function shardLines(text) {
  const keys = new Map()
  let page = 0
  for (const line of text.split("\n")) {
    if (line.startsWith("@")) {
      page = Number(line.slice(1))
      continue
    }
    const tab = line.indexOf("\t")
    if (tab < 0)
      continue
    const key = line.slice(0, tab)
    if (!keys.has(key))
      keys.set(key, [])
    keys.get(key).push([page, line.slice(tab + 1)])
  }
  return keys
}

const parsedShards = new Map()

async function shard(path) {
  if (!parsedShards.has(path))
    parsedShards.set(path, fetchText(path).then(shardLines))
  return parsedShards.get(path)
}

/* ------------------------------------------------------------------------- */

/* The volumes in a set of hexadecimal digits, lowest first (build_tools/search/directory.py hex_set) */
function volumesOf(digits) {
  const volumes = new Set()
  Array.from(digits).forEach((digit, i) => {
    const bits = parseInt(digit, 16)
    for (let b = 0; b < 4; b++)
      if (bits & (1 << b))
        volumes.add(4 * i + b)
  })
  return volumes
}

/* The volumes that hold every key of `keys` (all volumes for a single volume), as a map of each to how
   strongly its pages hold the key they hold least (1–3; a line's sets after the first are the volumes whose
   pages hold the key strongly and more strongly: directory.py) */
async function volumesWith(keys, data) {
  const count = data.volumes.length
  let held = null
  if (count < 2 || !data.directory_shards)
    return new Map([[0, 1]])
  /* a place's key #XY lies in the shard of the pair XY (build_tools/search/writer.py write_directory) */
  const texts = await Promise.all(keys.map(key =>
    fetchText(`d/${shardOf(key.startsWith("#") ? key.slice(1) : key, data.directory_shards)}.txt`)))
  for (const [k, key] of keys.entries()) {
    const line = texts[k].split("\n").find(line => line.startsWith(key + "\t"))
    const sets = line ? line.slice(key.length + 1).split(",").map(volumesOf) : []
    const levels = new Map([...(sets[0] || [])].map(volume => [volume, sets.filter(set => set.has(volume)).length]))
    held = held ? new Map([...held].filter(([volume]) => levels.has(volume))
                                   .map(([volume, level]) => [volume, Math.min(level, levels.get(volume))]))
                : levels
  }
  return held || new Map()
}

async function loadVolume(number, data) {
  const volume = await fetchJSON(`v${number}/pages.json`)
  if (!volume.firstBlocks) {
    let first = 0
    volume.firstBlocks = volume.pages.map(page => (first += page[2]) - page[2])
    volume.normalized = volume.pages.map(([, title, , tags]) => ({
      title: normalize(title).text,
      tags: tags.map(tag => normalize(tag).text)
    }))
  }
  return volume
}

/* Page → paragraphs (numbers within the page) where `term` occurs, in one volume */
async function termBlocks(term, number, data) {
  const [, pairShards, characterShards] = data.volumes[number]
  const characters = Array.from(term)
  const found = new Map()
  if (characters.length === 1) {
    const lines = await shard(`v${number}/u/${shardOf(term, characterShards)}.txt`)
    for (const [page, entries] of lines.get(term) || []) {
      let block = 0
      found.set(page, entries.split(",").map(delta => block += Number(delta)))
    }
    return found
  }
  const keys = coveringPairs(characters)
  const lists = await Promise.all([...new Set(keys.map(([key]) => key))].map(async key => {
    const lines = await shard(`v${number}/g/${shardOf(key, pairShards)}.txt`)
    return [key, decodePairs(lines.get(key) || [])]
  }))
  const byKey = new Map(lists)
  const first = byKey.get(keys[0][0])
  for (const [page, blocks] of first) {
    for (const [block, offsets] of blocks) {
      const chained = offsets.some(offset => keys.every(([key, i]) => {
        const other = byKey.get(key).get(page)
        const at = other && other.get(block)
        return at && at.includes(offset + i)
      }))
      if (chained) {
        if (!found.has(page))
          found.set(page, [])
        found.get(page).push(block)
      }
    }
  }
  return found
}

/* The pairs that cover a term, each with its offset in the term: every other pair, and the last (ABCDE:
   AB at 0, CD at 2, DE at 3). The term is where they all start at those offsets from one place. A term
   that starts with a digit starts a number there too (#5 at 0: 5%左右 is not found in 25%左右 or 4.5%左右;
   build_tools/search/parse.py, NUMBER_START). */
function coveringPairs(characters) {
  const keys = []
  for (let i = 0; i + 1 < characters.length; i += 2)
    keys.push([characters[i] + characters[i + 1], i])
  const last = characters.length - 2
  if (last % 2)
    keys.push([characters[last] + characters[last + 1], last])
  if (/[0-9]/.test(characters[0]))
    keys.push(["#" + characters[0], 0])
  return keys
}

/* [[page, packed]] → page → paragraph → offsets. Numbers are packed in base 16 as in
   build_tools/search/parts.py: high digits 0-f, then a last digit g-v for a paragraph (delta) or G-V for
   an offset of the pair in it (delta within the paragraph). */
function decodePairs(rows) {
  const pages = new Map()
  for (const [page, text] of rows) {
    const blocks = new Map()
    let block = 0
    let value = 0
    let offsets = null
    let offset = 0
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code >= 103 && code <= 118) {          /* g-v: a paragraph */
        block += value * 16 + code - 103
        offsets = []
        offset = 0
        blocks.set(block, offsets)
        value = 0
      } else if (code >= 71 && code <= 86) {     /* G-V: an offset */
        offset += value * 16 + code - 71
        offsets.push(offset)
        value = 0
      } else {
        value = value * 16 + (code <= 57 ? code - 48 : code - 87)
      }
    }
    pages.set(page, blocks)
  }
  return pages
}

/* ------------------------------------------------------------------------- */

/* A page's place, level and province (pages.json), or null */
function placeOf(page) {
  return page[7] ? [page[7], page[8], page[9]] : null
}

let places = null

/* Each place with its level and province (search/places.json): for the filters, and to tell a place
   typed after a year from other words */
function loadPlaces() {
  if (!places)
    places = fetchJSON("places.json").then(data => data.places || [])
  return places
}

function passes(page, data) {
  const { level, province, place, from, to } = filters
  if (!level && !province && !place && !from && !to)
    return true
  const known = placeOf(page)
  if (!known && !page[6])
    return false
  if (level && (!known || known[1] !== level))
    return false
  if (province && (!known || known[2] !== province))
    return false
  if (place && (!known || known[0] !== place))
    return false
  if (from && !(page[6] >= from))
    return false
  if (to && !(page[6] <= to))
    return false
  return true
}

/* Whether the filters can keep a page of volume `number` (`list`: the places, when a filter names one) */
function volumePasses(number, data, list) {
  const [, , , placeLow, placeHigh, yearLow, yearHigh] = data.volumes[number]
  const { level, province, place, from, to } = filters
  if ((from && yearHigh < from) || (to && yearLow > to) || ((from || to) && !yearHigh))
    return false
  if (level || province || place) {
    if (placeLow < 0)
      return false
    for (let p = placeLow; p <= placeHigh; p++) {
      const [name, placeLevel, placeProvince] = list[p]
      if ((!level || placeLevel === level) && (!province || placeProvince === province) && (!place || name === place))
        return true
    }
    return false
  }
  return true
}

/* How far the page's place or year answers each term: 1 for its year (2024 or 2024年) and its place (襄阳 for
   襄阳市), half for its province (湖北省 for a city of Hubei, which ranks after the province's own report), 0 */
function facetTerms(page, termList, data) {
  const known = placeOf(page)
  const year = page[6] ? String(page[6]) : ""
  return termList.map(term => {
    if (year && (term === year || term === year + "年"))
      return 1
    if (!known || term.length < 2)
      return 0
    if (normalize(known[0]).text.includes(term) || (known[1] === "省" && normalize(known[2]).text.includes(term)))
      return 1
    return known[2] && normalize(known[2]).text.includes(term) ? 0.5 : 0
  })
}

/* Volumes with a page whose place a term names (the directory's "#" keys of place names): read first */
async function namedVolumes(termList, data) {
  const named = new Set()
  if (data.volumes.length < 2 || !data.places)
    return named
  const found = await Promise.all(termList.map(term => {
    const characters = Array.from(term)
    if (characters.length < 2 || characters.length > 6 || /^[0-9]/.test(term))
      return new Set()
    const keys = []
    for (let i = 0; i + 1 < characters.length; i++)
      keys.push("#" + characters[i] + characters[i + 1])
    return volumesWith(keys, data)
  }))
  for (const volumes of found)
    for (const volume of volumes.keys())
      named.add(volume)
  return named
}

function bm25(count, blocks, frequency, data) {
  const { k1, b } = data.ranking
  const pages = data.pages
  const idf = Math.log(1 + (pages - frequency + 0.5) / (frequency + 0.5))
  const norm = k1 * (1 - b + b * blocks / Math.max(1, data.blocks / Math.max(1, pages)))
  return { idf, score: count ? idf * count * (k1 + 1) / (count + norm) : 0 }
}

/* ------------------------------------------------------------------------- */

/* The results of one volume: pages where every term occurs, each with its paragraphs per term */
async function readVolume(search, number, data) {
  const [volume, perTerm] = await Promise.all([
    loadVolume(number, data),
    Promise.all(search.terms.map(term => termBlocks(term, number, data)))
  ])
  const results = []
  volume.pages.forEach((page, index) => {
    if (!passes(page, data))
      return
    const { title, tags } = volume.normalized[index]
    const facets = facetTerms(page, search.terms, data)
    const blocks = perTerm.map(found => found.get(index) || [])
    const inTitle = search.terms.map(term => title.includes(term))
    const inTags = search.terms.map(term => tags.some(tag => tag.includes(term)))
    const all = search.terms.every((_, t) => blocks[t].length || inTitle[t] || inTags[t] || facets[t])
    if (all)
      results.push({ volume: number, index, page, blocks, inTitle, inTags, facets,
                     titledAsQuery: titledAs(title, search), first: volume.firstBlocks[index] })
  })
  return results
}

/* Whether a page's (normalised) title is the query itself, after its label (提法：乡村振兴 for 乡村振兴, its
   colon made ":" by NFKC): the phrase's own page */
function titledAs(title, search) {
  return search.terms.length === 1 && (title === search.terms[0] || title.endsWith(":" + search.terms[0]))
}

/* Whether one paragraph holds every term: of a query of several terms (typed apart, or found nowhere as typed
   and looked for with its words and figure apart), the pages where they stand together come first (赤字率3%:
   2017's 赤字率拟按3%安排 was fourth, below pages that say 赤字率 and, elsewhere, 3%; 城镇新增就业 1200万: 长沙's
   report, which says 1200万千瓦 and 城镇新增就业15.3万人, was first, the national targets of 1200万人 after it) */
function together(blocks) {
  const [first, ...others] = blocks.map(list => new Set(list))
  return !!first && [...first].some(block => others.every(set => set.has(block)))
}

function rank(results, search, data) {
  const frequencies = search.terms.map((_, t) => Math.max(1, results.filter(r => r.blocks[t].length).length))
  const { title_weight, tag_weight } = data.ranking
  for (const result of results) {
    let total = 0
    search.terms.forEach((_, t) => {
      const { idf, score } = bm25(result.blocks[t].length, result.page[2], frequencies[t], data)
      total += score + (result.inTitle[t] ? idf * title_weight : 0) + (result.inTags[t] ? idf * tag_weight : 0)
    })
    result.named = result.facets.reduce((sum, facet) => sum + facet, 0)
    result.together = search.terms.length > 1 ? Number(together(result.blocks)) : 0
    result.score = total * result.page[4] * (result.titledAsQuery ? data.ranking.exact_title_boost || 1 : 1)
  }
  return results.sort((a, b) => b.named - a.named || b.together - a.together || b.score - a.score ||
                                a.volume - b.volume || a.index - b.index)
}

/* Reads volumes, `first_volumes` at once, then two at a time, until `wanted` results are known and
   `first_volumes` volumes were read, or none is left, or twice `budget_bytes` were read since `start`
   (the bytes fetched when the reader's step began: the panel asks for more when results are scarce).
   While a step has found no result, each batch is twice the last (up to `most_volumes`): a phrase of
   common pairs, which many volumes hold in pieces and few whole, costs fewer round trips. */
async function advance(search, wanted, start, data) {
  const { first_volumes, budget_bytes, most_volumes } = data.ranking
  let size = 0
  while (search.pending.length) {
    const known = search.results.length - search.shown
    if (known >= wanted && search.read >= first_volumes)
      break
    if (fetched - start >= 2 * budget_bytes)
      break
    size = !search.read ? firstBatch(search.pending, first_volumes, data)
      : known ? 2 : Math.min(most_volumes, Math.max(2, 2 * size))
    const batch = search.pending.splice(0, size)
    search.read += batch.filter(number => ofReports(number, data)).length
    const found = (await Promise.all(batch.map(number => readVolume(search, number, data)))).flat()
    const kept = search.results.slice(0, search.shown)
    search.results = [...kept, ...rank([...search.results.slice(search.shown), ...found], search, data)]
  }
}

/* Whether volume `number` holds pages with a place (reports): the pages without one (phrases, comparisons,
   the home page), found by their titles alone, come first in a volume or two of their own */
function ofReports(number, data) {
  return data.volumes[number][3] >= 0
}

/* How many of `pending` the first batch reads: `first` volumes of reports and the volumes of other pages
   before them (a shard each), which ranked the first screen among fewer reports (乡村振兴's first ten were
   of the national and provincial reports of one volume, a city's report that says it most the 34th) */
function firstBatch(pending, first, data) {
  let size = 0
  for (let reports = 0; size < pending.length && reports < first; size++)
    reports += ofReports(pending[size], data)
  return size
}

/* ------------------------------------------------------------------------- */

function escapeHTML(value) {
  return value.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`)
}

/* `text` with every occurrence of the terms marked, a term that starts with a digit only where a number
   starts, as it is found (3% not within 2.3% or 13%); cut to about `width` characters around the first */
function highlight(text, words, width = Infinity) {
  const { text: normalized, starts, ends } = normalize(text)
  const ranges = []
  for (const word of words)
    for (let at = normalized.indexOf(word); at >= 0 && word; at = normalized.indexOf(word, at + 1))
      if (!/^[0-9]/.test(word) || !/[0-9.]/.test(normalized[at - 1] || ""))
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
  const found = []
  for (const [start, end] of ranges) {
    if (start < position || end > to)
      continue
    html += escapeHTML(text.slice(position, start))
    html += `<mark data-md-highlight>${escapeHTML(text.slice(start, end))}</mark>`
    found.push(text.slice(start, end))
    position = end
  }
  return { html: html + escapeHTML(text.slice(position, to)) + (to < text.length ? "…" : ""), found }
}

/* The page's title, with its year and place where the title lacks them (政府工作报告 → 2024年襄阳市政府工作报告) */
function titleOf(page, data) {
  const known = placeOf(page)
  const title = page[1]
  if (!known || !page[6] || title.includes(String(page[6])))
    return title
  return `${page[6]}年${known[1] === "国家" || title.includes(known[0]) ? "" : known[0]}${title}`
}

/* Results `from`…`to` as groups: the page, then (with `text`) its paragraphs that hold the terms */
async function groups(search, from, to, data, text = true) {
  const { blocks_per_page, snippet_characters } = data.ranking
  const size = data.blocks_per_chunk
  const chosen = search.results.slice(from, to).map((result, rank) => {
    const counts = new Map()
    /* the paragraphs of the terms the page's year or place does not already answer (低空经济 of 低空经济 2026,
       not the title line that says 2026), unless those are all it has */
    const topical = result.blocks.filter((list, t) => list.length && !result.facets[t])
    const lists = topical.length ? topical : result.blocks
    lists.forEach(list => list.forEach(block => counts.set(block, (counts.get(block) || 0) + 1)))
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([block]) => block)
    /* past the first three results, the paragraphs shown are those of the best one's chunk */
    const near = from + rank < 3 ? best : best.filter(block => Math.floor(block / size) === Math.floor(best[0] / size))
    /* those that hold the most terms first (of words found apart, the paragraph that holds them all) */
    return { result, shown: near.slice(0, blocks_per_page) }
  })
  const chunkIds = new Set()
  for (const { result, shown } of chosen)
    for (const block of text ? shown : [])
      chunkIds.add(`${result.page[5]}.${Math.floor(block / size)}`)
  const chunks = new Map(await Promise.all([...chunkIds].map(async id => [id, await fetchJSON(`c/${id}.json`)])))
  return chosen.map(({ result, shown }) => {
    const [url] = result.page
    const marked = new Set()
    let sections = []
    let teaser = ""
    for (const block of text ? shown : []) {
      const chunk = chunks.get(`${result.page[5]}.${Math.floor(block / size)}`)
      const row = chunk.blocks && chunk.blocks[block % size]
      if (!row)
        continue
      const [section, anchor, text] = row
      if (!anchor && text === result.page[1])  /* a page found by its title alone: its one block is the title */
        continue
      const snippet = highlight(text, search.terms, snippet_characters)
      snippet.found.forEach(word => marked.add(word))
      if (!anchor) {
        teaser = teaser || snippet.html
        continue
      }
      const heading = chunk.sections[section][1]
      /* the page's own title, which the result's line says: not again, alone or above a paragraph before the
         page's first heading */
      const own = heading === result.page[1]
      if (own && text === heading)
        continue
      sections.push({
        location: `${url}#${anchor}`,
        title: own ? "" : highlight(heading, search.terms).html,
        text: text === heading ? "" : snippet.html  /* a heading found is its section's title, not said twice */
      })
    }
    /* a heading found alone is not shown where a paragraph of its section is, under that same heading */
    const underHeading = new Set(sections.filter(section => section.text).map(section => section.title))
    sections = sections.filter(section => section.text || !underHeading.has(section.title))
    const title = highlight(titleOf(result.page, data), search.terms)
    title.found.forEach(word => marked.add(word))
    const missing = search.terms.filter((_, t) => !result.blocks[t].length && !result.inTitle[t] &&
                                                   !result.inTags[t] && !result.facets[t])
    return { location: url, title: title.html, text: teaser, sections, score: result.score,
             highlight: [...marked].join(" "), missing, pending: !text && shown.length > 0 }
  })
}

/* ------------------------------------------------------------------------- */

/* The directory's keys of the numbers of a term that another character of it follows, neither a digit
   nor a point ("=3.1415" and "=3.1415亿" for 3.1415亿元): wherever the term occurs, that number ends a
   number of the text, followed by that character, whose endings build_tools/search/parse.py number_keys
   writes (of three characters or more) */
function numberKeys(term) {
  const keys = []
  for (const match of term.matchAll(/[0-9]+(?:\.[0-9]+)*/g)) {
    const end = match.index + match[0].length
    if (match[0].length >= 3 && end < term.length && !/[0-9.]/.test(term[end])) {
      keys.push("=" + match[0])
      keys.push("=" + match[0] + String.fromCodePoint(term.codePointAt(end)))
    }
  }
  return keys
}

/* The directory's keys of the terms: every pair of a short term, the covering pairs of a long one, and
   the keys of its numbers */
function directoryKeys(termList) {
  const keys = new Set()
  for (const term of termList) {
    numberKeys(term).forEach(key => keys.add(key))
    const characters = Array.from(term)
    if (characters.length === 1)
      keys.add(term)
    else if (characters.length > 5)
      coveringPairs(characters).forEach(([key]) => keys.add(key))
    else
      for (let i = 0; i + 1 < characters.length; i++)
        keys.add(characters[i] + characters[i + 1])
  }
  return [...keys]
}

/* A term's words before a number, and the number, each a term of its own, a year and the words after it
   (which name no place of the archive, or the year would be apart already), and a place of the archive
   (`places`, once known) and the words after it: the query again when its terms, as typed, are found
   nowhere (赤字率3% for 赤字率拟按3%安排; 2024年乡村振兴 for 2024's reports that say 乡村振兴; 深圳研发投入 for
   深圳's report that says 研发投入) */
function termsApart(termList, places = []) {
  const cut = /(?<=\p{Script=Han})(?=[0-9])|(?<=(?:19|20)[0-9]{2}年)(?=\p{Script=Han})/u
  return [...new Set(termList.flatMap(term => term.split(cut)).flatMap(term => placeApart(term, places)))]
}

/* `term` as the name of a place of the archive it opens with (with or without its level: 深圳 or 深圳市) and
   the words after it, two characters or more; else `term` */
function placeApart(term, places) {
  let name = ""
  for (const [place] of places)
    for (const form of [place, place.replace(/[省市县区州盟旗]$/u, "")])
      if (form.length >= 2 && form.length > name.length && term.length - form.length >= 2 && term.startsWith(form))
        name = form
  return name ? [name, term.slice(name.length)] : [term]
}

async function start(query, id, apart = false) {
  const begun = fetched
  const data = await loadManifest()
  let isPlace = placeLike
  let placesKnown = []
  const termsOf = text => {
    const found = terms(text, data.word_characters, isPlace)
    return apart ? termsApart(found, placesKnown) : found
  }
  /* the directory is read for the query as the fold known so far leaves it (its keys and the place
     names it may hold), while the fold of its characters and the archive's places are fetched: for most
     queries (in simplified characters, naming a place if they name one) the keys are the same */
  const guessed = termsOf(query)
  const early = volumesWith(directoryKeys(guessed), data)
  const earlyNamed = namedVolumes(guessed, data)
  const [, known] = await Promise.all([loadFold(query, data), loadPlaces()])
  isPlace = placeOfArchive(known)
  placesKnown = known
  const termList = termsOf(query)
  const search = { id, query, terms: termList, results: [], shown: 0, pending: [], read: 0, apart }
  const filtering = Object.values(filters).some(Boolean)
  if (!termList.length && !filtering)
    return { search, items: [] }
  let volumes = data.volumes.map((_, number) => number)
  if (termList.length) {
    const same = guessed.join(" ") === termList.join(" ")
    const [named, held] = await Promise.all([
      same ? earlyNamed : namedVolumes(termList, data), same ? early : volumesWith(directoryKeys(termList), data)
    ])
    volumes = volumes.filter(v => held.has(v) || named.has(v))
    /* the volumes of the places the query names, then those of pages without a place (read first anyway),
       then those whose pages hold the query's pairs most strongly, each in the archive's order */
    const strength = v => ofReports(v, data) ? held.get(v) || 0 : 4
    volumes.sort((a, b) => (named.has(b) - named.has(a)) || strength(b) - strength(a) || a - b)
  }
  const list = filters.level || filters.province || filters.place ? await loadPlaces() : []
  search.pending = volumes.filter(number => volumePasses(number, data, list))
  const titles = items => {
    if (!items.length)  /* nothing found yet: the query may be looked for again apart (run), before any answer */
      return
    search.titled = true
    if (id === latest) {
      current = search
      post(search, items, false)
    }
  }
  return { search, items: await next(search, data, begun, titles) }
}

/* The next screen of results: first their titles (posted at once), then with their paragraphs */
async function next(search, data, begun = fetched, titles = () => {}) {
  await advance(search, data.ranking.page_results, begun, data)
  const from = search.shown
  const to = Math.min(search.results.length, from + data.ranking.page_results)
  search.shown = to
  titles(await groups(search, from, to, data, false))
  return groups(search, from, to, data)
}

/* Results to the panel: `append` adds them to the list; `fill` gives the paragraphs of those just posted */
function post(search, items, append, fill = false) {
  self.postMessage({
    type: PANEL,
    data: {
      fill,
      id: search.id,
      query: search.query,
      terms: search.terms,
      items,
      append,
      count: search.results.length,
      apart: search.apart,  /* found nowhere as typed: these are its words and figure found apart */
      complete: search.pending.length === 0,
      more: search.shown < search.results.length || search.pending.length > 0
    }
  })
}

async function run(query) {
  const id = ++latest
  try {
    let { search, items } = await start(query, id)
    if (!search.results.length && !search.pending.length && id === latest
        && termsApart(search.terms, await loadPlaces()).length > search.terms.length)
      ({ search, items } = await start(query, id, true))
    if (id !== latest)
      return
    current = search
    post(search, items, false, !!search.titled)
  } catch (error) {  /* an index file that could not be read: the panel says so rather than waiting */
    if (id === latest)
      self.postMessage({ type: PANEL, data: { id, query, terms: [], items: [], append: false, count: 0,
                                              complete: true, more: false, error: String(error) } })
  }
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    loadManifest()
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    await run(message.data)
  } else if (message.type === FILTER && !message.data) {
    const data = await loadManifest()
    self.postMessage({ type: PANEL, data: { info: true, places: data.places } })
  } else if (message.type === FILTER) {
    filters = message.data
    if (current)
      await run(current.query)
  } else if (message.type === FACETS) {
    self.postMessage({ type: PANEL, data: { facets: true, places: await loadPlaces() } })
  } else if (message.type === MORE && current && current.id === message.data) {
    const search = current
    const items = await next(search, await loadManifest(), fetched, titles => {
      if (search === current)
        post(search, titles, true)
    })
    if (search === current)
      post(search, items, true, true)
  }
})
