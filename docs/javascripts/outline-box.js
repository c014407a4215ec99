// On a phone or a tablet Material shows a page's outline only in its navigation drawer, and there only for a
// page the navigation lists: a report's page, which it does not list, had no outline below 960 px. This puts
// the outline Material writes into every page (its secondary sidebar's) into a box under the page's title and
// the lines under it; the stylesheet shows the box only where that sidebar is hidden.
(function () {
  const sidebar = document.querySelector(".md-sidebar--secondary .md-nav--secondary");
  const list = sidebar && sidebar.querySelector(":scope > .md-nav__list");
  const label = sidebar && sidebar.querySelector(":scope > .md-nav__title");
  const title = document.querySelector(".md-content .md-typeset h1");
  if (!list || !label || !title || !list.children.length) return;
  const box = document.createElement("details");
  box.className = "gr-outline-box";
  const summary = document.createElement("summary");
  summary.textContent = label.textContent.trim();
  box.append(summary, list.cloneNode(true));
  // the outline is navigation: a followed link closes it, so that the text it leads to is in view
  box.addEventListener("click", (event) => {
    if (event.target.closest("a")) box.open = false;
  });
  let after = title;
  while (after.nextElementSibling && after.nextElementSibling.matches(".md-tags, .gr-below-title, .gr-keywords")) {
    after = after.nextElementSibling;
  }
  after.after(box);
})();
