import { hashParts } from './cache.js';
import type { MarkdownOptions, PluginSpec } from './types.js';
import { markdownVersion } from '../cache/keys.js';
import { pipelineVersions } from './versions.js';

/** Changes whenever output for the same input could: our code, dependency versions, options. */
export function markdownDigest(options: MarkdownOptions): string {
  const { remarkPlugins, rehypePlugins, ...plain } = options;
  return hashParts([
    markdownVersion(),
    JSON.stringify(pipelineVersions()),
    JSON.stringify(plain),
    ...remarkPlugins.map(describePlugin),
    '--rehype--',
    ...rehypePlugins.map(describePlugin),
  ]);
}

/** A user plugin's identity for the digest: its source text and its options. */
function describePlugin(spec: PluginSpec): string {
  const [fn, settings] = Array.isArray(spec) ? spec : [spec, undefined];
  let json: string;
  try {
    json =
      JSON.stringify(settings, (_key, value: unknown) =>
        typeof value === 'function' ? String(value) : value,
      ) ?? '';
  } catch {
    json = '[unserializable options]';
  }
  return `${fn.name}\n${String(fn)}\n${json}`;
}
