// Colophon default theme: progressive enhancements only. Every page works without this file.
// 1. theme toggle (the inline script in <head> applies a stored choice before first paint)
// 2. copy buttons on code blocks
// 3. scrollable math and tables become focusable
// 4. table of contents: highlight the section being read; keep it open beside the text
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var KEY = 'colophon-theme';

  // ---- 1. Theme toggle -------------------------------------------------------------------
  // The button flips what is shown. A choice equal to the system preference is forgotten, so
  // the page follows the system again from then on.
  var dark = window.matchMedia('(prefers-color-scheme: dark)');
  var toggle = doc.querySelector('.theme-toggle');
  function shown() {
    return root.getAttribute('data-theme') || (dark.matches ? 'dark' : 'light');
  }
  function syncToggle() {
    if (!toggle) return;
    var isDark = shown() === 'dark';
    toggle.setAttribute('aria-pressed', String(isDark));
    toggle.title = isDark ? 'Switch to light theme' : 'Switch to dark theme';
  }
  function store(value) {
    try {
      if (value) localStorage.setItem(KEY, value);
      else localStorage.removeItem(KEY);
    } catch (e) {
      /* private mode: the choice lasts for this page only */
    }
  }
  if (toggle) {
    toggle.addEventListener('click', function () {
      var next = shown() === 'dark' ? 'light' : 'dark';
      var system = dark.matches ? 'dark' : 'light';
      if (next === system) {
        root.removeAttribute('data-theme');
        store(null);
      } else {
        root.setAttribute('data-theme', next);
        store(next);
      }
      syncToggle();
    });
    if (dark.addEventListener) dark.addEventListener('change', syncToggle);
    syncToggle();
  }
  // Another tab changed the theme.
  window.addEventListener('storage', function (e) {
    if (e.key !== KEY) return;
    if (e.newValue === 'light' || e.newValue === 'dark')
      root.setAttribute('data-theme', e.newValue);
    else root.removeAttribute('data-theme');
    syncToggle();
  });

  // ---- 2. Copy buttons ---------------------------------------------------------------------
  // Copies the code as shown, minus the gutter: line numbers and diff markers are CSS-generated
  // and never part of the text; lines removed in a diff (.diff.remove) are left out, so what
  // lands on the clipboard is the code "after" the change.
  var blocks = doc.querySelectorAll('figure.code-block');
  var status;
  function announce(text) {
    if (!status) {
      status = doc.createElement('div');
      status.className = 'sr-only';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      doc.body.appendChild(status);
    }
    status.textContent = '';
    setTimeout(function () {
      status.textContent = text;
    }, 50);
  }
  function codeText(pre) {
    var lines = pre.querySelectorAll('.line');
    if (!lines.length) return pre.textContent || '';
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      if (lines[i].classList.contains('remove') && lines[i].classList.contains('diff')) continue;
      out.push(lines[i].textContent);
    }
    return out.join('\n');
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = doc.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = doc.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      doc.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error('copy failed'));
    });
  }
  Array.prototype.forEach.call(blocks, function (figure) {
    var pre = figure.querySelector('pre');
    if (!pre) return;
    var title = figure.querySelector('.code-title');
    var name = title ? title.textContent : figure.getAttribute('data-lang') || '';
    var button = doc.createElement('button');
    var timer;
    button.type = 'button';
    button.className = 'copy-code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', name ? 'Copy code: ' + name : 'Copy code');
    button.addEventListener('click', function () {
      copy(codeText(pre)).then(
        function () {
          button.textContent = 'Copied';
          button.setAttribute('data-copied', '');
          announce('Code copied to the clipboard');
          clearTimeout(timer);
          timer = setTimeout(function () {
            button.textContent = 'Copy';
            button.removeAttribute('data-copied');
          }, 2000);
        },
        function () {
          announce('Copying failed; select the code and copy it by hand');
        },
      );
    });
    figure.appendChild(button);
  });

  // ---- 3. Scrollable regions ---------------------------------------------------------------
  // Display math and tables scroll sideways when wider than the column; keyboard users need to
  // be able to focus them to scroll (code blocks already carry tabindex="0").
  function focusable() {
    var regions = doc.querySelectorAll('.katex-display, .prose table');
    for (var i = 0; i < regions.length; i++) {
      var el = regions[i];
      if (el.scrollWidth > el.clientWidth + 1) el.setAttribute('tabindex', '0');
      else if (el.getAttribute('tabindex') === '0') el.removeAttribute('tabindex');
    }
  }
  focusable();
  var resizing;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(focusable, 150);
  });

  // ---- 4. Table of contents ----------------------------------------------------------------
  var toc = doc.querySelector('.post > .toc');
  if (!toc) return;
  var details = toc.querySelector('details');
  var wide = window.matchMedia('(min-width: 80rem)');
  // Beside the text the contents are always open (CSS does it where ::details-content exists).
  function syncOpen() {
    if (details && wide.matches) details.open = true;
  }
  syncOpen();
  if (wide.addEventListener) wide.addEventListener('change', syncOpen);

  var links = toc.querySelectorAll('a[href^="#"]');
  var byId = {};
  var headings = [];
  Array.prototype.forEach.call(links, function (a) {
    var id = decodeURIComponent(a.getAttribute('href').slice(1));
    var h = doc.getElementById(id);
    if (h) {
      byId[id] = a;
      headings.push(h);
    }
  });
  if (!headings.length) return;
  var active;
  function setActive(id) {
    if (active === id) return;
    if (active && byId[active]) byId[active].classList.remove('is-active');
    active = id;
    if (id && byId[id]) byId[id].classList.add('is-active');
  }
  // The active section is the last heading above the upper third of the viewport.
  function update() {
    var limit = window.innerHeight * 0.33;
    var current = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= limit) current = headings[i].id;
      else break;
    }
    setActive(current);
  }
  var ticking = false;
  window.addEventListener(
    'scroll',
    function () {
      if (ticking) return;
      ticking = true;
      requestAnimationFrame(function () {
        ticking = false;
        update();
      });
    },
    { passive: true },
  );
  window.addEventListener('resize', update);
  update();
})();
