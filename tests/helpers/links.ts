import { idsIn, urlsIn } from './html.js';

/**
 * Check every internal URL in every HTML file of an output tree: it must carry the base path,
 * resolve to an output file, and its #fragment must be an id in the target page. Absolute URLs
 * under baseUrl count as internal; other schemes and hosts are skipped. Returns one line per
 * problem (empty when all links resolve), naming the page, the element and the URL.
 */
export function brokenLinks(files: ReadonlyMap<string, string>, baseUrl: string): string[] {
  const base = new URL(baseUrl);
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) ids.set(file, (set = idsIn(files.get(file) ?? '')));
    return set;
  };
  for (const [file, html] of files) {
    if (!file.endsWith('.html')) continue;
    const pageUrl = new URL(file.replace(/(^|\/)index\.html$/, '$1'), base);
    for (const ref of urlsIn(html)) {
      const where = `${file}: <${ref.tag} ${ref.attr}="${ref.url}">`;
      let target: URL;
      try {
        target = new URL(ref.url, pageUrl);
      } catch {
        problems.push(`${where} is not a valid URL`);
        continue;
      }
      if (target.origin !== base.origin || !/^https?:$/.test(target.protocol)) continue;
      if (ref.url.startsWith('/') && !ref.url.startsWith(base.pathname)) {
        problems.push(`${where} lacks the base path ${base.pathname}`);
        continue;
      }
      if (!target.pathname.startsWith(base.pathname)) {
        problems.push(`${where} points outside the site (${target.pathname})`);
        continue;
      }
      let rel = decodeURIComponent(target.pathname.slice(base.pathname.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      if (!files.has(rel)) {
        problems.push(`${where} resolves to ${rel}, which is not in the output`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment && rel.endsWith('.html') && !idsOf(rel).has(fragment)) {
        problems.push(`${where}: ${rel} has no element with id "${fragment}"`);
      }
    }
  }
  return problems;
}
