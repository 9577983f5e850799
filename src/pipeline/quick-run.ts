import type { ResolvedConfig } from '../config/index.js';
import { entryId, type Entry } from '../content/index.js';
import { BuildFailure, type Diagnostic } from '../diagnostics/index.js';
import type { SiteGraph } from '../graph/index.js';
import type { MarkdownRenderer } from '../markdown/types.js';
import type { OutputWriter } from '../output/index.js';
import {
  cardDiff,
  planRoutes,
  RouteData,
  type RenderedBody,
  type RouteInputs,
} from '../routes/index.js';
import { globalPageKey } from '../cache/keys.js';
import { renderBody } from './markdown/bodies.js';
import type { BodyCache } from './markdown/body-cache.js';
import { planSocialCards } from '../social/plan.js';
import { writeSocialCards } from '../social/write.js';
import { applyRules, failed } from './rules.js';
import { checkFragments } from './stages/fragment-links.js';
import { renderContext } from './markdown/links.js';
import { writePages, type ManifestEntry, type PageManifest } from './stages/pages.js';
import {
  affectedPlans,
  imageRefs,
  mergePlans,
  narrowCardReaders,
  planPaths,
  quickChanges,
  readersIndex,
  timeCrossed,
  withEntries,
} from './scope.js';
import {
  failure,
  routeDataOf,
  type LastRun,
  type PipelineOptions,
  type PipelineResult,
} from './state.js';
import type { Timer } from '../util/timer.js';

/** What a quick pass works from: the last full run and the pipeline's current state. */
export interface QuickInput {
  last: LastRun;
  entries: ReadonlyMap<string, Entry>;
  md: MarkdownRenderer;
  bodies: ReadonlyMap<string, RenderedBody>;
  bodyCache: BodyCache;
  timer: Timer;
  config: ResolvedConfig;
  opts: PipelineOptions;
  writer: OutputWriter;
  previous: PageManifest;
  reuse: (outPath: string, previous: ManifestEntry) => Promise<boolean>;
  contentDiags: Diagnostic[];
  now: Date;
}

/**
 * The body-only rebuild of `serve` (see quick.ts for what it takes and why): undefined when the
 * change needs the full run; otherwise the run's result, and, when it succeeded, the state the
 * pipeline keeps for the next one.
 */
export async function quickRun(q: QuickInput): Promise<
  | {
      result: PipelineResult;
      next?: { last: LastRun; bodies: Map<string, RenderedBody>; graph: SiteGraph };
    }
  | undefined
> {
  const { writer, previous, reuse, contentDiags, now } = q;
  const L = q.last;
  const md = q.md;
  const changes = quickChanges(L.entries, q.entries);
  if (!changes || timeCrossed(L.times, L.now, now.getTime())) return undefined;
  const { changed, meta } = changes;
  const c = q.config;
  const graph = withEntries(L.graph, meta);
  const t = q.timer;
  const phase = (list: Diagnostic[]) => applyRules(list, c.rules);
  const rendered = new Map(L.rendered);
  let bodiesRendered = 0;
  await t.time('markdown', async () => {
    for (const e of changed) {
      const id = entryId(e);
      if (!rendered.has(id)) continue; // not published in this build (a draft): never rendered
      const r = await renderBody(e, renderContext(e, L.env), md, q.bodyCache);
      if (!r.cached) bodiesRendered++;
      rendered.set(id, { file: e.file, result: r });
    }
  });
  // Image references decide which image files are written: a change there is a full run.
  for (const e of changed)
    if (
      imageRefs(L.rendered.get(entryId(e))?.result) !== imageRefs(rendered.get(entryId(e))?.result)
    )
      return undefined;
  const mdDiags = [...rendered.values()].flatMap((r) => r.result.diagnostics);
  let diagnostics = [
    ...contentDiags,
    ...L.graphDiags,
    ...L.beforeMarkdownDiags,
    ...phase([...mdDiags, ...checkFragments(rendered), ...L.coverDiags]),
  ];
  if (failed(diagnostics, q.opts.strict)) return { result: failure(diagnostics) };
  const bodies = new Map(q.bodies);
  for (const e of changed) {
    const r = rendered.get(entryId(e));
    if (r) bodies.set(entryId(e), r.result.body);
  }
  L.readers ??= readersIndex(L.plans);
  L.paths ??= planPaths(L.plans);
  let keys = affectedPlans(changed, graph, L.readers);
  // Cards come from the graph (unchanged) and bodies: only the edited posts' cards, and their
  // series' cards, can differ.
  const changedCards = new Set<string>();
  for (const e of changed) {
    if (e.kind !== 'post') continue;
    changedCards.add(e.id);
    if (e.series) changedCards.add(`series/${e.series}`);
  }
  const routeInputs: RouteInputs = { ...L.routeInputs, graph, bodies };
  // The graph is L.graph with the `meta` posts' entries replaced (withEntries): cards of every
  // other post are the previous ones.
  const data = new RouteData(
    routeInputs,
    L.routeData ? { from: L.routeData, changed: changedCards, patched: true } : undefined,
  );
  if (L.routeData) {
    const full = cardDiff(L.routeData, data);
    const diff = (id: string) => (changedCards.has(id) ? full(id) : null);
    const posts = changed.filter((e) => e.kind === 'post').map((e) => e.id);
    keys = narrowCardReaders(keys, posts, L.readers, L.paths, previous, diff);
  }
  const fresh = t.timeSync('routes', () => planRoutes(routeInputs, keys, data));
  let pages;
  try {
    pages = await t.time('render', () =>
      writePages(fresh, {
        renderer: L.templates,
        writer,
        globalKey: globalPageKey(c.digest, md.digest),
        previous,
        reuse,
        base: previous,
        changedCards,
        // Only `serve` takes the quick path, and its manifest is never saved.
        hashReads: false,
      }),
    );
  } catch (e) {
    if (e instanceof BuildFailure)
      return { result: failure([...diagnostics, ...phase(e.diagnostics)]) };
    throw e;
  }
  // A retitled post's social card shows the new title (the URL of its PNG stays the same).
  let cardStats: PipelineResult['cards'];
  if (meta.length && c.socialCards.enabled) {
    const ids = new Set(meta.map((e) => `post:${e.id}`));
    const plan = planSocialCards(graph, c, c.root, true, c.socialCards.covers);
    const jobs = plan.jobs.filter((j) => ids.has(j.of));
    cardStats = await t.time('cards', () =>
      writeSocialCards(jobs, writer, q.opts.cache ? c.cachePath : null),
    );
  }
  diagnostics = [...diagnostics, ...L.tplDiags];
  const plans = mergePlans(L.plans, fresh);
  // `plans` of the full run stay in `last` (the readers index comes from them): keeping every
  // pass's plans would keep every pass's data alive.
  const last: LastRun = {
    ...L,
    entries: new Map(q.entries),
    now: now.getTime(),
    graph,
    rendered,
    routeInputs,
    manifest: pages.manifest,
    routeData: routeDataOf(fresh) ?? L.routeData,
  };
  const result: PipelineResult = {
    ok: true,
    diagnostics,
    plans,
    manifest: pages.manifest,
    rendered: pages.rendered,
    reused: plans.length - pages.rendered,
    bodiesRendered,
    bodiesCached: changed.length - bodiesRendered,
    ...(cardStats ? { cards: cardStats } : {}),
    quick: true,
  };
  return { result, next: { last, bodies, graph } };
}
