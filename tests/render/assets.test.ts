import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const read = (rel: string) => readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8');
/** Bytes as a static host sends the file: gzip at level 9 (the budgets are compressed sizes). */
const size = (rel: string) =>
  gzipSync(readFileSync(new URL(`../../${rel}`, import.meta.url)), { level: 9 }).length;

describe('theme assets', () => {
  test('budgets: ≤ 15 KB of JavaScript, ≤ 30 KB of CSS (gzipped, KaTeX excluded)', () => {
    expect(size('public/js/site.js')).toBeLessThanOrEqual(15 * 1024);
    expect(size('public/css/site.css')).toBeLessThanOrEqual(30 * 1024);
  });

  test('a page loads ≤ 15 KB of script: site.js, with search.js or embed.js where it needs one', () => {
    const site = size('public/js/site.js');
    expect(site + size('public/js/search.js')).toBeLessThanOrEqual(15 * 1024);
    expect(site + size('public/js/embed.js')).toBeLessThanOrEqual(15 * 1024);
  });

  test('nothing is loaded from another host', () => {
    const css = read('public/css/site.css');
    expect(css).not.toMatch(/@import/);
    for (const url of css.match(/url\([^)]*\)/g) ?? [])
      expect(url).toMatch(/^url\("data:image\/svg\+xml,/);
    expect(read('public/js/site.js')).not.toMatch(/https?:\/\//);
    expect(read('public/js/embed.js')).not.toMatch(/https?:\/\//);
  });

  test('site.js and embed.js are plain scripts that parse', () => {
    for (const name of ['site.js', 'embed.js'])
      expect(() => new Script(read(`public/js/${name}`), { filename: name })).not.toThrow();
  });

  test('favicon is an SVG', () => {
    expect(read('public/favicon.svg')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe('vendored KaTeX', () => {
  /** katex.min.css from the installed katex, reduced to its woff2 sources. */
  const expectedCss = () =>
    readFileSync(new URL('../../node_modules/katex/dist/katex.min.css', import.meta.url), 'utf8')
      .replace(/,url\(fonts\/[^)]+\.woff\) format\("woff"\)/g, '')
      .replace(/,url\(fonts\/[^)]+\.ttf\) format\("truetype"\)/g, '');

  test('public/vendor/katex/katex.min.css matches the installed katex (woff2 only)', () => {
    // After a katex upgrade: copy node_modules/katex/dist/fonts/*.woff2 and write expectedCss().
    expect(read('public/vendor/katex/katex.min.css')).toBe(expectedCss());
  });

  test('every font the CSS references is there, relative, and only woff2 fonts are shipped', () => {
    const css = read('public/vendor/katex/katex.min.css');
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) {
      expect(u).toMatch(/^fonts\/KaTeX_[\w-]+\.woff2$/);
      expect(existsSync(new URL(`../../public/vendor/katex/${u}`, import.meta.url))).toBe(true);
    }
    const files = readdirSync(new URL('../../public/vendor/katex/fonts/', import.meta.url));
    expect(files.every((f) => f.endsWith('.woff2'))).toBe(true);
    expect(new Set(files)).toEqual(new Set(urls.map((u) => u.slice('fonts/'.length))));
  });
});

describe('colour contrast (WCAG AA) in both schemes', () => {
  const css = read('public/css/site.css');
  const tokens: Record<string, [string, string]> = {};
  for (const m of css.matchAll(/(--[\w-]+): light-dark\((#[0-9a-f]{3,6}), (#[0-9a-f]{3,6})\);/g)) {
    tokens[m[1]!] = [m[2]!, m[3]!];
  }
  const alias: Record<string, string> = {};
  for (const m of css.matchAll(/(--[\w-]+): var\((--[\w-]+)\);/g)) alias[m[1]!] = m[2]!;
  const color = (name: string, scheme: 0 | 1): string => {
    const t = tokens[name] ?? (alias[name] ? tokens[alias[name]!] : undefined);
    if (!t) throw new Error(`no token ${name}`);
    return t[scheme];
  };
  const rgb = (hex: string) => {
    const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  };
  const lum = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const ratio = (a: number[], b: number[]) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  const mix = (a: number[], pct: number, b: number[]) =>
    a.map((v, i) => v * pct + b[i]! * (1 - pct));

  const pairs: [string, string][] = [];
  for (const fg of ['--text', '--text-2', '--muted', '--accent', '--accent-hover']) {
    for (const bg of ['--bg', '--surface', '--surface-2']) pairs.push([fg, bg]);
  }
  pairs.push(
    ['--accent', '--accent-soft'],
    ['--on-accent', '--accent'],
    ['--ok', '--ok-soft'],
    ['--danger', '--danger-soft'],
    ['--text', '--warn-soft'],
    ['--text', '--mark'],
    ['--text', '--code-inline'],
  );

  test.each([0, 1] as const)(
    'scheme %i (0 = light, 1 = dark): text and controls ≥ 4.5:1',
    (scheme) => {
      for (const [fg, bg] of pairs) {
        const r = ratio(rgb(color(fg, scheme)), rgb(color(bg, scheme)));
        expect(r, `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
      // Callout titles on their tinted background (7% of the colour over the page).
      for (const kind of ['note', 'tip', 'important', 'warning', 'caution']) {
        const c = rgb(color(`--c-${kind}`, scheme));
        const bg = mix(c, 0.07, rgb(color('--bg', scheme)));
        expect(ratio(c, bg), `callout ${kind}`).toBeGreaterThanOrEqual(4.5);
        expect(
          ratio(rgb(color('--text', scheme)), bg),
          `callout ${kind} body`,
        ).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});
