/**
 * The diagram worker thread: draws one diagram per message and answers with the renderer's raw
 * SVG, or its error message. It runs apart from the Markdown thread so that a pathological
 * diagram can be stopped (Graphviz's WASM layout cannot be interrupted from inside its thread:
 * a random 200-edge graph with labels ran for minutes when measured) and so that the engines'
 * memory is bounded by this thread's resource limits. Each engine is loaded by the first
 * diagram of its kind.
 */
import { parentPort } from 'node:worker_threads';
import type { RenderOptions, Viz } from '@viz-js/viz';
import { DIAGRAM_FONT } from './diagram-engine.js';

export interface DiagramJob {
  id: number;
  kind: 'mermaid' | 'dot';
  source: string;
}

/**
 * `started` once the engine is loaded and drawing begins (the time limit counts from there:
 * loading is the same work whatever the diagram), then the SVG, the renderer's error, or
 * `failed` when the engine itself could not be loaded (a broken install, not the diagram).
 */
export type DiagramAnswer =
  | { id: number; type: 'started' }
  | { id: number; type: 'ok'; svg: string }
  | { id: number; type: 'error'; message: string }
  | { id: number; type: 'failed'; message: string };

type MermaidRender = (text: string, options: { transparent: boolean; padding: number }) => string;
let mermaid: Promise<MermaidRender> | undefined;
let graphviz: Promise<Viz> | undefined;

/**
 * Graphviz's default font is Times; the site's sans-serif is set as a default instead (like
 * `dot -N`/`-E`/`-G`), so any `fontname` the author writes still wins.
 */
const DOT_OPTIONS: RenderOptions = {
  format: 'svg',
  graphAttributes: { fontname: DIAGRAM_FONT },
  nodeAttributes: { fontname: DIAGRAM_FONT },
  edgeAttributes: { fontname: DIAGRAM_FONT },
};

type Draw = (source: string) => string;

function load(kind: DiagramJob['kind']): Promise<Draw> {
  if (kind === 'mermaid') {
    mermaid ??= import('beautiful-mermaid').then((m) => m.renderMermaidSVG as MermaidRender);
    // Colours are replaced by the theme's tokens afterwards (diagram-svg.ts), so none are passed;
    // the figure has its own margins, so 16 px of padding instead of 40.
    return mermaid.then((render) => (source) => render(source, { transparent: true, padding: 16 }));
  }
  graphviz ??= import('@viz-js/viz').then((m) => m.instance());
  return graphviz.then((viz) => (source) => {
    const result = viz.render(source, DOT_OPTIONS);
    if (result.status === 'success') return result.output;
    // Warnings (an unknown attribute, a missing image) do not stop a drawing; errors do.
    const errors = result.errors.filter((e) => e.level !== 'warning').map((e) => e.message.trim());
    throw new Error(errors.join(' ') || 'Graphviz could not draw the graph.');
  });
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const answer = (a: DiagramAnswer) => parentPort!.postMessage(a);

parentPort?.on('message', (job: DiagramJob) => {
  load(job.kind).then(
    (draw) => {
      answer({ id: job.id, type: 'started' });
      try {
        answer({ id: job.id, type: 'ok', svg: draw(job.source) });
      } catch (e) {
        answer({ id: job.id, type: 'error', message: message(e) });
      }
    },
    (e: unknown) => answer({ id: job.id, type: 'failed', message: message(e) }),
  );
});
