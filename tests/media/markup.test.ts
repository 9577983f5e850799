import { beforeAll, describe, expect, test } from 'vitest';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  type ImageInfo,
  type IncludeResult,
  type LinkResolution,
  type MarkdownRenderer,
  type RenderContext,
} from '../../src/markdown/index.js';

/**
 * The markdown stage's half of media, with a hand-made RenderContext standing in for the build:
 * `<picture>` markup from LinkResolution.image, and code fences filled by readInclude.
 */

const SIZES = '(min-width: 48rem) 42rem, 100vw';
const PHOTO: ImageInfo = {
  width: 800,
  height: 400,
  sizes: SIZES,
  sources: [
    { type: 'image/avif', srcset: '/_img/p-480-a.avif 480w, /_img/p-800-b.avif 800w' },
    { type: 'image/webp', srcset: '/_img/p-480-c.webp 480w, /_img/p-800-d.webp 800w' },
  ],
  fallback: { src: '/_img/p-800-f.png', srcset: '/_img/p-480-e.png 480w, /_img/p-800-f.png 800w' },
};
const DIAGRAM: ImageInfo = { width: 320, height: 120, sizes: SIZES, sources: [] };

const FILES: Record<string, string> = {
  './lib.rs': [
    'use std::io;', //
    '',
    'impl Log {',
    '    // #region append',
    '    pub fn append(&mut self) {',
    '        self.n += 1;',
    '    }',
    '    // #endregion append',
    '}',
    '',
  ].join('\n'),
  'tools/run.sh': '#!/bin/sh\r\n# #region main\r\necho hi\r\n# #endregion\r\n',
};

function context(bodyLine = 1, withIncludes = true): RenderContext {
  const resolveImage = (src: string): LinkResolution => {
    if (src === './photo.png') return { kind: 'rewrite', href: '/posts/a/photo.png', image: PHOTO };
    if (src === 'diagram.svg')
      return { kind: 'rewrite', href: '/posts/a/diagram.svg', image: DIAGRAM };
    if (src === 'plain.png') return { kind: 'rewrite', href: '/posts/a/plain.png' };
    return { kind: 'keep' };
  };
  const readInclude = (path: string): IncludeResult => {
    const text = FILES[path];
    if (text !== undefined)
      return {
        kind: 'ok',
        file: path.startsWith('./') ? `content/posts/a/${path.slice(2)}` : `snippets/${path}`,
        text,
      };
    return { kind: 'error', rule: 'include/missing-file', message: `${path} does not exist.` };
  };
  return {
    file: 'content/posts/a/index.md',
    bodyLine,
    resolveLink: () => ({ kind: 'keep' }),
    resolveImage,
    ...(withIncludes ? { readInclude } : {}),
  };
}

let md: MarkdownRenderer;
beforeAll(async () => {
  md = await createMarkdownRenderer({ ...defaultMarkdownOptions });
});

describe('images: <picture> from the resolution', () => {
  test('exact markup; the first image is eager with high priority, later ones lazy and async', async () => {
    const out = await md.render(
      '![First & best](./photo.png "A title")\n\n![Again](./photo.png)\n',
      context(),
    );
    const source = (t: string, s: string) => `<source type="${t}" srcset="${s}" sizes="${SIZES}">`;
    const img = (alt: string, extra: string) =>
      `<img src="/_img/p-800-f.png" srcset="/_img/p-480-e.png 480w, /_img/p-800-f.png 800w" sizes="${SIZES}" width="800" height="400" alt="${alt}"${extra}>`;
    const sources =
      source('image/avif', PHOTO.sources[0]!.srcset) +
      source('image/webp', PHOTO.sources[1]!.srcset);
    expect(out.html).toBe(
      `<p><picture>${sources}${img('First &#x26; best', ' title="A title" loading="eager" fetchpriority="high"')}</picture></p>\n` +
        `<p><picture>${sources}${img('Again', ' loading="lazy" decoding="async"')}</picture></p>`,
    );
    expect(out.diagnostics).toEqual([]);
  });

  test('pass-through images (SVG, GIF) keep their src and get their intrinsic size', async () => {
    const out = await md.render('![a](./photo.png) ![Boxes](diagram.svg)', context());
    expect(out.html).toContain(
      '<img src="/posts/a/diagram.svg" width="320" height="120" alt="Boxes" loading="lazy" decoding="async">',
    );
  });

  test('remote images and resolutions without image data are left alone; the first image is still the first', async () => {
    const out = await md.render(
      '![r](https://cdn.example/r.png)\n\n![p](plain.png)\n\n![Boxes](diagram.svg)\n',
      context(),
    );
    expect(out.html).toBe(
      '<p><img src="https://cdn.example/r.png" alt="r"></p>\n' +
        '<p><img src="/posts/a/plain.png" alt="p"></p>\n' +
        '<p><img src="/posts/a/diagram.svg" width="320" height="120" alt="Boxes" loading="lazy" decoding="async"></p>',
    );
  });

  test('formats: [] -> a plain <img> with the fallback srcset, no <picture>', async () => {
    const only: ImageInfo = { ...PHOTO, sources: [] };
    const ctx = {
      ...context(),
      resolveImage: (): LinkResolution => ({ kind: 'rewrite', href: '/x.png', image: only }),
    };
    const out = await md.render('![x](x.png)', ctx);
    expect(out.html).toBe(
      `<p><img src="/_img/p-800-f.png" srcset="${PHOTO.fallback!.srcset}" sizes="${SIZES}" width="800" height="400" alt="x" loading="eager" fetchpriority="high"></p>`,
    );
  });

  test('reference images and images inside links become pictures too', async () => {
    const out = await md.render(
      '[![linked](./photo.png)](https://example.com/)\n\n![ref][p]\n\n[p]: ./photo.png\n',
      context(),
    );
    expect(out.html.match(/<picture>/g)).toHaveLength(2);
    expect(out.html).toContain('<a href="https://example.com/"><picture>');
  });

  test('sanitize and escape policies keep the generated markup (it is added after the policy)', async () => {
    for (const rawHtml of ['sanitize', 'escape'] as const) {
      const r = await createMarkdownRenderer({ ...defaultMarkdownOptions, rawHtml });
      const out = await r.render('![p](./photo.png)', context());
      expect(out.html).toContain('<picture><source type="image/avif"');
      expect(out.html).toContain('fetchpriority="high"');
    }
  });

  test('the excerpt shows the same picture', async () => {
    const out = await md.render('![p](./photo.png)\n\nMore.\n', context());
    expect(out.excerptHtml).toBe(out.html.split('\n')[0]);
  });
});

describe('code from files', () => {
  test('a line range, a region (dedented, markers dropped) and a whole file (CRLF normalised)', async () => {
    const src = [
      '```rust file="./lib.rs" lines="3-3"',
      'placeholder',
      '```',
      '',
      '```rust file="./lib.rs" region="append"',
      '```',
      '',
      '```sh file="tools/run.sh"',
      '```',
    ].join('\n');
    const out = await md.render(src, context());
    expect(out.diagnostics).toEqual([]);
    const text = out.html.replace(/<[^>]+>/g, '').replace(/&#x26;/g, '&');
    expect(text).toContain('impl Log {');
    expect(text).not.toContain('placeholder');
    expect(text).toContain('pub fn append(&mut self) {\n    self.n += 1;\n}');
    expect(text).not.toContain('#region');
    expect(text).toContain('#!/bin/sh\necho hi');
  });

  test('other fence options still apply: title, highlighted lines, line numbers (those of the file)', async () => {
    // The region is lines 5-7 of lib.rs: numbered from 5, and {6} is its second line.
    const out = await md.render(
      '```rust file="./lib.rs" region="append" title="lib.rs" {6} showLineNumbers\n```\n',
      context(),
    );
    expect(out.html).toContain('<figcaption class="code-title">lib.rs</figcaption>');
    expect(out.html).toContain('data-line-numbers=""');
    const lines = [...out.html.matchAll(/<span class="line[^"]*"[^>]*>(.*)/g)].map(
      (m) => `${m[0].slice(0, m[0].indexOf('>') + 1)} ${m[1]!.replace(/<[^>]+>/g, '')}`,
    );
    expect(lines).toEqual([
      '<span class="line" style="counter-set: line 4"> pub fn append(&#x26;mut self) {',
      '<span class="line highlighted">     self.n += 1;',
      '<span class="line"> }',
    ]);
  });

  test('a fence with only file= takes its language from the extension', async () => {
    const out = await md.render('```file="tools/run.sh"\n```\n', context());
    expect(out.html).toMatch(/<figure class="code-block" data-lang="sh" style="--lines:\d+">/);
    expect(out.diagnostics).toEqual([]);
  });

  test('without readInclude (the one-off API) the fence is left as written', async () => {
    const out = await md.render('```rust file="./lib.rs"\nkept();\n```\n', context(1, false));
    expect(out.html).toContain('kept');
    expect(out.diagnostics).toEqual([]);
  });

  test('errors point at the attribute that is wrong, in file lines and columns', async () => {
    // Body starts at line 5 of the file; the fences are at body lines 1, 4, 7, 10 and 13 (inside a list).
    const src = [
      '```rust file="./nope.rs"',
      '```',
      '',
      '```rust  file="./lib.rs" lines="8-12"',
      '```',
      '',
      '```rust file="./lib.rs" region="apend"',
      '```',
      '',
      '```rust lines="1-x" file="./lib.rs"',
      '```',
      '',
      '- item',
      '',
      '  ```rust file="./lib.rs" lines="1" region="append"',
      '  ```',
    ].join('\n');
    const out = await md.render(src, context(5));
    expect(out.diagnostics.map((d) => [d.rule, d.span?.line, d.span?.column])).toEqual([
      ['include/missing-file', 5, 9],
      ['include/bad-range', 8, 26],
      ['include/unknown-region', 11, 25],
      ['include/bad-range', 14, 9],
      ['include/bad-range', 19, 27],
    ]);
    expect(
      out.diagnostics.every(
        (d) => d.severity === 'error' && d.span?.file === 'content/posts/a/index.md',
      ),
    ).toBe(true);
    expect(out.diagnostics[1]!.message).toBe(
      'lines="8-12" goes past the end of content/posts/a/lib.rs, which has 9 lines. Fix the range, or mark the code with "#region name" / "#endregion name" comments and use region="name" so it follows edits.',
    );
    expect(out.diagnostics[2]!.message).toBe(
      'content/posts/a/lib.rs has no region "apend". Regions in that file: "append". Mark the code with "#region apend" and "#endregion apend" comments (// #region apend, # #region apend, ...) or fix the name.',
    );
    // The broken fences keep their own content (nothing half-included).
    expect(out.html).not.toContain('self.n');
  });
});
