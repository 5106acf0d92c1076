// Swagger UI on Roster's published contract. A file of its own, not an inline script, so that
// /docs works under a Content-Security-Policy that allows scripts from Roster only. No validator
// badge: it would send the document to validator.swagger.io.
window.addEventListener('load', () => {
  window.ui = window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
