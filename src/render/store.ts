import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FS } from 'liquidjs';

/**
 * An in-memory snapshot of every template a renderer can use: the site's own `templates/`
 * folder layered over the bundled default theme. Reading everything once, up front, means a
 * renderer never sees a half-edited file in the middle of a build, its `digest()` describes
 * exactly the bytes it renders with, and LiquidJS never touches the disk.
 *
 * Files are addressed by a virtual key `<origin>/<relative path>`, e.g. `site/post.liquid` or
 * `default/partials/head.liquid`; that key is what LiquidJS stores in `token.file`.
 */

export type TemplateOrigin = 'site' | 'default';

export interface TemplateFile {
  /** Dependency id: `template:<relative path>`, the same whichever origin wins. */
  id: string;
  /** POSIX path relative to its templates folder, e.g. `partials/head.liquid`. */
  rel: string;
  origin: TemplateOrigin;
  /** Virtual key used inside LiquidJS (`site/...` or `default/...`). */
  key: string;
  /** Absolute path on disk. */
  absPath: string;
  /** Path for diagnostics: relative to the project root, POSIX separators. */
  displayPath: string;
  source: string;
}

export const EXTNAME = '.liquid';

/** The bundled default theme: `templates/` at the package root (from `lib/render/` or `src/render/`). */
export function defaultTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

export class TemplateStore {
  /** Every file, both origins, by virtual key. */
  readonly files = new Map<string, TemplateFile>();
  /** The winning file for each relative path (site over default). */
  readonly resolved = new Map<string, TemplateFile>();
  /** Template source text -> files with that text (to locate errors LiquidJS reports without a file). */
  private readonly bySource = new Map<string, TemplateFile[]>();
  private digestCache: string | undefined;

  constructor(
    readonly dirs: { origin: TemplateOrigin; dir: string }[],
    projectRoot: string,
  ) {
    for (const { origin, dir } of dirs) {
      for (const rel of listTemplates(dir)) {
        const absPath = path.join(dir, ...rel.split('/'));
        const file: TemplateFile = {
          id: `template:${rel}`,
          rel,
          origin,
          key: `${origin}/${rel}`,
          absPath,
          displayPath: toPosix(path.relative(projectRoot, absPath)) || absPath,
          source: readFileSync(absPath, 'utf8'),
        };
        this.files.set(file.key, file);
        if (!this.resolved.has(rel)) this.resolved.set(rel, file);
        const same = this.bySource.get(file.source);
        if (same) same.push(file);
        else this.bySource.set(file.source, [file]);
      }
    }
  }

  /** Virtual roots for LiquidJS, in lookup order. */
  get roots(): string[] {
    return this.dirs.map((d) => d.origin);
  }

  /** The file LiquidJS would use for a template name as written in a tag (`partials/head`). */
  lookup(name: string): TemplateFile | undefined {
    const rel = normalizeName(name);
    return rel === undefined ? undefined : this.resolved.get(rel);
  }

  /** Files whose text is exactly `source` (several only when two files are byte-identical). */
  filesWithSource(source: string): TemplateFile[] {
    return this.bySource.get(source) ?? [];
  }

  /**
   * Hash of every template file of both origins (path, origin and content). Changes whenever any
   * rendered byte could change because of a template; also covers files no page uses yet.
   */
  digest(): string {
    if (this.digestCache === undefined) {
      const h = createHash('sha256');
      for (const key of [...this.files.keys()].sort()) {
        const f = this.files.get(key)!;
        h.update(`${f.key}\0${f.source.length}\0${f.source}\0`);
      }
      this.digestCache = h.digest('hex');
    }
    return this.digestCache;
  }

  /**
   * Content hash per dependency id (`template:<rel>`) of the file that wins the lookup. Adding or
   * removing a site override changes the hash of that id, so pages that use it are re-rendered.
   */
  hashes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const rel of [...this.resolved.keys()].sort()) {
      const f = this.resolved.get(rel)!;
      out[f.id] = createHash('sha256').update(`${f.origin}\0${f.source}`).digest('hex');
    }
    return out;
  }

  /** A LiquidJS file system over the snapshot. */
  liquidFs(): FS {
    const exists = (p: string) => this.files.has(p);
    const read = (p: string) => {
      const f = this.files.get(p);
      if (!f) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return f.source;
    };
    return {
      sep: '/',
      exists: async (p) => exists(p),
      existsSync: exists,
      readFile: async (p) => read(p),
      readFileSync: read,
      resolve: (dir, file) => {
        const rel = normalizeName(file);
        // An impossible key: names that escape the folder simply do not exist.
        return rel === undefined ? `${dir}/\0invalid` : `${dir}/${rel}`;
      },
      contains: async () => true,
      containsSync: () => true,
      dirname: (p) => p.slice(0, Math.max(0, p.lastIndexOf('/'))),
    };
  }
}

/** `partials/head` -> `partials/head.liquid`; undefined for absolute or escaping names. */
export function normalizeName(name: string): string | undefined {
  const withExt = name.endsWith(EXTNAME) ? name : name + EXTNAME;
  if (withExt.startsWith('/') || withExt.includes('\\') || withExt.includes('\0')) return undefined;
  const norm = path.posix.normalize(withExt);
  if (norm.startsWith('../') || norm === '..' || norm.startsWith('/')) return undefined;
  return norm;
}

function listTemplates(dir: string): string[] {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return [];
  }
  if (!isDir) return [];
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    const entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), childRel);
      else if (e.isFile() && e.name.endsWith(EXTNAME)) out.push(childRel);
    }
  };
  walk(dir, '');
  return out;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
