import path from 'node:path';
import { saveAtomicallySync } from '../util/files.js';
import { clearFolderSync, readRecordSync, sealRecord } from './integrity.js';
import { recordStamp } from './keys.js';

/** About 32 MB of strings per cache and process (a worker has its own). */
const DEFAULT_MEM_BUDGET = 16_000_000;
const defaultWeight = (value: unknown): number => (typeof value === 'string' ? value.length : 4096);

/**
 * A folder of small JSON files under `.cache/`, one per key, sharded by the key's first two
 * characters. Safe to delete, safe to share between concurrent builds (writes go through a
 * temporary name and a rename), and never trusted blindly: a file whose checksum (of its bytes
 * and key, integrity.ts) does not match, that does not parse, or whose recorded key or format
 * differs, is a miss, and the next `set` replaces it (a folder in its place too).
 */
export class DiskCache<T> {
  /**
   * Recently used values, in use order (a Map iterates in insertion order). Bounded: a cold build
   * of thousands of posts would otherwise keep every highlighted block and rendered body in
   * memory twice (here and on disk) — measured at ~0.6 MB per post.
   */
  private mem = new Map<string, { value: T; weight: number }>();
  private memWeight = 0;
  constructor(
    readonly dir: string | null,
    readonly namespace: string,
    /** Budget of the in-memory layer, in `weigh` units (characters for strings). */
    readonly memBudget = DEFAULT_MEM_BUDGET,
    readonly weigh: (value: T) => number = defaultWeight,
  ) {}

  get(key: string): T | undefined {
    const hit = this.mem.get(key);
    if (hit !== undefined) {
      this.mem.delete(key);
      this.mem.set(key, hit);
      return hit.value;
    }
    if (!this.dir) return undefined;
    const text = readRecordSync(this.file(key), key);
    if (text === undefined) return undefined;
    try {
      const parsed = JSON.parse(text) as {
        f: number;
        v: string;
        k: string;
        d: T;
      };
      const stamp = recordStamp();
      if (parsed.f !== stamp.f || parsed.v !== stamp.v || parsed.k !== key) return undefined;
      this.remember(key, parsed.d);
      return parsed.d;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: T): void {
    this.remember(key, value);
    if (!this.dir) return;
    const file = this.file(key);
    const text = sealRecord(key, JSON.stringify({ ...recordStamp(), k: key, d: value }));
    if (saveAtomicallySync(file, text)) return;
    clearFolderSync(file);
    saveAtomicallySync(file, text);
  }

  /**
   * Where a large part of the value for `key` is kept beside its record (`.html` for a body), or
   * null without a folder. The caller writes it with saveAtomicallySync.
   */
  sibling(key: string, ext: string): string | null {
    return this.dir ? this.file(key).replace(/\.json$/, ext) : null;
  }

  /** Keep a value in memory only (another thread already wrote it to the folder). */
  prime(key: string, value: T): void {
    this.remember(key, value);
  }

  private remember(key: string, value: T): void {
    const old = this.mem.get(key);
    if (old) {
      this.mem.delete(key);
      this.memWeight -= old.weight;
    }
    const weight = this.weigh(value);
    this.mem.set(key, { value, weight });
    this.memWeight += weight;
    for (const [k, v] of this.mem) {
      if (this.memWeight <= this.memBudget || k === key) break;
      this.mem.delete(k);
      this.memWeight -= v.weight;
    }
  }

  private file(key: string): string {
    const safe = key.replace(/[^A-Za-z0-9_-]/g, '_');
    return path.join(this.dir!, this.namespace, safe.slice(0, 2), `${safe}.json`);
  }
}
