// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  // The menu is a <details> disclosure on phones; on wide screens keep it open.
  var menu = document.querySelector("[data-site-menu]");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 992px)");
    var sync = function () { if (wide.matches) { menu.open = true; } };
    sync();
    wide.addEventListener("change", sync);
  }

  // Move focus to an error summary so screen-reader users hear what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
