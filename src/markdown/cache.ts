import { createHash } from 'node:crypto';
import type { HighlightCache } from './types.js';

/** In-memory HighlightCache with a size bound, so a long `serve` session cannot grow forever. */
export class MemoryHighlightCache implements HighlightCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly maxEntries = 10_000) {}

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string): void {
    // Maps iterate in insertion order: deleting the first key evicts the oldest entry.
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** sha256 over length-prefixed parts, so no two different part lists can hash alike. */
export function hashParts(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}\n`);
  return hash.digest('hex');
}
