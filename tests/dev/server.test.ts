import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { copyFixture, tempDir } from '../incremental/helpers.js';
import { editFile } from '../helpers/site.js';
import { EventStream, get } from './http.js';

/**
 * The real `serve` server over real HTTP: request hardening (traversal in every encoding,
 * symlinks out of the output folder, DNS rebinding through the Host header, foreign Origins on
 * the reload endpoint), response-time injection of the reload client, live reload events, the
 * error overlay's events, and the CLI's port-in-use and Ctrl-C behaviour.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(REPO, 'bin/colophon.js');
/** The injected reload client, tagged with the URL of the page it was served with. */
const CLIENT =
  /<script data-colophon-page="[^"]*" type="module" src="\/__colophon\/client\.js"><\/script>/;
const clientFor = (page: string) =>
  `<script data-colophon-page="${page}" type="module" src="/__colophon/client.js"></script>`;

let root = '';
let server: RunningServer;
let port = 0;

beforeAll(async () => {
  root = await copyFixture('blog');
  server = await startServer({
    root,
    host: '127.0.0.1',
    port: 0,
    drafts: false,
    future: false,
    debounceMs: 30,
  });
  port = server.port;
});

afterAll(async () => {
  await server?.close();
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('request hardening', () => {
  const traversal = [
    '/../../../../etc/passwd',
    '/posts/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/%25252e%25252e/etc/passwd',
    '/index.html%00.txt',
    '/%00/etc/passwd',
    '/..\\..\\..\\etc\\passwd',
    '/posts\\..\\..\\etc\\passwd',
    '/.%2e/.%2e/etc/passwd',
    '/%c0%ae%c0%ae/etc/passwd',
  ];
  for (const p of traversal) {
    it(`refuses ${p} with a 4xx and never a file outside the site`, async () => {
      const r = await get(port, p);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body).not.toMatch(/root:.*:0:0:/);
    });
  }

  it('refuses a symlink in the output folder that leads outside it', async () => {
    const out = server.session.outDir;
    await symlink('/etc', path.join(out, 'etc-link'));
    await symlink('/etc/passwd', path.join(out, 'passwd.html'));
    await symlink('/etc/passwd', path.join(out, 'passwd.txt'));
    for (const p of ['/etc-link/passwd', '/etc-link/', '/passwd.html', '/passwd.txt']) {
      const r = await get(port, p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
      expect(r.body).not.toMatch(/root:.*:0:0:/);
    }
  });

  it('refuses a Host header that is not this machine (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      'localhost.evil.example',
      `127.0.0.1.nip.io:${port}`,
    ]) {
      const r = await get(port, '/', { host });
      expect(r.status, host).toBe(403);
    }
    // No Host at all: Node's HTTP/1.1 parser answers 400 before the handler runs.
    const none = await get(port, '/', {}, { noHost: true });
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.status).toBeLessThan(500);
  });

  it('accepts localhost and the bound address as Host', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost']) {
      const r = await get(port, '/', { host });
      expect(r.status, host).toBe(200);
    }
  });

  it('refuses a foreign Origin on the reload endpoint, accepts its own', async () => {
    const evil = await EventStream.open(port, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    evil.close();
    const evilPort = await EventStream.open(port, { origin: `http://evil.example:${port}` });
    expect(evilPort.status).toBe(403);
    evilPort.close();
    const own = await EventStream.open(port, { origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
    own.close();
    const none = await EventStream.open(port);
    expect(none.status).toBe(200);
    none.close();
  });

  it('only serves GET and HEAD', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = (globalThis as unknown as { fetch: typeof fetch }).fetch(
        `http://127.0.0.1:${port}/`,
        { method: 'POST', body: 'x' },
      );
      req.then((res) => resolve(res.status), reject);
    });
    expect(r).toBe(405);
  });
});

describe('pages', () => {
  it('serves HTML with the reload client injected; the built file does not contain it', async () => {
    const r = await get(port, '/posts/alpha-1/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain(clientFor('/posts/alpha-1/'));
    expect(r.body.indexOf(clientFor('/posts/alpha-1/'))).toBeLessThan(r.body.indexOf('</body>'));
    const built = await readFile(
      path.join(server.session.outDir, 'posts/alpha-1/index.html'),
      'utf8',
    );
    expect(built).not.toContain('__colophon');
    expect(r.body.replace(CLIENT, '')).toBe(built);
    expect((await get(port, '/posts/alpha-1/index.html')).body).toContain(
      clientFor('/posts/alpha-1/'),
    );
  });

  it('serves other files untouched', async () => {
    const r = await get(port, '/notes.txt');
    expect(r.status).toBe(200);
    expect(r.body).toBe('Static notes, copied verbatim.\n');
    const feed = await get(port, '/rss.xml');
    expect(feed.status).toBe(200);
    expect(feed.body).not.toContain('__colophon');
  });

  it('redirects a folder without its trailing slash', async () => {
    const r = await get(port, '/posts/alpha-1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/posts/alpha-1/');
  });

  it('answers an unknown path with the site 404 page and status 404', async () => {
    const r = await get(port, '/no/such/page/');
    expect(r.status).toBe(404);
    expect(r.body).toContain('Page not found');
    expect(r.body).toContain(clientFor('/404.html'));
  });

  it('serves the reload client', async () => {
    const r = await get(port, '/__colophon/client.js');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.body).toContain("new EventSource('/__colophon/events')");
  });
});

describe('live reload and the error overlay', () => {
  const post = () => path.join(root, 'content/posts/caching-basics.md');

  it('sends `reload` with the changed URL after an edit', async () => {
    const es = await EventStream.open(port);
    const reload = es.next((e) => e.event === 'reload');
    const src = await readFile(post(), 'utf8');
    await writeFile(
      post(),
      src.replace('LRU is a fine default.', 'LRU is a fine default, usually.'),
    );
    const e = await reload;
    expect(JSON.parse(e.data).urls).toContain('/posts/caching-basics/');
    expect((await get(port, '/posts/caching-basics/')).body).toContain(
      'LRU is a fine default, usually.',
    );
    es.close();
  });

  it('sends `css` (not a reload) when only a stylesheet changed', async () => {
    const es = await EventStream.open(port);
    const css = es.next((e) => e.event === 'css' || e.event === 'reload');
    await writeFile(path.join(root, 'public/css/fixture.css'), '.card { margin: 2rem 0; }\n');
    const e = await css;
    expect(e.event).toBe('css');
    expect(JSON.parse(e.data).urls).toEqual(['/css/fixture.css']);
    es.close();
  });

  it('broken front matter: `error` with file:line:col and a code frame; the last good page is still served', async () => {
    const es = await EventStream.open(port);
    const error = es.next((e) => e.event === 'error' && e.data !== '');
    const src = await readFile(post(), 'utf8');
    await writeFile(post(), src.replace('title: "Caching Basics"', 'title: "Caching Basics'));
    const e = await error;
    const messages = JSON.parse(e.data).messages as string[];
    expect(messages.join('\n')).toMatch(/content\/posts\/caching-basics\.md:\d+:\d+ error/);
    expect(messages.join('\n')).toMatch(/> +\d+ \| /);
    const page = await get(port, '/posts/caching-basics/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('LRU is a fine default, usually.');

    // A browser that connects (or reconnects) while the site is broken sees the overlay at once.
    const late = await EventStream.open(port);
    await late.next((x) => x.event === 'error' && x.data !== '', { past: true });
    late.close();

    const ok = es.next((x) => x.event === 'ok');
    const reload = es.next((x) => x.event === 'reload');
    await writeFile(
      post(),
      src.replace('LRU is a fine default, usually.', 'LRU is a fine default, mostly.'),
    );
    await ok;
    expect(JSON.parse((await reload).data).urls).toContain('/posts/caching-basics/');
    expect((await get(port, '/posts/caching-basics/')).body).toContain('mostly.');
    es.close();
  });

  it('a config change rebuilds everything and reloads every page', async () => {
    const es = await EventStream.open(port);
    const reload = es.next((e) => e.event === 'reload');
    await editFile(
      path.join(root, 'colophon.config.ts'),
      "title: 'Incremental Fixture'",
      "title: 'Renamed Fixture'",
    );
    expect(JSON.parse((await reload).data).urls).toEqual(['*']);
    expect((await get(port, '/')).body).toContain('Renamed Fixture');
    es.close();
  });

  it('a burst of saves (an editor writing a temp file and renaming it) is one rebuild', async () => {
    const file = path.join(root, 'content/posts/queue-theory.md');
    const src = await readFile(file, 'utf8');
    let rebuilds = 0;
    const es = await EventStream.open(port);
    const first = es.next((e) => e.event === 'reload');
    void first.then(() => rebuilds++);
    for (let i = 0; i < 5; i++) {
      const tmp = `${file}.tmp${i}`;
      await writeFile(tmp, src.replace("Little's law", `Little's law (save ${i})`));
      await import('node:fs/promises').then((fs) => fs.rename(tmp, file));
    }
    await first;
    await new Promise((r) => setTimeout(r, 400));
    expect(rebuilds).toBe(1);
    expect(es.events.filter((e) => e.event === 'reload')).toHaveLength(1);
    expect((await get(port, '/posts/queue-theory/')).body).toContain('(save 4)');
    es.close();
  });
});

describe('a site that is broken when the server starts', () => {
  it('serves an HTML 404 that carries the client, replays the error, and recovers on the fix', async () => {
    const broken = await copyFixture('blog');
    const file = path.join(broken, 'content/posts/alpha-2.md');
    const src = await readFile(file, 'utf8');
    await writeFile(file, src.replace('date: 2023-05-10', 'date: 2023-02-30'));
    const s = await startServer({
      root: broken,
      host: '127.0.0.1',
      port: 0,
      drafts: false,
      future: false,
      debounceMs: 30,
    });
    try {
      const home = await get(s.port, '/');
      expect(home.status).toBe(404);
      expect(home.headers['content-type']).toMatch(/^text\/html/);
      expect(home.body).toMatch(CLIENT);
      const es = await EventStream.open(s.port);
      const e = await es.next((x) => x.event === 'error' && x.data !== '', { past: true });
      expect(JSON.parse(e.data).messages.join('\n')).toMatch(
        /content\/posts\/alpha-2\.md:\d+:\d+ error/,
      );
      const reload = es.next((x) => x.event === 'reload');
      const ok = es.next((x) => x.event === 'ok');
      await writeFile(file, src);
      await ok;
      expect(JSON.parse((await reload).data).urls).toContain('/');
      expect((await get(s.port, '/')).status).toBe(200);
      es.close();
    } finally {
      await s.close();
      await rm(path.dirname(broken), { recursive: true, force: true });
    }
  });
});

describe('the serve command', () => {
  function cli(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    return { child, exited, out: () => stdout, err: () => stderr };
  }

  async function waitFor(test: () => boolean, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a port in use: a clear message, a suggestion, a non-zero exit', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as net.AddressInfo).port;
    const tmp = await tempDir('serve-busy');
    try {
      const c = cli(['--root', root, '--port', String(busy)], { TMPDIR: tmp });
      const code = await c.exited;
      expect(code).not.toBe(0);
      expect(c.err()).toContain(`Port ${busy} is already in use`);
      expect(c.err()).toContain(`--port ${busy + 1}`);
      // Nothing left behind: the output folder of the aborted session is gone.
      expect((await readdir(tmp)).filter((n) => n.startsWith('colophon-serve-'))).toEqual([]);
    } finally {
      blocker.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('Ctrl-C stops cleanly: exit 0, quickly, temp output folder removed', async () => {
    const tmp = await tempDir('serve-sigint');
    try {
      const c = cli(['--root', root, '--port', '0'], { TMPDIR: tmp });
      await waitFor(() => /Serving http:\/\/127\.0\.0\.1:\d+\//.test(c.out()));
      const url = /Serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(c.out())!;
      const r = await get(Number(url[2]), '/');
      expect(r.status).toBe(200);
      const dirs = (await readdir(tmp)).filter((n) => n.startsWith('colophon-serve-'));
      expect(dirs).toHaveLength(1);
      const es = await EventStream.open(Number(url[2]));
      const t0 = Date.now();
      c.child.kill('SIGINT');
      const code = await c.exited;
      expect(code).toBe(0);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(existsSync(path.join(tmp, dirs[0]!))).toBe(false);
      es.close();
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('--host other than loopback prints a warning', async () => {
    const c = cli(['--root', root, '--port', '0', '--host', '0.0.0.0']);
    await waitFor(() => /Serving/.test(c.out()));
    expect(c.err()).toMatch(/Warning: serving on 0\.0\.0\.0/);
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(0);
  });
});
