// Hosted mode: htmx requests carry the session's CSRF token as a header (forms also carry it
// as a hidden field, so everything works without this script).
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!meta) return;
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = meta.content;
  });
})();
