import { parseArgs } from 'node:util';
import { cp, mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usage, UsageError } from './args.js';
import type { Out } from './report.js';

export const INIT_HELP = `colophon init DIR

Create a new site in DIR (which must be empty or not exist): a config, a sample post, a short
series and a topic, using the default theme. Then: cd DIR && colophon build`;

export async function initCommand(argv: string[], out: Out): Promise<number> {
  const { positionals } = usage(
    () => parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} }),
    1,
  );
  const dir = positionals[0];
  if (!dir) throw new UsageError('Usage: colophon init DIR');
  const target = path.resolve(dir);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists && (await readdir(target)).length)
    throw new UsageError(`${dir} is not empty. Choose a new folder.`);
  await mkdir(target, { recursive: true });
  const starter = fileURLToPath(new URL('../../starter/', import.meta.url));
  await cp(starter, target, { recursive: true });
  // npm drops files named .gitignore from packages, so the starter ships it as "gitignore".
  await rename(path.join(target, 'gitignore'), path.join(target, '.gitignore'));
  out.log(
    `Created a new Colophon site in ${dir}.\n\n  cd ${dir}\n  colophon build     # writes dist/\n  colophon serve     # live preview at http://127.0.0.1:4321/\n`,
  );
  return 0;
}
