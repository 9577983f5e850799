import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { OutputLock, outputFailure, recoverOutput, StagedWriter } from '../output/index.js';
import type { SearchStage } from '../search/stage.js';
import { onAbort, stopNote } from './abort.js';

/**
 * What a build holds while it runs: the output folder's lock, the staging folder it writes
 * into, and the search stage (Pagefind may be writing there). On SIGINT/SIGTERM, or when the build
 * fails, `abort` stops Pagefind first, then removes the staging folder; the lock is released
 * whatever happens, and a stop says what it left (stopNote). The previous output is never touched until `writer.publish()`.
 */
export class Staging {
  readonly writer: StagedWriter;
  search: SearchStage | undefined;
  private readonly lock: OutputLock;
  private readonly unregister: () => void;

  /** `root` only names the output folder in the line a stop prints. */
  constructor(
    private readonly outPath: string,
    root: string,
  ) {
    this.writer = new StagedWriter(outPath);
    this.lock = new OutputLock(outPath);
    // Registered before the lock is taken, so that a signal just after taking it cannot leave
    // the lock file behind.
    this.unregister = onAbort(async () => {
      try {
        await this.abort();
      } finally {
        await this.lock.release();
      }
      return stopNote(root, outPath, this.writer.published);
    });
  }

  /**
   * Take the lock and sweep dead builds' leftovers; a diagnostic when the folder cannot be locked
   * (its parent is not writable).
   */
  async acquire(): Promise<Diagnostic | undefined> {
    try {
      await mkdir(path.dirname(this.outPath), { recursive: true });
      await this.lock.acquire();
      // Under the lock: put back what a killed build left (recover.ts) before anything else.
      await recoverOutput(this.outPath);
      return undefined;
    } catch (e) {
      await this.close();
      const d = outputFailure(e, this.outPath);
      if (d) return d;
      throw e;
    }
  }

  /** Stop Pagefind, then remove the staging folder. */
  async abort(): Promise<void> {
    await this.search?.close().catch(() => undefined);
    await this.writer.abort();
  }

  /** The build is over (published or not): stop Pagefind, release the lock. */
  async close(): Promise<void> {
    await this.search?.close().catch(() => undefined);
    this.unregister();
    await this.lock.release();
  }
}
