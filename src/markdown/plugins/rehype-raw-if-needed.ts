import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import { EXIT, visit } from 'unist-util-visit';
import { stateOf } from '../state.js';
import { checkRawUrls } from './rehype-raw-urls.js';

/**
 * rehype-raw, but only when the tree has raw HTML in it, followed by the unsafe-URL check of
 * what it produced.
 *
 * rehype-raw serialises the whole tree into HTML parser tokens and parses it again, which is
 * the most expensive step after Markdown parsing. Most posts have no raw HTML at all, and then
 * there is nothing for it to do: skipping it keeps us from re-parsing a tree we already have.
 */
export default function rehypeRawIfNeeded() {
  const raw = rehypeRaw();
  return (tree: Root, file: Parameters<typeof raw>[1]): Root => {
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    if (!found) return tree;
    const parsed = raw(tree, file);
    checkRawUrls(parsed, stateOf(file));
    return parsed;
  };
}
