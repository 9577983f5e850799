import type { Html, Paragraph, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

// Containers whose children are blocks: raw HTML there needs a paragraph around its text.
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * The `escape` policy: raw HTML is shown to the reader as the text the author typed.
 * (remark-rehype would silently drop it; showing it makes the choice visible.)
 */
export default function remarkEscapeHtml() {
  return (tree: Root) => {
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value, position: node.position };
      const replacement: Text | Paragraph = FLOW_PARENTS.has(parent.type)
        ? { type: 'paragraph', children: [text], position: node.position }
        : text;
      (parent.children as (Text | Paragraph)[])[index] = replacement;
    });
  };
}
