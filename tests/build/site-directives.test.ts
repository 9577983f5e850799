import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { starterTemplate } from '../../src/import/directives.js';
import { buildSite, type BuildOptions } from '../../src/pipeline/index.js';
import { POOL_THRESHOLD } from '../../src/pipeline/markdown/pool.js';
import { diagnosticLines, FIXED_NOW, readTree, SITES } from '../helpers/site.js';

/**
 * Directives in a real build: built-ins with files of the site (a responsive figure, a bundle
 * video), embeds as facades (no third-party address is loaded by the page), and the site's own
 * directives as templates in templates/directives/, whose edits re-render exactly the posts
 * that use them (the body cache records each template's stamp).
 */
let root = '';
let tmp = '';

async function build(options: Partial<BuildOptions> = {}) {
  const outDir = path.join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const result = await buildSite({
    root,
    outDir,
    cacheDir: path.join(tmp, 'cache'),
    now: FIXED_NOW,
    workers: 0,
    ...options,
  });
  const files = await readTree(outDir);
  const file = (rel: string) => {
    const text = files.get(rel);
    if (text === undefined) throw new Error(`no ${rel} in ${[...files.keys()].join(', ')}`);
    return text;
  };
  return { result, files, file };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-directives-'));
  root = path.join(tmp, 'site');
  await cp(path.join(SITES, 'directives'), root, { recursive: true });
  await sharp({ create: { width: 480, height: 240, channels: 3, background: '#36c' } })
    .png()
    .toFile(path.join(root, 'content/posts/embeds/chart.png'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('built-in directives in a site', () => {
  let site: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await build({ cache: false });
  });

  test('builds cleanly', () => {
    expect(diagnosticLines(site.result.diagnostics)).toEqual([]);
    expect(site.result.ok).toBe(true);
  });

  test('a figure of a bundle image is a responsive <picture> inside <figure>, with its caption', () => {
    const page = site.file('posts/embeds/index.html');
    expect(page).toMatch(
      /<figure class="figure"><picture><source type="image\/webp" srcset="\/_img\/chart-160-[0-9a-f]{12}\.webp 160w, \/_img\/chart-320-[0-9a-f]{12}\.webp 320w"[^>]*><img src="\/_img\/chart-320-[0-9a-f]{12}\.png"[^>]* width="320" height="160" alt="A bar chart of latency by percentile" loading="eager" fetchpriority="high"><\/picture><figcaption>Latency by percentile<\/figcaption><\/figure>/,
    );
  });

  test('a video of the bundle is published beside the post and played from there', async () => {
    const page = site.file('posts/embeds/index.html');
    expect(page).toContain(
      '<video controls preload="metadata" src="/posts/embeds/clip.mp4"><a href="/posts/embeds/clip.mp4">Download the video</a></video><figcaption>The benchmark run</figcaption>',
    );
    expect(site.files.get('posts/embeds/clip.mp4')).toBe(
      await readFile(path.join(root, 'content/posts/embeds/clip.mp4'), 'utf8'),
    );
  });

  test('embeds are facades: a link that always works, the player address only in data-', () => {
    const page = site.file('posts/embeds/index.html');
    expect(page).toContain(
      '<a class="embed-facade" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1" data-embed-title="Write-ahead logs, explained">',
    );
    // No address of another host in anything the browser loads by itself.
    expect(page).not.toMatch(/<iframe|<script[^>]+gist|\s(?:src|srcset|poster)="(?:https?:)?\/\//);
  });
});

describe("the site's own directives (templates/directives/)", () => {
  let site: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await build({ cache: false });
  });

  test('a template gets the attributes, the label and the rendered children, and can render partials', () => {
    expect(site.file('posts/notes-one/index.html')).toContain(
      '<div class="note note-warning">Before <em>you</em> start<p class="note-kind">warning</p>\n</div>\n',
    );
    expect(site.file('posts/notes-two/index.html')).toMatch(
      /<div class="note note-tip"><p>A note with <strong>content<\/strong> and code:<\/p>\n?<figure class="code-block" data-lang="sh" style="--lines:1">.*echo.*<\/figure><p class="note-kind">tip<\/p>\n<\/div>/s,
    );
  });

  test('text directives render inline; children are escaped unless the template asks for raw', () => {
    const page = site.file('posts/notes-one/index.html');
    expect(page).toContain('Press <kbd>Ctrl+C</kbd> to stop');
    // The template printed `{{ children }}`: the label's HTML is shown as text.
    expect(page).toContain(
      '<span class="shout">&#x3C;em>this&#x3C;/em> &#x26;#x26; that</span> to',
    );
  });

  test("a site template with a built-in's name replaces the built-in", () => {
    expect(site.file('posts/override/index.html')).toContain(
      '<p class="site-vimeo">Vimeo 76979871 (leaf)</p>',
    );
  });
});

describe('directive templates and the body cache', () => {
  test('editing a template re-renders exactly the posts that use it; the output equals a cold build', async () => {
    const first = await build();
    expect(first.result.ok, diagnosticLines(first.result.diagnostics).join('\n')).toBe(true);
    expect(first.result.bodiesRendered).toBeGreaterThan(0);
    const warm = await build();
    expect(warm.result.bodiesRendered).toBe(0);

    const note = path.join(root, 'templates/directives/note.liquid');
    await writeFile(
      note,
      (await readFile(note, 'utf8')).replace('class="note ', 'class="callout-note '),
    );
    const edited = await build();
    expect(edited.result.bodiesRendered).toBe(2);
    expect(edited.file('posts/notes-two/index.html')).toContain(
      '<div class="callout-note note-tip">',
    );
    const cold = await build({ cache: false });
    expect(edited.files).toEqual(cold.files);

    // A partial the template renders is part of its stamp too.
    const footer = path.join(root, 'templates/partials/note-footer.liquid');
    await writeFile(footer, '<p class="note-kind">kind: {{ kind }}</p>\n');
    expect((await build()).result.bodiesRendered).toBe(2);

    // A template no post uses changes nothing.
    await writeFile(path.join(root, 'templates/directives/unused.liquid'), '<b>unused</b>\n');
    expect((await build()).result.bodiesRendered).toBe(0);
  });

  test('bodies rendered on worker threads use the same templates', async () => {
    // Enough bodies for the worker pool (POOL_THRESHOLD), each with a site directive.
    const many = Array.from({ length: POOL_THRESHOLD }, (_, i) =>
      path.join(root, `content/posts/many-${i}.md`),
    );
    try {
      for (const [i, file] of many.entries()) {
        await writeFile(
          file,
          `---\ntitle: "Many ${i}"\ndate: 2026-02-01\n---\n\nPress :kbd[F${i}], then:\n\n::note[Step ${i}]{kind=tip}\n`,
        );
      }
      const main = await build({ cache: false, workers: 0 });
      const pool = await build({ cache: false, workers: 2 });
      expect(pool.result.ok).toBe(true);
      expect(pool.file('posts/many-7/index.html')).toContain('Press <kbd>F7</kbd>');
      expect(pool.files).toEqual(main.files);
    } finally {
      for (const file of many) await rm(file, { force: true });
    }
  });
});

describe('directive errors in a build', () => {
  test('a template that does not parse is reported at the directive, naming the template', async () => {
    const note = path.join(root, 'templates/directives/note.liquid');
    const good = await readFile(note, 'utf8');
    await writeFile(note, '<div>{% if x %}never closed</div>\n');
    try {
      const broken = await build({ cache: false });
      expect(broken.result.ok).toBe(false);
      const lines = diagnosticLines(broken.result.diagnostics).filter((l) =>
        l.includes('template/'),
      );
      expect(lines).toEqual([
        expect.stringMatching(
          /^content\/posts\/notes-one\.md:6:1 error \[template\/syntax-error\] templates\/directives\/note\.liquid:1:6: /,
        ),
        expect.stringMatching(
          /^content\/posts\/notes-two\.md:6:1 error \[template\/syntax-error\] /,
        ),
      ]);
    } finally {
      await writeFile(note, good);
    }
  });

  test("an importer's starter template warns at every use until its note is removed", async () => {
    const note = path.join(root, 'templates/directives/note.liquid');
    const good = await readFile(note, 'utf8');
    await writeFile(note, starterTemplate('note', 'layouts/shortcodes/note.html', 'hugo'));
    try {
      const starter = await build({ cache: false });
      expect(starter.result.ok).toBe(true);
      const message =
        'warning [markdown/directive-starter] ::note is rendered by templates/directives/note.liquid, the starter colophon import wrote; it shows the content only. Port what the original shortcode did, then remove the note at the top of the template.';
      expect(
        diagnosticLines(starter.result.diagnostics).filter((l) => l.includes('directive-starter')),
      ).toEqual([
        `content/posts/notes-one.md:6:1 ${message}`,
        `content/posts/notes-two.md:6:1 ${message}`,
      ]);
      await writeFile(
        note,
        starterTemplate('note', undefined, 'hugo').replace(/^[^]*endcomment %\}/, ''),
      );
      const ported = await build({ cache: false });
      expect(diagnosticLines(ported.result.diagnostics)).toEqual([]);
    } finally {
      await writeFile(note, good);
    }
  });

  test('an unknown directive lists the built-ins and the names the site defines', async () => {
    const post = path.join(root, 'content/posts/plain.md');
    const good = await readFile(post, 'utf8');
    await writeFile(post, good + '\n::nite{kind=tip}\n');
    try {
      const broken = await build({ cache: false });
      expect(diagnosticLines(broken.result.diagnostics)).toContain(
        'content/posts/plain.md:8:1 error [markdown/unknown-directive] Unknown directive ::nite. Did you mean ::note? Built in: aside, details, figure, gist, tweet, unconverted, video, vimeo, x, youtube; defined by this site: kbd, note, shout, unused, vimeo. To define ::nite, add templates/directives/nite.liquid.',
      );
    } finally {
      await writeFile(post, good);
    }
  });
});
