import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexFiles, listInputs, type FileIndex } from '../cache/file-index.js';
import { readRecord, sealRecord } from '../cache/integrity.js';
import { buildInputsKey } from '../cache/keys.js';
import { CONFIG_FILES, type ResolvedConfig } from '../config/index.js';
import type { Excluded } from '../graph/index.js';
import { stampOfStats } from '../output/index.js';
import { resolveIncludePath } from './markdown/includes.js';
import type { RunOutputs } from './state.js';

/**
 * "Nothing changed", decided as `git status` does: from the metadata of every file a build reads
 * (file-index.ts), hashing only files whose metadata moved. Beside the page manifest, a build
 * that succeeded without a diagnostic saves what it read, when its output stops being right (the
 * next post date or expiry), what the output folder held, and its summary. The next build with
 * the same options, the same Colophon and the same files, before that time and with the output
 * untouched, is done: no stage runs.
 */
export interface BuildSnapshot {
  key: string;
  inputs: FileIndex;
  /** Files read besides the input folders (included code outside them). */
  extra: string[];
  /** Milliseconds: the first post date or expiry after the build's "now" (null: none). */
  validUntil: number | null;
  /** Output files and their `size:mtimeMs`. */
  output: Record<string, string>;
  summary: SnapshotSummary;
}

export interface SnapshotSummary {
  pages: number;
  files: number;
  excluded: Excluded[];
  bodies: number;
  cards?: { rendered: number; cached: number };
  images?: { encoded: number; reused: number; probed: number };
  search?: { shards: number; built: number; kept: number };
}

/** What a build starts with: the inputs as they are now, and whether they are the snapshot's. */
export interface InputsCheck {
  /** The last snapshot, when every input, the output and the time still match it. */
  unchanged: BuildSnapshot | undefined;
  /** The inputs now (for the next snapshot); absent when they cannot be indexed. */
  inputs: FileIndex | undefined;
  /** Some recorded metadata moved without the bytes changing: save them again. */
  touched: boolean;
}

export class InputsSnapshot {
  private readonly key: string;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly file: string,
    options: unknown,
  ) {
    this.key = buildInputsKey(options);
  }

  /** Index the inputs and compare them, the time and the output folder with the snapshot. */
  async check(now: number): Promise<InputsCheck> {
    const saved = await this.read();
    const files = await listInputs(this.config.root, inputFolders(this.config), [
      ...CONFIG_FILES,
      ...(saved?.extra ?? []),
    ]);
    if (files === 'unsupported') return { unchanged: undefined, inputs: undefined, touched: false };
    const { index, changed } = await indexFiles(this.config.root, files, saved?.inputs);
    const same =
      saved !== undefined &&
      changed.length === 0 &&
      (saved.validUntil === null || now < saved.validUntil) &&
      (await sameOutput(this.config.outPath, saved.output));
    const touched = same && JSON.stringify(index.files) !== JSON.stringify(saved.inputs.files);
    return { unchanged: same ? saved : undefined, inputs: index, touched };
  }

  /** Save what a successful build read and wrote (a failure to save only costs speed). */
  async save(snapshot: Omit<BuildSnapshot, 'key' | 'output'>): Promise<void> {
    try {
      const output = await outputStamps(this.config.outPath);
      const text = sealRecord('inputs', JSON.stringify({ ...snapshot, key: this.key, output }));
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(`${this.file}.tmp`, text);
      await rename(`${this.file}.tmp`, this.file);
    } catch {
      // Only speed is lost.
    }
  }

  /** The inputs of the saved snapshot changed their metadata only: keep the new ones. */
  async refresh(snapshot: BuildSnapshot, inputs: FileIndex): Promise<void> {
    const { extra, validUntil, summary } = snapshot;
    await this.save({ inputs, extra, validUntil, summary });
  }

  /** No snapshot: the next build runs every stage. */
  async forget(): Promise<void> {
    await writeFile(this.file, '').catch(() => undefined);
  }

  private async read(): Promise<BuildSnapshot | undefined> {
    const text = await readRecord(this.file, 'inputs');
    if (!text) return undefined;
    try {
      const s = JSON.parse(text) as BuildSnapshot;
      return s.key === this.key ? s : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The site's input folders and the default theme's (Colophon's own templates/ and public/). */
function inputFolders(c: ResolvedConfig): string[] {
  const theme = fileURLToPath(new URL('../../', import.meta.url));
  const folders = [c.contentDir, c.templatesDir, c.publicDir, path.resolve(c.root, c.snippets)];
  for (const f of ['templates', 'public']) folders.push(path.join(theme, f));
  return [...new Set(folders.map((f) => path.resolve(f)))];
}

/** Files a run read outside the input folders: code included from elsewhere in the project. */
export function extraInputs(c: ResolvedConfig, last: RunOutputs | undefined): string[] {
  const folders = inputFolders(c).map((f) => path.relative(c.root, f).split(path.sep).join('/'));
  const out = new Set<string>();
  for (const { file, result } of last?.bodies.rendered.values() ?? [])
    for (const [kind, written] of result.resolutions) {
      if (kind !== 2) continue;
      const t = resolveIncludePath(path.posix.dirname(file), written, c.snippets);
      if (t.ok && !folders.some((f) => t.file.startsWith(`${f}/`))) out.add(t.file);
    }
  return [...out].sort();
}

/** The first visibility time after `now`, from the graph stage's sorted list. */
export function validUntil(times: readonly number[], now: number): number | null {
  for (const t of times) if (t > now) return t;
  return null;
}

async function outputStamps(outPath: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(outPath, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => !e.isDirectory());
  const batch = 128;
  for (let i = 0; i < files.length; i += batch)
    await Promise.all(
      files.slice(i, i + batch).map(async (e) => {
        const abs = path.join(e.parentPath, e.name);
        out[path.relative(outPath, abs).split(path.sep).join('/')] = stampOfStats(await stat(abs));
      }),
    );
  return out;
}

/** Does the output folder hold exactly the recorded files, with their recorded size and mtime? */
async function sameOutput(outPath: string, recorded: Record<string, string>): Promise<boolean> {
  try {
    const now = await outputStamps(outPath);
    const keys = Object.keys(now);
    return (
      keys.length === Object.keys(recorded).length && keys.every((k) => recorded[k] === now[k])
    );
  } catch {
    return false;
  }
}
