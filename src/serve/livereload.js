// Injected only by `noticeboard serve`: reloads the page after every successful rebuild and
// shows build errors over the page until they are fixed.
(function () {
  "use strict";
  // The server puts the title in the run's language in place of the word below.
  var OVERLAY_TITLE = __OVERLAY_TITLE__;
  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 monospace;padding:24px;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = OVERLAY_TITLE + "\n\n";
    overlay.appendChild(title);
    overlay.appendChild(document.createTextNode(errors.join("\n\n")));
    document.body.appendChild(overlay);
  }
  var source = new EventSource("/__livereload");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
})();
