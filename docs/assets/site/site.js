// Small page behaviours of the guide (no inline scripts: the CSP forbids them).
// Filter inputs: <input class="table-filter" data-table="ID"> hides rows of
// table#ID whose text does not contain what was typed.
(function () {
  "use strict";
  function norm(s) { return (s || "").toLocaleLowerCase().replace(/\s+/g, " ").trim(); }
  function bind(input) {
    if (input.dataset.bound) { return; }
    input.dataset.bound = "1";
    var table = document.getElementById(input.dataset.table);
    if (!table) { return; }
    var empty = document.querySelector('.filter-empty[data-for="' + input.dataset.table + '"]');
    input.addEventListener("input", function () {
      var q = norm(input.value), shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var hit = !q || norm(row.textContent).indexOf(q) !== -1;
        row.hidden = !hit;
        if (hit) { shown += 1; }
      });
      if (empty) { empty.hidden = shown !== 0; }
    });
  }
  function init() { document.querySelectorAll("input.table-filter").forEach(bind); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();

// Tables stacked as cards on phones (site.css, issue 13 item 1): each data cell gets a
// copy of its column heading, shown only in card layout and hidden from screen readers
// (they read the table's own headers). Explicit ARIA table roles were tried and made
// axe report aria-required-children (critical) on desktop, so they are not set.
(function () {
  "use strict";
  var CARDS = ".table-wrap.figures:not(.diseases):not(.compare) table, .table-wrap.glance table";
  function label(table) {
    if (table.dataset.cards) { return; }
    table.dataset.cards = "1";
    var heads = table.tHead ? table.tHead.rows[0] : null;
    if (!heads) { return; }
    [].forEach.call(table.rows, function (row) {
      [].forEach.call(row.cells, function (cell, i) {
        if (cell.tagName === "TH") { return; }
        var head = heads.cells[i];
        if (!head || row.parentNode === table.tHead) { return; }
        var span = document.createElement("span");
        span.className = "cell-label";
        span.setAttribute("aria-hidden", "true");
        span.textContent = head.textContent.replace(/\s+/g, " ").trim();
        cell.insertBefore(span, cell.firstChild);
      });
    });
  }
  function init() { document.querySelectorAll(CARDS).forEach(label); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();

// The navigation drawer on phones and tablets (issue 13 item 3): while it is closed it
// is off screen, yet its links stayed in the tab order (dozens of invisible stops before
// the page's first field). Closed and off screen, it is made inert; opening it (the menu
// button toggles Material's #__drawer checkbox) gives it back, as does a wide screen,
// where the same element is the visible sidebar.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 76.25em)");
  function sync() {
    var toggle = document.getElementById("__drawer");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !drawer) { return; }
    var hidden = !wide.matches && !toggle.checked;
    if (hidden) { drawer.setAttribute("inert", ""); } else { drawer.removeAttribute("inert"); }
  }
  function init() {
    var toggle = document.getElementById("__drawer");
    if (toggle && !toggle.dataset.inertBound) {
      toggle.dataset.inertBound = "1";
      toggle.addEventListener("change", sync);
    }
    sync();
  }
  if (wide.addEventListener) { wide.addEventListener("change", sync); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
