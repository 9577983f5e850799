// Colophon default theme: embeds (loaded by site.js on pages with an embed).
// The card links to the video or post and works without this; a plain click swaps it for the
// player, on the provider's privacy-enhanced domain. A gist writes itself into the page that loads
// its script, so it gets a sandboxed page of its own.
(function () {
  'use strict';
  var doc = document;
  doc.addEventListener('click', function (e) {
    var card = e.target.closest && e.target.closest('.embed-facade');
    if (!card || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var src = card.getAttribute('data-embed-src');
    var script = card.getAttribute('data-embed-script');
    if (!src && !script) return;
    e.preventDefault();
    var frame = doc.createElement('iframe');
    frame.title = card.getAttribute('data-embed-title') || card.textContent;
    if (script) {
      frame.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
      frame.srcdoc =
        '<base target="_blank"><script src="' + script.replace(/[<"&]/g, '') + '"></scr' + 'ipt>';
    } else {
      frame.src = src;
      frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
      frame.allowFullscreen = true;
    }
    card.replaceWith(frame);
    frame.focus();
  });
})();
