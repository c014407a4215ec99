// Each run of dots of a chart (a g.gr-dot, built by build_tools/pages/charts.py) holds its dots'
// tooltips as one list, "|" between them, in the order of its circles; this gives each circle its
// own <title>, so that the page carries each tooltip's words once and no markup around them.
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  for (const group of document.querySelectorAll("svg.gr-chart g.gr-dot[data-titles]")) {
    const titles = group.dataset.titles.split("|");
    group.querySelectorAll("circle").forEach((circle, i) => {
      if (titles[i] === undefined || circle.querySelector("title")) return;
      const title = document.createElementNS(SVG, "title");
      title.textContent = titles[i];
      circle.appendChild(title);
    });
  }
})();
