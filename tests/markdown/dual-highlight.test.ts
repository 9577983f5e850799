/**
 * codeToHastDual tokenizes once for both themes; shiki's codeToHast tokenizes once per theme.
 * Every character must get the same colours and font styles in both themes, and the <pre> the
 * same attributes, for every code block of the sample blog and for languages that embed others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, RootContent } from 'hast';
import { bundledLanguages, createHighlighter, type Highlighter } from 'shiki';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codeToHastDual } from '../../src/markdown/dual-highlight.js';

const CONTENT = path.join(import.meta.dirname, '../../content');

function sampleBlocks(): { lang: string; code: string }[] {
  const blocks: { lang: string; code: string }[] = [];
  for (const e of readdirSync(CONTENT, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.md')) continue;
    const text = readFileSync(path.join(e.parentPath, e.name), 'utf8');
    for (const m of text.matchAll(/^(`{3,})([\w+-]+)[^\n]*\n([\s\S]*?)^\1/gm)) {
      const lang = m[2]!.toLowerCase();
      if (Object.hasOwn(bundledLanguages, lang)) blocks.push({ lang, code: m[3]! });
    }
  }
  return blocks;
}

const EMBEDDING: { lang: string; code: string }[] = [
  {
    lang: 'html',
    code: '<!doctype html>\n<style>body { color: red; }</style>\n<script>const x = `a${1}`; // hi\n</script>\n<p class="a">Hi &amp; bye</p>\n',
  },
  {
    lang: 'markdown',
    code: '# T\n\n*em* **b** `c`\n\n```js\nconst a = 1;\n```\n\n> [l](http://x)\n',
  },
  {
    lang: 'vue',
    code: '<template><div :a="b">{{ msg }}</div></template>\n<script setup lang="ts">\nconst msg: string = "hi"\n</script>\n',
  },
  {
    lang: 'tsx',
    code: 'export const A = ({ x }: { x: number }) => <div onClick={() => x}>{x}</div>;\n',
  },
  { lang: 'python', code: 'def f(x: int) -> str:\n    """doc"""\n    return f"{x!r}"  # c\n' },
];

/** [character, style of its span] for every character of the code. */
function styled(root: Root): string[] {
  const out: string[] = [];
  const walk = (node: RootContent | Root, style: string) => {
    if (node.type === 'text') for (const c of node.value) out.push(`${c} ${style}`);
    if (node.type !== 'element' && node.type !== 'root') return;
    const own = node.type === 'element' && node.tagName === 'span' ? node.properties.style : '';
    for (const child of node.children) walk(child, typeof own === 'string' && own ? own : style);
  };
  walk(root, '');
  return out;
}

const preProps = (root: Root) =>
  JSON.stringify(root.children[0]?.type === 'element' && root.children[0].properties);

const blocks = [...sampleBlocks(), ...EMBEDDING];
const PAIRS = [
  { light: 'github-light', dark: 'github-dark' },
  // Italic and bold scopes exercise font styles.
  { light: 'one-light', dark: 'monokai' },
];
let shiki: Highlighter;
beforeAll(async () => {
  shiki = await createHighlighter({
    themes: PAIRS.flatMap((p) => [p.light, p.dark]),
    langs: [...new Set(blocks.map((b) => b.lang))],
  });
});
afterAll(() => shiki?.dispose());

describe.each(PAIRS)('$light + $dark', (themes) => {
  test('the sample blog has enough languages to mean something', () => {
    expect(new Set(blocks.map((b) => b.lang)).size).toBeGreaterThanOrEqual(12);
  });
  test('every character is styled as shiki styles it', () => {
    let fontStyled = 0;
    for (const { lang, code } of blocks) {
      const expected = shiki.codeToHast(code, {
        lang,
        themes,
        defaultColor: false,
        tokenizeTimeLimit: 60_000,
      });
      const actual = codeToHastDual(shiki, code, {
        lang,
        themes,
        transformers: [],
        tokenizeTimeLimit: 60_000,
      });
      const a = styled(actual);
      const e = styled(expected);
      const at = a.findIndex((x, i) => x !== e[i]);
      expect(at === -1 && a.length === e.length, `${lang}: ${a[at]} vs ${e[at]}`).toBe(true);
      expect(preProps(actual)).toBe(preProps(expected));
      fontStyled += a.filter((x) => /font-style|font-weight/.test(x)).length;
    }
    if (themes.light === 'one-light') expect(fontStyled).toBeGreaterThan(0);
  });
});
