import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadEntry, slugFromName, type SourceFile } from '../../src/content/index.js';

/** The entry cache stores entries without their body: a warm load must give the same entry. */

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'colophon-entry-cache-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function source(abs: string): SourceFile {
  const name = path.basename(abs, '.md');
  return {
    kind: 'post',
    abs,
    file: `content/posts/${name}.md`,
    slug: slugFromName(name),
    bundle: false,
    dir: 'content/posts',
    assets: [],
  };
}

/** Like the disk cache: values go through JSON. */
function jsonCache() {
  const store = new Map<string, string>();
  return {
    store,
    get: (k: string) => (store.has(k) ? JSON.parse(store.get(k)!) : undefined),
    set: (k: string, v: unknown) => void store.set(k, JSON.stringify(v)),
  };
}

describe('entry cache', () => {
  for (const [name, text] of [
    [
      'plain',
      '---\ntitle: "Plain"\ndate: 2022-01-01\n---\n\nBody with **bold**.\n\n```js\nlet a = 1;\n```\n',
    ],
    [
      'bom-crlf',
      '\uFEFF---\r\ntitle: "Windows"\r\ndate: 2022-01-02\r\n---\r\n\r\nCRLF body \u2014 with a dash.\r\n',
    ],
    ['empty-body', '---\ntitle: "Empty"\ndate: 2022-01-03\n---\n'],
    ['no-blank-line', '---\ntitle: "Tight"\ndate: 2022-01-04\n---\nStraight into the body.'],
  ] as const) {
    test(`a warm load equals a cold one: ${name}`, async () => {
      const abs = path.join(dir, `${name}.md`);
      await writeFile(abs, text);
      const cache = jsonCache();
      const cold = await loadEntry(source(abs), cache);
      expect(cold.entry).not.toBeNull();
      expect(cache.store.size).toBe(1);
      // The body is the end of the source, so it is not stored (CRLF: the parser normalised it).
      if (name !== 'bom-crlf') expect([...cache.store.values()][0]).not.toContain('"body"');
      const warm = await loadEntry(source(abs), cache);
      expect(warm.entry).toEqual(cold.entry);
      expect(warm.entry!.body).toBe(cold.entry!.body);
      expect(warm.source).toBe(cold.source);
    });
  }
});
