import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import { report, stateOf, type RenderState } from '../state.js';
import {
  describeTemplateSyntax,
  HUGO_ESCAPED,
  TEMPLATE_SYNTAX,
} from '../directives/template-syntax.js';

/** Stands for code, math and other non-text inline nodes: template syntax never spans them. */
const OPAQUE = '\u0000';

interface Segment {
  from: number;
  node: PhrasingContent;
}

/**
 * Template syntax in prose is never shown silently: `{{< … >}}`, `{{% … %}}`, `{% … %}` and
 * `{{ … }}` outside code get a `markdown/template-syntax` warning at their position, naming what
 * they look like (a Hugo shortcode, a Liquid tag, a Zola shortcode, a Go template action) and
 * what to write instead (directives/template-syntax.ts). Nothing is changed in the output.
 *
 * Code spans, code blocks and math are never looked at. Two ways to show such syntax as text on
 * purpose, without a warning: escape its first brace (`\{{ page.title }}`, which renders as
 * `{{ page.title }}`), or use Hugo's own escape, the shortcode's name between `/*` and `*` `/`
 * inside the braces, which is shown the way Hugo shows it (`{{< name >}}`, see HUGO_ESCAPED).
 */
export default function remarkTemplateSyntax() {
  return (tree: Root, file: { data: object; value?: unknown }) => {
    const state = stateOf(file);
    const source = typeof file.value === 'string' ? file.value : '';
    if (!source.includes('{{') && !source.includes('{%')) return;
    visit(tree, (node, _index, parent) => {
      // What an importer kept as `::unconverted[…]` warns already (remark-directives.ts).
      if (isUnconverted(node)) return node.type === 'containerDirective' ? undefined : 'skip';
      if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell')
        return undefined;
      if (node.type === 'paragraph' && node.data?.directiveLabel && parent && isUnconverted(parent))
        return 'skip';
      scan(state, node, source);
      return 'skip';
    });
  };
}

function scan(state: RenderState, parent: Parent, source: string): void {
  const segments: Segment[] = [];
  let text = '';
  const walk = (nodes: readonly PhrasingContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'html') {
        segments.push({ from: text.length, node });
        text += node.value;
      } else if (node.type === 'break') text += '\n';
      else if ('children' in node && !isUnconverted(node)) walk(node.children);
      else text += OPAQUE;
    }
  };
  walk(parent.children as PhrasingContent[]);
  if (!text.includes('{')) return;
  const unescape: { node: Text; at: number; match: string }[] = [];
  for (const m of text.matchAll(TEMPLATE_SYNTAX)) {
    const match = m[0];
    if (match.includes(OPAQUE)) continue;
    const segment = segmentAt(segments, m.index);
    if (segment?.node.type !== 'text') continue;
    const at = m.index - segment.from;
    const where = locate(segment.node, at, source);
    if (where?.escaped) continue;
    if (HUGO_ESCAPED.test(match)) {
      if (at + match.length <= segment.node.value.length)
        unescape.push({ node: segment.node, at, match });
      continue;
    }
    report(
      state,
      'warning',
      'markdown/template-syntax',
      describeTemplateSyntax(match),
      where?.position ?? segment.node.position,
    );
  }
  // Right to left, so earlier offsets in the same node stay valid.
  for (const { node, at, match } of unescape.reverse()) {
    const shown = match.replace(
      HUGO_ESCAPED,
      (_, open: string, inner: string, close: string) => `{{${open}${inner}${close}}}`,
    );
    node.value = node.value.slice(0, at) + shown + node.value.slice(at + match.length);
  }
}

function isUnconverted(node: Nodes): boolean {
  return (
    (node.type === 'textDirective' ||
      node.type === 'leafDirective' ||
      node.type === 'containerDirective') &&
    node.name === 'unconverted'
  );
}

function segmentAt(segments: readonly Segment[], index: number): Segment | undefined {
  let found: Segment | undefined;
  for (const s of segments) {
    if (s.from > index) break;
    found = s;
  }
  return found;
}

/**
 * Where character `at` of a text node's value is in the source, and whether it was written
 * escaped (`\{`). The value differs from the source by escapes, character references and the
 * whitespace Markdown strips around line breaks.
 */
function locate(
  node: Text,
  at: number,
  source: string,
): { position: Position; escaped: boolean } | undefined {
  const start = node.position?.start;
  const end = node.position?.end.offset;
  if (start?.offset === undefined || end === undefined) return undefined;
  const value = node.value;
  let i = start.offset;
  let j = 0;
  while (j < at && i < end) {
    const c = source[i];
    if (c === value[j]) {
      i++;
      j++;
    } else if (c === '\\' && source[i + 1] === value[j]) {
      i += 2;
      j++;
    } else if (
      c === '&' &&
      /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.test(source.slice(i, i + 40))
    ) {
      i = source.indexOf(';', i) + 1;
      j++;
    } else i++;
  }
  const escaped = source[i] === '\\' && source[i + 1] === '{';
  const point = pointAt(source, start, i);
  return { position: { start: point, end: point }, escaped };
}

function pointAt(source: string, from: Point, offset: number): Point {
  let line = from.line;
  let column = from.column;
  for (let k = from.offset ?? 0; k < offset; k++) {
    if (source[k] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, offset };
}
