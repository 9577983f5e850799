/**
 * Promise 2, clean and deterministic: the output holds exactly what this build produced (no
 * stale files), and the same input gives the same bytes in another time zone, another locale,
 * another day (SOURCE_DATE_EPOCH, as long as no post changes future/expired status), another
 * directory order and another project folder. Dates come from content; feeds' updated is the
 * newest post change, never the clock.
 *
 * tests/fixtures/hostile/determinism has dates just either side of midnight in the extreme time
 * zones, non-ASCII topics that sort differently per locale, a bundle, a series, pagination, and
 * keeps search and social cards on (their bytes count too).
 */
import { syncBuiltinESMExports } from 'node:module';
import fs from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  cleanupAll,
  copyProject,
  hashTree,
  HOSTILE,
  listTree,
  runCli,
  tempDir,
  treeDiff,
  type Project,
} from './helpers.js';

afterAll(cleanupAll);

const FIXTURE = path.join(HOSTILE, 'determinism');
/** 2026-06-01 and 2026-06-20: the same posts are future (2031) or expired (none) on both days. */
const DAY1 = '1780272000';
const DAY2 = '1781913600';

let reference: Project;
let referenceHash: string;

beforeAll(async () => {
  reference = await copyProject(FIXTURE);
  const r = await build(reference.root);
  expect(r.diagnostics).toEqual([]);
  referenceHash = await hashTree(reference.out);
}, 60_000);

describe('the same input gives the same bytes', () => {
  it('in another time zone, locale and day (the CLI under TZ, LANG/LC_ALL, SOURCE_DATE_EPOCH)', async () => {
    const tmp = await tempDir();
    const runs = [
      { TZ: 'UTC', LANG: 'C', LC_ALL: 'C', SOURCE_DATE_EPOCH: DAY1 },
      {
        TZ: 'Pacific/Kiritimati',
        LANG: 'de_DE.UTF-8',
        LC_ALL: 'de_DE.UTF-8',
        SOURCE_DATE_EPOCH: DAY2,
      },
    ];
    const outs: string[] = [];
    for (const [i, env] of runs.entries()) {
      const out = path.join(tmp, `out-${i}`);
      const r = await runCli(['build', '--root', reference.root, '--out', out, '--no-cache'], {
        env,
      });
      expect(r.code, r.stderr).toBe(0);
      outs.push(out);
    }
    expect(await treeDiff(outs[0]!, outs[1]!)).toEqual([]);
    // And the same as the in-process build with its fixed clock (another process, another day).
    expect(await treeDiff(outs[0]!, reference.out)).toEqual([]);
  });

  it('on another day in process (a different "now" with the same future/expired posts)', async () => {
    const p = await copyProject(FIXTURE);
    expect((await build(p.root, { now: new Date(Number(DAY2) * 1000) })).ok).toBe(true);
    expect(await treeDiff(p.out, reference.out)).toEqual([]);
  });

  it('from another folder, with the files created in reverse order and listed in reverse order', async () => {
    // Copy file by file in reverse order into a differently named folder...
    const tmp = await tempDir();
    const root = path.join(tmp, 'elsewhere', 'copy of site');
    const files = (await listTree(FIXTURE)).reverse();
    for (const rel of files) {
      await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await writeFile(path.join(root, rel), await readFile(path.join(FIXTURE, rel)));
    }
    // ...and make every directory listing come back reversed, whatever the file system does.
    const original = fs.promises.readdir;
    fs.promises.readdir = (async (...args: Parameters<typeof original>) => {
      const list = (await (original as (...a: unknown[]) => Promise<unknown[]>)(...args)).slice();
      return list.reverse();
    }) as typeof original;
    syncBuiltinESMExports();
    try {
      expect(((await readdir(FIXTURE)) as string[])[0]).toBe(
        [...fs.readdirSync(FIXTURE)].reverse()[0],
      );
      const r = await build(root);
      expect(r.ok).toBe(true);
    } finally {
      fs.promises.readdir = original;
      syncBuiltinESMExports();
    }
    expect(await treeDiff(path.join(root, 'dist'), reference.out)).toEqual([]);
  });

  it('twice in a row, and no absolute path of the project in any file', async () => {
    const p = await copyProject(FIXTURE);
    expect((await build(p.root)).ok).toBe(true);
    expect((await build(p.root)).ok).toBe(true);
    expect(await hashTree(p.out)).toBe(referenceHash);
    for (const rel of await listTree(p.out)) {
      const text = (await readFile(path.join(p.out, rel))).toString('latin1');
      expect(text.includes(p.tmp), `${rel} contains ${p.tmp}`).toBe(false);
    }
  });
});

describe('dates come from content', () => {
  it("feeds' updated is the newest post change, not the clock", async () => {
    const xml = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' });
    const atom = xml.parse(await readFile(path.join(reference.out, 'atom.xml'), 'utf8')) as {
      feed: { updated: string; entry: { updated: string }[] };
    };
    // midnight-kiritimati: updated 2024-12-31T23:59:59-12:00, the newest change of any post.
    expect(atom.feed.updated).toBe('2025-01-01T11:59:59.000Z');
    expect(
      atom.feed.entry
        .map((e) => e.updated)
        .sort()
        .at(-1),
    ).toBe(atom.feed.updated);
    const json = JSON.parse(await readFile(path.join(reference.out, 'feed.json'), 'utf8')) as {
      items: { date_published: string }[];
    };
    // Newest first, by the instant (not the calendar day in some zone).
    expect(json.items.map((i) => i.date_published).slice(0, 2)).toEqual([
      '2024-04-01T07:30:00.000Z',
      '2024-03-31T10:15:00.000Z',
    ]);
  });

  it('drafts and future posts are out, the post that expires in 2030 is in', async () => {
    const files = await listTree(reference.out);
    expect(files).toContain('posts/expires-later/index.html');
    expect(files).not.toContain('posts/future/index.html');
    expect(files).not.toContain('posts/draft/index.html');
  });
});

describe('the output holds exactly what this build produced', () => {
  it('stale files (from an earlier build, or put there by hand) are gone', async () => {
    const p = await copyProject(FIXTURE);
    await cp(reference.out, p.out, { recursive: true });
    await mkdir(path.join(p.out, 'posts/deleted-post'), { recursive: true });
    await writeFile(path.join(p.out, 'old.html'), '<p>stale</p>');
    await writeFile(path.join(p.out, 'posts/deleted-post/index.html'), '<p>stale</p>');
    await writeFile(path.join(p.out, 'index.html'), '<p>edited by hand</p>');
    expect((await build(p.root)).ok).toBe(true);
    expect(await hashTree(p.out)).toBe(referenceHash);
  });

  it('with the cache on, a second build equals a cold one even after hand edits', async () => {
    const p = await copyProject(FIXTURE);
    expect((await build(p.root, { cache: true })).ok).toBe(true);
    await writeFile(path.join(p.out, 'posts/bundle/index.html'), 'edited by hand');
    await writeFile(path.join(p.out, 'stale.txt'), 'stale');
    expect((await build(p.root, { cache: true })).ok).toBe(true);
    expect(await hashTree(p.out)).toBe(referenceHash);
  });
});
