import type { Nodes, Root } from 'mdast';
import type { Position } from 'unist';

/**
 * The second half of the bound on hostile input (complexity.ts is the first): after parsing,
 * before any plugin runs, count what the rest of the pipeline will pay for.
 *
 * Every later step (our plugins, KaTeX, shiki, heading anchors, serialising, the excerpt) walks
 * the tree, so time grows with the number of elements; some elements cost far more than others.
 * Measured on a shared 2-core machine: a heading about 0.3 ms (id, anchor, table of contents), a
 * table cell 0.1-0.2 ms, a link 0.2 ms, a KaTeX formula 1.3 ms, an ordinary node 0.05 ms. A file
 * over a limit below is refused (`markdown/too-complex`, at the element that crossed it); math
 * and highlighting beyond their caps degrade instead: the rest is shown as plain TeX or plain
 * code, with one warning. The limits are far beyond real posts (a long post has a few thousand
 * nodes, a hundred headings, a few hundred links) and keep the worst case to a few seconds.
 */
export const BUDGET_LIMITS = {
  /** Markdown elements of any kind in one file. */
  nodes: 200_000,
  headings: 5_000,
  tableCells: 20_000,
  /** Links, autolinks and images. */
  links: 10_000,
  /** Formulas rendered with KaTeX; later ones are shown as TeX source. */
  math: 1_000,
  /** Code blocks (and display formulas shown as code) in one file. */
  code: 5_000,
  /** Code blocks highlighted; later ones are shown as plain text. */
  highlightedCode: 1_000,
} as const;

export type BudgetResult =
  | { kind: 'too-complex'; reason: string; position: Position | undefined }
  | {
      kind: 'ok';
      /** Formulas shown as TeX source because of the cap, and the first of them. */
      plainMath: { count: number; position: Position | undefined };
      /** Code blocks shown without highlighting because of the cap, and the first of them. */
      plainCode: { count: number; position: Position | undefined };
    };

/** Counts elements (iteratively: the tree may be deep) and applies the caps, in place. */
export function applyBudget(tree: Root, options: { math: boolean }): BudgetResult {
  let nodes = 0;
  let headings = 0;
  let cells = 0;
  let links = 0;
  let math = 0;
  let code = 0;
  const plainMath = { count: 0, position: undefined as Position | undefined };
  const plainCode = { count: 0, position: undefined as Position | undefined };
  const over = (what: string, limit: number, node: Nodes): BudgetResult => ({
    kind: 'too-complex',
    reason: `more than ${limit.toLocaleString('en')} ${what} in one file`,
    position: node.position,
  });

  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (++nodes > BUDGET_LIMITS.nodes) return over('Markdown elements', BUDGET_LIMITS.nodes, node);
    switch (node.type) {
      case 'heading':
        if (++headings > BUDGET_LIMITS.headings)
          return over('headings', BUDGET_LIMITS.headings, node);
        break;
      case 'tableCell':
        if (++cells > BUDGET_LIMITS.tableCells)
          return over('table cells', BUDGET_LIMITS.tableCells, node);
        break;
      case 'link':
      case 'image':
      case 'linkReference':
      case 'imageReference':
        if (++links > BUDGET_LIMITS.links)
          return over('links and images', BUDGET_LIMITS.links, node);
        break;
      case 'inlineMath':
      case 'math':
        if (options.math && ++math > BUDGET_LIMITS.math) {
          plainMath.count++;
          plainMath.position ??= node.position;
          // Shown as its TeX source, like code: the reader still sees the formula.
          const display = node.type === 'math';
          const tex = node.value;
          const target = node as unknown as Record<string, unknown>;
          for (const key of Object.keys(target)) if (key !== 'position') delete target[key];
          Object.assign(
            target,
            display
              ? { type: 'code', lang: 'text', meta: null, value: tex }
              : { type: 'inlineCode', value: tex },
          );
          if (display && ++code > BUDGET_LIMITS.code) {
            return over('code blocks', BUDGET_LIMITS.code, node);
          }
        }
        break;
      case 'code':
        if (++code > BUDGET_LIMITS.code) return over('code blocks', BUDGET_LIMITS.code, node);
        if (code > BUDGET_LIMITS.highlightedCode && node.lang !== 'text') {
          plainCode.count++;
          plainCode.position ??= node.position;
          node.lang = 'text';
        }
        break;
    }
    if ('children' in node) {
      // Reversed, so elements are met in document order (the first ones keep their rendering).
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return { kind: 'ok', plainMath, plainCode };
}
