/* django-import-export's export page: its "Select all" checkbox had an inline onchange handler
   (blocked by the portal's Content-Security-Policy); the package's own function is bound here. */
(function () {
  "use strict";
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      if (typeof window.onSelectToggleChange === "function") { window.onSelectToggleChange(event); }
    });
  });
})();
