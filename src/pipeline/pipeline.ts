import type { ConfigOverrides, ResolvedConfig } from '../config/index.js';
import type { Timer } from '../util/timer.js';
import { Resources } from './resources.js';
import { FRESH, runPipeline, type PipelineState, type RunIO } from './run.js';
import type { Change, PipelineOptions, RunOutputs, RunResult } from './state.js';

/**
 * A pipeline for one site: its resources (caches, engines) and its state between runs. A build
 * makes one and runs it once; `serve` runs it after every change.
 */
export class Pipeline {
  readonly resources: Resources;
  private state: PipelineState = FRESH;

  constructor(config: ResolvedConfig, options: PipelineOptions, overrides: ConfigOverrides = {}) {
    this.resources = new Resources(config, options, overrides);
  }

  get timer(): Timer {
    return this.resources.timer;
  }

  /** Source text by project-relative path, for code frames. */
  get sources(): ReadonlyMap<string, string> {
    return this.state.content?.sources ?? new Map();
  }

  /** The outputs of the last successful run. */
  get last(): RunOutputs | undefined {
    return this.state.last;
  }

  /** Run every stage over what `change` reaches. */
  async run(change: Change, io: RunIO): Promise<RunResult> {
    const { state, result } = await runPipeline(this.resources, this.state, change, io);
    this.state = state;
    return result;
  }

  /**
   * Load the Markdown engine if nothing needed it yet (a warm start): `serve` calls this after
   * its first build, so that the first saved edit does not wait ~0.8 s for it.
   */
  prepareMarkdown(): Promise<void> {
    const workers = this.resources.bodyWorkers;
    if (workers) return Promise.resolve(workers.warm());
    return this.resources.markdown.prepare?.() ?? Promise.resolve();
  }

  /** Resolves when the image variants `serve` encodes in the background are written. */
  imagesWritten(): Promise<void> {
    return this.resources.images?.idle() ?? Promise.resolve();
  }

  /** End what the pipeline started (its Markdown worker threads, image encodes). */
  close(): Promise<void> {
    return this.resources.close();
  }
}
