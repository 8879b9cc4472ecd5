/* The portal's only script, loaded from the portal itself (no inline script, no CDN).
   Progressive enhancement: without it the header shows every link and every page works. */
(function () {
  "use strict";
  // On a phone the header's links fold behind a "Menu" button.
  var toggle = document.querySelector("[data-menu-toggle]");
  var menu = document.getElementById("site-menu");
  if (toggle && menu) {
    document.documentElement.classList.add("js");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
  }
  // A table wider than the screen scrolls inside its .table-wrap: such a box takes the keyboard
  // focus (arrow keys scroll it) and is named after its table's caption.
  function markScrollable() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrollable();
  window.addEventListener("resize", markScrollable);
  // A form with data-confirm asks before a step that cannot be undone.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A form is sent once: a second tap while the first is on its way would send it again (two
  // drafts; or a success shown beside "already done"). After the confirm above, so a step the
  // user cancelled can still be sent; released when the page comes back from the history, and
  // after a while in case the answer was a download that left the page as it was.
  document.querySelectorAll("form").forEach(function (form) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") { return; }
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      if (form.hasAttribute("data-sending")) { event.preventDefault(); return; }
      form.setAttribute("data-sending", "");
      form.setAttribute("aria-busy", "true");
      window.setTimeout(function () { release(form); }, 10000);
    });
  });
  function release(form) {
    form.removeAttribute("data-sending");
    form.removeAttribute("aria-busy");
  }
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(release);
  });
  // A print button (data-print) prints the page; without the script it stays hidden.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // The error summary at the top of a form takes the focus, so a screen reader and a phone user
  // both land on what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
