/**
 * `serve` keeps answering while a hostile file is being refused: the body renders on a worker
 * thread, so the server's thread stays free. The file is slow in a way no bound catches (a test
 * hook makes the worker spin on it, COLOPHON_TEST_SLOW_MARKDOWN) until the time limit stops it;
 * meanwhile every page answers at once, and afterwards the overlay shows the refusal.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { copyFixture } from '../incremental/helpers.js';
import { EventStream, get } from './http.js';

const LIMIT_S = 8;
let root = '';
let server: RunningServer;

beforeAll(async () => {
  process.env.COLOPHON_TEST_SLOW_MARKDOWN = 'SPIN-HERE';
  process.env.COLOPHON_MARKDOWN_TIME_LIMIT = String(LIMIT_S);
  root = await copyFixture('blog');
  server = await startServer({
    root,
    host: '127.0.0.1',
    port: 0,
    drafts: false,
    future: false,
    debounceMs: 30,
  });
}, 120_000);

afterAll(async () => {
  delete process.env.COLOPHON_TEST_SLOW_MARKDOWN;
  delete process.env.COLOPHON_MARKDOWN_TIME_LIMIT;
  await server?.close();
  await rm(path.dirname(root), { recursive: true, force: true });
});

const timedGet = async (port: number, url: string) => {
  const started = performance.now();
  const r = await get(port, url);
  return { status: r.status, body: r.body, ms: performance.now() - started };
};

describe('a body that renders without end, saved while serve runs', () => {
  it('every page answers during the refusal; then the overlay shows it', async () => {
    const port = server.port;
    const es = await EventStream.open(port);
    const refused = es.next((e) => e.event === 'error' && e.data !== '');
    let settled = false;
    void refused.then(() => (settled = true));
    // The worker says when it is busy with the body (on stderr, forwarded by this thread).
    let busy = false;
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
      if (String(chunk).includes('without end')) busy = true;
      return write(chunk as string, ...(rest as []));
    });
    const file = path.join(root, 'content/posts/caching-basics.md');
    const src = await readFile(file, 'utf8');
    await writeFile(file, `${src}\nA paragraph that never ends. SPIN-HERE\n`);
    try {
      const start = performance.now();
      while (!busy && performance.now() - start < 60_000)
        await new Promise((r) => setTimeout(r, 20));
      expect(busy).toBe(true);
    } finally {
      spy.mockRestore();
    }
    for (const url of ['/', '/posts/caching-basics/', '/rss.xml']) {
      const r = await timedGet(port, url);
      expect(r.status, url).toBe(200);
      // Far under the time limit: answered while the worker spins, not after it was stopped.
      expect(r.ms, url).toBeLessThan(2_000);
    }
    expect(settled).toBe(false);
    const messages = (JSON.parse((await refused).data) as { messages: string[] }).messages;
    expect(messages.join('\n')).toMatch(
      new RegExp(
        `content/posts/caching-basics\\.md:\\d+:1 error \\[markdown/too-complex\\] The Markdown ` +
          `is too complex to render in bounded time \\(rendering it took over ${LIMIT_S} s and ` +
          `was stopped\\)`,
      ),
    );
    // The last good page is still served, at once.
    const after = await timedGet(port, '/posts/caching-basics/');
    expect(after.status).toBe(200);
    expect(after.body).not.toContain('SPIN-HERE');
    es.close();
  }, 120_000);
});
