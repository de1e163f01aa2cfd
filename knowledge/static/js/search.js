// Progressive enhancement for the search page and header box: the page works without it.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // On a phone the filters wait behind a "Filters" button at the top of the results.
  document.querySelectorAll(".filters-toggle").forEach(function (button) {
    var filters = document.getElementById(button.getAttribute("aria-controls"));
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = filters.classList.toggle("is-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) filters.querySelector("input, summary, button").focus();
    });
  });

  // Ticking a facet or changing the sort runs the search at once.
  document.querySelectorAll(".search-form .facet:not(.facet--reading) input[type=checkbox], .search-form .facet__switch input, #search-sort").forEach(function (input) {
    input.addEventListener("change", function () {
      var form = input.form;
      var page = form.querySelector("input[name=page]");
      if (page) page.remove();
      form.submit();
    });
  });

  // Title suggestions from /api/v1/search/suggest/ in a native <datalist>.
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var controller = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) return;
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        var url = input.dataset.suggestUrl + "&q=" + encodeURIComponent(text);
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (suggestions) {
            list.replaceChildren.apply(list, suggestions.map(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.title;
              return option;
            }));
          })
          .catch(function () {});
      }, 150);
    });
  });
})();
