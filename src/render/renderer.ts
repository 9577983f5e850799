import path from 'node:path';
import { BuildFailure, sortDiagnostics } from '../diagnostics/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { TemplateName, TemplateProps } from '../routes/view-model.js';
import { computeClosure } from './dependencies.js';
import type { Closure } from './dependencies.js';
import { renderErrorToDiagnostic } from './errors.js';
import { cachedRenderTag, PartialOutputCache } from './partial-cache.js';
import { createLiquid, DEFAULT_LIMITS, type RenderLimits } from './liquid.js';
import { defaultTemplatesDir, TemplateStore } from './store.js';
import type { TemplateOrigin } from './store.js';

export { DEFAULT_LIMITS, type RenderLimits };

/** Every page template a theme must provide (one per TemplateName of the view-model). */
export const PAGE_TEMPLATES = [
  'home',
  'post',
  'series',
  'series-index',
  'topic',
  'topic-index',
  'archive',
  'page',
  '404',
  'redirect',
  'search',
  'author',
  'author-index',
] as const satisfies readonly TemplateName[];

// Compile-time check that PAGE_TEMPLATES lists every TemplateName.
type MissingTemplate = Exclude<TemplateName, (typeof PAGE_TEMPLATES)[number]>;
const allTemplatesListed: [MissingTemplate] extends [never] ? true : never = true;
void allTemplatesListed;

export interface RendererOptions {
  /** The site's `templates/` folder; its files override the default theme's, file by file. */
  siteTemplatesDir?: string;
  /** Fail on variables that the view-model does not have (true in `build`). */
  strictVariables: boolean;
  /** Diagnostics show template paths relative to this folder. Default: `process.cwd()`. */
  projectRoot?: string;
  /** The fallback theme. Default: the package's own `templates/`. */
  defaultTemplatesDir?: string;
  limits?: Partial<RenderLimits>;
}

export interface RenderedPage {
  html: string;
  /** Dependency ids (`template:<path relative to a templates folder>`) of every template the page can use, sorted. */
  templatesUsed: string[];
}

export interface Renderer {
  /**
   * Render one page. Throws a `BuildFailure` (phase `render`) whose diagnostics say what is wrong
   * with the template, at which file, line and column: syntax errors, missing partials, recursion,
   * undefined variables, limits. Any other exception is a programmer error.
   */
  renderPage<T extends TemplateName>(template: T, props: TemplateProps[T]): Promise<RenderedPage>;
  /**
   * Parse every page template and the partials they reach; return all template problems at once
   * (sorted), without rendering anything. Run it before rendering pages to report template
   * mistakes once rather than once per page.
   */
  check(): Promise<Diagnostic[]>;
  /** The sorted `template:` ids a page template depends on (its static closure). */
  dependencies(template: TemplateName): Promise<string[]>;
  /** Hash of every template file of both origins. Part of the cache key of rendered pages. */
  digest(): string;
  /** Content hash per `template:` id of the winning file (site or default), for the dependency graph. */
  templateHashes(): Record<string, string>;
  /** Which file a `template:` id resolves to. */
  resolveTemplate(id: string): { path: string; origin: TemplateOrigin } | undefined;
  /** How often `{% render %}` reused a partial's kept output (partial-cache.ts), and how many are kept. */
  partialStats(): { hits: number; misses: number; kept: number };
}

/**
 * Create a renderer over a snapshot of the template folders taken now. Templates are parsed
 * once, on first use, and kept: when a template file changes, create a new renderer.
 */
export function createRenderer(options: RendererOptions): Renderer {
  const projectRoot = options.projectRoot ?? process.cwd();
  const dirs: { origin: TemplateOrigin; dir: string }[] = [];
  if (options.siteTemplatesDir)
    dirs.push({ origin: 'site', dir: path.resolve(options.siteTemplatesDir) });
  dirs.push({
    origin: 'default',
    dir: path.resolve(options.defaultTemplatesDir ?? defaultTemplatesDir()),
  });
  const store = new TemplateStore(dirs, projectRoot);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };

  const liquid = createLiquid(store, { strictVariables: options.strictVariables, limits });
  // Kept partial output lives as long as the renderer, replaced whenever a template file changes.
  const partials = new PartialOutputCache();
  liquid.registerTag('render', cachedRenderTag(partials));

  const closures = new Map<string, Promise<Closure>>();
  const closureOf = (name: string) => {
    let c = closures.get(name);
    if (!c) {
      c = computeClosure(liquid, store, name);
      closures.set(name, c);
    }
    return c;
  };
  const idsOf = (c: Closure) => [...new Set(c.files.map((f) => f.id))].sort();

  return {
    async renderPage(template, props) {
      const closure = await closureOf(template);
      if (closure.diagnostics.length > 0) {
        throw new BuildFailure(sortDiagnostics(closure.diagnostics), 'render');
      }
      const root = closure.files[0]!;
      let html: string;
      try {
        html = renderSync(() => liquid.renderFileSync(template, props as object) as string);
      } catch (err) {
        // A failure of the data itself (a cached body gone mid-build), not of the template.
        const cause = failureIn(err);
        if (cause) throw cause;
        const pageUrl = (props as { page?: { url?: string } }).page?.url;
        const d = renderErrorToDiagnostic(err, store, root, closure.files, template, pageUrl);
        throw new BuildFailure([d], 'render');
      }
      return { html, templatesUsed: idsOf(closure) };
    },

    async check() {
      const all: Diagnostic[] = [];
      const seen = new Set<string>();
      for (const name of PAGE_TEMPLATES) {
        for (const d of (await closureOf(name)).diagnostics) {
          const key = JSON.stringify(d);
          if (!seen.has(key)) {
            seen.add(key);
            all.push(d);
          }
        }
      }
      return sortDiagnostics(all);
    },

    async dependencies(template) {
      return idsOf(await closureOf(template));
    },

    partialStats: () => ({
      hits: partials.hits,
      misses: partials.misses,
      kept: partials.size,
    }),
    digest: () => store.digest(),
    templateHashes: () => store.hashes(),
    resolveTemplate(id) {
      const rel = id.startsWith('template:') ? id.slice('template:'.length) : id;
      const f = store.resolved.get(rel);
      return f ? { path: f.absPath, origin: f.origin } : undefined;
    },
  };
}

/** The BuildFailure behind a template engine error, if a view-model getter threw one. */
function failureIn(err: unknown): BuildFailure | undefined {
  for (let e = err, depth = 0; e && depth < 8; depth++) {
    if (e instanceof BuildFailure) return e;
    const next: unknown =
      (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return undefined;
}

/**
 * Render a page synchronously, without JavaScript stack traces. LiquidJS answers every `{% if x %}`
 * on a missing field (`card.series` on a post outside any series, in every list) by creating and
 * catching an error, and V8 captures a stack for each: measured in `serve` as the largest single
 * cost of re-rendering list pages. Template errors are reported from LiquidJS's own token
 * positions, never from stacks, and nothing else runs during a synchronous render, so the limit
 * is restored before any other code sees it.
 */
function renderSync(render: () => string): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return render();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
