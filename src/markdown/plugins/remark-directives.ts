import { randomBytes } from 'node:crypto';
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { BUILTINS, type DirectiveForm } from '../directives/builtins.js';
import {
  checkBuiltin,
  unknownDirective,
  UNCONVERTED,
  type Directive,
} from '../directives/check.js';
import { report, stateOf, type DirectiveUse, type RenderState } from '../state.js';
import type { Processor } from 'unified';

/** The placeholder element a directive becomes until rehype-directives renders it. */
export const DIRECTIVE_ELEMENT = 'colophon-directive';
export const DIRECTIVE_ATTRIBUTE = 'dataColophonDirective';
/**
 * Part of every placeholder's attribute, unknown to authors: a placeholder written in raw HTML
 * (which the sanitize policy lets through, as it must let the real ones) matches no directive.
 */
export const DIRECTIVE_NONCE = randomBytes(8).toString('hex');
/** Wraps a directive's label inside the placeholder. */
export const LABEL_ELEMENT = 'colophon-label';
/** Carries the nonce on a placeholder's label and file elements. */
export const PART_ATTRIBUTE = 'dataColophonPart';
/** A file a directive names (`::video{src=…}`), resolved like an image; `data-name` says which. */
export const ASSET_ELEMENT = 'colophon-asset';

const FORM: Record<Directive['type'], DirectiveForm> = {
  textDirective: 'text',
  leafDirective: 'leaf',
  containerDirective: 'container',
};

/** Attributes of built-ins that name files of the site, resolved as images are. */
const FILE_ATTRIBUTES: Record<string, string[]> = {
  figure: ['src'],
  video: ['src', 'poster', 'captions'],
};
/** Attributes of built-ins that are links, resolved (and checked) as links are. */
const LINK_ATTRIBUTES: Record<string, string[]> = {
  figure: ['link', 'creditLink'],
};

/**
 * Directives (remark-directive's syntax): each becomes a placeholder element that carries its
 * label and content, with what it needs recorded in the render state; rehype-directives renders
 * it once the raw-HTML policy has run (so the policy only ever sees what the author wrote).
 *
 * A name the site has a template for (`templates/directives/<name>.liquid`) is the site's, even
 * when a built-in has that name: that is how a site changes a built-in. Otherwise a built-in
 * (directives/builtins.ts), else `markdown/unknown-directive`. Attributes of built-ins are checked
 * here, each problem reported at the attribute. Files a built-in names (`src=./clip.mp4`) become
 * image nodes, so remark-links resolves them like any image (bundle or public/, checked, and
 * recorded by the body cache).
 */
export default function remarkDirectives(this: Processor) {
  // Positions of attributes, for messages that point at the attribute that is wrong.
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown({ verbose: true }));

  return (tree: Root, file: { data: object }) => {
    const state = stateOf(file);
    visit(tree, (node, index, parent) => {
      if (!isDirective(node) || !parent || index === undefined) return undefined;
      const replacement = directive(state, node);
      if (!replacement) return undefined;
      // Visit what replaced it too: nested directives are reported as well.
      parent.children.splice(index, 1, ...(replacement as never[]));
      return index;
    });
  };
}

function isDirective(node: Nodes): node is Directive {
  return (
    node.type === 'textDirective' ||
    node.type === 'leafDirective' ||
    node.type === 'containerDirective'
  );
}

/** Turns one directive into its placeholder (in place), or returns what replaces it on error. */
function directive(state: RenderState, node: Directive): RootContent[] | undefined {
  const form = FORM[node.type];
  const attributes = cleanAttributes(node.attributes);
  const site = state.ctx.directives?.has(node.name) === true;
  const builtin = site ? undefined : BUILTINS[node.name];
  if (!site && !builtin) {
    if (node.name === UNCONVERTED) return unconverted(state, node, attributes);
    unknownDirective(state, node, form);
    return fallback(node);
  }
  if (builtin && !checkBuiltin(state, node, form, builtin, attributes)) return fallback(node);
  const label = takeLabel(node);
  const use: DirectiveUse = {
    name: node.name,
    form,
    attributes,
    label: label ? toString(label).trim() : '',
    kind: site ? 'site' : 'builtin',
    position: node.position,
  };
  state.directives.push(use);
  const children: RootContent[] = [];
  if (label) children.push(label);
  if (builtin) children.push(...fileNodes(node, attributes));
  if (node.type === 'containerDirective') children.push(...node.children);
  node.children = children as never[];
  node.data = {
    ...node.data,
    hName: DIRECTIVE_ELEMENT,
    hProperties: { [DIRECTIVE_ATTRIBUTE]: `${DIRECTIVE_NONCE}:${state.directives.length - 1}` },
  };
  return undefined;
}

/** The label as a wrapper node (`[…]`; a container's is its first, marked paragraph). */
function takeLabel(node: Directive): Paragraph | undefined {
  let phrasing: PhrasingContent[] | undefined;
  if (node.type === 'containerDirective') {
    const first = node.children[0];
    if (first?.type === 'paragraph' && first.data?.directiveLabel) {
      node.children.shift();
      phrasing = first.children;
    }
  } else if (node.children.length > 0) {
    phrasing = node.children;
  }
  if (!phrasing) return undefined;
  return {
    type: 'paragraph',
    children: phrasing,
    data: { hName: LABEL_ELEMENT, hProperties: { [PART_ATTRIBUTE]: DIRECTIVE_NONCE } },
  };
}

/** `src=…` and friends as image nodes (remark-links resolves and checks them). */
function fileNodes(node: Directive, attributes: Record<string, string>): RootContent[] {
  const out: RootContent[] = [];
  for (const name of FILE_ATTRIBUTES[node.name] ?? []) {
    const url = attributes[name];
    if (url === undefined) continue;
    const position = node.data?.position?.attributes?.[name] ?? node.position;
    // The figure's image is a real <img> (rehype-images makes it responsive); other files are
    // placeholders that only carry their resolved URL.
    const image = node.name === 'figure' && name === 'src';
    out.push({
      type: 'image',
      url,
      alt: image ? (attributes['alt'] ?? '') : '',
      ...(position ? { position } : {}),
      data: image
        ? {}
        : {
            hName: ASSET_ELEMENT,
            hProperties: { dataName: name, alt: undefined, [PART_ATTRIBUTE]: DIRECTIVE_NONCE },
          },
    });
  }
  for (const name of LINK_ATTRIBUTES[node.name] ?? []) {
    const url = attributes[name];
    if (url === undefined) continue;
    const position = node.data?.position?.attributes?.[name] ?? node.position;
    out.push({
      type: 'link',
      url,
      children: [],
      ...(position ? { position } : {}),
      data: {
        hName: ASSET_ELEMENT,
        hProperties: { dataName: name, [PART_ATTRIBUTE]: DIRECTIVE_NONCE },
      },
    });
  }
  return out;
}

function cleanAttributes(raw: Directive['attributes']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) out[key] = value ?? '';
  return out;
}

/**
 * `::unconverted[{{< name args >}}]{from=hugo}`: what an importer writes for a shortcode or tag
 * with no Colophon equivalent. Readers see nothing of it (a container's content is kept: it is the
 * author's text); the author gets a warning at it, every build, until it is replaced.
 */
function unconverted(
  state: RenderState,
  node: Directive,
  attributes: Record<string, string>,
): RootContent[] {
  const label = takeLabel(node);
  const original = label ? toString(label).trim() : '';
  const from = attributes['from'] ? ` from ${attributes['from']}` : '';
  report(
    state,
    'warning',
    'markdown/unconverted',
    `${original ? `\`${original}\`` : 'A shortcode'}${from} was kept here unconverted; readers do not see it. ` +
      `Replace it with a directive (a built-in, or one of your own as templates/directives/<name>.liquid) ` +
      `or with the text it stood for, then remove the ::${UNCONVERTED} line.`,
    node.position,
  );
  return node.type === 'containerDirective' ? node.children : [];
}

/** What an erroneous directive shows meanwhile (the build fails; `serve` shows the page). */
function fallback(node: Directive): RootContent[] {
  if (node.type === 'textDirective') {
    return [
      {
        type: 'text',
        value: `:${node.name}`,
        ...(node.position ? { position: node.position } : {}),
      },
      ...node.children,
    ];
  }
  if (node.type === 'leafDirective') return [{ type: 'paragraph', children: node.children }];
  return node.children;
}
