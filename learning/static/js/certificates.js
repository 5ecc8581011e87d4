// Certificates: "Copy verification link" copies the link from its read-only field
// (the field stays selectable without JavaScript); "Print" prints the transcript.
(function () {
  "use strict";

  function selectAndCopy(input) {
    input.focus();
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    return new Promise(function (resolve, reject) {
      // Pages served over plain HTTP have no clipboard API: the older command.
      if (document.execCommand("copy")) resolve();
      else reject(new Error("copy refused"));
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    const input = document.getElementById(button.dataset.copy);
    if (!input) return;
    const status = button.closest(".copy-link").querySelector(".copy-link__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      selectAndCopy(input).then(
        function () {
          if (status) status.textContent = button.dataset.copied;
        },
        function () {
          // Left selected: the visitor copies it with the keyboard.
        }
      );
    });
  });

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
