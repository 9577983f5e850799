import type { Element, ElementContent, Properties } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { DIAGRAM_FONT as SANS, type DiagramKind } from './diagram-engine.js';

/** A renderer's SVG made safe and themable, with what it says about its own name. */
export interface CleanSvg {
  svg: Element;
  /** Graphviz: the graph's `label` (drawn text) and `tooltip`, for the accessible name. */
  label: string | null;
  tooltip: string | null;
}

/**
 * Elements kept from a renderer's output; everything else goes with its content (script,
 * foreignObject, image, style, animation...). `a` is unwrapped: a link inside `role="img"` can
 * be neither announced nor reached.
 */
const KEEP = new Set(
  'svg g path polygon polyline line rect circle ellipse text tspan defs marker clipPath linearGradient radialGradient stop'.split(
    ' ',
  ),
);

/**
 * beautiful-mermaid's colour roles -> the theme's tokens (which switch with light and dark
 * through `light-dark()`), so one SVG serves both schemes and text keeps the theme's contrast.
 * Its own `<style>` (which derives the roles with color-mix and imports a web font) is dropped.
 */
const MERMAID_COLOURS: Record<string, string> = {
  _text: 'text',
  '_text-sec': 'text-2',
  '_text-muted': 'muted',
  '_text-faint': 'muted',
  _line: 'muted',
  _arrow: 'text-2',
  '_node-fill': 'surface',
  '_node-stroke': 'muted',
  '_group-fill': 'bg',
  '_group-hdr': 'surface-2',
  '_inner-stroke': 'border-strong',
  '_key-badge': 'surface-2',
  bg: 'bg',
  fg: 'text',
  line: 'muted',
  accent: 'accent',
  muted: 'muted',
  surface: 'surface',
  border: 'muted',
};

/** Graphviz's default colours -> theme tokens. Colours an author chose are left as written. */
const DOT_COLOURS: Record<string, string> = {
  black: 'var(--text)',
  white: 'var(--bg)',
  lightgrey: 'var(--surface-2)',
  lightgray: 'var(--surface-2)',
};
const NEUTRAL_FILLS = new Set(['none', 'white', 'lightgrey', 'lightgray', 'black']);

export function cleanSvg(markup: string, kind: DiagramKind): CleanSvg {
  const root = fromHtml(markup, { fragment: true });
  const svg = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'svg');
  if (!svg) throw new Error(`the ${kind} renderer returned no <svg>`);
  const found = kind === 'dot' ? dotLabels(svg) : { label: null, tooltip: null };
  clean(svg, kind, false);
  // beautiful-mermaid's colour variables on the root: replaced by the theme's tokens above.
  delete svg.properties.style;
  svg.properties.fontFamily = SANS;
  if (kind === 'dot') svg.properties.fill = 'var(--text)';
  dropUnusedIds(svg);
  flatten(svg);
  sizeInPixels(svg, kind);
  return { svg, ...found };
}

/** Graphviz draws the graph label as the graph's own `<text>`, its tooltip on a wrapping link. */
function dotLabels(svg: Element): { label: string | null; tooltip: string | null } {
  const graph = svg.children.find(isElement);
  if (!graph) return { label: null, tooltip: null };
  const texts = graph.children.filter((c) => isElement(c) && c.tagName === 'text');
  const label = texts.map((t) => toString(t).trim()).join(' ') || null;
  const link = graph.children
    .filter(isElement)
    .find((c) => c.tagName === 'g' && String(c.properties.id ?? '').startsWith('a_graph'));
  const anchor = link?.children.find(isElement);
  const tooltip = anchor?.properties.xLinkTitle;
  return { label, tooltip: typeof tooltip === 'string' && tooltip !== '' ? tooltip : null };
}

function clean(node: Element, kind: DiagramKind, coloured: boolean): void {
  node.properties = cleanProperties(node.properties, kind);
  // The font is set once on the root (cleanSvg); text inherits the root's fill, the theme's text
  // colour, except on a shape the author filled, where Graphviz's black stays.
  if (node.properties.fontFamily === SANS) delete node.properties.fontFamily;
  if (kind === 'dot' && node.tagName === 'text' && coloured && node.properties.fill === undefined) {
    node.properties.fill = 'black';
  }
  // A Graphviz node or cluster filled with a colour the author chose keeps Graphviz's black
  // text: the theme's light text of dark mode would be unreadable on it.
  const inner = coloured || (kind === 'dot' && hasAuthorFill(node));
  const out: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type === 'text') {
      if (node.tagName === 'text' || node.tagName === 'tspan') out.push(child);
      continue;
    }
    if (child.type !== 'element') continue;
    if (child.tagName === 'a') {
      const wrapper: Element = { ...child, tagName: 'g', properties: {} };
      clean(wrapper, kind, inner);
      out.push(...wrapper.children);
      continue;
    }
    if (!KEEP.has(child.tagName)) continue;
    // Graphviz's page background: the page's own shows through instead.
    if (kind === 'dot' && isBackground(node, child)) continue;
    clean(child, kind, inner);
    out.push(child);
  }
  node.children = out;
}

function cleanProperties(properties: Properties, kind: DiagramKind): Properties {
  const out: Properties = {};
  for (const [name, value] of Object.entries(properties)) {
    // Events, data, classes (no stylesheet refers to them any more), links, namespaces,
    // Graphviz's xml:space (whitespace in labels is already laid out).
    if (/^(on|data)[A-Z]|^(className|href|xLink|xmlns|xmlSpace)/.test(name)) continue;
    if (typeof value !== 'string') {
      if (value !== null && value !== undefined) out[name] = value;
      continue;
    }
    // No fetches from the page: only references inside the document itself.
    if (/url\(\s*['"]?(?!#)/i.test(value)) continue;
    out[name] = recolour(roundNumbers(value), name, kind);
  }
  return out;
}

function recolour(value: string, name: string, kind: DiagramKind): string {
  if (kind === 'mermaid') {
    return value.replace(/var\(--([\w-]+)\)/g, (_, v: string) => {
      const token = MERMAID_COLOURS[v];
      return token ? `var(--${token})` : 'currentColor';
    });
  }
  if (name !== 'fill' && name !== 'stroke') return value;
  return DOT_COLOURS[value] ?? value;
}

/** Coordinates to 2 decimals: the SVG is a third smaller and draws the same at any zoom. */
function roundNumbers(value: string): string {
  return value.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));
}

function hasAuthorFill(node: Element): boolean {
  if (node.tagName !== 'g') return false;
  return node.children.some(
    (c) =>
      isElement(c) &&
      c.tagName !== 'text' &&
      typeof c.properties.fill === 'string' &&
      !NEUTRAL_FILLS.has(c.properties.fill),
  );
}

function isBackground(parent: Element, child: Element): boolean {
  return (
    child.tagName === 'polygon' &&
    child.properties.fill === 'white' &&
    child.properties.stroke === 'none' &&
    String(parent.properties.id ?? '').startsWith('graph') &&
    parent.children.find((c) => isElement(c) && c.tagName === 'polygon') === child
  );
}

/**
 * `width`/`height` in CSS pixels from the viewBox (Graphviz measures in points), so the theme can
 * scale every diagram the same way.
 */
function sizeInPixels(svg: Element, kind: DiagramKind): void {
  const box = String(svg.properties.viewBox ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box.length !== 4 || box.some((n) => !Number.isFinite(n))) return;
  const scale = kind === 'dot' ? 4 / 3 : 1;
  svg.properties.viewBox = box.map((n) => String(Math.round(n * 100) / 100)).join(' ');
  svg.properties.width = String(Math.ceil(box[2]! * scale));
  svg.properties.height = String(Math.ceil(box[3]! * scale));
}

/**
 * Ids nothing in the SVG refers to (Graphviz names every node, edge and cluster) are dropped:
 * they cost bytes and could only clash with the page's own.
 */
function dropUnusedIds(svg: Element): void {
  const used = new Set<string>();
  const elements: Element[] = [];
  const walk = (node: Element) => {
    elements.push(node);
    for (const value of Object.values(node.properties)) {
      if (typeof value === 'string')
        for (const m of value.matchAll(/url\(#([^)]+)\)/g)) used.add(m[1]!);
    }
    for (const child of node.children) if (isElement(child)) walk(child);
  };
  walk(svg);
  for (const node of elements) {
    const id = node.properties.id;
    if (id !== undefined && !used.has(String(id))) delete node.properties.id;
  }
}

/** Graphviz's per-node and per-edge groups carry nothing once their ids and classes are gone. */
function flatten(node: Element): void {
  node.children = node.children.flatMap((child) => {
    if (!isElement(child)) return [child];
    flatten(child);
    return child.tagName === 'g' && Object.keys(child.properties).length === 0
      ? child.children
      : [child];
  });
}

function isElement(node: unknown): node is Element {
  return (node as Element | undefined)?.type === 'element';
}
