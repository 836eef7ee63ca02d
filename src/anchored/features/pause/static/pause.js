// Pause: a live countdown and Copy buttons. Everything works without this file: the server
// renders the time left on every load, and the text to copy sits in a textarea to select.
(function () {
  "use strict";

  function clockText(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function leftText(seconds) {
    if (seconds <= 0) return "Time's up";
    if (seconds < 60) return "Less than a minute left";
    var minutes = Math.ceil(seconds / 60);
    return minutes + " minute" + (minutes === 1 ? "" : "s") + " left";
  }

  var ASK_EVERY_MS = 30000;

  function startCountdown(clock) {
    var total = parseInt(clock.getAttribute("data-remaining"), 10);
    if (!(total > 0)) return;
    // Count from this page's load, not the device clock: it may differ from the server's.
    var deadline = performance.now() + total * 1000;
    var left = document.querySelector("[data-left]");
    var timeUp = document.querySelector("[data-time-up]");
    var endButton = document.querySelector("[data-end-button]");
    var timeUrl = clock.getAttribute("data-time-url");
    var shown = total;
    var finished = false;

    function tick() {
      var seconds = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
      if (seconds !== shown) {
        shown = seconds;
        clock.textContent = clockText(seconds);
        if (left) left.textContent = leftText(seconds);
      }
      if (seconds === 0) {
        // Calm, not an alarm: say so once and let the person go on when ready.
        finished = true;
        if (endButton) endButton.textContent = "Go to the end";
        if (timeUp) timeUp.hidden = false;
        return;
      }
      window.setTimeout(tick, 250);
    }

    // Ask the server now and then: it keeps the countdown in step (a tab asleep in the
    // background, more time added in another tab) and keeps the vault from locking itself
    // in the middle of the pause. Any surprise (locked, gone, offline) just stops the asking.
    function ask() {
      if (finished || !timeUrl || !window.fetch) return;
      // The server's answer is the time left when it was asked, so count from then: a slow
      // reply (or a device that slept meanwhile) must not add time back.
      var askedAt = performance.now();
      window.fetch(timeUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" }
      }).then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (!response.ok || type.indexOf("application/json") !== 0) throw new Error("stop");
        return response.json();
      }).then(function (data) {
        if (!data.running || typeof data.remaining !== "number") return;
        deadline = askedAt + data.remaining * 1000;
        if (data.remaining > 0) window.setTimeout(ask, ASK_EVERY_MS);
      }).catch(function () { /* the page still shows the server's time after a reload */ });
    }

    tick();
    window.setTimeout(ask, ASK_EVERY_MS);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("no clipboard"));
  }

  function setUpCopy(button) {
    var id = button.getAttribute("data-copy");
    var field = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(field.value).then(
        function () {
          if (status) status.textContent = "Copied. Nothing was sent; paste it wherever you choose.";
        },
        function () {
          field.focus();
          field.select();
          if (status) status.textContent = "Copying didn't work here. The text is selected: copy it with your keyboard or menu.";
        }
      );
    });
  }

  function init() {
    var clock = document.querySelector(".pause-clock[data-remaining]");
    if (clock) startCountdown(clock);
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) setUpCopy(buttons[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
