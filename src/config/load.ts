import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createJiti } from 'jiti';
import type { z } from 'zod';
import { BuildFailure, error, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { closest } from '../util/suggest.js';
import { configSchema, type SiteConfig } from './schema.js';
import { defineConfig } from './define.js';
import { cachedTransform } from './transform-cache.js';
import { fillString, uiStrings } from './strings/index.js';
import { configDigest } from '../cache/keys.js';

export const CONFIG_FILES = [
  'colophon.config.ts',
  'colophon.config.mts',
  'colophon.config.js',
  'colophon.config.mjs',
];

export interface ResolvedConfig extends SiteConfig {
  root: string;
  /** Project-relative path of the config file, or null when the site has none. */
  configFile: string | null;
  contentDir: string;
  templatesDir: string;
  publicDir: string;
  /** Absolute output and cache folders. */
  outPath: string;
  cachePath: string;
  /** `/blog/` for `https://x.github.io/blog/`. */
  basePath: string;
  /** Changes whenever the config or Colophon itself changes: a full rebuild. */
  digest: string;
}

export interface ConfigOverrides {
  outDir?: string;
  baseUrl?: string;
  cacheDir?: string;
}

/** Load, validate and resolve the site's config. Throws BuildFailure with positioned diagnostics. */
export async function loadConfig(
  root: string,
  overrides: ConfigOverrides = {},
  /** `cache: false` (`--no-cache`): the config is compiled again, nothing is written. */
  options: { cache?: boolean } = {},
): Promise<ResolvedConfig> {
  const absRoot = path.resolve(root);
  const file = CONFIG_FILES.find((f) => existsSync(path.join(absRoot, f))) ?? null;
  let raw: unknown = {};
  let source = '';
  if (file) {
    const abs = path.join(absRoot, file);
    source = readFileSync(abs, 'utf8');
    // The config is compiled before it can say where its cache is: the transform cache goes to
    // --cache-dir or the default `.cache/`.
    const transforms =
      options.cache === false
        ? null
        : path.resolve(absRoot, overrides.cacheDir ?? '.cache', 'config');
    raw = await importConfig(abs, file, transforms);
  } else {
    throw new BuildFailure(
      [
        error(
          'config/missing',
          `No colophon.config.ts found in ${absRoot}. Run "colophon init" to create a site, or pass --root.`,
        ),
      ],
      'config',
    );
  }
  const withOverrides = applyOverrides(raw, overrides);
  const parsed = configSchema.safeParse(withOverrides);
  if (!parsed.success) {
    // In source order, like every other phase (zod lists unknown keys after everything else).
    throw new BuildFailure(
      sortDiagnostics(zodToDiagnostics(parsed.error, file, source, withOverrides)),
      'config',
    );
  }
  const cfg = parsed.data;
  if ((withOverrides as { menu?: unknown }).menu === undefined) localiseMenu(cfg);
  const baseUrl = cfg.baseUrl.endsWith('/') ? cfg.baseUrl : cfg.baseUrl + '/';
  return {
    ...cfg,
    baseUrl,
    root: absRoot,
    configFile: file,
    contentDir: path.join(absRoot, 'content'),
    templatesDir: path.join(absRoot, 'templates'),
    publicDir: path.join(absRoot, 'public'),
    outPath: path.resolve(absRoot, cfg.outDir),
    cachePath: path.resolve(absRoot, cfg.cacheDir),
    basePath: new URL(baseUrl).pathname,
    digest: configDigest(source, overrides),
  };
}

/** The default menu's labels are the theme's words for those pages, in the site's language. */
function localiseMenu(cfg: SiteConfig): void {
  const strings = uiStrings(cfg.language, cfg.strings);
  const labels = [strings.archive, strings.series, strings.topics];
  cfg.menu = cfg.menu.map((m, i) => ({ ...m, label: fillString(labels[i] ?? m.label) }));
}

async function importConfig(abs: string, rel: string, cacheDir: string | null): Promise<unknown> {
  // The config imports `defineConfig` from "colophon"; hand it this very package's helper so a
  // site works whether Colophon is installed locally, globally or run from a checkout.
  // A virtual module, not an alias to ../index.js: with moduleCache off, the alias made jiti load
  // (and, when running from src/, transpile) the whole library again on every config load —
  // about 2 s per build under vitest. A config needs only defineConfig (its types are erased).
  const options = {
    moduleCache: false,
    fsCache: false,
    virtualModules: { colophon: { defineConfig } },
  };
  const babel = createJiti(import.meta.url, options);
  const jiti = createJiti(import.meta.url, {
    ...options,
    transform: cachedTransform(cacheDir, (opts) => babel.transform(opts)),
  });
  try {
    const mod = await jiti.import<{ default?: unknown }>(abs);
    return mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod;
  } catch (e) {
    throw new BuildFailure([configLoadError(e, abs, rel)], 'config');
  }
}

/**
 * A config that does not compile or throws when run, at its real position: jiti reports a syntax
 * error as `ParseError: <message>` followed by ` <file>:<line>:<column>` (a 0-based column, from
 * Babel), and a runtime error's stack names the config's line and column (1-based, from V8).
 * Reported at 1:1 before, which pointed at the import line whatever was wrong.
 */
function configLoadError(e: unknown, abs: string, rel: string): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  const root = path.dirname(abs);
  const shown = (file: string) => {
    const r = path.relative(root, file);
    return r.startsWith('..') || path.isAbsolute(r) ? file : r.split(path.sep).join('/');
  };
  const parse =
    /^(?:ParseError|SyntaxError): ([^\n]*?)\s*\n\s*(\/.+|[A-Za-z]:\\.+):(\d+):(\d+)\s*$/.exec(
      message,
    );
  if (parse) {
    const [, what, file, line, column] = parse;
    return error(
      'config/syntax-error',
      `Syntax error: ${what!.replace(/\.$/, '')}. Fix it so the file is valid TypeScript (an unclosed bracket or a missing comma is the usual cause).`,
      { file: shown(file!), line: Number(line), column: Number(column) + 1 },
    );
  }
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const frame = [...stack.matchAll(/\(?((?:\/|[A-Za-z]:\\)[^()\s]+?):(\d+):(\d+)\)?$/gm)].find(
    (m) => !m[1]!.split(path.sep).includes('node_modules') && m[1]!.startsWith(root),
  );
  const first = message.split('\n')[0]!.replace(/\.$/, '');
  return error(
    'config/load-error',
    `Could not load the config: ${first}. Fix the file so it runs as TypeScript/JavaScript.`,
    frame
      ? { file: shown(frame[1]!), line: Number(frame[2]), column: Number(frame[3]) }
      : { file: rel, line: 1, column: 1 },
  );
}

function applyOverrides(raw: unknown, o: ConfigOverrides): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (o.outDir) out.outDir = o.outDir;
  if (o.baseUrl) out.baseUrl = o.baseUrl;
  if (o.cacheDir) out.cacheDir = o.cacheDir;
  return out;
}

function zodToDiagnostics(
  err: z.ZodError,
  file: string,
  source: string,
  raw: unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of err.issues) {
    const keyPath = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const full = [...keyPath, key].join('.');
        const known = knownKeys(keyPath);
        const guess = closest(key, known);
        out.push(
          error(
            'config/unknown-key',
            `Unknown config key "${full}".${guess ? ` Did you mean "${[...keyPath, guess].join('.')}"?` : ` Known keys here: ${known.join(', ')}.`}`,
            locate(source, file, key),
          ),
        );
      }
      continue;
    }
    const where = keyPath.length ? keyPath.join('.') : '(root)';
    // A missing key has no text to point at, and searching for its name found the same key of
    // another entry (menu[0].url for a menu[1] without url): point at the nearest key written.
    let present = keyPath.length;
    while (present > 0 && valueAt(raw, keyPath.slice(0, present)) === undefined) present--;
    const last = keyPath
      .slice(0, present)
      .reverse()
      .find((k) => !/^\d+$/.test(k));
    // A record's bad key: zod says only "Invalid key in record"; the key's own rule says why.
    const message =
      issue.code === 'invalid_key' && issue.issues.length
        ? issue.issues.map((i) => i.message).join('; ')
        : issue.message;
    out.push(
      error(
        'config/invalid-value',
        `Invalid config value at "${where}": ${message}.`,
        locate(source, file, last),
      ),
    );
  }
  return out;
}

function valueAt(value: unknown, keyPath: string[]): unknown {
  let cur = value;
  for (const k of keyPath)
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function knownKeys(keyPath: string[]): string[] {
  let shape: z.ZodType = configSchema;
  for (const k of keyPath) {
    const def = unwrap(shape);
    const inner = (def as { shape?: Record<string, z.ZodType> }).shape?.[k];
    if (!inner) return [];
    shape = inner;
  }
  const obj = unwrap(shape) as { shape?: Record<string, unknown> };
  return obj.shape ? Object.keys(obj.shape) : [];
}

function unwrap(t: z.ZodType): z.ZodType {
  let cur = t as z.ZodType & { unwrap?: () => z.ZodType; def?: { innerType?: z.ZodType } };
  for (let i = 0; i < 5; i++) {
    const inner = cur.def?.innerType;
    if (!inner) break;
    cur = inner as typeof cur;
  }
  return cur;
}

/** Best-effort position of a key in the config source (`key:` or `"key":`). */
function locate(source: string, file: string, key: string | undefined) {
  if (key) {
    const re = new RegExp(
      `(^|[\\s{,])["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`,
      'm',
    );
    const m = re.exec(source);
    if (m) {
      const idx = m.index + m[1]!.length;
      const before = source.slice(0, idx);
      const line = before.split('\n').length;
      const column = idx - before.lastIndexOf('\n');
      return { file, line, column };
    }
  }
  return { file, line: 1, column: 1 };
}

export function readConfigSource(cfg: ResolvedConfig): string {
  return cfg.configFile ? readFileSync(path.join(cfg.root, cfg.configFile), 'utf8') : '';
}
