/**
 * `npm run lighthouse`: Lighthouse (performance, accessibility, best practices, SEO) on the
 * sample blog's home page, a long post with code and math, a post with diagrams, a series page, a
 * topic page, an author page and the authors index, the archive and a standalone page, with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Nothing is
 * downloaded.
 *
 * The site is built like the browser tests build it and served from 127.0.0.1 with precompressed
 * gzip/brotli files, as static hosts serve it. Lighthouse's default mobile emulation and simulated
 * throttling (slow 4G, 4x CPU). Reports go to artifacts/lighthouse/ (git-ignored).
 *
 *   npm run lighthouse                  # prints the scores
 *   npm run lighthouse -- --min 100     # exits 1 when a score is below 100
 *   npm run lighthouse -- --desktop     # desktop emulation instead
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { REPO, buildSample, precompress, serve } from './sample-site.js';

const PAGES: [string, string][] = [
  ['home', '/'],
  ['post', '/posts/storage-engine-memtable/'],
  ['post-diagrams', '/posts/deadlock-detection/'],
  // A responsive figure and a YouTube embed (a facade: nothing from YouTube until clicked).
  ['post-embed', '/posts/latency-percentiles/'],
  ['series', '/series/storage-engine/'],
  ['topic', '/topics/databases/'],
  ['author', '/authors/maren-holt/'],
  ['authors', '/authors/'],
  ['archive', '/archive/'],
  ['page', '/about/'],
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const args = process.argv.slice(2);
const minIndex = args.indexOf('--min');
const min = minIndex >= 0 ? Number(args[minIndex + 1]) : undefined;
const desktop = args.includes('--desktop');
const OUT = path.join(REPO, 'artifacts/lighthouse');

const site = await buildSample();
await precompress(site.outDir);
const server = await serve(site.outDir, { compressed: true });
const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const rows: string[][] = [];
let failed = false;
try {
  await mkdir(OUT, { recursive: true });
  for (const [name, p] of PAGES) {
    const result = await lighthouse(
      server.url + p,
      { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: CATEGORIES },
      desktop ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${p}`);
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${p}: ${lhr.runtimeError.message}`);
    await writeFile(
      path.join(OUT, `${name}${desktop ? '-desktop' : ''}.html`),
      result.report as string,
    );
    const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    if (min !== undefined && scores.some((s) => s < min)) failed = true;
    // What keeps a category below 100: weighted audits that did not pass.
    const misses: string[] = [];
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 1) {
          misses.push(`${ref.id} ${a.displayValue ?? a.score}`);
        }
      }
    }
    rows.push([name, p, ...scores.map(String), misses.join('; ')]);
  }
} finally {
  chrome.kill();
  await server.close();
  await site.remove();
}

const header = ['page', 'url', 'perf', 'a11y', 'best', 'seo', 'below 1 (weighted audits)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
for (const r of [header, ...rows]) {
  console.log(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  '));
}
console.log(
  `\nReports: ${path.relative(process.cwd(), OUT)}/ (${desktop ? 'desktop' : 'mobile'} emulation)`,
);
if (failed) {
  console.error(`A score is below ${min}.`);
  process.exit(1);
}
