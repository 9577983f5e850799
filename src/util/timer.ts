import { performance } from 'node:perf_hooks';

/** Wall time per stage, summed over repeated calls, for the build summary and `--profile`. */
export class Timer {
  readonly stages = new Map<string, number>();
  /** Told when a stage starts, for the CLI's one-line status on a terminal. */
  onStage: ((name: string) => void) | undefined;

  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.onStage?.(name);
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(name, performance.now() - start);
    }
  }

  timeSync<T>(name: string, fn: () => T): T {
    this.onStage?.(name);
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.add(name, performance.now() - start);
    }
  }

  add(name: string, ms: number): void {
    this.stages.set(name, (this.stages.get(name) ?? 0) + ms);
  }

  reset(): void {
    this.stages.clear();
  }
}
