import {
  cardDiff,
  planRoutes,
  RouteData,
  type PagePlan,
  type RouteInputs,
} from '../../routes/index.js';
import type { SocialPlan } from '../../social/plan.js';
import type { Resources } from '../resources.js';
import type { Scope } from '../state.js';
import type { GraphOutput } from './graph.js';
import type { ImagePlanOutput } from './images.js';
import type { BodiesOutput } from './markdown.js';
import type { PageRecords } from './pages.js';
import { ReaderIndex } from './route-index.js';

/** The routes stage's output. */
export interface RoutesOutput {
  /** The inputs and cards of this planning pass: a partial run takes the unchanged cards. */
  data: RouteData;
  /** Which plan read what: kept when the pipeline runs again (`serve`), for partial runs. */
  index: ReaderIndex | undefined;
}

/**
 * Plan pages (cheap: no rendering). A full run plans every page. A partial run plans the pages
 * whose builders read what changed (the changed entries' bodies and fields, their cards), minus
 * those whose last render read only card fields that kept their values.
 */
export function routeStage(
  res: Resources,
  scope: Scope,
  inputs: {
    graph: GraphOutput;
    bodies: BodiesOutput;
    social: SocialPlan;
    images?: ImagePlanOutput;
  },
  pages: PageRecords,
): { plans: PagePlan[]; output: RoutesOutput; changedCards?: ReadonlySet<string> } {
  const graph = inputs.graph.graph;
  if (scope.kind === 'full') {
    const routeInputs: RouteInputs = {
      site: res.settings(),
      graph,
      bodies: inputs.bodies.bodies,
      socialCards: inputs.social.urls,
      ...(inputs.images ? { pictures: inputs.images.plan.answers } : {}),
      memo: res.routeMemo,
    };
    const data = new RouteData(routeInputs);
    const plans = res.timer.timeSync('routes', () => planRoutes(data));
    const index = res.options.session ? ReaderIndex.of(plans) : undefined;
    return { plans, output: { data, index } };
  }
  const last = scope.last.routes;
  const index = last.index!;
  // Cards come from the graph (unchanged) and bodies: only the edited posts' cards, and their
  // series' cards, can differ.
  const changed = new Set<string>();
  for (const e of scope.changed) {
    if (e.kind !== 'post') continue;
    changed.add(e.id);
    if (e.series) changed.add(`series/${e.series}`);
  }
  const data = new RouteData(
    { ...last.data.inputs, graph, bodies: inputs.bodies.bodies },
    { from: last.data, changed },
  );
  const all = cardDiff(last.data, data);
  const diff = (id: string) => (changed.has(id) ? all(id) : null);
  const refs = scope.changed.map((e) => `${e.kind}:${e.id}`);
  const keys = index.narrow(index.affected(scope.changed, graph), refs, pages, diff);
  const plans = res.timer.timeSync('routes', () => planRoutes(data, keys));
  return { plans, output: { data, index: index.extend(plans) }, changedCards: changed };
}
