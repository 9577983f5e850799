import {
  markdownLineEnding,
  unicodePunctuation,
  unicodeWhitespace,
} from 'micromark-util-character';
import type { Code, Construct, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

const COLON = 58;
const DASH = 45;
const UNDERSCORE = 95;
const LEFT_BRACKET = 91;
const LEFT_BRACE = 123;

/**
 * Keeps prose with colons what it was before directives existed.
 *
 * remark-directive reads `:name` anywhere in text as a text directive, so `note:this`,
 * `C:Windows` or `contact:me@example.com` would lose their colon (and the e-mail its autolink).
 * A text directive is only taken when its name is followed by a label or attributes
 * (`:abbr[HTML]{title="…"}`, `:kbd[Ctrl]`, `:today{}`); any other colon is plain text, decided
 * here before remark-directive sees it. Only the colon itself is consumed, so what follows is
 * parsed exactly as without directives (autolinks, emphasis, ...).
 *
 * Leaf (`::name`) and container (`:::name`) directives start a line and are left to
 * remark-directive: prose lines do not start with colons.
 */
export default function remarkColonGuard(this: Processor) {
  const data = this.data();
  // Extensions added later are tried first (micromark-util-combine-extensions puts them before).
  (data.micromarkExtensions ??= []).push({ text: { [COLON]: plainColon } });
}

const plainColon: Construct = {
  name: 'colophonPlainColon',
  // As remark-directive's: a colon right after another (unescaped) one starts nothing, so
  // `std::vector` stays text. (micromark asks this only to decide where constructs may start.)
  previous(this: TokenizeContext, code: Code) {
    return code !== COLON || this.events[this.events.length - 1]?.[1].type === 'characterEscape';
  },
  tokenize(effects, ok, nok) {
    return (code: Code) => effects.check(labelledDirective, nok, consume)(code);
    function consume(code: Code): State | undefined {
      effects.enter('data');
      effects.consume(code);
      effects.exit('data');
      return ok;
    }
  },
};

/** `:name[` or `:name{` ahead, named as remark-directive names (micromark's factoryName). */
const labelledDirective: Construct = {
  partial: true,
  tokenize(this: TokenizeContext, effects, ok, nok) {
    let last: Code = null;
    return start;
    function start(code: Code): State | undefined {
      effects.enter('colophonColonCheck');
      effects.consume(code);
      return first;
    }
    function first(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || stop(code)) return nok(code);
      last = code;
      effects.consume(code);
      return name;
    }
    function name(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || (stop(code) && !inName(code))) {
        effects.exit('colophonColonCheck');
        if (last === DASH || last === UNDERSCORE) return nok(code);
        return code === LEFT_BRACKET || code === LEFT_BRACE ? ok(code) : nok(code);
      }
      last = code;
      effects.consume(code);
      return name;
    }
  },
};

function stop(code: Code): boolean {
  return unicodePunctuation(code) || unicodeWhitespace(code);
}

function inName(code: Code): boolean {
  return code === DASH || code === UNDERSCORE;
}
