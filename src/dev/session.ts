import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type ResolvedConfig } from '../config/index.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/index.js';
import type { Excluded } from '../graph/index.js';
import {
  NO_PAGES,
  Pipeline,
  withoutPages,
  type Change,
  type PageRecords,
  type RunResult,
} from '../pipeline/index.js';
import { checkOutDir, checkTempOutDir } from '../output/index.js';
import { relPosix } from '../util/paths.js';
import { SessionWriter } from './writer.js';

export interface ChangeSet {
  /** Absolute paths of files created, changed or removed since the last rebuild. */
  files: string[];
}

export interface RebuildReport {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Root-relative URLs whose bytes changed (or appeared/vanished). */
  changedUrls: string[];
  /** Only stylesheets changed: the client can swap them without a reload. */
  cssOnly: boolean;
  rendered: number;
  ms: number;
  full: boolean;
  /**
   * A partial run: only the text (or card-level front matter) of known content files changed,
   * and only the pages that read them were planned and written.
   */
  quick: boolean;
  /** Posts and pages this run left out (drafts, future, expired); empty when it failed. */
  excluded: readonly Excluded[];
}

export interface SessionOptions {
  root: string;
  drafts: boolean;
  future: boolean;
  /** Folder to serve from; default: a fresh temporary folder. */
  outDir?: string;
  /** The build's "now" (future/expired posts); default SOURCE_DATE_EPOCH or the clock. */
  now?: Date;
}

/**
 * The state of one `serve` session: the pipeline (entries, caches, renderers) and the live output
 * folder. A rebuild reloads only changed content files, re-plans every page (cheap) and renders
 * only pages whose recorded dependencies changed; the incremental tests prove the result is
 * byte-identical to a fresh full build.
 */
export class DevSession {
  config!: ResolvedConfig;
  pipeline!: Pipeline;
  writer!: SessionWriter;
  outDir = '';
  /** The pages of the live folder, as the last run left them. */
  private pages: PageRecords = NO_PAGES;
  /** Output files that are not pages (public/, bundle files, social images): produced every run. */
  private files = new Set<string>();
  /** Paths written by failed runs, not yet announced to browsers. */
  private unreported = new Set<string>();
  lastGood: RunResult | undefined;
  lastDiagnostics: Diagnostic[] = [];
  private configBroken = false;

  constructor(readonly opts: SessionOptions) {}

  /**
   * First full build. Throws BuildFailure (`output/unsafe-out-dir`) before any folder is created
   * when the config's outDir, or the folder the session would build into, would replace part of
   * the project (output/out-dir.ts).
   */
  async start(): Promise<RebuildReport> {
    const config = await loadConfig(this.opts.root).catch(() => undefined);
    const unsafe = config && this.unsafeOutput(config);
    if (unsafe) throw new BuildFailure([unsafe], 'output');
    this.outDir = this.opts.outDir ?? (await mkdtemp(path.join(os.tmpdir(), 'colophon-serve-')));
    this.writer = new SessionWriter(this.outDir);
    const first = await this.full(config);
    // The author's first edit is a body edit more often than not: have the engine ready for it.
    // A failure to load shows up again, as a diagnostic, on the render that needs it.
    if (first.ok) this.pipeline.prepareMarkdown().catch(() => undefined);
    return first;
  }

  async dispose(): Promise<void> {
    await this.pipeline?.close();
    if (!this.opts.outDir) await rm(this.outDir, { recursive: true, force: true });
  }

  /** The config's outDir (never written by serve, but refused as `build` refuses it) and ours. */
  private unsafeOutput(config: ResolvedConfig): Diagnostic | undefined {
    return (
      checkOutDir(config.outPath, config) ??
      (this.opts.outDir || this.outDir
        ? checkOutDir(this.opts.outDir ?? this.outDir, config)
        : checkTempOutDir('colophon-serve-', config))
    );
  }

  /** Config changed (or first start, with the config start() loaded): everything re-rendered. */
  async full(loaded?: ResolvedConfig): Promise<RebuildReport> {
    const start = performance.now();
    try {
      this.config = loaded ?? (await loadConfig(this.opts.root));
    } catch (e) {
      // Until the config loads again, every change retries a full build.
      this.configBroken = true;
      if (e instanceof BuildFailure) return this.failed(e.diagnostics, start, true);
      throw e;
    }
    const unsafe = this.unsafeOutput(this.config);
    this.configBroken = !!unsafe;
    if (unsafe) return this.failed([unsafe], start, true);
    // The on-disk cache is shared with `build`; page reuse is tracked in memory.
    await this.pipeline?.close();
    this.pipeline = new Pipeline(this.config, {
      drafts: this.opts.drafts,
      future: this.opts.future,
      strict: false,
      cache: true,
      strictVariables: true,
      session: true,
      ...(this.opts.now ? { now: this.opts.now } : {}),
    });
    // The previous pages stay: their keys cannot match (they include the config digest), but
    // their output hashes tell which URLs really changed.
    return this.run(start, true, { kind: 'all' });
  }

  async rebuild(changes: ChangeSet): Promise<RebuildReport> {
    if (!this.pipeline || this.configBroken) return this.full();
    const start = performance.now();
    const c = this.config;
    const rel = changes.files.map((f) => relPosix(c.root, f));
    if (
      rel.some((f) => /^colophon\.config\.[mc]?[jt]s$/.test(f)) ||
      rel.some((f) => f === 'package.json')
    )
      return this.full();
    const change: Change = {
      kind: 'some',
      content: rel.filter((f) => f.startsWith('content/')),
      templates: rel.some((f) => f.startsWith('templates/')),
      other: rel.some((f) => !f.startsWith('content/') && !f.startsWith('templates/')),
    };
    this.writer.sourcesChanged(changes.files);
    return this.run(start, false, change);
  }

  private async run(start: number, full: boolean, change: Change): Promise<RebuildReport> {
    const before = this.pages;
    const w = this.writer;
    w.begin();
    const r = await this.pipeline.run(change, {
      writer: w,
      pages: before,
      reuse: async () => true,
    });
    // A failed run may already have written some pages: report them with the next good run.
    for (const f of w.changed) this.unreported.add(f);
    if (!r.ok || !r.pages) {
      // Pages it wrote no longer match what the records say they were rendered from.
      this.pages = withoutPages(before, w.changed);
      return this.failed(r.diagnostics, start, full);
    }
    const pages = r.pages.byPath;
    // Pages that are no longer planned, and files (public/, bundles, images) no longer produced.
    // (A partial run writes pages only: every other file is as it was.)
    const gone = [
      ...[...before.byPath.keys()].filter((out) => !pages.has(out)),
      ...(r.partial ? [] : [...this.files].filter((f) => !w.produced.has(f) && !pages.has(f))),
    ];
    for (const f of gone) await w.remove(f);
    if (!r.partial) this.files = new Set([...w.produced].filter((f) => !pages.has(f)));
    const changed = [...new Set([...this.unreported, ...w.changed])].sort();
    this.unreported.clear();
    this.pages = r.pages;
    this.lastGood = r;
    this.lastDiagnostics = r.diagnostics;
    return {
      ok: true,
      diagnostics: r.diagnostics,
      changedUrls: changed.map((o) => this.urlOf(o)).sort(),
      cssOnly: changed.length > 0 && changed.every((o) => o.endsWith('.css')),
      rendered: r.rendered,
      ms: performance.now() - start,
      full,
      quick: r.partial,
      excluded: r.excluded,
    };
  }

  private failed(diagnostics: Diagnostic[], start: number, full: boolean): RebuildReport {
    this.lastDiagnostics = diagnostics;
    return {
      ok: false,
      diagnostics,
      changedUrls: [],
      cssOnly: false,
      rendered: 0,
      ms: performance.now() - start,
      full,
      quick: false,
      excluded: [],
    };
  }

  /** `posts/x/index.html` -> `/blog/posts/x/`. */
  urlOf(outPath: string): string {
    const base = this.config?.basePath ?? '/';
    return base + outPath.replace(/(^|\/)index\.html$/, '$1');
  }
}
