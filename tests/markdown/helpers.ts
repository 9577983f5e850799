import type { Pluggable } from 'unified';
import type { LinkResolution, RenderContext } from '../../src/markdown/index.js';

/**
 * The fixed resolver used by goldens and unit tests, standing in for the build's link resolver:
 *  - `missing*.md` / `missing*.png` are broken;
 *  - other relative `*.md` links become `/posts/<name>/` (+ fragment), target id `post:<name>`;
 *  - relative images become `/posts/current/<file>`;
 *  - everything else is kept.
 */
export function testContext(file = 'content/posts/current.md', bodyLine = 1): RenderContext {
  return { file, bodyLine, resolveLink, resolveImage };
}

function resolveLink(href: string): LinkResolution {
  const m = /^(?:\.\.?\/)*([\w-]+)\.md(#.*)?$/.exec(href);
  if (!m) return { kind: 'keep' };
  const name = m[1]!;
  if (name.startsWith('missing')) {
    return {
      kind: 'broken',
      rule: 'markdown/broken-link',
      message: `Link to "${href}" points to no content file. Fix the path or remove the link.`,
    };
  }
  return { kind: 'rewrite', href: `/posts/${name}/${m[2] ?? ''}`, id: `post:${name}` };
}

function resolveImage(src: string): LinkResolution {
  if (/^[a-z][a-z+.-]*:|^\//i.test(src)) return { kind: 'keep' };
  const file = src.replace(/^\.\//, '');
  if (file.startsWith('missing')) {
    return {
      kind: 'broken',
      rule: 'markdown/broken-image',
      message: `Image "${src}" is not in the post's folder. Add the file or fix the path.`,
    };
  }
  return { kind: 'rewrite', href: `/posts/current/${file}` };
}

/** Named test plugins, so fixture `options.json` files can refer to them. */
export const testPlugins: Record<string, Pluggable> = {
  // remark: appends a sentence to every paragraph ending with "(shout)".
  remarkShout: () => (tree: any) => {
    for (const node of tree.children) {
      if (node.type === 'paragraph') {
        for (const child of node.children)
          if (child.type === 'text') child.value = child.value.replace('(shout)', 'SHOUT');
      }
    }
  },
  // rehype: lazy-loads every image.
  rehypeLazyImages: () => (tree: any) => {
    const walk = (node: any): void => {
      if (node.type === 'element' && node.tagName === 'img') node.properties.loading = 'lazy';
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  },
};
