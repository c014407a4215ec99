// Material opens a tooltip (a glossary term's definition, a figure's reading, how a value was inferred) below its
// mark, wherever the mark stands: for a mark on the screen's last lines it opened below the screen, where a mouse
// could not reach it (scrolling moves the mark away from the pointer, which hides it). A tooltip that would end
// below the screen opens above its mark where there is room there.
(function () {
  const place = (tip) => {
    tip.style.removeProperty("top");
    if (!tip.classList.contains("md-tooltip2--active")) return;
    const host = document.querySelector(`[aria-describedby="${tip.id}"]`);
    if (!host) return;
    const box = tip.getBoundingClientRect();
    const shift = new DOMMatrix(getComputedStyle(tip).transform).m42;  // its entrance slides it by .4rem
    const top = box.top - shift;
    const above = host.getBoundingClientRect().top - 8 - box.height;
    if (top + box.height > window.innerHeight && above >= 0)
      tip.style.top = `${parseFloat(getComputedStyle(tip).top) + above - top}px`;
  };
  new MutationObserver((changes) => {
    for (const change of changes)
      if (change.target.classList && change.target.classList.contains("md-tooltip2")) place(change.target);
  }).observe(document.body, { attributes: true, attributeFilter: ["class"], subtree: true });
})();
