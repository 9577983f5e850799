import { cp, mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, UsageError, usageLine } from './args.js';
import { colophonSource, DEPLOY_WORKFLOW, packageJson, packageName } from './init-files.js';
import type { Out } from './report.js';

export const INIT_HELP = `colophon init DIR [--no-ci]

Create a new site in DIR (which must be empty or not exist): a config, a sample post, a short
series, a topic and an about page using the default theme; a package.json that installs this
Colophon (types and completion for colophon.config.ts in your editor; npm run build, serve,
check); and .github/workflows/deploy.yml, which builds the site and publishes it on GitHub Pages.

  --no-ci     leave out the GitHub Pages workflow

Then: cd DIR && npm install && npx colophon serve`;

export async function initCommand(argv: string[], out: Out): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { 'no-ci': { type: 'boolean' } },
    INIT_HELP,
    1,
  );
  const dir = positionals[0];
  if (!dir)
    throw new UsageError('Say where to create the site: colophon init DIR', usageLine(INIT_HELP));
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
  const source = colophonSource(target);
  await writeFile(path.join(target, 'package.json'), packageJson(packageName(target), source.spec));
  if (!values['no-ci']) {
    await mkdir(path.join(target, '.github', 'workflows'), { recursive: true });
    await writeFile(path.join(target, '.github', 'workflows', 'deploy.yml'), DEPLOY_WORKFLOW);
  }
  out.log(
    [
      `Created a new Colophon site in ${dir}.`,
      '',
      `  cd ${dir}`,
      '  npm install        # installs Colophon for this site (and its types for your editor)',
      '  npm run serve      # live preview at http://127.0.0.1:4321/',
      '  npm run build      # writes dist/',
      '',
      ...(values['no-ci']
        ? []
        : [
            'To publish on GitHub Pages: push to GitHub (commit package-lock.json too), then choose',
            'Settings > Pages > Source: GitHub Actions. .github/workflows/deploy.yml does the rest.',
            '',
          ]),
      ...(source.checkout
        ? [
            `package.json installs Colophon from your checkout (${source.spec}). A CI machine`,
            'cannot reach that path: before you deploy, point devDependencies.colophon at a git URL',
            `of that checkout or a published version (npm pkg set devDependencies.colophon=...).`,
            '',
          ]
        : []),
    ].join('\n'),
  );
  return 0;
}
