import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { run } from '../helpers/cli.js';
import { REPO } from '../helpers/site.js';

// Several real CLI runs (and builds) per test: on a busy machine they take minutes, not seconds.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const exec = promisify(execFile);

/**
 * `colophon init`: the new site installs this Colophon (so its config gets types in an editor)
 * and carries a GitHub Pages workflow that GitHub's own workflow parser accepts.
 */
let tmp: string;
let site: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'colophon-init-'));
  site = path.join(tmp, 'My Blog');
  const r = await run(['init', site]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Pkg {
  name: string;
  private: boolean;
  type: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
}

describe('colophon init: package.json', () => {
  test('names the site after its folder and installs Colophon from this checkout', () => {
    const pkg = JSON.parse(readFileSync(path.join(site, 'package.json'), 'utf8')) as Pkg;
    expect(pkg).toEqual({
      name: 'my-blog',
      private: true,
      type: 'module',
      scripts: { build: 'colophon build', serve: 'colophon serve', check: 'colophon check' },
      // Run from a git checkout (the tests are): a file: path from the site to it.
      devDependencies: {
        colophon: `file:${path.relative(site, REPO).split(path.sep).join('/')}`,
      },
      engines: { node: '>=20.19.0' },
    });
  });

  test('npm install (offline) links Colophon, and tsc resolves defineConfig with its types', async () => {
    await exec(
      'npm',
      ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: site, timeout: 200_000 },
    );
    expect(existsSync(path.join(site, 'node_modules/colophon/package.json'))).toBe(true);
    expect(existsSync(path.join(site, 'package-lock.json'))).toBe(true);
    const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
    const ok = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: site });
    expect(ok.stdout).toBe('');
    // The types are real (not `any`): a misspelt key is an error with a suggestion.
    const config = path.join(site, 'colophon.config.ts');
    const text = readFileSync(config, 'utf8');
    await writeFile(
      config,
      text.replace("title: 'My Technical Blog'", "titel: 'My Technical Blog'"),
    );
    const bad = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: site }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    await writeFile(config, text);
    expect(bad).toContain(
      "colophon.config.ts(4,3): error TS2561: Object literal may only specify known properties, but 'titel' does not exist",
    );
    expect(bad).toContain("Did you mean to write 'title'?");
  });

  test('the scripts run the installed Colophon', async () => {
    const r = await exec('npm', ['run', 'build', '--silent', '--', '--no-cache', '--quiet'], {
      cwd: site,
      timeout: 200_000,
    });
    expect(r.stderr).toBe('');
    expect(existsSync(path.join(site, 'dist/index.html'))).toBe(true);
  });
});

/** A symlinked node_modules/colophon, as `npm link colophon` makes it: the same resolution. */
test('types also resolve through a linked node_modules/colophon', async () => {
  const other = path.join(tmp, 'linked');
  expect((await run(['init', other, '--no-ci'])).code).toBe(0);
  await mkdir(path.join(other, 'node_modules'));
  await symlink(REPO, path.join(other, 'node_modules/colophon'), 'dir');
  const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
  const r = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: other });
  expect(r.stdout).toBe('');
  // --no-ci: no workflow.
  expect(existsSync(path.join(other, '.github'))).toBe(false);
});

describe('colophon init: the GitHub Pages workflow', () => {
  const text = () => readFileSync(path.join(site, '.github/workflows/deploy.yml'), 'utf8');

  test("GitHub's workflow parser accepts it without an error", async () => {
    const parsed = parseWorkflow(
      { name: '.github/workflows/deploy.yml', content: text() },
      new NoOperationTraceWriter(),
    );
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const workflow = await convertWorkflowTemplate(parsed.context, parsed.value!);
    expect(workflow.errors ?? []).toEqual([]);
    expect(workflow.jobs.map((j) => j.id.value)).toEqual(['build', 'deploy']);
  });

  test('a misspelt key is caught by the same parser (the check can fail)', () => {
    const parsed = parseWorkflow(
      { name: 'deploy.yml', content: text().replace('runs-on:', 'run-on:') },
      new NoOperationTraceWriter(),
    );
    expect(parsed.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  test('builds with the Pages base URL and the cache, uploads dist/, deploys', () => {
    interface Step {
      id?: string;
      uses?: string;
      run?: string;
      with?: Record<string, string>;
    }
    interface Job {
      needs?: string;
      steps: Step[];
      environment?: { name: string; url: string };
    }
    const wf = parse(text()) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      concurrency: { group: string; 'cancel-in-progress': boolean };
      jobs: { build: Job; deploy: Job };
    };
    expect(Object.keys(wf.on)).toEqual(['push', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(wf.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    const steps = wf.jobs.build.steps;
    const uses = steps.map((s) => s.uses?.replace(/@.*/, '') ?? s.run);
    expect(uses).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'actions/configure-pages',
      'actions/cache',
      'npm ci',
      'npx colophon build --base-url "${{ steps.pages.outputs.base_url }}/"',
      'actions/upload-pages-artifact',
    ]);
    expect(steps[1]!.with).toEqual({ 'node-version': 22, cache: 'npm' });
    expect(steps[2]!.id).toBe('pages');
    // The cache: .cache/ and the previous dist/, saved under a new key each run and restored
    // from the newest with the same lockfile, so one new post is a warm build.
    const cache = steps[3]!.with!;
    expect(cache.path!.split('\n').filter(Boolean)).toEqual(['.cache', 'dist']);
    expect(cache.key).toBe(
      "colophon-${{ runner.os }}-${{ hashFiles('package-lock.json') }}-${{ github.run_id }}-${{ github.run_attempt }}",
    );
    expect(cache['restore-keys']!.trim()).toBe(
      "colophon-${{ runner.os }}-${{ hashFiles('package-lock.json') }}-",
    );
    expect(steps[6]!.with).toEqual({ path: 'dist' });
    expect(wf.jobs.deploy.needs).toBe('build');
    expect(wf.jobs.deploy.environment).toEqual({
      name: 'github-pages',
      url: '${{ steps.deployment.outputs.page_url }}',
    });
    expect(wf.jobs.deploy.steps).toEqual([{ id: 'deployment', uses: 'actions/deploy-pages@v4' }]);
  });

  test("the workflow's build step works here: the base URL of a project site", async () => {
    const out = path.join(tmp, 'pages-out');
    const r = await run(
      [
        'build',
        '--base-url',
        'https://you.github.io/my-blog/',
        '--out',
        out,
        '--no-cache',
        '--quiet',
      ],
      site,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const home = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(home).toContain('href="/my-blog/posts/hello-world/"');
    expect(await readdir(out)).toContain('404.html');
  });
});
