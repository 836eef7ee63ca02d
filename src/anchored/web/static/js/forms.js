// Forms that create something carry a token, new each time the page is made, so that the same
// form sent twice is saved once. The app's pages are never cached: Back loads the form afresh,
// with a new token, while the browser puts back what was typed. So each form's first token is
// kept with this page's place in the history, and put back when the page is reached by Back or
// Forward. Without JavaScript nothing changes: the form still saves.
(function () {
  "use strict";
  var KEY = "anchoredFormTokens";
  var entries = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")
    : [];
  var returning = entries.length > 0 && entries[0].type === "back_forward";
  var state = history.state && typeof history.state === "object" ? history.state : {};
  var kept = state[KEY] && typeof state[KEY] === "object" ? state[KEY] : {};
  var changed = false;
  var inputs = document.querySelectorAll('input[type="hidden"][name="form_token"]');
  Array.prototype.forEach.call(inputs, function (input) {
    var action = input.form ? input.form.getAttribute("action") : null;
    if (!action) {
      return;
    }
    if (returning && typeof kept[action] === "string") {
      input.value = kept[action];
    } else if (kept[action] !== input.value) {
      kept[action] = input.value;
      changed = true;
    }
  });
  if (changed) {
    var next = {};
    Object.keys(state).forEach(function (name) {
      next[name] = state[name];
    });
    next[KEY] = kept;
    history.replaceState(next, "");
  }
})();
