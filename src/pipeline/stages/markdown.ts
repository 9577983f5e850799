import { entryId, type Entry } from '../../content/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { SiteGraph } from '../../graph/index.js';
import { createDirectiveRenderer } from '../../render/index.js';
import type { RenderedBody } from '../../routes/index.js';
import { renderBodies, type CachedBody } from '../markdown/bodies.js';
import { projectFileExists, type LinkEnv } from '../markdown/links.js';
import type { Resources } from '../resources.js';
import type { Scope } from '../state.js';
import type { GraphOutput } from './graph.js';
import type { ImagePlanOutput } from './images.js';
import type { PublicOutput } from './public.js';

/** A rendered body and the file it came from (diagnostics of fragment links name it). */
export interface RenderedEntry {
  file: string;
  result: CachedBody;
}

/** The markdown stage's output: every visible entry's body. */
export interface BodiesOutput {
  /** By entry (`post:x`). */
  rendered: ReadonlyMap<string, RenderedEntry>;
  /** What routes see of each body. */
  bodies: ReadonlyMap<string, RenderedBody>;
  /** How links were resolved (a partial run resolves the same way: no file moved). */
  env: LinkEnv;
  /** Bodies rendered now, and taken from the body cache. */
  fresh: number;
  cached: number;
}

/**
 * Render every visible entry's body (cached ones are looked up, the others rendered on worker
 * threads), or in a partial run only the changed entries' bodies. Site directives render with the
 * directive templates (templates/directives/) as the run found them: a body records the stamp of
 * each template it used, so one whose template changed is rendered again, and with it exactly the
 * pages that read that body. 'full' when a changed body now
 * shows other images or links to other files of content/: which files are written is a full
 * run's business.
 */
export async function markdownStage(
  res: Resources,
  scope: Scope,
  graph: GraphOutput,
  pub: PublicOutput,
  images: ImagePlanOutput | undefined,
): Promise<BodiesOutput | 'full'> {
  if (scope.kind === 'partial') return renderChanged(res, scope);
  const c = res.config;
  const directives =
    scope.keep.directives ??
    (await createDirectiveRenderer({ siteTemplatesDir: c.templatesDir, projectRoot: c.root }));
  const env: LinkEnv = {
    graph: graph.graph,
    basePath: c.basePath,
    publicFiles: pub.paths,
    exists: projectFileExists(c.root),
    includes: res.includes,
    directives,
    ...(images ? { images: images.plan.answers } : {}),
  };
  const toRender = scope.entries.filter((e) => visible(e, graph.graph));
  await res.bodyWorkers?.renew();
  const done = await res.timer.time('markdown', () =>
    renderBodies(toRender, env, res.markdown, res.bodyCache, res.bodyWorkers),
  );
  const bodies = new Map([...done.rendered].map(([id, r]) => [id, r.result.body]));
  return { rendered: done.rendered, bodies, env, fresh: done.fresh, cached: done.cached };
}

async function renderChanged(
  res: Resources,
  scope: Extract<Scope, { kind: 'partial' }>,
): Promise<BodiesOutput | 'full'> {
  const last = scope.last.bodies;
  // Not published in this build (a draft): never rendered.
  const changed = scope.changed.filter((e) => last.rendered.has(entryId(e)));
  const done = await res.timer.time('markdown', () =>
    renderBodies(changed, last.env, res.markdown, res.bodyCache, res.bodyWorkers),
  );
  const rendered = new Map([...last.rendered, ...done.rendered]);
  const bodies = new Map(last.bodies);
  for (const [id, r] of done.rendered) bodies.set(id, r.result.body);
  for (const e of scope.changed)
    if (
      imageRefs(last.rendered.get(entryId(e))) !== imageRefs(rendered.get(entryId(e))) ||
      fileRefs(last.rendered.get(entryId(e))) !== fileRefs(rendered.get(entryId(e)))
    )
      return 'full';
  return { rendered, bodies, env: last.env, fresh: done.fresh, cached: done.cached };
}

/** The problems the bodies' renders found. */
export function bodyDiagnostics(b: BodiesOutput): Diagnostic[] {
  return [...b.rendered.values()].flatMap((r) => r.result.diagnostics);
}

/** The image references of a render: a partial run needs them unchanged (image outputs). */
function imageRefs(r: RenderedEntry | undefined): string {
  return r ? JSON.stringify(r.result.resolutions.filter(([k]) => k === 1)) : '';
}

/** The files of content/ outside bundles a render links to: which are published is a full run's. */
function fileRefs(r: RenderedEntry | undefined): string {
  return r ? r.result.linkTargets.filter((id) => id.startsWith('file:')).join('\n') : '';
}

function visible(e: Entry, g: SiteGraph): boolean {
  if (e.kind === 'post') return g.postById.has(e.id);
  if (e.kind === 'page') return g.pages.some((p) => p.id === e.id);
  return true;
}
