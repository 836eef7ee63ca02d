// Feeling suggestions (web/templates/_feelings.html): a word ticked among the suggestions is
// the same choice as that word in the form's own list, so the two boxes move together.
// Without JavaScript both are sent and the word is saved once; nothing else depends on this.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.form) {
      return;
    }
    var fields = box.form.querySelectorAll('input[type="checkbox"]');
    Array.prototype.forEach.call(fields, function (other) {
      if (other !== box && other.name === box.name && other.value === box.value) {
        other.checked = box.checked;
      }
    });
  });
})();
