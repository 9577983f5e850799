import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { error, warning, type Diagnostic } from '../diagnostics/index.js';
import { parseDataFile } from './data-files.js';
import { scanHtml, type PageScan } from './scan.js';

export interface VerifyOptions {
  /** The built output folder. */
  dir: string;
  baseUrl: string;
  basePath: string;
  /** Prefix for file names in diagnostics (e.g. `dist/`). */
  label: string;
}

export interface VerifyResult {
  diagnostics: Diagnostic[];
  pages: number;
  links: number;
  external: Set<string>;
}

/**
 * Check a built site from the outside, as a reader's browser and a feed reader would see it:
 * every internal link, image and fragment resolves; HTML parses without errors; every XML and JSON
 * file parses; every feed item points at a page that exists.
 */
export async function verifyOutput(o: VerifyOptions): Promise<VerifyResult> {
  const files = await listFiles(o.dir);
  const fileSet = new Set(files);
  const scans = new Map<string, PageScan>();
  const diagnostics: Diagnostic[] = [];
  const external = new Set<string>();
  const at = (file: string, line = 1, column = 1) => ({ file: o.label + file, line, column });
  for (const f of files.filter((x) => x.endsWith('.html'))) {
    const s = scanHtml(await readFile(path.join(o.dir, f), 'utf8'));
    scans.set(f, s);
    for (const e of s.errors)
      diagnostics.push(
        error(
          'check/html-error',
          `HTML parse error: ${e.message}. Fix the template or raw HTML that produces it.`,
          at(f, e.line, e.column),
        ),
      );
  }
  let links = 0;
  const resolveUrl = (
    url: string,
    from: string,
  ): { file: string | null; fragment: string } | 'external' | 'skip' => {
    if (/^(mailto|tel|data|javascript):/i.test(url)) return 'skip';
    let u: URL;
    try {
      u = new URL(url, new URL(from.replace(/(^|\/)index\.html$/, '$1'), o.baseUrl));
    } catch {
      return { file: null, fragment: '' };
    }
    const base = new URL(o.baseUrl);
    if (u.origin !== base.origin || !u.pathname.startsWith(o.basePath))
      return /^https?:$/.test(u.protocol) ? 'external' : 'skip';
    // A malformed %-escape in a built page (from a template or raw HTML) threw a URIError that
    // crashed the whole check: it is a link no file can match, and a fragment matched as written.
    let rel = decode(u.pathname.slice(o.basePath.length));
    if (rel === null) return { file: null, fragment: '' };
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = fileSet.has(rel)
      ? rel
      : fileSet.has(`${rel}/index.html`)
        ? `${rel}/index.html`
        : null;
    return { file, fragment: decode(u.hash.slice(1)) ?? u.hash.slice(1) };
  };
  for (const [f, s] of scans) {
    for (const ref of s.refs) {
      const r = resolveUrl(ref.url, f);
      if (r === 'skip') continue;
      if (r === 'external') {
        external.add(ref.url);
        continue;
      }
      links++;
      if (!r.file) {
        diagnostics.push(
          error(
            'check/broken-link',
            `${ref.url} does not resolve to any file of the built site.`,
            at(f, ref.line, ref.column),
          ),
        );
        continue;
      }
      if (r.fragment && r.file.endsWith('.html')) {
        const target = scans.get(r.file);
        if (target && !target.ids.has(r.fragment)) {
          diagnostics.push(
            error(
              'check/broken-fragment',
              `${ref.url}: #${r.fragment} is not an id in ${r.file}.`,
              at(f, ref.line, ref.column),
            ),
          );
        }
      }
    }
  }
  for (const f of files) {
    if (!/\.(xml|json)$/.test(f)) continue;
    const parsed = parseDataFile(f, await readFile(path.join(o.dir, f), 'utf8'), at);
    if ('diagnostic' in parsed) {
      diagnostics.push(parsed.diagnostic);
      continue;
    }
    for (const link of parsed.feedLinks ?? []) {
      const r = resolveUrl(link, '');
      if (r === 'skip' || r === 'external' || !r.file)
        diagnostics.push(
          error(
            'check/feed-item',
            `Feed item ${link} does not point to a page of this site.`,
            at(f),
          ),
        );
    }
  }
  if (!fileSet.has('index.html'))
    diagnostics.push(warning('check/no-index', 'The site has no index.html.'));
  return { diagnostics, pages: scans.size, links, external };
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}
