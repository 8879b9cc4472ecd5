// The projector page polls its ballot's figures and shows them without a reload button; when the
// ballot opens or closes it loads the page again to show the result (no inline script: CSP).
(function () {
  "use strict";
  var root = document.getElementById("projector");
  if (!root) { return; }
  var url = root.getAttribute("data-poll-url");
  var status = root.getAttribute("data-status");
  function set(id, text) {
    var node = document.getElementById(id);
    if (node && text !== null && text !== undefined) { node.textContent = String(text); }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.status !== status) { window.location.reload(); return; }
        set("projector-voted", data.voted);
        set("projector-turnout", data.turnout === null ? "—" : data.turnout);
      })
      .catch(function () { /* the hall's network may blink; the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 5000);
}());
