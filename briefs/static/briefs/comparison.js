// "Compare" buttons without reloading the page: the forms work without this script.
(function () {
  "use strict";

  var tray = document.querySelector("[data-compare-tray]");
  if (!tray) return;
  var count = tray.querySelector("[data-compare-count]");
  var status = tray.querySelector("[data-compare-status]");

  function show(selected, message) {
    count.textContent = selected.length;
    tray.hidden = selected.length === 0;
    document.querySelectorAll("[data-compare-toggle]").forEach(function (button) {
      var pressed = selected.indexOf(button.value) !== -1;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      var form = button.form;
      if (form) form.querySelector("input[name=action]").value = pressed ? "remove" : "add";
    });
    // A live region tells screen readers what changed; the same text for everyone else.
    status.textContent = message;
    status.classList.toggle("visually-hidden", !message);
    status.classList.toggle("notice", Boolean(message));
  }

  document.querySelectorAll("form[data-compare-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      // The comparison page itself is rebuilt from the new selection.
      if (document.body.classList.contains("template-comparison")) return;
      event.preventDefault();
      var data = new FormData(form, event.submitter);
      fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.statusText);
          return response.json();
        })
        .then(function (answer) { show(answer.selected, answer.message); })
        .catch(function () {
          // Without the answer, the form goes the usual way, with the pressed button's value.
          if (event.submitter && event.submitter.name) {
            var input = document.createElement("input");
            input.type = "hidden";
            input.name = event.submitter.name;
            input.value = event.submitter.value;
            form.append(input);
          }
          form.submit();
        });
    });
  });
})();
