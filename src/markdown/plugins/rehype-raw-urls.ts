import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { report, type RenderState } from '../state.js';
import { shortUrl, unsafeScheme } from '../url-safety.js';

// Attributes that navigate or load: the ones a javascript:/data: URL is dangerous in.
const URL_PROPERTIES = ['href', 'src', 'xLinkHref', 'action', 'formAction', 'poster', 'cite'];

/**
 * Raw HTML (`allow` and `sanitize`) gets the same unsafe-URL check as Markdown links, right
 * after rehype-raw has turned it into elements (rehype-raw-if-needed calls this only when the
 * tree had raw HTML). Markdown links are checked earlier, in mdast, and carry no unsafe URL
 * here. Under `sanitize` the sanitizer would drop these silently; we report them too, so authors
 * learn about them whichever policy they run.
 */
export function checkRawUrls(tree: Root, state: RenderState): void {
  visit(tree, 'element', (node) => {
    for (const key of URL_PROPERTIES) {
      const value = node.properties[key];
      if (typeof value !== 'string') continue;
      const scheme = unsafeScheme(value);
      if (!scheme) continue;
      report(
        state,
        'error',
        'markdown/unsafe-url',
        `<${node.tagName}> URL ${shortUrl(value)} uses the ${scheme}: scheme, which can run code ` +
          `or embed content in readers' browsers; the attribute is removed. Use an http(s) or relative URL.`,
        node.position,
      );
      delete node.properties[key];
    }
  });
}
