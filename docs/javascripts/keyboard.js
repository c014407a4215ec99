// Keyboard access Material's theme leaves out.
// - Below 76.25em (a tablet, a page zoomed to 200%) the navigation opens from a label, which takes no focus: it
//   becomes a button that Enter (Material clicks a focused label) or Space opens and closes (the stylesheet keeps the
//   closed drawer's links out of the order of Tab).
// - A glossary term's definition and how a value was inferred (推定) are tooltips: their marks take the focus, on
//   which Material shows the tooltip and names it as their description, and Escape hides it.
// - The search dialog keeps the focus on Tab (its filters are reached), and closes when the focus leaves it.
// - A section's arrow in the navigation, a Tab stop of no name, says what it opens and whether it is open.
// - Material's shortcuts of one key (f, s and / open the search, p and n turn the page) acted wherever the focus
//   was but a text field: a word a speech user dictated, or a screen reader's key, opened the search. They are
//   off (WCAG 2.1.4); the search opens from its box or its button.
(function () {
  const shortcuts = new Set(["f", "s", "/", "p", ",", "n", "."]);
  window.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !shortcuts.has(event.key)) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.matches("input, textarea, select"))) return;
    event.stopImmediatePropagation();
  }, true);
  for (const arrow of document.querySelectorAll(".md-nav__container > label.md-nav__link[for]")) {
    const toggle = document.getElementById(arrow.htmlFor);
    const name = arrow.parentElement.querySelector("a.md-nav__link");
    if (!toggle || !name) continue;
    arrow.setAttribute("role", "button");
    arrow.setAttribute("aria-label", `${name.textContent.trim()}：展开或收起`);
    const state = () => arrow.setAttribute("aria-expanded", String(toggle.checked));
    state();
    toggle.addEventListener("change", state);
  }
  const drawer = document.getElementById("__drawer");
  const opener = document.querySelector('label.md-header__button[for="__drawer"]');
  if (drawer && opener) {
    opener.tabIndex = 0;
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-label", "打开导航");
    opener.addEventListener("keydown", (event) => {  // Enter: Material clicks a focused label itself
      if (event.key !== " ") return;
      event.preventDefault();
      opener.click();
    });
  }
  for (const mark of document.querySelectorAll("mark.gr-term, .gr-inferred")) {
    if (mark.title) mark.tabIndex = 0;
  }
  // The search dialog: Material closes it on Tab, so its filters (筛选, javascripts/search-panel.js) had no way in
  // from the keyboard; Tab now moves on within the dialog, which closes when the focus leaves it.
  const search = document.getElementById("__search");
  const dialog = document.querySelector(".md-search");
  if (search && dialog) {
    window.addEventListener("keydown", (event) => {
      if (event.key === "Tab" && search.checked && dialog.contains(document.activeElement)) event.stopImmediatePropagation();
    }, true);
    dialog.addEventListener("focusout", (event) => {
      if (search.checked && event.relatedTarget && !dialog.contains(event.relatedTarget)) {
        search.checked = false;
        search.dispatchEvent(new Event("change"));
      }
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const tip of document.querySelectorAll(".md-tooltip2--active")) tip.classList.remove("md-tooltip2--active");
    const focused = document.activeElement;
    if (focused && focused.matches("mark.gr-term, .gr-inferred")) focused.blur();
  });
})();
