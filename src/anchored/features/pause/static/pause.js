// Pause: a live countdown, Copy buttons, and drafts that are not lost. Everything works without
// this file: the server renders the time left on every load, the text to copy sits in a textarea
// to select, and each section's button saves. With it, htmx saves the text boxes as the person
// types (hx-post .../draft); this file saves them once more before the header's Lock and when
// the page is left, so a nav link, Lock or a closed tab does not take the last words with it.
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

  var LOCK_WAIT_MS = 3000;
  var NOT_SENT = "Not saved: Anchored could not be reached. Press a Save button to try again.";

  function setUpDrafts(form) {
    var url = form.getAttribute("data-draft-url");
    var dirty = false; // typed since the last draft was sent
    var inFlight = 0; // drafts sent by htmx and not yet answered

    function isDraft(event) {
      var config = event.detail && event.detail.requestConfig;
      return form.contains(event.target) && config && config.path === url;
    }

    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (!isDraft(event)) return;
      inFlight += 1;
      dirty = false; // this request carries everything typed so far
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (!isDraft(event)) return;
      inFlight = Math.max(0, inFlight - 1);
      if (!event.detail.successful) {
        dirty = true;
        var target = event.detail.target;
        if (target) target.textContent = NOT_SENT;
      }
    });

    function body() {
      return new URLSearchParams(new FormData(form));
    }

    function send(keepalive) {
      dirty = false;
      return window.fetch(url, {
        method: "POST",
        body: body(),
        credentials: "same-origin",
        keepalive: keepalive
      });
    }

    function whenQuiet() {
      // Wait for drafts already on their way, so the last one sent is the newest.
      return new Promise(function (resolve) {
        (function check() {
          if (inFlight === 0) resolve();
          else window.setTimeout(check, 50);
        })();
      });
    }

    function within(ms, promise) {
      return Promise.race([promise, new Promise(function (resolve) { window.setTimeout(resolve, ms); })]);
    }

    // The header's Lock: save first, then lock (after a few seconds at most: locking must
    // never wait on a server that does not answer).
    var lockForms = document.querySelectorAll('form[action="/lock"]');
    for (var i = 0; i < lockForms.length; i++) {
      lockForms[i].addEventListener("submit", function (event) {
        var lockForm = event.currentTarget;
        if (!window.fetch) return;
        event.preventDefault();
        within(LOCK_WAIT_MS, whenQuiet().then(function () { return send(false); }))
          .catch(function () { /* lock anyway */ })
          .then(function () { lockForm.submit(); });
      });
    }

    // A section's button sends everything itself; a draft on its way lands first, so it
    // cannot land after and put back older words.
    var waited = false;
    form.addEventListener("submit", function (event) {
      if (inFlight === 0 || waited) {
        dirty = false;
        return;
      }
      event.preventDefault();
      var submitter = event.submitter;
      within(LOCK_WAIT_MS, whenQuiet()).then(function () {
        waited = true;
        if (submitter && form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      });
    });

    // A nav link, another tab, a closed tab: send what was typed since the last draft.
    function flush() {
      if (dirty && window.fetch) send(true).catch(function () {});
    }
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") flush();
    });
  }

  function init() {
    var clock = document.querySelector(".pause-clock[data-remaining]");
    if (clock) startCountdown(clock);
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) setUpCopy(buttons[i]);
    var drafts = document.querySelector("form[data-draft-url]");
    if (drafts) setUpDrafts(drafts);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
