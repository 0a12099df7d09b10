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
