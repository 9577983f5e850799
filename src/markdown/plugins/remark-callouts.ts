import type { Blockquote, Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';

const KINDS = {
  note: 'Note',
  tip: 'Tip',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
} as const;

type Kind = keyof typeof KINDS;
export const CALLOUT_KINDS = Object.keys(KINDS) as Kind[];

// GitHub's rule: the marker is alone on the first line of the quote.
const MARKER = /^\[!([a-z]+)\][ \t]*(?:\r?\n|$)/i;

/**
 * GitHub alerts: `> [!NOTE]` ... become
 * `<div class="callout callout-note" role="note"><p class="callout-title">Note</p>...</div>`.
 *
 * Why a `div` with `role="note"` and not `aside`: an `aside` is a complementary landmark, so a
 * post with ten callouts would add ten landmarks to a screen reader's landmark list. `role=note`
 * says "parenthetic content" without that noise. The title is a paragraph, not a heading, so
 * callouts never enter the outline, the TOC or the heading ids.
 *
 * Unknown kinds (`[!FOO]`) are left as ordinary blockquotes.
 */
export default function remarkCallouts() {
  return (tree: Root) => {
    visit(tree, 'blockquote', (node) => {
      const kind = calloutKind(node);
      if (kind) toCallout(node, kind);
    });
  };
}

function calloutKind(node: Blockquote): Kind | null {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return null;
  const text = first.children[0];
  if (text?.type !== 'text') return null;
  const match = MARKER.exec(text.value);
  const name = match?.[1]?.toLowerCase();
  return name !== undefined && name in KINDS ? (name as Kind) : null;
}

function toCallout(node: Blockquote, kind: Kind): void {
  const first = node.children[0] as Paragraph;
  const text = first.children[0];
  if (text?.type === 'text') text.value = text.value.replace(MARKER, '');
  // Drop the marker's paragraph when nothing else was on it (the usual `> [!NOTE]` line).
  if (text?.type === 'text' && text.value === '') {
    first.children.shift();
    // `> [!NOTE]␠␠` ends in a hard break; without the marker it would open the callout.
    if (first.children[0]?.type === 'break') first.children.shift();
  }
  if (first.children.length === 0) node.children.shift();

  // The title is given as hast children so it adds no words or text to the mdast: word count
  // and any user remark plugin see only what the author wrote.
  const title: Paragraph = {
    type: 'paragraph',
    children: [],
    data: {
      hProperties: { className: ['callout-title'] },
      hChildren: [{ type: 'text', value: KINDS[kind] }],
    },
  };
  node.children.unshift(title);
  node.data = {
    ...node.data,
    hName: 'div',
    hProperties: { className: ['callout', `callout-${kind}`], role: 'note' },
  };
}
