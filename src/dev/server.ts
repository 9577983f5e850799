import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import sirv from 'sirv';
import { CLIENT_JS } from './client.js';
import { Pins } from './pins.js';
import { hostAllowed, originAllowed, safePath } from './security.js';
import { isInside } from '../util/paths.js';

export interface DevServerOptions {
  /** Folder being served (the session's live output). */
  dir: () => string;
  /** basePath of the site, e.g. `/blog/`. */
  basePath: () => string;
  host: string;
  port: number;
  /** A source file served in place of an output file not written yet (an image variant). */
  standIn?: (outPath: string) => string | undefined;
}

const CLIENT_TAG = '<script type="module" src="/__colophon/client.js"></script>';

/**
 * HTTP for `serve`: security checks first, then the reload endpoint, then HTML (read and given
 * the reload client at response time, so built and served pages are otherwise identical), then
 * sirv for every other file, from a pinned version of it (pins.ts).
 */
export class DevServer {
  private server: Server | undefined;
  private clients = new Set<ServerResponse>();
  private last: { event: string; data: string } | undefined;
  private readonly pins: Pins;

  constructor(readonly opts: DevServerOptions) {
    this.pins = new Pins(opts.dir);
  }

  listen(): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end('Internal error');
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : this.opts.port);
      });
    });
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.end();
    this.clients.clear();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server?.closeAllConnections();
    await this.pins.close();
  }

  /** Send an event to every connected browser; `error`/`ok` are also replayed to new ones. */
  broadcast(event: 'reload' | 'css' | 'error' | 'ok', data: unknown): void {
    const payload = JSON.stringify(data);
    if (event === 'error' || event === 'ok') this.last = { event, data: payload };
    for (const c of this.clients) c.write(`event: ${event}\ndata: ${payload}\n\n`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, this.opts.host)) return deny(res, 403, 'Forbidden host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
    const p = safePath(req.url);
    if (p === null) return deny(res, 400, 'Bad request path');
    if (p === '/__colophon/client.js') {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      return void res.end(CLIENT_JS);
    }
    if (p === '/__colophon/events') {
      if (!originAllowed(req.headers.origin, req.headers.host, this.opts.host))
        return deny(res, 403, 'Forbidden origin');
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      if (this.last) res.write(`event: ${this.last.event}\ndata: ${this.last.data}\n\n`);
      this.clients.add(res);
      req.on('close', () => this.clients.delete(res));
      return;
    }
    const base = this.opts.basePath();
    if (!p.startsWith(base) && p + '/' !== base) return this.notFound(res);
    const rel = p.slice(base.length - 1);
    const file = await this.resolve(rel);
    if (file === 'outside') return deny(res, 403, 'Forbidden');
    if (file && file.endsWith('.html'))
      return this.sendHtml(
        res,
        file,
        200,
        req.method === 'HEAD',
        p.replace(/(^|\/)index\.html$/, '$1'),
      );
    if (file) return this.sendPinned(req, res, file);
    const standIn = this.opts.standIn?.(rel.slice(1));
    if (standIn) return this.sendStandIn(res, standIn, req.method === 'HEAD');
    if (!rel.endsWith('/') && (await this.resolve(rel + '/'))) {
      res.writeHead(301, { location: p + '/' });
      return void res.end();
    }
    return this.notFound(res);
  }

  private sirvFor = '';
  private sirvHandler: ReturnType<typeof sirv> | undefined;

  /** sirv over the pin folder: headers and bytes from one version of the file. */
  private async sendPinned(req: IncomingMessage, res: ServerResponse, file: string) {
    const pinned = await this.pins.pin(file);
    if (!pinned) return this.notFound(res);
    res.once('close', pinned.release);
    const dir = await this.pins.dir();
    if (!this.sirvHandler || this.sirvFor !== dir) {
      // dev: stat on every request (each pin is new); no dotfiles; symlinks were checked above.
      this.sirvHandler = sirv(dir, { dev: true, dotfiles: false, etag: true });
      this.sirvFor = dir;
    }
    req.url = `/${pinned.name}`;
    this.sirvHandler(req, res, () => {
      pinned.release();
      void this.notFound(res);
    });
  }

  /**
   * An image variant still being encoded: its source's bytes, not to be cached, so the browser
   * asks again and gets the variant once it is written (browsers sniff image formats, so a JPEG
   * at an `.avif` URL shows).
   */
  private async sendStandIn(res: ServerResponse, file: string, head: boolean): Promise<void> {
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) return this.notFound(res);
    const type = STAND_IN_TYPES[path.extname(file).slice(1).toLowerCase()];
    res.writeHead(200, {
      'content-type': type ?? 'application/octet-stream',
      'content-length': bytes.byteLength,
      'cache-control': 'no-store',
    });
    res.end(head ? undefined : bytes);
  }

  /** Site path -> a real file inside the served folder; 'outside' for a symlink escaping it. */
  private async resolve(rel: string): Promise<string | null | 'outside'> {
    const root = this.opts.dir();
    const candidate = path.join(root, rel.endsWith('/') ? rel + 'index.html' : rel);
    try {
      const real = await realpath(candidate);
      if (!isInside(await realpath(root), real)) return 'outside';
      return (await stat(real)).isFile() ? real : null;
    } catch {
      return null;
    }
  }

  /** `page` is the site URL of the file served: the client reloads when that URL changed. */
  private async sendHtml(
    res: ServerResponse,
    file: string,
    status: number,
    head: boolean,
    page: string,
  ): Promise<void> {
    // Read whole, so the response is one version of the page (a rebuild may replace it later).
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' && status !== 404) return null;
      throw e;
    });
    if (text === null) return this.notFound(res);
    const out = withClient(text, page);
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(head ? undefined : out);
  }

  private async notFound(res: ServerResponse): Promise<void> {
    const file = await this.resolve('/404.html');
    const page = this.opts.basePath() + '404.html';
    if (file && file !== 'outside') return this.sendHtml(res, file, 404, false, page);
    // No 404 page (the first build failed): still an HTML page, so the browser gets the overlay.
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(withClient(FALLBACK_404, page));
  }
}

const STAND_IN_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

const FALLBACK_404 =
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1><p>Nothing is published at this address (yet).</p></body></html>\n';

/** The reload client goes in at response time only: built files never contain it. */
function withClient(html: string, page: string): string {
  const tag = CLIENT_TAG.replace(
    '<script ',
    `<script data-colophon-page="${page.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}" `,
  );
  const i = html.lastIndexOf('</body>');
  return i >= 0 ? html.slice(0, i) + tag + html.slice(i) : html + tag;
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
