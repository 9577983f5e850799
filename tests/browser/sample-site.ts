/**
 * The sample blog, built once with the programmatic API and served from 127.0.0.1: used by the
 * browser suite's global setup and by `npm run lighthouse`.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import sirv from 'sirv';
import { buildSite } from '../../src/pipeline/index.js';
import { formatDiagnostic } from '../../src/diagnostics/index.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** After every published sample post (the last is 2026-09-22), before the scheduled one (2027). */
export const BUILD_NOW = new Date('2026-12-01T00:00:00Z');

export interface SampleSite {
  /** Temp folder holding the output (`site/`) and the build cache. */
  tmp: string;
  outDir: string;
  remove(): Promise<void>;
}

/**
 * Build content/ with a fixed clock (SOURCE_DATE_EPOCH and `now`), no cache, drafts off;
 * `baseUrl` overrides the config's (a subpath puts the site under that basePath).
 */
export async function buildSample(
  options: { baseUrl?: string; patchConfig?: (source: string) => string } = {},
): Promise<SampleSite> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-browser-'));
  const outDir = path.join(tmp, 'site');
  // A changed config: a copy of the project with the config's text patched.
  let root = REPO;
  if (options.patchConfig) {
    root = path.join(tmp, 'project');
    for (const dir of ['content', 'public', 'templates'])
      await cp(path.join(REPO, dir), path.join(root, dir), { recursive: true });
    const config = await readFile(path.join(REPO, 'colophon.config.ts'), 'utf8');
    await writeFile(path.join(root, 'colophon.config.ts'), options.patchConfig(config));
  }
  const previousEpoch = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = String(BUILD_NOW.getTime() / 1000);
  try {
    const result = await buildSite({
      root,
      outDir,
      cacheDir: path.join(tmp, 'cache'),
      cache: false,
      now: BUILD_NOW,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    });
    if (!result.ok) {
      const lines = result.diagnostics.map((d) => formatDiagnostic(d, undefined, false));
      throw new Error(`Sample site build failed:\n${lines.join('\n')}`);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previousEpoch;
  }
  return { tmp, outDir, remove: () => rm(tmp, { recursive: true, force: true }) };
}

const TEXT = /\.(html|css|js|json|xml|svg|txt)$/;

/** The bytes a static host sends for a text file: gzip at level 9, as `precompress` writes it. */
export const compressed = (bytes: Buffer): Buffer => gzipSync(bytes, { level: 9 });

/**
 * Write .gz and .br beside every text file, as static hosts serve them (sirv picks them up).
 * For `npm run lighthouse`; the browser suite's budget test compresses with `compressed`.
 */
export async function precompress(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !TEXT.test(e.name)) continue;
    const file = path.join(e.parentPath, e.name);
    const bytes = await readFile(file);
    await writeFile(`${file}.gz`, compressed(bytes));
    await writeFile(`${file}.br`, brotliCompressSync(bytes));
  }
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve a folder on 127.0.0.1 (random port) like a static host: index.html for folders, the
 * site's 404.html with status 404 for unknown URLs, precompressed files when present; under
 * `prefix` (e.g. `/blog/`) when the site was built for a subpath.
 */
export async function serve(
  dir: string,
  options: { compressed?: boolean; prefix?: string } = {},
): Promise<Served> {
  const prefix = (options.prefix ?? '/').replace(/\/$/, '');
  const notFound = await readFile(path.join(dir, '404.html'));
  const handler = sirv(dir, {
    dev: false,
    etag: true,
    dotfiles: false,
    gzip: !!options.compressed,
    brotli: !!options.compressed,
  });
  const notFoundPage = (res: ServerResponse) => {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(notFound);
  };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (prefix && url !== prefix && !url.startsWith(`${prefix}/`)) return notFoundPage(res);
    req.url = url.slice(prefix.length) || '/';
    handler(req, res, () => notFoundPage(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
