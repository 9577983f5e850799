import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DevSession } from '../../src/dev/session.js';
import { FIXED_NOW } from '../helpers/site.js';
import { mediaSite, noise, pngBomb, where, type Built, type MediaSite } from './helpers.js';

const SIZES = 'sizes="\\(min-width: 48rem\\) 42rem, 100vw"'; // as a regular expression
const variant = (stem: string, w: number, ext: string) =>
  `/_img/${stem}-${w}-[0-9a-f]{12}\\.${ext}`;
const srcset = (stem: string, widths: number[], ext: string) =>
  widths.map((w) => `${variant(stem, w, ext)} ${w}w`).join(', ');

describe('media fixture: a cold build, then a warm one', () => {
  let site: MediaSite;
  let cold: Built;
  let gallery: string;
  beforeAll(async () => {
    site = await mediaSite();
    cold = await site.build();
    gallery = cold.file('posts/gallery/index.html');
  });
  afterAll(() => site.cleanup());

  test('builds without diagnostics', () => {
    expect(cold.result.diagnostics).toEqual([]);
    expect(cold.result.ok).toBe(true);
  });

  test('the first image: <picture> with AVIF and WebP srcsets, the PNG fallback at the largest width, intrinsic size, eager and high priority', () => {
    const widths = [160, 320, 480, 600];
    const expected = new RegExp(
      `<p><picture><source type="image/avif" srcset="${srcset('photo', widths, 'avif')}" ${SIZES}>` +
        `<source type="image/webp" srcset="${srcset('photo', widths, 'webp')}" ${SIZES}>` +
        `<img src="${variant('photo', 600, 'png')}" srcset="${srcset('photo', [600], 'png')}" ${SIZES} width="600" height="400" alt="A photo above the fold" loading="eager" fetchpriority="high"></picture></p>`,
    );
    expect(gallery).toMatch(expected);
  });

  test('a later JPEG: capped at the largest configured width, .jpg fallback, title kept, lazy and async', () => {
    const widths = [160, 320, 480, 800];
    expect(gallery).toMatch(
      new RegExp(
        `<source type="image/avif" srcset="${srcset('wide', widths, 'avif')}" ${SIZES}>.*` +
          `<img src="${variant('wide', 800, 'jpg')}" srcset="${srcset('wide', [800], 'jpg')}" ${SIZES} width="800" height="400" alt="A wide landscape" title="Evening" loading="lazy" decoding="async"></picture>`,
      ),
    );
  });

  test('EXIF orientation is applied: a portrait stored sideways is 200×300', () => {
    expect(gallery).toMatch(
      new RegExp(
        `<img src="${variant('portrait', 200, 'jpg')}" srcset="${srcset('portrait', [200], 'jpg')}" ${SIZES} width="200" height="300" alt="Portrait"`,
      ),
    );
  });

  test('feeds carry the pictures with absolute URLs, every image lazy (none at high priority)', () => {
    const atom = cold.file('atom.xml');
    expect(atom).toContain('https://media.example/_img/photo-');
    expect(atom).not.toContain('fetchpriority');
    expect(atom).not.toContain('loading="eager"');
    // Atom content is HTML in CDATA: the attributes as written.
    expect(atom).toContain('alt="A photo above the fold" loading="lazy" decoding="async"');
  });

  test('remote images are untouched; SVG and GIF pass through with their intrinsic size', () => {
    expect(gallery).toContain('<img src="https://cdn.example/remote.png" alt="Remote">');
    expect(gallery).toContain(
      '<img src="/posts/gallery/diagram.svg" width="320" height="120" alt="Boxes and arrows" loading="lazy" decoding="async">',
    );
    expect(gallery).toContain(
      '<img src="/posts/gallery/spinner.gif" width="40" height="40" alt="Spinner" loading="lazy" decoding="async">',
    );
  });

  test('SVG and GIF are published byte for byte as they are, and get no variants', async () => {
    for (const f of ['diagram.svg', 'spinner.gif']) {
      const source = await readFile(path.join(site.root, 'content/posts/gallery', f));
      expect(await readFile(path.join(cold.outDir, 'posts/gallery', f))).toEqual(source);
    }
    expect(gallery).not.toMatch(/_img\/(diagram|spinner)-/);
  });

  test('a small, compact image (under the smallest width, 0.1 byte a pixel or less) is not re-encoded: a plain <img> of the original', async () => {
    expect(gallery).toContain(
      '<img src="/posts/gallery/icon.png" width="120" height="80" alt="An icon" loading="lazy" decoding="async">',
    );
    expect(gallery).not.toMatch(/_img\/icon-/);
    const source = await readFile(path.join(site.root, 'content/posts/gallery/icon.png'));
    expect(await readFile(path.join(cold.outDir, 'posts/gallery/icon.png'))).toEqual(source);
  });

  test('no variant is wider than its source', async () => {
    const sources: Record<string, number> = { photo: 600, wide: 1000, portrait: 200, logo: 200 };
    const names = await readdir(path.join(cold.outDir, '_img'));
    for (const name of names) {
      const stem = name.replace(/-\d+-[0-9a-f]{12}\.\w+$/, '');
      const meta = await sharp(path.join(cold.outDir, '_img', name)).metadata();
      expect(meta.width, name).toBeLessThanOrEqual(sources[stem]!);
    }
  });

  test('public/ images are processed too; originals are still published where they were', () => {
    expect(gallery).toMatch(
      new RegExp(
        `<img src="${variant('logo', 200, 'png')}" srcset="${srcset('logo', [200], 'png')}" ${SIZES} width="200" height="200" alt="The logo" loading="lazy"`,
      ),
    );
    for (const f of [
      'posts/gallery/photo.png',
      'posts/gallery/wide.jpg',
      'posts/gallery/diagram.svg',
      'posts/gallery/spinner.gif',
      'img/logo.png',
    ])
      expect(cold.files.has(f), f).toBe(true);
  });

  test('every generated file exists, has the format and size its name and srcset say, and nothing else is generated', async () => {
    const referenced = new Set(
      [...gallery.matchAll(/\/_img\/[^\s",]+/g)].map((m) => m[0].slice(1)),
    );
    const written = (await readdir(path.join(cold.outDir, '_img'))).map((f) => `_img/${f}`);
    expect(new Set(written)).toEqual(referenced);
    // AVIF and WebP at every width, the fallback at the largest: photo and wide at 4 widths,
    // portrait and logo at 2.
    expect(written).toHaveLength(4 * 2 + 1 + (4 * 2 + 1) + (2 * 2 + 1) + (2 * 2 + 1));
    const heights: Record<string, (w: number) => number> = {
      photo: (w) => (w * 2) / 3,
      wide: (w) => w / 2,
      portrait: (w) => w * 1.5,
      logo: (w) => w,
    };
    for (const rel of written) {
      const [, stem, w, ext] = /^_img\/(\w+)-(\d+)-[0-9a-f]{12}\.(\w+)$/.exec(rel)!;
      const meta = await sharp(await readFile(path.join(cold.outDir, rel))).metadata();
      expect({
        rel,
        format: meta.format === 'heif' ? 'avif' : meta.format,
        width: meta.width,
        height: meta.height,
      }).toEqual({
        rel,
        format: ext === 'jpg' ? 'jpeg' : ext,
        width: Number(w),
        height: Math.round(heights[stem!]!(Number(w))),
      });
      // Metadata (EXIF, GPS) is not carried into variants.
      expect(meta.exif).toBeUndefined();
    }
  });

  test('cold build encodes every variant once; a warm build encodes nothing and writes the same bytes', async () => {
    // Probed: the seven images of the fixture and the theme's favicon.svg (public/ files are candidates).
    expect(cold.result.images).toEqual({ encoded: 28, reused: 0, probed: 8 });
    const warm = await site.build();
    expect(warm.result.images).toEqual({ encoded: 0, reused: 28, probed: 0 });
    expect(warm.result.bodiesRendered).toBe(0);
    expect(warm.files).toEqual(cold.files);
    // Without the cache the encoder makes the same bytes again (same input, same bytes).
    const uncached = await site.build({ cache: false });
    expect(uncached.result.images).toMatchObject({ encoded: 28, reused: 0 });
    expect(uncached.files).toEqual(cold.files);
  });

  test('code from files: a line range beside the post, a region from snippets/, a whole file', () => {
    const html = cold.file('posts/code/index.html');
    const blocks = [...html.matchAll(/<figure class="code-block"[\s\S]*?<\/figure>/g)].map(
      (m) => m[0],
    );
    const text = (i: number) =>
      blocks[i]!.replace(/<[^>]+>/g, '')
        .replace(/&#x26;/g, '&')
        .replace(/&#x3C;/g, '<');
    expect(text(0)).toBe(
      'def checksum(data: bytes) -> int:\n    """Adler-32 without the modulus tricks."""\n    return sum(data) % 65521',
    );
    expect(text(1)).toBe(
      'wal.rspub fn append(&mut self, record: &[u8]) {\n    self.buf.extend_from_slice(&(record.len() as u32).to_le_bytes());\n    self.buf.extend_from_slice(record);\n}',
    );
    expect(html).toContain(
      '<figure class="code-block" data-lang="rust" style="--lines:4"><figcaption class="code-title">wal.rs</figcaption>',
    );
    // Numbered as in the file: the first line resets the counter so that it shows 4.
    const lines = (i: number) =>
      [...blocks[i]!.matchAll(/<span class="line[^"]*"[^>]*>/g)].map((m) => m[0]);
    expect(blocks[0]).toContain('<pre class="shiki');
    expect(blocks[0]).toMatch(/<pre [^>]*data-line-numbers/);
    expect(lines(0)).toEqual([
      '<span class="line" style="counter-set: line 3">',
      '<span class="line highlighted">',
      '<span class="line">',
    ]);
    // {8}: line 8 of wal.rs, the second line of the region; not numbered (no showLineNumbers).
    expect(lines(1)).toEqual([
      '<span class="line">',
      '<span class="line highlighted">',
      '<span class="line">',
      '<span class="line">',
    ]);
    expect(blocks[1]).not.toMatch(/data-line-numbers|counter-set/);
    expect(html).toContain('<figure class="code-block" data-lang="py" style="--lines:6">');
    expect(text(2)).toContain('"""A tiny module the post quotes from."""');
    expect(html).not.toContain('see example.py');
  });
});

describe('edits reach the output through the body cache', () => {
  let site: MediaSite;
  beforeAll(async () => {
    site = await mediaSite();
    await site.build();
  });
  afterAll(() => site.cleanup());

  test('a changed image: the post is re-rendered with new variant URLs; only its variants are encoded', async () => {
    const before = await site.build();
    const oldNames = [
      ...before.file('posts/gallery/index.html').matchAll(/_img\/photo-[^\s"]+/g),
    ].map((m) => m[0]);
    await noise(600, 400, 3, 99)
      .png()
      .toFile(path.join(site.root, 'content/posts/gallery/photo.png'));
    const after = await site.build();
    expect(after.result.bodiesRendered).toBe(1);
    expect(after.result.images).toEqual({ encoded: 9, reused: 19, probed: 1 });
    const html = after.file('posts/gallery/index.html');
    for (const n of oldNames) expect(html).not.toContain(n);
    expect(html.match(/_img\/photo-600-[0-9a-f]{12}\.png/g)?.length).toBeGreaterThan(0);
  });

  test('a changed snippet: the post that includes it is re-rendered, no other', async () => {
    const wal = path.join(site.root, 'snippets/storage/wal.rs');
    await site.write(
      'snippets/storage/wal.rs',
      (await readFile(wal, 'utf8')).replace(
        'self.buf.extend_from_slice(record);',
        'self.buf.extend_from_slice(record); // edited',
      ),
    );
    const after = await site.build();
    expect(after.result.bodiesRendered).toBe(1);
    expect(after.file('posts/code/index.html')).toContain('// edited');
  });

  test('serve: editing a snippet or an image announces the page that shows it', async () => {
    const session = new DevSession({
      root: site.root,
      drafts: false,
      future: false,
      now: FIXED_NOW,
    });
    try {
      expect((await session.start()).ok).toBe(true);
      // The first build's variants are written in the background; a rebuild reports them (as
      // changed URLs) if they land while it runs.
      await session.pipeline.imagesWritten();
      const wal = path.join(site.root, 'snippets/storage/wal.rs');
      await site.write(
        'snippets/storage/wal.rs',
        (await readFile(wal, 'utf8')).replace('// edited', '// edited again'),
      );
      const r1 = await session.rebuild({ files: [wal] });
      // The post, and the feeds that carry its full content.
      expect(r1.changedUrls).toEqual(['/atom.xml', '/feed.json', '/posts/code/', '/rss.xml']);
      const variants = async () =>
        (await readdir(path.join(session.outDir, '_img'))).filter((f) => f.startsWith('photo-'));
      const old = await variants();
      expect(old).toHaveLength(9);
      const png = path.join(site.root, 'content/posts/gallery/photo.png');
      await noise(600, 400, 3, 7).png().toFile(png);
      const r2 = await session.rebuild({ files: [png] });
      expect(r2.ok).toBe(true);
      expect(r2.changedUrls).toContain('/posts/gallery/');
      expect(r2.changedUrls).toContain('/posts/gallery/photo.png');
      // 9 new variants (encoded in the background; until then the server answers with the
      // original: tests/dev/images.test.ts), 9 old ones removed.
      expect(r2.changedUrls).toEqual(expect.arrayContaining(old.map((f) => `/_img/${f}`)));
      expect(r2.changedUrls.filter((u) => u.startsWith('/_img/photo-'))).toHaveLength(18);
      expect(
        r2.changedUrls.filter((u) => u.startsWith('/_img/') && !u.startsWith('/_img/photo-')),
      ).toEqual([]);
      await session.pipeline.imagesWritten();
      const now = await variants();
      expect(now).toHaveLength(9);
      expect(now.filter((f) => old.includes(f))).toEqual([]);
    } finally {
      await session.dispose();
    }
  });
});

describe('broken images and includes are errors at their Markdown position, naming the file', () => {
  let site: MediaSite;
  beforeAll(async () => {
    site = await mediaSite();
  });
  afterAll(() => site.cleanup());

  test('corrupt, wrong extension, decompression bomb', async () => {
    const png = await noise(64, 64, 3, 5).png().toBuffer();
    await site.write('content/posts/broken/corrupt.png', png.subarray(0, png.length - 40));
    await site.write('content/posts/broken/text.png', 'not an image at all\n');
    await site.write('content/posts/broken/photo.png', await noise(64, 64, 3, 6).jpeg().toBuffer());
    await site.write('content/posts/broken/bomb.png', pngBomb(60_000, 60_000));
    await site.write(
      'content/posts/broken/index.md',
      '---\ntitle: Broken\ndate: 2026-03-01\n---\n\nFine text. ![Corrupt](./corrupt.png)\n\n![Text](text.png) and ![JPEG in disguise](photo.png)\n\n> ![Bomb](./bomb.png)\n',
    );
    const { result } = await site.build();
    expect(result.ok).toBe(false);
    expect(where(result)).toEqual([
      'image/unreadable content/posts/broken/index.md:6:12',
      'image/unreadable content/posts/broken/index.md:8:1',
      'image/wrong-extension content/posts/broken/index.md:8:23',
      'image/too-large content/posts/broken/index.md:10:3',
    ]);
    const [corrupt, text, disguised, bomb] = result.diagnostics.map((d) => d.message);
    expect(corrupt).toMatch(
      /^content\/posts\/broken\/corrupt\.png cannot be read as an image \(.+\)\. The file may be corrupt or truncated; export it again\.$/,
    );
    expect(text).toContain('content/posts/broken/text.png cannot be read as an image');
    expect(disguised).toBe(
      'content/posts/broken/photo.png is a JPEG image, but its name ends in .png. Rename it to the right extension (photo.jpg) or convert it.',
    );
    expect(bomb).toBe(
      'content/posts/broken/bomb.png is 60000×60000 pixels (3600 megapixels), over the limit of 100 megapixels (images.maxPixels); decoding it could exhaust memory. Scale it down before adding it.',
    );
  });

  test('missing file, range past the end, unknown region: exact positions', async () => {
    await site.write(
      'content/posts/bad-includes.md',
      [
        '---',
        'title: Bad includes',
        'date: 2026-03-02',
        '---',
        '',
        '```rust file="storage/nope.rs"',
        '```',
        '',
        '```python file="./code/example.py" lines="5-9"',
        '```',
        '',
        '- a list item',
        '',
        '  ```rust title="x" file="storage/wal.rs" region="apend"',
        '  ```',
      ].join('\n'),
    );
    await site.write(
      'content/posts/broken/index.md',
      '---\ntitle: Broken\ndate: 2026-03-01\n---\n\nFixed.\n',
    );
    const { result } = await site.build();
    expect(where(result)).toEqual([
      'include/missing-file content/posts/bad-includes.md:6:9',
      'include/bad-range content/posts/bad-includes.md:9:36',
      'include/unknown-region content/posts/bad-includes.md:14:43',
    ]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'snippets/storage/nope.rs does not exist. Paths without ./ are inside the snippets folder (snippets/); add the file there, or write file="./storage/nope.rs" for a file beside this post.',
      'lines="5-9" goes past the end of content/posts/code/example.py, which has 6 lines. Fix the range, or mark the code with "#region name" / "#endregion name" comments and use region="name" so it follows edits.',
      'snippets/storage/wal.rs has no region "apend". Regions in that file: "append", "len". Mark the code with "#region apend" and "#endregion apend" comments (// #region apend, # #region apend, ...) or fix the name.',
    ]);
  });
});

describe('the worker pool renders images and includes exactly like the main thread', () => {
  let site: MediaSite;
  beforeAll(async () => {
    site = await mediaSite();
    // Enough bodies to start the pool (POOL_THRESHOLD = 64).
    for (let i = 0; i < 64; i++) {
      await site.write(
        `content/posts/extra-${i}.md`,
        `---\ntitle: Extra ${i}\ndate: 2026-01-${String((i % 28) + 1).padStart(2, '0')}\n---\n\n![The logo](/img/logo.png)\n\n\`\`\`rust file="storage/wal.rs" region="len"\n\`\`\`\n`,
      );
    }
  });
  afterAll(() => site.cleanup());

  test('same output tree', async () => {
    const single = await site.build({ cache: false, workers: 0 });
    const pooled = await site.build({ cache: false, workers: 2 });
    expect(single.result.ok).toBe(true);
    expect(pooled.files).toEqual(single.files);
    expect(pooled.file('posts/extra-7/index.html')).toContain('<picture><source type="image/avif"');
    expect(pooled.file('posts/extra-7/index.html')).toMatch(/pub<\/span>.*fn<\/span>.*len/);
  });

  test('a worker that runs out of memory leaves its bodies to a worker without a heap cap: same output', async () => {
    const single = await site.build({ cache: false, workers: 0 });
    process.env.COLOPHON_WORKER_HEAP_MB = '2';
    try {
      const starved = await site.build({ cache: false, workers: 2 });
      expect(starved.result.ok).toBe(true);
      expect(starved.files).toEqual(single.files);
    } finally {
      delete process.env.COLOPHON_WORKER_HEAP_MB;
    }
  }, 120_000);
});
