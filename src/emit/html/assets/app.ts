/**
 * `assets/app.js`, shipped with the site and loaded by `<script src defer>` (the CSP allows
 * no inline script). Kept as a string so the pure emitter needs no file system and `tsc`
 * needs no copy step; the browser tests exercise it. Plain ES2017, no modules: a module
 * script would not load from `file://`.
 *
 * - index: shows the filter form (hidden without script), narrows the list by company,
 *   principle, level and words, keeps the state in the query string;
 * - every page: opens every `<details>` for printing, closes them again after.
 */
export const APP_JS = String.raw`/* starkit site script: filters the index; opens details for print. */
(function () {
  'use strict';

  function fold(text) {
    return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  var FIELDS = ['q', 'company', 'principle', 'level'];

  function initIndex() {
    var form = document.getElementById('filters');
    var list = document.getElementById('scenarios');
    var count = document.getElementById('count');
    var empty = document.getElementById('no-results');
    if (!form || !list || !count || !empty) return;
    var controls = {};
    // A control the page left out (no scenario has a level) reads as "any".
    var none = { value: '', tagName: 'NONE', options: [] };
    FIELDS.forEach(function (name) { controls[name] = form.elements.namedItem(name) || none; });
    var items = Array.prototype.slice.call(list.children).map(function (li) {
      var principles = [];
      try { principles = JSON.parse(li.getAttribute('data-principles') || '[]'); } catch (e) { principles = []; }
      return {
        li: li,
        company: li.getAttribute('data-company') || '',
        level: li.getAttribute('data-level') || '',
        principles: principles,
        text: fold((li.getAttribute('data-search') || '') + '\n' + li.textContent)
      };
    });
    var total = items.length;

    function plural(n) { return n === 1 ? ' scenario' : ' scenarios'; }

    function apply() {
      var words = fold(controls.q.value).split(/\s+/).filter(Boolean);
      var company = controls.company.value;
      var principle = controls.principle.value;
      var level = controls.level.value;
      var shown = 0;
      items.forEach(function (item) {
        var ok = (!company || item.company === company) &&
          (!principle || item.principles.indexOf(principle) !== -1) &&
          (!level || item.level === level) &&
          words.every(function (w) { return item.text.indexOf(w) !== -1; });
        item.li.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === total ? total + plural(total) : 'Showing ' + shown + ' of ' + total + plural(total);
      empty.hidden = shown !== 0;
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (controls[name].value) params.set(name, controls[name].value); });
      var query = params.toString();
      try { history.replaceState(null, '', query ? '?' + query : location.pathname); } catch (e) { /* file:// in some browsers */ }
    }

    var initial = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var value = initial.get(name);
      if (value === null) return;
      var control = controls[name];
      if (control.tagName === 'NONE') return;
      if (control.tagName === 'SELECT') {
        var known = Array.prototype.some.call(control.options, function (o) { return o.value === value; });
        if (!known) return;
      }
      control.value = value;
    });
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function initPrint() {
    var opened = [];
    window.addEventListener('beforeprint', function () {
      Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener('afterprint', function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  function init() {
    if (document.body.classList.contains('index')) initIndex();
    initPrint();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
`
