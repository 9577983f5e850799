import type { Definition, Image, Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { applyEdits, lineAt, parseMarkdown, type Edit } from './body.js';
import type { BodyContext } from './context.js';

/**
 * Links after shortcode conversion: Zola's `@/file.md` links, root-relative links to old
 * addresses and page-relative links written against the old URL all become relative `.md`
 * links to the imported files, which the build resolves and checks. Links found through the
 * Markdown AST (links, images, definitions), so code is never touched.
 */
export function rewriteLinks(text: string, ctx: BodyContext, basePath: string): string {
  // Relative and root-relative destinations only: a page whose links are all absolute is left
  // without a parse.
  if (!/\]\(\s*<?(?!https?:|mailto:|#)|\]:\s*<?(?!https?:|mailto:|#)/.test(text)) return text;
  const edits: Edit[] = [];
  visit(parseMarkdown(text), (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const n = node as Link | Image | Definition;
    const start = n.position?.start.offset;
    const end = n.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const next = target(
      n.url,
      ctx,
      basePath,
      node.type === 'image',
      lineAt(text, start, ctx.bodyLine),
    );
    if (next === undefined || next === n.url) return;
    const slice = text.slice(start, end);
    // The destination is the last place the URL appears in the node's source (after the text).
    const at = slice.lastIndexOf(n.url);
    if (at < 0) return;
    edits.push({ start: start + at, end: start + at + n.url.length, text: next });
  });
  return applyEdits(text, edits);
}

function target(
  url: string,
  ctx: BodyContext,
  basePath: string,
  image: boolean,
  line: number,
): string | undefined {
  const at = { file: ctx.file, line };
  const m = /^([^#?]*)([?#].*)?$/.exec(url);
  const path = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  if (path.startsWith('@/')) {
    const link = ctx.linkToSrc(`content/${decodeURI(path.slice(2))}`);
    if (link === undefined) {
      ctx.report.todo(
        at,
        `The internal link ${url} names no imported page; it was left as written. Fix the target.`,
      );
      return undefined;
    }
    ctx.report.converted('@/ link -> relative .md link', at);
    return link + rest;
  }
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#|^$/i.test(path)) return undefined;
  let sitePath: string;
  let rewritten = false;
  if (path.startsWith('/')) {
    sitePath = path;
    if (basePath !== '/' && (path + '/').startsWith(basePath)) {
      sitePath = '/' + path.slice(basePath.length);
      rewritten = true;
    }
  } else {
    const from = ctx.doc?.oldUrl;
    if (!from) return undefined;
    sitePath = new URL(path, `http://x${from}`).pathname;
  }
  if (!image) {
    const link = ctx.linkToOldUrl(safeDecode(sitePath));
    if (link !== undefined) {
      ctx.report.converted('old address -> relative .md link', at);
      return link + rest;
    }
  }
  return rewritten ? sitePath + rest : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
