// A paragraph of a report's text is addressed by its line in the source file (#L35, as its audit and the downloads
// count lines), but nothing on the page showed the address. Each gets a ¶ link, shown as a heading's is (Material's
// headerlink: on hover, and on the paragraph a link led to), so that a reader can copy the address of the sentence
// they cite. Out of the Tab order: a report's hundred paragraphs would be as many stops; its headings keep theirs.
(function () {
  const add = () => {
    document.querySelectorAll("article.md-content__inner > p[id^='L'], article.md-content__inner li[id^='L']")
      .forEach((paragraph) => {
        if (!/^L\d+$/.test(paragraph.id) || paragraph.querySelector(":scope > a.headerlink")) return;
        const link = document.createElement("a");
        link.className = "headerlink";
        link.href = `#${paragraph.id}`;
        link.title = `本段链接（原文第 ${paragraph.id.slice(1)} 行）`;
        link.tabIndex = -1;
        link.textContent = "¶";
        paragraph.append(link);
      });
  };
  if (typeof document$ !== "undefined") document$.subscribe(add);
  else document.addEventListener("DOMContentLoaded", add);
})();
