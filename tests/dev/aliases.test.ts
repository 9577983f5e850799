import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { SITES } from '../helpers/site.js';
import { get } from './http.js';

/**
 * `serve` sends every alias's redirect page as HTML: an alias written without a trailing slash
 * (`/old-contact`) used to be an extension-less file, sent with no Content-Type at all.
 */
let tmp = '';
let server: RunningServer;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-serve-aliases-'));
  const root = path.join(tmp, 'site');
  await cp(path.join(SITES, 'aliases'), root, { recursive: true });
  server = await startServer({ root, host: '127.0.0.1', port: 0, drafts: false, future: false });
});
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('serve: alias redirect pages', () => {
  it('an alias without a trailing slash: 301 to the folder, then an HTML page', async () => {
    const bare = await get(server.port, '/old-contact');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/old-contact/');
    const page = await get(server.port, '/old-contact/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(
      '<meta http-equiv="refresh" content="0; url=https://aliases.example/contact/">',
    );
  });

  it.each(['/contact-me/', '/2019/05/old-url/', '/legacy/moved.html'])('%s is HTML', async (p) => {
    const r = await get(server.port, p);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
