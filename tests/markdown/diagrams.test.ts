import { afterAll, describe, expect, test, vi } from 'vitest';
import {
  createMarkdownRenderer,
  defaultMarkdownOptions,
  MemoryHighlightCache,
  type HighlightCache,
} from '../../src/markdown/index.js';
import { DiagramEngine, sharedDiagramEngine } from '../../src/markdown/plugins/diagram-engine.js';
import { prepareMermaid } from '../../src/markdown/plugins/diagram-source.js';
import { DIAGRAM_LIMITS } from '../../src/markdown/plugins/rehype-diagrams.js';
import { testContext } from './helpers.js';

const fence = (lang: string, body: string, meta = '') => `\`\`\`${lang}${meta}\n${body}\n\`\`\`\n`;
const FLOW = 'flowchart LR\n  a --> b\n  b --> c';
const render = async (markdown: string, cache: HighlightCache = new MemoryHighlightCache()) =>
  (await createMarkdownRenderer({ ...defaultMarkdownOptions, cache })).render(
    markdown,
    testContext(),
  );

afterAll(() => sharedDiagramEngine().close());

describe('diagrams in the page', () => {
  test('two diagrams on one page share no id, and every url(#…) points into its own SVG', async () => {
    const { html } = await render(
      [fence('mermaid', FLOW, ' alt="one"'), fence('mermaid', FLOW, ' alt="two"')].join('\n'),
    );
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    const all = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
    for (const svg of svgs) {
      const ids = new Set([...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
      const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ids.has(ref), ref).toBe(true);
    }
  });

  test('renderer output is sanitised: no script, link, foreign HTML, style or outside URL', async () => {
    const { html } = await render(
      [
        fence(
          'mermaid',
          'flowchart LR\n  a["<script>alert(1)</script>"] --> b[<img src=x onerror=alert(1)>]',
        ),
        fence(
          'dot',
          'digraph { a [URL="javascript:alert(1)", label=<<b>bold</b>>]; b [image="/etc/passwd", href="https://example.org/"]; a -> b; c [style=filled, fillcolor="url(https://example.org/x)"] }',
        ),
      ].join('\n'),
    );
    const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]).join('');
    // Tags and attributes only: the labels' text is escaped, and may say anything.
    const tags = [...svgs.matchAll(/<[^>]*>/g)].map((m) => m[0]).join('\n');
    expect(tags).not.toMatch(
      /<(script|a|foreignObject|image|style)\b|javascript:|https?:|\bon\w+=|@import/i,
    );
    expect(svgs).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(svgs).toContain('bold');
  });

  test('the same input gives the same bytes from separate renderers and caches', async () => {
    const doc = [fence('mermaid', FLOW), fence('dot', 'digraph { x -> y -> z }')].join('\n');
    const [a, b] = [await render(doc), await render(doc)];
    expect(a.html).toBe(b.html);
  });

  test('a cached diagram is drawn without the engine', async () => {
    const cache = new MemoryHighlightCache();
    const doc = fence('dot', 'digraph { cached -> diagram }', ' alt="x"');
    const first = await render(doc, cache);
    await sharedDiagramEngine().close();
    const second = await render(doc, cache);
    expect(second.html).toBe(first.html);
    expect(sharedDiagramEngine().running).toBe(false);
  });

  test('past the per-file count, diagrams are shown as their source, with one warning', async () => {
    const many = Array.from({ length: DIAGRAM_LIMITS.perFile + 2 }, () =>
      fence('dot', 'graph { a -- b }', ' alt="x"'),
    ).join('\n');
    const out = await render(many);
    expect(out.html.match(/<figure class="diagram"/g)).toHaveLength(DIAGRAM_LIMITS.perFile);
    expect(out.html.match(/<figure class="code-block"/g)).toHaveLength(2);
    expect(out.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([
      ['markdown/diagram-limit', 1 + 4 * DIAGRAM_LIMITS.perFile],
    ]);
  });

  test('a source over the size limit is refused before any layout', async () => {
    const huge = 'digraph {\n' + 'n1 -> n2;\n'.repeat(2_100) + '}';
    const out = await render(fence('dot', huge));
    expect(out.html).not.toContain('<svg');
    expect(out.diagnostics.map((d) => d.rule)).toEqual(['markdown/diagram-too-complex']);
  });

  test('the excerpt leaves diagrams out', async () => {
    const out = await render(
      `Intro.\n\n${fence('mermaid', FLOW, ' alt="x"')}\n<!-- more -->\n\nRest.\n`,
    );
    expect(out.html).toContain('<svg');
    expect(out.excerptHtml).toContain('Intro.');
    expect(out.excerptHtml).not.toContain('<svg');
  });
});

describe('the diagram engine', () => {
  test('a layout over the time limit stops the thread; the next diagram gets a fresh one', async () => {
    const engine = new DiagramEngine(300);
    try {
      // About 30 s of layout on a quiet machine (a 75-node graph took 0.28 s, too close to the
      // limit to fail reliably): 100 times the limit, whatever the machine; the thread is stopped
      // at the limit, so the test pays 0.3 s.
      const edges = Array.from(
        { length: 3000 },
        (_, i) => `n${i} -> n${(i * 13 + 5) % 600} [label="e${i}"];`,
      );
      const slow = await engine.draw('dot', `digraph { ${edges.join(' ')} }`);
      expect(slow).toMatchObject({
        kind: 'too-complex',
        reason: 'its layout takes more than 0.3 s',
      });
      expect(engine.running).toBe(false);
      // Loading does not count against the limit, so a small diagram fits well within it.
      const next = await engine.draw('dot', 'digraph { a -> b }');
      expect(next.kind).toBe('ok');
    } finally {
      await engine.close();
    }
  });

  test('a page without diagrams never starts it', async () => {
    vi.resetModules();
    const fresh = await import('../../src/markdown/plugins/diagram-engine.js');
    const { createMarkdownRenderer: create } = await import('../../src/markdown/index.js');
    const md = await create(defaultMarkdownOptions);
    await md.render('# Title\n\n```ts\nconst a = 1;\n```\n', testContext());
    expect(fresh.sharedDiagramEngine().running).toBe(false);
  });
});

describe('diagram sources', () => {
  test('Mermaid: accessibility lines and front matter are read and taken out', () => {
    const out = prepareMermaid('---\ntitle: T\n---\nflowchart\n  accDescr { a\n  b }\n  x --> y');
    expect(out).toEqual({
      kind: 'mermaid',
      text: '\n\n\nflowchart TB\n\n\n  x --> y',
      title: 'T',
      desc: 'a b',
    });
  });

  test('Mermaid: a missing or unsupported type is found at its line', () => {
    expect(prepareMermaid('\n%% note\n  A --> B')).toMatchObject({
      rule: 'markdown/diagram-syntax',
      line: 2,
    });
    expect(prepareMermaid('gantt\n  title x')).toMatchObject({
      rule: 'markdown/diagram-unsupported',
      line: 0,
    });
    expect(prepareMermaid('  \n')).toMatchObject({ rule: 'markdown/diagram-syntax' });
  });
});
