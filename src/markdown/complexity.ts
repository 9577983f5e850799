/**
 * A linear pre-flight check that refuses input which would make the parser super-linear.
 *
 * micromark is linear on ordinary prose, but not on some shapes: every open container (quote,
 * list item) re-tokenizes its content, so deep nesting costs depth x size (10,000 nested `>`
 * or list markers take minutes); and label/emphasis matching looks back over every unmatched
 * opener in a paragraph (50,000 `[` take a minute); and a code span opener (a run of backticks)
 * that never closes scans the rest of its paragraph for a closing run of the same length, so
 * runs of ever-growing length are quadratic (1.7 MB of them took 111 s). A stack overflow is
 * caught too, but time cannot be caught, so these shapes are rejected before parsing. The limits
 * are far beyond any real post: nobody nests 100 levels or writes 5,000 brackets in one paragraph,
 * and an unclosed backtick costs one paragraph's length (a few hundred characters).
 *
 * Other costs grow with the number of elements, not the shape: those are counted after parsing
 * (budget.ts).
 */
export const COMPLEXITY_LIMITS = {
  /** Container nesting: `>` and list markers at a line start, plus leading indentation / 4. */
  nesting: 100,
  /** `[` in one paragraph (links, images, footnote refs). */
  brackets: 5_000,
  /** Emphasis delimiter runs (`*`, `_`) in one paragraph. */
  delimiters: 10_000,
  /**
   * Characters the parser scans for code span closers in one paragraph (about 20 ns each): an
   * unclosed run of backticks scans to the paragraph's end. 20 M is well under a second.
   */
  codeSpanScan: 20_000_000,
  /**
   * Headings and fenced code blocks in one file. Counted again, exactly, after parsing
   * (budget.ts); counting them here refuses a file of 100,000 headings before the parse.
   */
  headings: 5_000,
  codeBlocks: 5_000,
  /**
   * Inline scanning work in one file: for each paragraph, its emphasis and strikethrough
   * characters (`*`, `_`, `~`), `[` and backtick runs times its length, summed. micromark matches every closer
   * against the openers before it and splices its event list once per match, so a paragraph costs
   * about (delimiters x length) x 10-50 ns: `'*' * N + 'a' + '*' * N` and `'*a' * N` alike. 20 M
   * is about a second at worst on a loaded machine; a long post scores well under a million. An
   * `_` between two letters or digits (snake_case) can neither open nor close, and is not counted.
   */
  inlineScan: 20_000_000,
  /** `|` outside code in one file: tables cost about 0.3 ms a row to parse, before any cell is counted. */
  tablePipes: 30_000,
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
  const spans = new CodeSpanScan();
  let headings = 0;
  let codeBlocks = 0;
  const scan = new InlineScan();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Top-level fenced code is not parsed for inlines, and is its own block.
    const run = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (run !== undefined && run[0] === fence[0] && run.length >= fence.length) fence = null;
      continue;
    }
    if (run !== undefined) {
      if (spans.end()) return spanProblem(spans);
      if (++codeBlocks > COMPLEXITY_LIMITS.codeBlocks) {
        return {
          line: i + 1,
          reason: `more than ${COMPLEXITY_LIMITS.codeBlocks} code blocks in one file`,
        };
      }
      fence = run;
      brackets = delimiters = 0;
      scan.end();
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
    const heading = HEADING.test(line);
    if (heading && ++headings > COMPLEXITY_LIMITS.headings) {
      return {
        line: i + 1,
        reason: `more than ${COMPLEXITY_LIMITS.headings} headings in one file`,
      };
    }
    if (markers > 0 || rest.trim() === '' || heading) {
      brackets = delimiters = 0;
      scan.end();
      if (spans.end()) return spanProblem(spans);
    }
    const inline = scan.add(rest, i + 1);
    if (inline) return inline;
    brackets += count(rest, /\[/g);
    delimiters += count(rest, /[*_]+/g);
    if (rest.trim() !== '') spans.add(rest, i + 1);
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
  return spans.end() ? spanProblem(spans) : null;
}

function spanProblem(spans: CodeSpanScan): ComplexityProblem {
  return {
    line: spans.firstLine,
    reason:
      'runs of backticks that open code spans but never close, each making the parser rescan ' +
      'the rest of the paragraph; close each code span with a run of the same length, or ' +
      'escape the backticks',
  };
}

/**
 * Estimates, in linear time, how many characters micromark scans for code span closers in one
 * paragraph. An opener (a backtick run not preceded by a backtick) looks for the next run of the
 * same length: found, the span ends there and scanning resumes after it; not found, the opener
 * is text and it scanned to the paragraph's end.
 */
class CodeSpanScan {
  private offsets: number[] = [];
  private sizes: number[] = [];
  private length = 0;
  /** First line of the paragraph being collected. */
  firstLine = 1;

  add(text: string, line: number): void {
    if (this.length === 0) this.firstLine = line;
    for (const m of text.matchAll(/`+/g)) {
      this.offsets.push(this.length + m.index);
      this.sizes.push(m[0].length);
    }
    this.length += text.length + 1;
  }

  /** Ends the paragraph; true when its scanning cost is over the limit. */
  end(): boolean {
    const { offsets, sizes } = this;
    let cost = 0;
    if (offsets.length > 1) {
      // next[i]: the next run after i with the same length (-1 when none).
      const next = new Array<number>(offsets.length).fill(-1);
      const seen = new Map<number, number>();
      for (let i = offsets.length - 1; i >= 0; i--) {
        next[i] = seen.get(sizes[i]!) ?? -1;
        seen.set(sizes[i]!, i);
      }
      for (let i = 0; i < offsets.length; i++) {
        const j = next[i]!;
        cost += (j < 0 ? this.length : offsets[j]!) - offsets[i]!;
        if (j >= 0) i = j;
        if (cost > COMPLEXITY_LIMITS.codeSpanScan) break;
      }
    } else if (offsets.length === 1) cost = this.length - offsets[0]!;
    this.offsets = [];
    this.sizes = [];
    this.length = 0;
    return cost > COMPLEXITY_LIMITS.codeSpanScan;
  }
}

/**
 * The inline scanning estimate (see `inlineScan`): the paragraphs already ended, plus the one
 * being read, whose cost grows as its delimiters and its length both grow.
 */
class InlineScan {
  private closed = 0;
  private delimiters = 0;
  private length = 0;
  private pipes = 0;

  /** Adds a line of the current paragraph: the problem when the file is over a limit. */
  add(text: string, line: number): ComplexityProblem | null {
    this.pipes += count(text, /\|/g);
    if (this.pipes > COMPLEXITY_LIMITS.tablePipes) {
      const limit = COMPLEXITY_LIMITS.tablePipes.toLocaleString('en');
      return { line, reason: `more than ${limit} table cell separators (|) in one file` };
    }
    this.delimiters += count(text, /[*~[]|`+|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu);
    this.length += text.length + 1;
    if (this.closed + this.delimiters * this.length <= COMPLEXITY_LIMITS.inlineScan) return null;
    return {
      line,
      reason:
        'too many emphasis markers (*, _, ~), "[" or backticks for the length of their ' +
        'paragraphs; escape the ones that are not markup (\\*), or split long paragraphs',
    };
  }

  end(): void {
    this.closed += this.delimiters * this.length;
    this.delimiters = this.length = 0;
  }
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
