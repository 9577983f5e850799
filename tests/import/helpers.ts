import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runImport } from '../../src/import/run.js';
import type { Generator } from '../../src/import/model.js';
import { FIXED_NOW, lineDiff, listTree, REPO } from '../helpers/site.js';

export const IMPORT_FIXTURES = path.join(REPO, 'tests/fixtures/import');
export const srcOf = (g: Generator) => path.join(IMPORT_FIXTURES, g, 'src');

/** Import a fixture into a fresh temp folder (fixed clock). */
export async function importFixture(g: Generator, options: { dryRun?: boolean } = {}) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-import-'));
  const dest = path.join(tmp, 'site');
  const result = runImport({ generator: g, src: srcOf(g), dest, now: FIXED_NOW, ...options });
  return { tmp, dest, result, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

/**
 * Compare DEST with `tests/fixtures/import/<g>/expected/` byte for byte (UPDATE_GOLDEN=1
 * rewrites it). Build output (dist/, .cache/) is not part of it.
 */
export async function expectImportGolden(g: Generator, dest: string): Promise<void> {
  const expectedDir = path.join(IMPORT_FIXTURES, g, 'expected');
  const actual = (await listTree(dest)).filter(
    (f) => !f.startsWith('dist/') && !f.startsWith('.cache/'),
  );
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await rm(expectedDir, { recursive: true, force: true });
    for (const rel of actual) {
      await mkdir(path.dirname(path.join(expectedDir, rel)), { recursive: true });
      await cp(path.join(dest, rel), path.join(expectedDir, rel));
    }
    return;
  }
  const expected = await listTree(expectedDir);
  const problems: string[] = [];
  const missing = expected.filter((f) => !actual.includes(f));
  const extra = actual.filter((f) => !expected.includes(f));
  if (missing.length) problems.push(`Missing from DEST:\n  ${missing.join('\n  ')}`);
  if (extra.length) problems.push(`Not in expected/ but in DEST:\n  ${extra.join('\n  ')}`);
  for (const rel of actual.filter((f) => expected.includes(f))) {
    const a = await readFile(path.join(dest, rel));
    const e = await readFile(path.join(expectedDir, rel));
    if (Buffer.compare(a, e) !== 0) {
      problems.push(`${rel} differs:\n${lineDiff(e.toString('utf8'), a.toString('utf8'))}`);
      break;
    }
  }
  if (problems.length)
    throw new Error(
      `Import of ${g} does not match expected/ (UPDATE_GOLDEN=1 rewrites it after a deliberate change).\n\n${problems.join('\n\n')}`,
    );
}
