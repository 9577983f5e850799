import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { mediaSite, noise, type Built, type MediaSite } from '../media/helpers.js';

/**
 * `serve` does not wait for image variants: its first build returns with the pages, which
 * already name every variant, while the variants are encoded in the background; until one is
 * written, its URL answers with the original image. Once all are written, the live folder holds
 * the bytes a full `build` writes.
 */

let site: MediaSite;
let server: RunningServer;
let built: Built;
let sources: Map<string, Buffer>;

async function fetchBytes(url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(`http://127.0.0.1:${server.port}${url}`);
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

beforeAll(async () => {
  site = await mediaSite();
  // A 3000×2000 photo: its variants take long enough to encode that the first requests come
  // before they are all written.
  await noise(3000, 2000, 3, 5)
    .jpeg({ quality: 90 })
    .toFile(path.join(site.root, 'content/posts/gallery/wide.jpg'));
  built = await site.build({ cache: false, out: 'built' });
  const gallery = path.join(site.root, 'content/posts/gallery');
  sources = new Map([
    ['photo', await readFile(path.join(gallery, 'photo.png'))],
    ['wide', await readFile(path.join(gallery, 'wide.jpg'))],
    ['portrait', await readFile(path.join(gallery, 'portrait.jpg'))],
    ['logo', await readFile(path.join(site.root, 'public/img/logo.png'))],
  ]);
  // Its own cache folder (.cache/ in the site): nothing is encoded yet.
  server = await startServer({
    root: site.root,
    host: '127.0.0.1',
    port: 0,
    drafts: false,
    future: false,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await site?.cleanup();
});

describe('serve never waits for an image variant', () => {
  test('the first build returns before the variants are written; each variant URL answers at once, with the original until the variant is there, then with the bytes of a full build', async () => {
    const page = await fetchBytes('/posts/gallery/');
    expect(page.status).toBe(200);
    const html = page.body.toString('utf8');
    const urls = [...new Set([...html.matchAll(/\/_img\/[^\s",]+/g)].map((m) => m[0]))];
    // The page names exactly the variants a full build makes.
    expect(urls.map((u) => u.slice(1)).sort()).toEqual(
      [...built.files.keys()].filter((f) => f.startsWith('_img/')).sort(),
    );
    const first = await Promise.all(urls.map(async (u) => ({ u, ...(await fetchBytes(u)) })));
    let standIns = 0;
    for (const r of first) {
      expect(r.status, r.u).toBe(200);
      const stem = /\/_img\/(\w+)-\d+-/.exec(r.u)![1]!;
      const final = await readFile(path.join(built.outDir, r.u));
      if (r.body.equals(sources.get(stem)!)) {
        standIns++;
        expect(r.type, r.u).toMatch(/^image\/(jpeg|png)$/);
      } else expect(r.body.equals(final), r.u).toBe(true);
    }
    // The 3000 px photo alone takes longer to decode than these requests took.
    expect(standIns).toBeGreaterThan(0);

    await server.session.pipeline.imagesWritten();
    for (const u of urls) {
      const r = await fetchBytes(u);
      expect(r.body.equals(await readFile(path.join(built.outDir, u))), u).toBe(true);
    }
    const live = await readdir(path.join(server.session.outDir, '_img'));
    expect(live.sort()).toEqual(
      await readdir(path.join(built.outDir, '_img')).then((l) => l.sort()),
    );
  }, 120_000);

  test('a URL that is no variant of the page is still a 404', async () => {
    expect((await fetchBytes('/_img/photo-999-000000000000.avif')).status).toBe(404);
  });
});
