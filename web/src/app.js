// Mandate — progressive enhancement only: every page works without this file.
// Loaded with `defer` from our own origin (the CSP allows no inline script).
(function () {
  'use strict';
  // Organization switcher: switch as soon as a different organization is chosen.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.form) select.form.submit();
    });
  });
  // Forms that destroy or revoke something ask first.
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
  // htmx requests carry the page's CSRF token (from any hidden _csrf field).
  document.body.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('input[name="_csrf"]');
    if (token) event.detail.headers['X-CSRF-Token'] = token.value;
  });
})();
