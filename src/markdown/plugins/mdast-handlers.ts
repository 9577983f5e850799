import type { Element } from 'hast';
import type { Code } from 'mdast';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';
import { stateOf } from '../state.js';
import { MORE_ELEMENT, type MoreMarker } from './remark-more-marker.js';

type Handlers = NonNullable<RemarkRehypeOptions['handlers']>;
type State = Parameters<NonNullable<Handlers['code']>>[0];

/** Attribute that ties a placeholder `<pre>` to its entry in RenderState.codeBlocks. */
export const CODE_BLOCK_ATTRIBUTE = 'dataColophonCode';

/**
 * remark-rehype handler for fenced code. The fence is stored as written (lang, meta, code) in
 * the render state and only a numbered placeholder goes into the tree, because rehype-raw
 * rebuilds every element (dropping `data.meta`) and the HTML parser would swallow a leading
 * newline of the code. rehype-code-blocks swaps the placeholder for the highlighted block.
 * `language-*` stays on `<code>` so rehype-katex still finds ```` ```math ```` fences.
 */
function code(state: State, node: Code): Element {
  const file = state.options.file;
  if (!file) throw new Error('remark-rehype did not pass the file to handlers');
  const blocks = stateOf(file).codeBlocks;
  blocks.push({
    lang: node.lang ?? null,
    meta: node.meta ?? null,
    value: node.value,
    position: node.position,
    ...(node.data?.colophonLines ? { lines: node.data.colophonLines } : {}),
  });
  const lang = node.lang?.split(/\s+/)[0];
  const inner: Element = {
    type: 'element',
    tagName: 'code',
    properties: lang ? { className: ['language-' + lang] } : {},
    children: [{ type: 'text', value: node.value }],
  };
  const pre: Element = {
    type: 'element',
    tagName: 'pre',
    properties: { [CODE_BLOCK_ATTRIBUTE]: String(blocks.length - 1) },
    children: [inner],
  };
  state.patch(node, inner);
  state.patch(node, pre);
  return pre;
}

function more(state: State, node: MoreMarker): Element {
  const element: Element = { type: 'element', tagName: MORE_ELEMENT, properties: {}, children: [] };
  state.patch(node, element);
  return element;
}

export const mdastHandlers: Handlers = { code, colophonMore: more };
