import os from 'node:os';
import type { Entry } from '../../content/index.js';
import { bodyTimeLimitMs, BodyWorker, type BodyOutcome } from './body-worker.js';
import type { LinkEnv } from './links.js';
import type { WorkerInit } from './worker.js';

/** Below this many bodies to render, one worker: starting more costs more than it saves. */
export const POOL_THRESHOLD = 64;

export function poolSize(): number {
  const env = Number(process.env.COLOPHON_WORKERS);
  if (Number.isInteger(env) && env >= 0) return env;
  return Math.max(0, Math.min(8, os.availableParallelism()));
}

/**
 * The Markdown worker threads of a pipeline. Every body that is not cached is rendered on one of
 * them, never on the main thread, so a body can always be stopped: when it takes longer than the
 * time limit its worker is terminated and replaced, and a signal (Ctrl-C) is handled at once
 * because the main thread is free. One worker is kept between runs (`serve`'s edits reuse its
 * loaded renderer); `close` ends them all.
 */
export class BodyWorkers {
  private kept: BodyWorker | undefined;

  constructor(
    private readonly init: WorkerInit,
    /** How many workers a run of POOL_THRESHOLD bodies or more may use. */
    private readonly size: number,
  ) {}

  /**
   * Render these bodies, results by entry (the order workers finish in never changes the output).
   * A body over the heap limit is rendered again on a worker without one.
   */
  async render(
    entries: readonly Entry[],
    links: LinkEnv,
    keyOf: (e: Entry) => string,
  ): Promise<Map<Entry, BodyOutcome>> {
    const limit = bodyTimeLimitMs();
    const n = entries.length >= POOL_THRESHOLD ? Math.min(this.size, entries.length) : 1;
    const out = new Map<Entry, BodyOutcome>();
    let next = 0;
    const lane = async (first: BodyWorker) => {
      let w = first;
      for (let i = next++; i < entries.length; i = next++) {
        if (w.dead) w = new BodyWorker(this.init);
        const o = await w.render(entries[i]!, keyOf(entries[i]!), links, limit);
        out.set(entries[i]!, o);
        // Out of memory: this lane retires (a new capped worker would likely fail the same way);
        // the other lanes go on, and what is left is rendered without the cap.
        if (o.kind === 'out-of-memory') break;
      }
      return w;
    };
    const lanes = [this.take(), ...Array.from({ length: n - 1 }, () => new BodyWorker(this.init))];
    const ended = await Promise.allSettled(lanes.map(lane));
    // The first lane's worker is kept for the next run; the others end with this one.
    const workers = ended.map((r, i) => (r.status === 'fulfilled' ? r.value : lanes[i]!));
    this.kept = workers[0]!.dead ? undefined : workers[0];
    await Promise.all(workers.slice(1).map((w) => w.terminate()));
    for (const r of ended) if (r.status === 'rejected') throw r.reason;
    await this.retryUncapped(entries, links, keyOf, limit, out);
    return out;
  }

  /** Start the kept worker and load its renderer, so the next body does not wait for it. */
  warm(): void {
    this.kept ??= new BodyWorker(this.init);
    this.kept.warm();
  }

  /**
   * A full run may follow a change a worker loaded at its start (directive templates, the
   * config): the kept worker is not reused for it.
   */
  async renew(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const w = this.kept;
    this.kept = undefined;
    await w?.terminate();
  }

  private take(): BodyWorker {
    const w = this.kept && !this.kept.dead ? this.kept : new BodyWorker(this.init);
    this.kept = undefined;
    return w;
  }

  /**
   * Bodies whose worker ran out of heap, and those no lane was left for, on a worker whose heap is
   * not capped.
   */
  private async retryUncapped(
    entries: readonly Entry[],
    links: LinkEnv,
    keyOf: (e: Entry) => string,
    limit: number,
    out: Map<Entry, BodyOutcome>,
  ): Promise<void> {
    const again = entries.filter((e) => (out.get(e)?.kind ?? 'out-of-memory') === 'out-of-memory');
    if (again.length === 0) return;
    let w = new BodyWorker(this.init, false);
    try {
      for (const e of again) {
        if (w.dead) w = new BodyWorker(this.init, false);
        out.set(e, await w.render(e, keyOf(e), links, limit));
      }
    } finally {
      await w.terminate();
    }
  }
}
