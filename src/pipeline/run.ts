import { lstat } from 'node:fs/promises';
import type { ConfigOverrides, ResolvedConfig } from '../config/index.js';
import {
  loadContent,
  loadEntry,
  discoverContent,
  type Entry,
  type SourceFile,
} from '../content/index.js';
import { buildGraph, type SiteGraph } from '../graph/index.js';
import { deferredMarkdownRenderer } from '../markdown/deferred.js';
import type { MarkdownRenderer } from '../markdown/types.js';
import { createRenderer, type Renderer } from '../render/index.js';
import {
  planRoutes,
  type RenderedBody,
  type RouteInputs,
  type SiteSettings,
} from '../routes/index.js';
import type { OutputWriter } from '../output/index.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/index.js';
import { buildNow } from '../util/dates.js';
import { globalPageKey } from '../cache/keys.js';
import { COLOPHON_VERSION } from '../version.js';
import { copyStatic, listPublic, publicLayers } from './stages/assets.js';
import { checkCollisions, checkCovers } from './stages/checks.js';
import { renderBodies, type CachedBody } from './markdown/bodies.js';
import { BodyCache } from './markdown/body-cache.js';
import { poolSize } from './markdown/pool.js';
import { checkCoverImages, coverImages, imageCandidates, ImageStore } from '../images/store.js';
import { createIncludeReader } from './markdown/includes.js';
import { DiskCache } from '../cache/disk-cache.js';
import { applyRules, failed } from './rules.js';
import { checkFragments } from './stages/fragment-links.js';
import type { LinkEnv } from './markdown/links.js';
import {
  writePages,
  type ManifestEntry,
  type PageHooks,
  type PageManifest,
} from './stages/pages.js';
import { visibilityTimes } from './scope.js';
import { Timer } from '../util/timer.js';
import { quickRun } from './quick-run.js';
import {
  failure,
  routeDataOf,
  type LastRun,
  type PipelineOptions,
  type PipelineResult,
} from './state.js';
import { planSocialCards } from '../social/plan.js';
import { writeSocialCards } from '../social/write.js';

export type { PipelineOptions, PipelineResult } from './state.js';

/**
 * The stages in order, with the state that makes rebuilds incremental: entries by file, the
 * markdown renderer and caches live as long as the pipeline (one build, or one `serve` session).
 */
export class Pipeline {
  readonly entries = new Map<string, Entry>();
  readonly sources = new Map<string, string>();
  private contentDiagnostics = new Map<string, Diagnostic[]>();
  private md: MarkdownRenderer | undefined;
  private templates: Renderer | undefined;
  private imageStore: ImageStore | undefined;
  private includeReader: ReturnType<typeof createIncludeReader> | undefined;
  readonly bodyCache: BodyCache;
  readonly entryCache: DiskCache<unknown>;
  readonly timer = new Timer();
  graph: SiteGraph | undefined;
  bodies = new Map<string, RenderedBody>();
  /** The last discovery by project-relative file (undefined until a reload walked the folder). */
  private discovered: Map<string, SourceFile> | undefined;
  private publicFiles: Awaited<ReturnType<typeof listPublic>> | undefined;
  private last: LastRun | undefined;

  constructor(
    readonly config: ResolvedConfig,
    readonly opts: PipelineOptions,
    /** What the config was loaded with, so workers load the same config. */
    readonly overrides: ConfigOverrides = {},
  ) {
    const dir = opts.cache ? config.cachePath : null;
    this.bodyCache = new BodyCache(dir, opts.keepBodies);
    this.entryCache = new DiskCache<unknown>(dir, 'entries');
  }

  /**
   * Load the Markdown engine if a run made it but nothing needed it yet (a warm start): `serve`
   * calls this after its first build, so that the first saved edit does not wait ~0.8 s for it.
   */
  prepareMarkdown(): Promise<void> {
    return this.md?.prepare?.() ?? Promise.resolve();
  }

  /** Load every content file (first build, or after a config change). */
  async loadAll(): Promise<void> {
    this.last = undefined;
    // One walk of the content folder for everything (a walk is ~230 ms at 4,000 posts).
    const res = await this.timer.time('content', () =>
      loadContent(this.config.root, this.config.contentDir, this.entryCache),
    );
    // So that the first edit of a known file needs no walk (reload).
    this.discovered = new Map(res.files.map((f) => [f.file, f]));
    this.entries.clear();
    this.contentDiagnostics.clear();
    for (const e of res.entries) this.entries.set(e.file, e);
    for (const [f, s] of res.sources) this.sources.set(f, s);
    for (const d of res.diagnostics) {
      const k = d.span?.file ?? '';
      this.contentDiagnostics.set(k, [...(this.contentDiagnostics.get(k) ?? []), d]);
    }
  }

  /**
   * Reload only these files (project-relative); a deleted file drops its entry. Editing files that
   * discovery already knows (the common case in `serve`) skips walking the content folder.
   */
  async reload(files: readonly string[]): Promise<void> {
    const known = files.map((f) => this.discovered?.get(f));
    if (
      known.length &&
      known.every((src) => src !== undefined) &&
      (await Promise.all(known.map((src) => isPlainFile(src!.abs)))).every(Boolean)
    ) {
      for (const src of known) await this.loadOne(src!);
      return;
    }
    // Files added, removed or beside a bundle: not a body-only change.
    this.last = undefined;
    const found = await discoverContent(this.config.root, this.config.contentDir);
    const byFile = new Map(found.files.map((f) => [f.file, f]));
    this.discovered = byFile;
    // Bundle assets change the owning entry's asset list: reload owners of touched folders too.
    for (const f of found.files)
      if (f.bundle && files.some((x) => x.startsWith(f.dir + '/'))) this.entries.delete(f.file);
    const todo = new Set(files.filter((f) => byFile.has(f)));
    for (const f of found.files) if (!this.entries.has(f.file)) todo.add(f.file);
    for (const f of [...this.entries.keys()]) if (!byFile.has(f)) this.forget(f);
    for (const f of files) if (!byFile.has(f)) this.forget(f);
    for (const file of todo) await this.loadOne(byFile.get(file)!);
    this.contentDiagnostics.set('', found.diagnostics);
  }

  private async loadOne(src: SourceFile): Promise<void> {
    const r = await loadEntry(src, this.entryCache);
    this.sources.set(src.file, r.source);
    this.contentDiagnostics.set(src.file, r.diagnostics);
    if (r.entry) this.entries.set(src.file, r.entry);
    else this.entries.delete(src.file);
  }

  /** public/ changed: list its files again on the next run. */
  invalidatePublic(): void {
    this.publicFiles = undefined;
    this.last = undefined;
  }

  /** Something besides content changed (snippets, an unknown file): the next run is a full one. */
  invalidate(): void {
    this.last = undefined;
  }

  private forget(file: string): void {
    this.entries.delete(file);
    this.sources.delete(file);
    this.contentDiagnostics.delete(file);
  }

  /** Templates changed: the next run parses them again. */
  resetTemplates(): void {
    this.templates = undefined;
    this.last = undefined;
  }

  settings(): SiteSettings {
    const c = this.config;
    return {
      title: c.title,
      description: c.description,
      baseUrl: c.baseUrl,
      basePath: c.basePath,
      language: c.language,
      author: c.author,
      menu: c.menu,
      pageSize: c.pagination.pageSize,
      feeds: c.feeds,
      search: c.search.enabled,
      generator: `Colophon ${COLOPHON_VERSION}`,
    };
  }

  /**
   * The body-only rebuild (quick-run.ts), or undefined when this change needs the full run:
   * anything but the text of known content files changed since the last successful run.
   */
  private async quick(
    writer: OutputWriter,
    previous: PageManifest,
    reuse: (outPath: string, previous: ManifestEntry) => Promise<boolean>,
    contentDiags: Diagnostic[],
    now: Date,
  ): Promise<PipelineResult | undefined> {
    const last = this.last;
    const md = this.md;
    if (
      !last ||
      !md ||
      previous !== last.manifest ||
      this.templates !== last.templates ||
      this.publicFiles !== last.pub
    )
      return undefined;
    const out = await quickRun({
      last,
      entries: this.entries,
      md,
      bodies: this.bodies,
      bodyCache: this.bodyCache,
      timer: this.timer,
      config: this.config,
      opts: this.opts,
      writer,
      previous,
      reuse,
      contentDiags,
      now,
    });
    if (out?.next) {
      this.last = out.next.last;
      this.bodies = out.next.bodies;
      this.graph = out.next.graph;
    }
    return out?.result;
  }

  async run(
    writer: OutputWriter,
    previous: PageManifest,
    reuse: (outPath: string, previous: ManifestEntry) => Promise<boolean>,
    hooks?: PageHooks,
  ): Promise<PipelineResult> {
    const c = this.config;
    const t = this.timer;
    const phase = (list: Diagnostic[]) => applyRules(list, c.rules);

    let diagnostics = phase([...this.contentDiagnostics.values()].flat());
    if (failed(diagnostics, this.opts.strict)) return failure(diagnostics);

    const now = this.opts.now ?? buildNow();
    const quick = await this.quick(writer, previous, reuse, diagnostics, now);
    if (quick) return quick;
    const last: Partial<LastRun> = { entries: new Map(this.entries), now: now.getTime() };
    const contentCount = diagnostics.length;
    this.last = undefined;
    const entries = [...this.entries.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
    const g = t.timeSync('graph', () =>
      buildGraph(
        entries,
        { basePath: c.basePath, permalinks: c.permalinks },
        { drafts: this.opts.drafts, future: this.opts.future, now },
        c.related.count,
      ),
    );
    last.graphDiags = phase(g.diagnostics);
    diagnostics = [...diagnostics, ...last.graphDiags];
    if (failed(diagnostics, this.opts.strict)) return failure(diagnostics);
    this.graph = g.graph;
    last.graph = g.graph;

    this.publicFiles ??= await listPublic(publicLayers(c), c.root);
    const pub = this.publicFiles;
    diagnostics.push(...phase(pub.diagnostics));
    const publicFiles = new Set(pub.files.map((f) => '/' + f.rel));
    // Every local image is probed and planned before Markdown: resolutions carry its picture data.
    const cacheDir = this.opts.cache ? c.cachePath : null;
    if (c.images.enabled) this.imageStore ??= new ImageStore(c.images, c.basePath, cacheDir);
    const imageStore = c.images.enabled ? this.imageStore : undefined;
    const images =
      imageStore &&
      (await t.time('image probe', () =>
        imageStore.plan(
          imageCandidates(
            entries,
            (f) => g.graph.byFile.get(f)?.url,
            pub.files,
            c.root,
            c.basePath,
          ),
          pub.files.map((f) => f.rel),
        ),
      ));
    // Covers go through the same pipeline: their problems are errors at the `cover:` key.
    const covers = images ? coverImages(entries, g.graph, c.basePath) : [];
    if (images)
      diagnostics.push(
        ...phase([...images.diagnostics, ...checkCoverImages(covers, images.answers)]),
      );

    // The engine (and its highlighter) loads on the first body that needs rendering, if any.
    this.md ??= deferredMarkdownRenderer({
      ...c.markdown,
      cache: new DiskCache<string>(this.opts.cache ? c.cachePath : null, 'code'),
    });
    const md = this.md;
    const rendered = new Map<string, { file: string; result: CachedBody }>();
    let bodiesRendered = 0;
    let bodiesCached = 0;
    const toRender = entries.filter((e) => visible(e, g.graph));
    await t.time('markdown', async () => {
      this.includeReader ??= createIncludeReader({ root: c.root, snippets: c.snippets });
      const env: LinkEnv = {
        graph: g.graph,
        basePath: c.basePath,
        publicFiles,
        includes: this.includeReader,
        ...(images ? { images: images.answers } : {}),
      };
      last.env = env;
      last.publicFiles = publicFiles;
      last.pub = pub;
      const done = await renderBodies(toRender, env, md, this.bodyCache, {
        workers: this.opts.workers ?? poolSize(),
        init: { root: c.root, overrides: this.overrides, cache: this.opts.cache },
      });
      for (const [k, v] of done.rendered) rendered.set(k, v);
      bodiesRendered = done.fresh;
      bodiesCached = done.cached;
    });
    last.beforeMarkdownDiags = diagnostics.slice(contentCount + last.graphDiags.length);
    last.coverDiags = checkCovers(entries, g.graph, publicFiles);
    last.times = visibilityTimes(entries);
    const mdDiags = [...rendered.values()].flatMap((r) => r.result.diagnostics);
    diagnostics = [
      ...diagnostics,
      ...phase([...mdDiags, ...checkFragments(rendered), ...last.coverDiags]),
    ];
    if (failed(diagnostics, this.opts.strict)) return failure(diagnostics);
    this.bodies = new Map([...rendered].map(([id, r]) => [id, r.result.body]));

    // Social cards: which pages get one and its URL now (pages link it); PNGs after the pages.
    const cards = planSocialCards(g.graph, c, c.root, c.socialCards.enabled, c.socialCards.covers);
    const routeInputs: RouteInputs = {
      site: this.settings(),
      graph: g.graph,
      bodies: this.bodies,
      images: cards.urls,
      ...(images ? { pictures: images.answers } : {}),
    };
    const plans = t.timeSync('routes', () => planRoutes(routeInputs));
    const collisions = checkCollisions(plans, pub.files, entries, g.graph, c.basePath);
    if (collisions.length) return failure([...diagnostics, ...collisions]);

    this.templates ??= createRenderer({
      siteTemplatesDir: c.templatesDir,
      strictVariables: this.opts.strictVariables,
      projectRoot: c.root,
    });
    const tplDiags = phase(await this.templates.check());
    diagnostics = [...diagnostics, ...tplDiags];
    if (failed(diagnostics, this.opts.strict)) return failure(diagnostics);
    Object.assign(last, { rendered, routeInputs, plans, tplDiags, templates: this.templates });

    await hooks?.planned(plans);
    let pages;
    try {
      pages = await t.time('render', () =>
        writePages(plans, {
          renderer: this.templates!,
          writer,
          globalKey: globalPageKey(c.digest, md.digest),
          previous,
          reuse,
          hashReads: !this.opts.inMemoryManifest,
          ...(hooks ? { hooks } : {}),
        }),
      );
    } catch (e) {
      if (e instanceof BuildFailure) return failure([...diagnostics, ...phase(e.diagnostics)]);
      throw e;
    }
    await t.time('assets', () =>
      copyStatic(writer, pub.files, entries, g.graph, c.root, c.basePath),
    );
    const cardStats = c.socialCards.enabled
      ? await t.time('cards', () => writeSocialCards(cards.jobs, writer, cacheDir))
      : undefined;
    const imageStats =
      images && imageStore
        ? await t.time('images', () =>
            imageStore.write(
              images,
              [...rendered.values()].map((r) => r.result),
              writer,
              covers.map((x) => x.url),
            ),
          )
        : undefined;
    this.last = { ...(last as LastRun), manifest: pages.manifest, routeData: routeDataOf(plans) };
    return {
      ok: true,
      diagnostics,
      plans,
      manifest: pages.manifest,
      rendered: pages.rendered,
      reused: pages.reused,
      bodiesRendered,
      bodiesCached,
      ...(imageStats ? { images: imageStats } : {}),
      ...(cardStats ? { cards: cardStats } : {}),
    };
  }
}

async function isPlainFile(abs: string): Promise<boolean> {
  try {
    return (await lstat(abs)).isFile();
  } catch {
    return false;
  }
}

function visible(e: Entry, g: SiteGraph): boolean {
  if (e.kind === 'post') return g.postById.has(e.id);
  if (e.kind === 'page') return g.pages.some((p) => p.id === e.id);
  return true;
}
