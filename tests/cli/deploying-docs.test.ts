import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY_WORKFLOW } from '../../src/cli/init-files.js';
import { REPO } from '../helpers/site.js';

/** The examples in docs/deploying.md parse, and its GitHub workflow is the one `init` writes. */
const doc = readFileSync(path.join(REPO, 'docs/deploying.md'), 'utf8');
const blocks = (lang: string) =>
  [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/deploying.md', () => {
  test('every YAML and TOML example parses', () => {
    expect(blocks('yaml').length).toBeGreaterThanOrEqual(2);
    for (const y of blocks('yaml')) expect(() => parse(y) as unknown).not.toThrow();
    for (const t of blocks('toml')) expect(() => parseToml(t)).not.toThrow();
  });

  test('the GitHub Pages workflow shown is the one init writes', () => {
    const shown = blocks('yaml').find((y) => y.startsWith('name: Deploy to GitHub Pages'));
    expect(parse(shown!)).toEqual(parse(DEPLOY_WORKFLOW));
  });

  test('the GitLab job publishes public/ from a pages job with the Pages URL', () => {
    const gitlab = parse(blocks('yaml').find((y) => y.includes('.gitlab-ci.yml'))!) as {
      pages: { script: string[]; artifacts: { paths: string[] } };
    };
    expect(gitlab.pages.artifacts.paths).toEqual(['public']);
    expect(gitlab.pages.script).toContain('npx colophon build --base-url "$CI_PAGES_URL/"');
    expect(gitlab.pages.script.at(-1)).toBe('rm -rf public && mv dist public');
  });
});
