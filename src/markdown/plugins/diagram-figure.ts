import type { Element, ElementContent } from 'hast';
import type { PreparedDiagram } from './diagram-source.js';
import type { CleanSvg } from './diagram-svg.js';

export interface DrawnDiagram extends CleanSvg {
  prepared: PreparedDiagram;
}

export interface FigureOptions {
  /** `alt="…"` on the fence: the accessible name. */
  alt: string | null;
  /** `title="…"` on the fence: a visible caption, and the name when nothing else gives one. */
  caption: string | null;
  /** Called when the diagram has no name of its own (it then gets its kind as one). */
  warn(message: string): void;
}

/**
 * Below this share of its drawn width a diagram stops shrinking and scrolls instead: smaller,
 * its 12-14 px labels would fall under about 7 px.
 */
const MIN_SCALE = 0.55;
/** Narrowest phone column (320 px screen less the gutters): a diagram wider than that may scroll. */
const NARROW_COLUMN = 284;

/**
 * `<figure class="diagram"><svg role="img" aria-labelledby="…-title">…</svg></figure>`, with the
 * SVG's ids prefixed by `diagram-<n>-` (n counts the page's diagrams) so two diagrams on one page
 * never share an id. The accessible name is, first found: the fence's `alt`, the source's own
 * (Mermaid `accTitle` or front matter `title`), the fence's `title`, Graphviz's graph `label` or
 * `tooltip`; the description is Mermaid's `accDescr` or a Graphviz tooltip that is not the name.
 */
export function diagramFigure(drawn: DrawnDiagram, n: number, options: FigureOptions): Element {
  const { svg, prepared } = drawn;
  const prefix = `diagram-${n}-`;
  prefixIds(svg, prefix);
  let name = options.alt || prepared.title || options.caption || drawn.label || drawn.tooltip;
  if (!name) {
    name = kindName(prepared);
    options.warn(
      `This diagram has no accessible name, so screen readers only hear "${name}". Give the ` +
        `fence an alt="…" that says what the diagram shows` +
        (prepared.kind === 'mermaid' ? ', or an accTitle line.' : ', or a graph label.'),
    );
  }
  const desc = prepared.desc ?? (drawn.tooltip && drawn.tooltip !== name ? drawn.tooltip : null);
  const head: ElementContent[] = [text('title', `${prefix}title`, name)];
  if (desc) head.push(text('desc', `${prefix}desc`, desc));
  const width = Number(svg.properties.width);
  svg.properties = {
    ...svg.properties,
    role: 'img',
    ariaLabelledBy: [`${prefix}title`],
    ...(desc ? { ariaDescribedBy: [`${prefix}desc`] } : {}),
    ...(width * MIN_SCALE > NARROW_COLUMN
      ? { style: `min-width:${Math.round(width * MIN_SCALE)}px` }
      : {}),
  };
  svg.children = [...head, ...svg.children];
  const children: ElementContent[] = [svg];
  if (options.caption) {
    children.push({
      type: 'element',
      tagName: 'figcaption',
      properties: {},
      children: [{ type: 'text', value: options.caption }],
    });
  }
  return {
    type: 'element',
    tagName: 'figure',
    properties: {
      className: ['diagram'],
      dataDiagram: prepared.kind,
      // A diagram that may scroll on a phone is reachable by keyboard, like a code block.
      ...(width * MIN_SCALE > NARROW_COLUMN ? { tabIndex: 0 } : {}),
    },
    children,
  };
}

function text(tagName: string, id: string, value: string): Element {
  return { type: 'element', tagName, properties: { id }, children: [{ type: 'text', value }] };
}

const KIND_NAMES: [RegExp, string][] = [
  [/^sequenceDiagram/i, 'Sequence diagram'],
  [/^classDiagram/i, 'Class diagram'],
  [/^stateDiagram/i, 'State diagram'],
  [/^erDiagram/i, 'Entity-relationship diagram'],
];

function kindName(prepared: PreparedDiagram): string {
  if (prepared.kind === 'dot') return 'Graph';
  const head = prepared.text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('%%'));
  return KIND_NAMES.find(([re]) => re.test(head?.trim() ?? ''))?.[1] ?? 'Flowchart';
}

/** Every id gets the prefix, and so does every `url(#id)` that refers to one. */
function prefixIds(node: Element, prefix: string): void {
  for (const [key, value] of Object.entries(node.properties)) {
    if (key === 'id' && typeof value === 'string') node.properties.id = prefix + value;
    else if (typeof value === 'string' && value.includes('url(#'))
      node.properties[key] = value.replace(/url\(#/g, `url(#${prefix}`);
  }
  for (const child of node.children) if (child.type === 'element') prefixIds(child, prefix);
}
