import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedConfig } from '../config/index.js';
import { error, type Diagnostic } from '../diagnostics/index.js';
import { isInside, relPosix } from '../util/paths.js';

/** What an output folder is checked against: the config's paths (a ResolvedConfig fits). */
export type OutDirProject = Pick<
  ResolvedConfig,
  'root' | 'configFile' | 'contentDir' | 'templatesDir' | 'publicDir' | 'snippets' | 'cachePath'
>;

type Relation = 'is' | 'inside' | 'contains';
interface Guarded {
  path: string;
  label: string;
  /** The relations that destroy it: an output folder inside the project root is the norm. */
  refuse: readonly Relation[];
}

const ALL: readonly Relation[] = ['is', 'inside', 'contains'];
const WORDS: Record<Relation, string> = { is: 'is', inside: 'is inside', contains: 'contains' };

/**
 * Refuse an output folder whose replacement would destroy the project or the machine. Publishing
 * swaps the whole output folder, so it may not be, contain or lie inside the config file,
 * content/, templates/, public/, the snippets or cache folder (nor src/, node_modules/, .git/), be
 * the project root or contain it, be or contain the home folder or `/`, or be (or lie below) an
 * existing file. `--out content/posts` deleted the posts, `--out colophon.config.ts` turned the
 * config into a folder. Compared three ways: as written, by real path (symlinks resolved, also for
 * a folder that does not exist yet below a linked parent) and by file identity (device and inode,
 * which also sees through a case-insensitive file system or a folder mounted twice).
 */
export function checkOutDir(
  outPath: string,
  project: OutDirProject,
  how: { shown?: string; advice?: string } = {},
): Diagnostic | undefined {
  const out = path.resolve(outPath);
  const root = path.resolve(project.root);
  const why = clash(out, guarded(project)) ?? notAFolder(out, root);
  if (!why) return undefined;
  const advice =
    how.advice ??
    `Each build replaces the output folder as a whole. Choose a folder of its own, such as "dist" (--out, or outDir in ${project.configFile ?? 'colophon.config.ts'}).`;
  return error(
    'output/unsafe-out-dir',
    `Refusing to use ${how.shown ?? shownPath(root, out)} as the output folder: ${why}. ${advice}`,
  );
}

/**
 * `serve` and `check` build into a new folder under the system's temporary folder; that folder
 * (`TMPDIR`) may not lie in the project either. Checked before the folder is created.
 */
export function checkTempOutDir(prefix: string, project: OutDirProject): Diagnostic | undefined {
  const tmp = os.tmpdir();
  return checkOutDir(path.join(tmp, `${prefix}${'x'.repeat(6)}`), project, {
    shown: `${shownPath(path.resolve(project.root), path.join(tmp, prefix))}*`,
    advice: `check and serve build into a new folder in the system's temporary folder (${tmp}); set TMPDIR to a folder outside the project.`,
  });
}

function guarded(p: OutDirProject): Guarded[] {
  const root = path.resolve(p.root);
  const home = os.homedir();
  const folder = (abs: string, what: string): Guarded => ({
    path: path.resolve(abs),
    label: `the project's ${what} folder (${shownPath(root, path.resolve(abs))}/)`,
    refuse: ALL,
  });
  const list: Guarded[] = [
    { path: path.parse(root).root, label: 'the file system root', refuse: ['is'] },
    { path: home, label: 'your home folder', refuse: ['is'] },
    { path: root, label: 'the project root', refuse: ['is'] },
    { path: root, label: `the project (${root})`, refuse: ['contains'] },
  ];
  if (p.configFile) {
    const file = path.join(root, p.configFile);
    list.push({ path: file, label: `the project's config file (${p.configFile})`, refuse: ALL });
  }
  list.push(
    folder(p.contentDir, 'content'),
    folder(p.templatesDir, 'templates'),
    folder(p.publicDir, 'public'),
    folder(path.resolve(root, p.snippets), 'snippets'),
    folder(p.cachePath, 'cache'),
    ...['node_modules', 'src', '.git'].map((n) => folder(path.join(root, n), n)),
    { path: home, label: 'your home folder', refuse: ['contains'] },
  );
  return list;
}

/** The first guarded path the output folder destroys: as written, then real paths, then identities. */
function clash(out: string, list: readonly Guarded[]): string | undefined {
  const realOut = realish(out);
  // Guarded paths share their ancestors: each is stat'ed once.
  const seen = new Map<string, string | undefined>();
  const idOf = (p: string) => {
    if (!seen.has(p)) seen.set(p, identity(p));
    return seen.get(p);
  };
  const outIds = identities(out, idOf);
  const views: [(target: string) => Relation | undefined, string][] = [
    [(t) => byPath(out, t), ''],
    [(t) => byPath(realOut, realish(t)), ', reached through a symlink'],
    [(t) => byIdentity(outIds, identities(t, idOf)), ', the same folder under another name'],
  ];
  for (const [relate, how] of views) {
    for (const g of list) {
      const r = relate(g.path);
      if (r && g.refuse.includes(r)) return `it ${WORDS[r]} ${g.label}${how}`;
    }
  }
  return undefined;
}

function byPath(out: string, target: string): Relation | undefined {
  if (out === target) return 'is';
  if (isInside(target, out)) return 'inside';
  if (isInside(out, target)) return 'contains';
  return undefined;
}

type Ids = { self?: string; above: string[] };

function byIdentity(o: Ids, t: Ids): Relation | undefined {
  if (o.self && o.self === t.self) return 'is';
  if (t.self && o.above.includes(t.self)) return 'inside';
  if (o.self && t.above.includes(o.self)) return 'contains';
  return undefined;
}

/** Device and inode of a path (if it exists) and of each existing folder above it. */
function identities(p: string, idOf: (p: string) => string | undefined): Ids {
  const above: string[] = [];
  for (let cur = path.dirname(p); ; cur = path.dirname(cur)) {
    const i = idOf(cur);
    if (i) above.push(i);
    if (path.dirname(cur) === cur) break;
  }
  return { self: idOf(p), above };
}

function identity(p: string): string | undefined {
  try {
    const st = statSync(p, { bigint: true, throwIfNoEntry: false });
    // Some file systems report no inode numbers; they cannot be compared.
    return !st || st.ino === 0n ? undefined : `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** An output folder that is, or lies below, something that is not a folder. */
function notAFolder(out: string, root: string): string | undefined {
  for (let cur = out; ; cur = path.dirname(cur)) {
    let isLink = false;
    try {
      isLink = lstatSync(cur).isSymbolicLink();
    } catch {
      if (path.dirname(cur) === cur) return undefined;
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(cur).isDirectory();
    } catch {
      const what = isLink ? 'a symlink to nothing' : 'unreadable';
      return cur === out ? `it is ${what}` : `it is inside ${shownPath(root, cur)}, ${what}`;
    }
    if (isDir) return undefined;
    return cur === out
      ? 'it is an existing file, not a folder'
      : `it is inside ${shownPath(root, cur)}, which is a file, not a folder`;
  }
}

/** Project-relative inside the project (`content/posts`), else absolute. */
function shownPath(root: string, p: string): string {
  return p !== root && isInside(root, p) ? relPosix(root, p) : p;
}

/** The real path of the longest existing prefix, plus the rest (the output may not exist yet). */
function realish(p: string): string {
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    // (No exception per missing level: this runs for every guarded path of every build.)
    if (existsSync(cur)) {
      try {
        return path.join(realpathSync.native(cur), ...rest.reverse());
      } catch {
        // A dangling or looping link: treat it as missing, like the levels below it.
      }
    }
    const parent = path.dirname(cur);
    if (parent === cur) return path.resolve(p);
    rest.push(path.basename(cur));
    cur = parent;
  }
}
