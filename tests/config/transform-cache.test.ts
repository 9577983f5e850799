import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cachedTransform, persistTransforms } from '../../src/config/transform-cache.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'colophon-transform-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the config's compiled form is cached", () => {
  const opts = {
    source: 'export default { title: "T" } as const;',
    filename: '/x/colophon.config.ts',
    ts: true,
  };

  test('compiled once, saved only when asked, then read back instead of compiling', async () => {
    let calls = 0;
    const compile = () => {
      calls++;
      return 'module.exports = { default: { title: "T" } };';
    };
    const t = cachedTransform(dir, compile);
    expect(t(opts).code).toContain('title');
    expect(await readdir(dir)).toEqual([]); // nothing written before the build goes ahead
    persistTransforms();
    expect((await readdir(dir)).length).toBe(1);
    expect(cachedTransform(dir, compile)(opts).code).toBe(
      'module.exports = { default: { title: "T" } };',
    );
    expect(calls).toBe(1);
    // Another source is another entry.
    cachedTransform(dir, compile)({ ...opts, source: opts.source + ' ' });
    expect(calls).toBe(2);
  });

  test('a damaged file is not trusted: the config is compiled again', async () => {
    const [name] = await readdir(dir);
    const file = path.join(dir, name!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"T"', '"X"'));
    let calls = 0;
    const code = cachedTransform(dir, () => {
      calls++;
      return 'fresh';
    })(opts).code;
    expect(code).toBe('fresh');
    expect(calls).toBe(1);
  });
});
