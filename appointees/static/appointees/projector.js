// The projector page asks the portal every few seconds how the session stands; it updates the
// count of ballots and reloads the page when the session changes state (results announced).
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-status-url");
  var status = body.getAttribute("data-status");
  if (!url || status === "closed") { return; }
  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.status !== status) { window.location.reload(); return; }
        var submitted = document.getElementById("submitted");
        var present = document.getElementById("present");
        if (submitted) { submitted.textContent = data.submitted; }
        if (present) { present.textContent = data.present; }
      })
      .catch(function () { /* the next poll tries again */ });
  }
  window.setInterval(poll, 3000);
})();
