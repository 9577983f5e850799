import type { Element, Root } from 'hast';
import type { Position } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { hashParts } from '../cache.js';
import { report, stateOf, type CodeBlockSource, type RenderState } from '../state.js';
import type { HighlightCache } from '../types.js';
import { metaValue } from './code-meta.js';
import { sharedDiagramEngine, type DiagramEngine, type DiagramKind } from './diagram-engine.js';
import { diagramFigure, type DrawnDiagram } from './diagram-figure.js';
import { diagramKind, prepareDot, prepareMermaid, SUPPORTED_MERMAID } from './diagram-source.js';
import { cleanSvg } from './diagram-svg.js';
import { CODE_BLOCK_ATTRIBUTE } from './mdast-handlers.js';

export interface DiagramOptions {
  cache: HighlightCache;
  /** Versions (renderers, our pipeline) that invalidate every cached diagram. */
  cacheSalt: string;
  /** Where diagrams are drawn; by default this thread's shared engine, started on first use. */
  engine?: () => DiagramEngine;
}

/**
 * Bounds per file: diagrams past the count are shown as their source, a source past the size is
 * refused before any layout (the time limit is diagram-engine.ts's).
 */
export const DIAGRAM_LIMITS = { perFile: 50, sourceChars: 20_000 } as const;

interface Job {
  parent: Root | Element;
  index: number;
  block: CodeBlockSource;
  kind: DiagramKind;
}

/**
 * ```` ```mermaid ```` (beautiful-mermaid) and ```` ```dot ````/```` ```graphviz ```` (Graphviz
 * WASM) fences -> `<figure class="diagram">` with inline SVG, drawn at build time. Runs before
 * heading ids, so headings never take a diagram's ids. A fence that cannot be drawn is reported
 * and left to rehype-code-blocks as plain code. Drawn diagrams are cached like highlighted code;
 * the engine is loaded only when a diagram is not in the cache.
 */
export default function rehypeDiagrams(options: DiagramOptions) {
  return async (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    // Most documents have no diagram: no walk at all for them.
    if (!state.codeBlocks.some((b) => diagramKind(b.lang) !== null)) return;
    const jobs: Job[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'pre' || !(CODE_BLOCK_ATTRIBUTE in node.properties)) return undefined;
      const block = state.codeBlocks[Number(node.properties[CODE_BLOCK_ATTRIBUTE])];
      const kind = block ? diagramKind(block.lang) : null;
      if (block && kind && parent && index !== undefined) jobs.push({ parent, index, block, kind });
      return SKIP;
    });

    let count = 0;
    const over: CodeBlockSource[] = [];
    for (const { parent, index, block, kind } of jobs) {
      if (count >= DIAGRAM_LIMITS.perFile) {
        over.push(block);
        block.lang = 'text';
        continue;
      }
      const drawn = await draw(options, state, block, kind);
      if (!drawn) {
        block.lang = 'text';
        continue;
      }
      const figure = diagramFigure(drawn, ++count, {
        alt: metaValue(block.meta, 'alt'),
        caption: metaValue(block.meta, 'title'),
        warn: (message) =>
          report(state, 'warning', 'markdown/diagram-unnamed', message, block.position),
      });
      figure.position = block.position;
      parent.children[index] = figure;
    }
    if (over.length > 0) {
      report(
        state,
        'warning',
        'markdown/diagram-limit',
        `More than ${DIAGRAM_LIMITS.perFile} diagrams in one file: the last ${over.length}, from ` +
          `here on, are shown as their source. Split the document.`,
        over[0]!.position,
      );
    }
  };
}

async function draw(
  options: DiagramOptions,
  state: RenderState,
  block: CodeBlockSource,
  kind: DiagramKind,
): Promise<DrawnDiagram | null> {
  const fail = (rule: string, message: string, line?: number) => {
    report(state, 'error', rule, `${message} The block is shown as code.`, lineOf(block, line));
    return null;
  };
  const name = kind === 'mermaid' ? 'Mermaid' : 'Graphviz';
  if (block.value.length > DIAGRAM_LIMITS.sourceChars) {
    return fail(
      'markdown/diagram-too-complex',
      `This ${name} diagram is ${block.value.length.toLocaleString('en')} characters long, over ` +
        `the limit of ${DIAGRAM_LIMITS.sourceChars.toLocaleString('en')}: split it into smaller diagrams.`,
    );
  }
  const prepared = kind === 'mermaid' ? prepareMermaid(block.value) : prepareDot(block.value);
  if ('rule' in prepared) {
    const hint =
      prepared.rule === 'markdown/diagram-unsupported'
        ? `Supported: ${SUPPORTED_MERMAID}. Use an image for other kinds.`
        : 'Fix the diagram source.';
    return fail(prepared.rule, `${prepared.message} ${hint}`, prepared.line);
  }

  const key = hashParts([options.cacheSalt, kind, prepared.text]);
  const cached = options.cache.get(key);
  if (cached !== undefined) return { ...(JSON.parse(cached) as Stored), prepared };
  const result = await (options.engine ?? sharedDiagramEngine)().draw(kind, prepared.text);
  if (result.kind === 'too-complex') {
    return fail(
      'markdown/diagram-too-complex',
      `This ${name} diagram cannot be drawn in bounded time: ${result.reason}. Simplify it or ` +
        `split it into smaller diagrams.`,
    );
  }
  if (result.kind === 'error') {
    // Graphviz: "syntax error in line 3 near ';'" (lines of the source: none are added to it).
    const line = /\bline (\d+)/.exec(result.message);
    const text = result.message
      .trim()
      .replace(/ in line \d+/, '')
      .replace(/\.?$/, '.');
    return fail(
      'markdown/diagram-syntax',
      `${name} could not read the diagram: ${text} Fix the diagram source.`,
      line ? Number(line[1]) - 1 : undefined,
    );
  }
  const stored: Stored = cleanSvg(result.svg, kind);
  options.cache.set(key, JSON.stringify(stored));
  return { ...stored, prepared };
}

type Stored = Omit<DrawnDiagram, 'prepared'>;

/** Position of a line of the fence's content (0-based), or of the fence itself. */
function lineOf(block: CodeBlockSource, line: number | undefined): Position | undefined {
  const start = block.position?.start;
  if (!start || line === undefined) return block.position;
  const point = { line: start.line + 1 + line, column: start.column };
  return { start: point, end: point };
}
