import type { Root } from 'hast';
import {
  applyColorReplacements,
  flatTokenVariants,
  isPlainLang,
  isSpecialLang,
  resolveColorReplacements,
  splitLines,
  tokensToHast,
  type CodeToHastOptions,
  type Highlighter,
  type ShikiTransformerContextCommon,
  type ThemedToken,
  type ThemedTokenWithVariants,
  type ThemeRegistrationResolved,
  type TokenStyles,
} from 'shiki';
import { Theme, INITIAL, type StateStack } from 'shiki/textmate';

/**
 * `codeToHast` for a light and a dark theme with ONE tokenization instead of one per theme.
 *
 * Why: shiki's multi-theme path runs the grammar (the regex engine, most of highlighting's cost)
 * once per theme and then aligns the two token streams. The grammar's scopes do not depend on
 * the theme; only the colours picked for them do. So we tokenize once with scopes
 * (`tokenizeLine`) and resolve each token's style in each theme with vscode-textmate's own
 * `Theme.match`, folding over the scope stack exactly as the tokenizer does for its metadata.
 * Measured on the benchmark corpus: about 1.6-2x faster per block (docs/decisions.md). The result is fed
 * to shiki's own `tokensToHast`, so transformers and markup are shiki's; a test compares the
 * colours of every character with shiki's `codeToHast` across languages.
 *
 * Plain text and special languages (ansi) go through shiki unchanged.
 */
export interface DualHighlightOptions {
  lang: string;
  themes: { light: string; dark: string };
  transformers: NonNullable<CodeToHastOptions['transformers']>;
  tokenizeTimeLimit: number;
}

type Style = { color?: string; fontStyle?: number };

interface ThemeMatcher {
  reg: ThemeRegistrationResolved;
  theme: Theme;
  colors: string[];
  replacements: ReturnType<typeof resolveColorReplacements>;
  /** Style per scope stack (joined with '\n'); a block has few distinct stacks. */
  memo: Map<string, Style>;
}

const matchers = new WeakMap<ThemeRegistrationResolved, ThemeMatcher>();

function matcherFor(reg: ThemeRegistrationResolved): ThemeMatcher {
  const known = matchers.get(reg);
  if (known) return known;
  const theme = Theme.createFromRawTheme(reg);
  const m: ThemeMatcher = {
    reg,
    theme,
    colors: theme.getColorMap(),
    replacements: resolveColorReplacements(reg),
    memo: new Map(),
  };
  matchers.set(reg, m);
  return m;
}

/** Scope path in the shape `Theme.match` walks (scopeName + parent), built root first. */
interface ScopePath {
  readonly parent: ScopePath | null;
  readonly scopeName: string;
}

/** The style the tokenizer would encode for this scope stack: later matches override. */
function styleOf(m: ThemeMatcher, scopes: string[]): Style {
  const key = scopes.join('\n');
  const known = m.memo.get(key);
  if (known) return known;
  const defaults = m.theme.getDefaults();
  let fontStyle = defaults.fontStyle;
  let foreground = defaults.foregroundId;
  let path: ScopePath | null = null;
  for (const scopeName of scopes) {
    path = { parent: path, scopeName };
    const s = m.theme.match(path as Parameters<Theme['match']>[0]);
    if (!s) continue;
    if (s.fontStyle !== -1) fontStyle = s.fontStyle;
    if (s.foregroundId !== 0) foreground = s.foregroundId;
  }
  const style: Style = {
    color: applyColorReplacements(m.colors[foreground] ?? '', m.replacements),
    fontStyle: fontStyle === -1 ? 0 : fontStyle,
  };
  m.memo.set(key, style);
  return style;
}

const same = (a: Style, b: Style) => a.color === b.color && a.fontStyle === b.fontStyle;

function tokenize(
  shiki: Highlighter,
  code: string,
  options: DualHighlightOptions,
  light: ThemeMatcher,
  dark: ThemeMatcher,
): ThemedTokenWithVariants[][] {
  const internal = shiki.getInternalContext();
  // tokenizeLine also computes metadata against the registry's current theme: any will do.
  internal.setTheme(options.themes.light);
  const grammar = internal.getLanguage(options.lang);
  let stack: StateStack = INITIAL;
  const lines: ThemedTokenWithVariants[][] = [];
  for (const [line, offset] of splitLines(code)) {
    const out: ThemedTokenWithVariants[] = [];
    lines.push(out);
    if (line === '') continue;
    const result = grammar.tokenizeLine(line, stack, options.tokenizeTimeLimit);
    stack = result.ruleStack;
    let prev: { l: Style; d: Style; token: ThemedTokenWithVariants } | undefined;
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end <= t.startIndex) continue;
      const l = styleOf(light, t.scopes);
      const d = styleOf(dark, t.scopes);
      // Adjacent tokens that look the same in both themes are one span, as in shiki.
      if (prev && same(prev.l, l) && same(prev.d, d)) {
        prev.token.content += line.slice(t.startIndex, end);
        continue;
      }
      const token: ThemedTokenWithVariants = {
        content: line.slice(t.startIndex, end),
        offset: offset + t.startIndex,
        variants: { light: { ...l } as TokenStyles, dark: { ...d } as TokenStyles },
      };
      out.push(token);
      prev = { l, d, token };
    }
  }
  return lines;
}

/** Whitespace-only tokens join the token after them (shiki's `mergeWhitespaces: true`). */
function mergeWhitespace(lines: ThemedToken[][]): ThemedToken[][] {
  return lines.map((line) => {
    const merged: ThemedToken[] = [];
    let carry = '';
    let carryOffset = 0;
    line.forEach((token, i) => {
      if (/^\s+$/.test(token.content) && line[i + 1]) {
        if (carry === '') carryOffset = token.offset;
        carry += token.content;
      } else if (carry !== '') {
        merged.push({ ...token, offset: carryOffset, content: carry + token.content });
        carry = '';
      } else merged.push(token);
    });
    return merged;
  });
}

export function codeToHastDual(
  shiki: Highlighter,
  code: string,
  options: DualHighlightOptions,
): Root {
  const hastOptions: CodeToHastOptions = {
    lang: options.lang,
    themes: options.themes,
    defaultColor: false,
    tokenizeTimeLimit: options.tokenizeTimeLimit,
    transformers: options.transformers,
  };
  if (isPlainLang(options.lang) || isSpecialLang(options.lang)) {
    return shiki.codeToHast(code, hastOptions);
  }
  const context: ShikiTransformerContextCommon = {
    meta: {},
    options: hastOptions,
    codeToHast: (c, o) => shiki.codeToHast(c, o as Parameters<Highlighter['codeToHast']>[1]),
    codeToTokens: (c, o) => shiki.codeToTokens(c, o as Parameters<Highlighter['codeToTokens']>[1]),
  };
  let input = code;
  for (const t of options.transformers)
    input = t.preprocess?.call(context, input, hastOptions) || input;

  const light = matcherFor(shiki.getTheme(options.themes.light));
  const dark = matcherFor(shiki.getTheme(options.themes.dark));
  const order = ['light', 'dark'];
  let tokens = mergeWhitespace(
    tokenize(shiki, input, options, light, dark).map((line) =>
      line.map((t) => flatTokenVariants(t, order, '--shiki-', false, 'css-vars')),
    ),
  );
  const source = { ...context, source: input };
  for (const t of options.transformers) tokens = t.tokens?.call(source, tokens) || tokens;

  const rootVar = (key: 'fg' | 'bg') =>
    [light, dark]
      .map((m, i) => {
        const value = applyColorReplacements(m.reg[key], m.replacements) || 'inherit';
        return `--shiki-${order[i]}${key === 'bg' ? '-bg' : ''}:${value}`;
      })
      .join(';');
  const fg = rootVar('fg');
  const bg = rootVar('bg');
  return tokensToHast(
    tokens,
    {
      ...hastOptions,
      fg,
      bg,
      themeName: `shiki-themes ${light.reg.name} ${dark.reg.name}`,
      rootStyle: `${fg};${bg}`,
    },
    source,
  );
}
