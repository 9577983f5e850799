import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../util/process-alive.js';
import { removeFolders } from './remove-old.js';

/**
 * What a build killed outright (kill -9, a power cut) may leave beside the output folder, put
 * right by the next build of it, which holds the output's lock while doing so:
 *
 *  - `.<out>.colophon-tmp-<pid>-<hex>`: a staging folder; removed.
 *  - `…-aside`: the previous output, moved aside by a publish that was cut before the new one took
 *    its place. If the output folder is missing, it is put back; otherwise it is removed.
 *  - `…-old`: a previous output whose removal was cut short; handed to a background process
 *    (remove-old.ts), as a publish does, so that the build does not wait for it.
 *
 * Only folders of this output (exactly `.<basename>.colophon-tmp-`, so another output folder in
 * the same parent is never touched), and only those whose process is gone: a pid that is alive,
 * and was alive when the folder was made, is a build still running.
 */
export async function recoverOutput(outPath: string): Promise<void> {
  const parent = path.dirname(outPath);
  const base = path.basename(outPath);
  const pattern = new RegExp(
    `^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.colophon-tmp-(\\d+)-[0-9a-f]+(-aside|-old)?$`,
  );
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  const stale: { abs: string; kind: string; made: number }[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const abs = path.join(parent, name);
    const st = await stat(abs).catch(() => undefined);
    if (!st?.isDirectory()) continue;
    // The folder was made no later than any of its times (birth time is 0 where unknown).
    const made = Math.min(st.mtimeMs, st.ctimeMs, st.birthtimeMs || Infinity);
    if (await processAlive(Number(m[1]), made)) continue;
    stale.push({ abs, kind: m[2] ?? 'staging', made });
  }
  const asides = stale.filter((s) => s.kind === '-aside').sort((a, b) => b.made - a.made);
  if (asides.length && !(await exists(outPath))) {
    await rename(asides[0]!.abs, outPath);
    asides.shift();
  }
  const old = stale.filter((s) => s.kind === '-old').map((s) => s.abs);
  if (old.length) await removeFolders(old, true);
  const rest = stale.filter((s) => s.kind === 'staging' || asides.includes(s));
  await Promise.all(
    rest.map((s) => rm(s.abs, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })),
  );
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
