/**
 * A linear pre-flight check that refuses input which would make the parser super-linear.
 *
 * micromark is linear on ordinary prose, but not on some shapes: every open container (quote,
 * list item) re-tokenizes its content, so deep nesting costs depth x size (10,000 nested `>`
 * or list markers take minutes); and label/emphasis matching looks back over every unmatched
 * opener in a paragraph (50,000 `[` take a minute). A stack overflow is caught too, but time
 * cannot be caught, so these shapes are rejected before parsing. The limits are far beyond any
 * real post: nobody nests 100 levels or writes 5,000 brackets in one paragraph.
 */
export const COMPLEXITY_LIMITS = {
  /** Container nesting: `>` and list markers at a line start, plus leading indentation / 4. */
  nesting: 100,
  /** `[` in one paragraph (links, images, footnote refs). */
  brackets: 5_000,
  /** Emphasis delimiter runs (`*`, `_`) in one paragraph. */
  delimiters: 10_000,
} as const;

export interface ComplexityProblem {
  /** 1-based line in the Markdown where the limit was crossed. */
  line: number;
  reason: string;
}

// `>` needs no space after it; a list marker does (`-x` is text, `>x` is a quote).
const PREFIX = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*/;
const MARKER = />|[-*+]|\d{1,9}[.)]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

export function checkComplexity(markdown: string): ComplexityProblem | null {
  const lines = markdown.split(/\r\n|\r|\n/);
  let fence: string | null = null;
  let brackets = 0;
  let delimiters = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Top-level fenced code is not parsed for inlines, and is its own block.
    const run = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (run !== undefined && run[0] === fence[0] && run.length >= fence.length) fence = null;
      continue;
    }
    if (run !== undefined) {
      fence = run;
      brackets = delimiters = 0;
      continue;
    }

    const prefix = PREFIX.exec(line)?.[0] ?? '';
    const markers = prefix.match(MARKER)?.length ?? 0;
    // Lists nested by indentation alone need about 2-4 columns per level.
    const depth = markers + Math.floor(columns(/^[ \t]*/.exec(line)![0]) / 4);
    if (depth > COMPLEXITY_LIMITS.nesting) {
      return { line: i + 1, reason: `nesting deeper than ${COMPLEXITY_LIMITS.nesting} levels` };
    }
    const rest = line.slice(prefix.length);
    // A new container, a heading or a blank line ends the paragraph being counted.
    if (markers > 0 || rest.trim() === '' || HEADING.test(line)) brackets = delimiters = 0;
    brackets += count(rest, /\[/g);
    delimiters += count(rest, /[*_]+/g);
    if (brackets > COMPLEXITY_LIMITS.brackets) {
      return {
        line: i + 1,
        reason: `more than ${COMPLEXITY_LIMITS.brackets} "[" in one paragraph`,
      };
    }
    if (delimiters > COMPLEXITY_LIMITS.delimiters) {
      return {
        line: i + 1,
        reason: `more than ${COMPLEXITY_LIMITS.delimiters} emphasis markers in one paragraph`,
      };
    }
  }
  return null;
}

/** Width of leading whitespace, tabs to the next multiple of 4 as in CommonMark. */
function columns(whitespace: string): number {
  let col = 0;
  for (const ch of whitespace) {
    if (ch === '\t') col += 4 - (col % 4);
    else if (ch === ' ') col++;
  }
  return col;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
