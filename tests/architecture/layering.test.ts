import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { REPO } from '../helpers/site.js';

/**
 * The dependency direction of docs/architecture.md, checked on every import (static, type-only,
 * re-exports and dynamic import()) of every file under src/:
 *
 *   cli -> {dev, check, import} -> pipeline -> {images, social, search}
 *       -> config -> content -> graph -> markdown -> routes -> render -> output
 *       -> {cache, diagnostics, util, version.ts}
 *
 * The stages of the main flow may read the types of an earlier stage (the folder order is the
 * order data flows) but never a later one, with two extra bans: markdown knows nothing of the site
 * (content, graph, routes, render) and render never sees Markdown internals. Images, social cards
 * and search are stages beside that flow: they may use any stage of it, never each other, and
 * only the pipeline (the one place that knows the stage order) calls them. `check` (the
 * `colophon check` command) sits beside `dev`: both are commands built on the pipeline.
 */
const SRC = path.join(REPO, 'src');
const STAGES = ['config', 'content', 'graph', 'markdown', 'routes', 'render', 'output'];
const SIDE = ['images', 'social', 'search'];
const BASE = ['cache', 'diagnostics', 'util', 'version.ts'];
// import (`colophon import`) reads another generator's site with the content stage's parsers and
// the graph's URL rules, and writes a new site: a command beside check, never imported by a stage.
const COMMANDS = ['dev', 'check', 'import'];

interface Import {
  from: string; // module of the importing file (top folder under src/, or "index.ts")
  file: string; // src-relative path of the importing file
  spec: string; // the specifier as written
  to: string; // module imported (top folder under src/, "index.ts"), or the bare package name
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(abs);
    return e.name.endsWith('.ts') ? [abs] : [];
  });
}

// Top folder under src/, or a top-level file by its .ts name (imports spell it .js).
const moduleOf = (rel: string) => rel.split('/')[0]!.replace(/\.js$/, '.ts');

const imports: Import[] = sourceFiles(SRC).flatMap((abs) => {
  const file = path.relative(SRC, abs).split(path.sep).join('/');
  const info = ts.preProcessFile(readFileSync(abs, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => {
    if (!spec.startsWith('.')) return { from: moduleOf(file), file, spec, to: spec };
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    if (target.startsWith('..')) throw new Error(`${file} imports ${spec}, outside src/`);
    return { from: moduleOf(file), file, spec, to: moduleOf(target) };
  });
});

const internal = imports.filter((i) => i.spec.startsWith('.') && i.to !== i.from);
const show = (list: Import[], why: string) =>
  list.map((i) => `src/${i.file}: import '${i.spec}' — ${why}`);

describe('layering (docs/architecture.md, "Dependency direction")', () => {
  test('the import scan sees the code base', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(internal.some((i) => i.from === 'pipeline' && i.to === 'graph')).toBe(true);
    expect(internal.some((i) => i.from === 'pipeline' && i.to === 'search')).toBe(true);
    expect(internal.some((i) => i.from === 'cli' && i.to === 'pipeline')).toBe(true);
  });

  test('every top-level module is known to this test', () => {
    const known = new Set([
      ...STAGES,
      ...SIDE,
      ...BASE,
      ...COMMANDS,
      'pipeline',
      'cli',
      'index.ts',
    ]);
    const unknown = readdirSync(SRC).filter((n) => !known.has(n));
    expect(
      unknown,
      'new folder under src/: place it in the layering and in docs/architecture.md',
    ).toEqual([]);
  });

  test('cache, diagnostics, util and version.ts import no stage', () => {
    const bad = internal.filter((i) => BASE.includes(i.from) && !BASE.includes(i.to));
    expect(show(bad, 'the base layer may not depend on stages')).toEqual([]);
  });

  test('stages of the main flow import only earlier stages and the base layer', () => {
    const bad = internal.filter((i) => {
      if (!STAGES.includes(i.from) || BASE.includes(i.to)) return false;
      return !STAGES.includes(i.to) || STAGES.indexOf(i.to) > STAGES.indexOf(i.from);
    });
    expect(
      show(
        bad,
        'a stage may import only earlier stages (config → content → graph → markdown → routes → render → output)',
      ),
    ).toEqual([]);
  });

  test('images, social cards and search use the main stages and the base layer only', () => {
    const bad = internal.filter(
      (i) => SIDE.includes(i.from) && !STAGES.includes(i.to) && !BASE.includes(i.to),
    );
    expect(show(bad, 'a stage beside the main flow is called by the pipeline only')).toEqual([]);
  });

  test('markdown never imports content, graph, routes, render or the pipeline', () => {
    const bad = internal.filter(
      (i) =>
        i.from === 'markdown' &&
        ['content', 'graph', 'routes', 'render', 'pipeline', ...SIDE].includes(i.to),
    );
    expect(show(bad, 'markdown gets links and highlighting passed in')).toEqual([]);
  });

  test('render never imports markdown', () => {
    const bad = internal.filter((i) => i.from === 'render' && i.to === 'markdown');
    expect(show(bad, 'render sees only the view-model')).toEqual([]);
  });

  test('graph does no I/O (no fs, network or processes)', () => {
    const io = /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)$/;
    const bad = imports.filter((i) => i.from === 'graph' && io.test(i.spec));
    expect(show(bad, 'graph is pure: entries in, SiteGraph out')).toEqual([]);
    const clock = sourceFiles(path.join(SRC, 'graph')).filter((f) =>
      /Date\.now\(|new Date\(\)/.test(readFileSync(f, 'utf8')),
    );
    expect(
      clock.map((f) => path.relative(REPO, f)),
      'graph reads no clock: "now" comes in through options',
    ).toEqual([]);
  });

  test('nothing imports the pipeline except the commands (dev, check), cli and src/index.ts', () => {
    const bad = internal.filter(
      (i) => i.to === 'pipeline' && ![...COMMANDS, 'cli', 'index.ts'].includes(i.from),
    );
    expect(show(bad, 'only commands and the public API may run builds')).toEqual([]);
  });

  test('nothing imports cli; only cli imports the commands', () => {
    const cli = internal.filter((i) => i.to === 'cli');
    expect(show(cli, 'cli is the top of the stack')).toEqual([]);
    const commands = internal.filter((i) => COMMANDS.includes(i.to) && i.from !== 'cli');
    expect(show(commands, 'dev and check are reached only through cli')).toEqual([]);
  });

  test('the public API (src/index.ts) exposes build, markdown, config and diagnostics only', () => {
    const bad = internal.filter(
      (i) =>
        i.from === 'index.ts' && !['pipeline', 'markdown', 'config', 'diagnostics'].includes(i.to),
    );
    expect(show(bad, 'not part of the public API')).toEqual([]);
  });
});
