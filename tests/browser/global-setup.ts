/**
 * Browser suite global setup: build the sample blog once (programmatic API, no cache, a fixed
 * clock so the future post stays out) into a temp folder and serve it with sirv on 127.0.0.1.
 * Tests read the base URL with `inject('baseUrl')`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../../src/build/index.js';
import { formatDiagnostic } from '../../src/diagnostics/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    outDir: string;
  }
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** After every published sample post (the last is 2026-09-22), before the scheduled one (2027). */
export const BUILD_NOW = new Date('2026-12-01T00:00:00Z');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-browser-'));
  const outDir = path.join(tmp, 'site');
  const previousEpoch = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = String(BUILD_NOW.getTime() / 1000);
  try {
    const result = await buildSite({
      root: REPO,
      outDir,
      cacheDir: path.join(tmp, 'cache'),
      cache: false,
      now: BUILD_NOW,
    });
    if (!result.ok) {
      const lines = result.diagnostics.map((d) => formatDiagnostic(d, undefined, false));
      throw new Error(`Sample site build failed:\n${lines.join('\n')}`);
    }
  } finally {
    if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previousEpoch;
  }

  const notFound = await readFile(path.join(outDir, '404.html'));
  const serve = sirv(outDir, { dev: false, etag: true, dotfiles: false });
  const server: Server = createServer((req, res) => {
    serve(req, res, () => {
      // Static hosts answer unknown URLs with the site's 404 page.
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(notFound);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('outDir', outDir);

  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(tmp, { recursive: true, force: true });
  };
}
