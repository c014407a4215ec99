// Each glossary term a report page marks (mark.gr-term, at its first occurrence) gets its tooltip
// "term（reading）：definition" from the glossary (javascripts/glossary.js, made from resources/glossary.yaml at
// build time and loaded once for the whole site), so that no page carries the definitions itself.
// A mark whose text is another form of its term names the term (data-term).
// Material's tooltips show a title as HTML, so & < > are written escaped.
(function () {
  const escaped = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const definitions = window.grGlossary || {};
  for (const mark of document.querySelectorAll("mark.gr-term")) {
    const term = mark.dataset.term || mark.textContent;
    if (!mark.title && Object.prototype.hasOwnProperty.call(definitions, term)) {
      const [reading, definition] = definitions[term];
      mark.title = escaped(reading ? `${term}（${reading}）：${definition}` : `${term}：${definition}`);
    }
  }
})();
