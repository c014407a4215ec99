/*
 * The search panel: the results of javascripts/search-worker.js in Material's search dialog, grouped per
 * report, continued as the reader scrolls, and filters by level, province, place and years.
 *
 * Material's search box sends the query to the worker (the page's template keeps the worker in
 * window.__reportsSearchWorker); the worker answers here (PANEL messages) rather than to Material's own
 * result list, which it leaves alone. Results use Material's classes, so they look and are used with the
 * keyboard as Material's own. Everything the worker sends is escaped HTML already; names of places go
 * into the page as text only.
 */
(function () {
  const PANEL = 100
  const FILTER = 101
  const MORE = 102
  const FACETS = 103
  const worker = window.__reportsSearchWorker
  const result = document.querySelector(".md-search-result")
  if (!worker || !result)
    return
  const dialog = result.closest("[role=dialog]")
  const input = document.querySelector(".md-search__input")
  if (dialog && input)  // the search dialog is named as its box is (a screen reader announced a nameless dialog)
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "")
  const meta = result.querySelector(".md-search-result__meta")
  if (meta)  // the number of results is announced as it changes (a screen reader heard nothing)
    meta.setAttribute("role", "status")
  const list = result.querySelector(".md-search-result__list")
  const scrollwrap = result.closest(".md-search__scrollwrap") || result.parentElement
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base, location.href)
  const words = config.translations || {}
  const say = (key, fallback, count) => (words[key] || fallback).replace("#", count)
  let current = null
  let loading = false

  /* Material reads the query on keyup: text pasted from a menu, or committed by an input method without a
     key event, was never searched, and a query so replaced left the old results. Each change of the box's
     text that is not mid-composition is told to it as a keyup. */
  const query = document.querySelector("[data-md-component=search-query]")
  if (query) {
    const told = () => query.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    query.addEventListener("input", event => { if (!event.isComposing) told() })
    query.addEventListener("compositionend", told)
  }

  /* Filters --------------------------------------------------------------- */

  /* A button opens the filters; the places they offer (search/places.json) are fetched then */
  const panel = document.createElement("form")
  panel.className = "gr-search-filters"
  panel.hidden = true
  panel.setAttribute("aria-label", "筛选")
  const toggle = document.createElement("button")
  toggle.type = "button"
  toggle.className = "gr-search-filters__toggle"
  toggle.textContent = "筛选"
  toggle.setAttribute("aria-expanded", "false")
  const controls = document.createElement("div")
  controls.className = "gr-search-filters__controls"
  controls.hidden = true
  panel.append(toggle, controls)
  toggle.addEventListener("click", () => {
    controls.hidden = !controls.hidden
    toggle.setAttribute("aria-expanded", `${!controls.hidden}`)
    if (!controls.hidden && !places.length)
      worker.postMessage({ type: FACETS })
  })
  const field = (label, control) => {
    const wrapper = document.createElement("label")
    wrapper.append(label, control)
    controls.append(wrapper)
    return control
  }
  const select = name => {
    const element = document.createElement("select")
    element.name = name
    element.append(new Option("全部", ""))
    return element
  }
  const number = (name, placeholder) => {
    const element = document.createElement("input")
    Object.assign(element, { name, type: "number", placeholder, min: 1949, max: 2100, step: 1 })
    element.inputMode = "numeric"
    return element
  }
  const level = field("层级", select("level"))
  const province = field("省份", select("province"))
  const place = field("地区", select("place"))
  const years = document.createElement("span")
  years.className = "gr-search-filters__years"
  const from = number("from", "起")
  const to = number("to", "止")
  years.append(from, "–", to)
  field("年份", years)
  result.parentElement.insertBefore(panel, result)

  let places = []
  const fill = (element, values) => {
    const chosen = element.value
    element.length = 1
    for (const value of values)
      element.append(new Option(value, value))
    element.value = values.includes(chosen) ? chosen : ""
  }
  /* the order of official lists, as the browsing pages give it: 全国 first, then by administrative code
     (北京 11 … 新疆 65), each province's places after it by theirs; a place of no known code after the rest */
  const officialOrder = ([place, level, province, code]) => {
    const own = code || "999999"
    return [level === "国家" ? 0 : 1, code ? own.slice(0, 2) : "99", province, own, place]
  }
  const compare = (a, b) => {
    const [x, y] = [officialOrder(a), officialOrder(b)]
    for (let i = 0; i < x.length; i++)
      if (x[i] !== y[i])
        return x[i] < y[i] ? -1 : 1
    return 0
  }
  const refill = () => {
    const unique = values => [...new Set(values)].filter(Boolean)
    fill(level, unique(places.map(p => p[1])))
    fill(province, unique(places.filter(p => !level.value || p[1] === level.value).map(p => p[2])))
    fill(place, unique(places.filter(p => (!level.value || p[1] === level.value) &&
                                          (!province.value || p[2] === province.value)).map(p => p[0])))
  }
  const send = () => worker.postMessage({
    type: FILTER,
    data: {
      level: level.value, province: province.value, place: place.value,
      from: Number(from.value) || 0, to: Number(to.value) || 0
    }
  })
  panel.addEventListener("change", () => { refill(); send() })
  panel.addEventListener("submit", event => event.preventDefault())
  /* Material's search keys (any key focuses the query, Tab closes the dialog) stay out of the filters */
  panel.addEventListener("keydown", event => event.stopPropagation())

  /* Results --------------------------------------------------------------- */

  const link = (location, highlight) => {
    const url = new URL(location, base)
    if (highlight)
      url.searchParams.set("h", highlight)
    const anchor = document.createElement("a")
    anchor.href = `${url}`
    anchor.className = "md-search-result__link"
    anchor.tabIndex = -1
    return anchor
  }
  const article = (score, html) => {
    const element = document.createElement("article")
    element.className = "md-search-result__article md-typeset"
    element.setAttribute("data-md-score", score.toFixed(2))
    element.innerHTML = html
    return element
  }
  const render = item => {
    const entry = document.createElement("li")
    entry.className = "md-search-result__item"
    entry.dataset.location = item.location  /* the paragraphs that come after its title find it by this */
    const head = link(item.location, item.highlight)
    let html = `<div class="md-search-result__icon md-icon"></div><h1>${item.title}</h1>`
    if (item.text)
      html += `<p>${item.text}</p>`
    if (item.pending)
      html += `<p class="gr-search-pending">…</p>`
    if (item.missing.length)
      html += `<p class="md-search-result__terms">${say("search.result.term.missing", "缺少")}: ` +
              item.missing.map(term => `<del>${escape(term)}</del>`).join(" ") + "</p>"
    head.append(article(item.score, html))
    entry.append(head)
    for (const section of item.sections) {
      const anchor = link(section.location, item.highlight)
      const text = section.text ? `<p>${section.text}</p>` : ""  // a heading found is its title alone
      const heading = section.title ? `<h2>${section.title}</h2>` : ""  // none for the page itself
      anchor.append(article(item.score * 0.99, heading + text))
      entry.append(anchor)
    }
    return entry
  }
  const escape = text => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  const apart = data => data.apart && data.count ? `未找到与“${data.query.trim()}”原样相同的文字，以下是分开查找的结果：` : ""
  const counted = data => apart(data) + tally(data)
  const tally = data => {
    if (data.error)
      return "搜索出错，请稍后再试"
    if (!data.query.trim() && !data.count && !Object.values(filterValues()).some(Boolean))
      return say("search.result.placeholder", "键入以开始搜索")
    if (!data.count)
      return data.complete ? say("search.result.none", "没有找到符合条件的结果") : "正在查找…"
    if (!data.complete)
      return `至少 ${data.count} 个符合条件的结果`
    if (data.count === 1)
      return say("search.result.one", "找到 1 个符合条件的结果")
    return say("search.result.other", "# 个符合条件的结果", data.count)
  }
  const filterValues = () => ({ level: level.value, province: province.value, place: place.value,
                                from: from.value, to: to.value })

  const more = () => {
    if (!current || loading || !current.more)
      return
    if (scrollwrap.scrollTop + scrollwrap.clientHeight < scrollwrap.scrollHeight - 400)
      return
    loading = true
    worker.postMessage({ type: MORE, data: current.id })
  }
  scrollwrap.addEventListener("scroll", more, { passive: true })

  worker.addEventListener("message", ({ data: message }) => {
    if (message.type !== PANEL)
      return
    const data = message.data
    if (data.info) {
      panel.hidden = !data.places
      return
    }
    if (data.facets) {
      places = [...(data.places || [])].sort(compare)  /* once, as they arrive */
      refill()
      return
    }
    if (data.fill) {  /* the paragraphs of results listed by their titles: each replaces its own entry, wherever
                         it stands (the next screen's titles may have come first) */
      if (!current || current.id !== data.id)
        return
      const entries = new Map([...list.children].map(entry => [entry.dataset.location, entry]))
      data.items.forEach(item => entries.has(item.location) && entries.get(item.location).replaceWith(render(item)))
      list.setAttribute("data-gr-filled", `${data.id}.${list.children.length}`)
      loading = false
      requestAnimationFrame(more)
      return
    }
    if (!data.append) {
      list.innerHTML = ""
      scrollwrap.scrollTop = 0
    }
    current = data
    for (const item of data.items)
      list.append(render(item))
    meta.textContent = counted(data)
  })
  worker.postMessage({ type: FILTER, data: null })
  meta.textContent = say("search.result.placeholder", "键入以开始搜索")
})()
