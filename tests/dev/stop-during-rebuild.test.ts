/**
 * Ctrl-C (or a kill) while `serve` is in the middle of a rebuild stops at once: the rebuild is
 * abandoned rather than awaited, the temporary output folder is removed, exit code 0. The rebuild
 * is held busy with a test hook (COLOPHON_TEST_SLOW_MARKDOWN makes the worker spin on a body) and a
 * time limit far above the bound, so only abandoning it can pass.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../incremental/helpers.js';
import { finished, startCli, waitFor } from '../reliability/helpers.js';

const cleanup: string[] = [];
afterAll(async () => {
  for (const d of cleanup) await rm(d, { recursive: true, force: true });
});

describe('a signal while serve rebuilds', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal}: exit 0 within the bound, temporary output removed`, async () => {
      const root = await copyFixture('blog');
      const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-serve-stop-'));
      cleanup.push(path.dirname(root), tmp);
      const child = startCli(['serve', '--root', root, '--port', '0'], {
        env: {
          TMPDIR: tmp,
          COLOPHON_TEST_SLOW_MARKDOWN: 'SPIN-HERE',
          COLOPHON_MARKDOWN_TIME_LIMIT: '600',
        },
      });
      try {
        const up = await waitFor(() => /Serving http/.test(child.output.stdout), 90_000);
        expect(up, child.output.stdout + child.output.stderr).toBe(true);
        const dirs = (await readdir(tmp)).filter((n) => n.startsWith('colophon-serve-'));
        expect(dirs).toHaveLength(1);
        const file = path.join(root, 'content/posts/caching-basics.md');
        await writeFile(file, `${await readFile(file, 'utf8')}\nSPIN-HERE\n`);
        const busy = await waitFor(() => child.output.stderr.includes('without end'), 90_000);
        expect(busy, child.output.stderr).toBe(true);
        const sent = Date.now();
        child.kill(signal);
        const r = await finished(child);
        // One second is the promise; three leave room for a loaded machine's process exit.
        expect(Date.now() - sent).toBeLessThan(3_000);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toMatch(/bug in Colophon|\n\s+at /);
        expect(existsSync(path.join(tmp, dirs[0]!))).toBe(false);
      } finally {
        child.kill('SIGKILL');
      }
    }, 200_000);
});
