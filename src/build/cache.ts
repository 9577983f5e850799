import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { toolDigest } from '../version.js';

const FORMAT = 1;

/**
 * A folder of small JSON files under `.cache/`, one per key, sharded by the key's first two
 * characters. Safe to delete, safe to share between concurrent builds (writes go through a
 * temporary name and a rename), and never trusted blindly: a file that does not parse, or whose
 * recorded key or format differs, is a miss.
 */
export class DiskCache<T> {
  private mem = new Map<string, T>();
  private dirs = new Set<string>();
  constructor(
    readonly dir: string | null,
    readonly namespace: string,
  ) {}

  get(key: string): T | undefined {
    const hit = this.mem.get(key);
    if (hit !== undefined) return hit;
    if (!this.dir) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(this.file(key), 'utf8')) as {
        f: number;
        v: string;
        k: string;
        d: T;
      };
      if (parsed.f !== FORMAT || parsed.v !== toolDigest() || parsed.k !== key) return undefined;
      this.mem.set(key, parsed.d);
      return parsed.d;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: T): void {
    this.mem.set(key, value);
    if (!this.dir) return;
    const file = this.file(key);
    const dir = path.dirname(file);
    try {
      if (!this.dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.dirs.add(dir);
      }
      const tmp = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
      writeFileSync(tmp, JSON.stringify({ f: FORMAT, v: toolDigest(), k: key, d: value }));
      renameSync(tmp, file);
    } catch {
      // A cache that cannot be written (read-only disk, ENOSPC) only costs speed.
    }
  }

  private file(key: string): string {
    const safe = key.replace(/[^A-Za-z0-9_-]/g, '_');
    return path.join(this.dir!, this.namespace, safe.slice(0, 2), `${safe}.json`);
  }
}
