// The routing suggestion (docs/routing.md). Without JavaScript, "Suggest the body and the topic" submits the
// form and the page comes back with the suggestion and everything typed. With it, the button asks the server
// for the suggestion box alone and puts it in place: no page load, and no 50 KB library on the filing page,
// which must stay within the first-visit budget (docs/performance.md).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-suggest-url]") : null;
    var box = document.getElementById("routing-suggestion");
    if (!button || !button.form || !box || !window.fetch || !window.FormData) return;
    event.preventDefault();
    var data = new FormData();
    ["csrfmiddlewaretoken", "category", "region", "subject", "text"].forEach(function (name) {
      var field = button.form.elements[name];
      if (field) data.append(name, field.value);
    });
    button.setAttribute("aria-busy", "true");
    fetch(button.getAttribute("data-suggest-url"), {
      method: "POST", body: data, credentials: "same-origin", headers: {"HX-Request": "true"}
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html) box.outerHTML = html;
    }).catch(function () {
      button.form.requestSubmit ? button.form.requestSubmit(button) : button.form.submit();
    }).then(function () {
      button.removeAttribute("aria-busy");
    });
  });
})();
