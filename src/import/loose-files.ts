import path from 'node:path';
import type { ImportSite } from './model.js';

/**
 * Files of the content folder that no page bundle or section took: images a section's
 * `_index.md` sits beside (a Hugo branch bundle's resources), a `figures/` folder posts link to
 * by absolute path, downloads. The other generator published them at their place under the
 * section's address, and old posts and readers' bookmarks point there, so they go to `public/`
 * at that address rather than being left behind.
 */
export function addLooseContentFiles(
  site: ImportSite,
  opts: {
    /** Every SRC-relative file under the content folder. */
    files: string[];
    contentDir: string;
    /** Files already imported (Markdown, bundle files, section files, avatars) or to skip. */
    taken: (file: string) => boolean;
    /** The old address of a content-relative folder ('' is the content root), with slashes. */
    urlOfDir: (dir: string) => string;
  },
): number {
  const prefix = opts.contentDir ? `${opts.contentDir}/` : '';
  const claimed = new Set(site.sections.flatMap((s) => s.files));
  for (const d of site.docs) for (const f of d.bundle?.files ?? []) claimed.add(f);
  let n = 0;
  for (const file of opts.files) {
    if (/\.(md|markdown)$/i.test(file) || claimed.has(file) || opts.taken(file)) continue;
    const rel = file.slice(prefix.length);
    const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
    const to = `${opts.urlOfDir(dir)}${path.posix.basename(rel)}`.replace(/^\//, '');
    site.staticFiles.push({ src: file, to });
    n++;
  }
  return n;
}
