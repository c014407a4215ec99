// A page opened from a search result marks the query where the text writes it (the "h" parameter).
// Material's highlighter marks a term within one text node: a phrase that crosses a glossary term's or a
// figure's mark (全社会 + 固定资产投资, 国内生产总值 + 增长5%左右) it leaves unmarked. This marks such a
// phrase, a piece in each node it crosses, in the paragraph the result opened.
(function () {
  function textNodes(root) {
    const found = [];
    let length = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      found.push({ node, start: length });
      length += node.data.length;
    }
    return found;
  }

  function markAcross(root, term) {
    const nodes = textNodes(root);
    const text = nodes.map(({ node }) => node.data).join("");
    const starts = [];
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) starts.push(at);
    for (const at of starts.reverse()) {  // from the end, so that a split node keeps the offsets before it
      const end = at + term.length;
      const pieces = nodes.filter(({ node, start }) => start < end && start + node.data.length > at);
      if (pieces.length < 2) continue;  // within one node: Material's highlighter marks it
      for (const { node, start } of pieces.reverse()) {
        const range = document.createRange();
        range.setStart(node, Math.max(at - start, 0));
        range.setEnd(node, Math.min(end - start, node.data.length));
        const mark = document.createElement("mark");
        mark.className = "gr-hit";
        mark.dataset.mdHighlight = "";
        range.surroundContents(mark);
      }
    }
  }

  function mark() {
    const query = new URL(location.href).searchParams.get("h") || "";
    const id = decodeURIComponent(location.hash.slice(1));
    const paragraph = id && document.getElementById(id);
    if (!paragraph) return;
    for (const term of query.split(/\s+/).filter(word => word.length > 1)) markAcross(paragraph, term);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
