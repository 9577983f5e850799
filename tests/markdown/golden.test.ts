import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/index.js';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  type MarkdownOptions,
  type PluginSpec,
} from '../../src/markdown/index.js';
import { testContext, testPlugins } from './helpers.js';

/**
 * Golden HTML per feature: tests/fixtures/markdown/<case>/input.md renders to output.html, with
 * the diagnostics (if any) in diagnostics.txt. An optional options.json holds MarkdownOptions
 * overrides; plugins are named (see helpers.ts). `UPDATE_GOLDEN=1` rewrites the goldens.
 */
const root = fileURLToPath(new URL('../fixtures/markdown', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface CaseOptions extends Partial<Omit<MarkdownOptions, 'remarkPlugins' | 'rehypePlugins'>> {
  remarkPlugins?: string[];
  rehypePlugins?: string[];
}

function loadOptions(dir: string): MarkdownOptions {
  const file = join(dir, 'options.json');
  const raw: CaseOptions = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const plugins = (names: string[] | undefined): PluginSpec[] =>
    (names ?? []).map((name) => {
      const plugin = testPlugins[name];
      if (!plugin) throw new Error(`unknown test plugin ${name}`);
      return plugin as PluginSpec;
    });
  return {
    ...defaultMarkdownOptions,
    ...raw,
    remarkPlugins: plugins(raw.remarkPlugins),
    rehypePlugins: plugins(raw.rehypePlugins),
  };
}

describe('markdown goldens', () => {
  test('there is a golden per feature', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  test.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const renderer = await createMarkdownRenderer(loadOptions(dir));
    const input = readFileSync(join(dir, 'input.md'), 'utf8');
    const out = await renderer.render(input, testContext(`content/posts/${name}.md`));
    const html = out.html + '\n';
    const diagnostics = out.diagnostics.map((d) => formatDiagnostic(d)).join('\n');

    const htmlFile = join(dir, 'output.html');
    const diagFile = join(dir, 'diagnostics.txt');
    if (update) {
      writeFileSync(htmlFile, html);
      if (diagnostics) writeFileSync(diagFile, diagnostics + '\n');
      else rmSync(diagFile, { force: true });
    }
    expect(html).toBe(readFileSync(htmlFile, 'utf8'));
    const expected = existsSync(diagFile) ? readFileSync(diagFile, 'utf8').trimEnd() : '';
    expect(diagnostics).toBe(expected);
  });
});
