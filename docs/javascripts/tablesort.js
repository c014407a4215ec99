// Sorts a table marked with class "gr-sortable" when a reader clicks (or presses Enter or Space on) a header.
// A cell that holds a number sorts by its first (高于7%, 6%左右, 突破4000亿元), other text by the Chinese collation
// after the numbers, and empty cells last, whichever way; a second click reverses the order. Each header says
// it sorts (aria-sort "none" until it does, and a title) to a screen reader as to a mouse.
(function () {
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  const number = (text) => {
    const found = text.replace(/[,，\s]/g, "").match(/-?\d+(\.\d+)?/);
    return found ? parseFloat(found[0]) : null;
  };
  const group = (text) => (text === "" ? 2 : number(text) === null ? 1 : 0);  // numbers, then words, then nothing
  const compare = (a, b) => {
    const x = number(a), y = number(b);
    return x !== null && y !== null ? x - y : collator.compare(a, b);
  };
  const sortBy = (table, column, header) => {
    const body = table.tBodies[0];
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const rows = Array.from(body.rows);
    rows.sort((r, s) => {
      const a = r.cells[column].textContent.trim(), b = s.cells[column].textContent.trim();
      const order = compare(a, b);
      return group(a) - group(b) || (ascending ? order : -order);
    });
    rows.forEach((row) => body.appendChild(row));
    table.querySelectorAll("th").forEach((th) => th.setAttribute("aria-sort", "none"));
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  };
  const enable = () => {
    document.querySelectorAll("div.gr-sortable table, table.gr-sortable").forEach((table) => {
      if (table.dataset.sortable) return;
      table.dataset.sortable = "yes";
      Array.from(table.tHead ? table.tHead.rows[0].cells : []).forEach((header, column) => {
        header.tabIndex = 0;
        header.style.cursor = "pointer";
        header.setAttribute("aria-sort", "none");
        header.title = "点击排序";
        header.addEventListener("click", () => sortBy(table, column, header));
        header.addEventListener("keydown", (event) => {
          if (event.key !== "Enter" && event.key !== " ") return;
          event.preventDefault();  // Space would scroll the page
          sortBy(table, column, header);
        });
      });
    });
  };
  if (typeof document$ !== "undefined") document$.subscribe(enable);
  else document.addEventListener("DOMContentLoaded", enable);
})();
