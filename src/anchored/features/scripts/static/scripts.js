// Scripts: a Copy button for the words, and the 30-second rehearsal timer. Without this file
// the words are plain text to select and the page says "take 30 seconds"; both buttons stay
// hidden unless this runs.
(function () {
  "use strict";

  function setUpCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var said = document.querySelector("[data-copied]");
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () { if (said) said.textContent = "Copied."; },
        function () { if (said) said.textContent = "Copying didn't work here; select the words instead."; }
      );
    });
  }

  function clockText(seconds) {
    return "0:" + (seconds < 10 ? "0" : "") + seconds;
  }

  function setUpTimer(box) {
    var total = parseInt(box.getAttribute("data-timer"), 10) || 30;
    var clock = box.querySelector("[data-clock]");
    var status = box.querySelector("[data-timer-status]");
    var start = box.querySelector("[data-timer-start]");
    var running = false;
    box.hidden = false;
    start.addEventListener("click", function () {
      if (running) return;
      running = true;
      var deadline = performance.now() + total * 1000;
      var shown = total;
      start.disabled = true;
      status.textContent = "Started. Read it aloud, slowly.";
      function tick() {
        var left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
        if (left !== shown) {
          shown = left;
          clock.textContent = clockText(left);
        }
        if (left === 0) {
          running = false;
          start.disabled = false;
          start.textContent = "Start again";
          status.textContent = "30 seconds. How did that feel?";
          return;
        }
        window.setTimeout(tick, 250);
      }
      tick();
    });
  }

  document.querySelectorAll("[data-copy]").forEach(setUpCopy);
  document.querySelectorAll("[data-timer]").forEach(setUpTimer);
})();
