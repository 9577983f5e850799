import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { error, type Diagnostic, type SourceSpan } from '../diagnostics/index.js';
import { parseContentDate } from '../util/dates.js';
import { yamlHint } from './yaml-hints.js';

/** Front matter larger than this is refused: no honest post needs it, and YAML can explode. */
const MAX_FRONT_MATTER = 64 * 1024;

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Position of a key (or of its value, when `value` is true), for diagnostics. */
  locate(path: readonly (string | number)[], value?: boolean): SourceSpan;
}

export type SplitResult = { ok: true; fm: FrontMatter } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Split front matter from the body with gray-matter, parsing YAML with the `yaml` package (YAML
 * 1.2 core schema: dates stay strings and are checked strictly later; duplicate keys are errors)
 * and TOML (`+++`) with smol-toml. Always passes an options object: gray-matter caches results
 * by input when called without one and hands back the same (possibly mutated) data object.
 */
export function splitFrontMatter(text: string, file: string): SplitResult {
  const at = (line: number, column: number): SourceSpan => ({ file, line, column });
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const fence = firstLine.trimEnd();
  const isToml = fence === '+++';
  const isYaml = fence === '---' || fence === '---yaml';
  if (!isToml && !isYaml) return { ok: true, fm: noFrontMatter(text, file) };

  const lines = text.split(/\r?\n/);
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === (isToml ? '+++' : '---'));
  if (close < 0) {
    return fail(
      error(
        'front-matter/unclosed',
        `Front matter opened with "${fence}" on line 1 is never closed. Add a line with "${isToml ? '+++' : '---'}" after the last key.`,
        at(1, 1),
      ),
    );
  }
  const raw = lines.slice(1, close).join('\n');
  if (raw.length > MAX_FRONT_MATTER) {
    return fail(
      error(
        'front-matter/too-large',
        `Front matter is ${raw.length} bytes, over the ${MAX_FRONT_MATTER}-byte limit. Move long text into the body.`,
        at(1, 1),
      ),
    );
  }

  const diagnostics: Diagnostic[] = [];
  let locator: (p: readonly (string | number)[], value?: boolean) => SourceSpan = () => at(2, 1);
  // The engines parse `raw` (file lines 2..close), not the string gray-matter hands them: that one
  // starts with the newline after the opening fence (and keeps "\r" with CRLF), which put every
  // reported front-matter position one line too low.
  const engines = {
    yaml: (): object => {
      const { data, locate, errors } = parseYaml(raw, file);
      diagnostics.push(...errors);
      locator = locate;
      return data as object;
    },
    toml: (): object => {
      const { data, locate, errors } = parseTomlFm(raw, file);
      diagnostics.push(...errors);
      locator = locate;
      return data as object;
    },
  };
  const parsed = matter(text, {
    language: isToml ? 'toml' : 'yaml',
    delimiters: isToml ? '+++' : '---',
    engines,
  });
  if (diagnostics.length) return { ok: false, diagnostics };
  const data = parsed.data as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(
      error(
        'front-matter/not-a-map',
        'Front matter must be a map of keys to values (e.g. "title: My post").',
        at(2, 1),
      ),
    );
  }
  const bodyLine = close + 2;
  const body = lines.slice(close + 1).join('\n');
  return {
    ok: true,
    fm: { data: data as Record<string, unknown>, body, bodyLine, locate: (p, v) => locator(p, v) },
  };
}

function noFrontMatter(text: string, file: string): FrontMatter {
  return { data: {}, body: text, bodyLine: 1, locate: () => ({ file, line: 1, column: 1 }) };
}

const fail = (d: Diagnostic): SplitResult => ({ ok: false, diagnostics: [d] });

function parseYaml(src: string, file: string) {
  const counter = new LineCounter();
  const doc = parseDocument(src, {
    lineCounter: counter,
    uniqueKeys: true,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
  });
  // Lines are offset by one: the YAML starts on the line after the opening fence.
  const span = (offset: number): SourceSpan => {
    const p = counter.linePos(offset);
    return { file, line: p.line + 1, column: p.col };
  };
  const errors: Diagnostic[] = [];
  for (const e of doc.errors) {
    const dup = e.code === 'DUPLICATE_KEY';
    errors.push(
      error(
        dup ? 'front-matter/duplicate-key' : 'front-matter/invalid-yaml',
        dup
          ? `${duplicateKey(src, e.pos[0])} Each key may appear once; remove or merge the repeated one.`
          : `Invalid YAML: ${yamlHint(e.code, src, e.pos[0]) ?? `${firstSentence(e.message)}. Check indentation, quoting and colons.`}`,
        span(e.pos[0]),
      ),
    );
  }
  let data: unknown = {};
  if (!errors.length) {
    try {
      data = doc.toJS({ maxAliasCount: 50 }) ?? {};
    } catch (e) {
      errors.push(
        error(
          'front-matter/invalid-yaml',
          `Invalid YAML: ${firstSentence(String((e as Error).message))}. Avoid deeply repeated aliases.`,
          span(0),
        ),
      );
    }
  }
  const locate = (path: readonly (string | number)[], value = false): SourceSpan =>
    locateYaml(doc, path, value, span);
  return { data, locate, errors };
}

/** Name the repeated key ("Map keys must be unique" alone does not say which one). */
function duplicateKey(src: string, offset: number): string {
  const key = /^["']?([^"':\n]+?)["']?\s*:/.exec(src.slice(offset))?.[1];
  return key ? `Key "${key}" appears more than once.` : 'A key appears more than once.';
}

function locateYaml(
  doc: Document,
  path: readonly (string | number)[],
  value: boolean,
  span: (o: number) => SourceSpan,
): SourceSpan {
  // Walk down as far as the path exists; point at the deepest key or value found.
  let node: unknown = doc.contents;
  let best = 0;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(key),
      );
      if (!pair) break;
      const last = i === path.length - 1;
      const target = last && !value ? pair.key : (pair.value ?? pair.key);
      const range = (target as { range?: [number, number, number] } | null)?.range;
      if (range) best = range[0];
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && typeof key === 'number') {
      const item = (node as { items: unknown[] }).items[key];
      const range = (item as { range?: [number, number, number] } | undefined)?.range;
      if (range) best = range[0];
      node = item;
    } else break;
  }
  return span(best);
}

function parseTomlFm(src: string, file: string) {
  const errors: Diagnostic[] = checkTomlDates(src, file);
  let data: unknown = {};
  try {
    if (!errors.length) data = normaliseToml(parseToml(src));
  } catch (e) {
    if (e instanceof TomlError) {
      errors.push(
        error(
          'front-matter/invalid-toml',
          `Invalid TOML: ${firstSentence(e.message)}. Check quoting and "key = value" syntax.`,
          { file, line: e.line + 1, column: e.column },
        ),
      );
    } else throw e;
  }
  const srcLines = src.split('\n');
  const locate = (path: readonly (string | number)[]): SourceSpan => {
    const key = [...path].reverse().find((k) => typeof k === 'string');
    // `key = value`, or a table `[key]` (Hugo's `[params]`).
    const k = key === undefined ? '' : `["']?${escapeRe(String(key))}["']?`;
    const idx =
      key === undefined
        ? -1
        : srcLines.findIndex((l) => new RegExp(`^\\s*(?:${k}\\s*=|\\[\\s*${k}\\s*[\\].])`).test(l));
    if (idx < 0) return { file, line: 2, column: 1 };
    return { file, line: idx + 2, column: srcLines[idx]!.search(/\S/) + 1 };
  };
  return { data, locate, errors };
}

/**
 * smol-toml rolls impossible dates over (2024-02-30 becomes March 1). TOML calls them invalid,
 * and so do we: check every bare date literal before parsing.
 */
function checkTomlDates(src: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  src.split('\n').forEach((line, i) => {
    const m =
      /^(\s*[\w."'-]+\s*=\s*)(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?)\s*(?:#.*)?$/.exec(
        line,
      );
    if (m && !parseContentDate(m[2]!)) {
      out.push(
        error(
          'front-matter/invalid-date',
          `"${m[2]}" is not a real calendar date. Use an existing date in YYYY-MM-DD form.`,
          { file, line: i + 2, column: m[1]!.length + 1 },
        ),
      );
    }
  });
  return out;
}

/** TOML dates become the same strings YAML gives us, so one schema checks both. */
function normaliseToml(v: unknown): unknown {
  if (v instanceof TomlDate) return v.toISOString().replace(/T00:00:00(\.000)?Z$/, '');
  if (Array.isArray(v)) return v.map(normaliseToml);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseToml(x)]));
  }
  return v;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const firstSentence = (m: string) =>
  m
    .split('\n')[0]!
    .replace(/\s*at line \d+, column \d+:?\s*$/, '')
    .replace(/\.$/, '');
