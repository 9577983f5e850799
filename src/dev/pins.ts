import { copyFile, link, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * One version of a served file, held for the length of a response. Rebuilds replace files in the
 * served folder by renaming new ones over them; a static server that takes the length from one
 * `stat` and then opens the path again can send the length of one version and the bytes of the
 * next, which the client cannot parse (HPE_INVALID_CONSTANT, or a truncated body). A hard link
 * made before the response pins the inode that was there at that moment: its bytes never change
 * (nothing writes a served file in place), so the length and the body are of the same version.
 *
 * Pins live in a hidden folder beside the served one (same file system, so a link is possible;
 * a copy otherwise) and are named by a counter plus the file's extensions, which decide the
 * content type and encoding the server sends.
 */
export class Pins {
  private folder: Promise<string> | undefined;
  private count = 0;

  constructor(private readonly near: () => string) {}

  /** The pinned copy's folder (stable for the session). */
  dir(): Promise<string> {
    return (this.folder ??= mkdtemp(path.join(path.dirname(this.near()), '.colophon-serve-pins-')));
  }

  /** Pin `file` as it is now; null if it is gone. `release` removes the pin. */
  async pin(file: string): Promise<{ name: string; release: () => void } | null> {
    const dir = await this.dir();
    const ext = /(?:\.[A-Za-z0-9]{1,16}){0,2}$/.exec(path.basename(file))![0];
    const name = `${++this.count}${ext}`;
    const abs = path.join(dir, name);
    try {
      await link(file, abs).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') throw e;
        return copyFile(file, abs);
      });
    } catch {
      return null;
    }
    let released = false;
    return {
      name,
      release: () => {
        if (released) return;
        released = true;
        void rm(abs, { force: true }).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    const dir = this.folder && (await this.folder.catch(() => undefined));
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
