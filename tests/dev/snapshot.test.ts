import http from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { copyFixture } from '../incremental/helpers.js';

/**
 * `serve` answers every request with one complete version of a file, also while rebuilds replace
 * it: keep-alive clients hammer the feeds while a post's title is edited 200 times in 10 s. A
 * length taken from one version and bytes from another gave responses the client cannot parse
 * (HPE_INVALID_CONSTANT) or truncated ones.
 */

let root = '';
let server: RunningServer;

beforeAll(async () => {
  root = await copyFixture('blog');
  server = await startServer({
    root,
    host: '127.0.0.1',
    port: 0,
    drafts: false,
    future: false,
    debounceMs: 5,
  });
});

afterAll(async () => {
  await server?.close();
  await rm(path.dirname(root), { recursive: true, force: true });
});

interface Answer {
  path: string;
  status: number;
  length: number | undefined;
  body: Buffer;
}

function request(agent: http.Agent, port: number, p: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          path: p,
          status: res.statusCode ?? 0,
          length: res.headers['content-length'] ? Number(res.headers['content-length']) : undefined,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('serve under rapid edits', () => {
  it('every response to keep-alive clients parses and is one whole version of the feed', async () => {
    const file = path.join(root, 'content/posts/caching-basics.md');
    // The newest post, so that the site's feeds show it (they list the 6 newest).
    const source = (await readFile(file, 'utf8')).replace('date: 2021-04-04', 'date: 2025-05-01');
    await writeFile(file, source);
    await server.nextRebuild();
    const titles = new Set(['Caching Basics']);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    const answers: Answer[] = [];
    const failures: string[] = [];
    let editing = true;
    const client = async (p: string) => {
      while (editing) {
        try {
          answers.push(await request(agent, server.port, p));
        } catch (e) {
          failures.push(`${p}: ${(e as Error).message}`);
        }
      }
    };
    const clients = ['/rss.xml', '/feed.json', '/rss.xml', '/feed.json', '/atom.xml', '/'].map(
      client,
    );
    for (let i = 0; i < 200; i++) {
      const title = `Caching Basics, take ${i}`;
      titles.add(title);
      await writeFile(file, source.replace('"Caching Basics"', JSON.stringify(title)));
      await new Promise((r) => setTimeout(r, 50));
    }
    await server.nextRebuild();
    editing = false;
    await Promise.all(clients);
    agent.destroy();

    expect(failures).toEqual([]);
    expect(answers.length).toBeGreaterThan(200);
    const bad: string[] = [];
    for (const a of answers) {
      const text = a.body.toString('utf8');
      if (a.status !== 200) bad.push(`${a.path}: status ${a.status}`);
      else if (a.length !== undefined && a.length !== a.body.length)
        bad.push(`${a.path}: Content-Length ${a.length}, ${a.body.length} bytes`);
      else if (a.path === '/feed.json') {
        let doc: { items: { title: string }[] };
        try {
          doc = JSON.parse(text) as typeof doc;
        } catch (e) {
          bad.push(`${a.path}: ${(e as Error).message}`);
          continue;
        }
        const mine = doc.items.map((x) => x.title).filter((t) => t.startsWith('Caching Basics'));
        if (mine.length !== 1 || !titles.has(mine[0]!)) bad.push(`${a.path}: titles ${mine}`);
      } else if (a.path.endsWith('.xml')) {
        const v = XMLValidator.validate(text);
        if (v !== true) bad.push(`${a.path}: ${v.err.msg}`);
        else {
          // One version: every mention of the post's title (item title, in CDATA or not) agrees.
          const seen = new Set(text.match(/Caching Basics(?:, take \d+)?(?=\]\]>|<)/g));
          if (seen.size !== 1) bad.push(`${a.path}: titles ${[...seen]}`);
        }
      } else if (!text.trimEnd().endsWith('</html>')) bad.push(`${a.path}: truncated page`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  }, 60_000);
});
