import type { Entry, PostEntry } from '../../content/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { buildGraph, type SiteGraph } from '../../graph/index.js';
import type { Resources } from '../resources.js';
import { applyRules } from '../rules.js';
import type { Scope } from '../state.js';

/** The graph stage's output. */
export interface GraphOutput {
  graph: SiteGraph;
  /** Rules applied. */
  diagnostics: Diagnostic[];
  /** Dates at which a post becomes visible or expires, sorted (see `timeCrossed`). */
  times: number[];
}

/**
 * Entries -> the site graph (URLs, lists, orders). A partial run changed only bodies and
 * card-level front matter, which the graph is not built from: the last graph with the changed
 * posts' entries put in.
 */
export function graphStage(res: Resources, scope: Scope, now: Date): GraphOutput {
  if (scope.kind === 'partial') {
    const last = scope.last.graph;
    return { ...last, graph: withEntries(last.graph, scope.meta) };
  }
  const c = res.config;
  const o = res.options;
  const g = res.timer.timeSync('graph', () =>
    buildGraph(
      [...scope.entries],
      { basePath: c.basePath, permalinks: c.permalinks, redirects: c.redirects },
      { drafts: o.drafts, future: o.future, now },
      c.related.count,
      c.author.name,
      scope.loose,
    ),
  );
  return {
    graph: g.graph,
    diagnostics: applyRules(g.diagnostics, c.rules),
    times: visibilityTimes(scope.entries),
  };
}

/**
 * The graph with these posts' entries replaced. Card-level changes touch nothing the graph is
 * built from (order is date then id, lists come from topics, series and parts), so every list,
 * order and URL is the old one.
 */
export function withEntries(g: SiteGraph, posts: readonly PostEntry[]): SiteGraph {
  if (!posts.length) return g;
  const byId = new Map(posts.map((e) => [e.id, e]));
  const list = g.posts.map((p) => {
    const e = byId.get(p.id);
    return e ? { ...p, entry: e } : p;
  });
  return { ...g, posts: list, postById: new Map(list.map((p) => [p.id, p])) };
}

/**
 * The dates at which a post becomes visible or expires, sorted: what `timeCrossed` looks in. A
 * partial run changes no date, so the list of the last full run holds.
 */
export function visibilityTimes(entries: Iterable<Entry>): number[] {
  const out: number[] = [];
  for (const e of entries)
    if (e.kind === 'post') {
      if (e.date) out.push(e.date.getTime());
      if (e.expires) out.push(e.expires.getTime());
    }
  return out.sort((a, b) => a - b);
}

/**
 * Did a post become visible (or expire) between two "now"s? Then the graph is not the same.
 * A binary search: every body edit asks, and a scan of 4,000 entries cost ~5 ms of it.
 */
export function timeCrossed(times: readonly number[], from: number, to: number): boolean {
  if (from === to) return false;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  // The first time after lo.
  let a = 0;
  let b = times.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (times[mid]! <= lo) a = mid + 1;
    else b = mid;
  }
  return a < times.length && times[a]! <= hi;
}
