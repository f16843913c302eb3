// Mandate — progressive enhancement only: every page works without this file.
// Loaded with `defer` from our own origin (the CSP allows no inline script), so the document
// is parsed when it runs. Behaviour is attached by attributes the server renders:
//   select[data-autosubmit]  submits its form when chosen with a pointer (the organization
//                            switcher; keyboard users press its Switch button);
//   form[data-confirm]       asks for confirmation before submitting;
//   [data-focus]             receives focus on load (the form error summary).
(function () {
  'use strict';

  function enhance(root) {
    root.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
      if (select.dataset.enhanced) return;
      select.dataset.enhanced = '1';
      // Arrow keys on a closed <select> fire "change" at every step: a keyboard user would be
      // carried off to the first organization passed. Keyboard changes wait for the form's own
      // Switch button; pointer and touch choices submit at once.
      var keyboard = false;
      select.addEventListener('keydown', function () { keyboard = true; });
      select.addEventListener('pointerdown', function () { keyboard = false; });
      select.addEventListener('change', function () {
        if (keyboard || !select.form) return;
        if (select.form.requestSubmit) select.form.requestSubmit();
        else select.form.submit();
      });
    });
    root.querySelectorAll('form[data-confirm]').forEach(function (form) {
      if (form.dataset.enhanced) return;
      form.dataset.enhanced = '1';
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
      });
    });
  }

  enhance(document);

  // Keyboard and screen-reader users land on the list of what to fix.
  var summary = document.querySelector('[data-focus]');
  if (summary) summary.focus();

  // Content swapped in by htmx gets the same behaviour.
  document.body.addEventListener('htmx:load', function (event) {
    enhance(event.detail.elt.parentNode || document);
  });

  // htmx requests carry the page's CSRF token (from any hidden _csrf field).
  document.body.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('input[name="_csrf"]');
    if (token) event.detail.headers['X-CSRF-Token'] = token.value;
  });
})();
