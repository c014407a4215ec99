// Sorts a table marked with class "gr-sortable" when a reader clicks (or presses Enter or Space on) a header.
// Numbers sort as numbers, other text by the Chinese collation; a second click reverses the order. Each header
// says it sorts (aria-sort "none" until it does, and a title) to a screen reader as to a mouse.
(function () {
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  const number = (text) => {
    const cleaned = text.replace(/[,，\s]/g, "");
    return /^-?\d+(\.\d+)?/.test(cleaned) ? parseFloat(cleaned) : null;
  };
  const compare = (a, b) => {
    const x = number(a), y = number(b);
    if (x !== null && y !== null) return x - y;
    if (x !== null) return -1;
    if (y !== null) return 1;
    return collator.compare(a, b);
  };
  const sortBy = (table, column, header) => {
    const body = table.tBodies[0];
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    const rows = Array.from(body.rows);
    rows.sort((r, s) => {
      const order = compare(r.cells[column].textContent.trim(), s.cells[column].textContent.trim());
      return ascending ? order : -order;
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
