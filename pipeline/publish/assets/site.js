/* The document page's one behaviour: switch between the reading view and the diplomatic
   view without a reload. Both views are in the page; the switch is a class on <html>, so
   it is set before the body is drawn (no flash) and a print shows the view on screen.
   The choice is remembered in localStorage where the browser allows it (file:// too).
   Without JavaScript both views are shown, one after the other. */
(function () {
  "use strict";
  var KEY = "sfp-edition-view";
  var root = document.documentElement;
  root.classList.add("js");

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function remember(view) {
    try { window.localStorage.setItem(KEY, view); } catch (e) { /* private mode: forget */ }
  }

  function isDiplomatic() {
    return root.classList.contains("show-diplomatic");
  }

  function describe() {
    var button = document.getElementById("view-toggle");
    var name = document.querySelector(".toolbar .view-name");
    if (!button) { return; }
    button.setAttribute("aria-pressed", isDiplomatic() ? "true" : "false");
    button.textContent = isDiplomatic() ? "Show the edition's reading" : "Show the source as printed";
    if (name) { name.textContent = isDiplomatic() ? "Diplomatic view" : "Reading view"; }
  }

  function show(view) {
    root.classList.toggle("show-diplomatic", view === "diplomatic");
    remember(view);
    describe();
  }

  function toggle() {
    show(isDiplomatic() ? "reading" : "diplomatic");
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  /* A link to a change or a removal (#chg-3, #…-x2) opens the view that holds it. */
  function followHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var view = target.closest("[data-view]");
    if (view && !view.classList.contains("view-" + (isDiplomatic() ? "diplomatic" : "reading"))) {
      show(view.getAttribute("data-view"));
      target.scrollIntoView();
    }
  }

  if (remembered() === "diplomatic") { root.classList.add("show-diplomatic"); }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("view-toggle");
    if (!button) { return; }
    describe();
    button.addEventListener("click", toggle);
    document.addEventListener("keydown", function (event) {
      if (event.key === "d" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
        toggle();
      }
    });
    window.addEventListener("hashchange", followHash);
    followHash();
  });
}());

/* The index's filter by a person or a place of the register: each row names its entries in
   data-person / data-place; a choice hides the rows that do not name it. The choice is in
   the address (index.html?person=lenin), so a register page can link to the filtered index
   and the filter works from file:// with no request. */
(function () {
  "use strict";

  function named(row, kind, key) {
    return (" " + (row.getAttribute("data-" + kind) || "") + " ").indexOf(" " + key + " ") >= 0;
  }

  function apply(form) {
    var chosen = {};
    Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (select) {
      if (select.value) { chosen[select.getAttribute("data-filter")] = select.value; }
    });
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll("table.documents tr[data-document]"), function (row) {
      var keep = Object.keys(chosen).every(function (kind) { return named(row, kind, chosen[kind]); });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("table.documents tbody.raw-file"), function (group) {
      group.hidden = !group.querySelector("tr[data-document]:not([hidden])");
    });
    var count = document.getElementById("filter-count");
    if (count) { count.textContent = Object.keys(chosen).length ? shown + " document(s) shown" : ""; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("filters");
    if (!form) { return; }
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      if (wanted && select.querySelector("option[value='" + wanted.replace(/[^a-z0-9-]/g, "") + "']")) {
        select.value = wanted;
      }
      select.addEventListener("change", function () { apply(form); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(form);
  });
}());
