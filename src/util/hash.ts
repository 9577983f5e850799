import { createHash } from 'node:crypto';

/** Short, stable content hash used for cache keys and dependency tracking. */
export function hash(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    // Separator so ("ab","c") and ("a","bc") differ.
    h.update('\0');
  }
  return h.digest('base64url').slice(0, 22);
}

/** Hash of a JSON-serialisable value (key order as built: callers build objects deterministically). */
export function hashJson(value: unknown): string {
  return hash(JSON.stringify(value) ?? 'undefined');
}
