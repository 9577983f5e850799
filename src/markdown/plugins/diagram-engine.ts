import { Worker } from 'node:worker_threads';
import { workerScript } from '../../util/worker-script.js';
import type { DiagramAnswer, DiagramJob } from './diagram-worker.js';

export type DiagramKind = DiagramJob['kind'];

/**
 * The font both renderers lay text out for: Helvetica metrics (Arial and Liberation Sans share
 * them). The page's system-ui can be far wider (DejaVu Sans on Linux) and would overflow boxes.
 */
export const DIAGRAM_FONT = 'Helvetica,Arial,sans-serif';

export type DrawResult =
  | { kind: 'ok'; svg: string }
  /** The renderer rejected the source; its own message. */
  | { kind: 'error'; message: string }
  /** Over the time or memory limit: the worker was stopped. */
  | { kind: 'too-complex'; reason: string };

/**
 * Layout time allowed per diagram, from the moment its engine is loaded (loading is the same for
 * every diagram, and slow on a busy machine: over 10 s was seen at a load average of 20). Real
 * diagrams take milliseconds to a second; this is a backstop against pathological input, with
 * a wide margin so that a machine's load cannot decide the outcome for a reasonable diagram.
 */
export const DIAGRAM_TIME_LIMIT_MS = 20_000;
/** Heap of the diagram thread: Graphviz's WASM memory and ELK's layout graphs live there. */
const HEAP_MB = 256;

/**
 * Draws diagrams on one worker thread, started by the first diagram and shared by every render
 * in this thread (the build's Markdown workers each have their own). Diagrams are drawn one at a
 * time, so the time limit measures the diagram itself, not a queue. A diagram over the limit
 * stops the thread; the next one starts a fresh thread. An idle thread never keeps the process
 * alive.
 */
export class DiagramEngine {
  private worker: Worker | undefined;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeLimitMs = DIAGRAM_TIME_LIMIT_MS) {}

  draw(kind: DiagramKind, source: string): Promise<DrawResult> {
    const run = this.queue.then(() => this.run({ id: this.nextId++, kind, source }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Whether the thread is up (it starts with the first diagram that is not cached). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the thread (tests; the process never has to). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript('markdown/plugins/diagram-worker.js'), {
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private run(job: DiagramJob): Promise<DrawResult> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (result: DrawResult | Error, stop: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
        if (stop && this.worker === worker) {
          this.worker = undefined;
          void worker.terminate();
        }
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const tooComplex = (reason: string) => finish({ kind: 'too-complex', reason }, true);
      const onMessage = (answer: DiagramAnswer) => {
        if (answer.id !== job.id) return;
        if (answer.type === 'started') {
          const seconds = this.timeLimitMs / 1000;
          timer = setTimeout(
            () => tooComplex(`its layout takes more than ${seconds} s`),
            this.timeLimitMs,
          );
        } else if (answer.type === 'ok') finish({ kind: 'ok', svg: answer.svg }, false);
        else if (answer.type === 'error') finish({ kind: 'error', message: answer.message }, false);
        else
          finish(
            new Error(`The ${job.kind} renderer could not be loaded: ${answer.message}`),
            true,
          );
      };
      const onError = (e: Error & { code?: string }) =>
        tooComplex(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `it needs more than ${HEAP_MB} MB to lay out`
            : `the renderer failed: ${e.message}`,
        );
      const onExit = () => tooComplex('the renderer stopped unexpectedly');
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Held only while a diagram is being drawn: the render awaiting it needs the answer.
      worker.ref();
      worker.postMessage(job);
    });
  }
}

let shared: DiagramEngine | undefined;

/** The engine of this thread, created (not started) on first use. */
export function sharedDiagramEngine(): DiagramEngine {
  return (shared ??= new DiagramEngine());
}
