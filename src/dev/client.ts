/**
 * The browser side of live reload, served at /__colophon/client.js and injected into HTML at
 * response time only (built pages never contain it). Listens for server-sent events:
 * `reload` (with the changed URLs), `css` (swap stylesheets in place), `error` (show the
 * overlay) and `ok` (hide it).
 *
 * A page reloads when its own URL changed (the server tags the script with the URL of the file it
 * served, so a 404 page knows it is /404.html) or when a file it loaded changed (an image, a
 * script). A feed or another page changing does not reload it. `window.__colophonLive` is "open"
 * while connected (tests wait for it).
 */
export const CLIENT_JS = `
const tag = document.querySelector('script[data-colophon-page]');
const here = tag ? tag.dataset.colophonPage : decodeURI(location.pathname).replace(/index\\.html$/, '');
const loaded = () => new Set(performance.getEntriesByType('resource').map((e) => { try { return decodeURI(new URL(e.name).pathname); } catch { return ''; } }));
let overlay = null;
function showOverlay(items) {
  hideOverlay();
  overlay = document.createElement('colophon-error-overlay');
  const root = overlay.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = ':host{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;overflow:auto;padding:2rem}h2{color:#fca5a5;font:600 1.1rem system-ui,sans-serif;margin:0 0 1rem}pre{white-space:pre-wrap;background:#18181b;border-left:4px solid #f87171;padding:1rem;margin:0 0 1rem}p{font-family:system-ui,sans-serif;color:#a1a1aa}';
  const h = document.createElement('h2');
  h.textContent = 'Build failed — the last good version is still being served';
  root.append(style, h);
  for (const text of items) {
    const pre = document.createElement('pre');
    pre.textContent = text;
    root.append(pre);
  }
  const p = document.createElement('p');
  p.textContent = 'Fix the file and save: this overlay disappears on the next successful build.';
  root.append(p);
  document.documentElement.append(overlay);
}
function hideOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
const es = new EventSource('/__colophon/events');
es.addEventListener('open', () => { window.__colophonLive = 'open'; });
es.addEventListener('reload', (e) => {
  const { urls } = JSON.parse(e.data);
  const used = loaded();
  const mine = (u) => { try { const d = decodeURI(u); return d === here || used.has(d); } catch { return false; } };
  if (urls.includes('*') || urls.some(mine)) location.reload();
});
es.addEventListener('css', () => {
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    const u = new URL(link.href);
    u.searchParams.set('t', String(Date.now()));
    link.href = u.href;
  }
});
es.addEventListener('error', (e) => {
  if (e.data) showOverlay(JSON.parse(e.data).messages);
  else window.__colophonLive = 'closed';
});
es.addEventListener('ok', hideOverlay);
`;
