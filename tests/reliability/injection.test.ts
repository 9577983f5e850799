/**
 * Promise 5, no injection. tests/fixtures/hostile/injection puts script tags, attribute breakers,
 * `</script>`, CDATA terminators and template syntax into every author-controlled string: site
 * title and author, post/series/topic/page titles and descriptions, topic names, cover alt, link
 * and image titles, alt text, code-fence titles and info strings. Every output HTML file is
 * parsed with a real HTML parser (hast-util-from-html) and must hold no script but the theme's
 * own (compared with a clean build), no `on*` attribute, no javascript:/vbscript:/data: URL; the
 * strings must survive intact as text: in <title>, meta tags, JSON-LD (parsed as JSON) and feeds
 * (parsed as XML / JSON). `javascript:`, `vbscript:` and `data:` URLs are rejected with a
 * position. Raw HTML follows the policy (allow / sanitize / escape), and sanitizing keeps
 * footnotes and code-block titles working.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  cleanupAll,
  copyProject,
  errorsOf,
  HOSTILE,
  listTree,
  makeProject,
  post,
  where,
  writeFiles,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);

/** The exact strings of the fixture (as YAML decodes them). */
const T = {
  site: 'Injection <script>alert("site")</script>',
  siteDescription: 'Site "><img src=x onerror=alert(1)> description',
  author: 'Mallory </script><script>alert(3)</script>',
  title:
    'T1 <script>alert(1)</script> "><img src=x onerror=alert(1)> </script><!-- ]]> {{ site.title }} &amp;',
  description:
    "D1 \"><img src=x onerror=alert(1)> ' onmouseover='alert(1) </script><script>alert(2)</script> \u2028 ]]>",
  title2: 'T2 </title><script>alert(2)</script>',
  series: 'S1 <script>alert(1)</script> "><img src=x onerror=alert(1)>',
  topic: 'TP1 <script>alert(1)</script> "><img src=x onerror=alert(1)>',
  page: 'P1 <script>alert(1)</script>',
};

type Policy = 'allow' | 'sanitize' | 'escape';

interface Built {
  project: Project;
  html: Map<string, string>;
  file(rel: string): Promise<string>;
}

async function buildInjection(policy: Policy): Promise<Built> {
  const project = await copyProject(path.join(HOSTILE, 'injection'));
  const cfg = path.join(project.root, 'colophon.config.ts');
  await writeFile(
    cfg,
    (await readFile(cfg, 'utf8')).replace("rawHtml: 'sanitize'", `rawHtml: '${policy}'`),
  );
  const r = await build(project.root);
  expect(errorsOf(r.diagnostics).map(where)).toEqual([]);
  expect(r.ok).toBe(true);
  return builtOf(project);
}

async function builtOf(project: Project): Promise<Built> {
  const html = new Map<string, string>();
  for (const rel of await listTree(project.out))
    if (rel.endsWith('.html')) html.set(rel, await readFile(path.join(project.out, rel), 'utf8'));
  return { project, html, file: (rel) => readFile(path.join(project.out, rel), 'utf8') };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Every element in document order, with its ancestors (elements only). */
function visitParents(
  tree: Root | Element,
  fn: (el: Element, ancestors: Element[]) => void,
  ancestors: Element[] = [],
): void {
  for (const child of tree.children as RootContent[]) {
    if (child.type !== 'element') continue;
    fn(child, ancestors);
    visitParents(child, fn, [...ancestors, child]);
    // <template> content lives in a separate fragment.
    if (child.tagName === 'template' && child.content)
      visitParents(child.content as unknown as Root, fn, [...ancestors, child]);
  }
}
const parse = (html: string): Root => fromHtml(html);

/** Browsers drop ASCII whitespace and control characters inside a URL's scheme. */
const dangerousUrl = (v: string) =>
  /^(javascript|vbscript|data):/i.test([...v].filter((c) => c.charCodeAt(0) > 0x20).join(''));
const URL_PROPS = [
  'href',
  'src',
  'action',
  'formAction',
  'poster',
  'cite',
  'background',
  'xLinkHref',
  'data',
  'codeBase',
  'manifest',
  'ping',
];

interface Finding {
  file: string;
  what: string;
  /** Inside the post body (`.prose`), where the raw HTML policy decides. */
  inBody: boolean;
}

/** Scripts (by src, or hash of inline text), on* attributes and dangerous URLs in one document. */
function scan(
  file: string,
  tree: Root,
  known: Set<string>,
): { findings: Finding[]; scripts: Set<string>; jsonLd: unknown[] } {
  const findings: Finding[] = [];
  const scripts = new Set<string>();
  const jsonLd: unknown[] = [];
  visitParents(tree, (el: Element, ancestors) => {
    const inBody = ancestors.some(
      (a) => Array.isArray(a.properties.className) && a.properties.className.includes('prose'),
    );
    if (el.tagName === 'script') {
      const text = toString(el);
      if (el.properties.type === 'application/ld+json') {
        try {
          jsonLd.push(JSON.parse(text));
        } catch (e) {
          findings.push({ file, what: `JSON-LD does not parse: ${(e as Error).message}`, inBody });
        }
      } else {
        const id =
          typeof el.properties.src === 'string'
            ? `src:${el.properties.src}`
            : `inline:${sha(text)}`;
        scripts.add(id);
        if (!known.has(id))
          findings.push({ file, what: `unknown <script> ${id} ${text.slice(0, 60)}`, inBody });
      }
    }
    for (const [prop, value] of Object.entries(el.properties)) {
      if (/^on/i.test(prop))
        findings.push({ file, what: `<${el.tagName} ${prop}=${String(value)}>`, inBody });
      if (URL_PROPS.includes(prop) && typeof value === 'string' && dangerousUrl(value))
        findings.push({ file, what: `<${el.tagName} ${prop}="${value}">`, inBody });
      if (
        prop === 'srcSet' &&
        String(value)
          .split(',')
          .some((s) => dangerousUrl(s.trim()))
      )
        findings.push({ file, what: `<${el.tagName} srcset="${String(value)}">`, inBody });
    }
    if (['iframe', 'object', 'embed', 'base', 'frame'].includes(el.tagName))
      findings.push({ file, what: `<${el.tagName}>`, inBody });
    if (
      el.tagName === 'meta' &&
      String(el.properties.httpEquiv ?? '').toLowerCase() === 'refresh' &&
      /url\s*=\s*(javascript|vbscript|data):/i.test(String(el.properties.content))
    ) {
      findings.push({
        file,
        what: `<meta http-equiv=refresh content="${String(el.properties.content)}">`,
        inBody,
      });
    }
  });
  return { findings, scripts, jsonLd };
}

const byText = (tree: Root, tag: string) => {
  const out: string[] = [];
  visitParents(tree, (el: Element) => {
    if (el.tagName === tag) out.push(toString(el));
  });
  return out;
};

const metaContent = (tree: Root, key: string) => {
  const out: string[] = [];
  visitParents(tree, (el: Element) => {
    if (el.tagName === 'meta' && (el.properties.name === key || el.properties.property === key))
      out.push(String(el.properties.content));
  });
  return out;
};

/** The theme's scripts: what a clean site with every page kind loads. */
let known: Set<string>;
const built = new Map<Policy, Built>();

beforeAll(async () => {
  const clean = await makeProject({
    'content/posts/a/index.md': post(
      {
        title: 'Clean',
        description: 'Plain',
        date: '2024-05-01',
        topics: ['topic'],
        series: 's',
        part: 1,
        cover: 'c.svg',
        coverAlt: 'alt',
      },
      'Text[^1].\n\n```js title="t"\nx\n```\n\n[^1]: Note.',
    ),
    'content/posts/a/c.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'content/posts/b.md': post({ title: 'Clean 2', date: '2024-05-02', series: 's', part: 2 }),
    'content/series/s.md': post({ title: 'Series', description: 'Plain' }),
    'content/topics/topic.md': post({ title: 'Topic', description: 'Plain' }),
    'content/pages/about.md': post({ title: 'About', description: 'Plain' }),
  });
  expect((await build(clean.root)).ok).toBe(true);
  known = new Set();
  for (const [rel, html] of (await builtOf(clean)).html)
    for (const s of scan(rel, parse(html), new Set()).scripts) known.add(s);
  for (const policy of ['allow', 'sanitize', 'escape'] as const)
    built.set(policy, await buildInjection(policy));
}, 120_000);

describe.each(['sanitize', 'escape', 'allow'] as const)('rawHtml: %s', (policy) => {
  it('no unknown script, no on* attribute, no javascript:/vbscript:/data: URL in any page', () => {
    const b = built.get(policy)!;
    expect(b.html.size).toBeGreaterThan(8);
    const findings = [...b.html].flatMap(([rel, html]) => scan(rel, parse(html), known).findings);
    // With rawHtml: allow the author's own raw HTML is trusted (the fixture's body has a raw
    // <script> and onerror): that, and only that, may remain, inside the post body.
    const allowed = policy === 'allow' ? findings.filter((f) => !f.inBody) : findings;
    expect(allowed.map((f) => `${f.file}: ${f.what}`)).toEqual([]);
    if (policy === 'allow')
      expect(findings.some((f) => f.what.includes('unknown <script>'))).toBe(true);
  });

  it('titles and descriptions survive as text in <title>, headings, meta tags and cards', () => {
    const b = built.get(policy)!;
    const postPage = parse(b.html.get('posts/hostile/index.html')!);
    expect(byText(postPage, 'title')).toEqual([`${T.title} · ${T.site}`]);
    expect(byText(postPage, 'h1')).toEqual([T.title]);
    expect(metaContent(postPage, 'description')).toEqual([
      T.description.replace('\u2028', '\u2028'),
    ]);
    expect(metaContent(postPage, 'og:title')).toEqual([T.title]);
    expect(metaContent(postPage, 'author')).toEqual([T.author]);
    const home = parse(b.html.get('index.html')!);
    const text = toString(home);
    expect(text).toContain(T.title);
    expect(text).toContain(T.title2);
    expect(toString(parse(b.html.get('series/hostile-series/index.html')!))).toContain(T.series);
    expect(toString(parse(b.html.get('topics/xss-topic/index.html')!))).toContain(T.topic);
    expect(byText(parse(b.html.get('about/index.html')!), 'h1')).toEqual([T.page]);
  });

  it('JSON-LD parses and carries the strings intact', () => {
    const b = built.get(policy)!;
    const { jsonLd } = scan('post', parse(b.html.get('posts/hostile/index.html')!), known);
    expect(jsonLd).toHaveLength(1);
    const ld = jsonLd[0] as Record<string, any>;
    expect(ld.headline).toBe(T.title);
    expect(ld.description).toBe(T.description);
    expect(ld.author.name).toBe(T.author);
    expect(ld.isPartOf.name).toBe(T.series);
    expect(ld.keywords).toContain(T.topic);
  });

  it('alt text, link and image titles, fence titles and info strings stay attribute values', () => {
    const b = built.get(policy)!;
    const tree = parse(b.html.get('posts/hostile/index.html')!);
    const attrs: string[] = [];
    visitParents(tree, (el: Element) => {
      for (const k of ['alt', 'title', 'dataLang'])
        if (typeof el.properties[k] === 'string')
          attrs.push(`${el.tagName}.${k}=${el.properties[k] as string}`);
    });
    expect(attrs).toContain('img.alt=alt "><img src=x onerror=alert(1)> <script>alert(1)</script>');
    expect(attrs).toContain('img.title=I1 "><script>alert(1)</script>');
    expect(attrs).toContain('a.title=L1 "><img src=x onerror=alert(1)> <script>alert(1)</script>');
    expect(attrs.some((a) => a.startsWith('figure.dataLang="><img'))).toBe(true);
  });
});

describe('feeds', () => {
  const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    isArray: (n) => ['item', 'entry', 'link', 'category'].includes(n),
    processEntities: true,
    htmlEntities: false,
  });
  const textOf = (v: unknown): string =>
    typeof v === 'string'
      ? v
      : typeof v === 'object' && v !== null && '#text' in v
        ? String((v as Record<string, unknown>)['#text'])
        : String(v);

  it('RSS parses and carries titles and descriptions as text', async () => {
    const doc = xml.parse(await built.get('sanitize')!.file('rss.xml'), true) as any;
    const items = doc.rss.channel.item as any[];
    expect(textOf(doc.rss.channel.title)).toBe(T.site);
    const titles = items.map((i) => textOf(i.title));
    expect(titles).toContain(T.title);
    expect(titles).toContain(T.title2);
  });

  it('JSON Feed parses and carries the strings intact; its HTML holds no script', async () => {
    const doc = JSON.parse(await built.get('sanitize')!.file('feed.json')) as {
      title: string;
      items: { title: string; summary?: string; content_html?: string }[];
    };
    expect(doc.title).toBe(T.site);
    expect(doc.items.map((i) => i.title)).toEqual(expect.arrayContaining([T.title, T.title2]));
    for (const item of doc.items) {
      const findings = scan(
        'feed.json',
        fromHtml(item.content_html ?? '', { fragment: true }),
        new Set(),
      ).findings;
      expect(findings.map((f) => f.what)).toEqual([]);
    }
  });

  // XML forbids "<" in an attribute value, and `feed` does not escape it: a topic named
  // `<script>` made atom.xml ill-formed for every strict reader.
  it('Atom category labels hold no "<" (the feed stays well-formed XML)', async () => {
    const doc = xml.parse(await built.get('sanitize')!.file('atom.xml'), true) as any;
    const labels: string[] = [];
    const terms: string[] = [];
    for (const entry of doc.feed.entry as any[]) {
      for (const c of (entry.category ?? []) as any[]) {
        if (c['@label'] !== undefined) labels.push(String(c['@label']));
        terms.push(String(c['@term']));
      }
    }
    expect(terms.length).toBeGreaterThan(0);
    expect(labels.filter((l) => l.includes('<'))).toEqual([]);
  });

  it('Atom parses; entry content holds no script', async () => {
    const doc = xml.parse(await built.get('sanitize')!.file('atom.xml'), true) as any;
    expect(textOf(doc.feed.title)).toBe(T.site);
    for (const entry of doc.feed.entry as any[]) {
      if (entry.content === undefined) continue;
      const findings = scan(
        'atom.xml',
        fromHtml(textOf(entry.content), { fragment: true }),
        new Set(),
      ).findings;
      expect(findings.map((f) => f.what)).toEqual([]);
    }
  });

  // An Atom <title type="html"> (and <summary type="html">) is HTML once XML-decoded, so a plain
  // text title must be HTML-escaped inside it, or a reader renders
  // `T2 </title><script>alert(2)</script>` as markup and runs the script.
  it('Atom titles and summaries typed "html" are HTML whose text is the plain string', async () => {
    const doc = xml.parse(await built.get('sanitize')!.file('atom.xml'), true) as any;
    const checked: string[] = [];
    for (const entry of doc.feed.entry as any[]) {
      for (const key of ['title', 'summary']) {
        const node = entry[key];
        if (node === undefined) continue;
        const text = textOf(node);
        if (node['@type'] !== 'html') continue;
        const tree = fromHtml(text, { fragment: true });
        expect(
          tree.children.every((c) => c.type === 'text'),
          `${key} "${text}" is markup in an HTML-typed element`,
        ).toBe(true);
        checked.push(toString(tree));
      }
    }
    expect(checked).toEqual(expect.arrayContaining([T.title, T.title2, T.description]));
  });
});

describe('raw HTML policy', () => {
  it('escape: the raw <script> and <img onerror> are shown as text', async () => {
    const html = built.get('escape')!.html.get('posts/hostile/index.html')!;
    const prose = toString(parse(html));
    expect(prose).toContain('<script>alert("raw")</script>');
    expect(prose).toContain('<img src="x" onerror="alert(1)">');
  });

  it('sanitize: raw script and handlers removed, footnotes and code-block titles still work', () => {
    const html = built.get('sanitize')!.html.get('posts/hostile/index.html')!;
    const tree = parse(html);
    const ids = new Set<string>();
    const fragments: string[] = [];
    visitParents(tree, (el: Element) => {
      if (typeof el.properties.id === 'string') ids.add(el.properties.id);
      if (
        el.tagName === 'a' &&
        typeof el.properties.href === 'string' &&
        el.properties.href.startsWith('#')
      )
        fragments.push(el.properties.href.slice(1));
    });
    // The footnote reference and its back link point at ids that exist.
    const footnoteLinks = fragments.filter((f) => f.includes('fn'));
    expect(footnoteLinks.length).toBeGreaterThanOrEqual(2);
    for (const f of footnoteLinks) expect(ids, `#${f}`).toContain(f);
    // The first fence's title is shown (its hostile part may be cut, but never as markup).
    expect(byText(tree, 'figcaption').some((t) => t.startsWith('F1'))).toBe(true);
    expect(html).not.toContain('alert("raw")');
  });
});

describe('unsafe URL schemes are rejected with a position', () => {
  // One per paragraph, in a body that starts on line 6 (four front-matter lines and a blank one).
  const links = [
    '[a](javascript:alert(1))',
    '[b](JaVaScRiPt:alert(1))',
    '[c](java&#x09;script:alert(1))',
    '[d](  vbscript:msgbox(1))',
    '[e](data:text/html,<script>alert(1)</script>)',
    '![f](data:image/svg+xml;base64,PHN2Zz4=)',
    '<javascript:alert(1)>',
    '[g](<javascript:alert(1)>)',
    '[h][ref]',
  ];
  const body = `${links.join('\n\n')}\n\n[ref]: javascript:alert(1)\n`;
  // Links are 2 lines apart; the reference `[h][ref]` is reported where `[ref]:` defines its URL.
  const expected = [...links.slice(0, -1).map((_, i) => 6 + 2 * i), 6 + 2 * links.length];

  it.each(['allow', 'sanitize', 'escape'] as const)('rawHtml: %s', async (policy) => {
    const p = await makeProject(
      { 'content/posts/u.md': post({ title: 'U', date: '2024-01-01' }, body) },
      { markdown: { rawHtml: policy } },
    );
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    const errors = errorsOf(r.diagnostics);
    expect(
      errors.every((d) => d.rule === 'markdown/unsafe-url'),
      JSON.stringify(errors),
    ).toBe(true);
    expect([...new Set(errors.map((d) => d.span!.line))].sort((a, b) => a - b)).toEqual(expected);
    for (const d of errors) expect(d.span!.column).toBeGreaterThanOrEqual(1);
  });

  it('raw HTML URLs (sanitize): href, src, action, formaction, xlink:href', async () => {
    const raw = [
      '<a href=" javascript:alert(1)">a</a>',
      '<img src="data:image/png;base64,AAAA">',
      '<form action="javascript:alert(1)"><button formaction="vbscript:x">b</button></form>',
      '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    ];
    const p = await makeProject(
      { 'content/posts/u.md': post({ title: 'U', date: '2024-01-01' }, raw.join('\n\n')) },
      { markdown: { rawHtml: 'sanitize' } },
    );
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    const errors = errorsOf(r.diagnostics);
    expect(rulesOfErrors(errors)).toEqual(['markdown/unsafe-url']);
    expect([...new Set(errors.map((d) => d.span!.line))]).toEqual([6, 8, 10, 12]);
  });

  it('front matter: cover and image with javascript:, vbscript: or data: fail at the key', async () => {
    const p = await makeProject({
      'content/posts/a.md': post({
        title: 'A',
        date: '2024-01-01',
        cover: 'javascript:alert(1)',
        image: ' data:image/svg+xml,<svg onload=alert(1)>',
      }),
      'content/series/s.md': post({ title: 'S', cover: 'VBScript:x' }),
      'content/topics/t.md': post({ title: 'T', image: 'java\tscript:alert(1)' }),
    });
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    expect(errorsOf(r.diagnostics).map(where)).toEqual([
      'front-matter/invalid-value content/posts/a.md:4:8',
      'front-matter/invalid-value content/posts/a.md:5:8',
      'front-matter/invalid-value content/series/s.md:3:8',
      'front-matter/invalid-value content/topics/t.md:3:8',
    ]);
  });

  // The config's menu and author URLs land in every page's navigation and feed: the author
  // controls the config, but the promise says javascript:/vbscript:/data: URLs are rejected.
  it.each([
    ['menu[0].url', { menu: [{ label: 'x', url: 'javascript:alert(1)' }] }],
    ['author.url', { author: { name: 'A', url: 'javascript:alert(1)' } }],
    ['menu[0].url (vbscript:, spaced)', { menu: [{ label: 'x', url: ' VB\tScript:x' }] }],
    ['author.url (data:)', { author: { name: 'A', url: 'data:text/html,<script>x</script>' } }],
  ])('config %s: an unsafe scheme is refused at the key', async (_key, config) => {
    const p = await makeProject(
      { 'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }) },
      config,
    );
    const r = await build(p.root);
    expect(r.ok).toBe(false);
    const errors = errorsOf(r.diagnostics);
    expect(errors.map((d) => d.rule)).toEqual(['config/invalid-value']);
    expect(errors[0]!.span?.file).toBe('colophon.config.ts');
    expect(errors[0]!.span?.line).toBeGreaterThan(1);
  });

  it('config menu and author URLs that are paths, http(s) or mailto: are accepted', async () => {
    const p = await makeProject(
      { 'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }) },
      {
        menu: [
          { label: 'About', url: '/about/' },
          { label: 'Code', url: 'https://code.example/' },
          { label: 'Mail', url: 'mailto:a@example.com' },
        ],
        author: { name: 'A', url: 'https://a.example/' },
      },
    );
    expect(errorsOf((await build(p.root)).diagnostics)).toEqual([]);
  });

  it('the scanner is not vacuous: it finds a planted javascript: link, handler and script', async () => {
    // Guard against a vacuous scan: the checker does find a planted javascript: link.
    const p = await makeProject({ 'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }) });
    expect((await build(p.root)).ok).toBe(true);
    await writeFiles(p.out, {
      'planted.html':
        '<!doctype html><title>x</title><a href=" java\tscript:alert(1)">x</a><img src=x onerror=alert(1)><script>alert(1)</script>',
    });
    const html = await readFile(path.join(p.out, 'planted.html'), 'utf8');
    expect(scan('planted.html', parse(html), known).findings.map((f) => f.what)).toEqual([
      expect.stringContaining('<a href='),
      expect.stringContaining('onError'),
      expect.stringContaining('unknown <script>'),
    ]);
  });
});

const rulesOfErrors = (list: { rule: string }[]) => [...new Set(list.map((d) => d.rule))].sort();
