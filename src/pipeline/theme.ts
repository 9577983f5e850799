import { fileURLToPath } from 'node:url';

/** The default theme's static files, shipped with the package (this repo's public/). */
export function defaultPublicDir(): string {
  return fileURLToPath(new URL('../../public/', import.meta.url));
}
