import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../../config/index.js';
import { warning, type Diagnostic } from '../../diagnostics/index.js';
import { isInside, relPosix } from '../../util/paths.js';
import type { Resources } from '../resources.js';
import { applyRules } from '../rules.js';
import type { Scope } from '../state.js';

export interface StaticFile {
  /** Output path relative to the output folder. */
  rel: string;
  abs: string;
  /** Project-relative source, for messages. */
  source: string;
}

/** The public stage's output: the files of public/ folders, to copy as they are. */
export interface PublicOutput {
  files: StaticFile[];
  /** Their site paths (`/img/a.png`), for links and images that point at them. */
  paths: ReadonlySet<string>;
  /** Rules applied. */
  diagnostics: Diagnostic[];
}

/** List public/ again only when something besides content and templates changed. */
export async function publicStage(res: Resources, scope: Scope): Promise<PublicOutput> {
  const kept = scope.kind === 'partial' ? scope.last.publicFiles : scope.keep.publicFiles;
  if (kept) return kept;
  const listed = await listPublic(publicLayers(res.config), res.config.root);
  return {
    files: listed.files,
    paths: new Set(listed.files.map((f) => '/' + f.rel)),
    diagnostics: applyRules(listed.diagnostics, res.config.rules),
  };
}

/**
 * Files of public/ folders, in layer order (the default theme's, then the site's): a later layer
 * overrides an earlier one file by file. Symlinks leaving the project are skipped with a warning,
 * and so is a site layer (`public/` itself) that is a symlink to a folder outside the project:
 * checking only its entries, against the folder's own real path, would publish `public -> ~/.ssh`
 * whole. A symlink to a folder that is being walked already (`public/loop -> .`) is a
 * cycle: skipped with a warning instead of copying the tree again at every depth.
 */
async function listPublic(
  layers: readonly string[],
  root: string,
): Promise<{ files: StaticFile[]; diagnostics: Diagnostic[] }> {
  const w: Walk = {
    root,
    realRoot: await realpath(root),
    layer: '',
    realLayer: '',
    byRel: new Map(),
    diagnostics: [],
  };
  for (const dir of layers) {
    const realDir = await realpath(dir).catch(() => null);
    if (!realDir) continue;
    // A layer inside the project (the site's public/) must really be inside it; the default
    // theme's layer lives in Colophon's own folder and is trusted.
    if (isInside(path.resolve(root), path.resolve(dir)) && !isInside(w.realRoot, realDir)) {
      w.diagnostics.push(outside(root, dir));
      continue;
    }
    await walk({ ...w, layer: dir, realLayer: realDir }, dir, [realDir]);
  }
  const files = [...w.byRel.values()].sort((a, b) => (a.rel < b.rel ? -1 : 1));
  return { files, diagnostics: w.diagnostics };
}

/** One layer's walk: where it is, and what it found (shared by every layer). */
interface Walk {
  root: string;
  realRoot: string;
  layer: string;
  realLayer: string;
  byRel: Map<string, StaticFile>;
  diagnostics: Diagnostic[];
}

/** `ancestors`: real paths of the folders being walked, from the layer down. */
async function walk(w: Walk, d: string, ancestors: readonly string[]): Promise<void> {
  for (const name of (await readdir(d)).sort()) {
    if (name === '.DS_Store' || name === '.gitkeep') continue;
    const abs = path.join(d, name);
    let st = await lstat(abs);
    let real = abs;
    if (st.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => null);
      if (!target || !(isInside(w.realRoot, target) || isInside(w.realLayer, target))) {
        w.diagnostics.push(outside(w.root, abs));
        continue;
      }
      st = await lstat(target);
      real = target;
      if (st.isDirectory() && ancestors.includes(target)) {
        w.diagnostics.push(
          warning(
            'public/symlink-cycle',
            `Symlink ${relPosix(w.root, abs)} leads back to a folder that contains it, so copying it would never end; it is not copied. Remove the link, or link to the files it should publish.`,
            at(w.root, abs),
          ),
        );
        continue;
      }
    } else if (st.isDirectory()) real = path.join(ancestors[ancestors.length - 1]!, name);
    if (st.isDirectory()) await walk(w, abs, [...ancestors, real]);
    else if (st.isFile()) {
      const rel = path.relative(w.layer, abs).split(path.sep).join('/');
      w.byRel.set(rel, { rel, abs, source: relPosix(w.root, abs) });
    }
  }
}

const at = (root: string, abs: string) => ({ file: relPosix(root, abs), line: 1, column: 1 });

const outside = (root: string, abs: string) =>
  warning(
    'public/symlink-outside',
    `Symlink ${relPosix(root, abs)} leads outside the project and is not copied. Copy the files into public/ instead.`,
    at(root, abs),
  );

/** The public/ layers of a site: the default theme's, then the site's own (unless they are one). */
export function publicLayers(c: ResolvedConfig): string[] {
  const theme = fileURLToPath(new URL('../../../public/', import.meta.url));
  return path.resolve(theme) === path.resolve(c.publicDir) ? [c.publicDir] : [theme, c.publicDir];
}
