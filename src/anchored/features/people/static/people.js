// Support people: a Copy button for the reach-out message. Without this file the message sits
// in a text box to select and copy by hand, and the button stays hidden.
(function () {
  "use strict";

  function setUp(button) {
    var id = button.getAttribute("data-copy");
    var field = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!field || !navigator.clipboard || !window.isSecureContext) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
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

  var buttons = document.querySelectorAll("button[data-copy]");
  for (var i = 0; i < buttons.length; i++) setUp(buttons[i]);
})();
