/* django-celery-beat's periodic task form: under the crontab field, the schedule in words. The
   package does this with an inline script, which the portal's Content-Security-Policy blocks. */
(function () {
  "use strict";
  var data = document.getElementById("readable-crontabs");
  var select = document.getElementById("id_crontab");
  if (!data || !select) { return; }
  var readable = JSON.parse(data.textContent);
  var hidden = document.querySelector(".field-crontab_translation");
  if (hidden) { hidden.style.display = "none"; }
  var help = document.querySelector(".field-crontab .help");
  if (!help) { return; }
  var line = document.createElement("div");
  help.appendChild(line);
  select.addEventListener("change", function () {
    var words = readable[select.value];
    line.textContent = words ? "Translation: " + words : "";
  });
})();
