import { asciiDigit, markdownLineEnding, unicodeWhitespace } from 'micromark-util-character';
import type { Code, Construct, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

const DOLLAR = 36;

/**
 * Dollars are money until they are math: a single `$` opens inline math only under Pandoc's
 * rule, so `$100k … $50k` and `$ go generate … $ cat` stay text.
 *
 *   - the opening `$` has a non-space character right after it;
 *   - the closing `$` (the next lone `$`, as remark-math pairs them) has a non-space character
 *     right before it;
 *   - and no digit right after it.
 *
 * When the pair fails, the opening `$` is plain text and the next `$` may open math itself
 * (`$5 and $x$` has one formula, `x`). `$$…$$` inline is always math, as are `$$` blocks (neither
 * is looked at here). Runs before remark-math's construct (micromark tries later extensions
 * first), and consumes only the `$` it rejects, so the rest of the text parses as usual.
 */
export default function remarkPandocDollars(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ text: { [DOLLAR]: moneyDollar } });
}

const moneyDollar: Construct = {
  name: 'colophonMoneyDollar',
  // As remark-math's: a `$` right after another (unescaped) one starts nothing.
  previous(this: TokenizeContext, code: Code) {
    return code !== DOLLAR || this.events[this.events.length - 1]?.[1].type === 'characterEscape';
  },
  tokenize(effects, ok, nok) {
    return (code: Code) => effects.check(pandocMath, nok, consume)(code);
    function consume(code: Code): State | undefined {
      effects.enter('data');
      effects.consume(code);
      effects.exit('data');
      return ok;
    }
  },
};

/**
 * Succeeds when the `$` here opens math: a run of two or more (always math, remark-math's
 * business), or a lone `$` whose pair meets Pandoc's rule. The closing `$` is found the way
 * remark-math finds it: the next run of exactly one `$`, with nothing escaped in between.
 */
const pandocMath: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    let before: Code = null;
    return start;
    function start(code: Code): State | undefined {
      effects.enter('colophonDollarCheck');
      effects.consume(code);
      return afterOpen;
    }
    function afterOpen(code: Code): State | undefined {
      if (code === DOLLAR) return done(ok, code);
      if (code === null || space(code)) return done(nok, code);
      return inside(code);
    }
    function inside(code: Code): State | undefined {
      if (code === null) return done(nok, code);
      if (code === DOLLAR) {
        effects.consume(code);
        return closing;
      }
      before = code;
      effects.consume(code);
      return inside;
    }
    function closing(code: Code): State | undefined {
      // A longer run is content to remark-math; keep looking for a lone `$`.
      if (code === DOLLAR) {
        effects.consume(code);
        return longerRun;
      }
      if (space(before) || asciiDigit(code)) return done(nok, code);
      return done(ok, code);
    }
    function longerRun(code: Code): State | undefined {
      if (code === DOLLAR) {
        effects.consume(code);
        return longerRun;
      }
      before = DOLLAR;
      return inside(code);
    }
    function done(result: State, code: Code): State | undefined {
      effects.exit('colophonDollarCheck');
      return result(code);
    }
  },
};

function space(code: Code): boolean {
  return code === null || markdownLineEnding(code) || code < 0 || unicodeWhitespace(code);
}
