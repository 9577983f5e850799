import { markdownLineEnding, unicodeWhitespace } from 'micromark-util-character';
import type { Root, RootContent } from 'mdast';
import type { Code, Construct, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

const BACKSLASH = 92;
const LEFT_PAREN = 40;
const RIGHT_PAREN = 41;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;

/**
 * LaTeX's own delimiters, as Hugo (passthrough) and MathJax/KaTeX auto-render sites write math:
 *
 *   - `\(…\)` is inline math, anywhere in text;
 *   - `\[…\]` is display math when it is a paragraph of its own (the transformer below turns
 *     that paragraph into a math block, as `$$` on their own lines make). Elsewhere `\[` stays
 *     an escaped bracket, which is how Markdown converters write a literal `[`.
 *   - a paragraph that is only `$$…$$` on one line is display math too (remark-math alone
 *     makes it inline).
 *
 * Both produce remark-math's own tokens (`mathText`), so they become `inlineMath` nodes and are
 * typeset, counted and budgeted exactly like `$…$`. Inside, nothing is Markdown: `\(a_1 * b\)`.
 * Runs before CommonMark's character escape (micromark tries later extensions first).
 */
export default function remarkTexDelimiters(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ text: { [BACKSLASH]: [inlineTex, displayTex] } });
  return displayParagraphs;
}

/**
 * A paragraph that is only `\[…\]`, or only `$$…$$`, becomes a math block (display math), as
 * MathJax and KaTeX's auto-render show them.
 */
function displayParagraphs(tree: Root, file: { value?: unknown }): void {
  const source = typeof file.value === 'string' ? file.value : '';
  if (!source.includes('\\[') && !source.includes('$$')) return;
  const walk = (nodes: RootContent[]) => {
    nodes.forEach((node, i) => {
      if (node.type === 'paragraph') {
        const only = node.children.length === 1 ? node.children[0] : undefined;
        const at = only?.position?.start.offset;
        const display =
          at !== undefined && (source.startsWith('\\[', at) || source.startsWith('$$', at));
        if (only?.type === 'inlineMath' && display) {
          const value = only.value.replace(/^\s*\n|\n\s*$/g, '').trim();
          nodes[i] = {
            type: 'math',
            value,
            ...(node.position ? { position: node.position } : {}),
            data: {
              hName: 'pre',
              hChildren: [
                {
                  type: 'element',
                  tagName: 'code',
                  properties: { className: ['language-math', 'math-display'] },
                  children: [{ type: 'text', value }],
                },
              ],
            },
          };
        }
      } else if ('children' in node) walk(node.children as RootContent[]);
    });
  };
  walk(tree.children);
}

const inlineTex: Construct = { name: 'colophonTexInline', tokenize: tokenizer(LEFT_PAREN) };
const displayTex: Construct = { name: 'colophonTexDisplay', tokenize: tokenizer(LEFT_BRACKET) };

function tokenizer(open: number) {
  const close = open === LEFT_PAREN ? RIGHT_PAREN : RIGHT_BRACKET;
  const display = open === LEFT_BRACKET;
  const closer = closerAhead(close);
  return function tokenize(
    this: TokenizeContext,
    effects: Parameters<Construct['tokenize']>[0],
    ok: State,
    nok: State,
  ): State {
    // Display math starts its paragraph (nothing before it in this text).
    const atStart = this.previous === null;
    let empty = true;
    let inData = false;
    return start;
    function start(code: Code): State | undefined {
      if (display && !atStart) return nok(code);
      effects.enter('mathText');
      effects.enter('mathTextSequence');
      effects.consume(code);
      return opening;
    }
    function opening(code: Code): State | undefined {
      if (code !== open) return nok(code);
      effects.consume(code);
      effects.exit('mathTextSequence');
      return content;
    }
    function content(code: Code): State | undefined {
      if (code === null) return nok(code);
      if (markdownLineEnding(code)) {
        endData();
        effects.enter('lineEnding');
        effects.consume(code);
        effects.exit('lineEnding');
        return content;
      }
      if (code === BACKSLASH) return effects.check(closer, closing, texEscape)(code);
      if (!unicodeWhitespace(code)) empty = false;
      startData();
      effects.consume(code);
      return content;
    }
    /** `\\`, `\alpha`, `\{`: a backslash and the character after it are TeX, never a closer. */
    function texEscape(code: Code): State | undefined {
      empty = false;
      startData();
      effects.consume(code);
      return (next: Code) => {
        if (next === null || markdownLineEnding(next)) return content(next);
        effects.consume(next);
        return content;
      };
    }
    function closing(code: Code): State | undefined {
      if (empty) return nok(code);
      endData();
      effects.enter('mathTextSequence');
      effects.consume(code);
      return (next: Code) => {
        effects.consume(next);
        effects.exit('mathTextSequence');
        effects.exit('mathText');
        return display ? effects.check(endOfText, ok, nok) : ok;
      };
    }
    function startData(): void {
      if (!inData) effects.enter('mathTextData');
      inData = true;
    }
    function endData(): void {
      if (inData) effects.exit('mathTextData');
      inData = false;
    }
  };
}

/** The closing `\)` or `\]` ahead. */
function closerAhead(close: number): Construct {
  return {
    partial: true,
    tokenize(effects, ok, nok) {
      return (code: Code) => {
        effects.enter('colophonTexCheck');
        effects.consume(code);
        return (next: Code) => {
          effects.exit('colophonTexCheck');
          return next === close ? ok(next) : nok(next);
        };
      };
    },
  };
}

/** Only spaces and line endings until the end of the text: `\[…\]` was its whole paragraph. */
const endOfText: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return rest;
    function rest(code: Code): State | undefined {
      if (code === null) return ok(code);
      if (markdownLineEnding(code) || unicodeWhitespace(code) || code < 0) {
        effects.enter('colophonTexCheck');
        effects.consume(code);
        effects.exit('colophonTexCheck');
        return rest;
      }
      return nok(code);
    }
  },
};
