import { textDirection, uiStrings } from '../config/strings/index.js';
import type { ConfigOverrides, ResolvedConfig } from '../config/index.js';
import { DiskCache } from '../cache/disk-cache.js';
import { ImageStore } from '../images/store.js';
import { deferredMarkdownRenderer } from '../markdown/deferred.js';
import type { MarkdownRenderer } from '../markdown/types.js';
import { RouteMemo } from '../routes/index.js';
import { COLOPHON_VERSION } from '../version.js';
import type { SiteSettings } from '../routes/index.js';
import { Timer } from '../util/timer.js';
import { BodyCache } from './markdown/body-cache.js';
import { createIncludeReader, type IncludeReader } from './markdown/includes.js';
import { BodyWorkers, poolSize } from './markdown/pool.js';
import type { PipelineOptions } from './state.js';

/**
 * What the stages work with and keep for as long as the pipeline lives (one build, or one `serve`
 * session): the config, the options, the caches and the engines. Not run state: a run's results
 * are its outputs (state.ts), and none of these decides what a run does.
 */
export class Resources {
  readonly timer = new Timer();
  readonly entryCache: DiskCache<unknown>;
  readonly bodyCache: BodyCache;
  /** Loads its engine (unified, shiki, KaTeX) on the first body that needs rendering, if any. */
  readonly markdown: MarkdownRenderer;
  /** Content hashes and probes of local images (absent when `images.enabled` is false). */
  readonly images: ImageStore | undefined;
  /** Reads the files code fences include. */
  readonly includes: IncludeReader;
  /** Strings derived from bodies, kept across planning passes. */
  readonly routeMemo = new RouteMemo();
  /**
   * The threads bodies are rendered on (started on the first body that is not cached), or none
   * with `workers: 0`: then bodies render on the main thread, where they cannot be stopped.
   */
  readonly bodyWorkers: BodyWorkers | undefined;
  /** The `.cache/` folder, or null with `cache: false`. */
  readonly cacheDir: string | null;

  constructor(
    readonly config: ResolvedConfig,
    readonly options: PipelineOptions,
    /** What the config was loaded with, so Markdown workers load the same config. */
    readonly overrides: ConfigOverrides = {},
  ) {
    const dir = options.cache ? config.cachePath : null;
    this.cacheDir = dir;
    this.entryCache = new DiskCache<unknown>(dir, 'entries');
    this.bodyCache = new BodyCache(dir, options.session);
    this.markdown = deferredMarkdownRenderer({
      ...config.markdown,
      cache: new DiskCache<string>(dir, 'code'),
    });
    this.images = config.images.enabled
      ? new ImageStore(config.images, config.basePath, dir)
      : undefined;
    this.includes = createIncludeReader({ root: config.root, snippets: config.snippets });
    const workers = options.workers ?? poolSize();
    this.bodyWorkers =
      workers > 0
        ? new BodyWorkers({ root: config.root, overrides, cache: options.cache }, workers)
        : undefined;
  }

  /** End the worker threads and the image encodes `serve` left running. */
  async close(): Promise<void> {
    await Promise.all([this.bodyWorkers?.close(), this.images?.close()]);
  }

  /** The slice of the config that pages may show. */
  settings(): SiteSettings {
    const c = this.config;
    return {
      title: c.title,
      description: c.description,
      baseUrl: c.baseUrl,
      basePath: c.basePath,
      language: c.language,
      dir: textDirection(c.language),
      strings: uiStrings(c.language, c.strings),
      theme: c.theme,
      author: c.author,
      menu: c.menu,
      pageSize: c.pagination.pageSize,
      excerptWords: c.excerpt.words,
      feeds: c.feeds,
      search: c.search.enabled,
      generator: `Colophon ${COLOPHON_VERSION}`,
      ...(c.host ? { redirectHost: c.host } : {}),
    };
  }
}
