/**
 * The backstop behind the pre-parse bound: a body that renders for longer than the time limit is
 * stopped (its worker terminated and replaced) and refused as `markdown/too-complex` at its first
 * line, and a signal is honoured while a worker is busy. A body that is slow in a way no bound
 * catches is made with a test hook (COLOPHON_TEST_SLOW_MARKDOWN): the worker spins on it.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/pipeline/build-site.js';
import {
  cleanupAll,
  FIXED_NOW,
  hashTree,
  leftovers,
  makeProject,
  manyPosts,
  post,
  runCli,
  startCli,
  finished,
  waitFor,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);

const SLOW = { COLOPHON_TEST_SLOW_MARKDOWN: 'SPIN-HERE', COLOPHON_MARKDOWN_TIME_LIMIT: '1' };
const slowPost = post({ title: 'Slow', date: '2024-03-01' }, '\nA paragraph. SPIN-HERE\n');
const refusal =
  'content/posts/slow.md:7:1 error [markdown/too-complex] The Markdown is too complex to render ' +
  'in bounded time (rendering it took over 1 s and was stopped); the body is left empty. Split ' +
  'the document, or simplify its longest paragraphs, tables and lists.';

let p: Project;
let before = '';
beforeAll(async () => {
  p = await makeProject(manyPosts(3));
  const first = await runCli(['build', '--root', p.root]);
  expect(first.code, first.stderr).toBe(0);
  before = await hashTree(p.out);
  await writeFile(path.join(p.root, 'content/posts/slow.md'), slowPost);
}, 120_000);

describe('a body over the time limit', () => {
  it('is stopped and refused at its first line; the output stays as it was', async () => {
    const r = await runCli(['build', '--root', p.root], { env: SLOW });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(refusal);
    expect(r.stderr).not.toMatch(/bug in Colophon|\n\s+at /);
    expect(await hashTree(p.out)).toBe(before);
    expect(await leftovers(p.out)).toEqual([]);
  }, 120_000);

  it('in a pool run, only that body is refused; its worker is replaced for the others', async () => {
    const q = await makeProject({
      ...manyPosts(70),
      'content/posts/slow.md': slowPost,
    });
    process.env.COLOPHON_TEST_SLOW_MARKDOWN = SLOW.COLOPHON_TEST_SLOW_MARKDOWN;
    process.env.COLOPHON_MARKDOWN_TIME_LIMIT = SLOW.COLOPHON_MARKDOWN_TIME_LIMIT;
    try {
      const r = await buildSite({ root: q.root, cache: false, workers: 2, now: FIXED_NOW });
      expect(r.diagnostics.map((d) => `${d.rule} ${d.span?.file}:${d.span?.line}`)).toEqual([
        'markdown/too-complex content/posts/slow.md:7',
      ]);
    } finally {
      delete process.env.COLOPHON_TEST_SLOW_MARKDOWN;
      delete process.env.COLOPHON_MARKDOWN_TIME_LIMIT;
    }
  }, 180_000);
});

describe('a signal while a worker renders a body without end', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    it(`${signal}: exit ${code} at once, lock removed, output unchanged`, async () => {
      const child = startCli(['build', '--root', p.root], {
        env: { ...SLOW, COLOPHON_MARKDOWN_TIME_LIMIT: '600' },
      });
      const busy = await waitFor(() => child.output.stderr.includes('without end'), 90_000);
      expect(busy, child.output.stderr).toBe(true);
      const sent = performance.now();
      child.kill(signal);
      const r = await finished(child);
      // One second is the promise; three leave room for a loaded machine's process exit.
      expect(performance.now() - sent).toBeLessThan(3_000);
      expect(r.code).toBe(code);
      expect(r.stderr).not.toMatch(/bug in Colophon|\n\s+at /);
      expect(await hashTree(p.out)).toBe(before);
      // No staging folder and no lock file (`.dist.colophon-lock`) beside the output.
      expect(await leftovers(p.out)).toEqual([]);
      expect(existsSync(path.join(p.root, '.dist.colophon-lock'))).toBe(false);
    }, 120_000);
});
