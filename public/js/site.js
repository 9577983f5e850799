// Colophon default theme: progressive enhancements only; every page works without this file.
// 1. theme toggle (the inline script in <head> applies a stored choice before first paint)
// 2. copy buttons on code blocks  3. focusable scrolling tables
// 4. search: the header link and the "/" key open search.js's dialog, loaded on demand
// 5. embeds: embed.js, where there is one  6. contents: the section being read, kept open
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var KEY = 'colophon-theme';
  var each = function (list, fn) {
    Array.prototype.forEach.call(list, fn);
  };
  // The theme's strings in the site's language (<body data-strings>); search.js uses t too.
  var S = JSON.parse(doc.body.getAttribute('data-strings') || '{}');
  var t = (window.colophonT = function (key, v) {
    var s = S[key] || '';
    if (s.other) s = s[new Intl.PluralRules(root.lang).select(v.count)] || s.other;
    return s.replace(/\{(\w+)\}/g, function (m, k) {
      return v && k in v ? v[k].toLocaleString(root.lang) : m;
    });
  });

  // ---- 1. Theme toggle: flips what is shown; a choice equal to the system's is forgotten.
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  var toggle = doc.querySelector('.theme-toggle');
  var system = function () {
    return dark.matches ? 'dark' : 'light';
  };
  var shown = function () {
    return root.getAttribute('data-theme') || system();
  };
  function sync() {
    if (!toggle) return;
    var isDark = shown() === 'dark';
    toggle.setAttribute('aria-pressed', String(isDark));
    toggle.title = t(isDark ? 'switchToLight' : 'switchToDark');
  }
  function apply(value) {
    if (value) root.setAttribute('data-theme', value);
    else root.removeAttribute('data-theme');
    sync();
  }
  if (toggle) {
    toggle.addEventListener('click', function () {
      var next = shown() === 'dark' ? 'light' : 'dark';
      if (next === system()) next = null;
      apply(next);
      try {
        if (next) localStorage.setItem(KEY, next);
        else localStorage.removeItem(KEY);
      } catch (e) {
        /* storage blocked: the choice lasts for this page only */
      }
    });
    dark.addEventListener('change', sync);
    sync();
  }
  // Another tab changed the theme.
  window.addEventListener('storage', function (e) {
    if (e.key === KEY) apply(e.newValue === 'light' || e.newValue === 'dark' ? e.newValue : null);
  });

  // ---- 2. Copy buttons. Line numbers and diff markers are CSS-generated, never in the text;
  // removed lines (.diff.remove) are left out, so the clipboard gets the code after the change.
  var blocks = doc.querySelectorAll('figure.code-block');
  var live;
  if (blocks.length) {
    live = doc.createElement('div');
    live.className = 'sr-only';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    doc.body.appendChild(live);
  }
  function announce(text) {
    live.textContent = '';
    setTimeout(function () {
      live.textContent = text;
    }, 50);
  }
  function codeText(pre) {
    var lines = pre.querySelectorAll('.line');
    if (!lines.length) return pre.textContent;
    var out = [];
    each(lines, function (l) {
      if (!l.matches('.diff.remove')) out.push(l.textContent);
    });
    return out.join('\n');
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http (a LAN preview): the old way.
    var area = doc.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = doc.execCommand('copy');
    } catch (e) {
      /* not allowed */
    }
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error('copy failed'));
  }
  each(blocks, function (figure) {
    var pre = figure.querySelector('pre');
    if (!pre) return;
    var title = figure.querySelector('.code-title');
    var name = title ? title.textContent : figure.getAttribute('data-lang');
    var button = doc.createElement('button');
    var timer;
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = t('copy');
    button.setAttribute('aria-label', name ? t('copyCodeNamed', { name: name }) : t('copyCode'));
    button.addEventListener('click', function () {
      copy(codeText(pre)).then(
        function () {
          button.textContent = t('copied');
          button.setAttribute('data-copied', '');
          announce(t('copiedAnnounce'));
          clearTimeout(timer);
          timer = setTimeout(function () {
            button.textContent = t('copy');
            button.removeAttribute('data-copied');
          }, 2000);
        },
        function () {
          announce(t('copyFailed'));
        },
      );
    });
    figure.appendChild(button);
  });

  // ---- 3. Tables wider than the column scroll: keyboard users must be able to focus them
  // (code blocks and display math get tabindex="0" from the build). A ResizeObserver reports
  // after the browser's layout: reading scrollWidth at startup would force a layout of the whole
  // page in this script's task (a long task: the post page lost its 100). It also reports tables
  // that content-visibility rendered late.
  function focusable(entries) {
    each(entries, function (entry) {
      var el = entry.target;
      if (el.scrollWidth > el.clientWidth + 1) el.setAttribute('tabindex', '0');
      else el.removeAttribute('tabindex');
    });
  }
  if (window.ResizeObserver) {
    var sizes = new ResizeObserver(focusable);
    each(doc.querySelectorAll('.prose table'), function (el) {
      sizes.observe(el);
    });
  }

  // ---- 4. Search (without scripts the header link leads to the search page).
  var trigger = doc.querySelector('[data-search-js]');
  var loading;
  function openSearch() {
    if (window.colophonSearch) return window.colophonSearch.open();
    if (loading) return;
    loading = doc.createElement('script');
    loading.src = trigger.getAttribute('data-search-js');
    loading.onload = openSearch;
    loading.onerror = function () {
      window.location.href = trigger.href;
    };
    doc.head.appendChild(loading);
  }
  if (trigger) {
    trigger.addEventListener('click', function (e) {
      if (e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      openSearch();
    });
    doc.addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      e.preventDefault();
      openSearch();
    });
  }

  // ---- 5. Embeds: embed.js plays a card (a link) in place.
  if (doc.querySelector('.embed-facade')) {
    var embed = doc.createElement('script');
    embed.src = doc.currentScript.src.replace(/site\.js$/, 'embed.js');
    doc.head.appendChild(embed);
  }

  // ---- 6. Table of contents.
  var toc = doc.querySelector('.post > .toc');
  if (!toc) return;
  var details = toc.querySelector('details');
  var wide = window.matchMedia('(min-width: 68rem)');
  // Beside the text the contents are always open (CSS does it where ::details-content exists).
  function syncOpen() {
    if (wide.matches) details.open = true;
  }
  syncOpen();
  wide.addEventListener('change', syncOpen);

  var byId = {};
  var headings = [];
  each(toc.querySelectorAll('a[href^="#"]'), function (a) {
    var id = decodeURIComponent(a.getAttribute('href').slice(1));
    var h = doc.getElementById(id);
    if (h) {
      byId[id] = a;
      headings.push(h);
    }
  });
  var active;
  function setActive(id) {
    if (active === id) return;
    if (active) byId[active].removeAttribute('aria-current');
    active = id;
    if (id) byId[id].setAttribute('aria-current', 'true');
  }
  // The section being read: the last heading above the upper third of the viewport.
  function update() {
    var limit = window.innerHeight / 3;
    var current = null;
    for (var i = 0; i < headings.length && headings[i].getBoundingClientRect().top <= limit; i++)
      current = headings[i].id;
    setActive(current);
  }
  var ticking = false;
  function onScroll() {
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(function () {
      ticking = false;
      update();
    });
  }
  window.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', onScroll);
  // After the first frame, for the same reason as in 3.
  requestAnimationFrame(onScroll);
})();
