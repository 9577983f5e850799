import { LiquidError, TokenizationError, UndefinedVariableError } from 'liquidjs';
import type { Token } from 'liquidjs';
import { error } from '../diagnostics/index.js';
import type { Diagnostic, SourceSpan } from '../diagnostics/index.js';
import type { TemplateFile, TemplateStore } from './store.js';

/**
 * Rule ids of the render stage (documented in docs/diagnostics.md):
 *
 * - `template/syntax-error`      a template does not parse (unclosed tag, unknown tag or filter)
 * - `template/missing-partial`   `{% include %}`, `{% render %}` or `{% layout %}` names no file
 * - `template/dynamic-partial`   a partial name that is not a string literal (cannot be tracked)
 * - `template/recursion`         a template includes itself, directly or through others
 * - `template/undefined-variable` a variable that the page's view-model does not have
 * - `template/render-error`      anything else that fails while rendering (limits, filter errors)
 */
export const RULES = {
  syntax: 'template/syntax-error',
  missingPartial: 'template/missing-partial',
  dynamicPartial: 'template/dynamic-partial',
  recursion: 'template/recursion',
  undefinedVariable: 'template/undefined-variable',
  renderError: 'template/render-error',
} as const;

/** Span of a LiquidJS token, resolving its virtual file key to a project-relative path. */
export function spanOf(
  token: Token | undefined,
  store: TemplateStore,
  fallback?: TemplateFile,
  candidates?: readonly TemplateFile[],
): SourceSpan | undefined {
  const file = token ? fileOfToken(token, store, candidates) : undefined;
  const chosen = file ?? fallback;
  if (!chosen) return undefined;
  if (!token || !file) return { file: chosen.displayPath, line: 1, column: 1 };
  const [line, column] = token.getPosition();
  return { file: chosen.displayPath, line: line ?? 1, column: column ?? 1 };
}

/**
 * LiquidJS leaves `token.file` empty on tokens created while evaluating an expression (that is
 * where undefined-variable errors come from), but every token keeps the full source text it was
 * cut from: that text identifies the file. Prefer files the page actually uses.
 */
function fileOfToken(
  token: Token,
  store: TemplateStore,
  candidates?: readonly TemplateFile[],
): TemplateFile | undefined {
  if (token.file) {
    const f = store.files.get(token.file);
    if (f) return f;
  }
  const same = store.filesWithSource(token.input);
  if (same.length === 0) return undefined;
  if (candidates) {
    const used = same.find((f) => candidates.includes(f));
    if (used) return used;
  }
  return same[0];
}

/** LiquidJS appends `, file:..., line:..., col:...` to messages; the diagnostic has its own span. */
export function liquidMessage(err: Error): string {
  const inner = (err as { originalError?: Error }).originalError;
  const base = inner?.message ?? err.message;
  return base.replace(/,( file:.*?,)? line:\d+, col:\d+$/s, '').trim();
}

/** Convert an error thrown by LiquidJS while parsing a template file into a diagnostic. */
export function parseErrorToDiagnostic(
  err: unknown,
  store: TemplateStore,
  file: TemplateFile,
): Diagnostic {
  if (err instanceof LiquidError) {
    const msg = liquidMessage(err);
    const span = spanOf(err.token, store, file);
    const filter = /^undefined filter: (.+)$/.exec(msg);
    if (filter) {
      return error(
        RULES.syntax,
        `Unknown filter \`${filter[1]}\`. Check its spelling; templates can use LiquidJS's standard filters and Colophon's \`json\` filter.`,
        span,
      );
    }
    const stray = /^tag "(end\w+)" not found$/.exec(msg);
    if (stray && span) {
      const open = unclosedBefore(file.source, err.token.begin, stray[1]!);
      if (open) {
        return error(
          RULES.syntax,
          `\`${open.text}\` is never closed: LiquidJS met \`{% ${stray[1]} %}\` at line ${span.line} first. Add \`{% end${open.name} %}\` where that block should end.`,
          { file: file.displayPath, line: open.line, column: open.column },
        );
      }
    }
    const what = err instanceof TokenizationError ? 'cannot be read' : 'does not parse';
    return error(
      RULES.syntax,
      `The template ${what}: ${msg}. Fix the tag or output at this position (every \`{% tag %}\` that opens a block needs its \`{% end… %}\`).`,
      span,
    );
  }
  return error(
    RULES.syntax,
    `The template could not be parsed: ${err instanceof Error ? err.message : String(err)}.`,
    { file: file.displayPath, line: 1, column: 1 },
  );
}

/** Convert an error thrown while rendering a page into a diagnostic. */
export function renderErrorToDiagnostic(
  err: unknown,
  store: TemplateStore,
  root: TemplateFile,
  used: readonly TemplateFile[],
  template: string,
  pageUrl: string | undefined,
): Diagnostic {
  const hint = pageUrl ? `while rendering ${pageUrl} with the \`${template}\` template` : undefined;
  if (err instanceof UndefinedVariableError) {
    const inner = (err as { originalError?: { variableName?: string } }).originalError;
    const name = inner?.variableName ?? liquidMessage(err).replace(/^undefined variable: /, '');
    return error(
      RULES.undefinedVariable,
      `\`${name}\` is not part of the \`${template}\` view-model (see src/routes/view-model.ts). Check the spelling, or guard an optional field with \`{% if … %}\`.`,
      spanOf(err.token, store, root, used),
      hint,
    );
  }
  if (err instanceof LiquidError) {
    const inner = (err as { originalError?: Error & { code?: string } }).originalError;
    const span = spanOf(err.token, store, root, used);
    const msg = liquidMessage(err);
    if (inner?.code === 'ENOENT') {
      const name = /Failed to lookup "([^"]*)"/.exec(msg)?.[1] ?? msg;
      return error(
        RULES.missingPartial,
        `The template \`${name}\` does not exist in the site's templates/ folder nor in the default theme. Create it or fix the name.`,
        span,
        hint,
      );
    }
    if (isStackOverflow(inner)) return recursionAtRuntime(span, hint);
    if (/render limit exceeded/.test(msg)) {
      return error(
        RULES.renderError,
        `Rendering took longer than the render limit; a loop or include probably never ends. Look for a template that includes itself or loops over a huge range.`,
        span,
        hint,
      );
    }
    if (/memory alloc limit exceeded/.test(msg)) {
      return error(
        RULES.renderError,
        `Rendering built more text than the memory limit allows; look for a loop that keeps appending to a string.`,
        span,
        hint,
      );
    }
    return error(RULES.renderError, `The template failed while rendering: ${msg}.`, span, hint);
  }
  if (isStackOverflow(err)) return recursionAtRuntime(undefined, hint);
  const msg = err instanceof Error ? err.message : String(err);
  return error(
    RULES.renderError,
    `The template failed while rendering: ${msg}.`,
    { file: root.displayPath, line: 1, column: 1 },
    hint,
  );
}

const BLOCK_TAGS = new Set(['if', 'unless', 'for', 'case', 'capture', 'block', 'tablerow']);

/**
 * When LiquidJS stumbles on an end tag that closes nothing (`tag "endblock" not found`), the real
 * mistake is usually an earlier block tag that was never closed. Find the innermost block still
 * open at `offset` (best effort: a plain scan of `{% … %}` tags, skipping raw and comment bodies).
 */
function unclosedBefore(
  source: string,
  offset: number,
  endTag: string,
): { name: string; text: string; line: number; column: number } | undefined {
  const stack: { name: string; text: string; at: number }[] = [];
  const tagRe = /\{%-?\s*(\w+)[^]*?-?%\}/g;
  let m: RegExpExecArray | null;
  while ((m = tagRe.exec(source)) && m.index < offset) {
    const name = m[1]!;
    if (name === 'raw' || name === 'comment') {
      const close = source.indexOf(`end${name}`, tagRe.lastIndex);
      if (close < 0) break;
      tagRe.lastIndex = close;
      continue;
    }
    if (BLOCK_TAGS.has(name)) stack.push({ name, text: m[0], at: m.index });
    else if (name.startsWith('end') && stack.at(-1)?.name === name.slice(3)) stack.pop();
  }
  const open = stack.at(-1);
  if (!open || `end${open.name}` === endTag) return undefined;
  const before = source.slice(0, open.at);
  const line = before.split('\n').length;
  const column = open.at - before.lastIndexOf('\n');
  return { name: open.name, text: open.text, line, column };
}

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

function recursionAtRuntime(span: SourceSpan | undefined, hint: string | undefined): Diagnostic {
  return error(
    RULES.recursion,
    'Rendering recursed without end: a template includes itself. Replace the recursion with a loop.',
    span,
    hint,
  );
}
