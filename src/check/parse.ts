import { XMLValidator } from 'fast-xml-parser';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Why a file does not parse, and where (1-based). */
export interface ParseProblem {
  message: string;
  line: number;
  column: number;
  /** A character XML forbids (the fix is in the content), rather than broken markup. */
  character?: boolean;
}

const FORBIDDEN =
  /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|&#(x[0-9a-fA-F]+|[0-9]+);/gu;

/**
 * XML 1.0 well-formedness as feed readers see it. fast-xml-parser checks the markup (tags
 * balanced, attributes quoted, one root) but accepts characters XML forbids, which libxml2 and
 * expat refuse: a control character, U+FFFE/U+FFFF or a lone surrogate, written as such or as a
 * character reference. Those are found first.
 */
export function xmlProblem(text: string): ParseProblem | undefined {
  for (const m of text.matchAll(FORBIDDEN)) {
    const ref = m[1];
    const code = ref
      ? Number.parseInt(ref.startsWith('x') ? ref.slice(1) : ref, ref.startsWith('x') ? 16 : 10)
      : m[0].codePointAt(0)!;
    if (ref && allowedChar(code)) continue;
    const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ...lineColumn(text, m.index),
      message: ref
        ? `character reference ${m[0]} names ${name}, which XML 1.0 does not allow`
        : `character ${name}, which XML 1.0 does not allow`,
      character: true,
    };
  }
  const r = XMLValidator.validate(text);
  if (r === true) return undefined;
  return { message: r.err.msg, line: r.err.line, column: r.err.col };
}

const allowedChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

/**
 * JSON as `JSON.parse` takes it. Node 20's messages carry no position for most errors (and their
 * wording changes between versions), so the position and the wording come from jsonc-parser,
 * strict: no comments, no trailing commas.
 */
export function jsonProblem(text: string): ParseProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    if (!first) return { message: (e as Error).message.split('\n')[0]!, line: 1, column: 1 };
    const code = printParseErrorCode(first.error);
    return { message: JSON_ERRORS[code] ?? code, ...lineColumn(text, first.offset) };
  }
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes was expected here',
  ValueExpected: 'a value was expected here',
  ColonExpected: 'a colon was expected here',
  CommaExpected: 'a comma was expected here',
  CloseBraceExpected: 'a closing } was expected here',
  CloseBracketExpected: 'a closing ] was expected here',
  EndOfFileExpected: 'nothing may follow the value',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'JSON has no comments',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'unknown escape',
  InvalidCharacter: 'a control character inside a string',
};

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  // Columns count characters (code points), as editors do.
  return { line, column: [...text.slice(start, offset)].length + 1 };
}
