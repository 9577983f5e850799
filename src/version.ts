import { readFileSync } from 'node:fs';

/** Colophon's own version, part of every cache key: an upgrade invalidates caches. */
export const COLOPHON_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
