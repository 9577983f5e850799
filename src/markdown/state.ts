import type { Position } from 'unist';
import { diag, type Diagnostic, type Severity } from '../diagnostics/index.js';
import type { Heading, RenderContext } from './types.js';

/** A fenced code block as written, kept aside so rehype-raw/sanitize cannot lose its meta. */
export interface CodeBlockSource {
  lang: string | null;
  meta: string | null;
  value: string;
  /**
   * Code included from a file (remark-include): the file's line numbers of the code's lines, as
   * runs `[first, count]`. Absent when the lines are numbered 1, 2, 3, … as usual.
   */
  lines?: [number, number][];
  position: Position | undefined;
}

/** A directive found by remark-directives, rendered later by rehype-directives. */
export interface DirectiveUse {
  name: string;
  form: 'text' | 'leaf' | 'container';
  attributes: Record<string, string>;
  /** The label as plain text ('' without one). */
  label: string;
  /** A built-in, or the site's template. */
  kind: 'builtin' | 'site';
  position: Position | undefined;
}

export interface FragmentLink {
  targetId: string | null;
  fragment: string;
  line: number;
  column: number;
}

/**
 * Everything one render collects. Plugins are built once per processor and shared by every
 * render, so per-document data cannot live in plugin closures: it hangs off the VFile instead.
 */
export interface RenderState {
  ctx: RenderContext;
  diagnostics: Diagnostic[];
  codeBlocks: CodeBlockSource[];
  headings: Heading[];
  linkTargets: Set<string>;
  fragmentLinks: FragmentLink[];
  wordCount: number;
  /** Directives by the index their placeholder carries (remark-directives.ts). */
  directives: DirectiveUse[];
  /**
   * The raw Markdown of each heading's last line by `line:column` of the heading, for Hugo's
   * heading ids (goldmark slugs the source, not the rendered text).
   */
  headingSources: Map<string, string>;
}

// Keyed by the VFile's `data` object, which vfile takes over by reference from the options we
// pass to `run()`. A WeakMap keeps our state out of the public DataMap type and out of reach
// of user plugins.
const states = new WeakMap<object, RenderState>();

export function createState(ctx: RenderContext): {
  state: RenderState;
  data: Record<string, unknown>;
} {
  const state: RenderState = {
    ctx,
    diagnostics: [],
    codeBlocks: [],
    headings: [],
    linkTargets: new Set(),
    fragmentLinks: [],
    wordCount: 0,
    directives: [],
    headingSources: new Map(),
  };
  const data = {};
  states.set(data, state);
  return { state, data };
}

/** The state of the render a file belongs to. Throws for files not made by our renderer. */
export function stateOf(file: { data: object }): RenderState {
  const state = states.get(file.data);
  if (!state) throw new Error('colophon markdown plugin used outside createMarkdownRenderer()');
  return state;
}

/** File position of a node: body lines are shifted by where the body starts in the file. */
export function spanAt(state: RenderState, position: Position | undefined) {
  const line = position ? position.start.line : 1;
  const column = position ? position.start.column : 1;
  return { file: state.ctx.file, line: state.ctx.bodyLine - 1 + line, column };
}

export function report(
  state: RenderState,
  severity: Severity,
  rule: string,
  message: string,
  position: Position | undefined,
): void {
  state.diagnostics.push(diag(severity, rule, message, spanAt(state, position)));
}
