import type { Definition, Image, ImageReference, Link, LinkReference, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { report, spanAt, stateOf, type RenderState } from '../state.js';
import type { LinkResolution } from '../types.js';
import { shortUrl, unsafeScheme } from '../url-safety.js';

type UrlNode = Link | Image | Definition;

/**
 * Every link, image and definition URL goes through the caller's resolver (the markdown stage
 * knows no URLs of its own). Unsafe schemes are rejected before the resolver sees them.
 * References (`[text][id]`) are covered by resolving their definition once.
 */
export default function remarkLinks() {
  return (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    // One walk to collect, then resolve in document order: definitions need to know whether
    // only image references use them before they can pick resolveLink or resolveImage.
    const urls: UrlNode[] = [];
    const references: (LinkReference | ImageReference)[] = [];
    visit(tree, (node: Nodes) => {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        urls.push(node);
      } else if (node.type === 'linkReference' || node.type === 'imageReference') {
        references.push(node);
      }
    });

    const linkIds = new Set<string>();
    const imageIds = new Set<string>();
    for (const ref of references)
      (ref.type === 'linkReference' ? linkIds : imageIds).add(ref.identifier);

    const unsafeDefinitions = new Set<string>();
    for (const node of urls) {
      const asImage =
        node.type === 'image' ||
        (node.type === 'definition' &&
          imageIds.has(node.identifier) &&
          !linkIds.has(node.identifier));
      if (!handle(state, node, asImage) && node.type === 'definition') {
        unsafeDefinitions.add(node.identifier);
      }
    }
    // A reference to an unsafe definition must not fall back to an empty href either.
    for (const ref of references) {
      if (unsafeDefinitions.has(ref.identifier)) dropUrl(ref, ref.type === 'imageReference');
    }
  };
}

/** Resolves one URL in place; false when it was unsafe and dropped. */
function handle(state: RenderState, node: UrlNode, asImage: boolean): boolean {
  const url = node.url;
  const scheme = unsafeScheme(url);
  if (scheme) {
    const what = asImage ? 'Image' : 'Link';
    report(
      state,
      'error',
      'markdown/unsafe-url',
      `${what} URL ${shortUrl(url)} uses the ${scheme}: scheme, which can run code or embed ` +
        `content in readers' browsers; it is rendered without a URL. Use an http(s) or relative URL.`,
      node.position,
    );
    node.url = '';
    if (node.type !== 'definition') dropUrl(node, asImage);
    return false;
  }
  const resolution = asImage ? state.ctx.resolveImage(url) : state.ctx.resolveLink(url);
  apply(state, node, url, resolution);
  return true;
}

function apply(state: RenderState, node: UrlNode, url: string, resolution: LinkResolution): void {
  const { line, column } = spanAt(state, node.position);
  if (resolution.kind === 'broken') {
    report(state, 'error', resolution.rule, resolution.message, node.position);
    return;
  }
  let href = url;
  let targetId: string | null = null;
  if (resolution.kind === 'rewrite') {
    href = resolution.href;
    node.url = href;
    if (resolution.id !== undefined) {
      state.linkTargets.add(resolution.id);
      targetId = resolution.id;
    }
  }
  const hash = href.indexOf('#');
  if (hash < 0) return;
  const fragment = decodeFragment(href.slice(hash + 1));
  if (fragment === '') return;
  // Same page: the href is only a fragment. Other page: only when we know which input it is.
  if (hash === 0) state.fragmentLinks.push({ targetId: null, fragment, line, column });
  else if (targetId !== null) state.fragmentLinks.push({ targetId, fragment, line, column });
}

function dropUrl(node: Link | Image | LinkReference | ImageReference, asImage: boolean): void {
  const key = asImage ? 'src' : 'href';
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, [key]: undefined } };
}

/** Fragments are compared with ids, which are not percent-encoded (`#caf%C3%A9` -> `café`). */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
