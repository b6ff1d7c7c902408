/* Starts Swagger UI on the API docs page (core/api_docs.html) with the settings the page
   carries as JSON; an external file because the CSP forbids inline script. */
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  settings.dom_id = "#swagger-ui";
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  window.SwaggerUIBundle(settings);
})();
