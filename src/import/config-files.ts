import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { isFile, isMap } from './source.js';

/** Reading another generator's config file (TOML, YAML or JSON) with the real parsers. */
export function readConfigFile(
  root: string,
  names: readonly string[],
): { file: string; data: Record<string, unknown> } | undefined {
  for (const name of names) {
    const abs = path.join(root, name);
    if (!isFile(abs)) continue;
    const text = readFileSync(abs, 'utf8');
    const data: unknown = name.endsWith('.toml')
      ? parseToml(text)
      : name.endsWith('.json')
        ? JSON.parse(text)
        : parseYaml(text);
    return { file: name, data: isMap(data) ? data : {} };
  }
  return undefined;
}

/** `en-gb`, `en_GB` -> `en-GB` (BCP 47 case). */
export function languageTag(code: string | undefined): string {
  if (!code) return 'en';
  const [lang, ...rest] = code.replace(/_/g, '-').split('-');
  return [lang!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join(
    '-',
  );
}

/** A base URL with a trailing slash, or a placeholder (reported) when the site had none. */
export function baseUrlOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^/\s]/.test(url)) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Lower-cased keys, recursively (Hugo reads params case-insensitively). */
export function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (!isMap(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
}
