// Colophon default theme: search over Pagefind's static index (its low-level API, no server).
// Loaded by the search page, or by site.js when the reader opens search (header link, "/").
(function () {
  'use strict';
  if (window.colophonSearch) return;
  var doc = document;
  var MAX = 10;
  var t = window.colophonT;
  var engine;

  // Pagefind's module, from the site's own output (data-bundle: basePath included). A large
  // site's index comes in parts (shards.json lists them): each is merged into the first.
  function load(cfg) {
    var bundle = cfg.getAttribute('data-bundle');
    var base = cfg.getAttribute('data-base') || '/';
    engine =
      engine ||
      import(bundle + 'pagefind.js').then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: base, excerptLength: 24 }))
          .then(function () {
            return fetch(bundle + 'shards.json').then(function (r) {
              return r.ok ? r.json() : { shards: [] };
            });
          })
          .then(function (list) {
            return Promise.all(
              (list.shards || []).map(function (part) {
                return pf.mergeIndex(bundle + part, { baseUrl: base });
              }),
            );
          })
          .then(function () {
            return pf;
          });
      });
    engine.catch(function () {
      engine = null;
    });
    return engine;
  }

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // A result: title link, then Pagefind's excerpt reduced to its text and <mark> elements.
  function item(data) {
    var li = el('li', 'search-result');
    var a = el('a', '', (data.meta && data.meta.title) || data.url);
    a.href = data.url;
    li.appendChild(el('p', 'search-result-title')).appendChild(a);
    // What the hit is (the theme marks each indexed page: Post, Page, Series, Topic, Author) and,
    // for a post, its date.
    var meta = data.meta || {};
    var about = [meta.kind, meta.date].filter(Boolean).join(' · ');
    if (about) li.appendChild(el('p', 'search-result-meta', about));
    var tpl = doc.createElement('template');
    tpl.innerHTML = data.excerpt || '';
    var p = li.appendChild(el('p', 'search-excerpt'));
    Array.prototype.forEach.call(tpl.content.childNodes, function (n) {
      p.appendChild(
        n.nodeName === 'MARK' ? el('mark', '', n.textContent) : doc.createTextNode(n.textContent),
      );
    });
    return li;
  }

  // Wire one UI: form.search-form > input, .search-status, .search-results; cfg has the data-*.
  function bind(box, cfg, inline) {
    var form = box.querySelector('.search-form');
    var input = form.querySelector('input');
    var status = box.querySelector('.search-status');
    var list = box.querySelector('.search-results');
    var more = box.querySelector('.search-hint a');
    var current = 0;

    function run() {
      var term = input.value.trim();
      var id = ++current;
      var u = new URL(inline ? window.location.href : more.href);
      if (term) u.searchParams.set('q', term);
      else u.searchParams.delete('q');
      if (inline) window.history.replaceState(null, '', u);
      else more.href = u;
      if (!term) {
        list.textContent = status.textContent = '';
        return;
      }
      load(cfg)
        .then(function (pf) {
          return pf.debouncedSearch(term, {}, 150);
        })
        .then(function (found) {
          if (!found || id !== current) return;
          var n = found.results.length;
          return Promise.all(
            found.results.slice(0, MAX).map(function (r) {
              return r.data();
            }),
          ).then(function (pages) {
            if (id !== current) return;
            list.textContent = '';
            pages.forEach(function (d) {
              list.appendChild(item(d));
            });
            status.textContent = t(
              n > MAX ? 'searchResultsCapped' : n ? 'searchResults' : 'noResults',
              { count: n, term: term, shown: MAX },
            );
          });
        })
        .catch(function () {
          if (id === current) status.textContent = t('searchUnavailable');
        });
    }
    input.addEventListener('input', run);
    input.addEventListener('focus', function () {
      load(cfg); // fetch the index while the reader types
    });
    // Enter follows the first result.
    form.addEventListener('submit', function (e) {
      var first = list.querySelector('a');
      e.preventDefault();
      if (first) first.click();
    });
    // Arrow keys move between the field and the results.
    box.addEventListener('keydown', function (e) {
      var down = e.key === 'ArrowDown';
      if (!down && e.key !== 'ArrowUp') return;
      var items = [input].concat(Array.prototype.slice.call(list.querySelectorAll('a')));
      var i = items.indexOf(doc.activeElement);
      if (i < 0 || items.length < 2) return;
      e.preventDefault();
      items[Math.max(0, Math.min(items.length - 1, down ? i + 1 : i - 1))].focus();
    });
    if (input.value.trim()) run();
    return input;
  }

  // The search page: its form is in the HTML (shown once html.js is set, before first paint).
  var page = doc.getElementById('search');
  var input;
  var dialog;
  if (page) {
    input = page.querySelector('input');
    input.value = new URL(window.location.href).searchParams.get('q') || '';
    bind(page, page, true);
    input.focus();
  }

  // Elsewhere: a modal dialog, built on first use.
  function build(trigger) {
    // The markup, in the site's language, is the page's <template> (partials/header).
    dialog = doc.importNode(doc.getElementById('theme.search-dialog').content.firstChild, true);
    doc.body.appendChild(dialog);
    dialog.querySelector('.search-hint a').href = trigger.href;
    dialog.querySelector('.search-close').onclick = function () {
      dialog.close();
    };
    // A click on the backdrop (outside the panel) closes it; so does Escape, also in the field
    // (where the browser would first clear the text).
    dialog.addEventListener('click', function (e) {
      if (e.target === dialog) dialog.close();
    });
    dialog.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      dialog.close();
    });
    input = bind(dialog, trigger, false);
  }

  window.colophonSearch = {
    open: function () {
      var trigger = doc.querySelector('[data-search-js]');
      if (!page && !dialog) build(trigger);
      if (dialog && !dialog.open) dialog.showModal();
      input.focus();
      input.select();
    },
  };
})();
