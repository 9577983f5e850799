/**
 * The diagram worker thread: draws one diagram per message and answers with the renderer's raw
 * SVG, or its error message. It runs apart from the Markdown thread so that a pathological
 * diagram can be stopped (Graphviz's WASM layout cannot be interrupted from inside its thread:
 * a random 200-edge graph with labels ran for minutes when measured) and so that the engines'
 * memory is bounded by this thread's resource limits. Each engine is loaded by the first
 * diagram of its kind.
 */
import { parentPort } from 'node:worker_threads';
import type { Graphviz } from '@hpcc-js/wasm-graphviz';

export interface DiagramJob {
  id: number;
  kind: 'mermaid' | 'dot';
  source: string;
}

export type DiagramAnswer =
  { id: number; ok: true; svg: string } | { id: number; ok: false; message: string };

type MermaidRender = (text: string, options: { transparent: boolean; padding: number }) => string;
let mermaid: Promise<MermaidRender> | undefined;
let graphviz: Promise<Graphviz> | undefined;

async function draw(job: DiagramJob): Promise<string> {
  if (job.kind === 'mermaid') {
    mermaid ??= import('beautiful-mermaid').then((m) => m.renderMermaidSVG as MermaidRender);
    // Colours are replaced by the theme's tokens afterwards (diagram-svg.ts), so none are passed;
    // the figure has its own margins, so 16 px of padding instead of 40.
    return (await mermaid)(job.source, { transparent: true, padding: 16 });
  }
  graphviz ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
  return (await graphviz).dot(job.source);
}

parentPort?.on('message', (job: DiagramJob) => {
  draw(job).then(
    (svg) => parentPort!.postMessage({ id: job.id, ok: true, svg } satisfies DiagramAnswer),
    (e: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        ok: false,
        message: e instanceof Error ? e.message : String(e),
      } satisfies DiagramAnswer),
  );
});
