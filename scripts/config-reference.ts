import { z } from 'zod';
import { configSchema } from '../src/config/schema.js';
import { en } from '../src/config/strings/en.js';

/**
 * docs/config-reference.md, made from the config schema: `z.toJSONSchema` gives every key's
 * type, default and the description and examples its `.meta()` carries. `npm run docs:config`
 * writes it; tests/config/reference.test.ts fails when the committed file differs.
 */

interface Json {
  type?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  exampleCode?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Json[];
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: Json | boolean;
  items?: Json;
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

/** Top-level keys by section, in the order the reference shows them. */
export const SECTIONS: [string, string[]][] = [
  ['Site', ['title', 'description', 'baseUrl', 'language', 'author', 'menu']],
  ['Language', ['strings']],
  ['Theme', ['theme']],
  ['URLs and lists', ['permalinks', 'redirects', 'pagination', 'excerpt', 'related']],
  ['Feeds', ['feeds']],
  ['Markdown', ['markdown']],
  ['Search', ['search']],
  ['Images and social cards', ['images', 'socialCards']],
  ['Folders', ['snippets', 'outDir', 'cacheDir']],
  ['Hosting', ['host']],
  ['Diagnostics', ['rules']],
];

const HEADER = `# Configuration reference

<!-- Generated from src/config/schema.ts by \`npm run docs:config\`: edit the schema, not this file. -->

Every key of \`colophon.config.ts\`, generated from the schema that validates it. Every key but
\`title\` and \`baseUrl\` is optional. How the file is loaded and checked:
[configuration.md](configuration.md).
`;

export function configReference(): string {
  const root = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Json;
  const top = Object.keys(root.properties ?? {});
  const placed = SECTIONS.flatMap(([, keys]) => keys);
  const missing = top.filter((k) => !placed.includes(k));
  if (missing.length) throw new Error(`config keys in no section of the reference: ${missing}`);
  const out = [HEADER];
  for (const [heading, keys] of SECTIONS) {
    out.push(`## ${heading}\n`);
    out.push('| Key | Type | Default | Example | Meaning |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const key of keys) {
      const schema = root.properties?.[key];
      if (!schema) throw new Error(`the reference names "${key}", which the schema does not have`);
      out.push(...rows(key, schema, root.required?.includes(key) ?? false));
    }
    out.push('');
  }
  out.push(...stringsTable());
  return out.join('\n');
}

/** Every key of `strings` with its English text: what a site can replace. */
function stringsTable(): string[] {
  const out = [
    '## UI strings\n',
    'The keys of `strings`, with the English text (`{name}` is filled in; a plural shows its `one`',
    'and `other` forms). The tables of every language are in `src/config/strings/`.\n',
    '| Key | English |',
    '| --- | --- |',
  ];
  for (const [key, value] of Object.entries(en)) {
    const text =
      typeof value === 'string'
        ? code(literal(value))
        : Object.entries(value)
            .map(([form, t]) => `${form}: ${code(literal(t))}`)
            .join(', ');
    out.push(`| ${code(key)} | ${text.replaceAll('|', '\\|')} |`);
  }
  out.push('');
  return out;
}

/** One row per leaf key; an object with properties is its keys, `author.name`, .... */
function rows(keyPath: string, schema: Json, required: boolean): string[] {
  // An object documented as a whole (`strings`) is one row; any other object is its keys.
  if (schema.properties && schema.additionalProperties === false && !schema.description) {
    return Object.entries(schema.properties).flatMap(([k, s]) =>
      rows(`${keyPath}.${k}`, s, schema.required?.includes(k) ?? false),
    );
  }
  if (!schema.description) throw new Error(`config key "${keyPath}" has no description`);
  const example =
    schema.exampleCode ?? (schema.examples?.length ? literal(schema.examples[0]) : undefined);
  if (example === undefined) throw new Error(`config key "${keyPath}" has no example`);
  const cells = [
    code(keyPath),
    typeOf(schema) + (required ? ', required' : ''),
    'default' in schema ? code(literal(schema.default)) : '—',
    code(example),
    schema.description,
  ];
  return [`| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`];
}

function typeOf(s: Json): string {
  if (s.title) return s.title;
  if (s.enum) return s.enum.map((v) => code(literal(v))).join(' | ');
  if ('const' in s) return code(literal(s.const));
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.type + range(s);
    case 'array': {
      const least = s.minItems ? `, at least ${s.minItems}` : '';
      return `list of ${s.items ? plural(typeOf(s.items)) : 'values'}${least}`;
    }
    case 'object':
      if (s.properties) return `{ ${Object.keys(s.properties).join(', ')} }`;
      if (typeof s.additionalProperties === 'object')
        return `{ [key]: ${typeOf(s.additionalProperties)} }`;
      return 'object';
    case undefined:
      return 'any value';
    default:
      return s.type;
  }
}

function plural(type: string): string {
  return /^(string|integer|number|boolean|link)$/.test(type) ? `${type}s` : type;
}

function range(s: Json): string {
  // zod's .int() bounds every integer by the safe range; only bounds the schema sets are shown.
  const lo = s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER ? s.minimum : undefined;
  const hi = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (lo !== undefined && hi !== undefined) return ` ${lo}–${hi}`;
  if (lo !== undefined) return ` ≥ ${lo}`;
  if (hi !== undefined) return ` ≤ ${hi}`;
  return '';
}

/** A value as it is written in colophon.config.ts. */
function literal(v: unknown): string {
  if (typeof v === 'string') return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(
      ([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${literal(x)}`,
    );
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return String(v);
}

function code(s: string): string {
  return '`' + s + '`';
}
