import type { Properties } from 'hast';
import type { Heading, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { stateOf } from '../state.js';
import type { HeadingIdScheme } from '../types.js';

// `{#id .class key=value}` at the end of a heading, as Hugo (goldmark), Zola (pulldown-cmark),
// Pandoc and kramdown (`{: #id}`) write it; whitespace before it is optional, as in goldmark.
const ATTRIBUTE = String.raw`(?:#[^\s{}#]+|\.[^\s{}.#]+|[A-Za-z_:][\w.:-]*=(?:"[^"]*"|'[^']*'|[^\s{}"']+))`;
const BLOCK = new RegExp(
  String.raw`\{:?[ \t]*(${ATTRIBUTE}(?:[ \t]+${ATTRIBUTE})*)[ \t]*\}[ \t]*$`,
);
const EACH = new RegExp(ATTRIBUTE, 'g');

/**
 * Heading attributes: `## Title {#custom-id}`, `{.class}`, or both (`{#id .a .b}`). The block is
 * removed from the heading's text, so it never shows in the heading, the table of contents or
 * the id of another scheme; `#id` becomes the heading's id (kept as written) and `.class` its
 * classes. `key=value` pairs are accepted, as the other generators do, and dropped: a heading's
 * other attributes are the theme's business. A block whose `{` is escaped (`\{#id}`) is text.
 *
 * For Hugo's id schemes, also records each heading's Markdown source (without the block): goldmark
 * slugs that rather than the rendered text (rehype-heading-ids.ts).
 */
export default function remarkHeadingAttributes(scheme: HeadingIdScheme = 'github') {
  return (tree: Root, file: { data: object; value?: unknown }) => {
    const source = typeof file.value === 'string' ? file.value : undefined;
    const state = stateOf(file);
    visit(tree, 'heading', (node) => {
      const cut = applyAttributes(node, source);
      if (scheme.startsWith('hugo') && source !== undefined && node.position) {
        const raw = headingSource(node, source, cut);
        const { line, column } = node.position.start;
        if (raw !== undefined) state.headingSources.set(`${line}:${column}`, raw);
      }
    });
  };
}

/** Strips a trailing attribute block into the heading's data; returns its source offset. */
function applyAttributes(node: Heading, source: string | undefined): number | undefined {
  const last = node.children[node.children.length - 1];
  if (last?.type !== 'text') return undefined;
  const match = BLOCK.exec(last.value);
  if (!match) return undefined;
  const end = last.position?.end.offset;
  // The block as written must end the text's source too (no entity or escape inside), and its
  // `{` must not be escaped.
  let start: number | undefined;
  if (source !== undefined && end !== undefined) {
    const written = source.slice(0, end).trimEnd();
    const open = written.lastIndexOf('{');
    if (
      open < 0 ||
      source[open - 1] === '\\' ||
      written.slice(open) !== last.value.slice(match.index).trimEnd()
    )
      return undefined;
    start = open;
  }
  const ids: string[] = [];
  const classes: string[] = [];
  for (const [attr] of match[1]!.matchAll(EACH)) {
    if (attr.startsWith('#')) ids.push(attr.slice(1));
    else if (attr.startsWith('.')) classes.push(attr.slice(1));
  }
  last.value = last.value.slice(0, match.index).replace(/[ \t]+$/, '');
  if (last.value === '') node.children.pop();
  const hProperties: Properties = { ...node.data?.hProperties };
  if (ids.length) hProperties['id'] = ids[ids.length - 1]!.normalize('NFC');
  if (classes.length) hProperties['className'] = classes;
  node.data = { ...node.data, hProperties };
  return start;
}

/** The last line of the heading's content as written, up to `cut` (the attribute block). */
function headingSource(node: Heading, source: string, cut: number | undefined): string | undefined {
  const first = node.children[0]?.position?.start.offset;
  const last = node.children[node.children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return cut === undefined ? undefined : '';
  const text = source.slice(first, cut ?? last);
  const lines = text.split(/\r?\n|\r/);
  return lines[lines.length - 1]!.trim();
}
