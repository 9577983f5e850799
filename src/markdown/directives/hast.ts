import type { Element, ElementContent, Properties } from 'hast';

/** A hast element; `undefined` properties are left out. */
export function el(tag: string, properties: Properties, children: ElementContent[] = []): Element {
  const props: Properties = {};
  for (const [key, value] of Object.entries(properties))
    if (value !== undefined) props[key] = value;
  return { type: 'element', tagName: tag, properties: props, children };
}

export function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** Class list of a directive's root element, with the author's `{.class}` / `class=` added. */
export function classList(base: string[], attributes: Record<string, string>): string[] {
  const extra = (attributes['class'] ?? '').split(/\s+/).filter(Boolean);
  return [...base, ...extra];
}

/** The parts a placeholder carries (remark-directives.ts): label, files, and content. */
export interface DirectiveParts {
  /** The label's rendered children, if the directive has a label. */
  label: ElementContent[] | undefined;
  /** Resolved files by attribute name (`src`, `poster`, `link`, ...). */
  files: Map<string, Element>;
  /** Everything else: a container's content. */
  body: ElementContent[];
}
