// Each figure in a report's text (a mark with id "fig-N") has a row in the indicator table below,
// whose last cell links to it (a[href="#fig-N"]). The table says how a row reads as its figure's
// tooltip (data-figure-title, "{N}" standing for the text of cell N); this gives every figure that
// tooltip, so that the page holds what each figure was read as once, in its row.
// Material's tooltips (content.tooltips) put a title into the page as HTML: the cells' text is written
// with & < > escaped, so that a subject quoting markup from the source shows as the characters it is.
(function () {
  const escaped = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  for (const table of document.querySelectorAll("table[data-figure-title]")) {
    const template = table.dataset.figureTitle;
    for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
      const link = row.querySelector('a[href^="#fig-"]');
      const figure = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!figure || figure.title) continue;
      const cells = Array.from(row.cells, (cell) => escaped(cell.textContent.trim()));
      // "{figure:2,3,5}": the figure as those cells give it (value, unit, qualifier), unless the
      // qualifier's cell writes it otherwise, its qualifier before the number or inside it (超过60%, 1万余亩)
      const written = row.querySelector("[data-figure]");
      figure.title = template.replace(/\{(\d+)\}|\{figure:([\d,]+)\}/g, (_, number, parts) =>
        number !== undefined
          ? cells[Number(number)] ?? ""
          : written
            ? escaped(written.dataset.figure)
            : parts.split(",").map((part) => cells[Number(part)] ?? "").join(""));
    }
  }
})();
