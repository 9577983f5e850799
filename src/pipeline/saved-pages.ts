import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clearFolder, readRecord, sealRecord } from '../cache/integrity.js';
import { manifestName } from '../cache/keys.js';
import type { ResolvedConfig } from '../config/index.js';
import type { CardRecord } from '../social/write.js';
import type { PageManifest } from './stages/pages.js';

/**
 * The page manifest a build saves for the next one (`.cache/pages/<key>.json`): which key each
 * output file was rendered with and the hash of its bytes, so a warm build reuses pages without
 * rendering them; and beside it (`.search`) the key of each search part. Both are sealed records
 * (integrity.ts): a damaged one is read as empty, so every page is rendered again. Losing either
 * only costs speed.
 */
export class SavedPages {
  readonly file: string;

  constructor(config: ResolvedConfig, drafts: boolean, future: boolean) {
    this.file = path.join(config.cachePath, 'pages', manifestName(config.outPath, drafts, future));
  }

  /** Where the search parts' keys are kept. */
  get searchKeysFile(): string {
    return `${this.file}.search`;
  }

  /** Where the social cards' records are kept (social/write.ts). */
  get cardsFile(): string {
    return `${this.file}.cards`;
  }

  async readCards(): Promise<Record<string, CardRecord>> {
    const text = await readRecord(this.cardsFile, 'cards');
    try {
      const m = text === undefined ? undefined : (JSON.parse(text) as unknown);
      return m && typeof m === 'object' && !Array.isArray(m)
        ? (m as Record<string, CardRecord>)
        : {};
    } catch {
      return {};
    }
  }

  async writeCards(records: Record<string, CardRecord>): Promise<void> {
    await clearFolder(this.cardsFile).catch(() => undefined);
    const text = sealRecord('cards', JSON.stringify(records));
    await writeFile(this.cardsFile, text).catch(() => undefined);
  }

  async read(): Promise<PageManifest> {
    const text = await readRecord(this.file, 'pages');
    if (text === undefined) return {};
    try {
      const m = JSON.parse(text) as unknown;
      return m && typeof m === 'object' && !Array.isArray(m) ? (m as PageManifest) : {};
    } catch {
      return {};
    }
  }

  async write(manifest: PageManifest, searchKeys: string[] | undefined): Promise<void> {
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await clearFolder(this.file);
      await writeFile(`${this.file}.tmp`, sealRecord('pages', JSON.stringify(manifest)));
      await rename(`${this.file}.tmp`, this.file);
    } catch {
      // Only speed is lost.
    }
    if (searchKeys) {
      await clearFolder(this.searchKeysFile);
      const text = sealRecord('search', JSON.stringify(searchKeys));
      await writeFile(this.searchKeysFile, text).catch(() => undefined);
    }
  }
}
