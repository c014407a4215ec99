// Downloads are stored gzip-compressed: a report's cleaned Markdown (downloads/<page>.md.gz, a third of
// its size), the indicators of each year (downloads/indicators/<year>.csv.gz, a quarter of its size) and
// every place's targets and results (downloads/series.csv.gz).
// A click on a link to one saves the plain .md or .csv instead; where the browser cannot decompress, or
// the fetch fails, the link is followed as it is. A server that already decompressed it
// (Content-Encoding) hands over plain text, which is saved as it came.
(function () {
  const types = { ".md.gz": "text/markdown;charset=utf-8", ".csv.gz": "text/csv;charset=utf-8" };
  const selector = Object.keys(types).map((ending) => `a[href$="${ending}"]`).join(", ");
  const isGzip = (bytes) => bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const plain = async (bytes) => {
    if (!isGzip(bytes)) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  };
  const save = (bytes, name, type) => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };
  document.addEventListener("click", async (event) => {
    const link = event.target instanceof Element ? event.target.closest(selector) : null;
    if (!link || typeof DecompressionStream === "undefined" || event.button !== 0 || event.ctrlKey || event.metaKey) {
      return;
    }
    event.preventDefault();
    const name = decodeURIComponent(new URL(link.href).pathname.split("/").pop());
    const ending = Object.keys(types).find((end) => name.endsWith(end));
    try {
      const response = await fetch(link.href);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = await plain(new Uint8Array(await response.arrayBuffer()));
      save(bytes, name.replace(/\.gz$/, ""), types[ending]);
    } catch (error) {
      window.location.href = link.href;
    }
  });
})();
