/* Material's search dialog, answered by the project's search worker (search-worker.js, beside this file)
   instead of Material's lunr worker: the worker's address is the only setting changed in Material's
   configuration. The worker is kept in window.__reportsSearchWorker for the search panel
   (search-panel.js), which shows its results and filters. Loaded right after Material's configuration
   (build_tools/theme/main.html), before Material's bundle starts the worker. */
(function (script) {
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  config.search = new URL("search-worker.js", script.src).href
  element.textContent = JSON.stringify(config)
  var Native = window.Worker
  var address = config.search
  window.Worker = function (url, options) {
    var worker = new Native(url, options)
    if (new URL(url, location.href).href === address)
      window.__reportsSearchWorker = worker
    return worker
  }
  window.Worker.prototype = Native.prototype
})(document.currentScript)
