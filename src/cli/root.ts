import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILES } from '../config/load.js';
import { UsageError } from './args.js';

/**
 * The project folder of `build`, `serve`, `check` and `new`, checked before any work: a folder
 * that does not exist, cannot be read or holds no config is a usage error (exit 2) for every
 * command. `serve --root /nonexistent` used to report config/missing and then serve 404s until
 * killed.
 */
export async function siteRoot(flag: string | undefined): Promise<string> {
  const root = path.resolve(flag ?? '.');
  const shown = flag === undefined ? `the current folder (${root})` : `--root ${flag}`;
  let isDir: boolean;
  try {
    isDir = (await stat(root)).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new UsageError(
        `${shown}: no such folder. Check the path, or create a site there with "colophon init ${flag ?? 'DIR'}".`,
      );
    throw new UsageError(`${shown} cannot be read (${code ?? String(e)}). Check its permissions.`);
  }
  if (!isDir) throw new UsageError(`${shown} is a file, not a folder. Pass the site's folder.`);
  let names: string[];
  try {
    await access(root, constants.R_OK | constants.X_OK);
    names = await readdir(root);
  } catch {
    throw new UsageError(`${shown} cannot be read (permission denied). Check its permissions.`);
  }
  const config = CONFIG_FILES.find((f) => names.includes(f));
  if (!config)
    throw new UsageError(
      flag === undefined
        ? `No colophon.config.ts in the current folder (${root}): not a Colophon site. Run the command in your site's folder or pass --root DIR, or create a site with "colophon init DIR".`
        : `No colophon.config.ts in ${root} (--root ${flag}): not a Colophon site. Pass the folder that holds colophon.config.ts, or create a site with "colophon init DIR".`,
    );
  try {
    await access(path.join(root, config), constants.R_OK);
  } catch {
    throw new UsageError(
      `${path.join(root, config)} cannot be read (permission denied). Check its permissions.`,
    );
  }
  return root;
}
