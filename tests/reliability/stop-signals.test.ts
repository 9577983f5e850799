/**
 * SIGINT or SIGTERM at any stage of `build` is reported as a stop, never as a bug: no stack, no
 * "This is a bug in Colophon", no diagnostics that are only consequences of the stop (a write
 * refused because the build was aborting), exit code 128+n, the previous output unchanged and
 * nothing left beside it. The signal is sent from inside the build (COLOPHON_TEST_SIGNAL_AT), a
 * few milliseconds into each stage, so every stage is hit while it works, and the time from the
 * signal to the process's exit is measured (the promise is 1 s; see docs/reliability.md).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupAll,
  hashTree,
  leftovers,
  makeProject,
  manyPosts,
  runCli,
  type Project,
} from './helpers.js';

let logs = '';
afterAll(async () => {
  await cleanupAll();
  await rm(logs, { recursive: true, force: true });
});

let p: Project;
let before = '';
beforeAll(async () => {
  logs = await mkdtemp(path.join(os.tmpdir(), 'colophon-signal-'));
  p = await makeProject(
    {
      ...manyPosts(12),
      'content/posts/pic/index.md':
        '---\ntitle: Pic\ndate: 2025-01-01\n---\n\n![A red square](./red.png)\n',
      'content/posts/pic/red.png': await sharp({
        create: { width: 1600, height: 900, channels: 3, background: '#c33' },
      })
        .png()
        .toBuffer(),
    },
    { socialCards: { enabled: true }, search: { enabled: true } },
  );
  const first = await runCli(['build', '--root', p.root]);
  expect(first.code, first.stderr).toBe(0);
  before = await hashTree(p.out);
  // Every page changes, so that a finished build could not look unchanged.
  const config = path.join(p.root, 'colophon.config.ts');
  await writeFile(config, (await readFile(config, 'utf8')).replace('"Reliability"', '"Edited"'));
}, 180_000);

const stages = [
  'content',
  'graph',
  'markdown',
  'routes',
  'render',
  'assets',
  'images',
  'cards',
  'search',
  'publish',
];

describe('a signal during each stage of build', () => {
  for (const stage of stages)
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      if (signal === 'SIGTERM' && !['markdown', 'cards'].includes(stage)) continue;
      it(`${signal} during ${stage}: "Stopped", exit ${code}, output unchanged`, async () => {
        const log = path.join(logs, `${stage}-${signal}`);
        const r = await runCli(['build', '--root', p.root], {
          env: { COLOPHON_TEST_SIGNAL_AT: `${stage}:${signal}`, COLOPHON_TEST_SIGNAL_LOG: log },
        });
        // Exit came within the bound of the signal: 1 s is the promise, measured on a quiet
        // machine; 3 s leave room for a loaded one's process exit, and still catch a stage that
        // holds the event loop (a parse that ignores signals ran for minutes).
        const stoppedIn = Date.now() - Number(await readFile(log, 'utf8'));
        expect(stoppedIn).toBeLessThan(3_000);
        expect(r.stderr).not.toMatch(/bug in Colophon|\n\s+at |error \[/);
        // A publish, once begun, finishes: the output is the new build, whole.
        if (stage === 'publish') {
          if (r.code === 0) expect(r.stderr).toBe('');
          else
            expect(r.stderr.trim()).toBe(
              `Stopped by ${signal}; dist holds this build (it was published before the stop).`,
            );
          expect(await hashTree(p.out)).not.toBe(before);
          expect(await leftovers(p.out)).toEqual([]);
          return;
        }
        expect(r.stderr.trim()).toBe(`Stopped by ${signal}; dist was left as it was.`);
        expect(r.code).toBe(code);
        expect(await hashTree(p.out)).toBe(before);
        expect(await leftovers(p.out)).toEqual([]);
      }, 60_000);
    }
});
