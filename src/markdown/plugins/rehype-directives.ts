import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { isElement } from '../hast-util.js';
import { renderBlock } from '../directives/blocks.js';
import { renderEmbed } from '../directives/embeds.js';
import type { DirectiveParts } from '../directives/hast.js';
import { report, stateOf, type DirectiveUse, type RenderState } from '../state.js';
import {
  ASSET_ELEMENT,
  DIRECTIVE_ATTRIBUTE,
  DIRECTIVE_ELEMENT,
  DIRECTIVE_NONCE,
  LABEL_ELEMENT,
  PART_ATTRIBUTE,
} from './remark-directives.js';

const PLACEHOLDERS = new Set([DIRECTIVE_ELEMENT, LABEL_ELEMENT, ASSET_ELEMENT]);

const EMBEDS = new Set(['youtube', 'vimeo', 'gist', 'tweet', 'x']);

/**
 * Built-in directives: placeholders -> their markup. Runs right after the raw-HTML policy (this
 * is trusted markup) and before rehype-images, which makes a figure's image responsive.
 * With `sanitize`, placeholders written in raw HTML (the policy has to let the element names
 * through) are removed here, keeping their content.
 */
export function rehypeBuiltinDirectives(options: { sanitize: boolean } = { sanitize: false }) {
  return (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    if (options.sanitize) removeForged(tree, state);
    if (state.directives.length === 0) return;
    expand(tree, state, 'builtin', (use, parts) =>
      EMBEDS.has(use.name) ? [renderEmbed(use)] : [renderBlock(use, parts)],
    );
  };
}

/**
 * Site-defined directives: placeholders -> what their template renders. Runs last of ours, so
 * the content a template receives is final (highlighted code, typeset math, heading ids);
 * inner directives are rendered before the one around them.
 */
export function rehypeSiteDirectives() {
  return (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    if (!state.directives.some((d) => d.kind === 'site')) return;
    expand(tree, state, 'site', (use, parts) => renderSite(state, use, parts));
  };
}

type Render = (use: DirectiveUse, parts: DirectiveParts) => RootContent[];

/** Replaces each placeholder of `kind` by what `render` makes of it, innermost first. */
function expand(
  tree: Root | Element,
  state: RenderState,
  kind: DirectiveUse['kind'],
  render: Render,
): void {
  const children = tree.children as RootContent[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'element') continue;
    expand(node, state, kind, render);
    const use = placeholderUse(node, state);
    if (!use || use.kind !== kind) continue;
    const out = render(use, partsOf(node, use));
    children.splice(i, 1, ...out);
    i += out.length - 1;
  }
}

function placeholderUse(node: Element, state: RenderState): DirectiveUse | undefined {
  if (node.tagName !== DIRECTIVE_ELEMENT) return undefined;
  const value = node.properties[DIRECTIVE_ATTRIBUTE];
  const [nonce, index] = typeof value === 'string' ? value.split(':') : [];
  return nonce === DIRECTIVE_NONCE ? state.directives[Number(index)] : undefined;
}

/** A label or file element made by remark-directives (it carries the nonce). */
function isPart(node: Element, tag: string): boolean {
  return node.tagName === tag && node.properties[PART_ATTRIBUTE] === DIRECTIVE_NONCE;
}

/**
 * Unwraps our placeholder elements that no directive made (their content stays): a placeholder,
 * label or file element without the nonce, or a label or file element that is not a direct
 * child of a real placeholder.
 */
function removeForged(parent: Root | Element, state: RenderState, parentReal = false): void {
  const children = parent.children as RootContent[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'element') continue;
    const real = placeholderUse(node, state) !== undefined;
    removeForged(node, state, real);
    const forged =
      node.tagName === DIRECTIVE_ELEMENT
        ? !real
        : PLACEHOLDERS.has(node.tagName) && !(parentReal && isPart(node, node.tagName));
    if (forged) {
      children.splice(i, 1, ...(node.children as RootContent[]));
      i--;
    }
  }
}

function partsOf(node: Element, use: DirectiveUse): DirectiveParts {
  const parts: DirectiveParts = { label: undefined, files: new Map(), body: [] };
  for (const child of node.children) {
    const tag = child.type === 'element' ? child.tagName : undefined;
    if (tag === LABEL_ELEMENT && isElement(child) && isPart(child, tag))
      parts.label = child.children;
    else if (tag === ASSET_ELEMENT && isElement(child) && isPart(child, tag)) {
      const name = child.properties.dataName;
      if (typeof name === 'string') parts.files.set(name, child);
    } else if (
      tag === 'img' &&
      isElement(child) &&
      use.name === 'figure' &&
      !parts.files.has('src')
    ) {
      parts.files.set('src', child);
    } else parts.body.push(child);
  }
  return parts;
}

function renderSite(state: RenderState, use: DirectiveUse, parts: DirectiveParts): RootContent[] {
  const templates = state.ctx.directives;
  if (!templates) return [];
  const content: ElementContent[] = use.form === 'container' ? parts.body : (parts.label ?? []);
  const result = templates.render({
    name: use.name,
    form: use.form,
    attributes: use.attributes,
    label: use.label,
    children: toHtml({ type: 'root', children: content }),
  });
  if (result.kind === 'error') {
    report(state, 'error', result.rule, result.message, use.position);
    return [];
  }
  if (result.warning)
    report(state, 'warning', 'markdown/directive-starter', result.warning, use.position);
  // Template files end with a newline, which would put a space after an inline directive.
  const nodes = fromHtml(result.html.trim(), { fragment: true }).children;
  // Positions in the template's output mean nothing in the post.
  for (const n of nodes) withoutPositions(n);
  return nodes;
}

function withoutPositions(node: RootContent): void {
  delete node.position;
  if ('children' in node) for (const child of node.children) withoutPositions(child);
}
