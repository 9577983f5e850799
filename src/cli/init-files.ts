import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLOPHON_VERSION } from '../version.js';

/**
 * Files `colophon init` writes besides the starter: a package.json that installs this very
 * Colophon (so `import { defineConfig } from 'colophon'` resolves with types in an editor, and
 * `npm ci` works in CI), and the GitHub Pages workflow.
 */

/** Where this Colophon runs from: a registry install (inside node_modules) or a checkout. */
export function colophonSource(site: string): { spec: string; checkout: string | null } {
  const here = realpathSync(fileURLToPath(new URL('../../', import.meta.url)));
  if (here.split(path.sep).includes('node_modules'))
    return { spec: `^${COLOPHON_VERSION}`, checkout: null };
  // A git checkout (npm link, npm install -g <folder>): a path from the site, as `npm install
  // ../colophon` would save it.
  const rel = path.relative(realpathSync(site), here).split(path.sep).join('/');
  return { spec: `file:${rel.startsWith('.') ? rel : `./${rel}`}`, checkout: here };
}

/** An npm package name from a folder name: lowercase, URL-safe, no leading dot or underscore. */
export function packageName(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-.]+$/g, '')
    .slice(0, 214);
  return name || 'my-blog';
}

export function packageJson(name: string, colophonSpec: string): string {
  const pkg = {
    name,
    private: true,
    type: 'module',
    scripts: {
      build: 'colophon build',
      serve: 'colophon serve',
      check: 'colophon check',
    },
    devDependencies: { colophon: colophonSpec },
    engines: { node: '>=20.19.0' },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * GitHub Pages through Actions. The base URL comes from configure-pages, so a project site
 * (`https://you.github.io/blog/`), a user site and a custom domain all get the right links. The
 * cache holds `.cache/` and the previous `dist/` under a key that changes every run (caches are
 * immutable) and is restored from the newest one with the same lockfile: after one new post the
 * build reuses every other page, body, image and card.
 */
export const DEPLOY_WORKFLOW = `# Build the site with Colophon and publish it on GitHub Pages.
# Enable it once: Settings > Pages > Build and deployment > Source: GitHub Actions.
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  # Run it by hand from the Actions tab.
  workflow_dispatch:
  # Posts dated in the future are published by the first build after their date; uncomment to
  # build every morning (UTC).
  # schedule:
  #   - cron: '0 6 * * *'

# The token may read the repository and deploy to Pages, nothing else.
permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits instead of cancelling one half-way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - id: pages
        uses: actions/configure-pages@v5
      - name: Restore the build cache
        uses: actions/cache@v4
        with:
          path: |
            .cache
            dist
          key: colophon-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}-\${{ github.run_id }}-\${{ github.run_attempt }}
          restore-keys: |
            colophon-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}-
      - run: npm ci
      - name: Build
        run: npx colophon build --base-url "\${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: dist

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
