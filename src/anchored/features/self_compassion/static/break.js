/* The self-compassion break: a gentle minute on each screen. Without this script the screen
   says "stay about a minute"; with it, a quiet countdown shows the minute, then says it is
   fine to go on. It never moves on by itself. */
(function () {
  "use strict";
  var timer = document.querySelector("[data-break-timer]");
  var ready = document.querySelector("[data-break-ready]");
  if (!timer || !ready) {
    return;
  }
  var total = parseInt(timer.getAttribute("data-seconds"), 10) || 60;
  var started = Date.now();

  function text(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var left = total - Math.floor((Date.now() - started) / 1000);
    if (left <= 0) {
      timer.hidden = true;
      ready.hidden = false;
      ready.textContent = "Take your time. Go on whenever you're ready.";
      return;
    }
    timer.textContent = "A gentle minute: " + text(left);
    window.setTimeout(tick, 1000);
  }

  timer.hidden = false;
  tick();
})();
