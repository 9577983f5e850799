import type { OutputWriter } from '../../output/index.js';
import { planSocialCards, type SocialPlan } from '../../social/plan.js';
import { writeSocialCards, type CardOutput, type CardRecord } from '../../social/write.js';
import type { Resources } from '../resources.js';
import type { Scope } from '../state.js';
import type { GraphOutput } from './graph.js';

/** Which pages get a social card and where it lives (pages link it): before pages are planned. */
export function socialPlanStage(res: Resources, scope: Scope, graph: GraphOutput): SocialPlan {
  if (scope.kind === 'partial') return scope.last.social;
  return planCards(res, graph);
}

/**
 * Draw (or take from `.cache/cards/`) the social cards, after the pages. A partial run changed
 * no URL: only a retitled post's card is drawn again (its PNG keeps its URL).
 */
export async function socialWriteStage(
  res: Resources,
  scope: Scope,
  social: SocialPlan,
  graph: GraphOutput,
  writer: OutputWriter,
  output?: CardOutput,
): Promise<{ rendered: number; cached: number; records: Record<string, CardRecord> } | undefined> {
  if (!res.config.socialCards.enabled) return undefined;
  let jobs = social.jobs;
  if (scope.kind === 'partial') {
    if (!scope.meta.length) return undefined;
    const retitled = new Set(scope.meta.map((e) => `post:${e.id}`));
    jobs = planCards(res, graph).jobs.filter((j) => retitled.has(j.of));
  }
  const s = await res.timer.time('cards', () =>
    writeSocialCards(jobs, writer, res.cacheDir, scope.kind === 'full' ? output : undefined),
  );
  return { rendered: s.rendered, cached: s.cached + s.kept, records: s.records };
}

function planCards(res: Resources, graph: GraphOutput): SocialPlan {
  const c = res.config;
  return planSocialCards(graph.graph, c, c.root, c.socialCards.enabled, c.socialCards.covers);
}
