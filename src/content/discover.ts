import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { warning, type Diagnostic } from '../diagnostics/index.js';
import { isInside, relPosix } from '../util/paths.js';
import type { EntryKind } from './entries.js';
import { WINDOWS_RESERVED } from './schemas.js';

export interface SourceFile {
  kind: EntryKind;
  /** Absolute path. */
  abs: string;
  /** Project-relative POSIX path. */
  file: string;
  /** Default slug, from the file or bundle folder name. */
  slug: string;
  bundle: boolean;
  /** Project-relative folder of the bundle (or of the file). */
  dir: string;
  /** Bundle files other than index.md (project-relative). */
  assets: string[];
}

/**
 * A file in content/ that is not Markdown and belongs to no bundle (`posts/context/server.go`
 * beside `posts/context.md`, `content/img/a.png`). Published at its path under content/, and only
 * when a published page links to or embeds it: the rest of content/ stays private.
 */
export interface LooseFile {
  /** Project-relative POSIX path. */
  file: string;
  /** Site path: the path under content/ (`/posts/context/server.go`). */
  path: string;
}

const FOLDERS: Record<string, EntryKind> = {
  posts: 'post',
  series: 'series',
  topics: 'topic',
  pages: 'page',
  authors: 'author',
};

/**
 * Find every content file. Symlinks that lead outside the project are skipped with a warning:
 * a build never reads (and so never publishes) files from elsewhere on the machine.
 */
export async function discoverContent(
  root: string,
  contentDir: string,
): Promise<{ files: SourceFile[]; loose: LooseFile[]; diagnostics: Diagnostic[] }> {
  const files: SourceFile[] = [];
  const looseAbs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = await realpath(root);
  // content/ and content/posts (...) themselves are checked too, not only their entries: a
  // `content/posts` linked to a folder elsewhere on the machine must not be read and published.
  if (!(await exists(contentDir)) || !(await safe(contentDir)))
    return { files, loose: [], diagnostics };
  for (const [folder, kind] of Object.entries(FOLDERS)) {
    const dir = path.join(contentDir, folder);
    if (!(await exists(dir))) continue;
    if (!(await safe(dir))) continue;
    await walk(dir, kind, true, [await realpath(dir)]);
  }
  // Files elsewhere in content/ (content/img/, content/notes.txt) can be linked to as well.
  const realContent = await realpath(contentDir);
  for (const name of (await readdir(contentDir)).sort()) {
    if (name in FOLDERS || name.startsWith('.') || name.startsWith('_')) continue;
    const abs = path.join(contentDir, name);
    if (!(await safe(abs))) continue;
    const st = await stat(abs);
    if (st.isDirectory()) {
      const real = await notACycle(abs, [realContent]);
      if (real) looseAbs.push(...(await listFiles(abs, [realContent, real])));
    } else if (st.isFile() && !name.toLowerCase().endsWith('.md')) looseAbs.push(abs);
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const loose = looseAbs
    .map((abs) => ({
      file: relPosix(root, abs),
      path: '/' + relPosix(contentDir, abs),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, loose, diagnostics };

  /** `ancestors`: real paths of the folders above (and including) `dir`, to stop link cycles. */
  async function walk(
    dir: string,
    kind: EntryKind,
    top: boolean,
    ancestors: string[],
  ): Promise<void> {
    const names = (await readdir(dir))
      .filter((n) => !n.startsWith('.') && !n.startsWith('_'))
      .sort();
    // A folder with index.md (below the top level) is a page bundle: one entry plus its files.
    if (!top && names.includes('index.md') && (kind === 'post' || kind === 'page')) {
      const abs = path.join(dir, 'index.md');
      // The bundle's own text too: a linked index.md was read (and its lines shown in errors).
      if (!(await safe(abs))) return;
      const assets = (await listFiles(dir, ancestors))
        .filter((f) => f !== abs)
        .map((f) => relPosix(root, f));
      files.push({
        kind,
        abs,
        file: relPosix(root, abs),
        slug: slugFromName(path.basename(dir)),
        bundle: true,
        dir: relPosix(root, dir),
        assets,
      });
      return;
    }
    for (const name of names) {
      const abs = path.join(dir, name);
      if (!(await safe(abs))) continue;
      const st = await stat(abs);
      if (st.isDirectory()) {
        const real = await notACycle(abs, ancestors);
        if (real) await walk(abs, kind, false, [...ancestors, real]);
      } else if (st.isFile() && !name.toLowerCase().endsWith('.md')) {
        looseAbs.push(abs);
      } else if (st.isFile()) {
        files.push({
          kind,
          abs,
          file: relPosix(root, abs),
          slug: slugFromName(name.slice(0, -3)),
          bundle: false,
          dir: relPosix(root, dir),
          assets: [],
        });
      }
    }
  }

  async function listFiles(dir: string, ancestors: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const name of (await readdir(dir)).sort()) {
      if (name.startsWith('.')) continue;
      const abs = path.join(dir, name);
      if (!(await safe(abs))) continue;
      const st = await stat(abs);
      if (st.isDirectory()) {
        const real = await notACycle(abs, ancestors);
        if (real) out.push(...(await listFiles(abs, [...ancestors, real])));
      } else if (st.isFile() && !name.toLowerCase().endsWith('.md')) out.push(abs);
    }
    return out;
  }

  /** The folder's real path, or null (with a warning) when a link leads back to a folder above it. */
  async function notACycle(abs: string, ancestors: string[]): Promise<string | null> {
    const real = await realpath(abs);
    if (!ancestors.includes(real)) return real;
    diagnostics.push(
      warning(
        'content/symlink-cycle',
        `Symlink ${relPosix(root, abs)} leads back to a folder that contains it, so reading it would never end; it is skipped. Remove the link.`,
        { file: relPosix(root, abs), line: 1, column: 1 },
      ),
    );
    return null;
  }

  async function safe(abs: string): Promise<boolean> {
    const l = await lstat(abs);
    if (!l.isSymbolicLink()) return true;
    let target: string;
    try {
      target = await realpath(abs);
    } catch {
      // With a position, like symlink-outside: editors and the CLI can point at the link.
      diagnostics.push(
        warning(
          'content/broken-symlink',
          `Symlink ${relPosix(root, abs)} points to a missing file; it is skipped.`,
          { file: relPosix(root, abs), line: 1, column: 1 },
        ),
      );
      return false;
    }
    if (isInside(realRoot, target)) return true;
    diagnostics.push(
      warning(
        'content/symlink-outside',
        `Symlink ${relPosix(root, abs)} leads outside the project and is not followed. Copy the file into the project instead.`,
        { file: relPosix(root, abs), line: 1, column: 1 },
      ),
    );
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * A slug for a new file named after a title: one that every build accepts. Only lowercase
 * letters and digits with single dashes between them; a long title is cut at a word to 80
 * characters and at most 160 bytes (MAX_NAME_BYTES leaves room for `-2`); a name Windows reserves
 * gets `-<kind>` (`con-post`); a slug already taken (compared case-insensitively, as some file
 * systems do) gets `-2`, `-3`, ...
 */
export function newSlug(title: string, kind: string, taken: Iterable<string>): string {
  let base = slugFromName(title)
    .replace(/[^\p{Ll}\p{Lo}\p{Nd}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  while (base.length > 80 || Buffer.byteLength(base) > 160) {
    const cut = base.slice(0, Math.min(80, base.length - 1));
    base = cut.includes('-') ? cut.replace(/-[^-]*$/, '') : cut;
  }
  base ||= 'untitled';
  if (WINDOWS_RESERVED.test(base)) base = `${base}-${kind}`;
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** File names become URL slugs: NFC, lowercase, spaces to dashes, nothing that escapes a folder. */
export function slugFromName(name: string): string {
  const s = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return s || 'untitled';
}
